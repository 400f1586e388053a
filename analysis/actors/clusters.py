"""Word clusters learned from unlabelled news, a feature of the CRF tagger; and how they are built.

Each word of the SaudiNewsNet vocabulary gets a bit string: a path in a binary tree whose nodes split
words by the company they keep (words with the same neighbours share long prefixes, like Brown
clusters). Built by :func:`build` (``python -m analysis train --build-clusters``): counts of the
words seen one and two places left and right of each word, positive PMI, a truncated SVD, then
bisecting 2-means on the word vectors. numpy only; nothing is downloaded.

The file ``data/models/word_clusters.tsv`` (word TAB bits) is checked against its manifest and loads
once per process; without it the tagger has no cluster features (the model must then be retrained).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..arabic import WORD_RE, normalize, proclitic_splits
from ..resources import data_lines
from .modelfiles import CLUSTERS_PATH, verify

MIN_COUNT = 5  # a word seen fewer times in the corpus gets no cluster
MAX_VOCAB = 50_000
CONTEXTS = 1_500  # most frequent words used as left / right contexts
DIMS = 100
MAX_DEPTH = 12
MIN_LEAF = 8  # a node with fewer words is not split
PREFIXES = (4, 8, 12)  # bit-prefix lengths used as features


@lru_cache(maxsize=1)
def clusters() -> dict[str, str]:
    """Word -> bit string (empty when the file is absent)."""
    if not CLUSTERS_PATH.exists():
        return {}
    verify(CLUSTERS_PATH)
    out = {}
    for ln in data_lines(CLUSTERS_PATH):
        w, _, bits = ln.partition("\t")
        if bits:
            out[w] = bits
    return out


def bits_of(word: str) -> str:
    """The cluster bits of a normalised word, or of the reading that strips the fewest clitics, or ''."""
    table = clusters()
    bits = table.get(word)
    if bits is not None:
        return bits
    for _, stem in proclitic_splits(word)[1:]:
        if stem in table:
            return table[stem]
    return ""


def cluster_features(word: str) -> list[str]:
    """The tagger's cluster features of a word: its bit prefixes (``c4=0110``...), or ``c=none``."""
    bits = bits_of(word)
    if not bits:
        return ["c=none"] if clusters() else []
    return [f"c{n}={bits[:n]}" for n in PREFIXES]


# --- building -----------------------------------------------------------------------------------


def corpus_tokens(paths: Iterable[Path], *, exclude: frozenset[str] = frozenset()) -> list[str]:
    """Normalised word tokens of the titles and texts of JSONL corpora (digits as one token 0),
    skipping the documents whose id is in ``exclude`` (the hand-annotated evaluation articles)."""
    out: list[str] = []
    for p in paths:
        with p.open(encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if rec.get("id") in exclude:
                    continue
                text = normalize(f"{rec.get('title') or ''}\n{rec.get('text') or ''}")
                out += ["0" if w[:1].isdigit() else w for w in WORD_RE.findall(text)]
                out.append("")  # a document boundary: no context across it
    return out


def cooccurrence(tokens: list[str]) -> tuple[list[str], np.ndarray]:
    """The vocabulary and its counts of left (±1, ±2 merged per side) and right context words."""
    counts = Counter(tokens)
    counts.pop("", None)
    vocab = [w for w, n in counts.most_common(MAX_VOCAB) if n >= MIN_COUNT]
    index = {w: k for k, w in enumerate(vocab)}
    ids = np.array([index.get(w, -1) for w in tokens], dtype=np.int64)
    stop = np.array([w == "" for w in tokens])
    c = min(CONTEXTS, len(vocab))
    mat = np.zeros((len(vocab), 2 * c), dtype=np.float32)
    for off in (1, 2):
        for side, (a, b) in enumerate(((ids[off:], ids[:-off]), (ids[:-off], ids[off:]))):
            # side 0: the context stands left of the word; side 1: right of it.
            gap = stop[off:] | stop[:-off]
            if off == 2:
                gap |= stop[1:-1]
            ok = (a >= 0) & (b >= 0) & (b < c) & ~gap
            np.add.at(mat, (a[ok], b[ok] + side * c), 1.0)
    return vocab, mat


def ppmi(mat: np.ndarray, *, alpha: float = 0.75) -> np.ndarray:
    """Positive pointwise mutual information, contexts smoothed by ``alpha`` (in place)."""
    total = mat.sum()
    rows = mat.sum(axis=1, keepdims=True) / total
    cols = mat.sum(axis=0, keepdims=True) ** alpha
    cols /= cols.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        np.log(mat / total / rows / cols, out=mat, where=mat > 0)
    mat[~np.isfinite(mat)] = 0.0
    np.maximum(mat, 0.0, out=mat)
    return mat


def truncated_svd(mat: np.ndarray, *, dims: int, seed: int = 0) -> np.ndarray:
    """Row vectors U * sqrt(S) of a randomised rank-``dims`` SVD, unit length."""
    rng = np.random.default_rng(seed)
    q, _ = np.linalg.qr(mat @ rng.standard_normal((mat.shape[1], dims + 20)).astype(np.float32))
    for _ in range(2):  # power iterations sharpen the leading directions
        q, _ = np.linalg.qr(mat @ (mat.T @ q))
    u, s, _ = np.linalg.svd(q.T @ mat, full_matrices=False)
    vec = (q @ u[:, :dims]) * np.sqrt(s[:dims])
    return vec / np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-9)


def two_means(vec: np.ndarray, *, rng: np.random.Generator, iters: int = 15) -> np.ndarray:
    """Boolean split of unit row vectors into two spherical k-means clusters."""
    a = vec[rng.integers(len(vec))]
    b = vec[np.argmin(vec @ a)]  # the word least like the first: a far-apart start
    side = np.zeros(len(vec), dtype=bool)
    for _ in range(iters):
        new = vec @ b > vec @ a
        if new.all() or not new.any():
            break
        if (new == side).all():
            break
        side = new
        a, b = vec[~side].mean(axis=0), vec[side].mean(axis=0)
    return side


def bisect(vec: np.ndarray, *, seed: int = 0) -> list[str]:
    """A bit string per row: the path of bisecting 2-means down to MAX_DEPTH or MIN_LEAF rows."""
    rng = np.random.default_rng(seed)
    bits = [""] * len(vec)
    todo = [np.arange(len(vec))]
    while todo:
        rows = todo.pop()
        if len(rows) < MIN_LEAF or len(bits[rows[0]]) >= MAX_DEPTH:
            continue
        side = two_means(vec[rows], rng=rng)
        if side.all() or not side.any():
            continue
        for half, bit in ((rows[~side], "0"), (rows[side], "1")):
            for r in half:
                bits[r] += bit
            todo.append(half)
    return bits


def build(paths: list[Path], out: Path, *, exclude: frozenset[str] = frozenset()) -> int:
    """Learn the clusters from JSONL corpora and write ``out``; returns the number of words."""
    vocab, mat = cooccurrence(corpus_tokens(paths, exclude=exclude))
    bits = bisect(truncated_svd(ppmi(mat), dims=DIMS))
    names = ", ".join(p.name for p in paths)
    with out.open("w", encoding="utf-8") as fh:
        fh.write(
            "# Word clusters: normalised word TAB bit string (a path in a binary tree of words that\n"
            f"# keep the same company), learned from unlabelled SaudiNewsNet text ({names}).\n"
            "# SaudiNewsNet: CC BY-NC-SA 4.0 (Alhagri, 2015). See README.md.\n"
            "# Rebuilt by: python -m analysis train --build-clusters\n"
        )
        fh.writelines(f"{w}\t{b or '0'}\n" for w, b in sorted(zip(vocab, bits, strict=True)))
    clusters.cache_clear()
    return len(vocab)
