"""Anaphoric periods read against the previous date of the paragraph: "الشهر الذي تلاه"، "آخر يوم
من الشهر"، "بعد ذلك بأسبوعين". With no such date they stay unresolved (nothing is invented)."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .. import periods as P
from ..hits import Context, Hit
from ..lexicon import lexicon
from ..pieces import ART, Pieces
from ..resolve import UNRESOLVED, from_interval
from ..words import key, word_number

# The period a word names, and the order of granularities (a finer anchor can be shifted by a
# coarser step: a day by months, not a month by days).
_UNIT_WORDS = {"يوم": "day", "اسبوع": "week", "شهر": "month", "عام": "year", "سنه": "year"}
_FINENESS = {"day": 0, "week": 1, "month": 2, "year": 3}
_UNIT_STEP = {"D": ("day", 1), "W": ("day", 7), "M": ("month", 1), "Y": ("month", 12)}
_UNIT_FINENESS = {"D": 0, "W": 1, "M": 2, "Y": 3}
_GRAN_UNIT = {"day": "D", "week": "W", "month": "M", "year": "Y"}
# تلاه/يليه: the one after; سبقه: the one before.
_AFTER = ("تلاه", "تلته", "تلاها", "تلتها", "يليه", "يليها", "تليه", "تليها")
_BEFORE = ("سبقه", "سبقته", "سبقها", "سبقتها")


def anaphor_pattern(p: Pieces) -> str:
    """ "الشهر الذي تلاه"، "العام الذي سبقه"، "آخر يوم من الشهر"، "بعد ذلك بأسبوعين"، "قبلها بيومين"."""
    rels = "|".join((*_AFTER, *_BEFORE))
    return (
        rf"(?P<nu>{ART}(?:يوم|اسبوع|شهر|عام|سنه))\s+(?:(?:الذي|التي)\s+)?(?P<nrel>{rels})(?!\w)"
        rf"|(?P<eo>اخر|اول)\s+يوم\s+(?:من|في)\s+{ART}شهر(?!\w)(?!\s+(?:{p.dx}|{p.mg}|{p.mh}|\d))"
        rf"|(?P<odir>بعد|قبل)(?:\s+(?:ذلك|هذا|ذالك)|ها|ه)\s+ب"
        rf"(?:(?P<on>\d+|{p.numw})\s+(?P<ou>{p.units})|(?P<ou2>{p.units_dual}|{p.units_one}))"
    )


def _anchor(ctx: Context, pos: int) -> tuple[P.Interval, str] | None:
    """The last date resolved before ``pos`` in its paragraph, and its calendar."""
    if not ctx.dates:
        return None
    end, iv, calendar = ctx.dates[-1]
    return None if "\n" in ctx.text[end:pos] else (iv, calendar)


def _shift(d: dt.date, gran: str, unit: str, n: int) -> P.Interval:
    """The period of granularity ``gran`` holding ``d`` moved by ``n`` of ``unit`` (D/W/M/Y)."""
    step, k = _UNIT_STEP[unit]
    if step == "day":
        d += dt.timedelta(days=n * k)
    else:
        y, m = P.add_months(d.year, d.month, n * k)
        d = dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))
    if gran in ("day", "week"):
        return P.day(d) if gran == "day" else P.week(d)
    return P.month(d.year, d.month) if gran == "month" else P.year(d.year)


def _unresolved(gran: str) -> Hit:
    return Hit(value=UNRESOLVED[gran], granularity=gran, relative=True)


def _month_day(g: re.Match, found: tuple[P.Interval, str] | None) -> Hit:
    """ "آخر/أول يوم من الشهر": the last/first day of the month of the previous date (a Hijri
    date's Hijri month)."""
    if found is None or _FINENESS.get(found[0].granularity, 9) > _FINENESS["month"]:
        return _unresolved("day")
    iv, cal = found
    if cal == "hijri" and iv.granularity == "month":
        month: P.Interval | None = iv
    elif cal == "hijri":
        h = P.gregorian_to_hijri(iv.start)
        month = None if h is None else P.hijri_month(h[0], h[1])
    else:
        month = P.month(iv.start.year, iv.start.month)
    if month is None:
        return _unresolved("day")
    return from_interval(P.day(month.end if g.group("eo") == "اخر" else month.start))


def _amount(g: re.Match) -> tuple[str, int] | None:
    """(unit, signed count) of "بعد ذلك بأسبوعين" (negative before)."""
    units = lexicon().units
    if g.group("ou"):
        unit = key(units, g.group("ou"))[0]
        n_s = g.group("on")
        n = int(n_s) if n_s.isdigit() else word_number(n_s)
    else:
        unit, n = key(units, g.group("ou2"))
    if unit not in _UNIT_STEP or not n:
        return None
    return unit, (-int(n) if g.group("odir") == "قبل" else int(n))


def interp_anaphor(g: re.Match, ctx: Context) -> Hit | None:
    """The period after/before the previous date, the first/last day of its month, or the previous
    date moved by an amount; unresolved when the paragraph has no date to read it against, or its
    date is coarser than the step (a month is not moved by days) or not Gregorian."""
    found = _anchor(ctx, g.start())
    if g.group("eo"):
        return _month_day(g, found)
    if g.group("nu"):  # "الشهر الذي تلاه": a period of the word's granularity
        gran = _UNIT_WORDS[g.group("nu")[2:]]
        unit, n = _GRAN_UNIT[gran], -1 if g.group("nrel") in _BEFORE else 1
    else:  # "بعد ذلك بأسبوعين": the date itself, moved
        amount = _amount(g)
        if amount is None:
            return None
        (unit, n), gran = amount, ""
    if found is None:
        return _unresolved(gran or "day")
    iv, cal = found
    gran = gran or iv.granularity
    fine = _FINENESS.get(iv.granularity)
    if cal != "gregorian" or fine is None or gran not in _FINENESS:
        return _unresolved(gran if gran in UNRESOLVED else "day")
    if fine > _FINENESS[gran] or fine > _UNIT_FINENESS[unit]:
        return _unresolved(gran)
    return from_interval(_shift(iv.end if n > 0 else iv.start, gran, unit, n))
