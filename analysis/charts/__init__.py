"""Charts: each takes frames and ``ax=None`` and returns the Axes it drew on.

Importing this package registers the Arabic font with matplotlib (see :mod:`analysis.render`).
Every chart attaches the data it drew, so ``export_figure(ax.figure, name)`` also writes it as CSV.
"""

from __future__ import annotations

from .. import render as _render  # noqa: F401  (registers the Arabic font)
from .actors import (
    actor_counts,
    actor_counts_by_date,
    cooccurrence_edges,
    plot_actor_frequency,
    plot_actor_frequency_over_time,
    plot_cooccurrence,
    top_actors,
)
from .kwic import kwic, kwic_table
from .overview import plot_articles_by_date, plot_sentence_lengths
from .report import export_charts, time_charts
from .timeline import plot_timeline, timeline_items
from .words import (
    plot_actor_wordcloud,
    plot_article_wordcloud,
    plot_wordcloud,
    stopwords,
    word_weights,
)

__all__ = [
    "actor_counts",
    "actor_counts_by_date",
    "cooccurrence_edges",
    "export_charts",
    "kwic",
    "kwic_table",
    "plot_actor_frequency",
    "plot_actor_frequency_over_time",
    "plot_actor_wordcloud",
    "plot_article_wordcloud",
    "plot_articles_by_date",
    "plot_cooccurrence",
    "plot_sentence_lengths",
    "plot_timeline",
    "plot_wordcloud",
    "stopwords",
    "time_charts",
    "timeline_items",
    "top_actors",
    "word_weights",
]
