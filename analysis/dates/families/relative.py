"""Days and periods counted from the publication date: "أمس"، "يوم الخميس الماضي"، "الأسبوع المقبل"،
"في وقت سابق من العام", and clock times "الساعة السادسة مساء"، "18:00"."""

from __future__ import annotations

import datetime as dt
import re

from ...arabic import CONJ_LETTERS, PREP_LETTERS, PROCLITIC_LETTERS_RE
from .. import periods as P
from ..hits import Context, Hit, Spec, sub_context
from ..lexicon import lexicon
from ..pieces import Pieces, whole, year_group
from ..resolve import UNRESOLVED, from_interval, period, resolve_spec, year_calendar
from ..words import blocked, key, modifier, prev_word, word_number

_NEXT_WORD_IN_PHRASE_RE = re.compile(r"[ \t]+(\w+)")  # the next word, no punctuation between
_CLOCK_SEP_RE = re.compile(r"[:.]")


def dayrel_pattern(p: Pieces) -> str:
    """A relative day (with its weekday) or a weekday (with a deictic)."""
    return (
        rf"(?:(?P<dp>{p.dpn})\s+)?(?:(?P<yom>يوم)\s+)?"
        rf"(?:(?P<rel>{p.rel})(?:\s*\(\s*(?P<wdp>{p.wd})\s*\)|\s*[،,]?\s*(?P<wd>{p.wd}))?"
        rf"|(?P<wd2>{p.wd})(?:\s+(?P<wdx>{p.dx}))?)"
    )


def period_pattern(p: Pieces) -> str:
    """A deictic period; a bare "اليوم"/"العام" only after "في وقت سابق" or a modifier."""
    return (
        rf"(?:(?P<vq>في\s+وقت\s+(?:{p.vague_periods}))\s+(?:من\s+)?)?"
        rf"(?:(?P<mod>{p.mods})\s+(?:من\s+)?)?"
        rf"(?:(?P<this>هذا|هذه)\s+(?P<pu>{p.pu})|(?P<pu2>{p.pu})\s+(?P<dx>{p.dx})"
        rf"|(?(vq)|(?!))(?P<rel>{p.rel})|(?(vq)|(?(mod)|(?!)))(?P<pu3>{p.pu}))"
        rf"(?:\s+{year_group(p)}(?!\s*[-–/]\s*\d))?"
    )


def time_pattern(p: Pieces) -> str:
    """A clock time in words or digits, with its daypart and day."""
    return (
        rf"(?:(?P<sa>الساعه)\s+(?:الـ?\s?)?(?P<h>\d{{1,2}}(?:[:.]\d{{2}})?(?!\d)|[01]\d[0-5]\d(?!\d)|{p.hourw})|(?P<h2>{p.hourw})(?=\s+(?:من\s+)?{p.dpa}))"
        rf"(?:\s+و\s*(?P<fr>{p.clock_after}|(?:\d{{1,2}}|{p.numw})\s+دقيقه))?"
        rf"(?:\s+الا\s+(?P<fm>{p.clock_before}))?"
        rf"(?:\s+(?:من\s+)?(?P<dpa>{p.dpa}))?"
        rf"(?:\s+(?P<day>{p.rel}|(?:يوم\s+)?{p.wd}(?:\s+{p.dx})?))?"
        rf"|(?<![\d:.])(?P<hm>(?:[01]?\d|2[0-3]):[0-5]\d|(?:[01]\d|2[0-3])[0-5]\d(?=\s*بتوقيت))"
        rf"(?![\d:])(?:\s+(?P<dpa2>{p.dpa}))?"
    )


def _weekday_date(w: int, direction: int | None, ref: dt.date) -> dt.date:
    rw = ref.isoweekday()
    if direction == -1:
        return ref - dt.timedelta(days=(rw - w) % 7 or 7)
    if direction == 1:
        return ref + dt.timedelta(days=(w - rw) % 7 or 7)
    if direction == 0:
        return ref + dt.timedelta(days=w - rw)
    if direction == 2:  # future cue: the next one, today included
        return ref + dt.timedelta(days=(w - rw) % 7)
    if direction == 4:  # no cue: the nearest one, ties to the past
        back, ahead = (rw - w) % 7, (w - rw) % 7
        return ref + dt.timedelta(days=ahead) if ahead < back else ref - dt.timedelta(days=back)
    return ref - dt.timedelta(days=(rw - w) % 7)


def _definite_dual(word: str) -> bool:
    """A definite dual noun ("الفريقين") or a noun with the dual pronoun ("إرهابهما")."""
    dual = word.startswith("ال") and len(word) > 5 and word.endswith("ين") and word[-3] != "ي"
    return dual or word.endswith("هما")


def _number_reading(text: str, s: int, e: int) -> bool:
    """True if a bare الأحد/الاثنين at ``text[s:e]`` reads as "the one"/"the two", not a weekday.

    "طردت الاثنين الحوثيين" is Monday; "بين الاثنين"، "الفريقين الاثنين"، "للاثنين"، "الأحد عشر"،
    "الاثنين معا" are numbers.
    """
    lx = lexicon()
    if s > 0 and text[s - 1] in PREP_LETTERS:  # a preposition glued to it: "للاثنين"
        return True
    before = prev_word(text, s)
    # "وكلا الاثنين"، "ومن الاثنين": the word itself, or without its و/ف, or all its clitics.
    conj = before[:1] != "" and before[:1] in CONJ_LETTERS
    forms = (before, before[1:] if conj else "", PROCLITIC_LETTERS_RE.sub("", before))
    always = next(
        (lx.weekday_numbers_before[f] for f in forms if f in lx.weekday_numbers_before), None
    )
    closing = text[e : e + 2].lstrip(" ")[:1] in tuple(".،,؛:")
    if always or (always is not None and not closing):
        return True
    m = _NEXT_WORD_IN_PHRASE_RE.match(text, e)
    after = m.group(1) if m else ""
    plain = after[1:] if after.startswith("و") else after
    if plain in lx.weekdays:  # "الأحد والاثنين"
        return _definite_dual(before)
    plain = plain[2:] if plain.startswith("ال") else plain  # "الاثنين والعشرين"
    return after in lx.weekday_numbers_after or plain in lx.numbers or _definite_dual(before)


def interp_dayrel(g: re.Match, ctx: Context) -> Hit | None:
    """Relative days and weekdays: "اليوم الجمعة"، "أمس"، "يوم الخميس الماضي"، "صباح الأحد"."""
    lx = lexicon()
    s, e = g.span("c") if "c" in g.re.groupindex else g.span()
    if g.group("rel"):
        if blocked(ctx.text, g.start("rel"), g.end("rel")):
            return None
        off = key(lx.relative, g.group("rel"))
        if ctx.ref is None:
            return Hit(value="XXXX-XX-XX", granularity="day", relative=True)
        d = ctx.ref + dt.timedelta(days=off)
        wd = g.group("wd") or g.group("wdp")
        if wd:
            # "اليوم الاثنين" in a paper dated Tuesday: the weekday named wins (nearest one).
            delta = (key(lx.weekdays, wd)[0] - d.isoweekday()) % 7
            d += dt.timedelta(days=delta if delta <= 3 else delta - 7)
        return from_interval(P.day(d))
    form = g.group("wd2")
    w, ambiguous = key(lx.weekdays, form)
    dx = key(lx.deictics, g.group("wdx")) if g.group("wdx") else None
    bare = not (g.group("yom") or g.group("dp") or g.group("wdx"))
    if ambiguous and bare and _number_reading(ctx.text, s, e):
        return None
    if blocked(ctx.text, s, e):
        return None
    if ctx.ref is None:
        return Hit(value=f"XXXX-WXX-{w}", granularity="day", relative=True)
    inferred = False
    if dx is None:
        # A past verb or منذ: the last one; a future cue or imperfect verb: the next; else nearest.
        t = ctx.tense_before(s)
        dx = 2 if t > 0 else None if t < 0 else 4
        inferred = t == 0
    hit = from_interval(P.day(_weekday_date(w, dx, ctx.ref)))
    hit.year_inferred = inferred  # no cue: the nearest one by the default rule
    return hit


def interp_period(g: re.Match, ctx: Context) -> Hit | None:
    """Deictic periods: "الأسبوع الماضي"، "هذا العام"، "في وقت سابق من الأسبوع"، "نهاية الشهر"."""
    lx = lexicon()
    mod = modifier(g)
    if g.group("rel"):
        if not g.group("vq") or blocked(ctx.text, g.start("rel"), g.end("rel")):
            return None
        gran, off = "day", key(lx.relative, g.group("rel"))
    else:
        form = g.group("pu") or g.group("pu2") or g.group("pu3")
        if g.group("pu3") and not (g.group("vq") or mod):
            return None
        gran = key(lx.period_units, form)
        off = key(lx.deictics, g.group("dx")) if g.group("dx") else 0
        grp = "pu" if g.group("pu") else "pu2" if g.group("pu2") else "pu3"
        if blocked(ctx.text, g.start(grp), g.end(grp)):
            return None
    if g.group("y") and gran == "year":
        # "هذا العام 1436هـ": the year in apposition says which year is meant.
        y = int(g.group("y"))
        return resolve_spec(Spec(year_calendar(y, g.group("ys")), year=y, mod=mod), ctx.ref)
    if ctx.ref is None:
        return Hit(value=UNRESOLVED[gran], granularity=gran, relative=True, mod=mod)
    return from_interval(period(gran, off, ctx.ref), mod=mod)


def _time_day(g: re.Match, ctx: Context) -> tuple[dt.date | None, bool]:
    day = g.group("day")
    if not day:
        return None, False
    m = whole(dayrel_pattern).fullmatch(day)
    if not m or ctx.ref is None:
        return None, True
    hit = interp_dayrel(m, sub_context(day, ctx))
    return (hit.start if hit else None), True


def interp_time(g: re.Match, ctx: Context) -> Hit | None:
    """Clock times: "الساعة السادسة مساء"، "18:00"، "العاشرة صباح اليوم"."""
    lx = lexicon()
    if g.group("hm"):
        hm = g.group("hm").replace(":", "")
        hh, mm = int(hm[:-2]), int(hm[-2:])
        dpa = g.group("dpa2")
    else:
        h = g.group("h") or g.group("h2")
        dpa = g.group("dpa")
        if g.group("h2") and not dpa:
            return None
        if h[0].isdigit():
            parts = [h[:2], h[2:]] if h.isdigit() and len(h) == 4 else _CLOCK_SEP_RE.split(h)
            hh, mm = int(parts[0]), int(parts[1]) if len(parts) > 1 else 0
        else:
            hh = lx.clock_hours.get(h) or key(lx.ordinals_f, h) or 0
            mm = 0
        fr = g.group("fr")
        if fr:
            mm = lx.clock_after.get(fr, 0)
            if fr[0].isdigit():
                mm = int(fr.split()[0])
            elif fr.endswith("دقيقه"):  # "وخمس وعشرون دقيقة"
                mm = word_number(fr.rsplit(" ", 1)[0]) or -1
        if g.group("fm"):
            hh, mm = hh - 1, 60 - lx.clock_before[g.group("fm")]
    if dpa:
        pm = key(lx.daypart_adverbs, dpa)
        if pm is None:
            pm = key(lx.daypart_nouns, dpa)
        if pm and hh < 12:
            hh += 12
    if not (0 <= hh <= 24 and 0 <= mm < 60):
        return None
    hh %= 24
    gran = "minute" if mm else "hour"
    day, had_day = _time_day(g, ctx) if not g.group("hm") else (None, False)
    clock = f"T{hh:02d}:{mm:02d}"
    if day is None:
        return Hit(type="TIME", value="XXXX-XX-XX" + clock, granularity=gran, relative=had_day)
    return Hit(
        type="TIME",
        value=day.isoformat() + clock,
        granularity=gran,
        relative=True,
        start=day,
        end=day,
    )
