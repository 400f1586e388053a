"""Ranges: two dates joined by بين/من ... و/إلى/حتى, or two day numbers and a dash ("بين مايو 2023
ومارس 2024"، "من 4 الى 6 أغسطس"، "17 - 23 شوال 1436هـ"). A side is parsed with the calendar-date
and relative-day families."""

from __future__ import annotations

import re
from functools import lru_cache

from ..hits import Context, Hit, Interpreter, Spec, sub_context
from ..lexicon import lexicon
from ..pieces import Builder, Pieces, ungroup, whole
from ..resolve import join, resolve_spec
from ..words import modifier
from .days import (
    dmy_pattern,
    interp_dmy,
    interp_my,
    interp_num,
    month_of,
    my_pattern,
    num_pattern,
    year_hit,
    year_pattern,
)
from .relative import dayrel_pattern, interp_dayrel

# Dual nouns that open a range or list of two: "بين شهري مايو ويونيو"، "يومي 12 و13 سبتمبر".
_DUALS = "يومي|شهري|عامي"

# Without بين/من, شهري/عامي open one expression only when the second side ends with what both share,
# a year or a deictic ("شهري مايو ويونيو الماضيين"); "لشهري مايو ويونيو" lists two months.
_SHARED_TAIL_RE = re.compile(r"(?:\d{4}\S*|\S*(?:ماضي|مقبل|جاري|حالي|قادم)\S*)$")

# The families a side is parsed with, in the order they are tried (full match).
_SIDES: tuple[tuple[str, Builder, Interpreter], ...] = (
    ("dmy", dmy_pattern, interp_dmy),
    ("num", num_pattern, interp_num),
    ("my", my_pattern, interp_my),
    ("year", year_pattern, year_hit),
    ("dayrel", dayrel_pattern, interp_dayrel),
)


def range_pattern(p: Pieces) -> str:
    """Two sides (a date, a day number or an ordinal) and the words joining them."""
    sides = (*(builder(p) for _, builder, _ in _SIDES), p.ordm, r"[0-3]?\d(?!\d)")
    side = "|".join(ungroup(x) for x in sides)
    return (
        rf"(?:(?:(?P<rb>بين|من|منذ)\s+(?:(?:يوم|الفتره|{_DUALS})\s+)?|(?P<dual>{_DUALS})\s+)(?P<a>{side})"
        rf"(?:\s*[-–]\s*|\s+و\s*|\s+(?:و\s*)?(?:الي|حتي|لغايه)\s+)"
        # "17 - 23 شوال 1436هـ": two day numbers and a dash, no preposition.
        rf"|(?<![\d/.-])(?P<a2>[0-3]?\d)(?!\d)\s*[-–]\s*(?=[0-3]?\d\s*(?:من\s+)?(?:{p.mg}|{p.mh}))"
        # "مارس - أبريل 2014": two months and a dash (the same month twice is one month, see days).
        rf"|(?P<a3>{p.mg})\s*[-–]\s*(?={p.mg}))"
        rf"(?P<b>{side})"
    )


@lru_cache(maxsize=1)
def side_patterns() -> tuple[re.Pattern[str], ...]:
    """The compiled side families (compiled once, with the scanner)."""
    return tuple(whole(builder) for _, builder, _ in _SIDES)


def _side(s: str, ctx: Context, *, partial: bool = True) -> Hit | Spec | None:
    """Parse one side of a range; on the first side a bare day ("4") or month gives a partial Spec
    that borrows the rest from the second side."""
    lx = lexicon()
    s = " ".join(s.split())
    ctx = sub_context(s, ctx)
    if s.isdigit() and len(s) <= 2:
        return Spec(day=int(s))
    if s in lx.ordinals_m:
        return Spec(day=lx.ordinals_m[s])
    for (name, _, interpret), rx in zip(_SIDES, side_patterns(), strict=True):
        m = rx.fullmatch(s)
        if not m:
            continue
        if name == "my" and partial:
            mo = month_of(m)
            if mo and not (m.group("y") or m.group("ydx") or m.group("mdx")):
                return Spec(calendar=mo[1], month=mo[0], mod=modifier(m))
        return interpret(m, ctx)
    return None


def interp_range(g: re.Match, ctx: Context) -> Hit | None:
    """Ranges: "بين مايو 2023 ومارس 2024"، "من 4 الى 6 أغسطس"، "من 2010 حتى 2015"."""
    b = _side(g.group("b"), ctx, partial=False)
    if not isinstance(b, Hit) or b.type != "DATE":
        return None
    dual = g.group("dual")
    if dual and dual != "يومي" and not _SHARED_TAIL_RE.search(g.group("b")):
        return None  # "لشهري مايو ويونيو": a list of two whole months, two expressions
    a = _side(g.group("a") or g.group("a2") or g.group("a3"), ctx)
    if isinstance(a, Spec):
        bs = b.spec
        if bs is None:
            return None
        if a.day is not None and bs.day is None:
            return None
        if a.day is None and a.month == bs.month and bs.day is None:
            return None  # "مارس - آذار 2010": one month named twice, not a range
        filled = Spec(
            calendar=bs.calendar,
            year=bs.year,
            month=a.month if a.month is not None else bs.month,
            day=a.day,
            year_dir=bs.year_dir,
            month_dir=bs.month_dir,
            month_rel=bs.month_rel,
            mod=a.mod,
        )
        if a.month is not None and a.calendar != bs.calendar:
            return None
        if a.month is not None and filled.year is None and bs.year_dir is None:
            filled.month_dir = None
        a = resolve_spec(filled, ctx.ref)
    if not isinstance(a, Hit) or a.type != "DATE":
        return None
    if a.start is not None and b.end is not None and a.start > b.end:
        return None
    return join(a, b)
