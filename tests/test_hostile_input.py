"""Hostile input (issue 11, the reading side): each bad record or file becomes a row, never a
crash or a silent loss, and markup in corpus data never survives as markup."""

from __future__ import annotations

import json
import os
import re
import tempfile
import warnings
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import CorpusWarning, load_corpus, parse, schema
from analysis.corpus import clean_text, concat_loaded, iter_batches
from analysis.pipeline import parse_to_store

AR = "قال وزير الدفاع الياباني إن التعاون مستمر.\nوأضاف أن الاجتماع ناجح."
# What a browser would take for the start of markup: "<" then a letter, "/", "!" or "?".
MARKUP_RE = re.compile(r"<[A-Za-z/!?][^<>]*>")


def _load(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        loaded = load_corpus(path)
    schema.check(loaded.articles, "articles")
    schema.check(loaded.errors, "errors")
    return loaded


def _parse_both(path, tmp_path):
    """The same corpus through ``parse(cache=False)`` and the cached (Parquet) path."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        mem = parse(path, cache=False, workers=1, progress=False)
        cached = parse(path, cache=tmp_path / "store", workers=1, progress=False)
    for parsed in (mem, cached):
        schema.check(parsed.articles, "articles")
        schema.check(parsed.errors, "errors")
    return mem, cached


def _row(errors, pattern, **where):
    """The one error row whose reason matches ``pattern`` (and the given columns)."""
    hits = errors[errors["reason"].str.contains(pattern, regex=True)]
    for col, value in where.items():
        hits = hits[hits[col] == value]
    assert len(hits) == 1, f"{pattern!r} {where}: {errors.to_dict('records')}"
    return hits.iloc[0]


def _jsonl(path, records, *, ascii_only=False):
    lines = [json.dumps(r, ensure_ascii=ascii_only) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _doc(i, **extra):
    return {"id": f"d{i}", "text": f"{AR} {i}", **extra}


# --- 1. markup in corpus data ----------------------------------------------------------------

PAYLOADS = [
    "&lt;img src=x onerror=alert(1)&gt;",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<scr<b>ipt>alert(1)</script>",
    "&#60;iframe src=javascript:alert(1)&#62;",
    "<!-- x --><a href=javascript:alert(1)>x</a>",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markup_in_every_field_is_removed_after_decoding(tmp_path, payload):
    rec = {"id": f"id{payload}", "title": f"عنوان {payload}", "source": payload}
    path = _jsonl(tmp_path / "x.jsonl", [{**rec, "text": f"{AR} {payload} a < b > c"}, _doc(2)])
    loaded = _load(path)
    assert len(loaded.articles) == 2
    art = loaded.articles.iloc[0]
    for col in ("doc_id", "title", "source", "text"):
        assert not MARKUP_RE.search(art[col]), (col, art[col])
    assert "a < b > c" in art["text"]  # prose comparisons stay
    assert "HTML markup removed" in " ".join(loaded.errors["reason"])


def test_decoding_happens_once():
    text, notes = clean_text("&amp;lt;b&amp;gt; و &lt;b&gt;نص")
    assert text == "&lt;b&gt; و نص"
    assert notes == ["HTML entities decoded", "HTML markup removed"]


def test_ids_are_data_never_paths(tmp_path):
    ids = ["../../evil", "/etc/passwd", "a\x00b/..", "saudinewsnet/2015-08-10/0"]
    path = _jsonl(tmp_path / "ids.jsonl", [{"id": i, "text": AR} for i in ids])
    before = set(tmp_path.rglob("*"))
    mem, cached = _parse_both(path, tmp_path)
    expected = ["../../evil", "/etc/passwd", "ab/..", "saudinewsnet/2015-08-10/0"]
    assert list(mem.articles["doc_id"]) == list(cached.articles["doc_id"]) == expected
    _row(mem.errors, "^id: control characters removed", doc_id="ab/..")
    made = set(tmp_path.rglob("*")) - before
    assert all(p.is_relative_to(tmp_path / "store") for p in made)
    assert not any("evil" in p.name or "passwd" in p.name for p in tmp_path.parent.rglob("*"))


# --- 4. one record never stops the run -------------------------------------------------------


def test_tz_aware_published_in_jsonl(tmp_path):
    dates = ["2015-08-10T23:30:00+03:00", "2015-08-10T01:00:00Z", "2015-08-10T12:00:00-05:30"]
    recs = [_doc(i, published=d) for i, d in enumerate(dates)] + [_doc(9, date="2015-08-11")]
    path = _jsonl(tmp_path / "tz.jsonl", recs)
    for parsed in _parse_both(path, tmp_path):
        arts = parsed.articles.set_index("doc_id")
        assert list(arts.index) == ["d0", "d1", "d2", "d9"]
        # The local wall-clock time is kept (the date a reader of that paper saw).
        assert arts.loc["d0", "published"] == pd.Timestamp("2015-08-10 23:30")
        assert arts.loc["d1", "published"] == pd.Timestamp("2015-08-10 01:00")
        assert arts.loc["d2", "published"] == pd.Timestamp("2015-08-10 12:00")
        row = _row(parsed.errors, r"UTC offset \+03:00 dropped", doc_id="d0")
        assert row["severity"] == "warning"
        _row(parsed.errors, "UTC offset Z dropped", doc_id="d1")


def test_tz_aware_parquet_column(tmp_path):
    when = pd.to_datetime(["2015-08-10 23:30", "2015-08-11 08:00"]).tz_localize("Asia/Riyadh")
    pd.DataFrame({"id": ["a", "b"], "text": [AR, AR], "published": when}).to_parquet(
        tmp_path / "tz.parquet"
    )
    for parsed in _parse_both(tmp_path / "tz.parquet", tmp_path):
        assert list(parsed.articles["published"]) == [
            pd.Timestamp("2015-08-10 23:30"),
            pd.Timestamp("2015-08-11 08:00"),
        ]
        _row(parsed.errors, r"UTC offset \+0300 dropped", doc_id="b")


def test_lone_surrogate_escape_is_replaced(tmp_path):
    recs = [{"id": "s", "text": f"{AR}\ud800", "title": "\udfff"}, _doc(2)]
    path = _jsonl(tmp_path / "sur.jsonl", recs, ascii_only=True)
    assert "\\ud800" in path.read_text()
    for parsed in _parse_both(path, tmp_path):
        arts = parsed.articles.set_index("doc_id")
        assert list(arts.index) == ["s", "d2"]
        assert arts.loc["s", "text"] == AR + "\ufffd"
        assert arts.loc["s", "title"] == "\ufffd"
        row = _row(parsed.errors, "^lone surrogate", doc_id="s")
        assert row["line"] == 1 and row["severity"] == "warning"
        _row(parsed.errors, "^title: lone surrogate", doc_id="s")


def test_deeply_nested_json_is_one_error_row(tmp_path):
    deep = '{"id": "deep", "text": ' + "[" * 5000 + "]" * 5000 + "}"
    path = tmp_path / "deep.jsonl"
    path.write_text(
        json.dumps(_doc(1), ensure_ascii=False) + "\n" + deep + "\n" + json.dumps(_doc(3)) + "\n",
        encoding="utf-8",
    )
    for parsed in _parse_both(path, tmp_path):
        assert list(parsed.articles["doc_id"]) == ["d1", "d3"]
        row = _row(parsed.errors, "nested too deeply", line=2)
        assert row["severity"] == "error" and row["path"] == str(path)


# --- 5. silent wrong data --------------------------------------------------------------------


def test_hijri_published_is_converted_with_a_warning(tmp_path):
    recs = [
        _doc(0, published="1436-10-01"),
        _doc(1, published="١٤٣٦/١٠/٠١ هـ"),
        _doc(2, published="2015-07-17"),
    ]
    loaded = _load(_jsonl(tmp_path / "h.jsonl", recs))
    assert (loaded.articles["published"] == pd.Timestamp("2015-07-17")).all()
    row = _row(loaded.errors, "Hijri date '1436-10-01' converted to Gregorian 2015-07-17")
    assert row["doc_id"] == "d0" and row["severity"] == "warning"
    _row(loaded.errors, "Hijri date .* converted", doc_id="d1")


def test_parquet_integer_epoch_by_magnitude(tmp_path):
    df = pd.DataFrame(
        {"id": ["s", "ms", "one"], "text": [AR] * 3, "published": [1439164800, 1439164800000, 1]}
    )
    df.to_parquet(tmp_path / "e.parquet")
    loaded = _load(tmp_path / "e.parquet")
    pub = loaded.articles.set_index("doc_id")["published"]
    assert pub["s"] == pub["ms"] == pd.Timestamp("2015-08-10")
    assert pub["one"] == pd.Timestamp("1970-01-01 00:00:01")  # what it says, but flagged
    _row(loaded.errors, "read as seconds since 1970", doc_id="s")
    _row(loaded.errors, "read as milliseconds since 1970", doc_id="ms")
    _row(loaded.errors, "read as seconds since 1970", doc_id="one")


def test_slash_dates_are_day_first(tmp_path):
    recs = [_doc(0, published="10/08/2015"), _doc(1, published="08/25/2015")]
    loaded = _load(_jsonl(tmp_path / "d.jsonl", recs))
    pub = list(loaded.articles["published"])
    assert pub == [pd.Timestamp("2015-08-10"), pd.Timestamp("2015-08-25")]
    _row(loaded.errors, "cannot be day-first; read month-first", doc_id="d1")


def test_dates_do_not_depend_on_the_batch(tmp_path):
    odd = ["10/08/2015", "Mon, 10 Aug 2015 12:00:00 +0300", "1436-10-01", "nonsense", ""]
    recs = [_doc(i, published=f"2015-08-{1 + i % 28:02d}") for i in range(60)]
    for i, value in enumerate(odd):
        recs[7 * i + 3]["published"] = value
    path = _jsonl(tmp_path / "b.jsonl", recs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        by = {n: concat_loaded(iter_batches(path, batch_size=n)) for n in (1, 7, 1000)}
    pub = {n: list(loaded.articles["published"]) for n, loaded in by.items()}
    assert pub[1] == pub[7] == pub[1000]
    assert sum(pd.isna(p) for p in pub[1]) == 2  # "nonsense" and ""
    assert pub[1][3] == pd.Timestamp("2015-08-10")
    _row(by[7].errors, "unreadable publication date 'nonsense'")
    # The pipeline's store, built batch by batch, agrees.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        for n in (5, 4000):
            parse_to_store(path, tmp_path / f"s{n}", batch_size=n, workers=1, progress=False)
    stores = [pd.read_parquet(tmp_path / f"s{n}" / "articles.parquet") for n in (5, 4000)]
    assert [sorted(s["published"].dropna()) for s in stores] == [
        sorted(pd.Series(pub[1]).dropna())
    ] * 2


def test_text_as_list_or_dict(tmp_path):
    recs = [
        {"id": "list", "text": ["فقرة أولى", "فقرة ثانية"]},
        {"id": "dict", "text": {"ar": AR}},
        {"id": "mixed", "text": [AR, 3]},
        {"id": "num", "text": 12},
        _doc(5),
    ]
    loaded = _load(_jsonl(tmp_path / "t.jsonl", recs))
    arts = loaded.articles.set_index("doc_id")
    assert list(arts.index) == ["list", "d5"]
    assert arts.loc["list", "text"] == "فقرة أولى\n\nفقرة ثانية"
    _row(loaded.errors, "text is a list of 2 strings; joined", doc_id="list")
    for doc_id, kind in (("dict", "dict"), ("mixed", "list"), ("num", "int")):
        row = _row(loaded.errors, f"text is a {kind} .*not a string; skipped", doc_id=doc_id)
        assert row["severity"] == "error"
        assert "{'ar'" not in " ".join(arts["text"])


@pytest.mark.parametrize("order", [["x~2", "x", "x"], ["x", "x", "x~2"], ["x", "x~2", "x", "x"]])
def test_duplicate_ids_are_unique_whatever_the_order(tmp_path, order):
    path = _jsonl(tmp_path / "dup.jsonl", [{"id": i, "text": AR} for i in order])
    loaded = _load(path)
    ids = list(loaded.articles["doc_id"])
    assert len(ids) == len(order) and len(set(ids)) == len(ids)
    assert ids[: order.index("x") + 1] == order[: order.index("x") + 1]
    renamed = loaded.errors[loaded.errors["reason"].str.startswith("duplicate doc_id")]
    assert len(renamed) >= len(order) - len(set(order))
    assert sum(a == b for a, b in zip(ids, order, strict=True)) == len(order) - len(renamed)


def test_legacy_and_mixed_encodings_are_decoded_per_line(tmp_path):
    lines = [
        json.dumps(_doc(1), ensure_ascii=False).encode("utf-8"),
        json.dumps(_doc(2), ensure_ascii=False).encode("iso-8859-6"),
        json.dumps(_doc(3), ensure_ascii=False).encode("cp1256"),
        json.dumps(_doc(4), ensure_ascii=False).encode("utf-8"),
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    loaded = _load(path)
    arts = loaded.articles.set_index("doc_id")
    assert [arts.loc[f"d{i}", "text"] for i in range(1, 5)] == [f"{AR} {i}" for i in range(1, 5)]
    assert list(arts["encoding"]) == ["", "iso-8859-6", "windows-1256", ""]
    _row(loaded.errors, "line 2 is not UTF-8; decoded as iso-8859-6", doc_id="d2", line=2)
    _row(loaded.errors, "line 3 is not UTF-8; decoded as windows-1256", doc_id="d3", line=3)


def test_metadata_with_bad_quoting_is_reported(tmp_path):
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        'file,published,source\na.txt,2015-08-10,"spa\nb.txt,2015-08-11,wam\nc.txt,2015-08-12,x\n',
        encoding="utf-8",
    )
    loaded = _load(tmp_path)
    assert list(loaded.articles["doc_id"]) == ["a", "b", "c"]
    row = _row(loaded.errors, "unbalanced quote")
    assert row["line"] == 2 and "b.txt" in row["reason"] and "c.txt" in row["reason"]
    assert row["path"].endswith("metadata.csv")
    # Nothing of the swallowed rows is applied as if it were right.
    assert loaded.articles["source"].tolist() == ["", "", ""]


# --- 6. files dropped without a row ----------------------------------------------------------


@pytest.fixture
def messy_folder(tmp_path):
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "good.txt").write_text(AR, encoding="utf-8")
    (d / ".txt").write_text(AR, encoding="utf-8")
    (d / "UPPER.TXT").write_text(AR, encoding="utf-8")
    (d / "loop.txt").symlink_to(d / "loop.txt")
    (d / "dangling.txt").symlink_to(d / "missing.txt")
    (tmp_path / "outside.txt").write_text(AR, encoding="utf-8")
    (d / "escape.txt").symlink_to(tmp_path / "outside.txt")
    (d / "inside.txt").symlink_to(d / "good.txt")
    os.mkfifo(d / "pipe.txt")
    (d / "sub").mkdir()
    (d / "sub" / "nested.txt").write_text(AR, encoding="utf-8")
    (d / "notes.md").write_text("x", encoding="utf-8")
    (d / "metadata.csv").write_text(
        "file,published\ngood.txt,2015-08-10\nghost.txt,2015-08-11\n", encoding="utf-8"
    )
    return d


def test_every_skipped_entry_of_a_folder_has_a_row(messy_folder):
    loaded = _load(messy_folder)  # a fifo is never opened: this returns at all
    assert sorted(loaded.articles["doc_id"]) == [".txt", "UPPER", "good", "inside"]
    errs = loaded.errors
    d = str(messy_folder)
    assert _row(errs, "unresolvable symlink", path=f"{d}/loop.txt")["severity"] == "error"
    _row(errs, "dangling symlink", path=f"{d}/dangling.txt")
    _row(errs, "symlink leads out of the corpus folder", path=f"{d}/escape.txt")
    _row(errs, r"not a regular file \(fifo\); never opened", path=f"{d}/pipe.txt")
    _row(errs, r"subfolder not read .*: 1 \.txt skipped", path=f"{d}/sub")
    _row(errs, "not a .txt file", path=f"{d}/notes.md")
    row = _row(errs, "names 'ghost.txt': no such .txt file")
    assert row["line"] == 3


def test_fifo_given_as_the_corpus_is_not_opened(tmp_path):
    os.mkfifo(tmp_path / "c.jsonl")
    loaded = _load(tmp_path / "c.jsonl")
    assert len(loaded.articles) == 0
    assert "not a regular file (fifo)" in loaded.errors.iloc[0]["reason"]


def test_undecodable_file_name(tmp_path):
    d = tmp_path / "c"
    d.mkdir()
    (d / "good.txt").write_text(AR, encoding="utf-8")
    with open(os.path.join(os.fsencode(d), b"bad\xff.txt"), "w", encoding="utf-8") as fh:
        fh.write(AR)
    for parsed in _parse_both(d, tmp_path):
        assert sorted(parsed.articles["doc_id"]) == ["bad\ufffd", "good"]
        assert f"{d}/bad\ufffd.txt" in set(parsed.articles["path"])


def test_semicolon_csv_is_read_with_its_delimiter(tmp_path):
    p = tmp_path / "semi.csv"
    one = AR.replace("\n", " ")
    p.write_text(f"id;text;published\na;{one};2015-08-10\nb;نص ثان;10/08/2015\n", encoding="utf-8")
    loaded = _load(p)
    assert list(loaded.articles["doc_id"]) == ["a", "b"]
    assert (loaded.articles["published"] == pd.Timestamp("2015-08-10")).all()
    assert _row(loaded.errors, "CSV delimiter is ';'")["line"] == 1


def test_csv_without_text_column_is_one_clear_error(tmp_path):
    p = tmp_path / "none.csv"
    p.write_text("id:body\na:x\n", encoding="utf-8")
    row = _row(_load(p).errors, "no 'text' column")
    assert "tried , ; TAB |" in row["reason"]


def _row_groups_parquet(path, n=40, per_group=10):
    df = pd.DataFrame({"id": [f"d{i}" for i in range(n)], "text": [f"{AR} {i}" for i in range(n)]})
    pq.write_table(pa.Table.from_pandas(df), path, row_group_size=per_group)
    return path


def test_damaged_parquet_row_group_loses_only_its_rows(tmp_path):
    path = _row_groups_parquet(tmp_path / "rg.parquet")
    chunk = pq.ParquetFile(path).metadata.row_group(1).column(1)
    data = bytearray(path.read_bytes())
    data[chunk.data_page_offset + 5 : chunk.data_page_offset + 60] = b"\xff" * 55
    path.write_bytes(bytes(data))
    loaded = _load(path)
    assert list(loaded.articles["doc_id"]) == [f"d{i}" for i in range(40) if not 10 <= i < 20]
    row = _row(loaded.errors, r"row group 1 damaged: rows 11-20 \(10\) lost")
    assert row["line"] == 11 and row["severity"] == "error"


def test_truncated_parquet_is_reported(tmp_path):
    path = _row_groups_parquet(tmp_path / "t.parquet")
    path.write_bytes(path.read_bytes()[:3000])
    loaded = _load(path)
    assert len(loaded.articles) == 0
    _row(loaded.errors, "truncated\\? its footer", path=str(path))


# --- fuzz: hostile Unicode through the whole parse ------------------------------------------

# Arabic words, tashkeel, tatweel, bidi controls and isolates, zero-width characters, NUL and
# other controls, combining marks, Arabic-Indic digits, markup characters, lone surrogates.
HOSTILE = (
    "قال وزير الدفاع يوم الأحد 10 أغسطس 2015 في الرياض إن التعاون ١٤٣٦ هـ"
    "\u064b\u064e\u0650\u0651\u0652\u0670\u0640"
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
    "\u200b\u200c\u200d\ufeff\x00\x01\x1f\x7f\x85\u2028\u2029\r\n\t"
    "\u0301\u0327\u20dd\ufe0f<>&;/\"'#x.!?-"
    "\ud800\udbff\udc00\udfff\U0001f600"
)
_CHARS = (
    st.sampled_from(HOSTILE)
    | st.characters(codec="utf-8")
    | st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
)
_TEXT = st.text(_CHARS, max_size=300)
_SCALAR = st.one_of(
    _TEXT,
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.none(),
    st.sampled_from(["1436-10-01", "2015-08-10T23:30:00+03:00", "10/08/2015", "1e999"]),
)
_RECORD = st.fixed_dictionaries(
    {"text": st.one_of(_TEXT, _TEXT.map(lambda t: "نص " + t), st.lists(_TEXT, max_size=3))},
    optional={"id": _SCALAR, "title": _SCALAR, "source": _SCALAR, "published": _SCALAR},
)


def _write_records(path, records):
    """One record per line: JSON with \\u escapes (so lone surrogates survive as escapes)."""
    lines = [json.dumps(rec, ensure_ascii=True, allow_nan=True) for rec in records]
    path.write_text("\n".join(lines) + "\n", encoding="ascii")


def _check_parsed(parsed, n_records):
    """Spans match their text in every frame; every record is an article or an error row."""
    for name in schema.FRAME_NAMES:
        schema.check(getattr(parsed, name), name)
    texts = dict(zip(parsed.articles["doc_id"], parsed.articles["text"], strict=True))
    assert len(texts) == len(parsed.articles)  # ids unique
    for name, col in (("sentences", "text"), ("mentions", "surface"), ("dates", "surface")):
        df = getattr(parsed, name)
        for doc_id, start, end, surface in zip(
            df["doc_id"], df["start"], df["end"], df[col], strict=True
        ):
            assert texts[doc_id][start:end] == surface, (name, doc_id, start, end)
    errs = parsed.errors
    skipped = errs[(errs["severity"] == "error") & errs["line"].notna()]["line"]
    assert skipped.is_unique
    assert set(skipped) <= set(range(1, n_records + 1))
    assert len(parsed.articles) + len(skipped) == n_records


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(records=st.lists(_RECORD, min_size=1, max_size=8))
def test_fuzz_parse_hostile_unicode(records):
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        path = Path(tmp) / "fuzz.jsonl"
        _write_records(path, records)
        mem = parse(path, cache=False, workers=1, progress=False)
        cached = parse(path, cache=Path(tmp) / "store", workers=1, progress=False)
    for parsed in (mem, cached):
        _check_parsed(parsed, len(records))
    pd.testing.assert_frame_equal(mem.articles, cached.articles)


def _random_value(rng):
    kind = rng.randrange(6)
    if kind == 0:
        return rng.choice([None, 10**30, -1, 1439164800, 1439164800000, 1.5e300, float("nan")])
    if kind == 1:
        return rng.choice(["1436-10-01", "2015-08-10T23:30:00+03:00", "10/08/2015", "Z", ""])
    return _random_text(rng, 40)


def _random_text(rng, size):
    alphabet = HOSTILE + "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(8))
    return "".join(rng.choice(alphabet) for _ in range(rng.randrange(size)))


def _random_record(rng):
    text = "نص " + _random_text(rng, 400)
    shape = rng.randrange(20)
    rec = {"text": [text, text] if shape == 0 else {"t": text} if shape == 1 else text}
    for key in ("id", "title", "source", "published"):
        if rng.random() < 0.7:
            rec[key] = _random_value(rng)
    return rec


@pytest.mark.skipif(not os.environ.get("FUZZ_DOCS"), reason="long fuzz: set FUZZ_DOCS=20000")
def test_long_fuzz(tmp_path):
    """``FUZZ_DOCS=20000 pytest -k long_fuzz -s``: one corpus of that many random records."""
    import random

    n = int(os.environ["FUZZ_DOCS"])
    rng = random.Random(int(os.environ.get("FUZZ_SEED", "11")))
    path = tmp_path / "fuzz.jsonl"
    _write_records(path, [_random_record(rng) for _ in range(n)])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        mem = parse(path, cache=False, workers=2, progress=False)
        cached = parse(path, cache=tmp_path / "store", workers=2, progress=False)
    for parsed in (mem, cached):
        _check_parsed(parsed, n)
    pd.testing.assert_frame_equal(mem.articles, cached.articles)
    errs = mem.errors
    print(
        f"\nlong fuzz: {n} records tried, 0 crashes, {len(mem.articles)} articles,"
        f" {int((errs['severity'] == 'error').sum())} skipped with a row, 0 lost;"
        f" {len(mem.sentences)} sentences, {len(mem.mentions)} mentions, {len(mem.dates)} dates"
        f" checked span by span in both the in-memory and the cached parse"
    )
