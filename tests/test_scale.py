"""Engines, streaming store and cache: every path gives the same frames; nothing is lost."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis import parse, read_store, schema
from analysis.pipeline import parse_to_store
from analysis.store import Store

AR = [
    "وزير الدفاع الياباني جن ناكاتاني زار بروكسل اليوم الجمعة. وقال إن اليابان تدعم أوكرانيا.",
    "اتفقت الصين وروسيا على تعزيز التعاون عام 2022.\nوأكد الأمين العام للناتو مارك روت أن الحلف موحد.",
    "أعلنت المملكة العربية السعودية في 10 أغسطس 2015 عن مشروع جديد في الرياض.",
]


def _write_jsonl(path, n_good: int = 120) -> int:
    """A JSONL corpus with corrupted lines among good ones; returns the number of input lines."""
    lines = []
    for i in range(n_good):
        lines.append(
            json.dumps(
                {"id": f"d{i}", "text": AR[i % 3] + f" رقم {i}.", "date": "2015-08-10"},
                ensure_ascii=False,
            ).encode("utf-8")
        )
        if i == 17:
            lines.append(b'{"id": "broken", "text": "\xd9\x82\xd8\xa7')  # not JSON: cut short
        if i == 33:
            lines.append(json.dumps({"id": "empty", "text": ""}).encode())
        if i == 50:
            lines.append(b'{"id": "badbytes", "text": "\xff\xfe \xd9\x82\xd8\xa7\xd9\x84"}')
        if i == 70:
            lines.append(json.dumps({"id": "notext", "title": "x"}).encode())
    path.write_bytes(b"\n".join(lines) + b"\n")
    return len(lines)


def _write_rows(path, rows: list[dict]) -> None:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("scale") / "corpus.jsonl"
    n_lines = _write_jsonl(path)
    return path, n_lines


def _assert_same(a, b):
    for name in schema.FRAME_NAMES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_like=False)


def test_corrupted_documents_are_counted_not_lost(corpus):
    path, n_lines = corpus
    parsed = parse(path, cache=False, warn=False)
    skipped = parsed.errors[parsed.errors["severity"] == "error"]
    assert len(parsed.articles) + len(skipped) == n_lines
    assert {"badbytes"} <= set(parsed.articles["doc_id"])
    assert set(skipped["line"].dropna().astype(int)) == {19, 36, 75}
    assert len(parsed.articles) == 121
    # every good document was parsed
    assert set(parsed.sentences["doc_id"]) == set(parsed.articles["doc_id"])


def test_store_and_memory_paths_agree_and_cache_works(corpus, tmp_path):
    path, _ = corpus
    memory = parse(path, cache=False, warn=False, workers=1)
    first = parse_to_store(path, tmp_path / "store", workers=2, batch_size=50, warn=False)
    assert first.n_parsed == 121 and first.n_cached == 0
    _assert_same(read_store(tmp_path / "store"), memory)
    again = parse_to_store(path, tmp_path / "store", workers=2, batch_size=50, warn=False)
    assert again.n_parsed == 0 and again.n_cached == 121
    _assert_same(read_store(tmp_path / "store"), memory)


def test_changed_document_is_reparsed_alone(tmp_path):
    src = tmp_path / "c.jsonl"
    rows = [{"id": f"d{i}", "text": AR[i % 3]} for i in range(5)]
    _write_rows(src, rows)
    parse_to_store(src, tmp_path / "s", warn=False)
    rows[2]["text"] = "نص جديد تماما عن مصر."
    del rows[4]
    _write_rows(src, rows)
    info = parse_to_store(src, tmp_path / "s", warn=False)
    assert (info.n_parsed, info.n_cached) == (1, 3)
    back = read_store(tmp_path / "s")
    assert list(back.articles["doc_id"]) == ["d0", "d1", "d2", "d3"]
    assert "مصر" in back.articles.iloc[2]["text"]
    _assert_same(back, parse(src, cache=False, warn=False))
    assert Store(tmp_path / "s").row_counts()["articles"] == 4


def test_local_engine_with_workers_matches_serial(corpus):
    path, _ = corpus
    serial = parse(path, cache=False, warn=False, workers=1)
    pooled = parse(path, cache=False, warn=False, workers=2)
    _assert_same(serial, pooled)


@pytest.mark.slow
def test_dask_local_cluster_matches_serial(corpus):
    path, _ = corpus
    serial = parse(path, cache=False, warn=False, workers=1)
    dask = parse(path, cache=False, warn=False, engine="dask", workers=2)
    _assert_same(serial, dask)


def _parse_counts(args):
    path, folder = args
    parsed = parse(path, cache=folder, warn=False, workers=1, progress=False)
    return {name: len(df) for name, df in parsed.frames().items()}


def test_concurrent_runs_on_one_cache_agree(corpus, tmp_path):
    from concurrent.futures import ProcessPoolExecutor

    path, _ = corpus
    with ProcessPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(_parse_counts, [(path, tmp_path / "shared-cache")] * 3))
    expected = {name: len(df) for name, df in parse(path, cache=False, warn=False).frames().items()}
    assert results == [expected] * 3


def test_replaced_batches_leave_no_parts_behind(tmp_path):
    src = tmp_path / "c.jsonl"
    rows = [{"id": f"d{i}", "text": AR[i % 3]} for i in range(3)]
    _write_rows(src, rows)
    parse_to_store(src, tmp_path / "s", warn=False)
    for r in rows:
        r["text"] += " وزار القاهرة."
    _write_rows(src, rows)
    assert parse_to_store(src, tmp_path / "s", warn=False).n_parsed == 3
    manifest = json.loads((tmp_path / "s" / "manifest.json").read_text())
    (batch,) = manifest["batches"]
    snapshot = manifest["current"]["id"]
    for name in ("articles", "sentences", "mentions", "dates", "errors"):
        names = {p.name for p in (tmp_path / "s" / f"{name}.parquet").iterdir()}
        assert names <= {f"part-{batch}.parquet", f"part-{snapshot}.parquet"}, name


def test_a_store_reads_only_the_columns_asked_for_and_a_parsed_keeps_its_snapshot(tmp_path):
    corpus = tmp_path / "c.jsonl"
    texts = ["التقى الرئيس الأمريكي باراك أوباما في واشنطن.", "زار وزير الخارجية الرياض يوم الأحد."]
    _write_rows(corpus, [{"id": f"d{i}", "text": t} for i, t in enumerate(texts)])
    parse_to_store(corpus, tmp_path / "store", workers=1, warn=False)
    store = Store(tmp_path / "store")
    full = store.read_frame("mentions")
    cols = ["doc_id", "actor_id", "start"]
    pd.testing.assert_frame_equal(store.read_frame("mentions", columns=cols), full[cols])
    articles = store.read_frame("articles")
    opened = read_store(tmp_path / "store")  # frames read on first use, from this snapshot
    # A new snapshot (the first document gone) removes the files of the one opened.
    _write_rows(corpus, [{"id": "d1", "text": texts[1]}])
    parse_to_store(corpus, tmp_path / "store", workers=1, warn=False)
    assert list(store.read_frame("articles")["doc_id"]) == ["d1"]
    assert set(full["doc_id"]) == {"d0", "d1"}
    pd.testing.assert_frame_equal(opened.mentions, full)
    pd.testing.assert_frame_equal(opened.articles, articles)
