"""Speaker charts (analysis.charts.quotes) and the speaker picker on a small hand-made corpus."""

from __future__ import annotations

from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import charts, render, schema
from analysis.charts.quotes import story_of
from analysis.corpus import articles_from_texts
from analysis.explore_quotes import speaker_choices, speaker_picker, speaker_view
from analysis.export import drawn_data

# Written for these tests (not corpus text). doc0 and doc1 are wire copies of one story.
WIRE = "قال الوزير إن الناتو شريك مهم مثل الصين. وأكد الوزير أن الصين لا تهدد أحدا."
TEXTS = [
    WIRE,
    WIRE,
    "«الاتفاق قريب <b>جدا</b>» قال الوزير. وأعلنت الصين أن الناتو لا يهددها.",
    "وأعلنت الصين أن الوزير سيزور بروكسل. وقال مسؤول إن الزيارة مهمة.",
]
PUBLISHED = ["2024-10-18", "2024-10-19", "2024-10-20", "2024-10-20"]
STORY = ["story:wire", "story:wire", "", ""]
ACTORS = [
    ("person:minister", "الوزير الياباني", "Japan's minister", "person"),
    ("country:CHN", "الصين", "China", "country"),
    ("org:NATO", "الناتو", "NATO", "organization"),
    ("place:brussels", "بروكسل", "Brussels", "place"),
]
SURFACES = {"الوزير": "person:minister", "الصين": "country:CHN", "الناتو": "org:NATO",
            "بروكسل": "place:brussels"}  # fmt: skip
# doc index, cue, content, speaker surface (the first after/before the cue), speaker actor
QUOTES = [
    (0, "قال", "الناتو شريك مهم مثل الصين", "الوزير", "person:minister"),
    (0, "وأكد", "الصين لا تهدد أحدا", "الوزير", "person:minister"),
    (1, "قال", "الناتو شريك مهم مثل الصين", "الوزير", "person:minister"),
    (1, "وأكد", "الصين لا تهدد أحدا", "الوزير", "person:minister"),
    (2, "قال", "الاتفاق قريب <b>جدا</b>", "الوزير", "person:minister"),
    (2, "وأعلنت", "الناتو لا يهددها", "الصين", "country:CHN"),
    (3, "وأعلنت", "الوزير سيزور بروكسل", "الصين", "country:CHN"),
    (3, "وقال", "الزيارة مهمة", "مسؤول", ""),
]


def build() -> SimpleNamespace:
    articles = articles_from_texts(TEXTS)
    articles["text"] = pd.array(TEXTS, dtype="string")  # markup kept: it must come out escaped
    articles["published"] = pd.to_datetime(PUBLISHED).astype("datetime64[s]")
    articles["story_id"] = pd.array(STORY, dtype="string")
    names = {a: (ar, en, t) for a, ar, en, t in ACTORS}
    mentions, quotes = [], []
    for i, doc in enumerate(articles.to_dict("records")):
        text = doc["text"]
        for surface, aid in SURFACES.items():
            start = text.find(surface)
            while start >= 0:
                ar, en, t = names[aid]
                mentions.append({"doc_id": doc["doc_id"], "sent_id": 0, "start": start,
                                 "end": start + len(surface), "surface": surface, "actor_id": aid,
                                 "name_ar": ar, "name_en": en, "type": t})  # fmt: skip
                start = text.find(surface, start + 1)
        for n, (d, cue, content, speaker, aid) in enumerate(q for q in QUOTES if q[0] == i):
            c0, s0 = text.find(content), text.find(speaker)
            k0 = text.find(cue, 0 if d != 2 or cue != "قال" else c0)
            assert min(c0, s0, k0) >= 0, (cue, content, speaker)
            quotes.append({"doc_id": doc["doc_id"], "quote_id": n, "sent_id": 0, "kind": "indirect",
                           "cue": cue, "cue_start": k0, "cue_end": k0 + len(cue), "content": content,
                           "content_start": c0, "content_end": c0 + len(content),
                           "speaker_start": s0, "speaker_end": s0 + len(speaker),
                           "speaker_actor_id": aid, "speaker_name": names[aid][0] if aid else speaker,
                           "speaker_type": names[aid][2] if aid else "",
                           "speaker_resolved": "explicit" if aid else "unresolved",
                           "outlet_actor_id": "", "outlet_name": ""})  # fmt: skip
    actors = pd.DataFrame(ACTORS, columns=["actor_id", "name_ar", "name_en", "type"])
    return SimpleNamespace(
        articles=articles,
        mentions=schema.conform(mentions, "mentions"),
        quotes=schema.conform(quotes, "quotes"),
        actors=actors,
    )


@pytest.fixture(scope="module")
def parsed():
    return build()


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _bars(ax) -> list[float]:
    """Bar widths, top bar first."""
    return [p.get_width() for p in sorted(ax.patches, key=lambda p: -p.get_y())]


def test_fixture_quotes_index_the_text(parsed):
    text = dict(zip(parsed.articles["doc_id"], parsed.articles["text"], strict=True))
    for r in parsed.quotes.itertuples(index=False):
        assert text[r.doc_id][r.content_start : r.content_end] == r.content
        assert text[r.doc_id][r.cue_start : r.cue_end] == r.cue


def test_speaker_counts_by_unit(parsed):
    counts = charts.speaker_counts(parsed.quotes, parsed.articles, actors=parsed.actors)
    row = counts.set_index("speaker_actor_id").loc["person:minister"]
    assert (row["quotes"], row["articles"], row["stories"]) == (5, 3, 2)
    row = counts.set_index("speaker_actor_id").loc["country:CHN"]
    assert (row["quotes"], row["articles"], row["stories"]) == (2, 2, 2)
    assert "" not in set(counts["speaker_actor_id"]), "an unresolved speaker is not an actor"


def test_a_boilerplate_quote_is_not_counted(parsed):
    quotes = parsed.quotes.copy()
    first = quotes.index[quotes["speaker_actor_id"] == "person:minister"][0]
    quotes.loc[first, "boilerplate"] = True
    counts = charts.speaker_counts(quotes, parsed.articles, actors=parsed.actors)
    assert counts.set_index("speaker_actor_id").loc["person:minister", "quotes"] == 4


def test_story_of_falls_back_to_the_article(parsed):
    story = story_of(parsed.articles)
    assert story["doc0"] == story["doc1"] == "story:wire" and story["doc3"] == "doc3"


@pytest.mark.parametrize("unit,expected", [("quotes", [5, 2]), ("stories", [2, 2])])
def test_top_speakers_bars_count_by_unit(parsed, unit, expected):
    ax = charts.plot_top_speakers(parsed.quotes, parsed.articles, actors=parsed.actors, unit=unit)
    assert _bars(ax) == expected
    data = drawn_data(ax.figure)
    assert list(data["speaker_actor_id"]) == ["person:minister", "country:CHN"]
    assert list(data[unit]) == expected


def test_top_speakers_honour_top(parsed):
    ax = charts.plot_top_speakers(parsed.quotes, parsed.articles, actors=parsed.actors, top=1)
    assert len(ax.patches) == 1 and len(drawn_data(ax.figure)) == 1
    heat = charts.plot_speaker_mentions(
        parsed.quotes, parsed.mentions, parsed.articles, actors=parsed.actors, top=1
    )
    data = drawn_data(heat.figure)
    assert set(data["speaker_actor_id"]) == {"person:minister"}
    assert data["actor_id"].nunique() == 1  # top=1 bounds the columns too
    assert charts.top_speaker_quotes(parsed.quotes, parsed.articles, top=1)[
        "speaker_actor_id"
    ].unique().tolist() == ["person:minister"]


@pytest.mark.parametrize("shaping", [True, False])
def test_arabic_labels_go_through_the_layer(parsed, shaping):
    with render.force(matplotlib=shaping):
        ax = charts.plot_top_speakers(parsed.quotes, parsed.articles, actors=parsed.actors)
        heat = charts.plot_speaker_mentions(
            parsed.quotes, parsed.mentions, parsed.articles, actors=parsed.actors
        )
    fix = (lambda s: s) if shaping else render.visual
    ticks = sorted(ax.get_yticklabels(), key=lambda t: -t.get_position()[1])
    assert [t.get_text() for t in ticks] == [fix("الوزير الياباني"), fix("الصين")]
    assert ax.get_title() == fix("أكثر المتحدثين تصريحًا (العدد: 2)")
    assert ax.get_xlabel() == fix("عدد التصريحات")
    rows = [t.get_text() for t in heat.get_yticklabels()]
    assert rows == [fix("الوزير الياباني"), fix("الصين")]
    assert heat.get_title() == fix("من يتحدث عمّن (العدد: 2)")


def test_titles_and_names_in_english(parsed):
    ax = charts.plot_top_speakers(
        parsed.quotes, parsed.articles, actors=parsed.actors, lang="en", unit="stories"
    )
    assert ax.get_title() == "Top 2 speakers"
    assert ax.get_xlabel() == "stories (each counted once)"
    ticks = sorted(ax.get_yticklabels(), key=lambda t: -t.get_position()[1])
    assert [t.get_text() for t in ticks] == ["Japan's minister", "China"]
    heat = charts.plot_speaker_mentions(
        parsed.quotes, parsed.mentions, parsed.articles, actors=parsed.actors, lang="en"
    )
    assert heat.get_title() == "Who talks about whom (2 speakers)"
    assert {t.get_text() for t in heat.get_xticklabels()} <= {
        "China",
        "NATO",
        "Brussels",
        "Japan's minister",
    }
    over = charts.plot_speakers_over_time(
        parsed.quotes, parsed.articles, actors=parsed.actors, lang="en"
    )
    assert over.get_title() == "Speakers over time (2)" and over.get_ylabel() == "quotes"


def test_who_talks_about_whom(parsed):
    data = charts.speaker_mention_counts(
        parsed.quotes, parsed.mentions, parsed.articles, actors=parsed.actors
    )
    pairs = dict(zip(zip(data["speaker_actor_id"], data["actor_id"], strict=True),
                     data["quotes"], strict=True))  # fmt: skip
    # The minister names NATO in 2 quotes (doc0, doc1) and China in 4; never himself.
    assert pairs[("person:minister", "org:NATO")] == 2
    assert pairs[("person:minister", "country:CHN")] == 4
    assert pairs[("country:CHN", "person:minister")] == 1
    assert ("person:minister", "person:minister") not in pairs


def test_speakers_over_time_counts_a_story_once_at_its_first_date(parsed):
    ax = charts.plot_speakers_over_time(
        parsed.quotes, parsed.articles, actors=parsed.actors, unit="stories", lang="en"
    )
    data = drawn_data(ax.figure)
    minister = data[data["speaker_actor_id"] == "person:minister"].set_index("period")["stories"]
    assert minister.to_dict() == {
        pd.Timestamp("2024-10-18"): 1,  # the wire story, dated by its first copy
        pd.Timestamp("2024-10-19"): 0,
        pd.Timestamp("2024-10-20"): 1,
    }
    quotes = charts.plot_speakers_over_time(parsed.quotes, parsed.articles, actors=parsed.actors)
    per_day = drawn_data(quotes.figure)
    assert per_day.loc[per_day["speaker_actor_id"] == "person:minister", "quotes"].tolist() == [
        2,
        2,
        1,
    ]


def test_top_speaker_quotes_context_spans_a_quote_before_its_cue(parsed):
    table = charts.top_speaker_quotes(parsed.quotes, parsed.articles, actors=parsed.actors)
    row = table[table["doc_id"] == "doc2"].iloc[0]
    assert row["content"] in row["context"] and row["cue"] in row["context"]
    assert table["speaker"].iloc[0] == "الوزير الياباني"
    few = charts.top_speaker_quotes(
        parsed.quotes, parsed.articles, actors=parsed.actors, per_speaker=1
    )
    assert few.groupby("speaker_actor_id").size().max() == 1


def test_speaker_picker_static_view_escapes_corpus_text(parsed):
    view = speaker_picker(parsed, interactive=False)
    assert view.title.startswith("الوزير الياباني") and "التصريحات: 5" in view.title
    html = view.items[0].to_html()
    assert "&lt;b&gt;جدا&lt;/b&gt;" in html and "<b>جدا" not in html
    assert [c for _, c in speaker_choices(parsed, search="صين")] == ["country:CHN"]


def test_no_speakers_say_so():
    empty = build()
    empty.quotes = empty.quotes.iloc[0:0]
    ax = charts.plot_top_speakers(empty.quotes, empty.articles)
    assert not ax.axison and drawn_data(ax.figure).empty
    assert speaker_picker(empty, interactive=False).title == "لا متحدثين"


def test_export_charts_includes_the_speakers(parsed, tmp_path):
    frames = {**vars(parsed), "dates": schema.conform([], "dates"),
              "sentences": schema.conform([], "sentences")}  # fmt: skip
    written = charts.export_charts(SimpleNamespace(**frames), out=tmp_path, formats=("png",))
    for name in ("speakers", "speakers-over-time", "speaker-mentions"):
        assert [p.name for p in written[name]] == [f"{name}.png", f"{name}.csv"]
    assert pd.read_csv(tmp_path / "speakers.csv")["quotes"].tolist() == [5, 2]


def test_speaker_view_names_columns_and_types_in_arabic(parsed):
    view = speaker_view(parsed, "person:minister", lang="ar")
    named = view.items[1].data
    assert list(named.columns) == ["الفاعل", "النوع", "التصريحات"]
    assert not set(named["النوع"]) & {"person", "country", "organization", "place"}
    shown = view.items[0].data
    assert not [c for c in shown.columns if c.isascii()], list(shown.columns)
    assert not set(shown["النوع"]) & {"direct", "indirect", "according_to"}
