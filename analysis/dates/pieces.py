"""Regex pieces of the date grammar: word alternations built from the lexicon, shared by every family.

Every family is one regex over the *normalised* text (see ``analysis.arabic.normalize``), built from
the same pieces — day, month, year, weekday, deictic, modifier, unit — whose word lists come from
``data/lexicon/date_*.csv``. The Arabic words written in the families themselves are the grammar's
own particles and nouns (من، في، بين، يوم، شهر، عام، سنة، قرن، الساعة...), not word lists.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..arabic import PROCLITIC_LETTERS
from .lexicon import Lexicon, lexicon


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


def words_re(forms: Iterable[str]) -> str:
    """A prefix-factored alternation of literal words (no boundary): the regex engine tries one
    branch per letter instead of every word in turn."""
    return _trie(sorted(set(forms)))


def alt(forms: Iterable[str]) -> str:
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


def ordered(forms: Iterable[str]) -> str:
    """A plain alternation of ``forms`` tried in the given order (no group, no word boundary)."""
    return "|".join(map(re.escape, forms))


def prefix_groups(pattern: str, prefix: str) -> str:
    """The pattern with its group names (and conditionals on them) prefixed, to embed it beside others."""
    pattern = re.sub(r"\(\?P<(\w+)>", rf"(?P<{prefix}\1>", pattern)
    return re.sub(r"\(\?\((\w+)\)", rf"(?({prefix}\1)", pattern)


def ungroup(pattern: str) -> str:
    """The pattern with its named groups made anonymous (to embed it twice in a range)."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


# The article, or the ل left of it after لـ (للعام).
ART = r"(?:ال|(?<=ل)ل)"
# A clitic (و ف ب ل ك) may precede the expression; it is left out of the span (group "c").
PRE = rf"(?<!\w)(?:{PROCLITIC_LETTERS})"
# Four-digit years of the Gregorian (1000-2099) and Hijri calendars; 2938 is no year.
YEAR_DIGITS = r"(?:1\d{3}|20\d\d)"


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
    # Ordered alternations (no group): year suffixes, epithets, feast days, clock fractions.
    ysuf: str
    not_amount: str
    month_epithets: str
    holiday_epithets: str
    holiday_days: str
    clock_after: str
    clock_before: str
    year_parts: str
    year_part_ordinals: str
    whole_units: str
    vague_periods: str


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
        hourw=alt([*lx.ordinals_f, *lx.clock_hours]),
        dx=alt(lx.deictics),
        mods=alt(f for f, m in lx.modifiers.items() if m in _PARTS),
        approx=alt(f for f, m in lx.modifiers.items() if m not in _PARTS),
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
        # "الخمسة والثلاثين" before "الخمسة": the compound first.
        numw_def=rf"(?:ال{unit_w}\s+وال{ten_w}|"
        + alt("ال" + f for f in (*kinds["unit"], *kinds["teen"], *kinds["ten"]))
        + ")",
        units_def=alt("ال" + f for f, (_, n) in lx.units.items() if n == 0),
        dual_def=alt("ال" + f for f, (_, n) in lx.units.items() if n == 2),
        units_plural=alt(f for f, (_, n) in lx.units.items() if n == 0),
        sets=alt(lx.sets),
        hol=alt(lx.holidays),
        ysuf=f"(?:{ordered(lx.year_suffixes)})",
        # A number followed by one of these is an amount, not a year ("2938 ألف ريال").
        not_amount=rf"(?!\s*(?:{ordered(sorted(lx.amount_words))})(?!\w))",
        month_epithets=ordered(lx.month_epithets),
        holiday_epithets=ordered(lx.holiday_epithets),
        holiday_days=ordered(lx.holiday_days),
        clock_after=ordered(lx.clock_after),
        clock_before=ordered(lx.clock_before),
        year_parts=ordered(lx.year_parts),
        year_part_ordinals=ordered(lx.year_part_ordinals),
        whole_units=ordered(lx.whole_units),
        vague_periods=ordered(lx.vague_periods),
    )


@lru_cache(maxsize=1)
def pieces() -> Pieces:
    """The pieces of the lexicon of ``config.LEXICON_DIR``, built once per process."""
    return _pieces(lexicon())


# The modifiers naming a part of a period; the others (APPROX, MORE_THAN, LESS_THAN) blur an amount.
_PARTS = ("START", "MID", "END")


def year_group(p: Pieces, suffix: str = "") -> str:
    """A four-digit year with its optional calendar mark, in groups ``y<suffix>``/``ys<suffix>``."""
    return (
        rf"(?<![\d.,/:-])(?P<y{suffix}>{YEAR_DIGITS})(?!\d)(?![.,/:]\d)(?!\s?%){p.not_amount}"
        rf"(?:\s?(?P<ys{suffix}>{p.ysuf})(?!\w))?"
    )


Builder = Callable[[Pieces], str]


@lru_cache(maxsize=16)
def whole(builder: Builder) -> re.Pattern[str]:
    """A family's pattern compiled bare, to parse a piece of a match on its own (full match)."""
    return re.compile(builder(pieces()))
