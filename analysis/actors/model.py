"""The statistical part: a CRF name tagger (python-crfsuite) and the common-word lexicon it ships with.

Both files live in ``data/models/`` (see its README) and load once per process; if they are absent the
extractor still runs on gazetteer and patterns alone. To stay fast the tagger only runs over stretches
of text between punctuation that hold a *candidate*: an Arabic word that is neither common, nor a
function word, nor already matched by a list or a pattern.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .. import config

if TYPE_CHECKING:
    from .extract import Doc, Found

MODEL_PATH = config.MODELS_DIR / "actors_crf.crfsuite"
COMMON_PATH = config.MODELS_DIR / "actors_common_words.txt"
# A model span is kept only if the tagger is at least this sure of each of its tokens.
MIN_MARGINAL = 0.6
_ARABIC_RE = re.compile("[\u0621-\u064a]{2,}")


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Normalised words that are almost never part of a name in the training data."""
    if not COMMON_PATH.exists():
        return frozenset()
    with COMMON_PATH.open(encoding="utf-8") as fh:
        return frozenset(ln.strip() for ln in fh if ln.strip() and not ln.startswith("#"))


def is_common(word: str) -> bool:
    """True if the normalised word (or it without a leading و/ف) is a frequent non-name word."""
    common = common_words()
    return word in common or (word[:1] in ("و", "ف") and word[1:] in common)


def is_common_reading(word: str) -> bool:
    """True if any clitic-stripped reading (3+ letters) of the word is common (بأسلوب -> أسلوب)."""
    from ..arabic import proclitic_splits

    return any(len(s) >= 3 and is_common(s) for _, s in proclitic_splits(word))


@lru_cache(maxsize=1)
def tagger():
    """The trained CRF tagger, or None when no model file ships."""
    if not MODEL_PATH.exists():
        return None
    import pycrfsuite

    t = pycrfsuite.Tagger()
    t.open(str(MODEL_PATH))
    return t


def _segments(doc: Doc) -> list[tuple[int, int]]:
    """Token runs between punctuation (a gap that is not blank)."""
    out, s = [], 0
    for k in range(doc.n):
        if not doc.glue[k]:
            out.append((s, k + 1))
            s = k + 1
    return out


def doc_tags(doc: Doc) -> list[str]:
    """BIO tags of every token ('O' where the tagger did not run); cached on the document."""
    cached = getattr(doc, "_tags", None)
    if cached is not None:
        return cached
    from .features import sequence_features

    tags = ["O"] * doc.n
    probs = [0.0] * doc.n
    t = tagger()
    if t is not None:
        fw = None
        for s, e in _segments(doc):
            words = doc.norms[s:e]
            if not any(_ARABIC_RE.match(w) and not is_common(w) for w in words):
                continue
            if fw is None:
                from . import gazetteer as gz

                fw = gz.function_words()
            if all(w in fw or is_common(w) for w in words):
                continue
            pred = t.tag(sequence_features(words))
            for k, tag in enumerate(pred):
                if tag != "O":
                    tags[s + k] = tag
                    probs[s + k] = t.marginal(tag, k)
    doc._tags, doc._probs = tags, probs
    return tags


def name_ok(doc: Doc, i: int, j: int, *, strict: bool) -> bool:
    """Whether tokens ``[i, j)`` may be a person's name (strict: no title vouches for it)."""
    if not strict:
        return True
    tags = doc_tags(doc)
    return tags[i] == "B-PER" and all(tags[k] == "I-PER" for k in range(i + 1, j))


def model_pass(doc: Doc, found: list[Found]) -> list[Found]:
    """Names the tagger finds that no list or pattern did."""
    from . import gazetteer as gz
    from .extract import Found, entity_for_model

    tags = doc_tags(doc)
    probs = doc._probs
    taken = {k for f in found for k in range(f.i, f.j)}
    stop = gz.stoplist()
    out = []
    k = 0
    while k < doc.n:
        if not tags[k].startswith("B-"):
            k += 1
            continue
        kind = tags[k][2:]
        j = k + 1
        while j < doc.n and tags[j] == "I-" + kind:
            j += 1
        words = doc.norms[k:j]
        ok = (
            not any(x in taken for x in range(k, j))
            and min(probs[k:j]) >= MIN_MARGINAL
            and not all(w in stop or is_common(w) for w in words)
            and not is_common_reading(words[0])
            and all(_ARABIC_RE.match(w) for w in words)
        )
        if ok:
            out.append(Found(k, j, entity_for_model(doc, k, j, kind), "model"))
        k = j
    return out
