"""What every actor pass shares: the document's tokens on normalised text (:class:`Doc`), what is
found (:class:`Found`), per-word facts cached once per process, small predicates on words, and the
entries (identities) the passes give what they find.

Spans are over tokens; :meth:`Doc.span` maps them back to the original text (whole words, clitics
included).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

from ..arabic import (
    BASIC_LETTER_RE,
    WORD_RE,
    normalize_with_map,
    proclitic_splits,
    remove_tashkeel,
)
from . import gazetteer as gz
from . import lexicon as lx

DIGIT_RE = re.compile(r"\d")
_TRANSLIT = str.maketrans(
    {
        "ا": "a",
        "ب": "b",
        "ت": "t",
        "ث": "th",
        "ج": "j",
        "ح": "h",
        "خ": "kh",
        "د": "d",
        "ذ": "dh",
        "ر": "r",
        "ز": "z",
        "س": "s",
        "ش": "sh",
        "ص": "s",
        "ض": "d",
        "ط": "t",
        "ظ": "z",
        "ع": "",
        "غ": "gh",
        "ف": "f",
        "ق": "q",
        "ك": "k",
        "ل": "l",
        "م": "m",
        "ن": "n",
        "ه": "h",
        "و": "w",
        "ي": "y",
        "ء": "",
        "ئ": "",
        "ؤ": "",
        "پ": "p",
        "چ": "ch",
        "گ": "g",
        "ڤ": "v",
        " ": "-",
    }
)


_SLUG_RE = re.compile(r"[^a-z0-9]+")


@dataclass(slots=True)
class Found:
    """A mention over tokens ``[i, j)`` before it becomes a row."""

    i: int
    j: int
    entry: gz.Entry
    method: str
    role: str = ""
    prefix: str = ""  # the proclitic a list hit's first word carries (بالطائف: بال)


def slug(norm_name: str) -> str:
    """An ASCII slug of a normalised Arabic name (stable across documents)."""
    s = _SLUG_RE.sub("-", norm_name.translate(_TRANSLIT).lower()).strip("-")
    return s or "x"


class Tags(NamedTuple):
    """The statistical tagger's reading of a document, per token (see :mod:`.tagging`)."""

    tags: list[str]  # BIO tag ('O' where the tagger did not run)
    probs: list[float]  # the tagger's marginal of that tag (0.0 for 'O')
    ran: list[bool]  # whether the tagger read the token


class Doc:
    """Tokens of one document on its normalised text, with the helpers the passes share."""

    # Every attribute a pass may read, declared: nothing else can be set on a document.
    __slots__ = ("ends", "glue", "info", "n", "norms", "nt", "starts", "tagged", "title_rests")

    def __init__(self, text: str):
        self.nt = normalize_with_map(text)
        norm = self.nt.text
        matches = list(WORD_RE.finditer(norm))
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]
        self.norms = [m.group() for m in matches]
        # glue[k]: only blanks between token k and k+1 (a phrase or a name may continue); a line
        # break is no blank: a name never runs on into the next paragraph.
        # An abbreviation's period (د. بيرند، م. علي) glues too: one letter and a dot.
        self.glue = [
            (not (gap := norm[e:s].strip()) and "\n" not in norm[e:s])
            or (gap == "." and e - b == 1 and BASIC_LETTER_RE.match(norm[b]) is not None)
            for b, e, s in zip(self.starts, self.ends, self.starts[1:], strict=False)
        ] + [False]
        self.n = len(matches)
        # Everything the passes ask of a word, computed once per distinct word per process.
        get = _INFO.get
        self.info = [get(w) or word_info(w) for w in self.norms]
        self.title_rests = [x.title_rests for x in self.info]
        # Set once by tagging.doc_tags, after the gazetteer pass; None until then (and without it).
        self.tagged: Tags | None = None

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Original-text span of tokens ``[i, j)``."""
        return self.nt.span(self.starts[i], self.ends[j - 1])

    def splits(self, i: int) -> tuple[tuple[str, str], ...]:
        """Every (proclitic, stem) reading of token ``i``."""
        return proclitic_splits(self.norms[i])


@dataclass(frozen=True, slots=True)
class WordInfo:
    """Per-word facts the passes look up (cached per distinct normalised word)."""

    title_rests: tuple[tuple[str, ...], ...]
    speech: bool
    phrase_start: bool  # may start a gazetteer phrase or a ministry head
    candidate: bool  # the tagger should look at it
    facility: bool  # opens a building's name (ملعب، بمطار; not the generic الملعب)
    org_head: int  # opens an organisation's name: 1 indefinite (هيئة، بغرفة), 2 definite (الهيئة)


_INFO: dict[str, WordInfo] = {}


_INFO_MAX = 500_000


def word_info(word: str) -> WordInfo:
    """Compute (and cache) the facts about one normalised word."""
    g = gz.gazetteer()
    info = WordInfo(
        title_rests_of(word),
        _is_speech_verb(word),
        # A false friend alone (الحكومة) may still open a head phrase (الحكومة اليمنية).
        bool(g.readings(word) and word not in gz.stoplist()) or starts_head(word),
        lx.is_candidate(word),
        facility_head(word),
        _org_head(word),
    )
    if len(_INFO) < _INFO_MAX:
        _INFO[word] = info
    return info


def _org_head(word: str) -> int:
    """2 if a reading of the word is a definite organisation head (الهيئة، للبنك), 1 if indefinite
    (هيئة، بغرفة), else 0."""
    heads = gz.org_heads()
    best = 0
    for p, s in proclitic_splits(word):
        if s in heads:
            definite = p.endswith(("ال", "لل"))
            if definite or not heads[s]:
                best = max(best, 2 if definite else 1)
    return best


@lru_cache(maxsize=300_000)
def starts_head(word: str) -> bool:
    """Whether some reading of the word starts a ministry head phrase."""
    first = gz.ministry_heads().first
    return any(s in first for _, s in proclitic_splits(word))


@lru_cache(maxsize=300_000)
def title_rests_of(word: str) -> tuple[tuple[str, ...], ...]:
    """Continuations of every title some reading of the word starts."""
    titles = gz.titles()
    return tuple(r for _, s in proclitic_splits(word) for r in titles.get(s, ()))


@lru_cache(maxsize=300_000)
def _is_speech_verb(word: str) -> bool:
    speech = gz.speech_verbs()
    return any(s in speech for _, s in proclitic_splits(word))


def facility_head(word: str) -> bool:
    """Whether the word is an indefinite facility head, proclitics allowed (ملعب، بمطار; not الملعب)."""
    heads = gz.facility_heads()
    return any(s in heads and not p.endswith(("ال", "لل")) for p, s in proclitic_splits(word))


def title_at(doc: Doc, i: int) -> int | None:
    """End token of the longest title starting at token ``i``, or None."""
    best = None
    rests = doc.title_rests[i]
    if rests:
        for rest in rests:
            j = i + 1 + len(rest)
            if j > doc.n or (best is not None and j <= best):
                continue
            if all(doc.norms[i + 1 + k] == w and doc.glue[i + k] for k, w in enumerate(rest)):
                best = j
    return best


def inside_title(doc: Doc, i: int) -> bool:
    """Whether token ``i`` continues a title opened just before (رئيس مجلس الوزراء العراقي: a role)."""
    for x in range(i - 1, max(-1, i - 3), -1):
        if not doc.glue[x]:
            return False
        if doc.title_rests[x] and (title_at(doc, x) or 0) > i:
            return True
    return False


@lru_cache(maxsize=300_000)
def prefixed_article(word: str) -> bool:
    """Whether the word reads as و/ف/ب/ل/ك + article (والأمير، للعلوم، بالرياض)."""
    return any(
        p not in ("", "ال") and p.endswith(("ال", "لل")) and word[len(p) :] == s
        for p, s in proclitic_splits(word)
    )


@lru_cache(maxsize=300_000)
def definite(word: str) -> bool:
    """Whether the word carries the article (الشؤون، بالديوان، للحملة)."""
    return word.startswith("ال") or any(p.endswith(("ال", "لل")) for p, _ in proclitic_splits(word))


def article_word(word: str) -> bool:
    """A word with the article and no other proclitic (inside a name: الإغاثة، الإسلامية)."""
    return word.startswith("ال") and len(word) > 3


@lru_cache(maxsize=100_000)
def host(word: str) -> str:
    """The word without the proclitics it plausibly carries (لبنك -> بنك; بنك stays بنك): the
    longest clitic reading whose rest is a known word, else the word as written. No letter is
    taken off a head noun: بلدية and وبلدية read بلدية, not ب + لدية (لديه is a word, not this one)."""
    splits = proclitic_splits(word)
    vocab, heads, facilities = lx.lexicon().vocab, gz.org_heads(), gz.facility_heads()
    head_at = [len(p) for p, st in splits if st in heads or st in facilities]
    for p, st in reversed(splits):
        if not p or not (st in vocab or st in heads or st in gz.given_names()):
            continue
        if st in heads or st in facilities or not any(n < len(p) for n in head_at):
            return st
    return word


def without_proclitic(name: str, first: str, stem: str) -> str:
    """A name as written without the preposition or conjunction its first word carries, the article
    kept (للهيئة السعودية -> الهيئة السعودية، بمدرسة ... -> مدرسة ...)."""
    prefix = first[: len(first) - len(stem)]
    if not prefix or name[: len(prefix)] != prefix:
        return name
    if prefix.endswith("لل"):
        return "ال" + name[len(prefix) :]
    if prefix.endswith("ال"):
        return name[len(prefix) - 2 :]
    return name[len(prefix) :]


def person_entry(
    doc: Doc, i: int, j: int, affiliation: gz.Entry | None, *, joined: bool = False
) -> gz.Entry:
    """A person's entry; ``joined``: the first word carries the و that joins it to a list."""
    words = doc.norms[i:j]
    s, e = doc.span(i, j)
    aff_id = affiliation.actor_id if affiliation else ""
    iso3 = affiliation.iso3 if affiliation else ""
    name_ar = remove_tashkeel(doc.nt.original[s:e])
    # The conjunction before a name is not part of it (وعفراء خوجلي is عفراء خوجلي): one id for both.
    cut = next(
        (
            len(p)
            for p, st in doc.splits(i)
            if p in ("و", "ف")
            and (st in gz.given_names() or (joined and p == "و"))
            # فرشيد and فلورانس are names themselves, not ف + رشيد.
            and words[0] not in gz.given_names()
            and words[0] not in lx.lexicon().vocab
        ),
        0,
    )
    if cut and name_ar[:cut] == words[0][:cut]:
        words = [words[0][cut:], *words[1:]]
        name_ar = name_ar[cut:]
    return gz.Entry(
        f"person:{slug(' '.join(words))}", name_ar, "", "person", iso3, affiliation=aff_id
    )


def named_entry(
    doc: Doc, i: int, j: int, words: list[str], *, kind: str, iso3: str = ""
) -> gz.Entry:
    """The entry of an organisation or place a pattern names over tokens ``[i, j)``: id from its
    normalised ``words`` (the first without its proclitics), name as written without them."""
    s, e = doc.span(i, j)
    name = without_proclitic(remove_tashkeel(doc.nt.original[s:e]), doc.norms[i], words[0])
    prefix = "org" if kind == "organization" else "place"
    return gz.Entry(f"{prefix}:{slug(' '.join(words))}", name, "", kind, iso3)


def team_entry(place: gz.Entry) -> gz.Entry:
    """The sports team of a country or city (فاز برشلونة، منتخب مصر): an organisation."""
    base = place.actor_id.split(":", 1)[1]
    return replace(
        place,
        actor_id=f"org:team-{base}",
        name_en=f"{place.name_en} (team)",
        type="organization",
        form="name",
    )


_MODEL_TYPES = {"PER": "person", "ORG": "organization", "LOC": "place"}


def entity_for_model(doc: Doc, i: int, j: int, kind: str) -> gz.Entry:
    """The entry of a name only the tagger found (id from its normalised, clitic-free form)."""
    if kind == "PER":
        return person_entry(doc, i, j, None)
    words = [host(doc.norms[i]), *doc.norms[i + 1 : j]]
    return named_entry(doc, i, j, words, kind=_MODEL_TYPES[kind])
