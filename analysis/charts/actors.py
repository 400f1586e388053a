"""Actor charts: frequency, frequency over time, and the co-occurrence network."""

from __future__ import annotations

import itertools
from collections import Counter

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import PercentFormatter

from .. import config, render
from ..export import attach_data
from ._common import (
    axes,
    check_lang,
    count_phrase,
    date_axis,
    display_name,
    legend_for_types,
    legend_outside,
    no_data,
    series_color,
    tr,
    type_color,
    type_name,
)

BY = ("mentions", "docs")
COUNT_LABELS = {"mentions": ("عدد الإشارات", "mentions"), "docs": ("عدد المقالات", "articles")}


def actor_counts(mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions and documents per actor, most mentioned first."""
    cols = ["actor_id", "name_ar", "name_en", "type", "mentions", "docs"]
    m = mentions[mentions["actor_id"].fillna("") != ""]
    if m.empty:
        return pd.DataFrame(columns=cols)
    g = m.groupby("actor_id", sort=False)
    out = g[["name_ar", "name_en", "type"]].first()
    out["mentions"] = g.size()
    out["docs"] = g["doc_id"].nunique()
    out = out.reset_index().sort_values(
        ["mentions", "docs", "actor_id"], ascending=[False, False, True]
    )
    return out[cols].reset_index(drop=True)


def count_label(by: str, lang: str) -> str:
    """The axis label of a count ``by`` mentions or documents."""
    return tr(*COUNT_LABELS[by], lang)


def top_actors(mentions: pd.DataFrame, *, top: int, by: str = "mentions") -> pd.DataFrame:
    """The ``top`` actors by ``by`` ("mentions" or "docs"), ties broken by the other count."""
    if by not in BY:
        raise ValueError(f"by must be one of {BY}, not {by!r}")
    other = "docs" if by == "mentions" else "mentions"
    counts = actor_counts(mentions)
    counts = counts.sort_values([by, other, "actor_id"], ascending=[False, False, True])
    return counts.head(top).reset_index(drop=True)


def plot_actor_frequency(
    mentions: pd.DataFrame,
    *,
    ax: Axes | None = None,
    lang: str = config.DEFAULT_LANG,
    top: int = config.DEFAULT_TOP_N,
    by: str = "mentions",
) -> Axes:
    """Horizontal bars of the ``top`` actors by mentions or documents, coloured by type."""
    check_lang(lang)
    data = top_actors(mentions, top=top, by=by)
    ax = axes(ax, figsize=(8, max(3.0, 0.32 * len(data) + 1.2)))
    if data.empty:
        return no_data(ax, lang)
    data = data.assign(name=[display_name(r, lang) for r in data.to_dict("records")])
    y = np.arange(len(data))[::-1]  # most frequent on top
    bars = ax.barh(y, data[by], color=[type_color(t) for t in data["type"]], height=0.7)
    ax.bar_label(bars, labels=[f"{v:,}" for v in data[by]], padding=3, fontsize=9)
    ax.set_yticks(y, labels=render.labels(data["name"]))
    ax.margins(x=0.08)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlabel(count_label(by, lang))
    # One type only (a per-type chart): name it in the title.
    kind = f" · {type_name(data['type'].iloc[0], lang)}" if data["type"].nunique() == 1 else ""
    ax.set_title(
        tr(
            f"أكثر الفاعلين ذكرًا {count_phrase(len(data), lang)}{kind}",
            f"Top {len(data)} actors{kind}",
            lang,
        )
    )
    legend_for_types(ax, list(data["type"]), lang, fontsize=9)
    attach_data(ax, data[["actor_id", "name", "name_ar", "name_en", "type", "mentions", "docs"]])
    return ax


# What a trend counts: the unit of one count, and the total a share divides by. A "stories"
# unit (articles grouped by story) slots in here.
UNITS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "mentions": (
        ("عدد الإشارات", "mentions"),
        ("حصة الإشارات في الفترة", "share of the period's mentions"),
    ),
    "articles": (
        ("عدد المقالات", "articles"),
        ("حصة مقالات الفترة", "share of the period's articles"),
    ),
}
MEASURES = ("share", "count")
MAX_LINES = 10  # more actors than this, or many periods, draw a heatmap
MAX_LINE_PERIODS = 45


def _unit_counts(m: pd.DataFrame, keys: list[str], unit: str) -> pd.Series:
    """Counts of ``unit`` per ``keys`` group of the mentions ``m``."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {tuple(UNITS)}, not {unit!r}")
    g = m.groupby(keys)
    return g.size() if unit == "mentions" else g["doc_id"].nunique()


def _period_totals(
    mentions: pd.DataFrame, pub: pd.DataFrame, periods: pd.DatetimeIndex, unit: str
) -> pd.Series:
    """The number of ``unit`` in each period (articles: all published, mentioning an actor or not)."""
    if unit == "articles":
        totals = pub.groupby("period")["doc_id"].nunique()
    else:
        totals = mentions.merge(pub, on="doc_id").groupby("period").size()
    return totals.reindex(periods, fill_value=0)


def unit_label(unit: str, measure: str, lang: str) -> str:
    """The axis label of ``measure`` ("share" or "count") of ``unit``."""
    count, share = UNITS[unit]
    return tr(*(share if measure == "share" else count), lang)


def actor_counts_by_date(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    top: int = config.DEFAULT_TOP_N,
    freq: str = "D",
    unit: str = "articles",
    by: str | None = None,
) -> pd.DataFrame:
    """Counts of the ``top`` actors per publication period in long form, every period of the
    range present: ``count`` (mentions or articles, by ``unit``), ``total`` (all of them in the
    period; 0 for a period without articles) and ``share`` (count / total, NaN in a gap)."""
    if by is not None:  # the older name of the unit
        unit = "articles" if by == "docs" else by
    cols = ["period", "actor_id", "name_ar", "name_en", "type", "count", "total", "share"]
    pub = articles[["doc_id", "published"]].dropna(subset=["published"])
    m = mentions.merge(pub, on="doc_id", how="inner")
    m = m[m["actor_id"].fillna("") != ""]
    if m.empty:
        return pd.DataFrame(columns=cols)
    keep = top_actors(m, top=top, by="docs" if unit == "articles" else "mentions")
    pub = pub.assign(period=pub["published"].dt.to_period(freq).dt.start_time)
    periods = pd.period_range(pub["period"].min(), pub["period"].max(), freq=freq).start_time
    totals = _period_totals(mentions, pub, periods, unit)
    m = m[m["actor_id"].isin(keep["actor_id"])].merge(pub[["doc_id", "period"]], on="doc_id")
    counts = _unit_counts(m, ["period", "actor_id"], unit).rename("count")
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
    by: str | None = None,
) -> Axes:
    """The ``top`` actors per publication period: by default the share of the period's
    articles that mention each; ``measure="count"`` for raw counts. Periods without articles
    are gaps (a break in a line, a grey cell), never silently joined.

    ``kind`` is "lines", "heatmap" or "auto" (lines up to :data:`MAX_LINES` actors and
    :data:`MAX_LINE_PERIODS` periods). With one period only there is no trend; the axes say so.
    """
    check_lang(lang)
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}, not {measure!r}")
    if by is not None:
        unit = "articles" if by == "docs" else by
    data = actor_counts_by_date(mentions, articles, top=top, freq=freq, unit=unit)
    n_actors = data["actor_id"].nunique() if len(data) else 0
    ax = axes(ax, figsize=(10, max(4.5, 0.3 * n_actors + 1.5)))
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
        ax.set_ylabel(label)
        ax.set_ylim(bottom=0)
        legend_outside(ax, fontsize=9, title=tr("الفاعل", "actor", lang))
        ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlabel(tr("تاريخ النشر", "publication date", lang))
    ax.set_title(
        tr(
            f"الفاعلون عبر الزمن {count_phrase(len(table), lang)}",
            f"Actors over time ({len(table)})",
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


def cooccurrence_edges(mentions: pd.DataFrame, *, actors: list[str] | None = None) -> pd.DataFrame:
    """Pairs of actors mentioned in the same sentence, with the number of sentences they share."""
    cols = ["source", "target", "count"]
    m = mentions[mentions["actor_id"].fillna("") != ""]
    if actors is not None:
        m = m[m["actor_id"].isin(actors)]
    if m.empty:
        return pd.DataFrame(columns=cols)
    per_sentence = m.groupby(["doc_id", "sent_id"], sort=False)["actor_id"].agg(
        lambda s: sorted(set(s))
    )
    pairs: Counter[tuple[str, str]] = Counter()
    for ids in per_sentence:
        if len(ids) > 1:
            pairs.update(itertools.combinations(ids, 2))
    if not pairs:
        return pd.DataFrame(columns=cols)
    out = pd.DataFrame([(a, b, n) for (a, b), n in pairs.items()], columns=cols)
    return out.sort_values(
        ["count", "source", "target"], ascending=[False, True, True], ignore_index=True
    )


def cooccurrence_table(
    mentions: pd.DataFrame, *, top: int = config.DEFAULT_TOP_N, lang: str = config.DEFAULT_LANG
) -> pd.DataFrame:
    """The ``top`` strongest pairs of actors (most sentences shared), named in ``lang``."""
    edges = cooccurrence_edges(mentions).head(top)
    cols = ["source", "target", "source_name", "target_name", "sentences"]
    if edges.empty:
        return pd.DataFrame(columns=cols)
    names = {
        r["actor_id"]: display_name(r, lang) for r in actor_counts(mentions).to_dict("records")
    }
    return edges.assign(
        source_name=edges["source"].map(names),
        target_name=edges["target"].map(names),
        sentences=edges["count"],
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
) -> Axes:
    """Network of the ``top`` actors: edges join actors in the same sentence.

    Edge width grows with the number of shared sentences, node size with mentions, node
    colour shows the type. Up to :data:`SPRING_MAX_NODES` nodes a seeded spring layout
    (clusters); more sit on a circle, most mentioned first, each name outside it along its
    radius so 40 names stay legible. :func:`cooccurrence_table` lists the strongest pairs.
    """
    import networkx as nx

    check_lang(lang)
    nodes = top_actors(mentions, top=top)
    edges = cooccurrence_edges(mentions, actors=list(nodes["actor_id"]))
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
    sizes = nodes["mentions"].to_numpy(dtype=float)
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
    ax.set_title(
        tr(
            f"الفاعلون المذكورون في الجملة نفسها {count_phrase(len(nodes), lang)}",
            f"Actors mentioned in the same sentence ({len(nodes)})",
            lang,
        )
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
