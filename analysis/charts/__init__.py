"""Charts: each takes frames and ``ax=None`` and returns the Axes it drew on.

Every count takes ``unit="mentions" | "articles" | "stories"`` (a story: the wire copies of one
text, ``articles.story_id``, counted once; "stories" needs ``articles=``) and says it in its title
and axis; boilerplate and self-references are left out unless ``boilerplate=True``.

Importing this package registers the Arabic font with matplotlib (see :mod:`analysis.render`).
Labels are Arabic by default (``lang="en"`` for English names). Every chart attaches the data it
drew, so ``export_figure(ax.figure, name)`` also writes it as ``<name>.csv``::

    from analysis import charts, export_figure
    ax = charts.plot_actor_frequency(parsed.mentions, top=20, by="mentions")
    export_figure(ax.figure, "actor-frequency")
    charts.plot_actor_frequency_over_time(parsed.mentions, parsed.articles)
    charts.plot_timeline(parsed.dates, sentences=parsed.sentences, mentions=parsed.mentions)
    charts.plot_cooccurrence(parsed.mentions, top=30)
    charts.plot_article_wordcloud(parsed.articles)              # corpus; pass a doc_id for one
    charts.plot_actor_wordcloud(parsed.mentions, parsed.sentences, parsed.articles, "org:NATO")
    charts.kwic_table(charts.kwic(parsed.mentions, parsed.articles, "org:NATO"))
    charts.plot_top_speakers(parsed.quotes, parsed.articles, actors=parsed.actors, unit="stories")
    charts.export_charts(parsed)                                # all of the above, exported

``python -m analysis charts PARSED_DIR`` exports them from a folder written by ``analysis parse``.
"""

from __future__ import annotations

from .. import render as _render  # noqa: F401  (registers the Arabic font)
from .actors import (
    actor_counts,
    actor_counts_by_date,
    cooccurrence_edges,
    cooccurrence_table,
    plot_actor_frequency,
    plot_actor_frequency_over_time,
    plot_cooccurrence,
    top_actors,
)
from .copies import copies_by, plot_shared_stories, shared_stories, story_summary, story_table
from .kwic import kwic, kwic_table
from .overview import plot_articles_by_date, plot_sentence_lengths
from .quotes import (
    plot_speaker_mentions,
    plot_speakers_over_time,
    plot_top_speakers,
    speaker_counts,
    speaker_mention_counts,
    top_speaker_quotes,
    top_speakers,
)
from .report import export_charts, time_charts
from .timeline import (
    lookback,
    mentioned_periods,
    plot_lookback,
    plot_mentioned_periods,
    plot_timeline,
    timeline_items,
)
from .words import (
    plot_actor_wordcloud,
    plot_article_wordcloud,
    plot_distinctive_wordcloud,
    plot_wordcloud,
    stopwords,
    word_weights,
)

__all__ = [
    "actor_counts",
    "actor_counts_by_date",
    "cooccurrence_edges",
    "cooccurrence_table",
    "copies_by",
    "export_charts",
    "kwic",
    "kwic_table",
    "lookback",
    "mentioned_periods",
    "plot_actor_frequency",
    "plot_actor_frequency_over_time",
    "plot_actor_wordcloud",
    "plot_article_wordcloud",
    "plot_articles_by_date",
    "plot_cooccurrence",
    "plot_distinctive_wordcloud",
    "plot_lookback",
    "plot_mentioned_periods",
    "plot_sentence_lengths",
    "plot_shared_stories",
    "plot_speaker_mentions",
    "plot_speakers_over_time",
    "plot_timeline",
    "plot_top_speakers",
    "plot_wordcloud",
    "shared_stories",
    "speaker_counts",
    "speaker_mention_counts",
    "stopwords",
    "story_summary",
    "story_table",
    "time_charts",
    "timeline_items",
    "top_actors",
    "top_speaker_quotes",
    "top_speakers",
    "word_weights",
]
