"""CRF token features, shared by training and tagging; per-word parts are cached."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from ..arabic import (
    BASIC_LETTER_RE,
    STANDALONE_ENCLITICS,
    STANDALONE_PROCLITICS,
    proclitic_splits,
)
from . import gazetteer as gz
from .lexicon import is_common

BOS = ("BOS",)
EOS = ("EOS",)
# Clitics written as tokens of their own (NewsFANE's segmentation, typed text such as "و قال"); raw
# news glues them to their host word, and the tagger always sees them glued.
CLITIC_TOKENS = STANDALONE_PROCLITICS | STANDALONE_ENCLITICS


def clitic_groups(
    words: list[str], glue: list[bool], *, may_glue: Callable[[int], bool] = lambda k: True
) -> list[tuple[int, int, int]]:
    """(first, end, host) token ranges as the tagger reads them: a standalone proclitic joins the next
    word, a standalone pronoun suffix the previous one (``glue[k]``: only blanks after token k;
    ``may_glue(k)``: whether token k may be joined, e.g. only untagged clitics in training)."""
    out: list[tuple[int, int, int]] = []
    first = -1
    n = len(words)
    for k, w in enumerate(words):
        if (
            w in STANDALONE_PROCLITICS
            and glue[k]
            and k + 1 < n
            and BASIC_LETTER_RE.match(words[k + 1])
            and may_glue(k)
        ):
            first = k if first < 0 else first
            continue
        if (
            first < 0
            and w in STANDALONE_ENCLITICS
            and out
            and out[-1][1] == k
            and glue[k - 1]
            and BASIC_LETTER_RE.match(words[k - 1])
            and may_glue(k)
        ):
            a, _, h = out[-1]
            out[-1] = (a, k + 1, h)
            continue
        out.append((k if first < 0 else first, k + 1, k))
        first = -1
    return out


@lru_cache(maxsize=1)
def _gaz_words() -> dict[str, str]:
    """Single gazetteer words -> entity type; first words of longer phrases -> type + ':B'."""
    out: dict[str, str] = {}
    for first, cands in gz.gazetteer().index.items():
        for rest, e in cands:
            if e is not gz.NOT_AN_ACTOR:
                out.setdefault(first, e.type if not rest else e.type + ":B")
    for first, rests in gz.titles().items():
        out.setdefault(first, "title" if () in rests else "title:B")
    return out


def _word_parts(w: str) -> tuple[tuple[str, ...], list[str], list[str]]:
    """A word's own features, those every neighbour sees, and those only the next-door ones see."""
    splits = proclitic_splits(w)
    stem = splits[-1][1]
    prefix = splits[-1][0]
    gaz = _gaz_words()
    g = next((gaz[s] for _, s in splits if s in gaz), "")
    # Seen from ±1 (±2: see bundle): the word, its stem, list membership and flags.
    far = ["w=" + w, "s=" + stem]
    # Seen from ±1 only: the proclitic and the endings.
    near = ["p=" + prefix, "s2=" + stem[-2:], "e2=" + w[-2:]]
    rest = [
        "s3=" + stem[-3:],
        "b2=" + stem[:2],
        "b1=" + stem[:1],
        "b3=" + stem[:3],
        "s1=" + stem[-1:],
        # The word as written: its clitic letters and endings (pronoun suffixes, plural, case).
        "w1=" + w[:1],
        "w2=" + w[:2],
        "w3=" + w[:3],
        "e3=" + w[-3:],
        "len=" + str(min(len(stem), 8)),
    ]
    if w.startswith("ال"):
        far.append("al")
    if g:
        far.append("g=" + g)
    if is_common(w):
        far.append("common")
    if stem in gz.given_names() or w in gz.given_names():
        far.append("gn")
    if w in gz.function_words():
        far.append("fw")
    if any(s in gz.speech_verbs() for _, s in splits):
        far.append("sv")
    return tuple(far + near + rest), far, near


def word_features(w: str) -> tuple[str, ...]:
    """Features of one normalised word, independent of context."""
    return bundle(w)[0]


@lru_cache(maxsize=400_000)
def bundle(w: str) -> tuple[tuple[str, ...], ...]:
    """A word's own features and what its neighbours see of it, from -1, +1, -2 and +2 (one cache
    entry per word type: tagging a sentence only joins precomputed tuples)."""
    own, far, near = _word_parts(w)
    both = far + near
    # Two words away only the stem and list membership still help (and every feature costs time).
    far2 = [x for x in far if x[:2] in ("s=", "g=") or x == "gn"]
    return (
        own,
        tuple(["-1:" + x for x in both]),
        tuple(["+1:" + x for x in both]),
        tuple(["-2:" + x for x in far2]),
        tuple(["+2:" + x for x in far2]),
    )


def context_features(w: str, rel: str) -> tuple[str, ...]:
    """The subset of a neighbour's features seen from a position ``rel`` away (-1, +1, ...)."""
    return bundle(w)[("-1:", "+1:", "-2:", "+2:").index(rel) + 1]


def sequence_features(
    words: list[str], lo: int = 0, hi: int | None = None, *, start: int = 0, end: int | None = None
) -> list[tuple[str, ...]]:
    """Feature tuples for ``words[lo:hi]`` within the segment ``words[start:end]`` (no slicing)."""
    end = len(words) if end is None else end
    hi = end if hi is None else hi
    a, b = max(start, lo - 2), min(end, hi + 2)
    bs = [bundle(w) for w in words[a:b]]
    out = []
    for i in range(lo, hi):
        x = i - a
        out.append(
            bs[x][0]
            + (bs[x - 1][1] if i > start else BOS)
            + (bs[x + 1][2] if i + 1 < end else EOS)
            + (bs[x - 2][3] if i > start + 1 else ())
            + (bs[x + 2][4] if i + 2 < end else ())
        )
    return out
