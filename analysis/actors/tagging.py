"""The statistical tagger: a CRF name tagger (python-crfsuite) trained on NewsFANE, and its reading of
a document.

The model lives in ``data/models/`` (see its README), is checked against its manifest
(:func:`.modelfiles.verify`) and loads once per process; if it is absent the extractor still runs on
gazetteer and patterns alone.

Speed: converting features for python-crfsuite is the costly step, so the tagger does not read every
token. It runs over each *candidate* and the token before it — an Arabic word that no list or
pattern has taken and that the training data never saw outside a name (any clitic reading) — with the
full sentence stretch still giving the neighbour features. Everything else stays ``O``.
"""

from __future__ import annotations

from functools import lru_cache

from .document import Doc, Tags
from .features import CLITIC_TOKENS, clitic_groups, sequence_features
from .modelfiles import MODEL_PATH, verify

# A model span is kept only if the tagger is at least this sure of each of its tokens.
MIN_MARGINAL = 0.6
# Organisations and places the lists miss are rarer in news than people: ask more of the tagger.
MIN_MARGINAL_ORG_LOC = 0.8
# Tokens tagged around a candidate: first names and titles sit before the rare surname.
WINDOW_LEFT, WINDOW_RIGHT = 1, 1
# Tokens tagged around a country or place name: organisations open a few words before it
# (المؤسسة العامة للخطوط الجوية العربية السعودية، جامعة الإسكندرية، أتليتيكو مدريد).
PLACE_WINDOW_LEFT, PLACE_WINDOW_RIGHT = 3, 2


@lru_cache(maxsize=1)
def tagger():
    """The trained CRF tagger, or None when no model file ships; a file that does not match its
    manifest raises :class:`.modelfiles.ModelFileError` (python-crfsuite would crash on it)."""
    if not MODEL_PATH.exists():
        return None
    verify(MODEL_PATH)
    # Imported here: a compiled extension only a shipped model needs (the lists work without it).
    import pycrfsuite

    t = pycrfsuite.Tagger()
    t.open(str(MODEL_PATH))
    return t


def _runs(win: list[tuple[int, int] | None], glue: list[bool]) -> list[tuple[int, int, int, int]]:
    """(segment start, segment end, run start, run end) of the token runs to tag; ``win[x]`` is the
    (left, right) window to tag around token x, None for tokens that need no tagging."""
    out = []
    if not any(win):
        return out
    s = 0
    for k in range(len(win)):
        if glue[k]:
            continue
        e = k + 1  # segment [s, e) ends at punctuation
        lo = hi = -1
        for x in range(s, e):
            w = win[x]
            if w is None:
                continue
            a, b = max(s, x - w[0]), min(e, x + w[1] + 1)
            if a <= hi:
                hi = max(hi, b)
            else:
                if hi > lo:
                    out.append((s, e, lo, hi))
                lo, hi = a, b
        if hi > lo:
            out.append((s, e, lo, hi))
        s = e
    return out


def tagger_view(doc: Doc) -> tuple[list[int], list[str], list[bool]]:
    """The tokens as the tagger was trained on them: standalone clitics (tokenised text, typos such as
    "و قال") are glued to their host word, as training glued NewsFANE's. Returns (doc index of the
    host, word, glue) per token the tagger reads."""
    norms, glue = doc.norms, doc.glue
    if CLITIC_TOKENS.isdisjoint(norms):
        return list(range(doc.n)), norms, glue
    groups = clitic_groups(norms, glue)
    return (
        [h for _, _, h in groups],
        ["".join(norms[a:b]) for a, b, _ in groups],
        [glue[b - 1] for _, b, _ in groups],
    )


def doc_tags(doc: Doc, taken: set[int], places: frozenset[int] | set[int] = frozenset()) -> Tags:
    """BIO tags and marginals of every token ('O' where the tagger did not run); cached on the doc.

    The tagger reads the candidates and the tokens of country and place names (``places``), which
    may belong to an organisation's name."""
    if doc.tagged is not None:
        return doc.tagged
    tags = ["O"] * doc.n
    probs = [0.0] * doc.n
    ran = [False] * doc.n
    t = tagger()
    if t is not None:
        idx, words, glue = tagger_view(doc)
        near, wide = (WINDOW_LEFT, WINDOW_RIGHT), (PLACE_WINDOW_LEFT, PLACE_WINDOW_RIGHT)
        win = [
            wide if k in places else near if doc.info[k].candidate and k not in taken else None
            for k in idx
        ]
        for s, e, lo, hi in _runs(win, glue):
            pred = t.tag(sequence_features(words, lo, hi, start=s, end=e))
            for k, tag in enumerate(pred):
                x = idx[lo + k]
                ran[x] = True
                if tag != "O":
                    tags[x] = tag
                    probs[x] = t.marginal(tag, k)
    doc.tagged = Tags(tags, probs, ran)
    return doc.tagged


def says_person(doc: Doc, k: int, *, first: bool) -> bool | None:
    """The tagger's vote on token ``k`` being (the start of) a person's name; None if it did not run."""
    tagged = doc.tagged
    if tagged is None or not tagged.ran[k]:
        return None
    # A title or verb just before may make the tagger open the name with I-PER: accept both.
    return tagged.tags[k] in ("B-PER", "I-PER")


def name_ok(doc: Doc, i: int, j: int, *, strict: bool, taken: set[int] = frozenset()) -> bool:
    """Whether tokens ``[i, j)`` may be a person's name (strict: no title vouches for it)."""
    if not strict:
        return True
    tags = doc_tags(doc, taken).tags
    return tags[i] == "B-PER" and all(tags[k] == "I-PER" for k in range(i + 1, j))


def local_tags(doc: Doc, lo: int, hi: int) -> list[tuple[str, float]] | None:
    """The tagger's (tag, marginal) for tokens ``[lo, hi)`` read with up to two glued words either
    side, tagged on demand (where :func:`doc_tags` did not run); None without a model or when
    standalone clitics make the tagger's tokens differ from the document's."""
    t = tagger()
    if t is None or not CLITIC_TOKENS.isdisjoint(doc.norms[lo:hi]):
        return None
    s = lo
    while s > lo - 2 and s > 0 and doc.glue[s - 1]:
        s -= 1
    e = hi
    while e < hi + 2 and e < doc.n and doc.glue[e - 1]:
        e += 1
    if not CLITIC_TOKENS.isdisjoint(doc.norms[s:e]):
        return None
    pred = t.tag(sequence_features(doc.norms, s, e, start=s, end=e))
    return [(pred[k - s], t.marginal(pred[k - s], k - s)) for k in range(lo, hi)]
