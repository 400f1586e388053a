"""Dates: temporal expressions found, normalised (TIMEX3) and resolved against the publication date.

``extract_dates`` scans the normalised text (digits folded to ASCII, alef/yeh/teh marbuta folded,
tashkeel removed) once with the scanner of :mod:`analysis.dates.scanner` — at each position the most
specific family of :mod:`analysis.dates.families` that matches and whose reading is accepted wins — and
maps spans back to the original text so ``text[start:end] == surface``.
Rows follow the ``dates`` schema of :mod:`analysis.schema`: ``type`` in DATE/DURATION/TIME/SET,
``value`` TIMEX3-style, ``start_date``/``end_date`` the inclusive interval (NaT when unresolved; always
NaT for durations and sets, which never go on a timeline), ``resolved`` True when an interval is given.
Without a publication date, relative expressions keep ``resolved = False``: no date is invented.
``year_inferred`` marks the rows whose year (or week, for a weekday) no word decided: a bare month
or weekday no verb tense or cue decided, read as the one nearest the publication date, for the user
to check.
A START/MID/END modifier (أوائل، منتصف، أواخر...) is kept in ``mod`` while ``value`` and the
interval keep the whole period (a range side narrows to the third it names); holidays (عيد الفطر، رأس السنة...) are days (see the
documented choices in :mod:`analysis.dates.families`).
"""

from __future__ import annotations

import bisect
import datetime as dt
from typing import Any

import pandas as pd

from .scanner import find_dates

__all__ = ["extract_dates", "find_dates"]


def _as_date(published: Any) -> dt.date | None:
    if published is None:
        return None
    if type(published) is pd.Timestamp:
        return published.date()
    try:
        if pd.isna(published):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    try:
        return pd.Timestamp(published).date()
    except (TypeError, ValueError):
        return None


def extract_dates(
    *, doc_id: str, text: str, sentences: list[dict], published: Any = None
) -> list[dict]:
    """Rows of the ``dates`` frame for one document."""
    if not text:
        return []
    ref = _as_date(published)
    starts = [int(s["start"]) for s in sentences]
    ids = [int(s["sent_id"]) for s in sentences]
    rows = []
    for s, e, hit in find_dates(text, ref=ref):
        k = bisect.bisect_right(starts, s) - 1
        resolved = hit.start is not None and hit.end is not None
        rows.append(
            {
                "doc_id": doc_id,
                "sent_id": ids[k] if k >= 0 else (ids[0] if ids else 0),
                "start": s,
                "end": e,
                "surface": text[s:e],
                "type": hit.type,
                "value": hit.value,
                "granularity": hit.granularity,
                "calendar": hit.calendar,
                "hijri": hit.hijri,
                "relative": bool(hit.relative),
                "mod": hit.mod,
                # datetime.date (cheap); schema.conform casts to datetime64[s].
                "start_date": hit.start if resolved else pd.NaT,
                "end_date": hit.end if resolved else pd.NaT,
                "resolved": resolved,
                "year_inferred": bool(hit.year_inferred) and resolved,
            }
        )
    return rows
