"""Calendar arithmetic: intervals with TIMEX3 values, offsets, and Hijri (Umm al-Qura) conversion."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from hijridate import Gregorian, Hijri


@dataclass(frozen=True, slots=True)
class Interval:
    """A resolved period: TIMEX3 value, granularity and inclusive first/last day."""

    value: str
    granularity: str
    start: dt.date
    end: dt.date


def day(d: dt.date) -> Interval:
    """The single day ``d``."""
    return Interval(d.isoformat(), "day", d, d)


def week(d: dt.date) -> Interval:
    """The ISO week (Monday to Sunday) containing ``d``."""
    y, w, wd = d.isocalendar()
    start = d - dt.timedelta(days=wd - 1)
    return Interval(f"{y:04d}-W{w:02d}", "week", start, start + dt.timedelta(days=6))


def month(y: int, m: int) -> Interval:
    """Gregorian month ``m`` of year ``y``."""
    last = calendar.monthrange(y, m)[1]
    return Interval(f"{y:04d}-{m:02d}", "month", dt.date(y, m, 1), dt.date(y, m, last))


def quarter(y: int, q: int) -> Interval:
    """Quarter ``q`` (1-4) of year ``y``."""
    a, b = month(y, 3 * q - 2), month(y, 3 * q)
    return Interval(f"{y:04d}-Q{q}", "quarter", a.start, b.end)


def half(y: int, h: int) -> Interval:
    """Half ``h`` (1-2) of year ``y``."""
    a, b = month(y, 6 * h - 5), month(y, 6 * h)
    return Interval(f"{y:04d}-H{h}", "half", a.start, b.end)


def year(y: int) -> Interval:
    """Gregorian year ``y``."""
    return Interval(f"{y:04d}", "year", dt.date(y, 1, 1), dt.date(y, 12, 31))


def decade(first: int) -> Interval:
    """The decade starting with year ``first`` (1980 -> 198X)."""
    return Interval(f"{first // 10}X", "decade", dt.date(first, 1, 1), dt.date(first + 9, 12, 31))


def century(c: int) -> Interval:
    """TIMEX3 century ``c`` (19 = the years 1900-1999, "the twentieth century")."""
    first = dt.date(max(1, c * 100), 1, 1)  # there is no year 0
    return Interval(f"{c:02d}", "century", first, dt.date(c * 100 + 99, 12, 31))


def span(a: Interval, b: Interval) -> Interval:
    """The range from the start of ``a`` to the end of ``b``."""
    return Interval(f"{a.value}/{b.value}", a.granularity, a.start, b.end)


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    """(year, month) ``k`` months after ``y-m``."""
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def valid_day(y: int, m: int, d: int) -> bool:
    """True if ``y-m-d`` is a Gregorian date within 1-9999."""
    return 1 <= y <= 9999 and 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


def nearest_month_year(month_no: int, *, ref_year: int, ref_month: int, direction: int) -> int:
    """Year of the occurrence of ``month_no`` relative to the reference month ``ref_year-ref_month``.

    ``direction`` -1: the last one strictly before; -2: the last one, the reference month included;
    +1: the next one strictly after; +2: the next one, the reference month included; 3: the nearest
    one (six months back to five ahead); 0: this year.
    """
    diff = month_no - ref_month
    if direction == -1:
        return ref_year if diff < 0 else ref_year - 1
    if direction == -2:
        return ref_year if diff <= 0 else ref_year - 1
    if direction == 1:
        return ref_year if diff > 0 else ref_year + 1
    if direction == 2:
        return ref_year if diff >= 0 else ref_year + 1
    if direction == 3:  # the nearest one: six months back to five ahead
        return ref_year - 1 if diff > 5 else ref_year + 1 if diff < -6 else ref_year
    return ref_year


# --- Hijri (Umm al-Qura, via hijridate; valid for 1343-1500 AH) -------------------------------


@lru_cache(maxsize=4096)
def hijri_to_gregorian(y: int, m: int, d: int) -> dt.date | None:
    """Gregorian date of Hijri ``y-m-d``; None outside the Umm al-Qura table or if invalid."""
    try:
        return dt.date(*Hijri(y, m, d).to_gregorian().datetuple())
    except (ValueError, OverflowError):
        return None


@lru_cache(maxsize=4096)
def hijri_month_length(y: int, m: int) -> int | None:
    """Days in Hijri month ``y-m``; None outside the table."""
    try:
        return Hijri(y, m, 1).month_length()
    except (ValueError, OverflowError):
        return None


@lru_cache(maxsize=4096)
def gregorian_to_hijri(d: dt.date) -> tuple[int, int, int] | None:
    """Hijri (year, month, day) of ``d``; None outside the table."""
    try:
        h = Gregorian(d.year, d.month, d.day).to_hijri()
    except (ValueError, OverflowError):
        return None
    return h.year, h.month, h.day


def _range_value(a: dt.date, b: dt.date) -> str:
    return f"{a.isoformat()}/{b.isoformat()}"


def hijri_day(y: int, m: int, d: int) -> Interval | None:
    """The Gregorian day of a Hijri date."""
    g = hijri_to_gregorian(y, m, d)
    return None if g is None else day(g)


def hijri_month(y: int, m: int) -> Interval | None:
    """A Hijri month as a Gregorian interval (value ``first/last``)."""
    n = hijri_month_length(y, m)
    a = hijri_to_gregorian(y, m, 1)
    if n is None or a is None:
        return None
    b = a + dt.timedelta(days=n - 1)
    return Interval(_range_value(a, b), "month", a, b)


def hijri_year(y: int) -> Interval | None:
    """A Hijri year as a Gregorian interval (value ``first/last``)."""
    a = hijri_to_gregorian(y, 1, 1)
    n = hijri_month_length(y, 12)
    z = hijri_to_gregorian(y, 12, 1)
    if a is None or z is None or n is None:
        return None
    b = z + dt.timedelta(days=n - 1)
    return Interval(_range_value(a, b), "year", a, b)


# --- modifiers --------------------------------------------------------------------------------

_THIRDS = {"START": 0, "MID": 1, "END": 2}


def part(iv: Interval, mod: str, *, hijri_year: int | None = None) -> Interval:
    """The first, middle or last third of a month or a year for ``mod`` START / MID / END.

    A month (Gregorian or Hijri, whose interval starts on its first day) splits into days 1-10,
    11-20 and 21-last, the Arabic أوائل/أواسط/أواخر الشهر (العشر الأوائل/الأواسط/الأواخر); a year
    into months 1-4, 5-8 and 9-12 (Hijri months for a Hijri year: give ``hijri_year``). Any other
    period or mod keeps ``iv``; the value (the whole period) is kept as TIMEX3 does with its mod.
    """
    k = _THIRDS.get(mod)
    if k is None or iv.granularity not in ("month", "year"):
        return iv
    if iv.granularity == "month":
        a = iv.start + dt.timedelta(days=10 * k)
        b = iv.end if k == 2 else iv.start + dt.timedelta(days=10 * k + 9)
    elif hijri_year is None:
        a = dt.date(iv.start.year, 4 * k + 1, 1)
        b = month(iv.start.year, 4 * k + 4).end
    else:
        a = hijri_to_gregorian(hijri_year, 4 * k + 1, 1)
        nxt = None if k == 2 else hijri_to_gregorian(hijri_year, 4 * k + 5, 1)
        if a is None or (k < 2 and nxt is None):
            return iv
        b = iv.end if nxt is None else nxt - dt.timedelta(days=1)
    return Interval(iv.value, iv.granularity, a, b)
