"""analysis.explore: the views behind the actor picker and date slider, and the notebook tables."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import explore, schema
from analysis.actors import actors_frame
from analysis.pipeline import Parsed

# Three small articles written for these tests: one sentence per line.
TEXTS = {
    "a": "قال الرئيس فولوديمير زيلينسكي في كييف اليوم إن أوكرانيا تحتاج الدعم.\n"
    "وزار مارك روت أوكرانيا في مايو 2023.",
    "b": "التقى مارك روت الرئيس فولوديمير زيلينسكي في بروكسل عام 2022.\n"
    "وقال الأمين العام مارك روت إن الحلف يدعم أوكرانيا.",
    "c": "أعلنت اليابان أمس خطة جديدة.",
}
PUBLISHED = {"a": "2024-10-17", "b": "2024-10-18", "c": None}
ACTORS = {
    "فولوديمير زيلينسكي": (
        "person:zelensky",
        "فولوديمير زيلينسكي",
        "Volodymyr Zelensky",
        "person",
        "UKR",
        "الرئيس",
        "country:UKR",
    ),
    "مارك روت": (
        "person:rutte",
        "مارك روت",
        "Mark Rutte",
        "person",
        "NLD",
        "الأمين العام",
        "org:NATO",
    ),
    "أوكرانيا": ("country:UKR", "أوكرانيا", "Ukraine", "country", "UKR", "", ""),
    "كييف": ("place:kyiv", "كييف", "Kyiv", "place", "UKR", "", ""),
    "بروكسل": ("place:brussels", "بروكسل", "Brussels", "place", "BEL", "", ""),
    "اليابان": ("country:JPN", "اليابان", "Japan", "country", "JPN", "", ""),
}
# (doc, surface, value, start, end, resolved, type)
DATES = [
    ("a", "اليوم", "2024-10-17", "2024-10-17", "2024-10-17", True, "DATE"),
    ("a", "مايو 2023", "2023-05", "2023-05-01", "2023-05-31", True, "DATE"),
    ("b", "عام 2022", "2022", "2022-01-01", "2022-12-31", True, "DATE"),
    ("c", "أمس", "", None, None, False, "DATE"),
]


def _sentences() -> pd.DataFrame:
    rows = []
    for doc, text in TEXTS.items():
        pos = 0
        for i, line in enumerate(text.split("\n")):
            rows.append(
                {
                    "doc_id": doc,
                    "sent_id": i,
                    "para_id": i,
                    "start": pos,
                    "end": pos + len(line),
                    "text": line,
                }
            )
            pos += len(line) + 1
    return schema.conform(rows, "sentences")


def _sent_of(sentences: pd.DataFrame, doc: str, start: int) -> int:
    s = sentences[(sentences["doc_id"] == doc) & (sentences["start"] <= start)]
    return int(s["sent_id"].max())


@pytest.fixture(scope="module")
def parsed() -> Parsed:
    sentences = _sentences()
    mentions, dates = [], []
    for doc, text in TEXTS.items():
        for surface, (aid, ar, en, typ, iso3, role, aff) in ACTORS.items():
            start = text.find(surface)
            while start >= 0:
                mentions.append(
                    {
                        "doc_id": doc,
                        "sent_id": _sent_of(sentences, doc, start),
                        "start": start,
                        "end": start + len(surface),
                        "surface": surface,
                        "actor_id": aid,
                        "name_ar": ar,
                        "name_en": en,
                        "type": typ,
                        "iso3": iso3,
                        "role": role,
                        "affiliation": aff,
                    }
                )
                start = text.find(surface, start + 1)
    for doc, surface, value, s, e, resolved, typ in DATES:
        start = TEXTS[doc].find(surface)
        dates.append(
            {
                "doc_id": doc,
                "sent_id": _sent_of(sentences, doc, start),
                "start": start,
                "end": start + len(surface),
                "surface": surface,
                "type": typ,
                "value": value,
                "start_date": s,
                "end_date": e,
                "resolved": resolved,
            }
        )
    mentions = schema.conform(mentions, "mentions").sort_values(["doc_id", "start"])
    articles = schema.conform(
        [
            {
                "doc_id": d,
                "title": t.split("\n")[0][:30],
                "text": t,
                "published": PUBLISHED[d],
                "n_chars": len(t),
            }
            for d, t in TEXTS.items()
        ],
        "articles",
    )
    return Parsed(
        articles=articles,
        sentences=sentences,
        mentions=mentions.reset_index(drop=True),
        actors=actors_frame(mentions),
        dates=schema.conform(dates, "dates"),
        stories=schema.empty("stories"),
        quotes=schema.empty("quotes"),
        errors=schema.empty("errors"),
    )


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_fixture_offsets_hold(parsed):
    text = dict(zip(parsed.articles["doc_id"], parsed.articles["text"], strict=True))
    for frame in (parsed.mentions, parsed.dates):
        for r in frame.itertuples():
            assert text[r.doc_id][r.start : r.end] == r.surface


def test_actor_choices_most_mentioned_first(parsed):
    choices = explore.actor_choices(parsed.mentions, top=3)
    ids = [i for _, i in choices]
    assert ids[0] in ("country:UKR", "person:rutte")  # 3 mentions each
    assert set(ids[:2]) == {"country:UKR", "person:rutte"}
    assert len(choices) == 3
    label = dict((i, lab) for lab, i in choices)["person:rutte"]
    assert label == "مارك روت (3)"
    assert explore.actor_choices(parsed.mentions, top=1, lang="en")[0][0].endswith("(3)")


def test_actor_dates_are_those_in_the_actors_sentences(parsed):
    rutte = explore.actor_dates(parsed.dates, parsed.mentions, "person:rutte")
    assert sorted(rutte["value"]) == ["2022", "2023-05"]
    kyiv = explore.actor_dates(parsed.dates, parsed.mentions, "place:kyiv")
    assert list(kyiv["value"]) == ["2024-10-17"]
    japan = explore.actor_dates(parsed.dates, parsed.mentions, "country:JPN")
    assert list(japan["surface"]) == ["أمس"] and not japan["resolved"].any()  # listed, unplaced
    assert explore.actor_dates(parsed.dates, parsed.mentions, "place:brussels")[
        "value"
    ].tolist() == ["2022"]


def test_actor_view_shows_the_actors_mentions_and_dates(parsed):
    view = explore.actor_view(parsed, "person:rutte", limit=2)
    assert "مارك روت" in view.title and "3" in view.title
    kwic = view.data["kwic"]
    assert len(kwic) == 2 and set(kwic["keyword"]) == {"مارك روت"}
    assert sorted(view.data["dates"]["value"]) == ["2022", "2023-05"]
    html = view.items[0].to_html()
    assert 'dir="rtl"' in html and "مارك روت" in html
    assert hasattr(view.items[1], "savefig")  # the actor's timeline


def test_picker_static_without_frontend(parsed, monkeypatch):
    monkeypatch.setenv(explore.WIDGETS_ENV, "0")
    view = explore.actor_picker(parsed, top=5)
    assert isinstance(view, explore.View)
    assert set(view.data["kwic"]["keyword"]) <= {"أوكرانيا", "مارك روت"}


def test_picker_widget_updates_on_selection(parsed):
    import ipywidgets

    box = explore.actor_picker(parsed, top=5, interactive=True)
    assert isinstance(box, ipywidgets.VBox)
    kind, search = box.children[0].children
    dropdown = box.children[1]
    first = box.view.data["kwic"]["keyword"].iloc[0]
    dropdown.value = "place:brussels"
    assert set(box.view.data["kwic"]["keyword"]) == {"بروكسل"}
    assert list(box.view.data["dates"]["value"]) == ["2022"]
    assert first != "بروكسل"
    # Every actor is reachable (not only the top N): filter by type, then search by name.
    n_actors = parsed.mentions["actor_id"].nunique()
    assert len(dropdown.options) == n_actors
    kind.value = "person"
    assert {i for _, i in dropdown.options} == set(
        parsed.mentions.loc[parsed.mentions["type"] == "person", "actor_id"]
    )
    search.value = "روت"
    assert [i for _, i in dropdown.options] == ["person:rutte"]
    assert set(box.view.data["kwic"]["keyword"]) == {"مارك روت"}
    search.value = "لا أحد بهذا الاسم"
    assert box.view.title in ("لا نتائج", "no match")


def test_widget_frontend_switches(monkeypatch):
    monkeypatch.setenv(explore.WIDGETS_ENV, "1")
    assert explore.widget_frontend()
    monkeypatch.setenv(explore.WIDGETS_ENV, "0")
    assert not explore.widget_frontend()
    monkeypatch.delenv(explore.WIDGETS_ENV)
    assert not explore.widget_frontend()  # no kernel here
    assert explore.batch_runner("/venv/bin/python /venv/bin/papermill a.ipynb b.ipynb")
    assert explore.batch_runner("python /venv/bin/jupyter-nbconvert --execute x.ipynb")
    assert not explore.batch_runner("/venv/bin/python /venv/bin/jupyter-lab --no-browser")


def test_date_options(parsed):
    days = explore.date_options(parsed, field="published")
    assert days == [pd.Timestamp("2024-10-17"), pd.Timestamp("2024-10-18")]
    starts = explore.date_options(parsed, field="mentioned")
    assert starts == [pd.Timestamp(d) for d in ("2022-01-01", "2023-05-01", "2024-10-17")]
    with pytest.raises(ValueError):
        explore.date_options(parsed, field="other")


def test_slice_published_keeps_frames_consistent(parsed):
    sub = explore.slice_published(parsed, "2024-10-18", "2024-10-18")
    assert list(sub.articles["doc_id"]) == ["b"]
    for frame in (sub.sentences, sub.mentions, sub.dates):
        assert set(frame["doc_id"]) == {"b"}
    rutte = sub.actors.set_index("actor_id").loc["person:rutte"]
    assert (rutte["n_mentions"], rutte["n_docs"]) == (2, 1)
    assert "place:kyiv" not in set(sub.actors["actor_id"])
    both = explore.slice_published(parsed, "2024-10-17", "2024-10-18")
    assert set(both.articles["doc_id"]) == {"a", "b"}  # c has no publication date


def test_slice_mentioned_overlaps(parsed):
    values = set(explore.slice_mentioned(parsed.dates, "2022-12-31", "2023-05-01")["value"])
    assert values == {"2022", "2023-05"}  # both touch the range at one end
    assert explore.slice_mentioned(parsed.dates, "2024-01-01", "2024-10-16").empty
    assert "" not in set(explore.slice_mentioned(parsed.dates, "1900-01-01", "2100-01-01")["value"])


def test_slider_widget_redraws_on_range(parsed):
    import ipywidgets

    box = explore.date_range_slider(parsed, field="published", interactive=True)
    assert isinstance(box, ipywidgets.VBox)
    assert len(box.view.data["articles"]) == 2
    start, end = box.children[0], box.children[1]
    assert isinstance(start, ipywidgets.DatePicker) and start.min == start.value
    start.value = end.value
    assert list(box.view.data["articles"]["doc_id"]) == ["b"]
    assert box.view.data["actors"]["mentions"].sum() == len(
        parsed.mentions[parsed.mentions["doc_id"] == "b"]
    )
    # Mentioned dates: bounded to their plausible range, starting at the publication range.
    lo, hi = explore.date_bounds(parsed, field="mentioned")
    assert lo <= pd.Timestamp("2022-01-01") + pd.Timedelta(days=40) and hi == pd.Timestamp(
        "2024-10-18"
    )
    timeline = explore.date_range_slider(parsed, field="mentioned", interactive=False)
    assert set(timeline.data["dates"]["value"]) == {"2024-10-17"}
    assert "\u20662024-10-17 … 2024-10-18\u2069" in timeline.title
    box = explore.date_range_slider(parsed, field="mentioned", interactive=True)
    # The browser's date input hides the bounds: the tooltip names them.
    bounds = f"{box.children[0].min:%Y-%m-%d} … {box.children[0].max:%Y-%m-%d}"
    assert box.children[0].tooltip == box.children[1].tooltip == bounds
    assert box.children[0].min < box.children[0].value
    box.children[0].value = box.children[0].min
    assert {"2022", "2023-05"} & set(box.view.data["dates"]["value"])
    early = explore.range_view(parsed, "0001-01-01", "0001-12-31", field="mentioned", lang="en")
    assert "0001-01-01" in early.title and early.data["dates"].empty


def test_people_table(parsed):
    people = explore.people_table(parsed.mentions, parsed.actors)
    assert list(people["actor_id"]) == ["person:rutte", "person:zelensky"]
    rutte = people.iloc[0]
    assert rutte["role"] == "الأمين العام"
    assert rutte["country"] == "هولندا"  # not in the frames: the gazetteer names it
    assert rutte["affiliation"] == "org:NATO"  # unknown actor: its id is kept
    zel = people.iloc[1]
    assert (zel["country"], zel["affiliation"], zel["mentions"]) == ("أوكرانيا", "أوكرانيا", 2)
    en = explore.people_table(parsed.mentions, parsed.actors, lang="en")
    assert en.iloc[1]["country"] == "Ukraine" and en.iloc[1]["name"] == "Volodymyr Zelensky"


def test_actors_by_date(parsed):
    table = explore.actors_by_date(parsed.dates, parsed.mentions).set_index("value")
    assert list(table.index) == ["2022", "2023-05", "2024-10-17"]  # by date, unresolved out
    assert table.loc["2022", "n_actors"] == 3
    assert set(table.loc["2022", "actors"].split("، ")) == {
        "مارك روت",
        "فولوديمير زيلينسكي",
        "بروكسل",
    }
    assert set(table.loc["2023-05", "actors"].split("، ")) == {"مارك روت", "أوكرانيا"}
    assert (table["occurrences"] == 1).all()


def test_publication_days_and_pick_articles(parsed):
    assert explore.publication_days(parsed.articles) == 2
    assert explore.pick_articles(parsed.articles, n=2) == ["b", "a"]


def test_article_clouds_small_multiples(parsed):
    fig = explore.article_clouds(parsed.articles, ["b", "a"], ncols=3)
    drawn = [ax for ax in fig.axes if ax.images]
    assert len(fig.axes) == 2 and len(drawn) == 2


# A numeral right before a counted noun needs Arabic number agreement ("9 إشارة" is wrong).
_NUMERAL_NOUN_RE = re.compile(r"\d\s*(إشار|مقال|قص|تعبير)")


def test_view_headings_read_right_for_any_count(parsed):
    actor = parsed.mentions["actor_id"].value_counts().index[0]
    headings = [
        explore.actor_view(parsed, actor, lang="ar").title,
        explore.range_view(parsed, "2024-10-01", "2024-10-31", field="published", lang="ar").title,
        explore.range_view(parsed, "2022-01-01", "2024-12-31", field="mentioned", lang="ar").title,
    ]
    shown = explore.range_view(parsed, "2022-01-01", "2024-12-31", field="mentioned", lang="ar")
    assert not [c for c in shown.items[1].data.columns if c.isascii()]  # headers in Arabic
    for title in headings:
        assert not _NUMERAL_NOUN_RE.search(title), title
        assert re.search(r": \d", title), title  # the counts are still there
