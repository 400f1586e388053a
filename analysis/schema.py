"""The frame contract: every frame's columns and dtypes, in one place.

All offsets (``start``, ``end``) are character offsets into ``articles.text`` of the same
``doc_id``, end-exclusive, so ``articles.text[start:end] == surface`` (or ``== text``) always.

articles — one row per document
    doc_id (string)        stable id: the file stem for .txt, the given ``id``/``doc_id`` otherwise
    title (string)         first non-empty line for .txt; the ``title`` field for JSONL/CSV/Parquet
    text (string)          the document text (newlines normalised to ``\\n``, BOM removed)
    published (datetime64[s])  publication date, NaT when unknown
    source (string)        newspaper / agency, "" when unknown
    path (string)          file the document came from
    n_chars (int64)        len(text)
    encoding (string)      encoding the bytes were decoded with ("" for already-decoded inputs)

sentences — one row per sentence
    doc_id (string), sent_id (int64, 0-based per doc), para_id (int64, 0-based per doc),
    start (int64), end (int64), text (string) == articles.text[start:end], stripped

mentions — one row per actor mention (see analysis.actors)
    doc_id, sent_id, start, end, surface, actor_id, name_ar, name_en, type, form, iso3, role,
    affiliation, method

actors — one row per canonical actor
    actor_id, name_ar, name_en, type, iso3, n_mentions (int64), n_docs (int64)

dates — one row per temporal expression (see analysis.dates)
    doc_id, sent_id, start, end, surface, type, value, granularity, calendar, hijri, relative
    (bool), mod, start_date, end_date (datetime64[s], NaT if unresolved), resolved (bool)

errors — one row per problem met while loading or parsing; nothing is dropped silently
    doc_id (string, "" when unknown), path (string), line (Int64, <NA> when not line-based),
    severity ("error": document skipped; "warning": document kept), reason (string)
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

STR = "string"
INT = "int64"
NINT = "Int64"
BOOL = "bool"
DATE = "datetime64[s]"

SCHEMAS: dict[str, dict[str, str]] = {
    "articles": {
        "doc_id": STR,
        "title": STR,
        "text": STR,
        "published": DATE,
        "source": STR,
        "path": STR,
        "n_chars": INT,
        "encoding": STR,
    },
    "sentences": {
        "doc_id": STR,
        "sent_id": INT,
        "para_id": INT,
        "start": INT,
        "end": INT,
        "text": STR,
    },
    "mentions": {
        "doc_id": STR,
        "sent_id": INT,
        "start": INT,
        "end": INT,
        "surface": STR,
        "actor_id": STR,
        "name_ar": STR,
        "name_en": STR,
        "type": STR,
        "form": STR,
        "iso3": STR,
        "role": STR,
        "affiliation": STR,
        "method": STR,
    },
    "actors": {
        "actor_id": STR,
        "name_ar": STR,
        "name_en": STR,
        "type": STR,
        "iso3": STR,
        "n_mentions": INT,
        "n_docs": INT,
    },
    "dates": {
        "doc_id": STR,
        "sent_id": INT,
        "start": INT,
        "end": INT,
        "surface": STR,
        "type": STR,
        "value": STR,
        "granularity": STR,
        "calendar": STR,
        "hijri": STR,
        "relative": BOOL,
        "mod": STR,
        "start_date": DATE,
        "end_date": DATE,
        "resolved": BOOL,
    },
    "errors": {
        "doc_id": STR,
        "path": STR,
        "line": NINT,
        "severity": STR,
        "reason": STR,
    },
}

FRAME_NAMES: tuple[str, ...] = tuple(SCHEMAS)

# Canonical row order of the per-document frames: documents in input order, then these columns
# (a row's position in its document). Corpus-level frames (actors) keep the order they are made in.
SORT_KEYS: dict[str, list[str]] = {
    "articles": [],
    "sentences": ["sent_id"],
    "mentions": ["start", "end", "actor_id"],
    "dates": ["start", "end", "value"],
    "errors": ["path", "line", "reason"],
}


def empty(name: str) -> pd.DataFrame:
    """An empty frame with the columns and dtypes of ``name``."""
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in SCHEMAS[name].items()})


def conform(df: pd.DataFrame | list[dict], name: str) -> pd.DataFrame:
    """Return ``df`` with exactly the schema's columns, in order, cast to the schema's dtypes."""
    if not isinstance(df, pd.DataFrame):
        df = pd.DataFrame(df)
    schema = SCHEMAS[name]
    if df.empty and not len(df.columns):
        return empty(name)
    out = {}
    for col, dtype in schema.items():
        if col in df.columns:
            s = df[col]
        elif dtype == STR:
            s = pd.Series([""] * len(df), index=df.index)
        elif dtype == DATE:
            s = pd.Series([pd.NaT] * len(df), index=df.index)
        elif dtype == BOOL:
            s = pd.Series([False] * len(df), index=df.index)
        else:
            s = pd.Series([pd.NA] * len(df), index=df.index)
        if dtype == STR:
            s = s.fillna("").astype(STR)
        elif dtype == DATE:
            s = pd.to_datetime(s, errors="coerce").astype(DATE)
        else:
            s = s.astype(dtype)
        out[col] = s
    return pd.DataFrame(out).reset_index(drop=True)


def canonical_order(df: pd.DataFrame, name: str, doc_order: Iterable[str]) -> pd.DataFrame:
    """Sort a per-document frame by document input order, then by position in the document."""
    rank = {d: i for i, d in enumerate(doc_order)}
    # Rows of no known document (loading errors) keep their own order, after the rest.
    pos = df["doc_id"].map(rank).fillna(len(rank)).astype("int64")
    order = df.assign(_pos=pos).sort_values(["_pos", *SORT_KEYS[name]], kind="stable").index
    return df.loc[order].reset_index(drop=True)


def check(df: pd.DataFrame, name: str) -> None:
    """Raise ``AssertionError`` unless ``df`` matches the schema exactly (columns and dtypes)."""
    schema = SCHEMAS[name]
    assert list(df.columns) == list(schema), f"{name}: columns {list(df.columns)}"
    for col, dtype in schema.items():
        assert str(df[col].dtype) == dtype, f"{name}.{col}: {df[col].dtype} != {dtype}"
