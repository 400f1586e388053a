"""The cue lexicon of reported speech (``data/lexicon/quote_cues.csv``), read once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .. import config
from ..arabic import CONJ_LETTERS, normalize, proclitic_splits
from ..resources import read_rows

CUES_FILE = config.DATA_DIR / "lexicon" / "quote_cues.csv"
BLOCKERS_FILE = config.DATA_DIR / "lexicon" / "quote_blockers.txt"
OBJECT_HEADS_FILE = config.DATA_DIR / "lexicon" / "quote_object_heads.txt"
MEDIA_FILE = config.GAZETTEER_DIR / "media.csv"
# Proclitics a cue may carry: a conjunction (وأضاف، فيما أكدت), and ب before a noun (بقوله، بحسب).
_CONJ_PREFIXES = ("", *CONJ_LETTERS)
_NOUN_PREFIXES = ("ب", *(c + "ب" for c in CONJ_LETTERS))


@dataclass(frozen=True, slots=True)
class Cue:
    """One inflected cue: its lemma, how it attributes speech, what carries content, agreement."""

    lemma: str
    type: str  # verb, report, participle, noun, according, chain, source
    takes: frozenset[str]  # prepositions and "object" that may open the content
    agree: str  # m, f, p, d or - (see the data file's header)
    prefix: str = ""  # the proclitic it was read with (و، ف، ب)


@lru_cache(maxsize=1)
def cue_forms() -> dict[str, Cue]:
    """Normalised form -> cue, for every inflection listed in the data file."""
    out: dict[str, Cue] = {}
    for row in read_rows(CUES_FILE):
        takes = frozenset(normalize(t) for t in row["takes"].split())
        for pair in row["forms"].split():
            form, _, agree = pair.partition("/")
            out.setdefault(normalize(form), Cue(row["lemma"], row["type"], takes, agree))
    return out


@lru_cache(maxsize=100_000)
def cue_of(word: str) -> Cue | None:
    """The cue a normalised word is, with its proclitic (وأضاف -> أضاف), or None."""
    forms = cue_forms()
    for prefix in _CONJ_PREFIXES:
        cue = forms.get(word[len(prefix) :]) if word.startswith(prefix) else None
        if cue is not None and cue.type != "source":
            return Cue(cue.lemma, cue.type, cue.takes, cue.agree, prefix)
    for prefix in _NOUN_PREFIXES:
        cue = forms.get(word[len(prefix) :]) if word.startswith(prefix) else None
        if cue is not None and cue.type in ("noun", "according"):
            return Cue(cue.lemma, cue.type, cue.takes, cue.agree, prefix)
    return None


@lru_cache(maxsize=1)
def cue_words() -> frozenset[str]:
    """Every normalised word :func:`cue_of` reads as a cue (a set test is cheaper than the call)."""
    forms = cue_forms()
    verbs = {f for f, c in forms.items() if c.type != "source"}
    nouns = {f for f, c in forms.items() if c.type in ("noun", "according")}
    return frozenset(
        {p + f for p in _CONJ_PREFIXES for f in verbs}
        | {p + f for p in _NOUN_PREFIXES for f in nouns}
    )


@lru_cache(maxsize=100_000)
def source_noun(word: str) -> Cue | None:
    """The unnamed-source noun a normalised word is (مصدر، مسؤول، المتحدث), or None."""
    forms = cue_forms()
    for _, stem in proclitic_splits(word):
        cue = forms.get(stem)
        if cue is not None and cue.type == "source":
            return cue
    return None


@lru_cache(maxsize=1)
def media_actor_ids() -> frozenset[str]:
    """Actor ids of the media (agencies, papers, channels) of ``data/gazetteer/media.csv``: an
    outlet a statement is reported through, not its speaker (قال لرويترز، بحسب ما نقلت واس)."""
    return frozenset(f"org:{row['org']}" for row in read_rows(MEDIA_FILE))
