"""Arabic text utilities: normalisation with an offset map, tokens with offsets, proclitics.

Everything here is a pure function; regexes and translation tables are compiled once at import.

The central piece is :func:`normalize_with_map`: extractors match on the normalised string and use
:meth:`NormText.span` to report spans that index into the *original* text, so that
``text[start:end] == surface`` holds whatever tashkeel, tatweel or invisible marks the text carries.
Only deletions and one-to-one substitutions are applied, so the map is a simple index array.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

# Harakat, Quranic marks, superscript alef: combining marks that change no letter identity.
TASHKEEL = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
TATWEEL = "\u0640"
# Bidi embedding/override/isolate controls, LRM/RLM/ALM, zero-width space/joiners, BOM.
INVISIBLE = "\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad"

TASHKEEL_RE = re.compile(f"[{TASHKEEL}]")
TATWEEL_RE = re.compile(TATWEEL)
INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")
_DELETABLE_RE = re.compile(f"[{TASHKEEL}{TATWEEL}{INVISIBLE}]")
_MARKS_RE = re.compile(f"[{TASHKEEL}{TATWEEL}]*")

# Any Arabic-script letter, Persian and Urdu letters included (is this text Arabic at all?).
ARABIC_LETTER_RE = re.compile("[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff]")
# A letter of the basic block, hamza to yeh, as the extractors test normalised words (tatweel and
# U+063B-U+063F included, the Persian/Urdu letters not: normalised Arabic has none).
BASIC_LETTER_CLASS = "[\u0621-\u064a]"
BASIC_LETTER_RE = re.compile(BASIC_LETTER_CLASS)
# A word: letters/digits plus the marks that may sit inside an Arabic word.
WORD_RE = re.compile(f"[^\\W_][\\w{TASHKEEL}{TATWEEL}]*")

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_ALL_ONE_TO_ONE = {**_DIGITS, **_LETTERS}


def remove_tashkeel(text: str) -> str:
    """Remove harakat and other combining Arabic marks."""
    return TASHKEEL_RE.sub("", text)


def remove_tatweel(text: str) -> str:
    """Remove the kashida (tatweel) used to stretch words."""
    return TATWEEL_RE.sub("", text)


def remove_invisible(text: str) -> str:
    """Remove bidi controls, zero-width characters and BOMs."""
    return INVISIBLE_RE.sub("", text)


def normalize_digits(text: str) -> str:
    """Map Arabic-Indic and Persian digits (and the Arabic decimal/thousands marks) to ASCII."""
    return text.translate(_DIGITS)


def normalize_letters(text: str) -> str:
    """Fold alef forms to bare alef, alef maqsura to yeh, teh marbuta to heh (for matching)."""
    return text.translate(_LETTERS)


def normalize(text: str) -> str:
    """Full matching normalisation: marks and invisibles removed, letters and digits folded."""
    return _DELETABLE_RE.sub("", text).translate(_ALL_ONE_TO_ONE)


def has_arabic(text: str) -> bool:
    """True if the text contains at least one Arabic letter."""
    return ARABIC_LETTER_RE.search(text) is not None


@dataclass(frozen=True, slots=True)
class NormText:
    """A normalised string and the map from its indices back to the original string."""

    original: str
    text: str
    # index[i] is the position in ``original`` of normalised character i; None means identity.
    index: np.ndarray | None

    def orig_start(self, i: int) -> int:
        """Original offset of normalised position ``i`` (a span start)."""
        if self.index is None:
            return i
        return len(self.original) if i >= len(self.index) else int(self.index[i])

    def orig_end(self, j: int) -> int:
        """Original offset just after normalised position ``j - 1``, trailing marks included."""
        if j <= 0:
            return 0
        end = j if self.index is None else int(self.index[j - 1]) + 1
        # Harakat or tatweel after the last letter belong to the word.
        return _MARKS_RE.match(self.original, end).end()

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Map the normalised span ``[i, j)`` to a span of the original text."""
        return self.orig_start(i), self.orig_end(j)


@lru_cache(maxsize=1)
def _code_tables() -> tuple[np.ndarray, np.ndarray]:
    """Per code point of the BMP: its folded code point, and whether normalisation deletes it."""
    fold = np.arange(0x10000, dtype=np.uint32)
    for k, v in _ALL_ONE_TO_ONE.items():
        fold[k] = v if isinstance(v, int) else ord(v)
    delete = np.zeros(0x10000, dtype=bool)
    for m in _DELETABLE_RE.finditer("".join(map(chr, range(0x10000)))):
        delete[m.start()] = True
    return fold, delete


def normalize_with_map(text: str) -> NormText:
    """Normalise ``text`` for matching, keeping a map back to original offsets."""
    # Vectorised over code points (same result as translate + delete, several times faster).
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    fold, delete = _code_tables()
    bmp = np.minimum(codes, 0xFFFF)
    mapped, drop = fold[bmp], delete[bmp]
    astral = codes > 0xFFFF
    if astral.any():
        mapped = np.where(astral, codes, mapped)
        drop &= ~astral
    if not drop.any():
        return NormText(text, mapped.tobytes().decode("utf-32-le", "surrogatepass"), None)
    index = np.flatnonzero(~drop)
    return NormText(text, mapped[index].tobytes().decode("utf-32-le", "surrogatepass"), index)


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the original text with its offsets and its normalised form."""

    start: int
    end: int
    surface: str
    norm: str


def tokenize(text: str) -> list[Token]:
    """Split text into word tokens (letters and digits) with offsets into ``text``."""
    return [
        Token(m.start(), m.end(), m.group(), normalize(m.group())) for m in WORD_RE.finditer(text)
    ]


# Proclitic chains, longest first; each entry is (prefix as normalised text, its name).
_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")
CONJ_LETTERS = "".join(_CONJ)
PREP_LETTERS = "".join(_PREP)
# The optional letters that may open a word before its stem: a conjunction, then a preposition.
PROCLITIC_LETTERS = f"[{CONJ_LETTERS}]?[{PREP_LETTERS}]?"
PROCLITIC_LETTERS_RE = re.compile(f"^{PROCLITIC_LETTERS}")
# Attached pronoun suffixes looked for at a word's end (جهودها = جهود + ها), longest first where
# one ends another; the order matters, as callers slice the tuple (people.py takes the first four).
PRONOUN_SUFFIXES = ("هما", "هم", "ها", "كم", "نا", "ه", "ي")
# Clitics written as words of their own in segmented text ("و قال", "جهود ها"), as in NewsFANE.
# Proclitics: not ك (a standalone ك is rare and ambiguous) but لل; not ال, which normalised reads
# as آل (the family) and belongs to the name. Enclitics: every pronoun, feminine plural and dual too.
STANDALONE_PROCLITICS = frozenset({"و", "ف", "ب", "ل", "لل"})
STANDALONE_ENCLITICS = frozenset(PRONOUN_SUFFIXES) | {"هن", "كما", "ك"}
# Particles that sit inside personal names, normalised (عبد الله، محمد بن سلمان، أبو مازن، آل سعود),
# and those of them that link a man to his father or family (ال: normalised آل).
NAME_PARTICLES = frozenset({"بن", "بنت", "ابن", "ابو", "ابي", "عبد", "ال", "اول"})
PATRONYMIC_PARTICLES = frozenset({"بن", "ابن", "بنت", "ال"})


@lru_cache(maxsize=200_000)
def proclitic_splits(word: str, *, min_stem: int = 2) -> tuple[tuple[str, str], ...]:
    """All (prefix, stem) readings of a normalised word, from the bare word to the longest prefix.

    Handles و/ف + ب/ل/ك + ال and the contraction لل (= ل + ال). The stem keeps ``ال`` as its own
    reading too, so callers can look up both ``اليابان`` and ``يابان``.
    """
    out: list[tuple[str, str]] = [("", word)]
    seen = {word}

    def add(prefix: str, stem: str) -> None:
        if len(stem) >= min_stem and stem not in seen:
            seen.add(stem)
            out.append((prefix, stem))

    conj_options = [""] + [c for c in _CONJ if word.startswith(c)]
    for conj in conj_options:
        rest = word[len(conj) :]
        add(conj, rest)
        preps = [""] + [p for p in _PREP if rest.startswith(p)]
        for prep in preps:
            body = rest[len(prep) :]
            add(conj + prep, body)
            if prep == "ل" and body.startswith("ل"):
                # لل = ل + ال: restore the article so "لليابان" reads as "اليابان".
                add(conj + "ل", "ا" + body)
                add(conj + "لل", body[1:])
            if body.startswith("ال"):
                add(conj + prep + "ال", body[2:])
    return tuple(out)


def strip_proclitics(word: str) -> str:
    """The shortest stem of a normalised word after removing و ف ب ل ك ال لل."""
    return proclitic_splits(word)[-1][1]


# Complementisers that open reported content (قال إن، أكد أن، صرح بأن), normalised (إن and أن both
# read ان), bare or with an attached pronoun (أنه، بأنها، إنهم): the subject of the reported clause.
COMPLEMENTIZERS = frozenset(
    base + suffix for base in ("ان", "بان") for suffix in ("", *PRONOUN_SUFFIXES, "هن")
)


# --- Word knowledge for word clouds (issue 14, point 6) -----------------------------------------
# Object and possessive pronouns attached to a particle or preposition (عليك، لك، إنني، منهم):
# such a word is a function word whenever its base is one. Longest first, so "هما" before "ها".
ATTACHED_PRONOUNS = ("كما", "هما", "كن", "هن", "كم", "هم", "نا", "ني", "ها", "ك", "ه", "ي")
# Prepositions that only ever occur attached (ل، ب، ك); with a pronoun they make لك، به، كما.
ATTACHED_PREPOSITIONS = frozenset({"ل", "ب", "ك"})
ARTICLE = "ال"
# Content words that read like a clitic + pronoun (و + لي): ولي as in ولي العهد.
PRONOUN_LOOKALIKES = frozenset({"ولي"})


def pronoun_base(word: str) -> str | None:
    """The base of a normalised word read as base + attached pronoun, longest pronoun first
    (عليك -> علي، انني -> ان، لك -> ل), or None when no pronoun ends it."""
    for suffix in ATTACHED_PRONOUNS:
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)]
    return None


def takes_article(word: str, vocab: frozenset[str] | set[str]) -> bool:
    """True if ``word`` is a known word by the texts: written with the article (فكرة <- الفكرة,
    وزير <- الوزير), or itself definite and attested."""
    return (ARTICLE + word) in vocab or (word.startswith(ARTICLE) and word in vocab)


def known_stem(word: str, vocab: frozenset[str] | set[str], *, min_stem: int = 3) -> str:
    """``word`` without its conjunction/preposition clitics, stripped only when the rest is a
    known word and the whole is not (فكرة stays, never كرة; والوزير -> الوزير; لليابان ->
    اليابان). The article stays: القدم and قدم, العيد and بعيد are different words."""
    if takes_article(word, vocab):
        return word
    for prefix, stem in proclitic_splits(word)[1:]:
        if prefix.endswith(ARTICLE) or prefix.endswith("لل") or len(stem) < min_stem:
            continue  # readings that drop the article
        # A clitic before the article is safe to strip (والهادئ، بالوزير): few words begin with a
        # radical و/ف/ب/ك/ل followed by ال and three more letters.
        if takes_article(stem, vocab) or (
            stem.startswith(ARTICLE) and len(stem) >= len(ARTICLE) + min_stem
        ):
            return stem
    return word


# --- end of the word-cloud block -----------------------------------------------------------------
