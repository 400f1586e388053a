"""The date gold set: well-formed, free of article text, and the extractor's score on it."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
from conftest import shared_path

from analysis import config
from analysis.__main__ import main
from analysis.dates.evaluate import (
    Span,
    _narrowed_by_modifier,
    dateparser_spans,
    evaluate,
    load_gold,
    package_spans,
)

GOLD = config.ROOT / "tests" / "data" / "dates_gold.jsonl"
HELDOUT = config.ROOT / "tests" / "data" / "dates_heldout.jsonl"
TEST = config.ROOT / "tests" / "data" / "dates_test.jsonl"
CORPUS = ("corpora", "saudinewsnet_2015-08-10_2015-08-11.jsonl")
KEYS = {"doc_id", "source", "published", "n_chars", "text_sha1", "dates"}


def test_gold_sets_are_disjoint_and_large_enough():
    dev, held, test = load_gold(GOLD), load_gold(HELDOUT), load_gold(TEST)
    assert len(dev) >= 25 and len({r["source"] for r in dev}) >= 10
    ids = [{r["doc_id"] for r in recs} for recs in (dev, held, test)]
    assert sum(map(len, ids)) == len(set().union(*ids))  # no article in two sets


@pytest.mark.parametrize("path", [GOLD, HELDOUT, TEST], ids=["dev", "heldout", "test"])
def test_gold_is_well_formed_and_holds_no_text(path):
    recs = load_gold(path)
    for rec in recs:
        assert set(rec) == KEYS
        last = -1
        for d in rec["dates"]:
            assert "surface" not in d and "text" not in d
            assert 0 <= d["start"] < d["end"] <= rec["n_chars"] and d["start"] >= last
            last = d["end"]
            assert d["type"] in {"DATE", "TIME", "DURATION", "SET"}
            if d["start_date"]:
                assert dt.date.fromisoformat(d["start_date"]) <= dt.date.fromisoformat(
                    d["end_date"]
                )
            else:
                assert d["type"] != "DATE" or d["value"] == ""
    # No string longer than an id or a value: nothing that could be article text.
    longest = max(len(v) for rec in recs for v in _strings(rec))
    assert longest < 60


def _strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _strings(v)


def test_gold_matches_corpus_and_extractor_scores():
    corpus = shared_path(*CORPUS)
    tallies = evaluate(GOLD, corpus, systems={"analysis": package_spans}, repeat=1)
    t = tallies["analysis"]
    assert t.spans.n_gold == sum(len(r["dates"]) for r in load_gold(GOLD))  # no record skipped
    f1 = t.spans.exact()[2]
    assert f1 >= 0.9, f1
    assert t.interval >= 0.9


def test_gold_file_is_json_lines():
    with GOLD.open(encoding="utf-8") as fh:
        for line in fh:
            json.loads(line)


def test_dateparser_baseline_adapter_gives_offsets():
    text = "اجتمع الوزراء في 10 أغسطس 2015 في الرياض"
    spans = dateparser_spans("d", text, pd.Timestamp("2015-08-10"))
    assert spans and all(0 <= s.start < s.end <= len(text) for s in spans)
    assert any(s.first == dt.date(2015, 8, 10) for s in spans)


def test_cli_prints_summary(capsys):
    corpus = shared_path(*CORPUS)
    assert main(["evaluate", "dates", str(HELDOUT), "--corpus", str(corpus), "--no-baseline"]) == 0
    out = capsys.readouterr().out
    assert "dates: span F1" in out and "analysis" in out


def test_narrowed_modifier_misses_are_told_apart():
    text = "في أواخر مارس وفي مارس"
    d = dt.date
    whole_late = Span(3, 13, "DATE", d(2015, 3, 1), d(2015, 3, 31))
    whole_bare = Span(17, 21, "DATE", d(2015, 3, 1), d(2015, 3, 31))
    late = Span(3, 13, "DATE", d(2015, 3, 21), d(2015, 3, 31))
    assert _narrowed_by_modifier(late, whole_late, text)
    assert not _narrowed_by_modifier(late, whole_bare, text)  # no modifier in the gold text
    outside = Span(3, 13, "DATE", d(2015, 4, 21), d(2015, 4, 30))
    assert not _narrowed_by_modifier(outside, whole_late, text)
    assert not _narrowed_by_modifier(None, whole_late, text)
