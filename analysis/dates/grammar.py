"""The date grammar: regex families composed from the lexicon, and their interpretation.

Every family is one regex over the *normalised* text (see ``analysis.arabic.normalize``), built from
the same pieces — day, month, year, weekday, deictic, modifier, unit — whose word lists come from
``data/lexicon/date_*.csv``. A range is two of those pieces joined by بين/من ... و/إلى/حتى (or a dash
between day numbers). All families are also joined in one scanner (:func:`master`) behind a lookahead
for the words an expression can start with, so the text is read once. Each match is interpreted into a
:class:`Hit` (TIMEX3 type and value, resolved interval); a rejected reading lets the next family try.

Documented choices:
- a month without a year is the last such month (the current one included), or the next one when a
  future cue (``date_future_cues.csv``, or a سـ-prefixed verb) occurs earlier in the sentence;
  الماضي/المقبل mean the last one before / the next one after the current month;
- a bare weekday is the most recent one (the publication day included), or the next one after a future
  cue; الماضي/المقبل exclude the publication day; a weekday next to a relative day wins over it;
  الأحد/الاثنين ("the one"/"the two") are weekdays anywhere in a sentence ("أفرجت الاثنين عن...")
  unless read as the number (``date_weekday_numbers.csv``: بين/كلا/أي من الاثنين، الاثنين معا; a
  number word after it, a definite dual before it, a preposition glued to it);
- a holiday (``date_holidays.csv``: عيد الفطر، عيد الأضحى، يوم عرفة، رأس السنة الهجرية، المولد النبوي،
  عيد الميلاد، رأس السنة) is its day in the publication's year of the holiday's calendar (the Hijri
  year for Islamic feasts, even if that day is still ahead); الماضي/المقبل make it the last one before /
  the next one after the publication day; a year written after it names the year;
- an ambiguous Hijri month that is also a name (رمضان، رجب...) counts after a time preposition or a
  modifier ("في رمضان"، "نهاية رمضان");
- a year 1340-1480 without a calendar suffix is Hijri (Saudi usage); Hijri months and years are given
  in ``value`` as their Gregorian interval ``first/last``; the Hijri value itself is in ``hijri``;
- modifiers set ``mod`` (``date_modifiers.csv``: أوائل/مطلع/بداية START, منتصف/أواسط MID,
  أواخر/نهاية END, نحو APPROX) and ``value`` keeps the whole period, as in TIMEX3; START/MID/END
  narrow the interval of a month to its days 1-10 / 11-20 / 21-last (the Arabic العشر الأوائل/
  الأواسط/الأواخر) and of a year to its months 1-4 / 5-8 / 9-12 (Hijri days and months for Hijri
  periods), see :func:`analysis.dates.periods.part`; weeks, decades and centuries keep the whole
  period, and so does APPROX ("نحو");
- a number and a dual add up ("مئة وعامين" = 102 years); a second, shorter unit makes a compound
  ("ثلاثة أعوام وشهرين" = P3Y2M, "ثلاثة أيام وساعتين" = P3DT2H); an offset with a half or two units
  ("قبل ثلاثة أعوام ونصف"، "منذ عشرة أعوام وشهرين") is counted in months and days and given as the
  month (years), the week (months, weeks) or the day (days) it lands in;
- granularity adds ``half``, ``hour`` and ``minute`` to day/week/month/quarter/year/decade/century.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

try:  # private modules, used only to derive an optional speed-up (see _first_char_guard)
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - a Python whose re internals moved
    sre = sre_parse = None

from ..arabic import proclitic_splits
from . import periods as P
from .lexicon import Holiday, Lexicon, lexicon

# ---------------------------------------------------------------------------------------------
# Regex pieces


def _trie(words: list[str]) -> str:
    """A prefix-factored alternation of ``words`` (a space matches any run of whitespace)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        end = "" in node
        branches = [
            (r"\s+" if ch == " " else re.escape(ch)) + emit(sub)
            for ch, sub in sorted(node.items(), key=lambda kv: kv[0])
            if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            body = f"(?:{body})?"
        return body

    return emit(trie)


def alt(forms) -> str:
    """A word alternation; ``ال`` may also be the ``ل`` of a preceding لـ (للعام)."""
    forms = sorted(set(forms))
    definite = [f[2:] for f in forms if f.startswith("ال") and len(f) > 2]
    other = [f for f in forms if not (f.startswith("ال") and len(f) > 2)]
    parts = []
    if definite:
        parts.append(f"(?:ال|(?<=ل)ل){_trie(definite)}")
    if other:
        parts.append(_trie(other))
    return "(?:" + "|".join(parts) + r")(?!\w)"


def prefix_groups(pattern: str, prefix: str) -> str:
    """The pattern with its group names (and conditionals on them) prefixed, to embed it beside others."""
    pattern = re.sub(r"\(\?P<(\w+)>", rf"(?P<{prefix}\1>", pattern)
    return re.sub(r"\(\?\((\w+)\)", rf"(?({prefix}\1)", pattern)


def ungroup(pattern: str) -> str:
    """The pattern with its named groups made anonymous (to embed it twice in a range)."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


ART = r"(?:ال|(?<=ل)ل)"
YSUF = r"(?:ميلاديه|ميلادي|م|هجريه|هجري|للهجره|ه)"
HIJRI_SUFFIXES = frozenset({"هجريه", "هجري", "للهجره", "ه"})
# A clitic (و ف ب ل ك) may precede the expression; it is left out of the span (group "c").
PRE = r"(?<!\w)(?:[وف]?[بلك]?)"
# A number followed by one of these is an amount, not a year ("2938 ألف ريال").
AMOUNT_WORDS = frozenset({"الف", "الاف", "مليون", "ملايين", "مليار", "ريال", "ريالا", "دولار"})
NOT_AMOUNT = r"(?!\s*(?:" + "|".join(sorted(AMOUNT_WORDS)) + r")(?!\w))"
# Four-digit years of the Gregorian (1000-2099) and Hijri calendars; 2938 is no year.
YEAR_DIGITS = r"(?:1\d{3}|20\d\d)"
APPROX_EXTRA = ("اكثر من", "اقل من", "ما يزيد عن", "ما يقارب")
# "ثالث أيام العيد": the n-th day of a feast; the praise a holiday is named with.
HOLIDAY_DAYS = {"اول": 1, "ثاني": 2, "ثالث": 3, "رابع": 4}
HOLY = ("المبارك", "السعيد", "المجيد", "الشريف")


@dataclass(frozen=True)
class Pieces:
    """The alternations every family is built from."""

    mg: str
    mh: str
    wd: str
    ordm: str
    hourw: str
    dx: str
    mods: str
    approx: str
    pu: str
    rel: str
    dpn: str
    dpa: str
    dec: str
    units: str
    units_dual: str
    units_one: str
    units_more: str
    units_more_cal: str
    numw: str
    numw_def: str
    units_def: str
    dual_def: str
    units_plural: str
    sets: str
    hol: str


def _pieces(lx: Lexicon) -> Pieces:
    kinds: dict[str, list[str]] = {}
    for form, (_, kind) in lx.numbers.items():
        kinds.setdefault(kind, []).append(form)
    unit_w, ten_w = alt(kinds["unit"]), alt(kinds["ten"])
    numw = f"(?:{unit_w}\\s+و\\s*{ten_w}|{alt(kinds['teen'])}|{ten_w}|{unit_w}|{alt(kinds['hundred'])})"
    return Pieces(
        mg=alt(f for f, m in lx.months.items() if m.calendar == "gregorian"),
        mh=alt(f for f, m in lx.months.items() if m.calendar == "hijri"),
        wd=alt(lx.weekdays),
        ordm=alt(lx.ordinals_m),
        hourw=alt([*lx.ordinals_f, "الواحده"]),
        dx=alt(lx.deictics),
        mods=alt(f for f, m in lx.modifiers.items() if m != "APPROX"),
        approx=alt([*(f for f, m in lx.modifiers.items() if m == "APPROX"), *APPROX_EXTRA]),
        pu=alt(lx.period_units),
        rel=alt(lx.relative),
        dpn=alt(lx.daypart_nouns),
        dpa=alt([*lx.daypart_adverbs, *lx.daypart_nouns]),
        dec=alt(lx.decades),
        units=alt(lx.units),
        units_dual=alt(f for f, (_, n) in lx.units.items() if n == 2),
        units_one=alt(f for f, (_, n) in lx.units.items() if n == 1),
        # The second unit of "ثلاثة أعوام وشهرين"، "عام وشهر"; calendar units only for offsets.
        units_more=alt(
            f for f, (u, n) in lx.units.items() if n in (1, 2) and u not in ("DE", "CE")
        ),
        units_more_cal=alt(
            f for f, (u, n) in lx.units.items() if n in (1, 2) and u in ("Y", "M", "W", "D")
        ),
        numw=numw,
        # Definite forms for "الثلاثة الأشهر الماضية"، "اليومين الماضيين".
        numw_def=alt("ال" + f for f in (*kinds["unit"], *kinds["teen"], *kinds["ten"])),
        units_def=alt("ال" + f for f, (_, n) in lx.units.items() if n == 0),
        dual_def=alt("ال" + f for f, (_, n) in lx.units.items() if n == 2),
        units_plural=alt(f for f, (_, n) in lx.units.items() if n == 0),
        sets=alt(lx.sets),
        hol=alt(lx.holidays),
    )


def _year(suffix: str = "") -> str:
    return (
        rf"(?<![\d.,/:-])(?P<y{suffix}>{YEAR_DIGITS})(?!\d)(?![.,/:]\d)(?!\s?%){NOT_AMOUNT}"
        rf"(?:\s?(?P<ys{suffix}>{YSUF})(?!\w))?"
    )


def _cores(p: Pieces) -> dict[str, str]:
    ytrig = rf"(?:(?:من\s+)?{ART}?(?:عام|سنه)\s+)?"
    year_tail = (
        rf"(?:\s*[،,]?\s*{ytrig}{_year()}"
        rf"|\s+(?:من\s+)?(?P<yrel>{ART}?(?:عام|سنه))\s+(?P<ydx>{p.dx})"
        rf"|\s+(?P<mdx>{p.dx}))"
    )
    # "أيار (مايو)"، "أيار/مايو"، "سبتمبر أيلول": one month named in two systems.
    month = rf"(?:(?P<mg>{p.mg})(?:(?:\s*[(/]\s*|\s+)(?P<mg2>{p.mg})\s*\)?)?|(?P<mh>{p.mh}))"
    wd_prefix = (
        rf"(?:(?P<dp>{p.dpn})\s+)?(?:(?P<yom>يوم)\s+)?(?:(?P<wd>{p.wd})\s*[،,]?\s*(?:الموافق\s+)?)?"
    )
    dmy = (
        rf"{wd_prefix}(?:(?:ال\s?)?(?P<d>[0-3]?\d)(?!\d)|(?P<do>{p.ordm}))\s*(?:من\s+)?(?:(?P<shr>شهر)\s+)?"
        rf"(?:{month}|(?P<mrel>{ART}شهر)(?=\s+{p.dx})|(?P<msame>{ART}شهر\s+(?:نفسه|ذاته))"
        rf"|(?<=\d)(?=\s+(?:الجاري|الحالي)(?!\w))){year_tail}?"
    )
    my = (
        rf"(?:(?P<mod>{p.mods})\s+(?:من\s+)?)?(?:(?P<shr>شهر)\s+)?{month}"
        rf"(?:{year_tail}|\s+(?P<holy>المبارك|الكريم|المعظم|الحرام|الفضيل)(?!\w))?"
    )
    yr = (
        rf"(?:(?P<mod>{p.mods})\s+(?:من\s+)?)?(?:(?P<yt>{ART}?(?:عام|سنه)|عامي)\s+)?"
        rf"(?<![\d.,/:-])(?P<y>{YEAR_DIGITS})(?!\d)(?:\s*[-–/]\s*(?P<y2>\d{{4}}|\d{{2}})(?!\d))?"
        rf"{NOT_AMOUNT}"
        rf"(?![.,/:]\d)(?!\s?%)(?:\s?(?P<ys>{YSUF})(?!\w))?"
    )
    nummy = (
        rf"(?:(?P<mod>{p.mods})\s+(?:من\s+)?)?(?P<shr>شهر)\s*(?P<mm>\d{{1,2}})\s?[/-]\s?"
        rf"(?P<y>\d{{4}})(?!\d)(?![./-]\d)(?:\s?(?P<ys>{YSUF})(?!\w))?"
    )
    num = (
        rf"{wd_prefix}(?<![\d./-])(?P<n1>\d{{1,4}})\s?[/.-]\s?(?P<n2>\d{{1,2}})\s?[/.-]\s?"
        rf"(?P<n3>\d{{1,4}})(?!\d)(?![./-]\d)(?:\s?(?P<ys>{YSUF})(?!\w))?"
    )
    dr = (
        rf"(?:(?P<dp>{p.dpn})\s+)?(?:(?P<yom>يوم)\s+)?"
        rf"(?:(?P<rel>{p.rel})(?:\s*\(\s*(?P<wdp>{p.wd})\s*\)|\s*[،,]?\s*(?P<wd>{p.wd}))?"
        rf"|(?P<wd2>{p.wd})(?:\s+(?P<wdx>{p.dx}))?)"
    )
    # A bare "اليوم"/"العام" is a period here only after "في وقت سابق" or a modifier.
    pd_ = (
        rf"(?:(?P<vq>في\s+وقت\s+(?:سابق|لاحق|مبكر|متاخر))\s+(?:من\s+)?)?"
        rf"(?:(?P<mod>{p.mods})\s+(?:من\s+)?)?"
        rf"(?:(?P<this>هذا|هذه)\s+(?P<pu>{p.pu})|(?P<pu2>{p.pu})\s+(?P<dx>{p.dx})"
        rf"|(?(vq)|(?!))(?P<rel>{p.rel})|(?(vq)|(?(mod)|(?!)))(?P<pu3>{p.pu}))"
        rf"(?:\s+{_year()}(?!\s*[-–/]\s*\d))?"
    )
    qh = (
        rf"(?P<qh>الربع|النصف)\s+(?P<qo>الاول|الثاني|الثالث|الرابع|الاخير)(?!\w)\s*"
        rf"(?:من\s+)?(?:(?P<qy>ل?{ART}?(?:عام|سنه))(?:\s+(?:{_year()}|(?P<qdx>{p.dx})))?|{_year('q')})"
    )
    dc = (
        rf"(?:(?P<mod>{p.mods})\s+(?:من\s+)?)?(?P<dec>{p.dec})(?:\s+(?:من\s+)?{ART}قرن\s+"
        rf"(?P<dc>{p.ordm}|ال\s?\d{{1,2}}(?!\d)|\d{{1,2}}(?!\d)|{p.dx}))?"
    )
    ce = (
        rf"(?:(?P<mod>{p.mods})\s+)?{ART}قرن\s+"
        rf"(?P<cn>{p.ordm}|ال\s?\d{{1,2}}(?!\d)|\d{{1,2}}(?!\d))"
    )
    tm = (
        rf"(?:(?P<sa>الساعه)\s+(?P<h>\d{{1,2}}(?:[:.]\d{{2}})?(?!\d)|[01]\d[0-5]\d(?!\d)|{p.hourw})|(?P<h2>{p.hourw})(?=\s+(?:من\s+)?{p.dpa}))"
        rf"(?:\s+و\s*(?P<fr>النصف|الربع|نصف|ربع|ثلث|\d{{1,2}}\s+دقيقه))?"
        rf"(?:\s+الا\s+(?P<fm>ربعا|ربع|ثلثا|ثلث))?"
        rf"(?:\s+(?:من\s+)?(?P<dpa>{p.dpa}))?"
        rf"(?:\s+(?P<day>{p.rel}|(?:يوم\s+)?{p.wd}(?:\s+{p.dx})?))?"
        rf"|(?<![\d:.])(?P<hm>(?:[01]?\d|2[0-3]):[0-5]\d|(?:[01]\d|2[0-3])[0-5]\d(?=\s*بتوقيت))"
        rf"(?![\d:])(?:\s+(?P<dpa2>{p.dpa}))?"
    )
    du = (
        rf"(?:(?P<ap>{p.approx})\s+)?(?:(?P<dn>{p.numw_def})\s+(?P<du>{p.units_def})\s+(?P<dx>{p.dx})"
        rf"|(?P<dn2>{p.numw_def})\s+(?P<du2>{p.units_plural})"
        rf"|(?P<dd>{p.dual_def})\s+(?P<ddx>{p.dx})"
        # "مئة وعامين": a number and a dual, 102 years.
        rf"|(?P<nd>{p.numw})\s+و\s*(?P<ud>{p.units_dual})"
        rf"|(?<![\d.,])(?:ال\s?)?(?P<n>\d+(?:[.,]\d+)?(?=\s|[^\W\d])|{p.numw})\s*(?P<u>{p.units})"
        # "ونصف السنة"; not "ونصف اليوم", where اليوم is today. "ثلاثة أعوام وشهرين": two units.
        rf"(?:\s+(?P<half>ونصف)(?!\w)(?:\s+{ART}?(?:سنه|عام|شهر|ساعه)(?!\w))?"
        rf"|\s+و\s*(?P<u4>{p.units_more}))?"
        rf"|(?P<u2>{p.units_dual})(?:\s+و\s*(?P<u5>{p.units_more}))?|(?P<u3>{p.units_one})\s+(?P<one>واحد|واحده|كامل|كامله|ونصف)(?!\w)"
        rf"(?:\s+{ART}?{p.units_one})?)"
    )
    of = (
        rf"(?P<dir>قبل|منذ|بعد)\s+(?:(?P<ap>{p.approx})\s+)?"
        rf"(?:(?P<nd>{p.numw})\s+و\s*(?P<ud>{p.units_dual})"
        rf"|(?:(?P<n>\d+|{p.numw})\s+(?P<u>{p.units})|(?P<u2>{p.units_dual}|{p.units_one}))"
        rf"(?:\s+(?P<half>ونصف)(?!\w)(?:\s+{ART}?(?:سنه|عام|شهر)(?!\w))?"
        rf"|\s+و\s*(?P<u4>{p.units_more_cal}))?)"
        rf"(?!\s+(?:\d|{p.mg}|{p.mh}))"
    )
    st = rf"(?P<set>{p.sets})|كل\s+(?P<swd>{p.wd})"
    # "ثالث أيام عيد الفطر المبارك"، "عيد الأضحى المقبل"، "رأس السنة الهجرية 1437هـ".
    hol = (
        rf"(?:(?P<hn>{'|'.join(HOLIDAY_DAYS)})\s+(?:ايام|يوم)\s+)?(?P<hol>{p.hol})"
        rf"(?:\s+(?P<holy>{'|'.join(HOLY)})(?!\w))?"
        rf"(?:\s+(?P<hdx>{p.dx})|\s*[،,]?\s*(?:ل?{ART}?(?:عام|سنه)\s+)?{_year()})?"
    )
    side = "|".join(ungroup(x) for x in (dmy, num, my, yr, dr, p.ordm, r"[0-3]?\d(?!\d)"))
    rg = (
        rf"(?:(?P<rb>بين|من|منذ)\s+(?:(?:يوم|الفتره)\s+)?(?P<a>{side})"
        rf"(?:\s*[-–]\s*|\s+و\s*|\s+(?:و\s*)?(?:الي|حتي|لغايه)\s+)"
        # "17 - 23 شوال 1436هـ": two day numbers and a dash, no preposition.
        rf"|(?<![\d/.-])(?P<a2>[0-3]?\d)(?!\d)\s*[-–]\s*(?=[0-3]?\d\s*(?:من\s+)?(?:{p.mg}|{p.mh})))"
        rf"(?P<b>{side})"
    )
    return {
        "range": rg,
        "dmy": dmy,
        "num": num,
        "nummy": nummy,
        "time": tm,
        "quarter": qh,
        "holiday": hol,
        "century": ce,
        "decade": dc,
        "my": my,
        "year": yr,
        "offset": of,
        "period": pd_,
        "dayrel": dr,
        "set": st,
        "duration": du,
    }


@lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern[str]]:
    """The compiled families (search patterns, span in group ``c``), in priority order."""
    cores = _cores(_pieces(lexicon()))
    return {k: re.compile(rf"{PRE}(?P<c>{v})(?!\w)") for k, v in cores.items()}


# Literal triggers of the families, besides the lexicon's words.
FIRST_WORDS = ("يوم", "شهر", "عام", "العام", "سنه", "السنه", "عامي", "الساعه", "الربع", "النصف")
FIRST_WORDS += ("قرن", "القرن", "الموافق")


def _first_word(lx: Lexicon, p: Pieces) -> str:
    """A lookahead for what an expression can start with: rejects most words at once.

    Common function words (في، من، بين، قبل، هذا) only count when what follows fits.
    """
    words = [
        *lx.months,
        *lx.weekdays,
        *lx.ordinals_m,
        *lx.ordinals_f,
        "الواحده",
        *lx.relative,
        *lx.modifiers,
        *APPROX_EXTRA,
        *lx.daypart_nouns,
        *lx.decades,
        *lx.units,
        *lx.numbers,
        *lx.period_units,
        *lx.sets,
        *lx.holidays,
        *HOLIDAY_DAYS,
        *FIRST_WORDS,
        *("ال" + f for f in (*lx.numbers, *lx.units)),
    ]
    side = alt(
        [
            *lx.months,
            *lx.weekdays,
            *lx.ordinals_m,
            *lx.relative,
            *lx.daypart_nouns,
            *lx.modifiers,
            "يوم",
            "شهر",
            "عام",
            "العام",
            "سنه",
            "السنه",
        ]
    )
    return (
        rf"(?=\d|{alt(words)}|في\s+وقت|(?:هذا|هذه)\s+{p.pu}|كل\s|شهر\s*\d|ال\s?\d"
        rf"|(?:بين|من|منذ)\s+(?:(?:يوم|الفتره)\s+)?(?:\d|{side})"
        rf"|(?:قبل|منذ|بعد)\s+(?:{p.approx}\s+)?(?:\d|{p.numw}|{p.units}))"
    )


_CATEGORIES = (
    {
        sre.CATEGORY_DIGIT: r"\d",
        sre.CATEGORY_NOT_DIGIT: r"\D",
        sre.CATEGORY_WORD: r"\w",
        sre.CATEGORY_NOT_WORD: r"\W",
        sre.CATEGORY_SPACE: r"\s",
        sre.CATEGORY_NOT_SPACE: r"\S",
    }
    if sre is not None
    else {}
)


class _AnyFirst(Exception):
    """The first character is not a known class."""


def _first_chars(seq) -> tuple[list[str], bool]:
    """(class items a match of the parsed ``seq`` can open with, whether it can be empty)."""
    items: list[str] = []
    for op, av in seq:
        if op is sre.LITERAL:
            return [*items, re.escape(chr(av))], False
        if op is sre.IN:
            for o, a in av:
                if o is sre.LITERAL:
                    items.append(re.escape(chr(a)))
                elif o is sre.RANGE:
                    items.append(f"{re.escape(chr(a[0]))}-{re.escape(chr(a[1]))}")
                elif o is sre.CATEGORY and a in _CATEGORIES:
                    items.append(_CATEGORIES[a])
                else:
                    raise _AnyFirst
            return items, False
        if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):  # zero-width
            continue
        if op is sre.SUBPATTERN:
            if av[1] & sre.SRE_FLAG_IGNORECASE:  # case variants are not listed
                raise _AnyFirst
            sub, empty = _first_chars(av[3])
        elif op is sre.BRANCH:
            firsts = [_first_chars(alt) for alt in av[1]]
            sub = [i for f, _ in firsts for i in f]
            empty = any(e for _, e in firsts)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            sub, empty = _first_chars(av[2])
            empty = empty or av[0] == 0
        else:
            raise _AnyFirst
        items += sub
        if not empty:
            return items, False
    return items, True


def _first_char_guard(pattern: str) -> str:
    """A lookahead for the characters ``pattern`` can open with ("" when any or none).

    It changes no match, but lets a family that cannot match here fail at once instead of
    after trying its optional openings.
    """
    try:
        items, empty = _first_chars(sre_parse.parse(pattern))
    except Exception:  # _AnyFirst, or re internals not as expected: no guard, same matches
        return ""
    if empty or not items:
        return ""
    return "(?=[" + "".join(dict.fromkeys(items)) + "])"


@lru_cache(maxsize=1)
def master() -> re.Pattern[str]:
    """All families in one alternation (group ``f<i>`` tells which), to scan the text once.

    The opening lookahead rejects at once the many words no expression can start with.
    """
    lx = lexicon()
    p = _pieces(lx)
    cores = _cores(p)
    body = "|".join(
        f"{_first_char_guard(v)}(?P<f{i}>{prefix_groups(v, f'g{i}_')})"
        for i, v in enumerate(cores.values())
    )
    return re.compile(rf"{PRE}{_first_word(lx, p)}(?:{body})(?!\w)")


@lru_cache(maxsize=1)
def side_patterns() -> dict[str, re.Pattern[str]]:
    """The families a side of a range is parsed with (full match)."""
    cores = _cores(_pieces(lexicon()))
    return {k: re.compile(cores[k]) for k in ("dmy", "num", "my", "year", "dayrel")}


# ---------------------------------------------------------------------------------------------
# Interpretation


@dataclass(slots=True)
class Hit:
    """One interpreted expression (a row of the ``dates`` frame without doc/offset columns)."""

    type: str = "DATE"
    value: str = ""
    granularity: str = ""
    calendar: str = "gregorian"
    hijri: str = ""
    relative: bool = False
    mod: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    # Partial fields kept so a range side ("من 4 الى 6 اغسطس") can borrow month and year.
    spec: Spec | None = None


@dataclass(slots=True)
class Spec:
    """A calendar date with possibly missing parts, before resolution."""

    calendar: str = "gregorian"
    year: int | None = None
    month: int | None = None
    day: int | None = None
    year_dir: int | None = None
    month_dir: int | None = None
    month_rel: bool = False
    mod: str = ""


@dataclass(frozen=True, slots=True)
class Context:
    """What interpretation may look at besides the match: the text and the anchor date."""

    text: str
    ref: dt.date | None
    future_before: Callable[[int], bool]
    # The last month resolved in the document (calendar, year, month), for "الشهر نفسه".
    last_month: list = field(default_factory=list)


def _key(d: dict, s: str | None):
    """Look up a matched (normalised) form, reading a ``ل`` of ``للـ`` back as ``ال``."""
    if s is None:
        return None
    s = " ".join(s.split())
    if s in d:
        return d[s]
    if s.startswith("ل") and not s.startswith("ال"):
        return d.get("ا" + s)
    return None


_WORD_CHARS_RE = re.compile(r"\w+")
_NEXT_WORD_RE = re.compile(r"\W*(\w+)")
_CLITIC_RE = re.compile(r"^[وف]?[بلك]?")
_NEXT_WORD_IN_PHRASE_RE = re.compile(r"[ \t]+(\w+)")  # the next word, no punctuation between
_DATE_SEP_RE = re.compile(r"[/.-]")
_CLOCK_SEP_RE = re.compile(r"[:.]")


def prev_word(text: str, i: int) -> str:
    """The normalised word just before position ``i``."""
    # The last run of word characters in a short window (findall is one pass, no backtracking).
    words = _WORD_CHARS_RE.findall(text, max(0, i - 30), i)
    return words[-1] if words else ""


def next_word(text: str, i: int) -> str:
    """The normalised word just after position ``i``."""
    m = _NEXT_WORD_RE.match(text, i)
    return m.group(1) if m else ""


def blocked(text: str, start: int, end: int) -> bool:
    """True if a blocker word sits before the first or after the last word of ``text[start:end]``."""
    lx = lexicon()
    words = text[start:end].split()
    if not words:
        return False
    first = _as_definite(words[0])
    last = _as_definite(words[-1])
    before = lx.blockers_before.get(first)
    if before:
        w = prev_word(text, start)
        if w in before or _CLITIC_RE.sub("", w) in before:
            return True
    after = lx.blockers_after.get(last)
    return bool(after) and next_word(text, end) in after


def _as_definite(w: str) -> str:
    return "ا" + w if w.startswith("ل") and not w.startswith("ال") else w


def _int(s: str) -> int:
    return int(s.replace("ال", "").strip())


def _year_calendar(y: int, suffix: str | None) -> str:
    if suffix:
        return "hijri" if suffix in HIJRI_SUFFIXES else "gregorian"
    return "hijri" if 1340 <= y <= 1480 else "gregorian"


def _unresolved_value(spec: Spec) -> str:
    y = f"{spec.year:04d}" if spec.year is not None else "XXXX"
    if spec.month is None:
        return y
    if spec.day is None:
        return f"{y}-{spec.month:02d}"
    return f"{y}-{spec.month:02d}-{spec.day:02d}"


def resolve_spec(spec: Spec, ref: dt.date | None) -> Hit | None:
    """Resolve a calendar date spec against the publication date; None if it is not a date."""
    relative = spec.year is None
    hit = Hit(calendar=spec.calendar, relative=relative, mod=spec.mod, spec=spec)
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
        if spec.mod:
            iv = P.part(iv, spec.mod, hijri_year=y if m is None else None)
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
        if spec.mod:
            iv = P.part(iv, spec.mod)
    hit.value, hit.start, hit.end = iv.value, iv.start, iv.end
    return hit


def _from_interval(
    iv: P.Interval | None, *, relative: bool = True, mod: str = "", unresolved: str = ""
) -> Hit:
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


def _month_of(g: re.Match) -> tuple[int, str] | None:
    lx = lexicon()
    mg2 = g.group("mg2") if "mg2" in g.re.groupindex else None
    if mg2 and _key(lx.months, mg2).month != _key(lx.months, g.group("mg")).month:
        return None
    for grp in ("mg", "mh"):
        form = g.group(grp) if grp in g.re.groupindex else None
        mo = _key(lx.months, form)
        if mo is not None:
            return mo.month, mo.calendar
    return None


def _mod(g: re.Match) -> str:
    if "mod" not in g.re.groupindex:
        return ""
    return _key(lexicon().modifiers, g.group("mod")) or ""


def _year_part(g: re.Match, spec: Spec, *, month_cal: str) -> bool:
    """Fill the year of ``spec`` from the year/deictic groups; False if the calendars clash."""
    lx = lexicon()
    if g.group("y"):
        suffix = g.group("ys")
        y = int(g.group("y"))
        ycal = _year_calendar(y, suffix) if suffix or month_cal == "gregorian" else "hijri"
        if month_cal == "gregorian" and ycal == "hijri" and not suffix:
            ycal = "gregorian"
        if ycal != month_cal or (ycal == "gregorian" and not 1000 <= y <= 2100):
            return False
        spec.year = y
    elif g.group("ydx"):
        spec.year_dir = _key(lx.deictics, g.group("ydx"))
    elif g.group("mdx"):
        spec.month_dir = _key(lx.deictics, g.group("mdx"))
    return True


def interp_dmy(g: re.Match, ctx: Context) -> Hit | None:
    """Day + month (+ year): "10 أغسطس 2015"، "الخامس من رمضان"، "العشرين من الشهر الجاري"."""
    lx = lexicon()
    day = int(g.group("d")) if g.group("d") else _key(lx.ordinals_m, g.group("do"))
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
        spec = Spec(day=day, month_rel=True, month_dir=_key(lx.deictics, g.group("mdx")))
        if spec.month_dir is None:
            return None
        return resolve_spec(spec, ctx.ref)
    mo = _month_of(g)
    if mo is None:
        return None
    spec = Spec(calendar=mo[1], month=mo[0], day=day)
    if not _year_part(g, spec, month_cal=mo[1]):
        return None
    _default_month_dir(spec, ctx, g.start())
    return resolve_spec(spec, ctx.ref)


def _default_month_dir(spec: Spec, ctx: Context, start: int) -> None:
    """A month with no year and no deictic: the next one after a future cue; otherwise a bare month
    is the last one (this month included) and a day of a month the nearest such day, since news
    names days ahead ("تفرض في 16 سبتمبر") as often as days behind."""
    if spec.year is None and spec.year_dir is None and spec.month_dir is None:
        if ctx.future_before(start):
            spec.month_dir = 2
        else:
            spec.month_dir = 3 if spec.day is not None else -2


def interp_nummy(g: re.Match, ctx: Context) -> Hit | None:
    """Numeric month/year after "شهر": "نهاية شهر 5/2015"."""
    y = int(g.group("y"))
    cal = _year_calendar(y, g.group("ys"))
    return resolve_spec(Spec(calendar=cal, year=y, month=int(g.group("mm")), mod=_mod(g)), ctx.ref)


def interp_my(g: re.Match, ctx: Context) -> Hit | None:
    """Month (+ year or deictic): "مايو 2023"، "شهر رمضان"، "أغسطس الماضي"، "أيار (مايو) 2014"."""
    mo = _month_of(g)
    if mo is None:
        return None
    month_no, cal = mo
    form = g.group("mg") or g.group("mh")
    entry = _key(lexicon().months, form)
    has_tail = bool(g.group("y") or g.group("ydx") or g.group("mdx"))
    in_context = has_tail or g.group("shr") or g.group("holy") or g.group("mg2")
    # "في رمضان"، "نهاية رمضان": a name is not read after a time preposition or a modifier.
    named = entry.after_preposition and (g.group("mod") or _after_preposition(ctx.text, g))
    if entry.ambiguous and not (in_context or named):
        return None
    spec = Spec(calendar=cal, month=month_no, mod=_mod(g))
    if not _year_part(g, spec, month_cal=cal):
        return None
    _default_month_dir(spec, ctx, g.start())
    return resolve_spec(spec, ctx.ref)


def _after_preposition(text: str, g: re.Match) -> bool:
    """True if a time preposition (في، قبل، خلال...) is the word right before the match."""
    start = g.start("c") if "c" in g.re.groupindex else g.start()
    return (
        start > 0
        and text[start - 1] in " \t"
        and prev_word(text, start) in lexicon().year_prepositions
    )


def _year_in_context(text: str, start: int) -> bool:
    """True if a preposition sits right before ``start`` or an event noun among the 3 words."""
    lx = lexicon()
    if start == 0 or text[start - 1] not in " \t":
        return False
    before = _WORD_CHARS_RE.findall(text, max(0, start - 40), start)[-3:]
    if not before:
        return False
    if _readings(before[-1]) & lx.year_prepositions:
        return True
    return any(_readings(w) & lx.year_events for w in before)


def _readings(word: str) -> set[str]:
    """The word and its stems without proclitics ("وكاس" -> "كاس")."""
    return {stem for _, stem in proclitic_splits(word, min_stem=2)}


def interp_year(g: re.Match, ctx: Context) -> Hit | None:
    """A year in date context: "عام 2022"، "2015م"، "1436هـ"، "في 2015"، "1436/1437هـ"."""
    y = int(g.group("y"))
    suffix = g.group("ys")
    mod = _mod(g)
    start = g.start("c")
    cal = _year_calendar(y, suffix)
    if not (g.group("yt") or mod):
        # Without a trigger noun, a year needs a calendar mark, a preposition right before it or
        # an event name ending with it, and a plausible modern value ("1200م" is metres).
        if (not suffix or suffix == "م") and cal == "gregorian" and not 1800 <= y <= 2100:
            return None
        if not suffix and not _year_in_context(ctx.text, start):
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
    return _join(first, second)


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
    cal = _year_calendar(y, g.group("ys"))
    if cal == "gregorian" and not 1900 <= y <= 2100:
        return None
    return resolve_spec(Spec(calendar=cal, year=y, month=m, day=d), ctx.ref)


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
    if s > 0 and text[s - 1] in "بلك":  # a preposition glued to it: "للاثنين"
        return True
    before = prev_word(text, s)
    # "وكلا الاثنين"، "ومن الاثنين": the word itself, or without its و/ف, or all its clitics.
    forms = (before, before[1:] if before[:1] in ("و", "ف") else "", _CLITIC_RE.sub("", before))
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
        off = _key(lx.relative, g.group("rel"))
        if ctx.ref is None:
            return Hit(value="XXXX-XX-XX", granularity="day", relative=True)
        d = ctx.ref + dt.timedelta(days=off)
        wd = g.group("wd") or g.group("wdp")
        if wd:
            # "اليوم الاثنين" in a paper dated Tuesday: the weekday named wins (nearest one).
            delta = (_key(lx.weekdays, wd)[0] - d.isoweekday()) % 7
            d += dt.timedelta(days=delta if delta <= 3 else delta - 7)
        return _from_interval(P.day(d))
    form = g.group("wd2")
    w, ambiguous = _key(lx.weekdays, form)
    dx = _key(lx.deictics, g.group("wdx")) if g.group("wdx") else None
    bare = not (g.group("yom") or g.group("dp") or g.group("wdx"))
    if ambiguous and bare and _number_reading(ctx.text, s, e):
        return None
    if blocked(ctx.text, s, e):
        return None
    if ctx.ref is None:
        return Hit(value=f"XXXX-WXX-{w}", granularity="day", relative=True)
    if dx is None and ctx.future_before(s):
        dx = 2
    return _from_interval(P.day(_weekday_date(w, dx, ctx.ref)))


def _period(gran: str, offset: int, ref: dt.date) -> P.Interval:
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


_UNRESOLVED = {
    "day": "XXXX-XX-XX",
    "week": "XXXX-WXX",
    "month": "XXXX-XX",
    "year": "XXXX",
    "decade": "XXX",
    "century": "XX",
}


def interp_period(g: re.Match, ctx: Context) -> Hit | None:
    """Deictic periods: "الأسبوع الماضي"، "هذا العام"، "في وقت سابق من الأسبوع"، "نهاية الشهر"."""
    lx = lexicon()
    mod = _mod(g)
    if g.group("rel"):
        if not g.group("vq") or blocked(ctx.text, g.start("rel"), g.end("rel")):
            return None
        gran, off = "day", _key(lx.relative, g.group("rel"))
    else:
        form = g.group("pu") or g.group("pu2") or g.group("pu3")
        if g.group("pu3") and not (g.group("vq") or mod):
            return None
        gran = _key(lx.period_units, form)
        off = _key(lx.deictics, g.group("dx")) if g.group("dx") else 0
        grp = "pu" if g.group("pu") else "pu2" if g.group("pu2") else "pu3"
        if blocked(ctx.text, g.start(grp), g.end(grp)):
            return None
    if g.group("y") and gran == "year":
        # "هذا العام 1436هـ": the year in apposition says which year is meant.
        y = int(g.group("y"))
        return resolve_spec(Spec(_year_calendar(y, g.group("ys")), year=y, mod=mod), ctx.ref)
    if ctx.ref is None:
        return Hit(value=_UNRESOLVED[gran], granularity=gran, relative=True, mod=mod)
    return _from_interval(P.part(_period(gran, off, ctx.ref), mod), mod=mod)


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
        if _as_definite(prev_word(ctx.text, start)) in lexicon().units:
            return None
        if unit not in ("D", "W", "M") and not ctx.future_before(start):
            return None
    sign = 1 if direction == "بعد" else -1
    gran = {"D": "day", "W": "week", "M": "month", "Y": "year", "DE": "decade", "CE": "century"}
    mod = "APPROX" if g.group("ap") else ""
    if len(parts) > 1 or g.group("half"):
        if unit == "CE":
            return None
        if ctx.ref is None:
            shape = _offset_shape(parts)[2]
            return Hit(value=_UNRESOLVED[shape], granularity=shape, relative=True, mod=mod)
        iv = _offset_interval(parts, sign, ctx.ref)
        return None if iv is None else _from_interval(iv, mod=mod)
    if ctx.ref is None:
        return Hit(value=_UNRESOLVED[gran[unit]], granularity=gran[unit], relative=True, mod=mod)
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
    return _from_interval(iv, mod=mod)


def _number(s: str) -> float | None:
    s = " ".join(s.split())
    if s[0].isdigit():
        return float(s.replace(",", "."))
    nums = lexicon().numbers
    if " و" in s:
        a, b = s.split(" و", 1)
        va, vb = nums.get(a.strip()), nums.get(b.strip())
        return None if va is None or vb is None else va[0] + vb[0]
    v = nums.get(s)
    return None if v is None else v[0]


def _strip_article(s: str) -> str:
    return s[2:] if s.startswith("ال") else s[1:] if s.startswith("ل") else s


def _amount(g: re.Match) -> tuple[float | None, str]:
    units = lexicon().units
    if "dn" in g.re.groupindex and g.group("dn"):
        unit, _ = units[_strip_article(g.group("du"))]
        return _number(_strip_article(g.group("dn"))), unit
    if "dn2" in g.re.groupindex and g.group("dn2"):
        unit, _ = units[g.group("du2")]
        return _number(_strip_article(g.group("dn2"))), unit
    if g.group("nd"):
        unit, count = units[g.group("ud")]
        n = _number(g.group("nd"))
        return (None if n is None else n + count), unit
    if "dd" in g.re.groupindex and g.group("dd"):
        unit, count = units[_strip_article(g.group("dd"))]
        return float(count), unit
    if g.group("u"):
        unit, _ = _key(units, g.group("u"))
        n = _number(g.group("n"))
        if n is not None and "half" in g.re.groupindex and g.group("half"):
            n += 0.5
        return n, unit
    form = g.group("u2") or (g.group("u3") if "u3" in g.re.groupindex else None)
    unit, count = _key(units, form)
    if ("one" in g.re.groupindex and g.group("one") == "ونصف") or g.group("half"):
        return count + 0.5, unit
    return float(count), unit


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


def _amounts(g: re.Match) -> dict[str, float] | None:
    """Amount per unit of a duration or offset match ("ثلاثة أعوام وشهرين" -> Y 3, M 2)."""
    n, unit = _amount(g)
    if n is None or n <= 0:
        return None
    parts = {unit: n}
    second = g.group("u4") or ("u5" in g.re.groupindex and g.group("u5"))
    if second:
        unit2, count2 = _key(lexicon().units, second)
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
        mod="APPROX" if g.group("ap") else "",
    )


def interp_set(g: re.Match, ctx: Context) -> Hit | None:
    """Recurring times: "يوميا"، "كل عام"، "كل خميس"."""
    if g.group("set"):
        value = _key(lexicon().sets, g.group("set"))
        gran = {"D": "day", "W": "week", "M": "month", "Y": "year", "H": "hour"}[value[-1]]
        return Hit(type="SET", value=value, granularity=gran)
    w, _ = _key(lexicon().weekdays, g.group("swd"))
    return Hit(type="SET", value=f"XXXX-WXX-{w}", granularity="day")


def interp_quarter(g: re.Match, ctx: Context) -> Hit | None:
    """Quarters and halves: "الربع الأول من العام"، "النصف الثاني من 2015"."""
    n = {"الاول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الاخير": 0}[g.group("qo")]
    is_half = g.group("qh") == "النصف"
    if is_half and n > 2:
        return None
    n = n or (2 if is_half else 4)
    y_s = g.group("y") or g.group("yq")
    relative = y_s is None
    if y_s:
        y = int(y_s)
        suffix = g.group("ys") or g.group("ysq")
        if _year_calendar(y, suffix) != "gregorian":
            return None
    elif ctx.ref is None:
        return Hit(value="XXXX-" + ("H" if is_half else "Q") + str(n), relative=True)
    else:
        off = _key(lexicon().deictics, g.group("qdx")) if g.group("qdx") else 0
        y = ctx.ref.year + off
    iv = P.half(y, n) if is_half else P.quarter(y, n)
    return _from_interval(iv, relative=relative)


def _century_no(s: str, ctx: Context) -> int | None:
    """TIMEX century digits of an ordinal/number/deictic century ("العشرين" -> 19)."""
    lx = lexicon()
    s = " ".join(s.split())
    if s.replace("ال", "").strip().isdigit():
        n = _int(s)
    elif s in lx.deictics:
        if ctx.ref is None:
            return None
        return ctx.ref.year // 100 + lx.deictics[s]
    else:
        n = _key(lx.ordinals_m, s)
    return None if n is None or not 1 <= n <= 30 else n - 1


def interp_century(g: re.Match, ctx: Context) -> Hit | None:
    """Centuries: "القرن العشرين"، "القرن الـ21" (a Hijri century is kept unresolved)."""
    c = _century_no(g.group("cn"), ctx)
    if c is None:
        return None
    if next_word(ctx.text, g.end("c")) in ("الهجري", "للهجره", "هجري"):
        return Hit(value="", granularity="century", calendar="hijri", hijri=f"{c:02d}", mod=_mod(g))
    return _from_interval(P.century(c), relative=False, mod=_mod(g))


def interp_decade(g: re.Match, ctx: Context) -> Hit | None:
    """Decades: "الثمانينيات"، "التسعينيات من القرن الماضي"."""
    d = _key(lexicon().decades, g.group("dec"))
    c = 19
    relative = False
    if g.group("dc"):
        c2 = _century_no(g.group("dc"), ctx)
        if c2 is None:
            return Hit(value=f"XX{d}X", granularity="decade", relative=True, mod=_mod(g))
        c, relative = c2, g.group("dc") in lexicon().deictics
    return _from_interval(P.decade(c * 100 + d * 10), relative=relative, mod=_mod(g))


def _time_day(g: re.Match, ctx: Context) -> tuple[dt.date | None, bool]:
    day = g.group("day")
    if not day:
        return None, False
    m = side_patterns()["dayrel"].fullmatch(day)
    if not m or ctx.ref is None:
        return None, True
    hit = interp_dayrel(m, _sub_context(day, ctx))
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
            hh = 1 if h == "الواحده" else _key(lx.ordinals_f, h) or 0
            mm = 0
        fr = g.group("fr")
        if fr:
            mm = {"النصف": 30, "نصف": 30, "الربع": 15, "ربع": 15, "ثلث": 20}.get(fr, 0)
            if fr[0].isdigit():
                mm = int(fr.split()[0])
        if g.group("fm"):
            hh, mm = hh - 1, 60 - (15 if "ربع" in g.group("fm") else 20)
    if dpa:
        pm = _key(lx.daypart_adverbs, dpa)
        if pm is None:
            pm = _key(lx.daypart_nouns, dpa)
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


# --- ranges -------------------------------------------------------------------------------------


def _join(a: Hit, b: Hit) -> Hit:
    """The range from ``a`` to ``b``."""
    value = f"{a.value}/{b.value}" if a.value and b.value else ""
    hit = Hit(
        value=value,
        granularity=a.granularity,
        calendar=a.calendar,
        relative=a.relative or b.relative,
    )
    if a.hijri or b.hijri:
        hit.hijri = f"{a.hijri}/{b.hijri}"
    if a.start is not None and b.end is not None and a.start <= b.end:
        hit.start, hit.end = a.start, b.end
    return hit


# A bare year is a date on a range side, so "year" is handled in _side itself.
_SIDE_INTERP = {"dmy": interp_dmy, "num": interp_num, "my": interp_my, "dayrel": interp_dayrel}


def _sub_context(s: str, ctx: Context) -> Context:
    """A context for re-parsing a piece of a match on its own (no sentence around it)."""
    return Context(text=s, ref=ctx.ref, future_before=lambda i: False)


def _side(s: str, ctx: Context, *, partial: bool = True) -> Hit | Spec | None:
    """Parse one side of a range; on the first side a bare day ("4") or month gives a partial Spec
    that borrows the rest from the second side."""
    lx = lexicon()
    s = " ".join(s.split())
    ctx = _sub_context(s, ctx)
    if s.isdigit() and len(s) <= 2:
        return Spec(day=int(s))
    if s in lx.ordinals_m:
        return Spec(day=lx.ordinals_m[s])
    for name, rx in side_patterns().items():
        m = rx.fullmatch(s)
        if not m:
            continue
        if name == "year":
            y = int(m.group("y"))
            cal = _year_calendar(y, m.group("ys"))
            if cal == "gregorian" and not 1000 <= y <= 2100:
                return None
            return resolve_spec(Spec(calendar=cal, year=y, mod=_mod(m)), ctx.ref)
        if name == "my" and partial:
            mo = _month_of(m)
            if mo and not (m.group("y") or m.group("ydx") or m.group("mdx")):
                return Spec(calendar=mo[1], month=mo[0], mod=_mod(m))
        return _SIDE_INTERP[name](m, ctx)
    return None


def interp_range(g: re.Match, ctx: Context) -> Hit | None:
    """Ranges: "بين مايو 2023 ومارس 2024"، "من 4 الى 6 أغسطس"، "من 2010 حتى 2015"."""
    b = _side(g.group("b"), ctx, partial=False)
    if not isinstance(b, Hit) or b.type != "DATE":
        return None
    a = _side(g.group("a") or g.group("a2"), ctx)
    if isinstance(a, Spec):
        bs = b.spec
        if bs is None:
            return None
        if a.day is not None and bs.day is None:
            return None
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
    return _join(a, b)


# --- holidays -----------------------------------------------------------------------------------


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


def interp_holiday(g: re.Match, ctx: Context) -> Hit | None:
    """Holidays: "عيد الفطر"، "يوم عرفة"، "عيد الأضحى المقبل"، "رأس السنة الهجرية 1437هـ"."""
    lx = lexicon()
    h = _key(lx.holidays, g.group("hol"))
    if h is None:
        return None
    after = next_word(ctx.text, g.end("c"))
    if not (g.group("y") or g.group("hdx")) and (
        after in lx.ordinals_m
        or (after.startswith("ال") and after[2:] in lx.numbers)
        or any(ch.isdigit() for ch in after)
    ):
        return None  # "عيد الميلاد الخمسين"، "الـ50": a birthday
    n = HOLIDAY_DAYS.get(g.group("hn") or "", 1)
    relative = not g.group("y")
    if g.group("y"):
        y = int(g.group("y"))
        own = _holiday_in_year(h, y, _year_calendar(y, g.group("ys")))
    elif ctx.ref is None:
        own = None
    else:
        dx = _key(lx.deictics, g.group("hdx")) if g.group("hdx") else None
        own = _holiday_year(h, ref=ctx.ref, direction=dx)
    y_s = "XXXX" if own is None else f"{own:04d}"
    spelled = f"{y_s}-{h.month:02d}-{h.day + n - 1:02d}"
    hit = Hit(granularity="day", calendar=h.calendar, relative=relative)
    if h.calendar == "hijri":
        hit.hijri = spelled
    d = None if own is None else _holiday_date(h, own, n)
    if d is None:
        hit.value = "" if h.calendar == "hijri" else spelled
        return hit
    hit.value, hit.start, hit.end = d.isoformat(), d, d
    return hit


# Priority order settles ties between equally long candidates.
INTERPRETERS: dict[str, Callable[[re.Match, Context], Hit | None]] = {
    "range": interp_range,
    "dmy": interp_dmy,
    "num": interp_num,
    "nummy": interp_nummy,
    "time": interp_time,
    "quarter": interp_quarter,
    "holiday": interp_holiday,
    "century": interp_century,
    "decade": interp_decade,
    "my": interp_my,
    "year": interp_year,
    "offset": interp_offset,
    "period": interp_period,
    "dayrel": interp_dayrel,
    "set": interp_set,
    "duration": interp_duration,
}
