"""Corpus overview charts: publication dates and sentence lengths."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib import dates as mdates
from matplotlib.axes import Axes

from .. import config, render
from ..arabic import WORD_RE
from ._common import (
    OTHER_COLOR,
    axes,
    check_lang,
    check_unit,
    count_phrase,
    count_ticks,
    date_axis,
    finish,
    legend_outside,
    no_data,
    series_color,
    tr,
    unit_label,
)
from .copies import story_members

OVERVIEW_SIZE = (9, 4.6)
# Sentences longer than this quantile share one overflow bar, so a few run-on sentences
# do not squeeze every other length into two bars.
LENGTH_CLIP_QUANTILE = 0.99
UNKNOWN_SOURCE = "(unknown)"
OTHER_SOURCES = ("مصادر أخرى", "other sources")


def sentence_lengths(sentences: pd.DataFrame) -> pd.Series:
    """Words per sentence."""
    return sentences["text"].map(lambda s: len(WORD_RE.findall(s))).rename("words")


def plot_sentence_lengths(
    sentences: pd.DataFrame,
    *,
    ax: Axes | None = None,
    bins: int = 30,
    lang: str = config.DEFAULT_LANG,
) -> Axes:
    """Histogram of sentence lengths in words; the longest 1% share an overflow bar."""
    check_lang(lang)
    ax = axes(ax, OVERVIEW_SIZE)
    lengths = sentence_lengths(sentences)
    if lengths.empty:
        return no_data(ax, lang)
    clip = max(1, int(np.ceil(lengths.quantile(LENGTH_CLIP_QUANTILE))))
    over = int((lengths > clip).sum())
    edges = np.linspace(0, clip + 1, min(bins, clip + 1) + 1)
    ax.hist(lengths.clip(upper=clip), bins=edges, color="#4C72B0", edgecolor="white")
    # The overflow note goes under the axis label, never over the bars.
    note = (
        "\n"
        + tr(
            f"العمود الأخير: الجمل التي عدد كلماتها أكثر من {clip:,} "
            f"({over:,}، أطولها {lengths.max():,})",
            f"last bar: sentences of more than {clip:,} words "
            f"({over:,}, the longest {lengths.max():,})",
            lang,
        )
        if over
        else ""
    )
    count_ticks(ax, "y")
    return finish(
        ax,
        title=tr(
            f"طول الجمل {count_phrase(len(lengths), lang)}، الوسيط {lengths.median():.0f} كلمة",
            f"Sentence length ({len(lengths):,} sentences, median {lengths.median():.0f} words)",
            lang,
        ),
        xlabel=tr("عدد الكلمات في الجملة", "words per sentence", lang) + note,
        ylabel=tr("عدد الجمل", "sentences", lang),
        data=lengths.value_counts().sort_index().rename("sentences").reset_index(),
    )


def articles_per_day(articles: pd.DataFrame, *, unit: str = "articles") -> pd.DataFrame:
    """Articles per publication day and source (unknown dates left out); ``unit="stories"``
    counts each story once, on the day and source of its first article (copies left out)."""
    check_unit(unit, ("articles", "stories"))
    if unit == "stories":
        articles = articles[~story_members(articles)["copy"].to_numpy()]
    known = articles.dropna(subset=["published"])
    if known.empty:
        return pd.DataFrame(columns=["published", "source", "articles"])
    day = known["published"].dt.floor("D")
    src = known["source"].replace("", UNKNOWN_SOURCE)
    return (
        known.assign(published=day, source=src)
        .groupby(["published", "source"])
        .size()
        .rename("articles")
        .reset_index()
    )


def plot_articles_by_date(
    articles: pd.DataFrame,
    *,
    ax: Axes | None = None,
    lang: str = config.DEFAULT_LANG,
    top: int = config.DEFAULT_TOP_N,
    unit: str = "articles",
) -> Axes:
    """Stacked bars of articles (or stories, ``unit="stories"``: each counted once, on its first
    article's day and source) per publication day by source (the ``top`` sources, the rest
    pooled), on a calendar axis: a day without articles is an empty slot."""
    check_lang(lang)
    ax = axes(ax, OVERVIEW_SIZE)
    counts = articles_per_day(articles, unit=unit)
    if counts.empty:
        return no_data(ax, lang, what=tr("لا تواريخ نشر", "no publication dates", lang))
    totals = counts.groupby("source")["articles"].sum().sort_values(ascending=False)
    keep = list(totals.index[:top])
    other = tr(*OTHER_SOURCES, lang)
    pooled = counts.assign(source=counts["source"].where(counts["source"].isin(keep), other))
    table = pooled.pivot_table(
        index="published", columns="source", values="articles", fill_value=0, aggfunc="sum"
    )
    table = table[[c for c in [*keep, other] if c in table.columns]]
    x = mdates.date2num(table.index.to_pydatetime())
    bottom = np.zeros(len(table))
    for i, src in enumerate(table.columns):
        color = OTHER_COLOR if src == other else series_color(i)
        ax.bar(x, table[src], bottom=bottom, width=0.8, color=color, label=render.label(src))
        bottom += table[src].to_numpy()
    date_axis(ax)
    count_ticks(ax, "y")
    if table.shape[1] > 1:
        # Two columns past a dozen sources, so the legend stays as tall as the axes.
        legend_outside(
            ax,
            fontsize=8,
            ncols=1 + table.shape[1] // 13,
            title=tr("المصدر", "source", lang),
        )
    total = int(table.values.sum())
    return finish(
        ax,
        title=tr(
            f"{'القصص' if unit == 'stories' else 'المقالات'} حسب تاريخ النشر "
            f"{count_phrase(total, lang)}"
            + ("\nكل قصة مرة واحدة، في يوم أول نشر ومصدره" if unit == "stories" else ""),
            f"{unit.capitalize()} by publication date ({total:,})"
            + (
                "\neach story once, on its first article's day and source"
                if unit == "stories"
                else ""
            ),
            lang,
        ),
        xlabel=tr("تاريخ النشر", "publication date", lang),
        ylabel=unit_label(unit, lang),
        data=counts,
    )
