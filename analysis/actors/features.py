"""CRF token features, shared by training and tagging; per-word parts are cached."""

from __future__ import annotations

from functools import lru_cache

from ..arabic import proclitic_splits
from . import gazetteer as gz

BOS = ("BOS",)
EOS = ("EOS",)


@lru_cache(maxsize=1)
def _gaz_words() -> dict[str, str]:
    """Single gazetteer words -> entity type; first words of longer phrases -> type + ':B'."""
    out: dict[str, str] = {}
    for first, cands in gz.gazetteer().index.items():
        for rest, e in cands:
            out.setdefault(first, e.type if not rest else e.type + ":B")
    for first, rests in gz.titles().items():
        out.setdefault(first, "title" if () in rests else "title:B")
    return out


@lru_cache(maxsize=300_000)
def word_features(w: str) -> tuple[str, ...]:
    """Features of one normalised word, independent of context."""
    from .model import is_common

    splits = proclitic_splits(w)
    stem = splits[-1][1]
    prefix = splits[-1][0]
    gaz = _gaz_words()
    g = next((gaz[s] for _, s in splits if s in gaz), "")
    f = [
        "w=" + w,
        "s=" + stem,
        "p=" + prefix,
        "s2=" + stem[-2:],
        "s3=" + stem[-3:],
        "b2=" + stem[:2],
        "b1=" + stem[:1],
        "b3=" + stem[:3],
        "s1=" + stem[-1:],
        # The word as written: its clitic letters and endings (pronoun suffixes, plural, case).
        "w1=" + w[:1],
        "w2=" + w[:2],
        "w3=" + w[:3],
        "e2=" + w[-2:],
        "e3=" + w[-3:],
        "len=" + str(min(len(stem), 8)),
    ]
    if w.startswith("ال"):
        f.append("al")
    if g:
        f.append("g=" + g)
    if is_common(w):
        f.append("common")
    if stem in gz.given_names() or w in gz.given_names():
        f.append("gn")
    if w in gz.function_words():
        f.append("fw")
    if any(s in gz.speech_verbs() for _, s in splits):
        f.append("sv")
    return tuple(f)


@lru_cache(maxsize=300_000)
def context_features(w: str, rel: str) -> tuple[str, ...]:
    """The subset of a neighbour's features seen from a position ``rel`` away (-1, +1, ...)."""
    own = word_features(w)
    near = rel in ("-1:", "+1:")
    keep = [
        x
        for x in own
        if x.startswith(("s=", "g="))
        or x == "gn"
        or x.startswith("w=")
        or x in ("fw", "sv", "common", "al")
        or (near and x.startswith(("p=", "s2=", "e2=")))
    ]
    return tuple(rel + x for x in keep)


def sequence_features(
    words: list[str], lo: int = 0, hi: int | None = None, *, start: int = 0, end: int | None = None
) -> list[tuple[str, ...]]:
    """Feature tuples for ``words[lo:hi]`` within the segment ``words[start:end]`` (no slicing)."""
    end = len(words) if end is None else end
    hi = end if hi is None else hi
    out = []
    for i in range(lo, hi):
        f = word_features(words[i])
        f += context_features(words[i - 1], "-1:") if i > start else BOS
        f += context_features(words[i + 1], "+1:") if i + 1 < end else EOS
        if i > start + 1:
            f += context_features(words[i - 2], "-2:")
        if i + 2 < end:
            f += context_features(words[i + 2], "+2:")
        out.append(f)
    return out
