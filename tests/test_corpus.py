import json
import warnings

import pandas as pd
import pytest

from analysis import CorpusWarning, load_corpus, schema

AR = "قال وزير الدفاع الياباني إن التعاون مستمر.\nوأضاف أن الاجتماع ناجح."


def _load(path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        loaded = load_corpus(path)
    schema.check(loaded.articles, "articles")
    schema.check(loaded.errors, "errors")
    return loaded, [w for w in caught if issubclass(w.category, CorpusWarning)]


def _reasons(loaded):
    return " | ".join(loaded.errors["reason"])


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "corpus"
    d.mkdir()
    return d


def test_folder_with_metadata(folder):
    (folder / "a.txt").write_text("العنوان\n" + AR, encoding="utf-8")
    (folder / "b.txt").write_text(AR, encoding="utf-8")
    (folder / "metadata.csv").write_text(
        "file,published,source\na.txt,2024-10-18,كيودو\n", encoding="utf-8"
    )
    loaded, _ = _load(folder)
    arts = loaded.articles.set_index("doc_id")
    assert list(arts.index) == ["a", "b"]
    assert arts.loc["a", "title"] == "العنوان"
    assert arts.loc["a", "published"] == pd.Timestamp("2024-10-18")
    assert arts.loc["a", "source"] == "كيودو"
    assert pd.isna(arts.loc["b", "published"])
    assert arts.loc["a", "n_chars"] == len(arts.loc["a", "text"])


def test_seeds_load():
    from analysis import config

    loaded = load_corpus(config.SEEDS_DIR)
    assert len(loaded.articles) >= 1
    seed = loaded.articles.set_index("doc_id").loc["000_f42bc61d2d07c030"]
    assert seed["published"] == pd.Timestamp("2024-10-18")
    assert seed["title"].startswith("وزراء دفاع اليابان")


def test_empty_and_whitespace_files_are_recorded_not_dropped(folder):
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("  \n\t\n", encoding="utf-8")
    (folder / "good.txt").write_text(AR, encoding="utf-8")
    loaded, caught = _load(folder)
    assert list(loaded.articles["doc_id"]) == ["good"]
    errs = loaded.errors.set_index("doc_id")
    assert "empty file" in errs.loc["empty", "reason"]
    assert "whitespace" in errs.loc["blank", "reason"]
    assert (errs["severity"] == "error").all()
    assert any("empty.txt" in str(w.message) for w in caught)


@pytest.mark.parametrize(
    ("name", "data", "encoding"),
    [
        ("cp1256", AR.encode("cp1256"), "windows-1256"),
        ("utf16bom", AR.encode("utf-16"), "utf-16"),
        ("utf8bom", b"\xef\xbb\xbf" + AR.encode("utf-8"), "utf-8-sig"),
    ],
)
def test_encodings_are_detected(folder, name, data, encoding):
    (folder / f"{name}.txt").write_bytes(data)
    loaded, _ = _load(folder)
    art = loaded.articles.iloc[0]
    assert art["text"] == AR
    assert art["encoding"] == encoding
    assert not art["text"].startswith("\ufeff")
    if encoding == "windows-1256":
        assert "windows-1256" in _reasons(loaded)


def test_crlf_is_normalised(folder):
    (folder / "crlf.txt").write_bytes(AR.replace("\n", "\r\n").encode("utf-8"))
    loaded, _ = _load(folder)
    assert loaded.articles.iloc[0]["text"] == AR


def test_invalid_utf8_bytes_are_replaced_and_reported(folder):
    data = AR.encode("utf-8")
    (folder / "bad.txt").write_bytes(data[:20] + b"\xff\xfe\xfa" + data[20:])
    loaded, _ = _load(folder)
    assert len(loaded.articles) == 1
    assert "\ufffd" in loaded.articles.iloc[0]["text"]
    assert "invalid UTF-8" in _reasons(loaded)


def test_binary_file_is_skipped(folder):
    (folder / "img.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "good.txt").write_text(AR, encoding="utf-8")
    loaded, _ = _load(folder)
    assert list(loaded.articles["doc_id"]) == ["good"]
    row = loaded.errors[loaded.errors["doc_id"] == "img"].iloc[0]
    assert row["severity"] == "error" and "binary" in row["reason"]


def test_no_arabic_is_kept_with_warning(folder):
    (folder / "en.txt").write_text("Just English text.", encoding="utf-8")
    loaded, _ = _load(folder)
    assert len(loaded.articles) == 1
    assert loaded.errors.iloc[0]["reason"] == "no Arabic letters in text"
    assert loaded.errors.iloc[0]["severity"] == "warning"


def test_html_remnants_are_removed(folder):
    (folder / "h.txt").write_text(
        "<p>قال الوزير&nbsp;إن</p><br/>الاجتماع <b>ناجح</b>", encoding="utf-8"
    )
    loaded, _ = _load(folder)
    text = loaded.articles.iloc[0]["text"]
    assert "<" not in text and "&nbsp;" not in text
    assert "ناجح" in text
    assert "HTML markup removed" in _reasons(loaded)


def test_jsonl_with_bad_lines(tmp_path):
    p = tmp_path / "c.jsonl"
    lines = [
        json.dumps(
            {"id": "1", "text": AR, "title": "t", "date": "2015-08-10", "source": "spa"},
            ensure_ascii=False,
        ),
        "{not json",
        json.dumps({"id": "3", "title": "no text"}),
        json.dumps({"doc_id": "4", "text": ""}),
        json.dumps({"text": AR, "published": "2015-08-11"}, ensure_ascii=False),
        json.dumps({"id": "1", "text": AR}, ensure_ascii=False),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded, _ = _load(p)
    arts = loaded.articles
    assert list(arts["doc_id"]) == ["1", "c-5", "1~2"]
    assert arts.iloc[0]["published"] == pd.Timestamp("2015-08-10")
    assert arts.iloc[0]["source"] == "spa" and arts.iloc[0]["title"] == "t"
    errs = loaded.errors
    skipped = errs[errs["severity"] == "error"]
    assert list(skipped["line"]) == [2, 3, 4]
    assert "not valid JSON" in skipped.iloc[0]["reason"]
    assert "no 'text'" in skipped.iloc[1]["reason"]
    assert "empty text" in skipped.iloc[2]["reason"]
    assert "duplicate doc_id" in _reasons(loaded)


def test_csv_and_parquet(tmp_path):
    df = pd.DataFrame(
        {"id": ["a", "b"], "text": [AR, "نص ثان"], "published": ["2024-10-18", "bad date"]}
    )
    df.to_csv(tmp_path / "c.csv", index=False)
    df.to_parquet(tmp_path / "c.parquet")
    for name in ("c.csv", "c.parquet"):
        loaded, _ = _load(tmp_path / name)
        assert list(loaded.articles["doc_id"]) == ["a", "b"]
        assert loaded.articles.iloc[0]["text"] == AR
        assert pd.isna(loaded.articles.iloc[1]["published"])
        assert "unreadable publication date" in _reasons(loaded)


def test_corrupted_csv_row(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text(f'id,text\na,"{AR}"\nb,x,y,z\nc,نص\n', encoding="utf-8")
    loaded, _ = _load(p)
    assert list(loaded.articles["doc_id"]) == ["a", "c"]
    assert "3 fields" in _reasons(loaded) or "4 fields" in _reasons(loaded)


def test_missing_path(tmp_path):
    loaded, _ = _load(tmp_path / "nope")
    assert len(loaded.articles) == 0
    assert "no such file" in loaded.errors.iloc[0]["reason"]


@pytest.mark.slow
def test_50mb_file(folder):
    para = (AR + "\n") * 10
    n = 50 * 1024 * 1024 // len(para.encode("utf-8")) + 1
    (folder / "huge.txt").write_text(para * n, encoding="utf-8")
    loaded, _ = _load(folder)
    assert len(loaded.articles) == 1
    assert loaded.articles.iloc[0]["n_chars"] > 25_000_000
    assert "very large document" in _reasons(loaded)


@pytest.mark.parametrize(
    ("value", "expected", "note"),
    [
        ("2015-08-10", "2015-08-10", None),
        ("2015-08-10 18:52:49", "2015-08-10 18:52:49", None),
        ("2015/08/10", "2015-08-10", None),
        ("10/08/2015", "2015-08-10", None),
        ("10.08.2015", "2015-08-10", None),
        ("08/25/2015", "2015-08-25", "read month-first"),
        ("20150810", "2015-08-10", None),
        ("1439164800", "2015-08-10", "seconds since 1970"),
        (1439164800000, "2015-08-10", "milliseconds since 1970"),
        (1439164800000000, "2015-08-10", "microseconds since 1970"),
        ("2015-08-10T23:30:00+03:00", "2015-08-10 23:30", "UTC offset +03:00 dropped"),
        ("1436-10-01", "2015-07-17", "Hijri date"),
        ("٢٠١٥-٠٨-١٠ م", "2015-08-10", None),
        ("10 Aug 2015", "2015-08-10", None),
        ("1300-01-01", None, "Umm al-Qura"),
        ("2015-02-30", None, None),
        ("2015", None, None),
        (10**30, None, "out of range"),
        (True, None, None),
        ("", None, None),
    ],
)
def test_parse_date_rules(value, expected, note):
    when, got = schema.parse_date(value)
    assert pd.isna(when) if expected is None else when == pd.Timestamp(expected), when
    assert (got is None) if note is None else (note in got), got
