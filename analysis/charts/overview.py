"""Corpus overview charts: publication dates and sentence lengths."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes

from .. import render
from ..arabic import WORD_RE
from ..export import attach_data
from ._common import axes, no_data

OVERVIEW_SIZE = (7, 3.5)


def sentence_lengths(sentences: pd.DataFrame) -> pd.Series:
    """Words per sentence."""
    return sentences["text"].map(lambda s: len(WORD_RE.findall(s))).rename("words")


def plot_sentence_lengths(
    sentences: pd.DataFrame, *, ax: Axes | None = None, bins: int = 30
) -> Axes:
    """Histogram of sentence lengths in words."""
    ax = axes(ax, OVERVIEW_SIZE)
    lengths = sentence_lengths(sentences)
    ax.hist(lengths, bins=min(bins, max(1, lengths.nunique())), color="#4C72B0", edgecolor="white")
    ax.set_xlabel("words per sentence")
    ax.set_ylabel("sentences")
    ax.set_title(
        f"Sentence length ({len(lengths):,} sentences, median {lengths.median():.0f} words)"
    )
    attach_data(ax, lengths.value_counts().sort_index().rename("sentences").reset_index())
    return ax


def articles_per_day(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles per publication day and source (unknown dates left out)."""
    known = articles.dropna(subset=["published"])
    if known.empty:
        return pd.DataFrame(columns=["published", "source", "articles"])
    day = known["published"].dt.floor("D")
    src = known["source"].replace("", "(unknown)")
    return (
        known.assign(published=day, source=src)
        .groupby(["published", "source"])
        .size()
        .rename("articles")
        .reset_index()
    )


def plot_articles_by_date(articles: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Stacked bars of articles per publication day, by source."""
    ax = axes(ax, OVERVIEW_SIZE)
    counts = articles_per_day(articles)
    if counts.empty:
        return no_data(ax, "en", what="no publication dates")
    table = counts.pivot_table(index="published", columns="source", values="articles", fill_value=0)
    table.index = table.index.strftime("%Y-%m-%d")
    # Source names may be Arabic: the legend shows them through the rendering layer.
    table.columns = render.labels(table.columns)
    table.plot.bar(stacked=True, ax=ax, width=0.8, legend=table.shape[1] > 1)
    ax.set_xlabel("publication date")
    ax.set_ylabel("articles")
    ax.set_title(f"Articles by publication date ({int(table.values.sum()):,})")
    ax.tick_params(axis="x", rotation=0)
    attach_data(ax, counts)
    return ax
