"""Arabic news analysis: parse Arabic texts into tidy pandas frames and chart them.

Public API::

    from analysis import load_corpus, parse
    parsed = parse("seeds/")   # articles, sentences, mentions, actors, dates, stories, quotes, errors
    parsed.actors.head()

Frames and dtypes are documented in :mod:`analysis.schema`.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .corpus import CorpusWarning, Loaded, articles_from_texts, load_corpus
from .pipeline import Parsed, parse, parse_document, read_store

__all__ = [
    "CorpusWarning",
    "Loaded",
    "Parsed",
    "__version__",
    "articles_from_texts",
    "export_figure",
    "load_corpus",
    "parse",
    "parse_document",
    "read_store",
]


def __getattr__(name: str):
    # Lazy, so parsing (and its worker processes) never imports matplotlib.
    if name == "export_figure":
        from .export import export_figure

        return export_figure
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")
