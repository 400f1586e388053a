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

quotes — one row per attributed statement: who said what (see analysis.quotes)
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
    outlet_start, outlet_end (Int64), outlet_actor_id, outlet_name: the outlet of a chain
    (نقلت الصحيفة عن مصدر قوله), <NA> / "" otherwise

errors — one row per problem met while loading or parsing; nothing is dropped silently
    doc_id (string, "" when unknown), path (string), line (Int64, <NA> when not line-based),
    severity ("error": document skipped; "warning": document kept), reason (string)
"""

from __future__ import annotations

import datetime as dt
import re
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
    },
    "errors": {
        "doc_id": STR,
        "path": STR,
        "line": NINT,
        "severity": STR,
        "reason": STR,
    },
}

# Frames a parse returns; ``quotes`` joins them once the pipeline calls analysis.quotes.
FRAME_NAMES: tuple[str, ...] = tuple(n for n in SCHEMAS if n != "quotes")

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
            s = to_dates(s)
        else:
            s = s.astype(dtype)
        out[col] = s
    return pd.DataFrame(out).reset_index(drop=True)


def check(df: pd.DataFrame, name: str) -> None:
    """Raise ``AssertionError`` unless ``df`` matches the schema exactly (columns and dtypes)."""
    schema = SCHEMAS[name]
    assert list(df.columns) == list(schema), f"{name}: columns {list(df.columns)}"
    for col, dtype in schema.items():
        assert str(df[col].dtype) == dtype, f"{name}.{col}: {df[col].dtype} != {dtype}"
