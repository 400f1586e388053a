"""Readability checks every chart must pass on a month-like corpus: titles and labels in the
chart's language, legends outside the data area, tick labels that do not overlap, TOP_N honoured.

The frames are synthetic (ids and counts only, no corpus text), shaped like a month of news:
13 sources, 30 days with a three-day gap, 40 actors.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import itertools
import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from analysis import charts, schema
from analysis.arabic import has_arabic

N_DAYS, GAP, N_SOURCES, N_ACTORS = 30, range(12, 15), 13, 40
TYPES = ["country", "person", "organization", "place", "group"]


def _month() -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(0)
    days = [d for d in range(N_DAYS) if d not in GAP]
    n = 600
    articles = schema.conform(
        pd.DataFrame(
            {
                "doc_id": [f"doc{i}" for i in range(n)],
                "title": "",
                "text": "",
                "published": pd.Timestamp("2015-07-01")
                + pd.to_timedelta(rng.choice(days, n), unit="D"),
                "source": [f"source{j:02d}" for j in rng.integers(0, N_SOURCES, n)],
                "path": "",
                "n_chars": 0,
                "encoding": "utf-8",
            }
        ),
        "articles",
    )
    # Zipf-like actor popularity; two or three actors per sentence so they co-occur.
    weights = 1 / np.arange(1, N_ACTORS + 1)
    rows = []
    for i in range(n):
        for sent in range(3):
            for a in rng.choice(N_ACTORS, 3, replace=False, p=weights / weights.sum()):
                rows.append(
                    {"doc_id": f"doc{i}", "sent_id": sent, "start": 0, "end": 1, "surface": "x",
                     "actor_id": f"a:{a}", "name_ar": f"فاعل {a}", "name_en": f"Actor {a}",
                     "type": TYPES[a % len(TYPES)], "form": "name"}
                )  # fmt: skip
    mentions = schema.conform(rows, "mentions")
    starts = pd.Timestamp("2015-07-15") + pd.to_timedelta(rng.integers(-400, 60, 500), unit="D")
    dates = schema.conform(
        pd.DataFrame(
            {
                "doc_id": [f"doc{i}" for i in rng.integers(0, n, 500)],
                "sent_id": 0,
                "start": 0,
                "end": 1,
                "surface": "x",
                "type": "DATE",
                "value": "v",
                "granularity": rng.choice(["day", "month", "year"], 500),
                "start_date": starts,
                "end_date": starts,
                "resolved": True,
            }
        ),
        "dates",
    )
    # Sentence lengths 1..40 words, and a few run-on "sentences" of hundreds of words.
    lengths = [*rng.integers(1, 40, 2000), 300, 600, 1800]
    sentences = pd.DataFrame({"doc_id": "doc0", "sent_id": range(len(lengths)),
                              "text": [" ".join(["كلمة"] * int(k)) for k in lengths]})  # fmt: skip
    return {"articles": articles, "mentions": mentions, "dates": dates, "sentences": sentences}


@pytest.fixture(scope="module")
def month():
    return _month()


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _builders(f: dict, lang: str, top: int) -> dict:
    m, a, d = f["mentions"], f["articles"], f["dates"]
    return {
        "articles-by-date": lambda: charts.plot_articles_by_date(a, lang=lang, top=top),
        "actor-frequency": lambda: charts.plot_actor_frequency(m, lang=lang, top=top),
        "actors-over-time": lambda: charts.plot_actor_frequency_over_time(m, a, lang=lang, top=top),
        "actors-over-time-heatmap": lambda: charts.plot_actor_frequency_over_time(
            m, a, lang=lang, top=top, kind="heatmap"
        ),
        "cooccurrence": lambda: charts.plot_cooccurrence(m, lang=lang, top=top),
        "mentioned-months": lambda: charts.plot_mentioned_periods(d, bucket="month", lang=lang),
        "mentioned-days": lambda: charts.plot_mentioned_periods(d, bucket="day", lang=lang),
        "lookback": lambda: charts.plot_lookback(d, a, lang=lang),
        "actor-frequency-stories": lambda: charts.plot_actor_frequency(
            m, articles=a, lang=lang, top=top, unit="stories", forms="names"
        ),
        "articles-by-date-stories": lambda: charts.plot_articles_by_date(
            a, lang=lang, top=top, unit="stories"
        ),
        "lookback-articles": lambda: charts.plot_lookback(d, a, lang=lang, unit="articles"),
        "timeline": lambda: charts.plot_timeline(d, lang=lang, max_items=top),
        "sentence-lengths": lambda: charts.plot_sentence_lengths(f["sentences"], lang=lang),
    }


def _overlap(a, b) -> bool:
    return a.x0 < b.x1 - 0.5 and b.x0 < a.x1 - 0.5 and a.y0 < b.y1 - 0.5 and b.y0 < a.y1 - 0.5


CASES = [("ar", 5), ("ar", 20), ("en", 20)]
LATIN_RE = re.compile(r"[A-Za-z]")


@pytest.mark.parametrize(("lang", "top"), CASES)
def test_every_chart_is_readable(month, lang, top):
    for name, draw in _builders(month, lang, top).items():
        ax = draw()
        fig = ax.figure
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        # Title and axis labels in the chart's language.
        for text in (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()):
            if text:
                assert has_arabic(text) == (lang == "ar"), (name, lang, text)
                # No Latin word or symbol ("×N") in an Arabic chart's text (digits are fine).
                assert lang == "en" or not LATIN_RE.search(text), (name, text)
        assert ax.get_title(), name
        # A legend sits outside the data area.
        legend = ax.get_legend()
        if legend is not None:
            assert not _overlap(
                legend.get_window_extent(renderer), ax.get_window_extent(renderer)
            ), name
        # Tick labels of one axis never overlap one another.
        for labels in (ax.get_xticklabels(), ax.get_yticklabels()):
            boxes = [
                t.get_window_extent(renderer) for t in labels if t.get_visible() and t.get_text()
            ]
            for b1, b2 in itertools.combinations(boxes, 2):
                assert not _overlap(b1, b2), (name, lang, top)
        plt.close(fig)


@pytest.mark.parametrize("top", [3, 7, 40])
def test_top_n_is_honoured_everywhere(month, top):
    m, a = month["mentions"], month["articles"]
    ax = charts.plot_articles_by_date(a, top=top)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert len(labels) == min(top, N_SOURCES) + (top < N_SOURCES)  # + "other sources"
    ax = charts.plot_actor_frequency(m, top=top)
    assert len(ax.patches) == min(top, N_ACTORS)
    ax = charts.plot_actor_frequency_over_time(m, a, top=top)
    shown = ax.images[0].get_array().shape[0] if ax.images else len(ax.lines)
    assert shown == min(top, N_ACTORS)
    ax = charts.plot_cooccurrence(m, top=top)
    assert len(ax.collections[-1].get_offsets()) <= top  # the node scatter
    assert len(charts.cooccurrence_table(m, top=top)) == top
    assert charts.actor_counts_by_date(m, a, top=top)["actor_id"].nunique() == min(top, N_ACTORS)


def test_articles_by_date_calendar_axis_with_gap(month):
    ax = charts.plot_articles_by_date(month["articles"], top=5)
    # One bar per source per published day; the gap days have no bar, but keep their place.
    xs = sorted({round(p.get_x() + p.get_width() / 2) for p in ax.patches})
    assert len(xs) == N_DAYS - len(GAP)
    assert xs[-1] - xs[0] == N_DAYS - 1
    colours = {tuple(p.get_facecolor()) for p in ax.patches}
    assert len(colours) == 6  # five sources and "other", each its own colour


def test_heatmap_says_what_its_grey_gap_columns_are(month):
    ax = charts.plot_actor_frequency_over_time(
        month["mentions"], month["articles"], top=20, lang="en"
    )
    assert ax.images and "grey: no articles" in ax.get_xlabel()
    few = month["articles"][month["articles"]["published"] < "2015-07-13"]  # before the gap
    ax = charts.plot_actor_frequency_over_time(month["mentions"], few, top=20, lang="en")
    assert "grey" not in ax.get_xlabel()  # no gap, no note


def test_number_wording_is_right_for_every_n(month):
    for top in (1, 2, 3, 10, 11, 100):
        title = charts.plot_actor_frequency(month["mentions"], top=top).get_title()
        # No numeral directly before a counted noun ("أكثر 10 فاعلا"): the count stands apart.
        assert "(العدد:" in title and "فاعلا" not in title
        plt.close("all")


def test_cooccurrence_at_forty_is_a_labelled_circle_with_the_strongest_links(month):
    ax = charts.plot_cooccurrence(month["mentions"], top=40, lang="en")
    ax.figure.canvas.draw()
    names = [t for t in ax.texts if t.get_text().startswith("Actor")]
    assert len(names) == 40
    # Radial labels cannot collide when neighbouring nodes are at least one line of text apart
    # on the page (axis-aligned boxes of slanted labels overlap whatever the layout, so the
    # node spacing is what is checked).
    nodes = np.array([ax.transData.transform(t.xy) for t in names])
    gap = min(np.hypot(*(p - q)) for p, q in itertools.combinations(nodes, 2))
    line = names[0].get_fontsize() * ax.figure.dpi / 72
    assert gap >= 1.5 * line, (gap, line)
    assert {round(t.get_rotation()) % 90 for t in names} != {0}  # along the radius
    assert "links shown" in ax.get_title()


def test_mentioned_periods_and_lookback(month):
    d, a = month["dates"], month["articles"]
    by_month = charts.mentioned_periods(d, bucket="month")
    assert by_month["count"].sum() == d["granularity"].isin(["day", "month"]).sum()
    by_year = charts.mentioned_periods(d, bucket="year")
    assert by_year["count"].sum() == len(d)
    look = charts.lookback(d, a)
    assert len(look) == len(d)
    assert set(look["direction"]) <= {"past", "current", "future"}
    assert (look.loc[look["direction"] == "current", "days"] == 0).all()
    with pytest.raises(ValueError):
        charts.mentioned_periods(d, bucket="week")


def _one_article() -> dict[str, pd.DataFrame]:
    """One article, one actor, one date, one sentence: every count is 1."""
    f = _month()
    doc = f["articles"].head(1)
    return {
        "articles": doc,
        "mentions": f["mentions"][f["mentions"]["doc_id"] == doc["doc_id"].iloc[0]].head(1),
        "dates": f["dates"].head(1).assign(doc_id=doc["doc_id"].iloc[0], granularity="day"),
        "sentences": f["sentences"].head(1),
    }


@pytest.mark.parametrize(
    ("name", "axis"),
    [("articles-by-date", "y"), ("actor-frequency", "x"), ("lookback", "x"),
     ("mentioned-days", "y"), ("sentence-lengths", "y")],
)  # fmt: skip
def test_count_axes_have_whole_number_ticks(name, axis):
    # One article is counted as 1, never read off ticks at 0.2, 0.4, ...
    ax = _builders(_one_article(), "en", 5)[name]()
    ticks = ax.get_xticks() if axis == "x" else ax.get_yticks()
    assert len(ticks) >= 2 and np.allclose(ticks, np.round(ticks)), (name, ticks)


def test_sentence_length_overflow_note_is_not_over_the_bars(month):
    ax = charts.plot_sentence_lengths(month["sentences"], lang="en")
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    assert "1,800" in ax.get_xlabel()  # the longest is still told
    bars = [p.get_window_extent(renderer) for p in ax.patches if p.get_height() > 0]
    for text in ax.texts:
        box = text.get_window_extent(renderer)
        assert not any(_overlap(box, b) for b in bars), text.get_text()
