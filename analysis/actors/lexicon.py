"""What the tagger's training data says about words: the lexicon shipped beside the model and the
word predicates built on it (common words, candidates for the tagger, name-like words, verbs).

The file lives in ``data/models/`` (see its README) and loads once per process; if it is absent every
word is unseen and the extractor still runs on gazetteer and patterns alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..arabic import BASIC_LETTER_CLASS, PRONOUN_SUFFIXES, proclitic_splits
from ..resources import data_lines
from . import gazetteer as gz
from .modelfiles import LEXICON_PATH, verify

COMMON_MIN_COUNT = 3  # seen this often outside names: a common word
MAX_NAME_SHARE = 0.02  # at most this share inside names: a non-name word
MIN_NAMEY_SHARE = 0.5  # at least this share inside names: a name word
ARABIC_WORD_RE = re.compile(BASIC_LETTER_CLASS + "{2,}")


@dataclass(frozen=True)
class Lexicon:
    """What the training data says about words."""

    common: frozenset[str]  # seen >= COMMON_MIN_COUNT times, (almost) never in a name
    seen: frozenset[str]  # (almost) never in a name
    namey: frozenset[str]  # mostly inside names
    vocab: frozenset[str]  # every training word


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The training-vocabulary lexicon (empty when the file is absent)."""
    common, seen, namey, vocab = set(), set(), set(), set()
    if LEXICON_PATH.exists():
        verify(LEXICON_PATH)
        for ln in data_lines(LEXICON_PATH):
            if "\t" in ln:
                w, n, k = ln.split("\t")
                n, k = int(n), int(k)
                vocab.add(w)
                if k / n <= MAX_NAME_SHARE:
                    seen.add(w)
                    if n >= COMMON_MIN_COUNT:
                        common.add(w)
                elif k / n >= MIN_NAMEY_SHARE:
                    namey.add(w)
    return Lexicon(frozenset(common), frozenset(seen), frozenset(namey), frozenset(vocab))


@lru_cache(maxsize=300_000)
def is_namey(word: str) -> bool:
    """A word the training data never saw, or saw mostly inside names (جوجل، مانشستر)."""
    lex = lexicon()
    for _, s in proclitic_splits(word):
        if s in lex.namey:
            return True
        if s in lex.vocab:
            return False
    return True


def is_common(word: str) -> bool:
    """True if the normalised word (or it without a leading و/ف) is a frequent non-name word."""
    common = lexicon().common
    return word in common or (word[:1] in ("و", "ف") and word[1:] in common)


def not_name(word: str) -> bool:
    """A word the training data saw (almost) only outside names, a function word or a future verb."""
    return word in gz.function_words() or word in lexicon().seen or future_verb(word)


@lru_cache(maxsize=300_000)
def future_verb(word: str) -> bool:
    """س + a known imperfect verb (سيزور = س + يزور): a verb, never part of a name."""
    w = word[1:] if word[:1] in ("و", "ف") else word
    return w[:1] == "س" and w[1:2] in ("ي", "ت", "ن", "ا") and w[1:] in lexicon().seen


@lru_cache(maxsize=300_000)
def clitic_reading(word: str) -> bool:
    """Whether the word plausibly carries a proclitic: stripping one leaves a word the training data
    knows (وخلية، بأسلوب). A name that merely starts with such a letter (فيرغوسن، بوتين) does not."""
    vocab = lexicon().vocab
    return any(p and s in vocab for p, s in proclitic_splits(word))


@lru_cache(maxsize=300_000)
def prep_reading(word: str) -> bool:
    """Whether the word reads as a preposition + a known word (لكرة = ل + كرة): no name starts so."""
    seen = lexicon().seen
    return any(
        p and p not in ("و", "ف") and len(s) >= 3 and s in seen for p, s in proclitic_splits(word)
    )


def is_common_reading(word: str) -> bool:
    """True if any clitic-stripped reading (3+ letters) of the word is common (بأسلوب -> أسلوب)."""
    return any(len(s) >= 3 and is_common(s) for _, s in proclitic_splits(word))


@lru_cache(maxsize=300_000)
def is_candidate(word: str) -> bool:
    """An Arabic word the training data never saw outside a name, in any clitic/pronoun reading."""
    if not ARABIC_WORD_RE.match(word) or word in gz.function_words():
        return False
    seen = lexicon().seen
    for _, s in proclitic_splits(word):
        if s in seen:
            return False
        for suf in PRONOUN_SUFFIXES:
            if s.endswith(suf) and len(s) - len(suf) >= 3 and s[: -len(suf)] in seen:
                return False
    return True
