"""The stories step: copies found across papers, independent reports and footers kept apart."""

import json

import numpy as np
import pandas as pd
import pytest

from analysis import parse, schema
from analysis.stories import evaluate, lsh_bands, read_pairs, stories, story_id
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
    # chain, so no story holds two articles that are not copies of each other.
    p = _paragraphs(7, 5)
    rows = [(x, f"s{k}", "2015-08-10", "\n".join(p[k : k + 2])) for k, x in enumerate("abcd")]
    s = _story_of(stories({"articles": _articles(rows)}))
    assert s["a"] != s["c"] and s["a"] != s["d"] and s["b"] != s["d"]
    assert len(set(s.values())) < 4  # but the copies that are copies still make a story


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


def test_round_up_of_two_wire_items_never_joins_them():
    # Item one printed by three papers, item two by three others, and a round-up printing both
    # side by side: two stories, and the round-up sits in one of them.
    one, two = "\n".join(_paragraphs(11, 2)), "\n".join(_paragraphs(12, 2))
    rows = [(f"one{k}", f"p{k}", "2015-08-10", one) for k in range(3)]
    rows += [(f"two{k}", f"q{k}", "2015-08-10", two) for k in range(3)]
    rows.append(("roundup", "r", "2015-08-11", one + "\n" + two))
    s = _story_of(stories({"articles": _articles(rows)}))
    assert s["one0"] == s["one1"] == s["one2"] != s["two0"] == s["two1"] == s["two2"]
    assert s["roundup"] in (s["one0"], s["two0"])


def test_a_daily_template_is_not_a_story():
    # The weather report's fixed wording, printed every day with that day's figures: the shared
    # wording recurs on more days than copies of one text ever do, so it is no evidence.
    template = _words(60, 50)
    rows = []
    for day in range(1, 9):
        words = template.copy()
        words[5::6] = _words(10, 60 + day)  # the day's own figures and places
        rows.append((f"w{day}", "was", f"2015-08-{day:02d}", " ".join(words)))
    out = stories({"articles": _articles(rows)})
    assert out["articles"]["story_id"].nunique() == 8
    # The same texts on one day would be copies: the day spread is what tells them apart.
    same_day = _articles([(d, f"s{k}", "2015-08-01", t) for k, (d, _, _, t) in enumerate(rows)])
    assert stories({"articles": same_day})["articles"]["story_id"].nunique() < 8


def _corpus_with_copies(path) -> None:
    wire, other = _paragraphs(21), _paragraphs(22)
    rows = [
        {"id": "w1", "source": "was", "date": "2015-08-10", "text": "\n".join(wire)},
        {"id": "w2", "source": "okaz", "date": "2015-08-11", "text": "\n".join(wire[:-1])},
        {"id": "w3", "source": "alyaum", "date": "2015-08-11", "text": "\n".join(wire[1:])},
        {"id": "o1", "source": "okaz", "date": "2015-08-10", "text": "\n".join(other)},
        {"id": "o2", "source": "sabq", "date": "2015-08-10", "text": "\n".join(other[:2])},
        {"id": "x", "source": "sabq", "date": "2015-08-10", "text": "\n".join(_paragraphs(23))},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")


def _ids_and_stories(parsed) -> tuple[dict[str, str], pd.DataFrame]:
    arts = parsed.articles
    return dict(zip(arts["doc_id"], arts["story_id"], strict=True)), parsed.stories


def test_story_ids_stable_across_runs_and_local_workers(tmp_path):
    path = tmp_path / "c.jsonl"
    _corpus_with_copies(path)
    ids, frame = _ids_and_stories(parse(path, cache=False, warn=False, workers=1))
    assert ids["w1"] == ids["w2"] == ids["w3"] == story_id("w1")
    assert ids["o1"] == ids["o2"] != ids["w1"] != ids["x"]
    for again in (
        parse(path, cache=False, warn=False, workers=1),
        parse(path, cache=False, warn=False, workers=2),
        parse(path, cache=tmp_path / "cache", warn=False, workers=1),
        parse(path, cache=tmp_path / "cache", warn=False, workers=1),  # from the cache
    ):
        got, got_frame = _ids_and_stories(again)
        assert got == ids
        pd.testing.assert_frame_equal(got_frame, frame)


@pytest.mark.slow
def test_story_ids_stable_on_the_dask_engine(tmp_path):
    path = tmp_path / "c.jsonl"
    _corpus_with_copies(path)
    ids, frame = _ids_and_stories(parse(path, cache=False, warn=False, workers=1))
    got, got_frame = _ids_and_stories(
        parse(path, cache=False, warn=False, engine="dask", workers=2)
    )
    assert got == ids
    pd.testing.assert_frame_equal(got_frame, frame)


def test_lsh_bands_make_an_s_curve_around_the_threshold():
    for threshold in (0.3, 0.5, 0.8):
        bands, rows = lsh_bands(threshold=threshold)
        assert bands * rows <= 128

        def p(s, b=bands, r=rows):
            return 1 - (1 - s**r) ** b

        assert p(threshold - 0.2) < 0.5 < p(threshold + 0.2)


def test_gold_pairs_hold_ids_and_labels_only():
    for name in ("pairs", "month_pairs"):
        for split in ("dev", "test"):
            pairs = read_pairs(f"tests/data/stories_{name}_{split}.jsonl")
            assert set(pairs.columns) == {"a", "b", "label", "stratum"}
            assert set(pairs["label"]) <= {"copy", "same_event", "different"}
            assert pairs["a"].str.startswith("saudinewsnet/").all()
    dev = read_pairs("tests/data/stories_month_pairs_dev.jsonl")
    test = read_pairs("tests/data/stories_month_pairs_test.jsonl")
    assert len(dev) + len(test) >= 200
    seen = set(zip(dev["a"], dev["b"], strict=True))
    assert not seen & set(zip(test["a"], test["b"], strict=True))  # split, not shared


def test_test_pairs_beat_the_jaccard_baseline():
    corpus = shared_path("corpora", "saudinewsnet_2015-08-10_2015-08-11.jsonl")
    rows = [json.loads(line) for line in corpus.open(encoding="utf-8")]
    arts = pd.DataFrame(rows).rename(columns={"id": "doc_id", "date": "published"})
    arts = schema.conform(arts.assign(n_chars=arts["text"].str.len()), "articles")
    got = evaluate(arts, read_pairs("tests/data/stories_pairs_test.jsonl"))
    for baseline in ("baseline_jaccard_0.5", "baseline_minhash_lsh_0.5"):
        assert got["pairs"]["recall"] > got[baseline]["recall"]
        assert got["pairs"]["f1"] > got[baseline]["f1"]
