"""Resolution: from a calendar :class:`Spec` or a period to a :class:`Hit` with its TIMEX3 value and
its interval, anchored on the publication date (see the documented choices in
:mod:`analysis.dates.families`)."""

from __future__ import annotations

import datetime as dt

from . import periods as P
from .hits import Hit, Spec
from .lexicon import lexicon

# The value of a period that cannot be resolved (no publication date), by granularity.
UNRESOLVED = {
    "day": "XXXX-XX-XX",
    "week": "XXXX-WXX",
    "month": "XXXX-XX",
    "year": "XXXX",
    "decade": "XXX",
    "century": "XX",
}


def year_calendar(y: int, suffix: str | None) -> str:
    """The calendar of year ``y``: its suffix's, else Hijri for 1340-1480 (Saudi usage)."""
    if suffix:
        return "hijri" if lexicon().year_suffixes.get(suffix) == "hijri" else "gregorian"
    return "hijri" if 1340 <= y <= 1480 else "gregorian"


def _unresolved_value(spec: Spec) -> str:
    y = f"{spec.year:04d}" if spec.year is not None else "XXXX"
    if spec.month is None:
        return y
    if spec.day is None:
        return f"{y}-{spec.month:02d}"
    return f"{y}-{spec.month:02d}-{spec.day:02d}"


def _interval(cal: str, y: int, m: int, day: int | None) -> P.Interval | None:
    """The day or month ``y-m(-day)`` of calendar ``cal`` (None if it does not exist)."""
    if cal == "hijri":
        return P.hijri_day(y, m, day) if day is not None else P.hijri_month(y, m)
    if day is not None:
        return P.day(dt.date(y, m, day)) if P.valid_day(y, m, day) else None
    return P.month(y, m)


def _nearest_year(spec: Spec, ref: dt.date, ry: int) -> int:
    """The year (around ``ry``) whose month or day ``spec`` lies nearest ``ref``, ties to the past.

    The distance is from the publication date to the period's interval (0 inside it).
    """
    best, best_key = ry, None
    for y in (ry - 1, ry, ry + 1):
        iv = _interval(spec.calendar, y, spec.month, spec.day)
        if iv is None:
            continue
        gap = max((iv.start - ref).days, (ref - iv.end).days, 0)
        k = (gap, y)  # ties: the earlier year
        if best_key is None or k < best_key:
            best, best_key = y, k
    return best


def resolve_spec(spec: Spec, ref: dt.date | None) -> Hit | None:
    """Resolve a calendar date spec against the publication date; None if it is not a date."""
    relative = spec.year is None
    hit = Hit(calendar=spec.calendar, relative=relative, mod=spec.mod, spec=spec)
    hit.year_inferred = spec.inferred and relative
    hit.granularity = "day" if spec.day else "month" if spec.month else "year"
    if spec.day is not None and not 1 <= spec.day <= (31 if spec.calendar == "gregorian" else 30):
        return None
    if spec.month is not None and not 1 <= spec.month <= 12:
        return None
    y, m = spec.year, spec.month
    if y is None and ref is not None:
        if spec.calendar == "gregorian":
            ry, rm = ref.year, ref.month
        else:
            h = P.gregorian_to_hijri(ref)
            ry, rm = (h[0], h[1]) if h else (None, None)
        if ry is not None:
            if spec.month_rel:
                y, m = P.add_months(ry, rm, spec.month_dir or 0)
            elif spec.year_dir is not None:
                y = ry + spec.year_dir
            elif m is not None and spec.month_dir == 4:
                y = _nearest_year(spec, ref, ry)
            elif m is not None:
                d = -2 if spec.month_dir is None else spec.month_dir
                y = P.nearest_month_year(m, ref_year=ry, ref_month=rm, direction=d)
            else:
                y = ry
    resolved_spec = Spec(spec.calendar, y, m, spec.day)
    if y is None or (spec.month_rel and m is None):
        hit.value = "" if spec.calendar == "hijri" else _unresolved_value(resolved_spec)
        if spec.calendar == "hijri":
            hit.hijri = _unresolved_value(resolved_spec)
        return hit
    # Keep the year found, so a range side or "الشهر نفسه" can borrow it.
    hit.spec = Spec(spec.calendar, y, m, spec.day, mod=spec.mod)
    iv: P.Interval | None
    if spec.calendar == "hijri":
        hit.hijri = _unresolved_value(resolved_spec)
        if spec.day is not None:
            iv = P.hijri_day(y, m, spec.day)
        elif m is not None:
            iv = P.hijri_month(y, m)
        else:
            iv = P.hijri_year(y)
        if iv is None:
            return hit
    else:
        if spec.day is not None:
            if not P.valid_day(y, m, spec.day):
                return None
            iv = P.day(dt.date(y, m, spec.day))
        elif m is not None:
            iv = P.month(y, m)
        else:
            if not 1 <= y <= 9989:
                return None
            iv = P.year(y)
    hit.value, hit.start, hit.end = iv.value, iv.start, iv.end
    return hit


def from_interval(
    iv: P.Interval | None, *, relative: bool = True, mod: str = "", unresolved: str = ""
) -> Hit:
    """The hit of a resolved period (``unresolved`` as its value when there is none)."""
    if iv is None:
        return Hit(value=unresolved, relative=relative, mod=mod, granularity="")
    return Hit(
        value=iv.value,
        granularity=iv.granularity,
        relative=relative,
        mod=mod,
        start=iv.start,
        end=iv.end,
    )


def narrowed(hit: Hit) -> tuple[dt.date | None, dt.date | None]:
    """The interval of ``hit`` narrowed to the third its START/MID/END modifier names.

    A lone «أواخر مارس» keeps the whole month (``mod`` tells the part, as TIMEX3 does); as the end
    of a range («حتى منتصف يوليو») the modifier places the boundary, so ranges narrow their sides.
    """
    if not hit.mod or hit.start is None or hit.end is None:
        return hit.start, hit.end
    sp = hit.spec
    hy = sp.year if sp is not None and sp.calendar == "hijri" and sp.month is None else None
    iv = P.part(P.Interval(hit.value, hit.granularity, hit.start, hit.end), hit.mod, hijri_year=hy)
    return iv.start, iv.end


def join(a: Hit, b: Hit) -> Hit:
    """The range from ``a`` to ``b`` (a modified side narrowed to its part, see :func:`narrowed`)."""
    value = f"{a.value}/{b.value}" if a.value and b.value else ""
    hit = Hit(
        value=value,
        granularity=a.granularity,
        calendar=a.calendar,
        relative=a.relative or b.relative,
    )
    if a.hijri or b.hijri:
        hit.hijri = f"{a.hijri}/{b.hijri}"
    start, end = narrowed(a)[0], narrowed(b)[1]
    if start is not None and end is not None and start <= end:
        hit.start, hit.end = start, end
    return hit


def period(gran: str, offset: int, ref: dt.date) -> P.Interval:
    """The period of granularity ``gran`` ``offset`` steps from ``ref`` (0: the current one)."""
    if gran == "week":
        return P.week(ref + dt.timedelta(weeks=offset))
    if gran == "month":
        return P.month(*P.add_months(ref.year, ref.month, offset))
    if gran == "year":
        return P.year(ref.year + offset)
    if gran == "decade":
        return P.decade((ref.year // 10 + offset) * 10)
    if gran == "century":
        return P.century(ref.year // 100 + offset)
    return P.day(ref + dt.timedelta(days=offset))
