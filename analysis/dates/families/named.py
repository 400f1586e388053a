"""Named periods: quarters and halves "الربع الأول من العام", decades "الثمانينيات", centuries "القرن
العشرين" and holidays "عيد الفطر"، "رأس السنة الهجرية 1437هـ"."""

from __future__ import annotations

import datetime as dt
import re

from .. import periods as P
from ..hits import Context, Hit
from ..lexicon import Holiday, lexicon
from ..pieces import ART, Pieces, year_group
from ..resolve import from_interval, year_calendar
from ..words import int_digits, key, modifier, next_word


def quarter_pattern(p: Pieces) -> str:
    """الربع/النصف and its ordinal, of a year (deictic or in digits)."""
    return (
        rf"(?P<qh>{p.year_parts})\s+(?P<qo>{p.year_part_ordinals})(?!\w)\s*"
        rf"(?:(?:من\s+)?(?:(?:هذا|هذه)\s+)?(?:(?P<qy>ل?{ART}?(?:عام|سنه))(?:\s+(?:{year_group(p)}|(?P<qdx>{p.dx})))?|{year_group(p, 'q')})"
        # bare: not "النصف الأول من المباراة" (a part of something else)
        rf"|(?P<qbare>(?!\s+من\s)))"
    )


def months_pattern(p: Pieces) -> str:
    """ "الأشهر الخمسة الأولى من العام الحالي"، "الشهور الثلاثة الأخيرة من 2014"."""
    return (
        rf"{ART}(?:اشهر|شهور)\s+(?P<fn>{p.numw_def})\s+(?P<fo>الاولي|الاخيره)\s+(?:من\s+)?"
        rf"(?:(?:هذا|هذه)\s+)?(?:{ART}?(?:عام|سنه)(?:\s+(?:{year_group(p)}|(?P<fdx>{p.dx})))?"
        rf"|{year_group(p, 'f')})"
    )


def interp_months(g: re.Match, ctx: Context) -> Hit | None:
    """The first or last n months of a year, one interval."""
    lx = lexicon()
    n = lx.numbers.get(g.group("fn")[2:], (0, ""))[0]
    y_s = g.group("y") or g.group("yf")
    if not 1 <= n <= 11 or (
        y_s and year_calendar(int(y_s), g.group("ys") or g.group("ysf")) != "gregorian"
    ):
        return None
    if y_s:
        y = int(y_s)
    elif ctx.ref is None:
        return Hit(value="", relative=True)
    else:
        y = ctx.ref.year + (key(lx.deictics, g.group("fdx")) if g.group("fdx") else 0)
    first, last = (1, n) if g.group("fo") == "الاولي" else (13 - n, 12)
    return from_interval(P.span(P.month(y, first), P.month(y, last)), relative=not y_s)


def same_pattern(p: Pieces) -> str:
    """ "الفترة نفسها من العام الماضي"، "الربع المماثل من العام السابق"، "الفترة ذاتها"."""
    return (
        rf"(?:{ART}(?:فتره|مده|شهر|ربع|نصف|اسبوع|اشهر|شهور)\s+(?:نفسها|ذاتها|نفسه|ذاته|المماثله|المماثل)"
        rf"|(?:نفس|ذات)\s+{ART}(?:فتره|مده))"
        rf"(?:\s+من\s+{ART}?(?:عام|سنه)\s+(?P<adx>{p.dx}))?"
    )


def decade_pattern(p: Pieces) -> str:
    """A decade word, of a century."""
    return (
        rf"(?:(?P<mod>{p.mods})\s+(?:من\s+)?)?(?P<dec>{p.dec})(?:\s+(?:من\s+)?{ART}قرن\s+"
        rf"(?P<dc>{p.ordm}|ال\s?\d{{1,2}}(?!\d)|\d{{1,2}}(?!\d)|{p.dx}))?"
    )


def century_pattern(p: Pieces) -> str:
    """القرن and its ordinal or number."""
    return (
        rf"(?:(?P<mod>{p.mods})\s+)?{ART}قرن\s+"
        rf"(?P<cn>{p.ordm}|ال\s?\d{{1,2}}(?!\d)|\d{{1,2}}(?!\d))"
    )


def holiday_pattern(p: Pieces) -> str:
    """ "ثالث أيام عيد الفطر المبارك"، "عشية عيد الأضحى"، "أيام عيد الفطر الثلاثة"، "عيد الأضحى
    المقبل"، "رأس السنة الهجرية 1437هـ"."""
    return (
        rf"(?:(?P<hn>{p.holiday_days})\s+(?:ايام|يوم)\s+|(?P<eve>عشيه)\s+|(?P<hdays>ايام)\s+)?"
        # A bare "العيد" (not "العيد الوطني": an adjective other than an epithet or deictic).
        rf"(?:(?P<hol>{p.hol})|(?P<eid>{ART}عيد)(?!\s+(?!(?:{p.holiday_epithets}|{p.dx})(?!\w))ال))"
        rf"(?:\s+(?P<holy>{p.holiday_epithets})(?!\w))?"
        rf"(?(hdays)\s+(?P<hcount>{p.numw_def}))"
        rf"(?:\s+(?P<hdx>{p.dx})|\s*[،,]?\s*(?:ل?{ART}?(?:عام|سنه)\s+)?{year_group(p)})?"
    )


def interp_quarter(g: re.Match, ctx: Context) -> Hit | None:
    """Quarters and halves: "الربع الأول من العام"، "النصف الثاني من 2015"."""
    lx = lexicon()
    n = lx.year_part_ordinals[g.group("qo")]
    is_half = lx.year_parts[g.group("qh")] == "H"
    if (is_half and n > 2) or (n == 0 and g.group("qbare") is not None):
        return None  # a bare "الربع الأخير" is the latest quarter as often as the year's fourth
    n = n or (2 if is_half else 4)
    y_s = g.group("y") or g.group("yq")
    relative = y_s is None
    if y_s:
        y = int(y_s)
        suffix = g.group("ys") or g.group("ysq")
        if year_calendar(y, suffix) != "gregorian":
            return None
    elif ctx.ref is None:
        return Hit(value="XXXX-" + ("H" if is_half else "Q") + str(n), relative=True)
    elif g.group("qbare") is not None:
        y, guessed = _bare_part_year(ctx, is_half=is_half, n=n)
        hit = from_interval(P.half(y, n) if is_half else P.quarter(y, n))
        hit.year_inferred = guessed
        return hit
    else:
        off = key(lx.deictics, g.group("qdx")) if g.group("qdx") else 0
        y = ctx.ref.year + off
    iv = P.half(y, n) if is_half else P.quarter(y, n)
    return from_interval(iv, relative=relative)


def _bare_part_year(ctx: Context, *, is_half: bool, n: int) -> tuple[int, bool]:
    """(year, guessed) of a bare "النصف الأول": that of the last half or quarter in the document,
    else (a guess) the year of the last such part begun by the publication date."""
    for start, _, gran in reversed(ctx.periods):
        if gran in ("half", "quarter"):
            return start.year, False
    y = ctx.ref.year
    first = (P.half(y, n) if is_half else P.quarter(y, n)).start
    return (y if first <= ctx.ref else y - 1), True


def _shift_years(d: dt.date, years: int) -> dt.date:
    return d.replace(year=d.year + years, day=min(d.day, 28 if d.month == 2 else d.day))


def interp_same(g: re.Match, ctx: Context) -> Hit | None:
    """An anaphoric period: the last period of the document, moved to the year a deictic names
    ("من العام الماضي"); not an expression when there is no such period (nothing is invented)."""
    if not ctx.periods or ctx.ref is None:
        return None
    start, end, gran = ctx.periods[-1]
    if g.group("adx"):
        shift = ctx.ref.year + key(lexicon().deictics, g.group("adx")) - start.year
        start, end = _shift_years(start, shift), _shift_years(end, shift)
        if end.month == 2 and end.day == 28 and P.valid_day(end.year, 2, 29):
            end = end.replace(day=29)
    value = f"{start.isoformat()}/{end.isoformat()}"
    return Hit(value=value, granularity=gran, relative=True, start=start, end=end)


def _century_no(s: str, ctx: Context) -> int | None:
    """TIMEX century digits of an ordinal/number/deictic century ("العشرين" -> 19)."""
    lx = lexicon()
    s = " ".join(s.split())
    if s.replace("ال", "").strip().isdigit():
        n = int_digits(s)
    elif s in lx.deictics:
        if ctx.ref is None:
            return None
        return ctx.ref.year // 100 + lx.deictics[s]
    else:
        n = key(lx.ordinals_m, s)
    return None if n is None or not 1 <= n <= 30 else n - 1


def interp_century(g: re.Match, ctx: Context) -> Hit | None:
    """Centuries: "القرن العشرين"، "القرن الـ21" (a Hijri century is kept unresolved)."""
    c = _century_no(g.group("cn"), ctx)
    if c is None:
        return None
    if next_word(ctx.text, g.end("c")) in lexicon().hijri_century_words:
        mod = modifier(g)
        return Hit(value="", granularity="century", calendar="hijri", hijri=f"{c:02d}", mod=mod)
    return from_interval(P.century(c), relative=False, mod=modifier(g))


def interp_decade(g: re.Match, ctx: Context) -> Hit | None:
    """Decades: "الثمانينيات"، "التسعينيات من القرن الماضي"."""
    d = key(lexicon().decades, g.group("dec"))
    c = 19
    relative = False
    if g.group("dc"):
        c2 = _century_no(g.group("dc"), ctx)
        if c2 is None:
            return Hit(value=f"XX{d}X", granularity="decade", relative=True, mod=modifier(g))
        c, relative = c2, g.group("dc") in lexicon().deictics
    return from_interval(P.decade(c * 100 + d * 10), relative=relative, mod=modifier(g))


def _holiday_date(h: Holiday, y: int, n: int = 1) -> dt.date | None:
    """Day ``n`` of holiday ``h`` in year ``y`` of its own calendar."""
    if h.calendar == "hijri":
        first = P.hijri_to_gregorian(y, h.month, h.day)
    else:
        first = dt.date(y, h.month, h.day) if P.valid_day(y, h.month, h.day) else None
    return None if first is None else first + dt.timedelta(days=n - 1)


def _own_year(h: Holiday, d: dt.date) -> int | None:
    """The year of ``d`` in the holiday's calendar."""
    if h.calendar == "gregorian":
        return d.year
    hd = P.gregorian_to_hijri(d)
    return None if hd is None else hd[0]


def _holiday_year(h: Holiday, *, ref: dt.date, direction: int | None) -> int | None:
    """The holiday's year: the one of ``ref`` in its calendar, or the next / last occurrence."""
    ry = _own_year(h, ref)
    if ry is None or not direction:
        return ry
    days = [(y, d) for y in (ry - 1, ry, ry + 1) if (d := _holiday_date(h, y)) is not None]
    if direction > 0:
        return next((y for y, d in days if d > ref), None)
    return next((y for y, d in reversed(days) if d < ref), None)


def _holiday_in_year(h: Holiday, y: int, cal: str) -> int | None:
    """The holiday's year (own calendar) of its occurrence in year ``y`` of calendar ``cal``."""
    if cal == h.calendar:
        return y
    if cal == "gregorian":
        if not 1900 <= y <= 2076:  # inside the Umm al-Qura table
            return None
        first = _own_year(h, dt.date(y, 1, 1))
        if first is None:
            return None
        return next(
            (k for k in (first, first + 1) if (d := _holiday_date(h, k)) and d.year == y), None
        )
    iv = P.hijri_year(y)
    if iv is None:
        return None
    return next(
        (k for k in (iv.start.year, iv.end.year) if iv.start <= _holiday_date(h, k) <= iv.end), None
    )


# A period that ended this long before the publication sets a story in the past (see interp_holiday).
_LONG_AGO = dt.timedelta(days=180)


# A bare "العيد" is one of the two Eids (by the Hijri calendar) no further than this from publication.
_EIDS = ("عيد الفطر", "عيد الاضحي")
_EID_REACH = dt.timedelta(days=90)
# Words just before it that name the Eid: Ramadan's end is al-Fitr, the Hajj's al-Adha.
_EID_CUES = re.compile(r"(رمضان)|(الحج|الحجاج|الاضاحي|الاضحيه)(?!\w)")


def _bare_eid(ctx: Context, start: int, dx: int | None) -> tuple[Holiday | None, int | None, bool]:
    """(holiday, its Hijri year, guessed) of a bare "العيد": Eid al-Fitr or al-Adha (only al-Fitr
    after رمضان, only al-Adha after الحج, in the 100 characters before), the last one (publication
    day included) after a past verb or الماضي, the next one after a future cue or المقبل, else the
    nearest (ties to the past; guessed); none beyond 90 days of publication."""
    lx = lexicon()
    ry = _own_year(lx.holidays[_EIDS[0]], ctx.ref)
    if ry is None:
        return None, None, False
    cue = None
    for m in _EID_CUES.finditer(ctx.text, max(0, start - 100), start):
        cue = 0 if m.group(1) else 1
    days = sorted(
        (d, k, y)
        for k, name in enumerate(_EIDS)
        for y in (ry - 1, ry, ry + 1)
        if cue in (None, k) and (d := _holiday_date(lx.holidays[name], y)) is not None
    )
    if dx is not None:
        t = dx
    else:  # an imperfect verb is no cue here: "يطلق عليه ... رمضان والعيد"
        t = -1 if ctx.tense_before(start) < 0 else 1 if ctx.future_before(start) else 0
    ref = ctx.ref
    if t < 0:
        pick = next((c for c in reversed(days) if c[0] <= ref), None)
    elif t > 0:
        pick = next((c for c in days if c[0] >= ref), None)
    else:
        pick = min(days, key=lambda c: (abs((c[0] - ref).days), c[0]), default=None)
    if pick is None or abs(pick[0] - ref) > _EID_REACH:
        return None, None, False
    return lx.holidays[_EIDS[pick[1]]], pick[2], t == 0


def interp_holiday(g: re.Match, ctx: Context) -> Hit | None:
    """Holidays: "عيد الفطر"، "يوم عرفة"، "عيد الأضحى المقبل"، "رأس السنة الهجرية 1437هـ"، "العيد"."""
    lx = lexicon()
    if g.group("eid"):
        return _interp_eid(g, ctx)
    h = key(lx.holidays, g.group("hol"))
    if h is None:
        return None
    after = next_word(ctx.text, g.end("c"))
    if not (g.group("y") or g.group("hdx")) and (
        after in lx.ordinals_m
        or (after.startswith("ال") and after[2:] in lx.numbers)
        or any(ch.isdigit() for ch in after)
    ):
        return None  # "عيد الميلاد الخمسين"، "الـ50": a birthday
    n = 0 if g.group("eve") else lx.holiday_days.get(g.group("hn") or "", 1)
    relative = not g.group("y")
    if g.group("y"):
        y = int(g.group("y"))
        own = _holiday_in_year(h, y, year_calendar(y, g.group("ys")))
    elif ctx.ref is None:
        own = None
    else:
        dx = key(lx.deictics, g.group("hdx")) if g.group("hdx") else None
        past = ctx.periods[-1][0] if ctx.periods else None
        if dx is None and past is not None and ctx.periods[-1][1] < ctx.ref - _LONG_AGO:
            # "قابلا في سبتمبر من العام الماضي ... تسبق عيد الأضحى": the story is set in a past
            # period, so the feast is the first one after it, not this year's.
            own = _holiday_year(h, ref=past - dt.timedelta(days=1), direction=1)
        else:
            own = _holiday_year(h, ref=ctx.ref, direction=dx)
    hit = _holiday_hit(h, own, n, relative=relative)
    if hit.start is not None and g.group("hcount"):
        # "أيام عيد الفطر الثلاثة": the feast's first days, one interval.
        last = hit.start + dt.timedelta(days=lx.numbers[g.group("hcount")[2:]][0] - 1)
        hit.value, hit.end = f"{hit.start.isoformat()}/{last.isoformat()}", last
    return hit


def _interp_eid(g: re.Match, ctx: Context) -> Hit | None:
    """A bare "العيد", "ثالث أيام العيد"، "عشية العيد" (see :func:`_bare_eid`)."""
    lx = lexicon()
    if g.group("y") or g.group("hcount"):
        return None
    n = 0 if g.group("eve") else lx.holiday_days.get(g.group("hn") or "", 1)
    dx = key(lx.deictics, g.group("hdx")) if g.group("hdx") else None
    h, own, guessed = (None, None, False) if ctx.ref is None else _bare_eid(ctx, g.start("c"), dx)
    if h is None:  # which Eid is not known
        return Hit(granularity="day", calendar="hijri", relative=True, hijri="XXXX-XX-XX")
    hit = _holiday_hit(h, own, n, relative=True)
    hit.year_inferred = guessed
    return hit


def _holiday_hit(h: Holiday, own: int | None, n: int, *, relative: bool) -> Hit:
    """Day ``n`` of holiday ``h`` in its year ``own`` (0: the eve), unresolved without a year."""
    y_s = "XXXX" if own is None else f"{own:04d}"
    spelled = f"{y_s}-{h.month:02d}-{h.day + n - 1:02d}"
    hit = Hit(granularity="day", calendar=h.calendar, relative=relative)
    if h.calendar == "hijri":
        hit.hijri = spelled
    d = None if own is None else _holiday_date(h, own, n)
    if d is None:
        hit.value = "" if h.calendar == "hijri" else spelled
        return hit
    if h.calendar == "hijri" and (hd := P.gregorian_to_hijri(d)) is not None:
        hit.hijri = f"{hd[0]:04d}-{hd[1]:02d}-{hd[2]:02d}"  # the eve may fall in the month before
    hit.value, hit.start, hit.end = d.isoformat(), d, d
    return hit
