"""The records a corpus reader yields: an :class:`Article` or a :class:`Problem` (a row of ``errors``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import pandas as pd

from ..arabic import has_arabic
from .text import SURROGATE_RE

LARGE_DOC_CHARS = 2_000_000


class CorpusWarning(UserWarning):
    """A document was skipped, repaired or looks suspicious."""


class Loaded(NamedTuple):
    """What :func:`load_corpus` returns: the articles and every problem met on the way."""

    articles: pd.DataFrame
    errors: pd.DataFrame


@dataclass(slots=True)
class Problem:
    """One row of the ``errors`` frame."""

    path: str
    reason: str
    doc_id: str = ""
    line: int | None = None
    severity: str = "error"

    def as_row(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "path": self.path,
            "line": self.line,
            "severity": self.severity,
            # A reason may quote an OS message holding an undecodable file name.
            "reason": SURROGATE_RE.sub("\ufffd", self.reason),
        }


@dataclass(slots=True)
class Article:
    """One row of the ``articles`` frame, before it becomes a frame."""

    doc_id: str
    text: str
    path: str
    title: str = ""
    published: Any = None
    source: str = ""
    encoding: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def as_row(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "text": self.text,
            "published": self.published,
            "source": self.source,
            "path": self.path,
            "n_chars": len(self.text),
            "encoding": self.encoding,
        }


# ---------------------------------------------------------------------------------------------
# Records


Record = Article | Problem


def check_article(art: Article, *, line: int | None = None) -> Iterator[Record]:
    """Yield the article (or a skip), plus warnings about its content."""
    where = {"path": art.path, "doc_id": art.doc_id, "line": line}
    if not art.text.strip():
        what = "empty text" if not art.text else "text is whitespace only"
        yield Problem(reason=f"{what}; document skipped", **where)
        return
    if not has_arabic(art.text):
        yield Problem(reason="no Arabic letters in text", severity="warning", **where)
    if len(art.text) > LARGE_DOC_CHARS:
        yield Problem(
            reason=f"very large document ({len(art.text):,} characters)",
            severity="warning",
            **where,
        )
    yield art
