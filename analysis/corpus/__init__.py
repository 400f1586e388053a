"""Inputs -> ``articles`` + ``errors``: formats, encodings, metadata, bad documents.

Accepted inputs: a folder of ``.txt`` files (with an optional ``metadata.csv`` beside them:
``file,published,source,title,...``), a single ``.txt``, ``.jsonl`` / ``.ndjson``, ``.csv`` and
``.parquet``. Every problem becomes a row of ``errors`` and a :class:`CorpusWarning`; a bad document
never stops the run and is never dropped silently. ``severity == "error"`` rows are documents that
were skipped; ``"warning"`` rows describe documents that were kept (decoded as Windows-1256, bytes
replaced, HTML removed, no Arabic...).

Every string that comes from the corpus is untrusted: texts, titles, sources and ids go through
:func:`clean_text` (entities decoded once, then every tag-like ``<...>`` removed, so decoding never
yields markup; control characters and lone surrogates out); titles, sources and ids are also made
one line. An id is data: it may hold ``/`` or ``..`` and is never joined into a file path.

Folders are read flat: the ``.txt`` files directly inside (``.txt`` in any case, even a file named
just ``.txt``). Everything else gets a row: subfolders (with the number of ``.txt`` files they hold),
other files, fifos and devices (never opened), dangling or looping symlinks, symlinks leading out of
the folder (not followed), and ``metadata.csv`` rows naming no file of the folder or swallowing the
next rows through an unbalanced quote.

JSONL is decoded line by line: a line that is not UTF-8 is decoded as Windows-1256 or ISO-8859-6
(whichever reads as Arabic), with a warning naming the line and the encoding in ``encoding``. A
``text`` that is a list of strings is joined with blank lines (a warning); any other non-string
``text`` skips the record. A CSV's delimiter is the one of ``, ; TAB |`` whose header has a
``text`` column. A damaged Parquet row group is reported with its row count; the others are read.
Publication dates are read value by value with :func:`analysis.schema.parse_date`; each repair or
guess (Hijri converted, UTC offset dropped, epoch unit) is a warning row.

Streaming: :func:`iter_records` yields one record at a time and :func:`iter_batches` groups them,
so a corpus of any size is read with memory bounded by the batch size.
"""

from __future__ import annotations

import os
import stat
import sys
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from .. import schema
from .folders import apply_metadata, file_kind, folder_records, read_metadata, text_file_records
from .records import Article, CorpusWarning, Loaded, Problem, Record
from .tables import csv_records, jsonl_records, parquet_records
from .text import (
    clean_text,
    decode_bytes,
    first_line,
    legacy_decode,
    one_line,
    path_str,
    short_repr,
)

TEXT_SUFFIXES = {".txt"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
CSV_SUFFIXES = {".csv", ".tsv"}
PARQUET_SUFFIXES = {".parquet", ".pq"}


def iter_records(path: str | Path) -> Iterator[Record]:
    """Yield every :class:`Article` and :class:`Problem` of a corpus, one at a time."""
    path = Path(path)
    where = path_str(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        dangling = " (a dangling symlink)" if path.is_symlink() else ""
        yield Problem(path=where, reason=f"no such file or folder{dangling}")
        return
    except (OSError, ValueError) as exc:
        yield Problem(path=where, reason=f"cannot read: {exc}")
        return
    if stat.S_ISDIR(mode):
        yield from folder_records(path)
        return
    if not stat.S_ISREG(mode):
        yield Problem(path=where, reason=f"not a regular file ({file_kind(mode)}); never opened")
        return
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from jsonl_records(path)
    elif suffix in CSV_SUFFIXES:
        yield from csv_records(path)
    elif suffix in PARQUET_SUFFIXES:
        yield from parquet_records(path)
    else:
        if suffix not in TEXT_SUFFIXES and not path.name.lower().endswith(".txt"):
            yield Problem(
                path=where,
                reason=f"unknown suffix {suffix or '(none)'}: read as plain text",
                severity="warning",
            )
        meta, problems = read_metadata(path.parent)
        yield from problems
        for rec in text_file_records(path):
            if isinstance(rec, Article):
                yield from apply_metadata(rec, meta.get(path.name) or meta.get(path.stem))
            yield rec


def _warn(problem: Problem) -> None:
    where = problem.path + (f":{problem.line}" if problem.line else "")
    label = f" [{problem.doc_id}]" if problem.doc_id else ""
    warnings.warn(f"{where}{label}: {problem.reason}", CorpusWarning, stacklevel=3)


class _Deduper:
    """Make doc_ids unique within a corpus, recording each rename.

    A repeat of ``x`` becomes the first free ``x~2``, ``x~3``... so ``x~2, x, x`` gives
    ``x~2, x, x~3``: unique whatever the input order.
    """

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.next: dict[str, int] = {}

    def __call__(self, art: Article) -> Problem | None:
        old = art.doc_id
        if old not in self.seen:
            self.seen.add(old)
            return None
        n = self.next.get(old, 2)
        while f"{old}~{n}" in self.seen:
            n += 1
        self.next[old] = n + 1
        art.doc_id = f"{old}~{n}"
        self.seen.add(art.doc_id)
        return Problem(
            path=art.path,
            doc_id=art.doc_id,
            reason=f"duplicate doc_id {old!r}; renamed to {art.doc_id!r}",
            severity="warning",
        )


def _published(art: Article) -> tuple[Any, Problem | None]:
    """The article's date by :func:`schema.parse_date`, and a row for a repair or failure."""
    raw = art.published
    when, note = schema.parse_date(raw)
    blank = raw is None or (isinstance(raw, str) and not raw.strip()) or raw is pd.NA
    blank = blank or (isinstance(raw, float) and pd.isna(raw))
    if pd.isna(when) and not blank:
        why = f" ({note})" if note else ""
        note = f"unreadable publication date {short_repr(raw)}; set to NaT{why}"
    if not note:
        return when, None
    reason = note if note.startswith("unreadable") else f"publication date: {note}"
    return when, Problem(path=art.path, doc_id=art.doc_id, reason=reason, severity="warning")


def _frames(
    articles: list[Article], problems: list[Problem], published_default: Any = None
) -> Loaded:
    for art in articles:
        art.published, problem = _published(art)
        if problem:
            problems.append(problem)
    rows = [a.as_row() for a in articles]
    arts = schema.conform(pd.DataFrame(rows, columns=list(schema.SCHEMAS["articles"])), "articles")
    arts = fill_published(arts, published_default)
    errs = schema.conform(
        pd.DataFrame([p.as_row() for p in problems], columns=list(schema.SCHEMAS["errors"])),
        "errors",
    )
    return Loaded(arts, errs)


def fill_published(articles: pd.DataFrame, default: Any = None) -> pd.DataFrame:
    """``articles`` with unknown publication dates set to ``default`` (unchanged if None)."""
    if default is None or not len(articles):
        return articles
    filled = articles["published"].fillna(pd.Timestamp(default)).astype(schema.DATE)
    return articles.assign(published=filled)


def iter_batches(
    path: str | Path, *, batch_size: int = 1000, published_default: Any = None, warn: bool = True
) -> Iterator[Loaded]:
    """Read a corpus in batches of at most ``batch_size`` articles (bounded memory)."""
    dedupe = _Deduper()
    articles: list[Article] = []
    problems: list[Problem] = []
    for rec in iter_records(path):
        if isinstance(rec, Problem):
            if warn:
                _warn(rec)
            problems.append(rec)
            continue
        renamed = dedupe(rec)
        if renamed:
            if warn:
                _warn(renamed)
            problems.append(renamed)
        articles.append(rec)
        if len(articles) >= batch_size:
            yield _frames(articles, problems, published_default)
            articles, problems = [], []
    if articles or problems:
        yield _frames(articles, problems, published_default)


def load_corpus(path: str | Path, *, published_default: Any = None, warn: bool = True) -> Loaded:
    """Load a corpus into ``(articles, errors)`` frames; see the module docstring for inputs."""
    parts = list(
        iter_batches(path, batch_size=sys.maxsize, published_default=published_default, warn=warn)
    )
    if not parts:
        return Loaded(schema.empty("articles"), schema.empty("errors"))
    return concat_loaded(parts)


def concat_loaded(parts: Iterable[Loaded]) -> Loaded:
    """Concatenate batches into one :class:`Loaded`."""
    parts = list(parts)
    arts = [p.articles for p in parts if len(p.articles)]
    errs = [p.errors for p in parts if len(p.errors)]
    articles = pd.concat(arts, ignore_index=True) if arts else schema.empty("articles")
    errors = pd.concat(errs, ignore_index=True) if errs else schema.empty("errors")
    return Loaded(schema.conform(articles, "articles"), schema.conform(errors, "errors"))


def articles_from_texts(
    texts: Iterable[str], *, published: Any = None, prefix: str = "doc"
) -> pd.DataFrame:
    """Build an ``articles`` frame from plain strings (handy in notebooks and tests)."""
    rows = []
    for i, text in enumerate(texts):
        clean, _ = clean_text(text)
        rows.append(
            Article(
                doc_id=f"{prefix}{i}",
                text=clean,
                path="",
                title=first_line(clean),
                published=published,
            ).as_row()
        )
    return schema.conform(pd.DataFrame(rows, columns=list(schema.SCHEMAS["articles"])), "articles")


__all__ = [
    "CorpusWarning",
    "Loaded",
    "articles_from_texts",
    "clean_text",
    "decode_bytes",
    "iter_batches",
    "iter_records",
    "legacy_decode",
    "load_corpus",
    "one_line",
    "path_str",
]
