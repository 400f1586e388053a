"""Reading matched forms and the words around a match: lexicon look-ups, neighbouring words, and the
context checks interpreters share (blockers, a time preposition before, a year's context)."""

from __future__ import annotations

import re

from ..arabic import PROCLITIC_LETTERS_RE, proclitic_splits
from .lexicon import lexicon

_WORD_CHARS_RE = re.compile(r"\w+")
_NEXT_WORD_RE = re.compile(r"\W*(\w+)")


def key(d: dict, s: str | None):
    """Look up a matched (normalised) form, reading a ``ل`` of ``للـ`` back as ``ال``."""
    if s is None:
        return None
    s = " ".join(s.split())
    if s in d:
        return d[s]
    if s.startswith("ل") and not s.startswith("ال"):
        return d.get("ا" + s)
    return None


def as_definite(w: str) -> str:
    """The word with a ``ل`` of ``للـ`` read back as ``ال``."""
    return "ا" + w if w.startswith("ل") and not w.startswith("ال") else w


def strip_article(s: str) -> str:
    """The form without its ``ال`` (or the ``ل`` left of it after لـ)."""
    return s[2:] if s.startswith("ال") else s[1:] if s.startswith("ل") else s


def word_number(s: str) -> int | None:
    """The value of a number in words: "خمس", "الخمسة والثلاثين", "خمس وعشرون"."""
    nums = lexicon().numbers
    total = 0
    for part in " ".join(s.split()).split(" و"):
        v = nums.get(part.strip()) or nums.get(strip_article(part.strip()))
        if v is None:
            return None
        total += v[0]
    return total


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
    first = as_definite(words[0])
    last = as_definite(words[-1])
    before = lx.blockers_before.get(first)
    if before:
        w = prev_word(text, start)
        if w in before or PROCLITIC_LETTERS_RE.sub("", w) in before:
            return True
    after = lx.blockers_after.get(last)
    return bool(after) and next_word(text, end) in after


def modifier(g: re.Match) -> str:
    """The START/MID/END modifier of a match ("" without one)."""
    if "mod" not in g.re.groupindex:
        return ""
    return key(lexicon().modifiers, g.group("mod")) or ""


def after_preposition(text: str, g: re.Match) -> bool:
    """True if a time preposition (في، قبل، خلال...) is the word right before the match."""
    start = g.start("c") if "c" in g.re.groupindex else g.start()
    return (
        start > 0
        and text[start - 1] in " \t"
        and prev_word(text, start) in lexicon().year_prepositions
    )


def year_in_context(text: str, start: int) -> bool:
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


def int_digits(s: str) -> int:
    """The number of "الـ21"، "21"."""
    return int(s.replace("ال", "").strip())
