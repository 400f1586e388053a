"""Calendar dates: day-month(-year) "10 أغسطس 2015", numeric "18/10/2024", month(-year) "مايو 2023",
"شهر 5/2015" and bare years "عام 2022"، "1436هـ"."""

from __future__ import annotations

import datetime as dt
import re

from .. import periods as P
from ..hits import Context, Hit, Spec
from ..lexicon import lexicon
from ..pieces import ART, YEAR_DIGITS, Pieces, year_group
from ..resolve import join, resolve_spec, year_calendar
from ..words import after_preposition, key, modifier, year_in_context

_DATE_SEP_RE = re.compile(r"[/.-]")
# A bare year read as Hijri more than this many years after the publication's Hijri year, with nothing
# looking ahead, is a Gregorian year of the past ("عام 1453"); plans name nearer years ("خطة 1440").
_HIJRI_AHEAD = 10


def _year_tail(p: Pieces) -> str:
    ytrig = rf"(?:(?:من\s+|في\s+)?{ART}?(?:عام|سنه)\s+)?"
    return (
        rf"(?:\s*[،,]?\s*{ytrig}{year_group(p)}"
        rf"|\s+(?:من\s+)?(?P<yrel>{ART}?(?:عام|سنه))\s+(?P<ydx>{p.dx})(?:\s+\d{{4}}(?:\s?(?:{p.ysuf}))?(?!\w))?"
        rf"|\s+(?P<mdx>{p.dx}))"
    )


def _month(p: Pieces) -> str:
    # "أيار (مايو)"، "أيار/مايو"، "سبتمبر أيلول": one month named in two systems.
    return rf"(?:(?P<mg>{p.mg})(?:(?:\s*[(/–-]\s*|\s+)(?P<mg2>{p.mg})\s*\)?)?|(?P<mh>{p.mh}))"


def weekday_prefix(p: Pieces) -> str:
    """An optional daypart, يوم and weekday before a date ("صباح يوم الخميس الموافق")."""
    return (
        rf"(?:(?P<dp>{p.dpn})\s+)?(?:(?P<yom>يوم)\s+)?(?:(?P<wd>{p.wd})\s*[،,]?\s*(?:الموافق\s+)?)?"
    )


def dmy_pattern(p: Pieces) -> str:
    """Day + month (+ year), or a day of the current month."""
    return (
        rf"{weekday_prefix(p)}(?:(?:ال\s?)?(?P<d>[0-3]?\d)(?!\d)|(?P<do>{p.ordm}))\s*(?:من\s+)?(?:(?P<shr>شهر)\s+)?"
        rf"(?:{_month(p)}|(?P<mrel>{ART}شهر)(?=\s+{p.dx})|(?P<msame>{ART}شهر\s+(?:نفسه|ذاته))"
        rf"|(?<=\d)(?=\s+(?:الجاري|الحالي)(?!\w))){_year_tail(p)}?"
    )


def mweek_pattern(p: Pieces) -> str:
    """The n-th week of a month: "الأسبوع الثاني من سبتمبر"."""
    return rf"{ART}اسبوع\s+(?P<wo>{p.ordm})\s+من\s+(?:(?P<shr>شهر)\s+)?{_month(p)}{_year_tail(p)}?"


def interp_mweek(g: re.Match, ctx: Context) -> Hit | None:
    """Week n of a month: its days 7n-6 to 7n (the fifth week: from the 29th to the month's end)."""
    n = key(lexicon().ordinals_m, g.group("wo"))
    mo = month_of(g)
    if mo is None or n is None or not 1 <= n <= 5:
        return None
    spec = Spec(calendar=mo[1], month=mo[0])
    if not _year_part(g, spec, month_cal=mo[1]):
        return None
    _default_month_dir(spec, ctx, g.start())
    hit = resolve_spec(spec, ctx.ref)
    if hit is None:
        return None
    hit.granularity = "week"
    if hit.start is None or hit.end is None:
        return hit
    a = hit.start + dt.timedelta(days=7 * (n - 1))
    if a > hit.end:
        return None
    b = min(a + dt.timedelta(days=6), hit.end)
    hit.value, hit.start, hit.end = f"{a.isoformat()}/{b.isoformat()}", a, b
    return hit


def my_pattern(p: Pieces) -> str:
    """Month (+ year, deictic or epithet), with a modifier."""
    return (
        rf"(?:(?P<mod>{p.mods})\s+(?:من\s+)?)?(?:(?P<shr>شهر)\s+)?{_month(p)}"
        rf"(?:{_year_tail(p)}|\s+(?P<holy>{p.month_epithets})(?!\w))?"
    )


def year_pattern(p: Pieces) -> str:
    """A year (or two consecutive ones) with its trigger noun, modifier and calendar mark."""
    return (
        rf"(?:(?P<mod>{p.mods})\s+(?:من\s+)?)?(?:(?P<yt>{ART}?(?:عام|سنه)|عامي)\s+)?"
        rf"(?<![\d.,/:-])(?P<y>{YEAR_DIGITS})(?!\d)(?:\s*[-–/]\s*(?P<y2>\d{{4}}|\d{{2}})(?!\d))?"
        rf"{p.not_amount}"
        rf"(?![.,/:]\d)(?!\s?%)(?:\s?(?P<ys>{p.ysuf})(?!\w))?"
    )


def nummy_pattern(p: Pieces) -> str:
    """A numeric month/year after "شهر"."""
    return (
        rf"(?:(?P<mod>{p.mods})\s+(?:من\s+)?)?(?P<shr>شهر)\s*(?P<mm>\d{{1,2}})\s?[/-]\s?"
        rf"(?P<y>\d{{4}})(?!\d)(?![./-]\d)(?:\s?(?P<ys>{p.ysuf})(?!\w))?"
    )


def num_pattern(p: Pieces) -> str:
    """A numeric date, day first or year first."""
    return (
        rf"{weekday_prefix(p)}(?<![\d./-])(?P<n1>\d{{1,4}})\s?[/.-]\s?(?P<n2>\d{{1,2}})\s?[/.-]\s?"
        rf"(?P<n3>\d{{1,4}})(?!\d)(?![./-]\d)(?:\s?(?P<ys>{p.ysuf})(?!\w))?"
    )


def month_of(g: re.Match) -> tuple[int, str] | None:
    """(month number, calendar) of the month groups; None if two names disagree."""
    lx = lexicon()
    mg2 = g.group("mg2") if "mg2" in g.re.groupindex else None
    if mg2 and key(lx.months, mg2).month != key(lx.months, g.group("mg")).month:
        return None
    for grp in ("mg", "mh"):
        form = g.group(grp) if grp in g.re.groupindex else None
        mo = key(lx.months, form)
        if mo is not None:
            return mo.month, mo.calendar
    return None


def _year_part(g: re.Match, spec: Spec, *, month_cal: str) -> bool:
    """Fill the year of ``spec`` from the year/deictic groups; False if the calendars clash."""
    lx = lexicon()
    if g.group("y"):
        suffix = g.group("ys")
        y = int(g.group("y"))
        ycal = year_calendar(y, suffix) if suffix or month_cal == "gregorian" else "hijri"
        if month_cal == "gregorian" and ycal == "hijri" and not suffix:
            ycal = "gregorian"
        if month_cal == "hijri" and spec.month is not None and 1900 <= y <= 2100 and suffix != "هـ":
            # "شعبان 2015"، "10 ذو القعدة 2015": the Hijri month that begins in that Gregorian year.
            hy = _hijri_year_of_month_in(spec.month, y)
            if hy is None:
                return False
            spec.year = hy
            return True
        if ycal != month_cal or (ycal == "gregorian" and not 1000 <= y <= 2100):
            return False
        spec.year = y
    elif g.group("ydx"):
        spec.year_dir = key(lx.deictics, g.group("ydx"))
    elif g.group("mdx"):
        spec.month_dir = key(lx.deictics, g.group("mdx"))
    return True


def _hijri_year_of_month_in(month: int, year: int) -> int | None:
    """The Hijri year whose month ``month`` begins in Gregorian ``year`` (the first, if two do)."""
    h = P.gregorian_to_hijri(dt.date(year, 1, 1))
    if h is None:
        return None
    for hy in (h[0], h[0] + 1):
        first = P.hijri_to_gregorian(hy, month, 1)
        if first is not None and first.year == year:
            return hy
    return None


def _default_month_dir(spec: Spec, ctx: Context, start: int) -> None:
    """A month with no year and no deictic: the last one (this month included) after a past verb or
    منذ, the next one after a future cue or an imperfect verb; with neither, the one nearest the
    publication date (``year_inferred``)."""
    if spec.year is None and spec.year_dir is None and spec.month_dir is None:
        t = ctx.tense_before(start)
        spec.month_dir = 2 if t > 0 else -2 if t < 0 else 4
        spec.inferred = t == 0  # no cue decided: the row says the year was guessed


def interp_dmy(g: re.Match, ctx: Context) -> Hit | None:
    """Day + month (+ year): "10 أغسطس 2015"، "الخامس من رمضان"، "العشرين من الشهر الجاري"."""
    lx = lexicon()
    day = int(g.group("d")) if g.group("d") else key(lx.ordinals_m, g.group("do"))
    if day is None or day < 1:
        return None
    if g.group("msame"):
        # "الثامن من الشهر نفسه": the month the article just named.
        if not ctx.last_month:
            return None
        cal, y, m = ctx.last_month[-1]
        return resolve_spec(Spec(calendar=cal, year=y, month=m, day=day), ctx.ref)
    if g.group("mrel") or not (g.group("mg") or g.group("mh")):
        # "العشرين من الشهر الجاري"، "يوم 17 الحالي": a day of the current (or named) month.
        spec = Spec(day=day, month_rel=True, month_dir=key(lx.deictics, g.group("mdx")))
        if spec.month_dir is None:
            return None
        return resolve_spec(spec, ctx.ref)
    mo = month_of(g)
    if mo is None:
        return None
    spec = Spec(calendar=mo[1], month=mo[0], day=day)
    if not _year_part(g, spec, month_cal=mo[1]):
        return None
    _default_month_dir(spec, ctx, g.start())
    return resolve_spec(spec, ctx.ref)


def interp_nummy(g: re.Match, ctx: Context) -> Hit | None:
    """Numeric month/year after "شهر": "نهاية شهر 5/2015"."""
    y = int(g.group("y"))
    cal = year_calendar(y, g.group("ys"))
    spec = Spec(calendar=cal, year=y, month=int(g.group("mm")), mod=modifier(g))
    return resolve_spec(spec, ctx.ref)


def interp_my(g: re.Match, ctx: Context) -> Hit | None:
    """Month (+ year or deictic): "مايو 2023"، "شهر رمضان"، "أغسطس الماضي"، "أيار (مايو) 2014"."""
    mo = month_of(g)
    if mo is None:
        return None
    month_no, cal = mo
    form = g.group("mg") or g.group("mh")
    entry = key(lexicon().months, form)
    has_tail = bool(g.group("y") or g.group("ydx") or g.group("mdx"))
    in_context = has_tail or g.group("shr") or g.group("holy") or g.group("mg2")
    # "في رمضان"، "نهاية رمضان": a name is not read after a time preposition or a modifier.
    named = entry.after_preposition and (g.group("mod") or after_preposition(ctx.text, g))
    if entry.ambiguous and not (in_context or named):
        return None
    spec = Spec(calendar=cal, month=month_no, mod=modifier(g))
    if not _year_part(g, spec, month_cal=cal):
        return None
    _default_month_dir(spec, ctx, g.start())
    return resolve_spec(spec, ctx.ref)


def year_hit(g: re.Match, ctx: Context) -> Hit | None:
    """A year already known to be one (a range side): "2010"، "1436هـ"."""
    y = int(g.group("y"))
    cal = year_calendar(y, g.group("ys"))
    if cal == "gregorian" and not 1000 <= y <= 2100:
        return None
    return resolve_spec(Spec(calendar=cal, year=y, mod=modifier(g)), ctx.ref)


def interp_year(g: re.Match, ctx: Context) -> Hit | None:
    """A year in date context: "عام 2022"، "2015م"، "1436هـ"، "في 2015"، "1436/1437هـ"."""
    y = int(g.group("y"))
    suffix = g.group("ys")
    mod = modifier(g)
    start = g.start("c")
    cal = year_calendar(y, suffix)
    if cal == "hijri" and not suffix and ctx.ref is not None and not ctx.future_before(start):
        # "فتح القسطنطينية عام 1453": read as Hijri it would be far ahead of the publication,
        # and nothing in the sentence looks ahead: a Gregorian year of the past.
        h = P.gregorian_to_hijri(ctx.ref)
        if h is not None and y > h[0] + _HIJRI_AHEAD:
            cal = "gregorian"
    if not (g.group("yt") or mod):
        # Without a trigger noun, a year needs a calendar mark, a preposition right before it or
        # an event name ending with it, and a plausible modern value ("1200م" is metres).
        if (not suffix or suffix == "م") and cal == "gregorian" and not 1800 <= y <= 2100:
            return None
        if not suffix and not year_in_context(ctx.text, start):
            return None
    if cal == "gregorian" and not 1000 <= y <= 2100:
        return None
    first = resolve_spec(Spec(calendar=cal, year=y, mod=mod), ctx.ref)
    if first is None or not g.group("y2"):
        return first
    y2s = g.group("y2")
    y2 = int(y2s) if len(y2s) == 4 else (y // 100) * 100 + int(y2s)
    if y2 != y + 1:
        return None
    second = resolve_spec(Spec(calendar=cal, year=y2), ctx.ref)
    return join(first, second)


def interp_num(g: re.Match, ctx: Context) -> Hit | None:
    """Numeric dates: 18/10/2024، 2024-10-18، 18.10.2024، 1436/10/25هـ."""
    n1, n2, n3 = g.group("n1"), int(g.group("n2")), g.group("n3")
    if len(n1) == 4 and len(n3) <= 2:
        y, m, d = int(n1), n2, int(n3)
    elif len(n3) == 4 and len(n1) <= 2:
        y, m, d = int(n3), n2, int(n1)
    else:
        return None
    sep = _DATE_SEP_RE.findall(g.string[g.end("n1") : g.start("n3")])
    if len(sep) == 2 and sep[0] != sep[1]:
        return None
    cal = year_calendar(y, g.group("ys"))
    if cal == "gregorian" and not 1900 <= y <= 2100:
        return None
    hit = resolve_spec(Spec(calendar=cal, year=y, month=m, day=d), ctx.ref)
    wd = _weekday_before(g, ctx)
    if (
        wd is not None
        and d <= 12
        and (hit is None or hit.start is None or hit.start.isoweekday() != wd)
    ):
        # "الاثنين الموافق 10/4/1436هـ": month first; the weekday named before it tells.
        swapped = resolve_spec(Spec(calendar=cal, year=y, month=d, day=m), ctx.ref)
        if swapped is not None and swapped.start is not None and swapped.start.isoweekday() == wd:
            return swapped
    return hit


_WEEKDAY_BEFORE_RE = re.compile(r"(\w+)\s*[،,]?\s*(?:الموافق\s+)?$")


def _weekday_before(g: re.Match, ctx: Context) -> int | None:
    """The ISO weekday named just before a numeric date, in the match or the text before it."""
    lx = lexicon()
    wd = g.group("wd")
    if not wd:
        m = _WEEKDAY_BEFORE_RE.search(ctx.text, max(0, g.start() - 40), g.start())
        wd = m.group(1) if m else None
    entry = lx.weekdays.get(wd) if wd else None
    return entry[0] if entry else None
