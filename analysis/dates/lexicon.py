"""Date lexicon: the CSV word lists of ``data/lexicon/date_*.csv``, normalised and loaded once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import config, resources
from ..arabic import normalize

_SPACES_RE = re.compile(r"\s+")


def norm(form: str) -> str:
    """Matching form of a lexicon entry: normalised, single spaces."""
    return _SPACES_RE.sub(" ", normalize(form)).strip()


def read_rows(name: str, *, folder: Path | None = None) -> list[dict[str, str]]:
    """Rows of the lexicon CSV ``name`` (``data/lexicon/`` unless ``folder`` is given)."""
    return resources.read_rows((folder or config.LEXICON_DIR) / name)


@dataclass(frozen=True, slots=True)
class Month:
    """A month name: number, calendar and whether the word has other common readings."""

    month: int
    calendar: str
    ambiguous: bool
    # The other reading is a name: a time preposition or a modifier before it makes it the month.
    after_preposition: bool = False


@dataclass(frozen=True, slots=True)
class Holiday:
    """A named holiday: the calendar and the month and day it falls on every year."""

    calendar: str
    month: int
    day: int


@dataclass(frozen=True)
class Lexicon:
    """All date word lists, keyed by their normalised form."""

    months: dict[str, Month]
    holidays: dict[str, Holiday]
    weekdays: dict[str, tuple[int, bool]]
    weekday_numbers_before: dict[str, bool]
    weekday_numbers_after: frozenset[str]
    ordinals_m: dict[str, int]
    ordinals_f: dict[str, int]
    numbers: dict[str, tuple[int, str]]
    units: dict[str, tuple[str, int]]
    relative: dict[str, int]
    deictics: dict[str, int]
    period_units: dict[str, str]
    modifiers: dict[str, str]
    daypart_nouns: dict[str, bool]
    daypart_adverbs: dict[str, bool]
    decades: dict[str, int]
    sets: dict[str, str]
    blockers_before: dict[str, frozenset[str]]
    blockers_after: dict[str, frozenset[str]]
    vague: tuple[str, ...]
    future_cues: frozenset[str]
    year_prepositions: frozenset[str]
    year_events: frozenset[str]
    future_exceptions: tuple[str, ...]
    # Ordered as in their files: the regexes try the forms in that order.
    year_suffixes: dict[str, str]
    amount_words: frozenset[str]
    month_epithets: tuple[str, ...]
    holiday_epithets: tuple[str, ...]
    hijri_century_words: frozenset[str]
    holiday_days: dict[str, int]
    clock_hours: dict[str, int]
    clock_after: dict[str, int]
    clock_before: dict[str, int]
    year_parts: dict[str, str]
    year_part_ordinals: dict[str, int]
    whole_units: tuple[str, ...]
    vague_periods: tuple[str, ...]
    # Tense of the verb governing a bare month or weekday (date_tense_verbs.csv, date_past_cues.csv).
    past_verbs: frozenset[str]
    present_verbs: frozenset[str]
    past_cues: frozenset[str]
    past_negations: frozenset[str]
    # Past-verb look-alikes no past verb (date_past_exceptions.csv): ليست، توقيت...
    past_exceptions: frozenset[str]
    clause_openers: frozenset[str]


def _verb_forms(rows: list[dict[str, str]]) -> tuple[frozenset[str], frozenset[str]]:
    """The past and imperfect forms of the tense verbs (a form that is both is neither)."""
    past: set[str] = set()
    present: set[str] = set()
    for r in rows:
        p, stem = norm(r["past"]), norm(r["present"])[1:]
        past.update(p + s for s in ("", "ت", "وا", "ا", "نا", "تا"))
        if p[-1] in "يا":  # "انتهى": "انتهت"، "انتهوا"
            past.update(p[:-1] + s for s in ("ت", "وا"))
        # No أ- (the 1st person singular): normalised, "أرتفع" would be the past "ارتفع".
        present.update(f + stem + s for f in "يتن" for s in ("", "ون", "ان"))
    return frozenset(past - present), frozenset(present - past)


def _pairs(name: str, key: str, value: str, cast=str) -> dict[str, object]:
    return {norm(r[key]): cast(r[value]) for r in read_rows(name)}


def _forms(rows: list[dict[str, str]], column: str, value: str) -> tuple[str, ...]:
    return tuple(norm(r["form"]) for r in rows if r[column] == value)


def _kind(rows: list[dict[str, str]], kind: str, cast) -> dict[str, object]:
    return {norm(r["form"]): cast(r["value"]) for r in rows if r["kind"] == kind}


def _blockers(side: str) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for r in read_rows("date_blockers.csv"):
        if r["side"] == side:
            out.setdefault(norm(r["target"]), set()).add(norm(r["word"]))
    if side == "after":
        # "اليوم العشرين على التوالي": a day counted in a series, not today.
        ordinals = read_rows("date_ordinals.csv")
        out.setdefault("اليوم", set()).update(norm(r["form"]).split()[0] for r in ordinals)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The date lexicon, read from ``config.LEXICON_DIR`` once per process."""
    months = {
        norm(r["form"]): Month(
            int(r["month"]),
            r["calendar"],
            r["ambiguous"] == "1",
            after_preposition=r["after_preposition"] == "1",
        )
        for r in read_rows("date_months.csv")
    }
    ordinals = read_rows("date_ordinals.csv")
    weekday_numbers = read_rows("date_weekday_numbers.csv")
    dayparts = read_rows("date_dayparts.csv")
    year_context = read_rows("date_year_context.csv")
    epithets = read_rows("date_epithets.csv")
    clock = read_rows("date_clock.csv")
    year_parts = read_rows("date_year_parts.csv")
    past, present = _verb_forms(read_rows("date_tense_verbs.csv"))
    past_cues = read_rows("date_past_cues.csv")
    return Lexicon(
        months=months,
        holidays={
            norm(r["form"]): Holiday(r["calendar"], int(r["month"]), int(r["day"]))
            for r in read_rows("date_holidays.csv")
        },
        weekdays={
            norm(r["form"]): (int(r["isoweekday"]), r["ambiguous"] == "1")
            for r in read_rows("date_weekdays.csv")
        },
        weekday_numbers_before={
            norm(r["word"]): r["always"] == "1" for r in weekday_numbers if r["side"] == "before"
        },
        weekday_numbers_after=frozenset(
            norm(r["word"]) for r in weekday_numbers if r["side"] == "after"
        ),
        ordinals_m={norm(r["form"]): int(r["value"]) for r in ordinals if r["gender"] == "m"},
        ordinals_f={norm(r["form"]): int(r["value"]) for r in ordinals if r["gender"] == "f"},
        numbers={
            norm(r["form"]): (int(r["value"]), r["kind"]) for r in read_rows("date_numbers.csv")
        },
        units={norm(r["form"]): (r["unit"], int(r["count"])) for r in read_rows("date_units.csv")},
        relative=_pairs("date_relative.csv", "form", "offset", int),
        deictics=_pairs("date_deictics.csv", "form", "offset", int),
        period_units=_pairs("date_period_units.csv", "form", "granularity"),
        modifiers=_pairs("date_modifiers.csv", "form", "mod"),
        daypart_nouns={norm(r["form"]): r["pm"] == "1" for r in dayparts if r["kind"] == "noun"},
        daypart_adverbs={
            norm(r["form"]): r["pm"] == "1" for r in dayparts if r["kind"] == "adverb"
        },
        decades=_pairs("date_decades.csv", "form", "decade", int),
        sets=_pairs("date_sets.csv", "form", "value"),
        blockers_before=_blockers("before"),
        blockers_after=_blockers("after"),
        vague=tuple(norm(r["form"]) for r in read_rows("date_vague.csv")),
        future_cues=frozenset(norm(r["form"]) for r in read_rows("date_future_cues.csv")),
        year_prepositions=frozenset(
            norm(r["form"]) for r in year_context if r["kind"] == "preposition"
        ),
        year_events=frozenset(norm(r["form"]) for r in year_context if r["kind"] == "event"),
        future_exceptions=tuple(norm(r["prefix"]) for r in read_rows("date_future_exceptions.csv")),
        year_suffixes=_pairs("date_year_suffixes.csv", "form", "calendar"),
        amount_words=frozenset(norm(r["form"]) for r in read_rows("date_amount_words.csv")),
        month_epithets=_forms(epithets, "follows", "month"),
        holiday_epithets=_forms(epithets, "follows", "holiday"),
        hijri_century_words=frozenset(_forms(epithets, "follows", "hijri_century")),
        holiday_days=_pairs("date_holiday_days.csv", "form", "day", int),
        clock_hours=_kind(clock, "hour", int),
        clock_after=_kind(clock, "after", int),
        clock_before=_kind(clock, "before", int),
        year_parts=_kind(year_parts, "part", str),
        year_part_ordinals=_kind(year_parts, "ordinal", int),
        whole_units=tuple(norm(r["form"]) for r in read_rows("date_whole_units.csv")),
        vague_periods=tuple(norm(r["form"]) for r in read_rows("date_vague_periods.csv")),
        past_verbs=past,
        present_verbs=present,
        past_cues=frozenset(_forms(past_cues, "kind", "cue")),
        past_negations=frozenset(_forms(past_cues, "kind", "negation")),
        past_exceptions=frozenset(norm(r["form"]) for r in read_rows("date_past_exceptions.csv")),
        clause_openers=frozenset(norm(r["form"]) for r in read_rows("date_clause_openers.csv")),
    )
