"""Dates: temporal expressions found, normalised (TIMEX3) and resolved against the publication date.

``extract_dates`` scans the normalised text (digits folded to ASCII, alef/yeh/teh marbuta folded,
tashkeel removed) once with the grammar of :mod:`analysis.dates.grammar` — at each position the most
specific family that matches and whose reading is accepted wins — and maps spans back to the original
text so ``text[start:end] == surface``.
Rows follow the ``dates`` schema of :mod:`analysis.schema`: ``type`` in DATE/DURATION/TIME/SET,
``value`` TIMEX3-style, ``start_date``/``end_date`` the inclusive interval (NaT when unresolved; always
NaT for durations and sets, which never go on a timeline), ``resolved`` True when an interval is given.
Without a publication date, relative expressions keep ``resolved = False``: no date is invented.
A START/MID/END modifier (أوائل، منتصف، أواخر...) narrows a month or a year to the third it names
while ``value`` keeps the whole period; holidays (عيد الفطر، رأس السنة...) are days (see the
documented choices in :mod:`analysis.dates.grammar`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import pandas as pd

from ..arabic import normalize_with_map
from .grammar import INTERPRETERS, Context, Hit, master, patterns, side_patterns
from .lexicon import lexicon

__all__ = ["extract_dates", "find_dates"]


@lru_cache(maxsize=1)
def _future_re() -> re.Pattern[str]:
    """Future cues: listed words, or a سـ-prefixed imperfect verb (سيعقد، ستنطلق) not in the
    exception list of look-alike nouns and names (سيارة، سنوات، سياسة...)."""
    lx = lexicon()
    words = "|".join(map(re.escape, sorted(lx.future_cues, key=len, reverse=True)))
    exceptions = "|".join(map(re.escape, sorted(lx.future_exceptions, key=len, reverse=True)))
    return re.compile(rf"(?<!\w)[وف]?(?:(?:{words})(?!\w)|(?!{exceptions})س[يتن][^\W\d]{{3,}})")


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


@lru_cache(maxsize=1)
def _families() -> tuple[tuple[re.Pattern[str], Callable], ...]:
    """(pattern, interpreter) per family, in the scanner's order; every regex compiled here."""
    side_patterns()  # compiled with the rest rather than on the first range met
    return tuple((rx, INTERPRETERS[name]) for name, rx in patterns().items())


_NO_WORD_BEFORE = r"(?<!\w)"


@lru_cache(maxsize=1)
def _scanner() -> re.Pattern[str]:
    r"""The master pattern with its opening ``(?<!\w)`` made a consumed ``\W``.

    A pattern opening with a character class lets the regex engine skip in C to the next
    non-word character instead of entering the pattern at every offset; its matches start one
    character before the expression (offset 0, with nothing before it, is tried separately).
    """
    rx = master()
    if not rx.pattern.startswith(_NO_WORD_BEFORE):
        raise ValueError(r"the date scanner must open with (?<!\w)")
    return re.compile(r"\W" + rx.pattern[len(_NO_WORD_BEFORE) :], rx.flags)


def find_dates(text: str, *, ref: dt.date | None = None) -> list[tuple[int, int, Hit]]:
    """(start, end, hit) for every expression in ``text`` (offsets into ``text``), in text order."""
    nt = normalize_with_map(text)
    norm = nt.text
    future_re = _future_re()

    def future_before(i: int) -> bool:
        # A future cue earlier in the same line-sentence (up to the previous full stop).
        lo = max(norm.rfind(".", 0, i), norm.rfind("\n", 0, i), i - 150, 0)
        return future_re.search(norm, lo, i) is not None

    ctx = Context(text=norm, ref=ref, future_before=future_before)
    families = _families()
    master_rx, scanner = master(), _scanner()

    def search(pos: int) -> tuple[int, str] | None:
        # (start, family group) of master_rx.search(norm, pos), found faster.
        if pos == 0 and (m := master_rx.match(norm, 0)) is not None:
            return 0, m.lastgroup
        m = scanner.search(norm, max(pos - 1, 0))
        return None if m is None else (m.start() + 1, m.lastgroup)

    out = []
    pos = 0
    while (sm := search(pos)) is not None:
        # The scanner found the first family matching here; if its reading is rejected
        # ("اليوم" alone is no "في وقت سابق اليوم"), the later families get their turn.
        start, family = sm
        found = None
        for rx, interp in families[int(family[1:]) :]:
            g = rx.match(norm, start)
            if g is not None and (hit := interp(g, ctx)) is not None:
                found = g, hit
                break
        if found is None:
            pos = start + 1
            continue
        g, hit = found
        sp = hit.spec
        if sp is not None and sp.month is not None and sp.year is not None:
            ctx.last_month.append((sp.calendar, sp.year, sp.month))
        s, e = g.span("c")
        pos = g.end()
        os_, oe = nt.span(s, e)
        # "للعام": the article's alef was merged into the preposition; keep the whole word.
        if os_ > 0 and text[os_ - 1] == "ل" and norm[s] == "ل" and norm[s : s + 2] != "ال":
            os_ -= 1
        out.append((os_, oe, hit))
    return out


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
            }
        )
    return rows
