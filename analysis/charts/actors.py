"""Actor charts: frequency, frequency over time, and the co-occurrence network."""

from __future__ import annotations

import itertools
from collections import Counter

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from .. import config, render
from ..export import attach_data
from ._common import (
    axes,
    check_lang,
    display_name,
    legend_for_types,
    no_data,
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
    ax.set_title(tr(f"أكثر {len(data)} فاعلا ذكرا{kind}", f"Top {len(data)} actors{kind}", lang))
    legend_for_types(ax, list(data["type"]), lang, loc="lower right", fontsize=9)
    attach_data(ax, data[["actor_id", "name", "name_ar", "name_en", "type", "mentions", "docs"]])
    return ax


def actor_counts_by_date(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    top: int = 8,
    freq: str = "D",
    by: str = "mentions",
) -> pd.DataFrame:
    """Mentions (or documents) of the ``top`` actors per publication period, in long form."""
    cols = ["period", "actor_id", "name_ar", "name_en", "type", "count"]
    pub = articles[["doc_id", "published"]].dropna(subset=["published"])
    m = mentions.merge(pub, on="doc_id", how="inner")
    if m.empty:
        return pd.DataFrame(columns=cols)
    keep = top_actors(m, top=top, by=by)
    m = m[m["actor_id"].isin(keep["actor_id"])]
    m = m.assign(period=m["published"].dt.to_period(freq).dt.start_time)
    g = m.groupby(["period", "actor_id"])
    counts = g.size() if by == "mentions" else g["doc_id"].nunique()
    out = counts.rename("count").reset_index()
    out = out.merge(keep[["actor_id", "name_ar", "name_en", "type"]], on="actor_id")
    return out[cols].sort_values(["period", "count"], ascending=[True, False], ignore_index=True)


def plot_actor_frequency_over_time(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    ax: Axes | None = None,
    lang: str = config.DEFAULT_LANG,
    top: int = 8,
    freq: str = "D",
    by: str = "mentions",
    kind: str = "auto",
) -> Axes:
    """The ``top`` actors' counts per publication period: lines, or a heatmap for many periods.

    ``kind`` is "lines", "heatmap" or "auto" (lines up to 12 periods). With one period only
    there is no trend to show; the axes say so.
    """
    check_lang(lang)
    data = actor_counts_by_date(mentions, articles, top=top, freq=freq, by=by)
    ax = axes(ax, figsize=(9, 4.5))
    if data.empty:
        return no_data(ax, lang)
    data = data.assign(name=[display_name(r, lang) for r in data.to_dict("records")])
    periods = sorted(data["period"].unique())
    if len(periods) < 2:
        when = pd.Timestamp(periods[0]).strftime("%Y-%m-%d")
        return no_data(
            ax,
            lang,
            what=render.label(
                f"تاريخ نشر واحد فقط: {when}"
                if lang == "ar"
                else f"one publication date only: {when}"
            ),
        )
    table = data.pivot_table(
        index="name", columns="period", values="count", fill_value=0, aggfunc="sum"
    )
    table = table.loc[table.sum(axis=1).sort_values(ascending=False).index]
    if kind == "auto":
        kind = "lines" if len(periods) <= 12 else "heatmap"
    fmt = "%Y-%m-%d" if freq.upper().startswith(("D", "W")) else "%Y-%m"
    if kind == "heatmap":
        im = ax.imshow(table.to_numpy(), aspect="auto", cmap="Blues")
        ax.set_yticks(range(len(table)), labels=render.labels(table.index))
        step = max(1, len(periods) // 12)
        ax.set_xticks(
            range(0, len(periods), step),
            labels=[pd.Timestamp(p).strftime(fmt) for p in periods[::step]],
            rotation=45,
            ha="right",
        )
        ax.figure.colorbar(im, ax=ax, label=count_label(by, lang))
    else:
        for name, row in table.iterrows():
            ax.plot(row.index, row.to_numpy(), marker="o", label=render.label(name), lw=1.8)
        ax.set_xticks(
            periods,
            labels=[pd.Timestamp(p).strftime(fmt) for p in periods],
            rotation=30 if len(periods) > 4 else 0,
        )
        ax.set_ylabel(count_label(by, lang))
        ax.legend(
            fontsize=9,
            loc="upper left",
            bbox_to_anchor=(1.01, 1),
            title=tr("الفاعل", "actor", lang),
        )
        ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlabel(tr("تاريخ النشر", "publication date", lang))
    ax.set_title(tr("الفاعلون عبر الزمن", "Actors over time", lang))
    attach_data(ax, data[["period", "actor_id", "name", "type", "count"]])
    return ax


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


def plot_cooccurrence(
    mentions: pd.DataFrame,
    *,
    ax: Axes | None = None,
    lang: str = config.DEFAULT_LANG,
    top: int = 30,
    min_count: int = 1,
    seed: int = 0,
) -> Axes:
    """Network of the ``top`` actors: edges join actors in the same sentence.

    Edge width grows with the number of shared sentences, node size with mentions, node
    colour shows the type. The layout is networkx's spring layout, seeded for repeatability.
    """
    import networkx as nx

    check_lang(lang)
    ax = axes(ax, figsize=(9, 7))
    nodes = top_actors(mentions, top=top)
    edges = cooccurrence_edges(mentions, actors=list(nodes["actor_id"]))
    edges = edges[edges["count"] >= min_count]
    if nodes.empty or edges.empty:
        return no_data(
            ax, lang, what=tr("لا فاعلين في جملة واحدة", "no actors share a sentence", lang)
        )
    linked = set(edges["source"]) | set(edges["target"])
    nodes = nodes[nodes["actor_id"].isin(linked)].reset_index(drop=True)
    g = nx.Graph()
    for r in nodes.to_dict("records"):
        g.add_node(r["actor_id"], **r)
    for r in edges.to_dict("records"):
        g.add_edge(r["source"], r["target"], weight=r["count"])
    pos = nx.spring_layout(g, seed=seed, weight="weight", k=1.8 / np.sqrt(max(1, len(g))))
    w = edges["count"].to_numpy(dtype=float)
    widths = 0.8 + 5.2 * (w - w.min()) / max(1.0, w.max() - w.min())
    nx.draw_networkx_edges(
        g,
        pos,
        ax=ax,
        edgelist=list(zip(edges["source"], edges["target"], strict=True)),
        width=widths,
        edge_color="0.55",
        alpha=0.6,
    )
    sizes = nodes["mentions"].to_numpy(dtype=float)
    node_sizes = 150 + 1800 * np.sqrt(sizes / sizes.max())
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
    for actor_id, (x, y) in pos.items():
        # Above the node: node_size is an area in points², so its radius is sqrt(size) / 2.
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
    ax.set_axis_off()
    ax.margins(0.12)
    ax.set_title(
        tr("الفاعلون المذكورون في الجملة نفسها", "Actors mentioned in the same sentence", lang)
    )
    legend_for_types(ax, list(nodes["type"]), lang, loc="lower left", fontsize=9)
    name_of = {r["actor_id"]: display_name(r, lang) for r in nodes.to_dict("records")}
    attach_data(
        ax,
        edges.assign(
            source_name=edges["source"].map(name_of), target_name=edges["target"].map(name_of)
        ),
    )
    return ax
