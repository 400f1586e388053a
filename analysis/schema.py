"""The frame contract: every frame's columns and dtypes, in one place.

All offsets (``start``, ``end``) are character offsets into ``articles.text`` of the same
``doc_id``, end-exclusive, so ``articles.text[start:end] == surface`` (or ``== text``) always.

articles — one row per document
    doc_id (string)        stable id: the file stem for .txt, the given ``id``/``doc_id`` otherwise
                           (unique: repeats get ``~2``, ``~3``...); data, never joined into a path
    title (string)         first non-empty line for .txt; the ``title`` field for JSONL/CSV/Parquet
                           (one line, HTML and control characters removed, like ``source``)
    text (string)          the document text (newlines normalised to ``\\n``, BOM removed)
    published (datetime64[s])  publication date, NaT when unknown; read value by value by
                           :func:`parse_date` (rules there), never by inferring a batch's format
    source (string)        newspaper / agency, "" when unknown
    path (string)          file the document came from
    n_chars (int64)        len(text)
    encoding (string)      encoding the bytes were decoded with ("" for already-decoded inputs)
    story_id (string)      the story (wire copies of one source text) the article belongs to, set by
                           :func:`analysis.stories.stories`; "" until that step has run

sentences — one row per sentence
    doc_id (string), sent_id (int64, 0-based per doc), para_id (int64, 0-based per doc),
    start (int64), end (int64), text (string) == articles.text[start:end], stripped,
    boilerplate (bool)     a line its source repeats across many articles (footer, byline, share
                           buttons...): set by the corpus step :func:`analysis.boilerplate.boilerplate`

mentions — one row per actor mention (see analysis.actors)
    doc_id, sent_id, start, end, surface, actor_id, name_ar, name_en, type, form, iso3, role,
    affiliation, method,
    local_actor_id (string)  the id the document pass gave; ``actor_id`` is the id after the
                           corpus-level identity pass (:mod:`analysis.actors.identity`) and overrides
    boilerplate (bool)     in a boilerplate sentence; left out of counts, charts and clouds by default
    sector (string)        "media" for newspapers, channels, agencies (data/gazetteer/media.csv), else ""
    self_reference (bool)  the article's own paper named in it (لـ«عكاظ» in Okaz): kept, not counted
                           by default (:func:`analysis.boilerplate.counted` gives the counted rows)

actors — one row per canonical actor
    actor_id, name_ar, name_en, type, iso3, n_mentions (int64), n_docs (int64),
    aliases (string: the other surfaces merged into this actor, ``|``-joined, sorted),
    n_names (int64: mentions with ``form == "name"``), n_adjectives (int64: ``form == "adjective"``),
    sector (string); the counts leave out boilerplate and self-references (zero when only there),
    and n_mentions == n_names + n_adjectives

dates — one row per temporal expression (see analysis.dates)
    doc_id, sent_id, start, end, surface, type, value, granularity, calendar, hijri, relative
    (bool), mod, start_date, end_date (datetime64[s], NaT if unresolved), resolved (bool),
    year_inferred (bool: no word decided the year of a bare month or the week of a bare weekday,
    the default rule chose the one nearest publication; a guess to check)
    boilerplate (bool) in a boilerplate sentence (a dateline), left out of timelines by default

stories — one row per story, made by the corpus step :func:`analysis.stories.stories` (every
article is in exactly one story; most stories have one article)
    story_id (string)      ``story:`` + 12 hex digits of the SHA-1 of the earliest member's doc_id
    n_articles (int64)     member articles
    sources (string)       distinct member sources, sorted, joined by ", "
    first_published (datetime64[s])  earliest member's publication date, NaT when none is known
    representative_doc_id (string)  the member the others copy (most copy links, then the longest)
    title (string)         the representative's title
    n_sources (int64)      distinct member sources

quotes — one row per attributed statement: who said what (see analysis.quotes); a headline's quote
    that only summarises a body quote of the same speaker is left out (counted once, in the body)
    doc_id, quote_id (int64, 0-based per doc, in text order), sent_id (int64, of the cue),
    kind ("direct": words in quotation marks; "indirect": a speech or stance verb or noun with its
    content; "according_to": بحسب / وفقا لـ / نقلا عن / ذكرت ... أن / a chain نقلت ... عن),
    cue, cue_start, cue_end (the cue word, clitics included: وأضاف، مشيرا، بحسب),
    content, content_start, content_end (what was said: inside the quotation marks, or from the
    word after أن / إن / the preposition to the sentence end or the next cue),
    speaker_start, speaker_end (Int64, <NA> when no speaker is found: the mention naming the
    speaker, or the unnamed source's words «مصدر مسؤول»; for a verb's agreement or a participle
    — وأضاف، مؤكدا — the mention or speaker it refers to), speaker_actor_id ("" when unresolved),
    speaker_name (the actor's Arabic name, else the words), speaker_type (the actor's type, ""),
    speaker_resolved ("explicit" / "coreference" / "unresolved"),
    outlet_start, outlet_end (Int64), outlet_actor_id, outlet_name: the medium a statement was
    reported through, never its speaker: the outlet of a chain (نقلت الصحيفة عن مصدر قوله), the
    agency spoken to (قال لرويترز) or named before the content (بحسب ما نقلت عنه واس، إن ...);
    <NA> / "" otherwise (an agency reporting in its own name, ذكرت رويترز أن, is the speaker); boilerplate (bool: the cue's sentence is a
    boilerplate line, e.g. a statement a paper repeats in every article; left out of counts by default)

errors — one row per problem met while loading or parsing; nothing is dropped silently
    doc_id (string, "" when unknown), path (string), line (Int64, <NA> when not line-based),
    severity ("error": document skipped; "warning": document kept), reason (string)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import pandas as pd
from hijridate import Hijri

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
        "story_id": STR,
    },
    "sentences": {
        "doc_id": STR,
        "sent_id": INT,
        "para_id": INT,
        "start": INT,
        "end": INT,
        "text": STR,
        "boilerplate": BOOL,
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
        "local_actor_id": STR,
        "boilerplate": BOOL,
        "sector": STR,
        "self_reference": BOOL,
    },
    "actors": {
        "actor_id": STR,
        "name_ar": STR,
        "name_en": STR,
        "type": STR,
        "iso3": STR,
        "n_mentions": INT,
        "n_docs": INT,
        "aliases": STR,
        "n_names": INT,
        "n_adjectives": INT,
        "sector": STR,
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
        "year_inferred": BOOL,
        "boilerplate": BOOL,
    },
    "stories": {
        "story_id": STR,
        "n_articles": INT,
        "sources": STR,
        "first_published": DATE,
        "representative_doc_id": STR,
        "title": STR,
        "n_sources": INT,
    },
    "quotes": {
        "doc_id": STR,
        "quote_id": INT,
        "sent_id": INT,
        "kind": STR,
        "cue": STR,
        "cue_start": INT,
        "cue_end": INT,
        "content": STR,
        "content_start": INT,
        "content_end": INT,
        "speaker_start": NINT,
        "speaker_end": NINT,
        "speaker_actor_id": STR,
        "speaker_name": STR,
        "speaker_type": STR,
        "speaker_resolved": STR,
        "outlet_start": NINT,
        "outlet_end": NINT,
        "outlet_actor_id": STR,
        "outlet_name": STR,
        "boilerplate": BOOL,
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
# Frames one document's parse makes (the parse cache holds them), and the columns of theirs that
# only the corpus-level steps (analysis.steps) fill: rows from one document lack them.
DOC_FRAMES: tuple[str, ...] = ("articles", "sentences", "mentions", "dates", "quotes", "errors")
CORPUS_STEP_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("story_id",),
    "sentences": ("boilerplate",),
    "mentions": ("local_actor_id", "boilerplate", "sector", "self_reference"),
    "dates": ("boilerplate",),
    "quotes": ("boilerplate",),
}

# --- Dates, value by value ----------------------------------------------------------------------

_EPOCH = dt.datetime(1970, 1, 1)
# Epoch numbers: the unit is the smallest that keeps the date before the year 5138.
_EPOCH_UNITS = ((1e11, 1, "seconds"), (1e14, 1e3, "milliseconds"), (1e17, 1e6, "microseconds"))
_EPOCH_NS = (1e20, 1e9, "nanoseconds")
HIJRI_YEARS = range(1300, 1501)
_AR_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
_HIJRI_MARK_RE = re.compile(r"\s*(?:هـ|ه)\s*\.?\s*$")
_GREG_MARK_RE = re.compile(r"\s*م\s*\.?\s*$")
_TIME = r"(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?"
_YMD_RE = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})" + _TIME)
_DMY_RE = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})" + _TIME)
_BASIC_RE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_EPOCH_RE = re.compile(r"[-+]?\d{9,20}(?:\.\d+)?")
_LETTER_RE = re.compile(r"[A-Za-z]")


def _epoch(value: float) -> tuple[Any, str | None]:
    for limit, per_second, unit in (*_EPOCH_UNITS, _EPOCH_NS):
        if abs(value) < limit:
            try:
                when = _EPOCH + dt.timedelta(seconds=int(value / per_second))
            except OverflowError:
                break
            return pd.Timestamp(when), f"number {value!r} read as {unit} since 1970-01-01: {when}"
    return pd.NaT, f"number {value!r} is no date (out of range)"


def _naive(when: dt.datetime) -> tuple[Any, str | None]:
    if when.tzinfo is None or when.utcoffset() is None:
        return pd.Timestamp(when), None
    local = when.replace(tzinfo=None)
    return pd.Timestamp(local), f"UTC offset {when.strftime('%z')} dropped, local time {local} kept"


def _from_parts(
    y: int, m: int, d: int, clock: tuple[str | None, ...], *, hijri: bool, raw: str
) -> tuple[Any, str | None]:
    hour, minute, second, offset = clock
    notes = []
    if hijri or y in HIJRI_YEARS:
        try:
            y, m, d = Hijri(y, m, d).to_gregorian().datetuple()
        except (ValueError, OverflowError):
            return pd.NaT, f"{raw!r} is no Hijri date of the Umm al-Qura table (1343-1500)"
        notes.append(f"Hijri date {raw!r} converted to Gregorian {y:04d}-{m:02d}-{d:02d}")
    try:
        when = dt.datetime(y, m, d, int(hour or 0), int(minute or 0), int(second or 0))
    except ValueError:
        return pd.NaT, None
    if offset:
        notes.append(f"UTC offset {offset} dropped, local time {when} kept")
    return pd.Timestamp(when), "; ".join(notes) or None


@lru_cache(maxsize=65536)
def _parse_date_str(raw: str) -> tuple[Any, str | None]:
    text = raw.strip().translate(_AR_DIGITS)
    hijri = bool(_HIJRI_MARK_RE.search(text))
    text = _GREG_MARK_RE.sub("", _HIJRI_MARK_RE.sub("", text))
    if not text:
        return pd.NaT, None
    if m := _YMD_RE.fullmatch(text):
        y, _, mo, d = m.group(1, 2, 3, 4)
        return _from_parts(int(y), int(mo), int(d), m.group(5, 6, 7, 8), hijri=hijri, raw=raw)
    if m := _DMY_RE.fullmatch(text):
        a, _, b, y = (m.group(i) for i in range(1, 5))
        day, month, note = int(a), int(b), None
        if month > 12 >= day:  # only month-first fits: 08/25/2015
            day, month = month, day
            note = f"{raw!r} cannot be day-first; read month-first"
        when, more = _from_parts(int(y), month, day, m.group(5, 6, 7, 8), hijri=hijri, raw=raw)
        return when, "; ".join(n for n in (note, more) if n) or None
    if m := _BASIC_RE.fullmatch(text):
        y, mo, d = (int(g) for g in m.groups())
        return _from_parts(y, mo, d, (None,) * 4, hijri=hijri, raw=raw)
    if _EPOCH_RE.fullmatch(text):
        return _epoch(float(text) if "." in text else int(text))
    if _LETTER_RE.search(text):  # month names, RFC 2822...: dateutil, day first
        try:
            when = pd.to_datetime(text, dayfirst=True)
        except (ValueError, OverflowError, TypeError):
            return pd.NaT, None
        return _naive(when.to_pydatetime()) if not pd.isna(when) else (pd.NaT, None)
    return pd.NaT, None


def parse_date(value: Any) -> tuple[Any, str | None]:
    """One value -> (naive ``Timestamp`` or ``NaT``, a note on any repair or guess, else None).

    The rules, applied to each value on its own (so a batch never changes a date):

    * datetimes keep their wall-clock time; a UTC offset (``+03:00``, ``Z``) is dropped, noted;
    * numbers are seconds since 1970 below 1e11, milliseconds below 1e14, microseconds below
      1e17, nanoseconds below 1e20 (noted); strings of 9+ digits likewise; 8 digits are YYYYMMDD;
    * ``YYYY-MM-DD`` (also with ``/`` or ``.``, optional time and offset) is year-month-day;
      ``DD/MM/YYYY`` (also ``-`` or ``.``) is day-first, as Arabic sources write it, unless the
      second number exceeds 12 (then month-first, noted);
    * a year in 1300-1500 or a trailing هـ marks a Hijri date: converted with ``hijridate``
      (Umm al-Qura), noted; Arabic-Indic digits and a trailing م are accepted;
    * anything else with Latin letters (month names, RFC 2822) goes to dateutil, day first;
      otherwise ``NaT``.
    """
    if value is None or isinstance(value, bool):
        return pd.NaT, None
    if isinstance(value, str):
        return _parse_date_str(value)
    if isinstance(value, dt.datetime):
        return _naive(value) if not pd.isna(value) else (pd.NaT, None)
    if isinstance(value, dt.date):
        return pd.Timestamp(value), None
    if isinstance(value, int | float):
        if value != value or value in (float("inf"), float("-inf")):
            return pd.NaT, None
        return _epoch(value)
    try:
        return parse_date(pd.Timestamp(value).to_pydatetime())  # numpy datetime64 and the like
    except (ValueError, TypeError, OverflowError):
        return pd.NaT, None


def to_dates(s: pd.Series) -> pd.Series:
    """``s`` as ``datetime64[s]``, each value read by :func:`parse_date` (notes dropped)."""
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        s = s.dt.tz_localize(None)
    if pd.api.types.is_datetime64_dtype(s.dtype):
        return s.astype(DATE)
    values = [parse_date(v)[0] for v in s]
    return pd.Series(values, index=s.index, dtype=object).astype(DATE)


# Canonical row order of the per-document frames: documents in input order, then these columns
# (a row's position in its document). Corpus-level frames (actors) keep the order they are made in.
SORT_KEYS: dict[str, list[str]] = {
    "articles": [],
    "sentences": ["sent_id"],
    "mentions": ["start", "end", "actor_id"],
    "dates": ["start", "end", "value"],
    "quotes": ["quote_id"],
    "errors": ["path", "line", "reason"],
}


class SchemaError(ValueError):
    """Rows or columns that do not match a frame's contract."""


def check_columns(columns: Iterable[str], name: str) -> None:
    """Raise :class:`SchemaError` naming every unknown and missing column of frame ``name`` (the
    columns the corpus-level steps fill may be missing)."""
    cols = list(columns)
    expected = SCHEMAS[name]
    unknown = [c for c in cols if c not in expected]
    later = CORPUS_STEP_COLUMNS.get(name, ())
    missing = [c for c in expected if c not in cols and c not in later]
    if unknown or missing:
        raise SchemaError(f"{name}: unknown column(s) {unknown}, missing column(s) {missing}")


def from_rows(rows: list[dict[str, Any]], name: str) -> pd.DataFrame:
    """Frame ``name`` from row dicts that must each carry exactly its columns (a misspelt key is an
    error, not a silently dropped value)."""
    for keys in {tuple(r) for r in rows}:
        check_columns(keys, name)
    return conform(pd.DataFrame(rows, columns=list(SCHEMAS[name])), name)


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
            # A column that came all-missing from the rows is float NaN: fill it as objects.
            s = (s.astype(object) if s.dtype.kind == "f" else s).fillna("").astype(STR)
        elif dtype == DATE:
            s = to_dates(s)
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
