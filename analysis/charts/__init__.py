"""Charts: each takes frames and ``ax=None`` and returns the Axes it drew on."""

from __future__ import annotations

from .overview import plot_articles_by_date, plot_sentence_lengths

__all__ = ["plot_articles_by_date", "plot_sentence_lengths"]
