"""The stories step: copies found across papers, independent reports and footers kept apart."""

import json

import numpy as np
import pandas as pd
import pytest

from analysis import schema
from analysis.stories import evaluate, read_pairs, stories, story_id
from tests.conftest import shared_path

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def _words(n: int, seed: int) -> list[str]:
    rng = np.random.default_rng(seed)
    return ["".join(rng.choice(list(LETTERS), size=rng.integers(3, 7))) for _ in range(n)]


def _paragraphs(seed: int, n_par: int = 4, per: int = 40) -> list[str]:
    w = _words(n_par * per, seed)
    return [" ".join(w[i * per : (i + 1) * per]) + "." for i in range(n_par)]


def _articles(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """(doc_id, source, published, text) rows; a dozen unrelated fillers per source."""
    recs = [
        {"doc_id": d, "title": t[:20], "text": t, "published": p, "source": s, "n_chars": len(t)}
        for d, s, p, t in rows
    ]
    return schema.conform(pd.DataFrame(recs), "articles")


def _story_of(out: dict[str, pd.DataFrame]) -> dict[str, str]:
    return dict(zip(out["articles"]["doc_id"], out["articles"]["story_id"], strict=True))


@pytest.fixture(scope="module")
def wire() -> list[str]:
    return _paragraphs(1)


def test_retitled_copy_with_cut_last_paragraph_is_one_story(wire):
    arts = _articles(
        [
            ("a", "was", "2015-08-10", "\n".join(wire)),
            ("b", "okaz", "2015-08-11", "عنوان جديد تماما\n" + "\n".join(wire[:-1])),
            ("c", "alyaum", "2015-08-10", "\n".join(_paragraphs(2))),
        ]
    )
    out = stories({"articles": arts})
    s = _story_of(out)
    assert s["a"] == s["b"] != s["c"]
    row = out["stories"].set_index("story_id").loc[s["a"]]
    assert row["n_articles"] == 2
    assert row["sources"] == "okaz, was"
    assert row["first_published"] == pd.Timestamp("2015-08-10")
    assert row["representative_doc_id"] == "a"  # the full text is the longest
    assert s["a"] == story_id("a")  # earliest member names the story
    schema.check(out["stories"], "stories")
    schema.check(out["articles"], "articles")


def test_copy_with_words_swapped_and_a_sentence_rewritten_is_one_story(wire):
    words = " ".join(wire).split()
    edited = words.copy()
    for i in range(0, len(edited) - 1, 12):  # swap a pair of words every 12
        edited[i], edited[i + 1] = edited[i + 1], edited[i]
    edited[40:60] = _words(20, 9)  # one sentence rewritten
    edited += _words(40, 10)  # and a paragraph added
    arts = _articles(
        [("a", "was", "2015-08-10", " ".join(words)), ("b", "okaz", "2015-08-10", " ".join(edited))]
    )
    s = _story_of(stories({"articles": arts}))
    assert s["a"] == s["b"]


def test_same_event_written_twice_independently_is_two_stories():
    # Shared names and a figure, different prose: not a copy.
    names = "خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز مجلس الوزراء 20 مليار ريال"
    one = " ".join(_paragraphs(3)) + " " + names
    two = " ".join(_paragraphs(4)) + " " + names
    arts = _articles([("a", "was", "2015-08-10", one), ("b", "okaz", "2015-08-10", two)])
    s = _story_of(stories({"articles": arts}))
    assert s["a"] != s["b"]


def test_articles_sharing_only_a_footer_are_not_a_story():
    footer = " ".join(_words(30, 99))  # a long per-source footer
    rows = [
        (f"n{k:02d}", "alweeam", "2015-08-10", " ".join(_paragraphs(100 + k, 1)) + "\n" + footer)
        for k in range(12)
    ]
    out = stories({"articles": _articles(rows)})
    assert out["articles"]["story_id"].nunique() == 12
    assert (out["stories"]["n_articles"] == 1).all()


def test_boilerplate_flag_on_sentences_is_honoured():
    footer = " ".join(_words(60, 98))
    body = [" ".join(_paragraphs(200 + k, 1)) for k in range(2)]
    arts = _articles([("x", "s1", "2015-08-10", body[0]), ("y", "s2", "2015-08-10", body[1])])
    arts["text"] = [b + "\n" + footer for b in body]
    sents = pd.DataFrame(
        [
            {"doc_id": d, "sent_id": i, "text": t, "boilerplate": i == 1}
            for d, b in (("x", body[0]), ("y", body[1]))
            for i, t in enumerate((b, footer))
        ]
    )
    assert stories({"articles": arts})["articles"]["story_id"].nunique() == 1  # footer alone
    flagged = stories({"articles": arts, "sentences": sents})
    assert flagged["articles"]["story_id"].nunique() == 2


def test_short_item_inside_long_article_joins_only_above_containment(wire):
    long_text = "\n".join(_paragraphs(5, 8) + wire[:2])
    # One sentence of the item (1/8 of it) quoted in another article: below the 0.3 containment.
    half_in = "\n".join([" ".join(wire[0].split()[:10]), *_paragraphs(6, 3)])
    arts = _articles(
        [
            ("long", "aawsat", "2015-08-10", long_text),
            ("item", "was", "2015-08-10", "\n".join(wire[:2])),
            ("mixed", "okaz", "2015-08-10", half_in),
        ]
    )
    s = _story_of(stories({"articles": arts}))
    assert s["item"] == s["long"]
    assert s["mixed"] != s["long"]


def test_no_chaining_along_a_run_of_overlaps():
    # a ~ b ~ c ~ d, each sharing half with the next: stars around one representative stop the
    # chain, so the two ends never share a story.
    p = _paragraphs(7, 5)
    rows = [(x, f"s{k}", "2015-08-10", "\n".join(p[k : k + 2])) for k, x in enumerate("abcd")]
    s = _story_of(stories({"articles": _articles(rows)}))
    assert s["a"] != s["d"]
    assert len(set(s.values())) == 2


def test_story_ids_stable_across_input_order(wire):
    rows = [
        ("a", "was", "2015-08-10", "\n".join(wire)),
        ("b", "okaz", "2015-08-10", "\n".join(wire[:3])),
        ("c", "alyaum", "2015-08-11", "\n".join(_paragraphs(8))),
    ]
    first = stories({"articles": _articles(rows)})
    again = stories({"articles": _articles(rows[::-1])})
    assert _story_of(first) == _story_of(again)
    pd.testing.assert_frame_equal(first["stories"], again["stories"])


def test_gold_pairs_hold_ids_and_labels_only():
    for split in ("dev", "test"):
        pairs = read_pairs(f"tests/data/stories_pairs_{split}.jsonl")
        assert set(pairs.columns) == {"a", "b", "label", "stratum"}
        assert set(pairs["label"]) <= {"copy", "same_event", "different"}


def test_test_pairs_beat_the_jaccard_baseline():
    corpus = shared_path("corpora", "saudinewsnet_2015-08-10_2015-08-11.jsonl")
    rows = [json.loads(line) for line in corpus.open(encoding="utf-8")]
    arts = pd.DataFrame(rows).rename(columns={"id": "doc_id", "date": "published"})
    arts = schema.conform(arts.assign(n_chars=arts["text"].str.len()), "articles")
    got = evaluate(arts, read_pairs("tests/data/stories_pairs_test.jsonl"))
    assert got["pairs"]["recall"] > got["baseline_jaccard_0.5"]["recall"]
    assert got["pairs"]["f1"] > got["baseline_jaccard_0.5"]["f1"]
