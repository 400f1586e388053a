"""Amounts of time: durations "ثلاثة أيام"، "عامين", offsets from the publication date "قبل ثلاثة
أيام"، "منذ مئة وعامين", and recurring times "يوميا"، "كل خميس"."""

from __future__ import annotations

import datetime as dt
import re

from .. import periods as P
from ..hits import Context, Hit
from ..lexicon import lexicon
from ..pieces import ART, Pieces
from ..resolve import UNRESOLVED, from_interval
from ..words import as_definite, key, next_word, prev_word, strip_article, word_number

# Units from the longest to the shortest, for "ثلاثة أعوام وشهرين" (the second one must be shorter).
_UNIT_ORDER = ("CE", "DE", "Y", "M", "W", "D", "H", "MI")
_UNIT_GRANULARITY = {
    "D": "day",
    "W": "week",
    "M": "month",
    "Y": "year",
    "DE": "decade",
    "CE": "century",
    "H": "hour",
    "MI": "minute",
}


def duration_pattern(p: Pieces) -> str:
    """A number (in digits or words, definite or not) and a unit, a dual, or two units."""
    return (
        rf"(?:(?P<ap>{p.approx})\s+)?(?:(?P<dn>{p.numw_def})\s+(?P<du>{p.units_def})\s+(?P<dx>{p.dx})"
        rf"|(?P<dn2>{p.numw_def})\s+(?P<du2>{p.units_plural})"
        rf"|(?P<dd>{p.dual_def})\s+(?P<ddx>{p.dx})"
        # "مئة وعامين": a number and a dual, 102 years.
        rf"|(?P<nd>{p.numw})\s+و\s*(?P<ud>{p.units_dual})"
        rf"|(?<![\d.,])(?:ال\s?)?(?P<n>\d+(?:[.,]\d+)?(?=\s|[^\W\d])|{p.numw}|{p.numw_def})\s*(?P<u>{p.units})"
        # "ونصف السنة"; not "ونصف اليوم", where اليوم is today. "ثلاثة أعوام وشهرين": two units.
        rf"(?:\s+(?P<half>ونصف)(?!\w)(?:\s+{ART}?(?:سنه|عام|شهر|ساعه)(?!\w))?"
        rf"|\s+و\s*(?P<u4>{p.units_more}))?"
        rf"|(?P<u2>{p.units_dual})(?:\s+و\s*(?P<u5>{p.units_more}))?|(?P<u3>{p.units_one})\s+(?P<one>{p.whole_units}|ونصف)(?!\w)"
        rf"(?:\s+{ART}?{p.units_one})?)"
    )


def offset_pattern(p: Pieces) -> str:
    """قبل/منذ/بعد and an amount of calendar time (not followed by a date)."""
    return (
        rf"(?P<dir>قبل|منذ|بعد)\s+(?:(?P<ap>{p.approx})\s+)?"
        rf"(?:(?P<nd>{p.numw})\s+و\s*(?P<ud>{p.units_dual})"
        rf"|(?:(?P<n>\d+|{p.numw})\s+(?P<u>{p.units})|(?P<u2>{p.units_dual}|{p.units_one}))"
        rf"(?:\s+(?P<half>ونصف)(?!\w)(?:\s+{ART}?(?:سنه|عام|شهر)(?!\w))?"
        rf"|\s+و\s*(?P<u4>{p.units_more_cal}))?)"
        rf"(?!\s+(?:\d|{p.mg}|{p.mh}))"
    )


def set_pattern(p: Pieces) -> str:
    """A recurrence word, or كل and a weekday."""
    return rf"(?P<set>{p.sets})|كل\s+(?P<swd>{p.wd})"


def _offset_shape(parts: dict[str, float]) -> tuple[int, int, str]:
    """(months, days, granularity) of an offset with a half or two units.

    A half ("ثلاثة أعوام ونصف") is counted in a finer unit: five years of a decade, six months of
    a year, fifteen days of a month, three days of a week, nothing of a day. The interval given is
    the year for decades (and whole years), the month for years, the week for months and weeks,
    the day for days.
    """
    months = days = 0
    for unit, n in parts.items():
        whole, half = int(n), n != int(n)
        if unit == "DE":
            months += 120 * whole + 60 * half
        elif unit == "Y":
            months += 12 * whole + 6 * half
        elif unit == "M":
            months += whole
            days += 15 * half
        elif unit == "W":
            days += 7 * whole + 3 * half
        else:
            days += whole
    finest = [u for u in _UNIT_ORDER if u in parts][-1]
    if finest == "DE" or (finest == "Y" and not any(n != int(n) for n in parts.values())):
        return months, days, "year"
    if finest in ("Y", "M") and not days:
        return months, days, "month"
    return months, days, "week" if finest in ("M", "W") else "day"


def _offset_interval(parts: dict[str, float], sign: int, ref: dt.date) -> P.Interval | None:
    """The period ``parts`` before (sign -1) or after (+1) ``ref``; None outside years 1-9989."""
    months, days, gran = _offset_shape(parts)
    y, m = P.add_months(ref.year, ref.month, sign * months)
    if not 1 <= y <= 9989 or days > 3_000_000:
        return None
    d = dt.date(y, m, min(ref.day, P.month(y, m).end.day)) + dt.timedelta(days=sign * days)
    if not 1 <= d.year <= 9989:
        return None
    if gran == "year":
        return P.year(d.year)
    if gran == "month":
        return P.month(d.year, d.month)
    return P.week(d) if gran == "week" else P.day(d)


def interp_offset(g: re.Match, ctx: Context) -> Hit | None:
    """Offsets from the publication date: "قبل ثلاثة أيام"، "منذ عامين"، "منذ مئة وعامين"."""
    parts = _amounts(g)
    if parts is None:
        return None
    n, unit = _amount(g)
    if unit not in ("D", "W", "M", "Y", "DE", "CE"):
        return None
    if len(parts) == 1 and n != int(n) and not g.group("half"):
        return None
    direction = g.group("dir")
    if direction != "منذ" and next_word(ctx.text, g.end("c")) in ("من", "علي", "على"):
        return None
    start = g.start("c")
    if direction == "بعد":
        # "عاما بعد عام" is an idiom; "بعد عقد" in a story is counted from the story's own
        # events, so long offsets after بعد need a future cue to be read from publication.
        if as_definite(prev_word(ctx.text, start)) in lexicon().units:
            return None
        if unit not in ("D", "W", "M") and not ctx.future_before(start):
            return None
    sign = 1 if direction == "بعد" else -1
    gran = _UNIT_GRANULARITY
    mod = _amount_mod(g)
    if len(parts) > 1 or g.group("half"):
        if unit == "CE":
            return None
        if ctx.ref is None:
            shape = _offset_shape(parts)[2]
            return Hit(value=UNRESOLVED[shape], granularity=shape, relative=True, mod=mod)
        iv = _offset_interval(parts, sign, ctx.ref)
        return None if iv is None else from_interval(iv, mod=mod)
    if ctx.ref is None:
        return Hit(value=UNRESOLVED[gran[unit]], granularity=gran[unit], relative=True, mod=mod)
    k = sign * int(n)
    if unit == "D":
        iv = P.day(ctx.ref + dt.timedelta(days=k))
    elif unit == "W":
        iv = P.week(ctx.ref + dt.timedelta(weeks=k))
    elif unit == "M":
        iv = P.month(*P.add_months(ctx.ref.year, ctx.ref.month, k))
    else:
        step = {"Y": 1, "DE": 10, "CE": 100}[unit]
        y = ctx.ref.year + k * step
        if not 1 <= y <= 9989:
            return None
        iv = P.year(y) if unit == "Y" else P.decade(y // 10 * 10) if unit == "DE" else None
        if iv is None:
            iv = P.century(y // 100)
    return from_interval(iv, mod=mod)


def _number(s: str) -> float | None:
    s = " ".join(s.split())
    if s[0].isdigit():
        return float(s.replace(",", "."))
    v = word_number(s)
    return None if v is None else float(v)


def _amount(g: re.Match) -> tuple[float | None, str]:
    units = lexicon().units
    if "dn" in g.re.groupindex and g.group("dn"):
        unit, _ = units[strip_article(g.group("du"))]
        return _number(strip_article(g.group("dn"))), unit
    if "dn2" in g.re.groupindex and g.group("dn2"):
        unit, _ = units[g.group("du2")]
        return _number(strip_article(g.group("dn2"))), unit
    if g.group("nd"):
        unit, count = units[g.group("ud")]
        n = _number(g.group("nd"))
        return (None if n is None else n + count), unit
    if "dd" in g.re.groupindex and g.group("dd"):
        unit, count = units[strip_article(g.group("dd"))]
        return float(count), unit
    if g.group("u"):
        unit, _ = key(units, g.group("u"))
        n = _number(g.group("n"))
        if n is not None and "half" in g.re.groupindex and g.group("half"):
            n += 0.5
        return n, unit
    form = g.group("u2") or (g.group("u3") if "u3" in g.re.groupindex else None)
    unit, count = key(units, form)
    if ("one" in g.re.groupindex and g.group("one") == "ونصف") or g.group("half"):
        return count + 0.5, unit
    return float(count), unit


def _amounts(g: re.Match) -> dict[str, float] | None:
    """Amount per unit of a duration or offset match ("ثلاثة أعوام وشهرين" -> Y 3, M 2)."""
    n, unit = _amount(g)
    if n is None or n <= 0:
        return None
    parts = {unit: n}
    second = g.group("u4") or ("u5" in g.re.groupindex and g.group("u5"))
    if second:
        unit2, count2 = key(lexicon().units, second)
        if _UNIT_ORDER.index(unit2) <= _UNIT_ORDER.index(unit) or n != int(n):
            return None
        parts[unit2] = float(count2)
    return parts


def _duration_value(parts: dict[str, float]) -> str:
    """TIMEX3 duration: P3Y2M, PT48H, P3DT2H (clock units after "T", where the minute is "M")."""
    date, clock = "", ""
    for unit in _UNIT_ORDER:
        if unit in parts:
            n = parts[unit]
            num = str(int(n)) if n == int(n) else f"{n:f}".rstrip("0")  # no exponent
            if unit in ("H", "MI"):
                clock += f"{num}{unit[0]}"
            else:
                date += f"{num}{unit}"
    return "P" + date + (f"T{clock}" if clock else "")


def interp_duration(g: re.Match, ctx: Context) -> Hit | None:
    """Durations: "ثلاثة أيام"، "20 سنة"، "عامين"، "48 ساعة"، "مئة وعامين" (never on a timeline)."""
    parts = _amounts(g)
    if parts is None:
        return None
    smallest = [u for u in _UNIT_ORDER if u in parts][-1]
    return Hit(
        type="DURATION",
        value=_duration_value(parts),
        granularity=_UNIT_GRANULARITY[smallest],
        mod=_amount_mod(g),
    )


def _amount_mod(g: re.Match) -> str:
    """The mod of an amount's qualifier: APPROX (نحو), MORE_THAN (أكثر من), LESS_THAN (أقل من)."""
    return key(lexicon().modifiers, g.group("ap")) or "" if g.group("ap") else ""


def interp_set(g: re.Match, ctx: Context) -> Hit | None:
    """Recurring times: "يوميا"، "كل عام"، "كل خميس"."""
    if g.group("set"):
        value = key(lexicon().sets, g.group("set"))
        gran = {"D": "day", "W": "week", "M": "month", "Y": "year", "H": "hour"}[value[-1]]
        return Hit(type="SET", value=value, granularity=gran)
    w, _ = key(lexicon().weekdays, g.group("swd"))
    return Hit(type="SET", value=f"XXXX-WXX-{w}", granularity="day")
