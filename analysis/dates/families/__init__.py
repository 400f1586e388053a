"""The date grammar: ONE table of families, each a pattern builder and an interpreter.

A family is one regex over the *normalised* text built from the shared pieces of
:mod:`analysis.dates.pieces`, and an interpreter that reads a match into a :class:`~analysis.dates.hits.Hit`
(TIMEX3 type and value, resolved interval) or rejects it, letting the next family try. A range is two of
the calendar-date pieces joined by بين/من ... و/إلى/حتى (or a dash between day numbers). All families
are joined in one scanner (:mod:`analysis.dates.scanner`) so the text is read once; their order in
:data:`FAMILIES` settles ties. Adding a family is one entry here (and its module in this package).

Documented choices:
- a month or a bare weekday without a year is read by the tense of the nearest verb before it in its
  clause (after any إن/أن, ``date_clause_openers.csv``): a past verb (``date_tense_verbs.csv``: ارتفعت،
  عقد...; or any word shaped as a past verb with its subject suffix, a stem of 3-6 letters + ت/وا,
  أبحروا، اختتمت, less the look-alikes of ``date_past_exceptions.csv``), منذ or لم + imperfect (``date_past_cues.csv``) make it the last one (the current month or
  the publication day included); an imperfect verb (يعقد) or a future cue (``date_future_cues.csv``:
  المقرر، القادم...; or a سـ-prefixed verb), or with no verb in the clause a future cue earlier in the
  sentence, the next one (the current one included); with none, the one nearest the publication
  date (distance to its interval, ties to the past), and the row has ``year_inferred``;
  الماضي/المقبل mean the last one before / the next one after the current month (a weekday's
  exclude the publication day); a weekday next to a relative day wins over it;
  الأحد/الاثنين ("the one"/"the two") are weekdays anywhere in a sentence ("أفرجت الاثنين عن...")
  unless read as the number (``date_weekday_numbers.csv``: بين/كلا/أي من الاثنين، الاثنين معا; a
  number word after it, a definite dual before it, a preposition glued to it);
- a holiday (``date_holidays.csv``: عيد الفطر، عيد الأضحى، يوم عرفة، رأس السنة الهجرية، المولد النبوي،
  عيد الميلاد، رأس السنة) is its day in the publication's year of the holiday's calendar (the Hijri
  year for Islamic feasts, even if that day is still ahead); الماضي/المقبل make it the last one before /
  the next one after the publication day; a year written after it names the year; after a period
  that ended over 180 days before publication ("في سبتمبر من العام الماضي ... عيد الأضحى") it is
  the first one after that period; عشية is the day before, "أيام عيد الفطر الثلاثة" its first days;
- anaphoric periods ("الفترة نفسها من العام الماضي"، "الربع المماثل من العام السابق") are the
  document's last period longer than a day and shorter than a year, moved to the year named; with
  no such period there is no expression (nothing invented); a bare "النصف الأول"/"الربع الثاني" is
  of the year of the last half or quarter named, else the last one begun (``year_inferred``);
- "الشهر/العام/الأسبوع/اليوم الذي تلاه/سبقه" is the period after/before the previous date of the
  paragraph, "آخر/أول يوم من الشهر" the last/first day of its month (a Hijri date's Hijri month),
  "بعد ذلك بأسبوعين"/"قبلها بيومين" that date moved by the amount, in its own granularity (see
  :mod:`analysis.dates.families.anaphora`); with no date before it in the paragraph, or one coarser
  than the step (a month moved by days), the row is unresolved;
- a bare "العيد" is Eid al-Fitr or al-Adha (only al-Fitr after رمضان, only al-Adha after الحج in
  the 100 characters before): the last one (publication day included) after a past verb or
  الماضي, the next one after a future cue or المقبل (a plain imperfect decides nothing here),
  else the nearest (ties to the past, ``year_inferred``); unresolved beyond 90 days of
  publication; "العيد الوطني" (another adjective after it) is no Eid;
- a Hijri month with a Gregorian year ("شعبان 2015") is the one that begins in that year; a bare
  year 1340-1480 that read as Hijri would lie over 10 years after the publication, with no future
  cue, is Gregorian ("عام 1453"); the n-th week of a month is its days 7n-6..7n;
- an ambiguous Hijri month that is also a name (رمضان، رجب...) counts after a time preposition or a
  modifier ("في رمضان"، "نهاية رمضان");
- a year 1340-1480 without a calendar suffix is Hijri (Saudi usage); Hijri months and years are given
  in ``value`` as their Gregorian interval ``first/last``; the Hijri value itself is in ``hijri``;
- modifiers set ``mod`` (``date_modifiers.csv``: أوائل/مطلع/بداية START, منتصف/أواسط MID,
  أواخر/نهاية END, نحو APPROX) and ``value`` and the interval keep the whole period, as in TIMEX3
  (and the gold sets); as a side of a range ("حتى منتصف يوليو") START/MID/END place the boundary in
  the days 1-10 / 11-20 / 21-last of a month (the Arabic العشر الأوائل/الأواسط/الأواخر) or the
  months 1-4 / 5-8 / 9-12 of a year (Hijri days and months for Hijri periods), see
  :func:`analysis.dates.resolve.narrowed`;
- ranges and lists of two are one interval: بين/من ... و/إلى, two months or day numbers and a dash
  ("مارس - أبريل 2014"; one month named twice, "مارس - آذار 2010", is one month), and يومي/شهري/عامي
  ("يومي 12 و13 سبتمبر"; شهري/عامي only with a shared year or deictic at the end, "لشهري مايو
  ويونيو" stays two months);
- a number and a dual add up ("مئة وعامين" = 102 years); a second, shorter unit makes a compound
  ("ثلاثة أعوام وشهرين" = P3Y2M, "ثلاثة أيام وساعتين" = P3DT2H); an offset with a half or two units
  ("قبل ثلاثة أعوام ونصف"، "منذ عشرة أعوام وشهرين") is counted in months and days and given as the
  month (years), the week (months, weeks) or the day (days) it lands in;
- granularity adds ``half``, ``hour`` and ``minute`` to day/week/month/quarter/year/decade/century.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..hits import Interpreter
from ..pieces import Builder
from . import amounts, anaphora, days, named, ranges, relative


@dataclass(frozen=True, slots=True)
class Family:
    """A kind of expression: its name, its pattern (span in group ``c``) and its interpreter."""

    name: str
    pattern: Builder
    interpret: Interpreter
    # The family's own words (not from the lexicon) an expression may open with, for the scanner.
    opens: tuple[str, ...] = ()


# Priority order settles ties between equally long candidates: the first family whose pattern
# matches at a position and whose interpreter accepts the match wins.
FAMILIES: tuple[Family, ...] = (
    Family("range", ranges.range_pattern, ranges.interp_range),
    Family(
        "anaphor",
        anaphora.anaphor_pattern,
        anaphora.interp_anaphor,
        (
            "بعد ذلك",
            "بعد هذا",
            "قبل ذلك",
            "قبل هذا",
            "بعدها",
            "بعده",
            "قبلها",
            "قبله",
            "اخر يوم",
            "اول يوم",
        ),
    ),
    Family("mweek", days.mweek_pattern, days.interp_mweek, ("الاسبوع",)),
    Family("dmy", days.dmy_pattern, days.interp_dmy, ("يوم", "شهر", "الموافق")),
    Family("num", days.num_pattern, days.interp_num),
    Family("nummy", days.nummy_pattern, days.interp_nummy, ("شهر",)),
    Family("time", relative.time_pattern, relative.interp_time, ("الساعه",)),
    Family("quarter", named.quarter_pattern, named.interp_quarter),
    Family("months", named.months_pattern, named.interp_months),
    Family("same", named.same_pattern, named.interp_same, ("الفتره", "المده", "نفس", "ذات")),
    Family("holiday", named.holiday_pattern, named.interp_holiday, ("عشيه", "ايام", "العيد")),
    Family("century", named.century_pattern, named.interp_century, ("قرن", "القرن")),
    Family("decade", named.decade_pattern, named.interp_decade),
    Family("my", days.my_pattern, days.interp_my, ("شهر",)),
    Family("year", days.year_pattern, days.interp_year, ("عام", "العام", "سنه", "السنه", "عامي")),
    Family("offset", amounts.offset_pattern, amounts.interp_offset),
    Family("period", relative.period_pattern, relative.interp_period),
    Family("dayrel", relative.dayrel_pattern, relative.interp_dayrel, ("يوم",)),
    Family("set", amounts.set_pattern, amounts.interp_set),
    Family("duration", amounts.duration_pattern, amounts.interp_duration),
)
