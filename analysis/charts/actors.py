"""Actor charts: frequency, frequency over time, and the co-occurrence network.

Every count takes a ``unit``: "mentions", "articles" or "stories" (an article's story is
``articles.story_id``: the wire copies of one text count once), and leaves out boilerplate and
self-references unless ``boilerplate=True`` (:func:`analysis.boilerplate.counted`). Frequency
charts also choose the ``forms`` they count: names, adjectives (السعودي for Saudi Arabia) or both.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import PercentFormatter

from .. import config, render
from ..export import attach_data
from ._common import (
    UNITS,
    axes,
    check_lang,
    check_unit,
    count_phrase,
    count_ticks,
    count_units,
    counted_rows,
    date_axis,
    display_name,
    kept_note,
    legend_for_types,
    legend_outside,
    no_data,
    series_color,
    story_map,
    tr,
    type_color,
    type_name,
    unit_by,
    with_stories,
)
from ._common import unit_label as count_unit_label

BY = ("mentions", "docs", "articles", "stories")
# The column of actor_counts holding each unit's count ("docs" is the older name of articles).
UNIT_COLUMNS = {"mentions": "mentions", "articles": "docs", "docs": "docs", "stories": "stories"}
COUNT_LABELS = {
    "mentions": UNITS["mentions"],
    "docs": UNITS["articles"],
    "articles": UNITS["articles"],
    "stories": UNITS["stories"],
}
# forms -> (mentions.form values counted, Arabic, English title note).
FORMS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "all": (("name", "adjective"), "الأسماء والصفات", "names and adjectives"),
    "names": (("name",), "الأسماء فقط", "names only"),
    "adjectives": (("adjective",), "الصفات فقط (السعودي...)", "adjectives only"),
}


def _unit(unit: str, by: str | None) -> str:
    """``unit``, or the older ``by`` ("docs" = articles) when given."""
    if by is not None:
        unit = "articles" if by == "docs" else by
    return check_unit(unit)


def select_forms(mentions: pd.DataFrame, forms: str) -> pd.DataFrame:
    """The mentions of the chosen ``forms`` ("all", "names", "adjectives")."""
    if forms not in FORMS:
        raise ValueError(f"forms must be one of {tuple(FORMS)}, not {forms!r}")
    if forms == "all" or "form" not in mentions:
        return mentions
    return mentions[mentions["form"].isin(FORMS[forms][0])]


def forms_note(forms: str, lang: str) -> str:
    """Which forms a chart counts, for its title (plain text)."""
    _, ar, en = FORMS[forms]
    return ar if lang == "ar" else en


def actor_counts(mentions: pd.DataFrame, *, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Mentions, articles (``docs``) and stories per actor, most mentioned first; ``stories``
    needs ``articles`` (its ``story_id``), without it every article is its own story."""
    cols = ["actor_id", "name_ar", "name_en", "type", "mentions", "docs", "stories"]
    m = mentions[mentions["actor_id"].fillna("") != ""]
    if m.empty:
        return pd.DataFrame(columns=cols)
    story = story_map(articles) if articles is not None else None
    m = m.assign(story_id=m["doc_id"].map(story) if story is not None else m["doc_id"])
    g = m.groupby("actor_id", sort=False)
    out = g[["name_ar", "name_en", "type"]].first()
    out["mentions"] = g.size()
    out["docs"] = g["doc_id"].nunique()
    out["stories"] = g["story_id"].nunique()
    out = out.reset_index().sort_values(
        ["mentions", "docs", "actor_id"], ascending=[False, False, True]
    )
    return out[cols].reset_index(drop=True)


def count_label(by: str, lang: str) -> str:
    """The axis label of a count ``by`` mentions, articles ("docs") or stories."""
    return tr(*COUNT_LABELS[by], lang)


def top_actors(
    mentions: pd.DataFrame,
    *,
    top: int,
    by: str = "mentions",
    articles: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The ``top`` actors by ``by`` ("mentions", "articles" (or "docs"), "stories"), ties broken
    by mentions, then articles."""
    if by not in BY:
        raise ValueError(f"by must be one of {BY}, not {by!r}")
    col = UNIT_COLUMNS[by]
    order = [col, *[c for c in ("mentions", "docs") if c != col], "actor_id"]
    counts = actor_counts(mentions, articles=articles)
    counts = counts.sort_values(order, ascending=[False] * (len(order) - 1) + [True])
    return counts.head(top).reset_index(drop=True)


def plot_actor_frequency(
    mentions: pd.DataFrame,
    *,
    articles: pd.DataFrame | None = None,
    ax: Axes | None = None,
    lang: str = config.DEFAULT_LANG,
    top: int = config.DEFAULT_TOP_N,
    unit: str = "mentions",
    forms: str = "all",
    boilerplate: bool = False,
    by: str | None = None,
) -> Axes:
    """Horizontal bars of the ``top`` actors by ``unit`` (mentions, articles, or stories: needs
    ``articles``), counting the mention ``forms`` chosen, coloured by type; boilerplate and
    self-references left out unless ``boilerplate``."""
    check_lang(lang)
    unit = _unit(unit, by)
    m = select_forms(counted_rows(mentions, boilerplate=boilerplate), forms)
    if unit == "stories":
        story_map(articles)  # fail early without the articles
    data = top_actors(m, top=top, by=unit, articles=articles)
    ax = axes(ax, figsize=(8, max(3.4, 0.32 * len(data) + 1.6)))  # a two-line title
    if data.empty:
        return no_data(ax, lang)
    col = UNIT_COLUMNS[unit]
    data = data.assign(name=[display_name(r, lang) for r in data.to_dict("records")])
    y = np.arange(len(data))[::-1]  # most frequent on top
    bars = ax.barh(y, data[col], color=[type_color(t) for t in data["type"]], height=0.7)
    ax.bar_label(bars, labels=[f"{v:,}" for v in data[col]], padding=3, fontsize=9)
    ax.set_yticks(y, labels=render.labels(data["name"]))
    ax.margins(x=0.08)
    count_ticks(ax, "x")
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlabel(count_unit_label(unit, lang))
    # One type only (a per-type chart): name it in the title.
    kind = f" · {type_name(data['type'].iloc[0], lang)}" if data["type"].nunique() == 1 else ""
    note = f"\n{unit_by(unit, lang)} · {forms_note(forms, lang)}{kept_note(boilerplate, lang)}"
    ax.set_title(
        tr(
            f"أكثر الفاعلين ذكرًا {count_phrase(len(data), lang)}{kind}{note}",
            f"Top {len(data)} actors{kind}{note}",
            lang,
        )
    )
    legend_for_types(ax, list(data["type"]), lang, fontsize=9)
    attach_data(
        ax,
        data[["actor_id", "name", "name_ar", "name_en", "type", "mentions", "docs", "stories"]],
    )
    return ax


# What a trend counts: the unit of one count, and the total a share divides by.
SHARE_LABELS: dict[str, tuple[str, str]] = {
    "mentions": ("حصة الإشارات في الفترة", "share of the period's mentions"),
    "articles": ("حصة مقالات الفترة", "share of the period's articles"),
    "stories": ("حصة قصص الفترة", "share of the period's stories"),
}
MEASURES = ("share", "count")
MAX_LINES = 10  # more actors than this, or many periods, draw a heatmap
MAX_LINE_PERIODS = 45


def _period_totals(
    mentions: pd.DataFrame, pub: pd.DataFrame, periods: pd.DatetimeIndex, unit: str
) -> pd.Series:
    """The number of ``unit`` in each period (articles, stories: all published, mentioning an
    actor or not)."""
    if unit == "mentions":
        totals = mentions.merge(pub[["doc_id", "period"]], on="doc_id").groupby("period").size()
    else:
        totals = count_units(pub, ["period"], unit)
    return totals.reindex(periods, fill_value=0)


def unit_label(unit: str, measure: str, lang: str) -> str:
    """The axis label of ``measure`` ("share" or "count") of ``unit``."""
    if measure == "share":
        return tr(*SHARE_LABELS[check_unit(unit)], lang)
    return count_unit_label(unit, lang)


def actor_counts_by_date(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    top: int = config.DEFAULT_TOP_N,
    freq: str = "D",
    unit: str = "articles",
    boilerplate: bool = False,
    by: str | None = None,
) -> pd.DataFrame:
    """Counts of the ``top`` actors per publication period in long form, every period of the
    range present: ``count`` (mentions, articles or stories, by ``unit``), ``total`` (all of them
    in the period; 0 for a period without articles) and ``share`` (count / total, NaN in a gap).
    Boilerplate and self-references are left out unless ``boilerplate``."""
    unit = _unit(unit, by)
    cols = ["period", "actor_id", "name_ar", "name_en", "type", "count", "total", "share"]
    mentions = counted_rows(mentions, boilerplate=boilerplate)
    pub = with_stories(articles[["doc_id", "published"]].dropna(subset=["published"]), articles)
    m = mentions.merge(pub[["doc_id", "published"]], on="doc_id", how="inner")
    m = m[m["actor_id"].fillna("") != ""]
    if m.empty:
        return pd.DataFrame(columns=cols)
    keep = top_actors(m, top=top, by=unit, articles=articles)
    pub = pub.assign(period=pub["published"].dt.to_period(freq).dt.start_time)
    periods = pd.period_range(pub["period"].min(), pub["period"].max(), freq=freq).start_time
    totals = _period_totals(mentions, pub, periods, unit)
    m = m[m["actor_id"].isin(keep["actor_id"])].merge(
        pub[["doc_id", "period", "story_id"]], on="doc_id"
    )
    counts = count_units(m, ["period", "actor_id"], unit).rename("count")
    full = pd.MultiIndex.from_product([periods, keep["actor_id"]], names=["period", "actor_id"])
    out = counts.reindex(full, fill_value=0).reset_index()
    out["total"] = out["period"].map(totals).astype(int)
    out["share"] = out["count"] / out["total"].where(out["total"] > 0)
    out = out.merge(keep[["actor_id", "name_ar", "name_en", "type"]], on="actor_id")
    return out[cols].sort_values(["period", "count"], ascending=[True, False], ignore_index=True)


def plot_actor_frequency_over_time(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    ax: Axes | None = None,
    lang: str = config.DEFAULT_LANG,
    top: int = config.DEFAULT_TOP_N,
    freq: str = "D",
    unit: str = "articles",
    measure: str = "share",
    kind: str = "auto",
    boilerplate: bool = False,
    by: str | None = None,
) -> Axes:
    """The ``top`` actors per publication period: by default the share of the period's
    articles that mention each (``unit`` "mentions", "articles" or "stories");
    ``measure="count"`` for raw counts. Periods without articles are gaps (a break in a line, a
    grey cell), never silently joined. Boilerplate and self-references are left out unless
    ``boilerplate``.

    ``kind`` is "lines", "heatmap" or "auto" (lines up to :data:`MAX_LINES` actors and
    :data:`MAX_LINE_PERIODS` periods). With one period only there is no trend; the axes say so.
    """
    check_lang(lang)
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}, not {measure!r}")
    unit = _unit(unit, by)
    data = actor_counts_by_date(
        mentions, articles, top=top, freq=freq, unit=unit, boilerplate=boilerplate
    )
    n_actors = data["actor_id"].nunique() if len(data) else 0
    ax = axes(ax, figsize=(10, max(4.5, 0.3 * n_actors + 1.9)))  # room for a two-line x label
    if data.empty:
        return no_data(ax, lang)
    data = data.assign(name=[display_name(r, lang) for r in data.to_dict("records")])
    periods = sorted(data["period"].unique())
    if len(periods) < 2:
        when = pd.Timestamp(periods[0]).strftime("%Y-%m-%d")
        return no_data(
            ax,
            lang,
            what=tr(f"تاريخ نشر واحد فقط: {when}", f"one publication date only: {when}", lang),
        )
    value = "share" if measure == "share" else "count"
    gap = data.groupby("period")["total"].first().reindex(periods) == 0
    table = data.pivot_table(index="name", columns="period", values=value, aggfunc="sum")
    table = table.reindex(columns=periods).astype(float)
    table.loc[:, gap.to_numpy()] = np.nan  # no articles that period: a gap, not a zero
    order = data.groupby("name")["count"].sum().sort_values(ascending=False).index
    table = table.loc[order]
    if kind == "auto":
        kind = (
            "lines" if len(table) <= MAX_LINES and len(periods) <= MAX_LINE_PERIODS else "heatmap"
        )
    label = unit_label(unit, measure, lang)
    if kind == "heatmap":
        _heatmap(ax, table, periods, freq=freq, label=label, share=measure == "share")
    else:
        for i, (name, row) in enumerate(table.iterrows()):
            ax.plot(
                row.index,
                row.to_numpy(dtype=float),
                marker="o",
                ms=4,
                label=render.label(name),
                lw=1.8,
                color=series_color(i),
            )
        date_axis(ax)
        if measure == "share":
            ax.yaxis.set_major_formatter(PercentFormatter(1.0))
        else:
            count_ticks(ax, "y")
        ax.set_ylabel(label)
        ax.set_ylim(bottom=0)
        legend_outside(ax, fontsize=9, title=tr("الفاعل", "actor", lang))
        ax.spines[["top", "right"]].set_visible(False)
    # A grey column is not a zero: say what it is.
    grey = kind == "heatmap" and bool(gap.any())
    ax.set_xlabel(
        tr("تاريخ النشر", "publication date", lang)
        + (
            "\n" + tr("رمادي: فترة بلا مقالات", "grey: no articles that period", lang)
            if grey
            else ""
        )
    )
    note = f"\n{unit_by(unit, lang)}{kept_note(boilerplate, lang)}"
    ax.set_title(
        tr(
            f"الفاعلون عبر الزمن {count_phrase(len(table), lang)}{note}",
            f"Actors over time ({len(table)}){note}",
            lang,
        )
    )
    attach_data(ax, data[["period", "actor_id", "name", "type", "count", "total", "share"]])
    return ax


def _heatmap(
    ax: Axes, table: pd.DataFrame, periods: list, *, freq: str, label: str, share: bool
) -> None:
    """Actors x periods as coloured cells; gap periods grey."""
    cmap = plt.get_cmap("Blues").copy()
    cmap.set_bad("0.85")
    im = ax.imshow(np.ma.masked_invalid(table.to_numpy(dtype=float)), aspect="auto", cmap=cmap)
    ax.set_yticks(range(len(table)), labels=render.labels(table.index))
    fmt = "%m-%d" if freq.upper().startswith(("D", "W")) else "%Y-%m"
    step = max(1, int(np.ceil(len(periods) / 12)))
    ax.set_xticks(
        range(0, len(periods), step),
        labels=[pd.Timestamp(p).strftime(fmt) for p in periods[::step]],
        rotation=45,
        ha="right",
    )
    bar = ax.figure.colorbar(im, ax=ax, label=label, fraction=0.04, pad=0.02)
    if share:
        bar.ax.yaxis.set_major_formatter(PercentFormatter(1.0))


# What a co-occurrence counts per unit: sentences shared, or articles / stories with one.
COOCCURRENCE_UNITS = {
    "mentions": (("عدد الجمل المشتركة", "sentences shared"), ("حسب الجمل", "by sentences")),
    "articles": (UNITS["articles"], ("حسب المقالات", "by articles")),
    "stories": (UNITS["stories"], ("حسب القصص (النسخ تُعد مرة)", "by stories (copies once)")),
}


def cooccurrence_edges(
    mentions: pd.DataFrame,
    *,
    actors: list[str] | None = None,
    unit: str = "mentions",
    articles: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Pairs of actors mentioned in the same sentence, with the number of sentences they share
    (``unit="mentions"``), or of articles or stories (needs ``articles``) with such a sentence."""
    check_unit(unit)
    cols = ["source", "target", "count"]
    m = mentions[mentions["actor_id"].fillna("") != ""]
    if actors is not None:
        m = m[m["actor_id"].isin(actors)]
    m = m[["doc_id", "sent_id", "actor_id"]].drop_duplicates()
    # Only sentences with two actors or more make pairs: the self-join stays small.
    m = m[m.groupby(["doc_id", "sent_id"])["actor_id"].transform("size") > 1]
    if m.empty:
        return pd.DataFrame(columns=cols)
    pairs = m.merge(m, on=["doc_id", "sent_id"], suffixes=("", "_2"))
    pairs = pairs[pairs["actor_id"] < pairs["actor_id_2"]]
    pairs = pairs.rename(columns={"actor_id": "source", "actor_id_2": "target"})
    if unit == "stories":
        pairs = with_stories(pairs, articles)
    out = count_units(pairs, ["source", "target"], unit).rename("count").reset_index()
    return out.sort_values(
        ["count", "source", "target"], ascending=[False, True, True], ignore_index=True
    )[cols]


def cooccurrence_table(
    mentions: pd.DataFrame,
    *,
    top: int = config.DEFAULT_TOP_N,
    lang: str = config.DEFAULT_LANG,
    unit: str = "mentions",
    articles: pd.DataFrame | None = None,
    boilerplate: bool = False,
) -> pd.DataFrame:
    """The ``top`` strongest pairs of actors (most sentences, articles or stories shared, by
    ``unit``), named in ``lang``; boilerplate and self-references left out unless ``boilerplate``."""
    mentions = counted_rows(mentions, boilerplate=boilerplate)
    edges = cooccurrence_edges(mentions, unit=unit, articles=articles).head(top)
    count = {"mentions": "sentences"}.get(unit, unit)
    cols = ["source", "target", "source_name", "target_name", count]
    if edges.empty:
        return pd.DataFrame(columns=cols)
    names = {
        r["actor_id"]: display_name(r, lang) for r in actor_counts(mentions).to_dict("records")
    }
    return edges.assign(
        source_name=edges["source"].map(names),
        target_name=edges["target"].map(names),
        **{count: edges["count"]},
    )[cols]


CIRCLE_EDGES_PER_NODE = 2
# Up to this many nodes the spring layout shows clusters; more go on a circle, labels outward.
SPRING_MAX_NODES = 15


def _layout(g, *, seed: int) -> dict:
    import networkx as nx

    if len(g) <= SPRING_MAX_NODES:
        return nx.spring_layout(g, seed=seed, weight="weight", k=1.8 / np.sqrt(max(1, len(g))))
    return nx.circular_layout(g)  # nodes in the order added: most mentioned first


def _label_nodes(ax: Axes, pos: dict, names: dict, radius: dict, *, circle: bool) -> None:
    """Names above the nodes (spring), or outside the circle along the radius (circle)."""
    for actor_id, (x, y) in pos.items():
        if circle:
            angle = np.degrees(np.arctan2(y, x))
            flip = abs(angle) > 90
            ax.annotate(
                names[actor_id],
                (x, y),
                xytext=(
                    np.cos(np.radians(angle)) * (radius[actor_id] + 4),
                    np.sin(np.radians(angle)) * (radius[actor_id] + 4),
                ),
                textcoords="offset points",
                rotation=angle + 180 if flip else angle,
                rotation_mode="anchor",
                ha="right" if flip else "left",
                va="center",
                fontsize=8,
            )
        else:
            # node_size is an area in points², so its radius is sqrt(size) / 2.
            ax.annotate(
                names[actor_id],
                (x, y),
                xytext=(0, radius[actor_id] + 2),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=9,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7},
            )


def plot_cooccurrence(
    mentions: pd.DataFrame,
    *,
    ax: Axes | None = None,
    lang: str = config.DEFAULT_LANG,
    top: int = config.DEFAULT_TOP_N,
    min_count: int = 1,
    seed: int = 0,
    unit: str = "mentions",
    articles: pd.DataFrame | None = None,
    boilerplate: bool = False,
) -> Axes:
    """Network of the ``top`` actors: edges join actors in the same sentence.

    ``unit`` "mentions" counts sentences (edges) and mentions (nodes); "articles" and "stories"
    (needs ``articles``) count the articles or stories instead. Boilerplate and self-references
    are left out unless ``boilerplate``.

    Edge width grows with the count of shared sentences, node size with the actor's count, node
    colour shows the type. Up to :data:`SPRING_MAX_NODES` nodes a seeded spring layout
    (clusters); more sit on a circle, most mentioned first, each name outside it along its
    radius so 40 names stay legible. :func:`cooccurrence_table` lists the strongest pairs.
    """
    import networkx as nx

    check_lang(lang)
    check_unit(unit)
    mentions = counted_rows(mentions, boilerplate=boilerplate)
    nodes = top_actors(mentions, top=top, by=unit, articles=articles)
    edges = cooccurrence_edges(
        mentions, actors=list(nodes["actor_id"]), unit=unit, articles=articles
    )
    edges = edges[edges["count"] >= min_count]
    linked = set(edges["source"]) | set(edges["target"])
    nodes = nodes[nodes["actor_id"].isin(linked)].reset_index(drop=True)
    circle = len(nodes) > SPRING_MAX_NODES
    ax = axes(ax, figsize=(11, 10) if circle else (10, 7))
    if nodes.empty or edges.empty:
        return no_data(
            ax, lang, what=tr("لا فاعلين في جملة واحدة", "no actors share a sentence", lang)
        )
    g = nx.Graph()
    for r in nodes.to_dict("records"):
        g.add_node(r["actor_id"], **r)
    for r in edges.to_dict("records"):
        g.add_edge(r["source"], r["target"], weight=r["count"])
    pos = _layout(g, seed=seed)
    total_edges = len(edges)
    if circle:
        # A circle of 40 with every pair drawn is a hairball: the strongest pairs only.
        edges = edges.head(CIRCLE_EDGES_PER_NODE * len(nodes))
    w = edges["count"].to_numpy(dtype=float)
    widths = 0.5 + 5.5 * (w - w.min()) / max(1.0, w.max() - w.min())
    nx.draw_networkx_edges(
        g,
        pos,
        ax=ax,
        edgelist=list(zip(edges["source"], edges["target"], strict=True)),
        width=widths,
        edge_color="0.55",
        alpha=0.5 if circle else 0.6,
    )
    sizes = nodes[UNIT_COLUMNS[unit]].to_numpy(dtype=float)
    node_sizes = (
        (60 + 700 * np.sqrt(sizes / sizes.max()))
        if circle
        else (150 + 1800 * np.sqrt(sizes / sizes.max()))
    )
    nx.draw_networkx_nodes(
        g,
        pos,
        ax=ax,
        nodelist=list(nodes["actor_id"]),
        node_size=node_sizes,
        node_color=[type_color(t) for t in nodes["type"]],
        alpha=1.0,
        linewidths=0.8,
        edgecolors="white",
    )
    names = {r["actor_id"]: render.label(display_name(r, lang)) for r in nodes.to_dict("records")}
    radius = dict(zip(nodes["actor_id"], np.sqrt(node_sizes) / 2, strict=True))
    _label_nodes(ax, pos, names, radius, circle=circle)
    ax.set_axis_off()
    ax.set_aspect("equal")
    ax.margins(0.25 if circle else 0.12)
    shown = (
        tr(
            f"\nالروابط المعروضة: {len(edges):,} من {total_edges:,} (الأقوى)",
            f"\nstrongest {len(edges):,} of {total_edges:,} links shown",
            lang,
        )
        if len(edges) < total_edges
        else ""
    )
    by_ar, by_en = COOCCURRENCE_UNITS[unit][1]
    note = tr(by_ar + kept_note(boilerplate, "ar"), by_en + kept_note(boilerplate, "en"), lang)
    ax.set_title(
        tr(
            f"الفاعلون المذكورون في الجملة نفسها {count_phrase(len(nodes), lang)}",
            f"Actors mentioned in the same sentence ({len(nodes)})",
            lang,
        )
        + "\n"
        + note
        + shown
    )
    legend_for_types(ax, list(nodes["type"]), lang, fontsize=9)
    name_of = {r["actor_id"]: display_name(r, lang) for r in nodes.to_dict("records")}
    attach_data(
        ax,
        edges.assign(
            source_name=edges["source"].map(name_of), target_name=edges["target"].map(name_of)
        ),
    )
    return ax
