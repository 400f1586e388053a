"""Charts on small hand-written frames that follow analysis.schema (mentions, dates, sentences)."""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from bidi import get_display

from analysis import charts, render, schema
from analysis.charts import timeline as tl
from analysis.charts import words
from analysis.corpus import articles_from_texts
from analysis.export import drawn_data
from analysis.sentences import sentence_rows

# Two short articles written for these tests (not corpus text), published on different days.
TEXTS = [
    "التقى وزير الدفاع الياباني نظيره الأسترالي في بروكسل اليوم الجمعة. "
    "وقال الأمين العام لحلف الناتو إن اليابان وأستراليا شريكان مهمان للناتو.\n"
    "وكانت اليابان قد وقعت اتفاقا مع أستراليا في مايو 2023، بعد محادثات بدأت عام 2022. "
    "وتعود العلاقات بين البلدين إلى القرن العشرين. واستمرت المحادثات لمدة ثلاثة أيام.",
    "أكدت الصين أن الوزير سيزور اليابان الأسبوع المقبل. "
    "وذكرت الوكالة أن اليابان والصين تبحثان التجارة بين مايو 2023 ومارس 2024. "
    "وقال الوزير إن الناتو لا يهدد الصين.",
]
PUBLISHED = ["2024-10-18", "2024-10-20"]
ACTORS = [
    # surface as written, actor_id, name_ar, name_en, type
    ("الياباني", "country:JPN", "اليابان", "Japan", "country"),
    ("اليابان", "country:JPN", "اليابان", "Japan", "country"),
    ("الأسترالي", "country:AUS", "أستراليا", "Australia", "country"),
    ("أستراليا", "country:AUS", "أستراليا", "Australia", "country"),
    ("بروكسل", "place:brussels", "بروكسل", "Brussels", "place"),
    ("حلف الناتو", "org:NATO", "الناتو", "NATO", "organization"),
    ("للناتو", "org:NATO", "الناتو", "NATO", "organization"),
    ("الناتو", "org:NATO", "الناتو", "NATO", "organization"),
    ("الصين", "country:CHN", "الصين", "China", "country"),
    (
        "وزير الدفاع الياباني",
        "person:japan-defmin",
        "وزير الدفاع الياباني",
        "Japan's defence minister",
        "person",
    ),
]
DATES = [
    # surface, type, value, granularity, start, end, resolved, relative
    ("اليوم الجمعة", "DATE", "2024-10-18", "day", "2024-10-18", "2024-10-18", True, True),
    ("مايو 2023", "DATE", "2023-05", "month", "2023-05-01", "2023-05-31", True, False),
    ("عام 2022", "DATE", "2022", "year", "2022-01-01", "2022-12-31", True, False),
    ("القرن العشرين", "DATE", "19XX", "century", "1901-01-01", "2000-12-31", True, False),
    ("لمدة ثلاثة أيام", "DURATION", "P3D", "day", None, None, False, False),
    ("الأسبوع المقبل", "DATE", "2024-W43", "week", None, None, False, True),
    (
        "بين مايو 2023 ومارس 2024",
        "DATE",
        "2023-05/2024-03",
        "month",
        "2023-05-01",
        "2024-03-31",
        True,
        False,
    ),
]


def _find_all(text: str, surface: str) -> list[int]:
    out, i = [], text.find(surface)
    while i >= 0:
        out.append(i)
        i = text.find(surface, i + 1)
    return out


def _sent_of(sentences: list[dict], start: int) -> int:
    return next(s["sent_id"] for s in sentences if s["start"] <= start < s["end"])


def build_frames() -> dict[str, pd.DataFrame]:
    """articles, sentences, mentions, dates for TEXTS, with every span checked."""
    articles = articles_from_texts(TEXTS, published=None)
    articles["published"] = pd.to_datetime(PUBLISHED).astype("datetime64[s]")
    sent_rows, mention_rows, date_rows = [], [], []
    for doc in articles.to_dict("records"):
        sents = sentence_rows(doc["doc_id"], doc["text"])
        sent_rows += sents
        taken: list[tuple[int, int]] = []
        # Longest surfaces first so "وزير الدفاع الياباني" wins over "الياباني".
        for surface, aid, ar, en, typ in sorted(ACTORS, key=lambda a: -len(a[0])):
            for s in _find_all(doc["text"], surface):
                e = s + len(surface)
                if any(s < te and ts < e for ts, te in taken):
                    continue
                taken.append((s, e))
                mention_rows.append(
                    {"doc_id": doc["doc_id"], "sent_id": _sent_of(sents, s), "start": s, "end": e,
                     "surface": surface, "actor_id": aid, "name_ar": ar, "name_en": en, "type": typ}
                )  # fmt: skip
        for surface, typ, value, gran, sd, ed, res, rel in DATES:
            for s in _find_all(doc["text"], surface):
                date_rows.append(
                    {"doc_id": doc["doc_id"], "sent_id": _sent_of(sents, s), "start": s,
                     "end": s + len(surface), "surface": surface, "type": typ, "value": value,
                     "granularity": gran, "relative": rel, "start_date": sd, "end_date": ed,
                     "resolved": res}
                )  # fmt: skip
    mentions = schema.conform(mention_rows, "mentions")
    dates = schema.conform(date_rows, "dates")
    sentences = schema.conform(sent_rows, "sentences")
    for name, df in (("mentions", mentions), ("dates", dates), ("sentences", sentences)):
        schema.check(df, name)
    text = dict(zip(articles["doc_id"], articles["text"], strict=True))
    for df in (mentions, dates):
        assert all(
            text[d][s:e] == x
            for d, s, e, x in df[["doc_id", "start", "end", "surface"]].itertuples(index=False)
        )
    return {"articles": articles, "sentences": sentences, "mentions": mentions, "dates": dates}


@pytest.fixture(scope="module")
def frames():
    return build_frames()


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _tick_texts(ax, axis="y"):
    ticks = ax.get_yticklabels() if axis == "y" else ax.get_xticklabels()
    return [t.get_text() for t in ticks]


# --- corpus overview ----------------------------------------------------------------------------


def test_articles_by_date_attaches_its_counts(frames):
    ax = charts.plot_articles_by_date(frames["articles"])
    counts = drawn_data(ax.figure)
    assert counts["articles"].sum() == len(frames["articles"])
    undated = frames["articles"].assign(published=pd.NaT)
    ax = charts.plot_articles_by_date(undated, lang="en")
    assert "no publication dates" in ax.texts[0].get_text()
    assert drawn_data(ax.figure).empty  # exported as an empty table, like every chart


# --- actor frequency ----------------------------------------------------------------------------


def test_actor_counts(frames):
    counts = charts.actor_counts(frames["mentions"]).set_index("actor_id")
    # اليابان twice in each article; the الياباني inside the minister's title is the person.
    assert counts.loc["country:JPN", "mentions"] == 4
    assert counts.loc["country:JPN", "docs"] == 2
    assert counts.loc["org:NATO", "mentions"] == 3
    assert counts.loc["person:japan-defmin", "docs"] == 1


def test_actor_frequency_bars_labels_colours_legend(frames):
    ax = charts.plot_actor_frequency(frames["mentions"], top=4)
    data = drawn_data(ax.figure)
    assert (
        list(data["actor_id"][:2]) == ["country:JPN", "country:CHN"]
        or data["mentions"].is_monotonic_decreasing
    )
    assert len(ax.patches) == 4
    # Most frequent on top: the bar with the largest width has the largest y.
    widths = {p.get_y(): p.get_width() for p in ax.patches}
    assert widths[max(widths)] == max(widths.values())
    # Arabic names, through the rendering layer, in top-down order.
    ticks = sorted(ax.get_yticklabels(), key=lambda t: -t.get_position()[1])
    assert [t.get_text() for t in ticks] == render.labels(data["name"])
    assert render.label("اليابان") in _tick_texts(ax)
    # Counts at the bar ends, one colour per type, a legend naming the types in Arabic.
    counts_shown = sorted(int(t.get_text()) for t in ax.texts)
    assert counts_shown == sorted(data["mentions"].tolist())
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert render.label("دولة") in legend and render.label("منظمة") in legend
    colours = {tuple(p.get_facecolor()) for p in ax.patches}
    assert len(colours) == data["type"].nunique()


def test_actor_frequency_by_docs_and_english(frames):
    ax = charts.plot_actor_frequency(frames["mentions"], by="docs", lang="en", top=3)
    data = drawn_data(ax.figure)
    assert data["docs"].is_monotonic_decreasing
    assert "Japan" in _tick_texts(ax)
    with pytest.raises(ValueError):
        charts.plot_actor_frequency(frames["mentions"], by="words")


def test_actor_frequency_empty_frame():
    ax = charts.plot_actor_frequency(schema.empty("mentions"))
    assert not ax.patches and ax.texts


# --- over time ----------------------------------------------------------------------------------


def test_actor_counts_by_date_share_and_gap_days(frames):
    day = pd.Timestamp
    data = charts.actor_counts_by_date(
        frames["mentions"], frames["articles"], top=3, unit="mentions"
    )
    jpn = data[data["actor_id"] == "country:JPN"].set_index("period")
    # 10-19 has no article: present, with a count of 0 and no share (a gap, not a zero).
    assert jpn["count"].to_dict() == {
        day("2024-10-18"): 2,
        day("2024-10-19"): 0,
        day("2024-10-20"): 2,
    }
    assert jpn.loc[day("2024-10-19"), "total"] == 0
    assert np.isnan(jpn.loc[day("2024-10-19"), "share"])
    n_mentions = frames["mentions"].groupby("doc_id").size()
    assert jpn.loc[day("2024-10-18"), "share"] == pytest.approx(2 / n_mentions["doc0"])
    # By articles (the default): one article a day, both mention Japan.
    data = charts.actor_counts_by_date(frames["mentions"], frames["articles"], top=3)
    jpn = data[data["actor_id"] == "country:JPN"].set_index("period")
    assert jpn["share"].dropna().tolist() == [1.0, 1.0]
    assert data["actor_id"].nunique() == 3


def test_actors_over_time_default_is_share_with_gaps(frames):
    ax = charts.plot_actor_frequency_over_time(frames["mentions"], frames["articles"], top=2)
    assert len(ax.lines) == 2
    y = ax.lines[0].get_ydata()
    assert len(y) == 3 and np.isnan(y[1])  # the empty day breaks the line
    assert all(0 <= v <= 1 for v in y[~np.isnan(y)])
    ax = charts.plot_actor_frequency_over_time(
        frames["mentions"], frames["articles"], top=2, measure="count", lang="en"
    )
    assert ax.get_ylabel() == "articles" and max(ax.lines[0].get_ydata()) >= 1
    with pytest.raises(ValueError):
        charts.plot_actor_frequency_over_time(frames["mentions"], frames["articles"], unit="words")


def test_actor_frequency_over_time_lines_and_heatmap(frames):
    ax = charts.plot_actor_frequency_over_time(frames["mentions"], frames["articles"], top=3)
    assert len(ax.lines) == 3
    ax = charts.plot_actor_frequency_over_time(
        frames["mentions"], frames["articles"], top=3, kind="heatmap"
    )
    assert ax.images and ax.images[0].get_array().shape == (3, 3)  # 10-18, the gap 10-19, 10-20
    ax = charts.plot_actor_frequency_over_time(
        frames["mentions"],
        frames["articles"],
        top=3,
        kind="heatmap",
        unit="articles",
        measure="count",
        lang="en",
    )
    assert ax.figure.axes[-1].get_ylabel() == "articles"  # the colorbar names what is counted


def test_actor_frequency_over_time_single_date(frames):
    one = frames["articles"].assign(published=frames["articles"]["published"].iloc[0])
    ax = charts.plot_actor_frequency_over_time(frames["mentions"], one)
    assert not ax.lines and "2024-10-18" in ax.texts[0].get_text()


# --- timeline -------------------------------------------------------------------------------


def test_timeline_items_plot_resolved_list_unresolved_skip_durations(frames):
    items, unresolved = tl.timeline_items(
        frames["dates"], sentences=frames["sentences"], mentions=frames["mentions"]
    )
    assert "P3D" not in set(items["value"]) and "لمدة ثلاثة أيام" not in set(unresolved["surface"])
    assert list(unresolved["surface"]) == ["الأسبوع المقبل"]
    assert (
        list(items["value"]) == ["19XX", "2022", "2023-05/2024-03", "2023-05", "2024-10-18"]
        or items["start"].is_monotonic_increasing
    )
    day = items.set_index("value").loc["2024-10-18"]
    assert "الجمعة" in day["snippet"] and len(day["snippet"]) <= 60
    assert "اليابان" in day["actors"] or "بروكسل" in day["actors"]
    may = items.set_index("value").loc["2023-05"]
    assert may["count"] == 2  # once in each article


def test_snippet_keeps_words_whole():
    s = "وكانت اليابان قد وقعت اتفاقا مع أستراليا في مايو 2023، بعد محادثات بدأت عام 2022."
    i = s.index("مايو 2023")
    out = tl.snippet(s, i, i + len("مايو 2023"), width=30)
    assert "مايو 2023" in out
    assert all(w.strip("…،.") in s.split() or w == "…" or w.strip("…،.") in s for w in out.split())


def test_timeline_points_bars_and_readable_span(frames):
    ax = charts.plot_timeline(
        frames["dates"], sentences=frames["sentences"], mentions=frames["mentions"]
    )
    data = drawn_data(ax.figure)
    plotted = data[data["plotted"]]
    assert set(plotted["kind"]) == {"point", "bar"}
    assert (plotted["kind"] == "point").sum() == 1
    assert len(ax.patches) == 4  # century, year, range, month bars
    # Centuries and a day on one axis: the asinh scale gives the day-level item room.
    assert ax.get_xscale() == "function"
    x0, x1 = ax.get_xlim()
    fwd = ax.xaxis.get_transform().transform
    may = matplotlib.dates.date2num([pd.Timestamp("2023-05-01"), pd.Timestamp("2023-06-01")])
    # A month bar beside a century: over 1% of the axis here, under 0.1% on a linear axis.
    assert (fwd(may[1:])[0] - fwd(may[:1])[0]) / (fwd([x1])[0] - fwd([x0])[0]) > 0.01
    assert (may[1] - may[0]) / (x1 - x0) < 0.001
    # The unresolved expression is listed beside, not plotted.
    side = [t.get_text() for t in ax.texts]
    assert any(render.label("الأسبوع المقبل") in t for t in side)
    assert not data[~data["plotted"]].empty


def test_timeline_linear_when_span_is_short(frames):
    d = frames["dates"]
    recent = d[d["value"].isin(["2024-10-18", "2023-05"])]
    ax = charts.plot_timeline(recent, lang="en")
    assert ax.get_xscale() == "linear"


@pytest.mark.parametrize("value", ["2015-W30", "2015-H2", "2015-07-21"])
def test_timeline_label_lines_read_in_the_chart_direction_whatever_the_value(value):
    # "2015-W30 · الولايات المتحدة ×2": the Latin "W" must not turn an Arabic line left to
    # right; an English line ending in an Arabic-only name keeps "×2" at its end.
    day = pd.Timestamp("2015-07-21")
    rows = schema.conform(
        [{"doc_id": "d", "sent_id": 0, "start": 0, "end": 3, "surface": "x", "type": "DATE",
          "value": value, "granularity": "week", "start_date": day, "end_date": day,
          "resolved": True}] * 2, "dates",
    )  # fmt: skip
    mentions = schema.conform(
        [{"doc_id": "d", "sent_id": 0, "start": 0, "end": 1, "surface": "x", "actor_id": "c:US",
          "name_ar": "الولايات المتحدة", "name_en": "United States", "type": "country",
          "form": "name"},
         {"doc_id": "d", "sent_id": 0, "start": 2, "end": 3, "surface": "x", "actor_id": "p:ADE",
          "name_ar": "مطار عدن", "name_en": "", "type": "place", "form": "name"}], "mentions",
    )  # fmt: skip
    for lang in ("ar", "en"):
        ax = charts.plot_timeline(rows, mentions=mentions, lang=lang)
        second = ax.get_yticklabels()[0].get_text().split("\n")[1]
        shown = get_display(second) if render.shapes() else second  # as drawn, left to right
        shown = shown.replace("\u200e", "").replace("\u200f", "")
        if lang == "ar":  # the value on the right, the names to its left, the count leftmost
            assert shown.endswith(value) and shown.startswith("2×"), shown
        else:  # the value on the left, the count rightmost
            assert shown.startswith(f"{value} · ") and shown.endswith(" ×2"), shown
        plt.close("all")
    # An English line whose only name is Arabic still reads left to right.
    ax = charts.plot_timeline(rows, mentions=mentions.iloc[1:], lang="en")
    second = ax.get_yticklabels()[0].get_text().split("\n")[1]
    shown = get_display(second) if render.shapes() else second
    shown = shown.replace("\u200e", "").replace("\u200f", "")
    assert shown.startswith(f"{value} · ") and shown.endswith(" ×2"), shown


def test_timeline_never_invents_a_date():
    rows = schema.conform(
        [{"doc_id": "d", "sent_id": 0, "start": 0, "end": 3, "surface": "أمس", "type": "DATE",
          "value": "", "relative": True, "resolved": False}], "dates",
    )  # fmt: skip
    ax = charts.plot_timeline(rows)
    assert not ax.patches and not [ln for ln in ax.lines if len(ln.get_xdata())]
    assert any(render.label("أمس") in t.get_text() for t in ax.texts)


# --- co-occurrence ------------------------------------------------------------------------------


def test_cooccurrence_edges(frames):
    edges = charts.cooccurrence_edges(frames["mentions"])
    pairs = {(a, b): n for a, b, n in edges.itertuples(index=False)}
    assert pairs[("country:CHN", "country:JPN")] == 2
    assert ("country:AUS", "country:JPN") in pairs
    assert all(a < b for a, b in pairs)


def test_cooccurrence_network_is_deterministic(frames):
    ax1 = charts.plot_cooccurrence(frames["mentions"], seed=1)
    pos1 = [t.xy for t in ax1.texts]
    ax2 = charts.plot_cooccurrence(frames["mentions"], seed=1)
    assert pos1 == [t.xy for t in ax2.texts]
    names = [t.get_text() for t in ax1.texts]
    assert render.label("الصين") in names
    data = drawn_data(ax1.figure)
    assert {"source", "target", "count", "source_name", "target_name"} <= set(data.columns)
    # Edge widths follow counts.
    widths = ax1.collections[0].get_linewidths()
    assert widths[0] == max(widths) and data["count"].iloc[0] == data["count"].max()


# --- word clouds ----------------------------------------------------------------------------------


def test_stopwords_file_has_header_and_words():
    text = words.STOPWORDS_FILE.read_text(encoding="utf-8")
    assert text.startswith("#")
    sw = words.stopwords()
    assert {"في", "من", "الي", "قال"} <= sw


def test_word_weights_merge_clitics_show_written_form():
    texts = [
        "والوزير قال إن الوزير التقى وزير الخارجية وبالوزير. وزير وزير لليابان اليابان واليابان وزير"
    ]
    w = words.word_weights(texts).set_index("key")
    # The article stays: the definite and the bare word are separate terms.
    assert w.loc["الوزير", "count"] == 3 and w.loc["الوزير", "word"] == "الوزير"
    assert w.loc["وزير", "count"] == 4 and w.loc["وزير", "word"] == "وزير"
    assert "زير" not in w.index  # never cut to a bare stem
    assert w.loc["اليابان", "word"] == "اليابان" and w.loc["اليابان", "count"] == 3
    assert not {"قال", "إن", "ان"} & set(w["word"])
    # A clitic before the article is stripped even when the bare form never occurs.
    w2 = words.word_weights(["والهادئ المحيط والهادئ بالهادئ"]).set_index("key")
    assert w2.loc["الهادئ", "count"] == 3 and w2.loc["الهادئ", "word"] == "والهادئ"


def test_clitic_stripped_only_when_the_rest_is_known_and_the_whole_is_not():
    # Issue 14: فكرة merged into كرة, وزير keyed as زير, فزارة with وزارة, بعيد with العيد.
    texts = ["الكرة لكرة كرة الفكرة فكرة فكرة الوزارة وزارة فزارة العيد بعيد البعيد قدم القدم"]
    w = words.word_weights(texts).set_index("word")["count"]
    assert w["فكرة"] == 2 and w["الفكرة"] == 1  # not merged into the football word
    assert w["كرة"] == 2 and w["القدم"] == 1 and w["قدم"] == 1
    assert w["وزارة"] == 1 and w["فزارة"] == 1
    assert w["بعيد"] == 1 and w["العيد"] == 1


def test_pronoun_forms_of_function_words_are_stopwords():
    w = words.word_weights(["أنني لك عليك انك منهم إليكم كتابه الاقتصاد"])
    assert set(w["word"]) == {"كتابه", "الاقتصاد"}


def test_names_and_collocations_are_one_term():
    # Each word of a collocation also stands elsewhere, but mostly in the collocation.
    texts = [
        f"أكد خادم الحرمين الشريفين {other} أن ولي العهد في {place} مع وعبد الله ثم أبو مازن"
        for other, place in zip(
            ["الاقتصاد", "النفط", "التجارة", "الزراعة", "الصناعة", "السياحة"],
            ["جدة", "الرياض", "مكة", "الطائف", "أبها", "تبوك"],
            strict=True,
        )
    ]
    shown = set(words.word_weights(texts)["word"])
    assert {"خادم الحرمين الشريفين", "ولي العهد", "أبو مازن", "وعبد الله"} <= shown
    assert not {"الحرمين", "الشريفين", "العهد", "عبد", "مازن"} & shown
    assert "الاقتصاد" in shown and "جدة" in shown  # words that only meet once stay apart
    w = words.word_weights(["سلمان بن عبدالعزيز زار جدة"], phrases=["سلمان بن عبدالعزيز"])
    assert "سلمان بن عبدالعزيز" in set(w["word"])


def test_distinctive_weights_favour_what_marks_the_texts():
    corpus = ["الاقتصاد المنطقة المنطقة"] * 20 + ["المنطقة الزلزال الزلزال"]
    w = words.word_weights([corpus[-1]], method="distinctive", corpus=corpus).set_index("key")
    assert w["weight"].idxmax() == "الزلزال"
    assert w.loc["الزلزال", "weight"] > 0 > w.loc["المنطقه", "weight"]


def test_distinctive_cloud_title_keeps_an_iso_day_in_order(frames):
    # After Arabic words a bare "2015-07-31" is drawn 31-07-2015: the day is isolated.
    arts = frames["articles"]
    ax = charts.plot_distinctive_wordcloud(arts, arts["doc_id"].head(1), lang="ar",
                                           label="2015-07-31", width=300, height=200)  # fmt: skip
    title = ax.get_title()
    shown = get_display(title) if render.shapes() else title  # as drawn, left to right
    assert "2015-07-31" in shown and "31-07-2015" not in shown, shown


def test_word_weights_tfidf_downweights_common_words():
    corpus = ["الاقتصاد النفط", "الاقتصاد التجارة", "الاقتصاد الزراعة", "الاقتصاد النفط النفط"]
    freq = words.word_weights([corpus[3]]).set_index("key")["weight"]
    tfidf = words.word_weights([corpus[3]], method="tfidf", corpus=corpus).set_index("key")[
        "weight"
    ]
    assert freq["الاقتصاد"] == 1 and freq["النفط"] == 2
    assert tfidf["النفط"] / tfidf["الاقتصاد"] > freq["النفط"] / freq["الاقتصاد"]


def test_wordcloud_is_deterministic_and_uses_the_layer(frames, monkeypatch):
    w = words.word_weights(frames["articles"]["text"])
    a = charts.plot_wordcloud(w, random_state=3, width=400, height=250).images[0].get_array()
    b = charts.plot_wordcloud(w, random_state=3, width=400, height=250).images[0].get_array()
    c = charts.plot_wordcloud(w, random_state=4, width=400, height=250).images[0].get_array()
    assert np.array_equal(a, b) and not np.array_equal(a, c)
    seen = []
    orig = render.pil_label
    monkeypatch.setattr(render, "pil_label", lambda s, **k: seen.append(s) or orig(s, **k))
    with render.force(pillow=False):
        charts.plot_wordcloud(w, width=300, height=200)
    assert seen and set(seen) <= set(w["word"])


def test_wordcloud_mask_keeps_words_inside():
    mask = np.full((200, 300), 255, dtype=np.uint8)
    mask[40:160, 60:240] = 0  # only the centre may hold words
    w = words.word_weights(["النفط الاقتصاد التجارة الزراعة الصناعة السياحة"] * 3)
    img = charts.plot_wordcloud(w, mask=mask, width=300, height=200).images[0].get_array()
    ink = img.astype(int).sum(axis=2) < 600
    assert ink[40:160, 60:240].any() and not ink[:30].any() and not ink[:, :50].any()


def test_actor_and_article_clouds(frames):
    texts = words.actor_sentences(
        frames["mentions"], frames["sentences"], frames["articles"], "country:CHN"
    )
    assert len(texts) == 3 and all("الصين" not in t for t in texts)
    ax = charts.plot_actor_wordcloud(
        frames["mentions"],
        frames["sentences"],
        frames["articles"],
        "country:CHN",
        width=300,
        height=200,
    )
    assert "الصين" not in set(drawn_data(ax.figure)["word"])
    # "3 جملة" needs number agreement: the count stands after a label, right for any N.
    assert "(الجمل: 3)" in ax.get_title() or "(الجمل: 3)" in render.visual(ax.get_title())
    for n, total in ((5, 5), (5, 8), (1000, 14848)):
        note = words._sample_note(n, total, "ar")
        assert re.fullmatch(r"المقالات: (عينة [\d,]+ من )?[\d,]+", note), note
    assert words._sample_note(1, 1, "en") == "1 article"  # not "1 articles"
    # Every form of the actor is left out, not just the mention spans.
    forms = words.actor_forms(frames["mentions"], "country:JPN")
    assert {"اليابان", "Japan"} <= forms
    jp = words.word_weights(["اليابان لليابان واليابان الاقتصاد"], exclude=forms)
    assert set(jp["word"]) == {"الاقتصاد"}
    doc = frames["articles"]["doc_id"].iloc[1]
    ax = charts.plot_article_wordcloud(
        frames["articles"], doc, method="tfidf", width=300, height=200
    )
    assert "التجارة" in set(drawn_data(ax.figure)["word"])


# --- keyword in context -------------------------------------------------------------------------------


def test_kwic_rows_and_rtl_styler(frames):
    table = charts.kwic(frames["mentions"], frames["articles"], "country:CHN", width=20)
    assert len(table) == 3
    text = dict(zip(frames["articles"]["doc_id"], frames["articles"]["text"], strict=True))
    for r in table.itertuples(index=False):
        assert text[r.doc_id][r.start : r.end] == r.keyword
        assert r.before.replace("… ", "") in text[r.doc_id][: r.start]
    html = charts.kwic_table(table).to_html()
    assert 'dir="rtl"' in html and "direction: rtl" in html and "السياق السابق" in html


# --- everything at once ---------------------------------------------------------------------------


def test_export_charts_writes_every_chart_with_its_data(frames, tmp_path):
    from types import SimpleNamespace

    written = charts.export_charts(SimpleNamespace(**frames), out=tmp_path, formats=("png",))
    for name in ("actor-frequency", "timeline", "cooccurrence", "wordcloud", "wordcloud-actor"):
        assert [p.name for p in written[name]] == [f"{name}.png", f"{name}.csv"]
        assert len(pd.read_csv(tmp_path / f"{name}.csv")) > 0
    freq = pd.read_csv(tmp_path / "actor-frequency.csv")
    assert freq.loc[0, "name"] == "اليابان" and freq.loc[0, "mentions"] == 4
    assert (tmp_path / "kwic.csv").exists()


@pytest.mark.parametrize("shaping", [True, False])
def test_charts_route_every_arabic_label_through_the_layer(frames, shaping):
    with render.force(matplotlib=shaping):
        ax = charts.plot_actor_frequency(frames["mentions"], top=3)
        net = charts.plot_cooccurrence(frames["mentions"])
    names = drawn_data(ax.figure)["name"]
    expected = list(names) if shaping else [render.visual(n) for n in names]
    ticks = sorted(ax.get_yticklabels(), key=lambda t: -t.get_position()[1])
    assert [t.get_text() for t in ticks] == expected
    title = "أكثر الفاعلين ذكرًا (العدد: 3)\nحسب الإشارات · الأسماء والصفات"
    assert ax.get_title() == (title if shaping else render.visual(title))
    node_names = {t.get_text() for t in net.texts}
    china = "الصين" if shaping else render.visual("الصين")
    assert china in node_names
