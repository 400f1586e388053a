"""Counting units (mentions / articles / stories), boilerplate left out by default, forms counted.

A tiny corpus: articles a1 and a2 are two copies of one wire story (same ``story_id``), a3 is
another paper's own story. Actor X is named three times in the copies (twice in a1), Y once in a3;
a3's footer (a boilerplate sentence) names the paper Z, and a3 names itself (a self-reference).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import charts, explore, schema
from analysis.charts.words import article_texts
from analysis.export import drawn_data
from analysis.stories import story_id

STORY = story_id("a1")  # a story's id is made from its earliest member's doc_id


def _articles() -> pd.DataFrame:
    return schema.conform(
        pd.DataFrame(
            {
                "doc_id": ["a1", "a2", "a3"],
                "title": ["t1", "t2", "t3"],
                "text": ["الوزير يزور الرياض", "الوزير يزور الرياض اليوم", "نص ثالث"],
                "published": pd.to_datetime(["2015-07-21", "2015-07-22", "2015-07-22"]),
                "source": ["spa_copy1", "spa_copy2", "own"],
                "path": "",
                "n_chars": [18, 24, 7],
                "encoding": "utf-8",
                "story_id": [STORY, STORY, story_id("a3")],
            }
        ),
        "articles",
    )


def _mention(doc, sent, actor, *, form="name", boilerplate=False, self_reference=False) -> dict:
    return {
        "doc_id": doc, "sent_id": sent, "start": 0, "end": 1, "surface": "x", "actor_id": actor,
        "name_ar": f"فاعل {actor}", "name_en": f"Actor {actor}", "type": "organization",
        "form": form, "boilerplate": boilerplate, "self_reference": self_reference,
    }  # fmt: skip


def _mentions() -> pd.DataFrame:
    rows = [
        _mention("a1", 0, "X"),
        _mention("a1", 0, "W"),
        _mention("a1", 1, "X", form="adjective"),
        _mention("a2", 0, "X"),
        _mention("a2", 0, "W"),
        _mention("a3", 0, "Y"),
        _mention("a3", 0, "W"),
        _mention("a3", 1, "Z", boilerplate=True),
        _mention("a3", 1, "W", boilerplate=True),
        _mention("a3", 2, "S", self_reference=True),
    ]
    return schema.conform(pd.DataFrame(rows), "mentions")


def _dates() -> pd.DataFrame:
    day = pd.Timestamp("2015-07-20")
    rows = [
        {"doc_id": d, "sent_id": s, "start": 0, "end": 1, "surface": "أمس", "type": "DATE",
         "value": "2015-07-20", "granularity": "day", "start_date": day, "end_date": day,
         "resolved": True, "boilerplate": b}
        for d, s, b in [("a1", 0, False), ("a1", 1, False), ("a2", 0, False), ("a3", 1, True)]
    ]  # fmt: skip
    return schema.conform(pd.DataFrame(rows), "dates")


def _sentences() -> pd.DataFrame:
    rows = [
        {"doc_id": "a3", "sent_id": 0, "para_id": 0, "start": 0, "end": 7, "text": "الخبر المهم",
         "boilerplate": False},
        {"doc_id": "a3", "sent_id": 1, "para_id": 1, "start": 8, "end": 20,
         "text": "رابط الخبر بصحيفة", "boilerplate": True},
    ]  # fmt: skip
    return schema.conform(pd.DataFrame(rows), "sentences")


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _count(ax, actor: str, column: str) -> int:
    data = drawn_data(ax.figure).set_index("actor_id")
    return int(data.loc[actor, column]) if actor in data.index else 0


@pytest.mark.parametrize(("unit", "column", "expected"), [
    ("mentions", "mentions", 3), ("articles", "docs", 2), ("stories", "stories", 1),
])  # fmt: skip
def test_two_copies_of_one_story_count_once_with_stories(unit, column, expected):
    ax = charts.plot_actor_frequency(_mentions(), articles=_articles(), unit=unit)
    bars = {round(p.get_width()) for p in ax.patches}
    assert _count(ax, "X", column) == expected and expected in bars


def test_stories_need_the_articles():
    with pytest.raises(ValueError, match="articles"):
        charts.plot_actor_frequency(_mentions(), unit="stories")
    with pytest.raises(ValueError, match="unit"):
        charts.plot_actor_frequency(_mentions(), articles=_articles(), unit="paragraphs")


def test_an_article_without_a_story_is_its_own_story():
    arts = _articles().assign(story_id="")
    counts = charts.top_actors(_mentions(), top=5, by="stories", articles=arts)
    assert counts.set_index("actor_id").loc["X", "stories"] == 2


def test_units_in_cooccurrence_timeline_periods_and_tables():
    m, a, d = _mentions(), _articles(), _dates()
    edges = {
        u: charts.cooccurrence_edges(m, unit=u, articles=a).set_index(["source", "target"])
        for u in ("mentions", "articles", "stories")
    }
    assert [int(edges[u].loc[("W", "X"), "count"]) for u in edges] == [2, 2, 1]
    counts = [
        int(charts.timeline_items(d, unit=u, articles=a)[0]["count"].iloc[0])
        for u in ("mentions", "articles", "stories")
    ]
    assert counts == [3, 2, 1]
    periods = [
        int(charts.mentioned_periods(d, bucket="day", unit=u, articles=a)["count"].iloc[0])
        for u in ("mentions", "articles", "stories")
    ]
    assert periods == [3, 2, 1]
    by_date = explore.actors_by_date(d, m, unit="stories", articles=a)
    assert by_date["occurrences"].tolist() == [1]
    people = explore.people_table(m.assign(type="person"), schema.empty("actors"), articles=a)
    assert people.set_index("actor_id").loc["X", ["mentions", "docs", "stories"]].tolist() == [
        3, 2, 1
    ]  # fmt: skip
    over = charts.actor_counts_by_date(m, a, unit="stories", top=5)
    day2 = over[(over["period"] == "2015-07-22") & (over["actor_id"] == "X")].iloc[0]
    assert (day2["count"], day2["total"]) == (1, 2)  # the copy, out of 2 stories that day


def test_articles_by_date_counts_each_story_once_on_its_first_day():
    per_day = charts.overview.articles_per_day(_articles(), unit="stories")
    assert per_day["articles"].sum() == 2
    assert set(per_day["source"]) == {"spa_copy1", "own"}


UNIT_WORDS = {"ar": "القصص", "en": "stories"}


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_titles_and_axis_labels_name_the_unit(lang):
    m, a, d = _mentions(), _articles(), _dates()
    axes = {
        "frequency": charts.plot_actor_frequency(m, articles=a, unit="stories", lang=lang),
        "over-time": charts.plot_actor_frequency_over_time(m, a, unit="stories", lang=lang),
        "cooccurrence": charts.plot_cooccurrence(m, articles=a, unit="stories", lang=lang),
        "timeline": charts.plot_timeline(d, articles=a, unit="stories", lang=lang),
        "periods": charts.plot_mentioned_periods(
            d, bucket="day", articles=a, unit="stories", lang=lang
        ),
        "lookback": charts.plot_lookback(d, a, unit="stories", lang=lang),
        "by-date": charts.plot_articles_by_date(a, unit="stories", lang=lang),
    }
    # Text is prepared for matplotlib; the logical string is what a reader sees.
    for name, ax in axes.items():
        texts = " ".join([ax.get_title(), ax.get_xlabel(), ax.get_ylabel()])
        assert UNIT_WORDS[lang] in texts or UNIT_WORDS[lang] in texts[::-1], (name, texts)
    mention_words = {"ar": "الإشارات", "en": "mentions"}[lang]
    ax = charts.plot_actor_frequency(m, articles=a, unit="mentions", lang=lang)
    assert mention_words in ax.get_xlabel() and mention_words in ax.get_title()


def test_boilerplate_and_self_references_left_out_by_default_kept_with_the_switch():
    m, a = _mentions(), _articles()
    default = charts.plot_actor_frequency(m, articles=a)
    kept = charts.plot_actor_frequency(m, articles=a, boilerplate=True)
    assert _count(default, "Z", "mentions") == 0 and _count(kept, "Z", "mentions") == 1
    assert _count(default, "S", "mentions") == 0 and _count(kept, "S", "mentions") == 1
    assert _count(default, "W", "mentions") == 3 and _count(kept, "W", "mentions") == 4
    edges = charts.cooccurrence_table(m, top=10)
    assert "Z" not in set(edges["source"]) | set(edges["target"])
    assert "Z" in set(charts.cooccurrence_table(m, top=10, boilerplate=True)["target"])
    d = _dates()
    assert charts.timeline_items(d)[0]["count"].sum() == 3
    assert charts.timeline_items(d, boilerplate=True)[0]["count"].sum() == 4
    assert charts.lookback(d, a)["doc_id"].tolist().count("a3") == 0
    assert charts.lookback(d, a, boilerplate=True)["doc_id"].tolist().count("a3") == 1
    over = charts.actor_counts_by_date(m, a, unit="mentions", top=10)
    assert "Z" not in set(over["actor_id"])
    assert "Z" in set(charts.actor_counts_by_date(m, a, top=10, boilerplate=True)["actor_id"])


def test_word_clouds_leave_boilerplate_sentences_out():
    arts = _articles()
    arts.loc[arts["doc_id"] == "a3", "text"] = "الخبر المهم\nرابط الخبر بصحيفة"
    s = _sentences()
    text = article_texts(arts[arts["doc_id"] == "a3"], s).iloc[0]
    assert "بصحيفة" not in text and "المهم" in text
    assert "بصحيفة" in article_texts(arts[arts["doc_id"] == "a3"], s, boilerplate=True).iloc[0]
    ax = charts.plot_article_wordcloud(arts, sentences=s)
    words = set(drawn_data(ax.figure)["word"])
    assert "المهم" in words and "بصحيفة" not in words
    kept = charts.plot_article_wordcloud(arts, sentences=s, boilerplate=True)
    assert "بصحيفة" in set(drawn_data(kept.figure)["word"])
    # One article per story: the copies' words count once.
    stories = charts.plot_article_wordcloud(arts, sentences=s, unit="stories")
    assert "stories" in charts.words._sample_note(2, 2, "en", unit="stories")
    assert drawn_data(stories.figure)["count"].sum() < drawn_data(ax.figure)["count"].sum()


@pytest.mark.parametrize(("forms", "expected", "note"), [
    ("all", 3, "names and adjectives"), ("names", 2, "names only"), ("adjectives", 1, "adjectives"),
])  # fmt: skip
def test_frequency_counts_the_chosen_forms_and_says_which(forms, expected, note):
    ax = charts.plot_actor_frequency(_mentions(), forms=forms, lang="en")
    assert _count(ax, "X", "mentions") == expected
    assert note in ax.get_title()


def test_story_views_count_copies():
    a = _articles()
    s = charts.story_summary(a).iloc[0]
    assert (s["articles"], s["stories"], s["copies"]) == (3, 2, 1)
    assert s["share_in_multi_article_stories"] == pytest.approx(2 / 3)
    real = a
    by_source = charts.copies_by(real, by="source").set_index("source")
    assert by_source["copies"].to_dict() == {"spa_copy1": 0, "spa_copy2": 1, "own": 0}
    table = charts.story_table(real)
    assert table.loc[0, "first_source"] == "spa_copy1" and table.loc[0, "copied_by"] == "spa_copy2"
    shared = charts.shared_stories(real)
    assert shared.loc["spa_copy1", "spa_copy2"] == 1 and "own" not in shared.index
