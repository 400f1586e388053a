"""Stories: wire copies across papers, found and counted once (a corpus-level step).

``stories(frames)`` reads ``articles`` (and ``sentences`` when it carries a ``boilerplate`` flag) and
returns ``articles`` with ``story_id`` filled and a ``stories`` frame, one row per story.

How two articles become one story:

1. **Shingles.** Each text is normalised (:func:`analysis.arabic.normalize`: marks removed, alef /
   yeh / teh marbuta and digits folded) and cut into word 3-grams, kept as a set per article.
2. **Boilerplate guard.** A shingle is dropped from an article when it is boilerplate of that
   article's source (it occurs in at least ``max(boiler_min_docs, boiler_share x the source's
   articles)`` of them: footers, datelines, share buttons) or too common overall (in more than
   ``max_df`` articles: set phrases such as honorifics, not evidence of copying) or found on more
   than ``max_days`` distinct publication days (a template: the daily weather report, the market
   close, the aid-flight release; wire copies cluster within a few days). Sentences flagged
   ``sentences.boilerplate`` (when that column exists) are left out before shingling.
3. **Candidates** come from an inverted index on the kept shingles: every pair of articles sharing a
   shingle, with the exact size of their intersection, counted by numpy over the (shingle, article)
   table. ``max_df`` bounds the pairs one shingle can make, so the work grows with the corpus, not
   its square. No MinHash is needed: the index gives exact counts, and copies share as little as
   10-40% of their 3-grams, where MinHash-LSH bands tuned for Jaccard >= 0.5 miss most of them.
4. **Decision.** A pair is a copy when ``|A ∩ B| >= min_shared`` and the containment
   ``|A ∩ B| / min(|A|, |B|) >= min_containment``: most of the shorter text is inside the longer one
   (an abridged copy, or a short wire item inside a long article), whatever the longer one adds.
   Jaccard is not used: it punishes the abridged copies this step exists to find.
5. **Stories, without chaining.** Copy pairs form components; each component is split into stars:
   the article with the most *mutual* copy links (shared >= ``MIN_MUTUAL`` of the larger set: the
   two texts are mostly one), then the most copy links, then the longest, then the earliest, is a
   representative. An article joins its story only when it is a copy of the representative itself
   and of the best-linked other member or of more than half of them. What is left forms further stars. So
   A ~ B ~ C never joins A and C unless both copy the same representative, and a round-up printing
   two wire items side by side joins the story of one of them, never both.

``story_id`` is ``story:`` + 12 hex digits of the SHA-1 of the story's earliest member (published,
then doc_id): a function of the members only, the same for any input order, engine or batch size,
and unchanged when later copies join. ``representative_doc_id`` is the star's centre; ``title``
its title; ``first_published`` the earliest member's date; ``sources`` the members' distinct sources,
sorted and joined by ``", "``.

Deterministic: articles are sorted by doc_id first, and ties are broken by doc_id. On the dev month
(15k articles) it runs in a few seconds on one core. The work is a group-by over shingles, so on
Dask it maps to: shingle each partition, shuffle the (shingle, doc) table by shingle, emit pair
counts per shingle group, sum by pair; the star split then runs on the (small) copy-pair table.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import arabic, schema
from .corpus import load_corpus

SHINGLE = 3  # words per shingle
MIN_CONTAINMENT = 0.4
MIN_SHARED = 5
MIN_MUTUAL = 0.3  # shared / larger set: the two texts are mostly one (for choosing star centres)
MAX_DF = 60
MAX_DAYS = 4
BOILER_SHARE = 0.01
BOILER_MIN_DOCS = 5
STORY_PREFIX = "story:"
_SOURCE_SEP = ", "
_CHUNK = 2000  # articles tokenised at a time
_PAIR_CHUNK = 1 << 23  # pair occurrences expanded at a time
# Word ids combine exactly into one int64 while the vocabulary is under 2**21 words.
_EXACT_VOCAB = 1 << 21
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9], dtype=np.uint64)


@dataclass(frozen=True)
class Shingles:
    """The kept (article, shingle) table of a corpus: ``doc``/``sid`` aligned int64 arrays."""

    doc_ids: np.ndarray  # sorted doc_ids, index = article number
    doc: np.ndarray
    sid: np.ndarray
    sizes: np.ndarray  # kept shingles per article


def story_id(first_doc_id: str) -> str:
    """The id of the story whose earliest member is ``first_doc_id``."""
    return (
        STORY_PREFIX + hashlib.sha1(first_doc_id.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    )


def _texts(articles: pd.DataFrame, sentences: pd.DataFrame | None) -> pd.Series:
    """Article texts by doc_id, without the sentences flagged as boilerplate when flags exist."""
    texts = articles.set_index("doc_id")["text"].astype(object)
    if sentences is None or "boilerplate" not in sentences.columns or sentences.empty:
        return texts
    flagged = sentences["boilerplate"].fillna(False).astype(bool)
    if not flagged.any():
        return texts
    kept = sentences.loc[~flagged].sort_values(["doc_id", "sent_id"])
    joined = kept.groupby("doc_id", sort=False)["text"].agg("\n".join)
    # An article all of whose sentences are boilerplate keeps no text at all.
    return joined.reindex(texts.index).fillna("").astype(object)


def _unique(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct values of an int64 array and their counts (a sort: numpy's hash-based
    ``unique`` is many times slower on large int arrays)."""
    s = np.sort(x, kind="stable")
    if not len(s):
        return s, np.empty(0, np.int64)
    starts = np.flatnonzero(np.r_[True, s[1:] != s[:-1]])
    return s[starts], np.diff(np.r_[starts, len(s)])


def _word_ids(texts: pd.Series) -> tuple[np.ndarray, np.ndarray, int]:
    """(article number, word id) of every word in reading order, and the vocabulary size.

    Texts are split on spaces, then each distinct token is normalised once (marks, letter and digit
    folding, punctuation dropped): normalising the vocabulary, not the corpus, keeps this fast.
    Texts are read ``_CHUNK`` at a time so that only one chunk's token strings are held at once."""
    vocab: dict[str, int] = {}  # normalised word -> id
    seen: dict[str, int] = {}  # raw token -> word id, -1 for a token that is only punctuation
    docs, ids = [], []
    values = texts.tolist()
    for start in range(0, len(values), _CHUNK):
        tokens = [t.split() for t in values[start : start + _CHUNK]]
        lengths = np.fromiter((len(t) for t in tokens), dtype=np.int64, count=len(tokens))
        flat = np.array(list(itertools.chain.from_iterable(tokens)), dtype=object)
        if not len(flat):
            continue
        tok_ids, uniq = pd.factorize(flat)
        word_of = np.empty(len(uniq), dtype=np.int64)
        for n, tok in enumerate(uniq.tolist()):
            w = seen.get(tok)
            if w is None:
                word = " ".join(arabic.WORD_RE.findall(arabic.normalize(tok)))
                w = seen[tok] = vocab.setdefault(word, len(vocab)) if word else -1
            word_of[n] = w
        wid = word_of[tok_ids]
        doc = np.repeat(np.arange(start, start + len(tokens), dtype=np.int64), lengths)
        real = wid >= 0
        docs.append(doc[real])
        ids.append(wid[real])
    if not docs:
        return np.empty(0, np.int64), np.empty(0, np.int64), 0
    return np.concatenate(docs), np.concatenate(ids), len(vocab)


def _shingle_codes(texts: pd.Series, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(article number, shingle code) for every word k-gram, codes equal iff the k-grams are."""
    doc_of_word, ids, n_vocab = _word_ids(texts)
    n = len(ids) - k + 1
    if n <= 0:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    # A k-gram is valid only when its k words come from the same article.
    valid = doc_of_word[:n] == doc_of_word[k - 1 :]
    if n_vocab < _EXACT_VOCAB and k <= 3:
        code = np.zeros(n, dtype=np.int64)
        for j in range(k):
            code = code * _EXACT_VOCAB + ids[j : j + n]
    else:  # hashed: collisions of 64-bit mixes are negligible at any corpus size
        code = np.zeros(n, dtype=np.uint64)
        for j in range(k):
            code = (code ^ (ids[j : j + n].astype(np.uint64) + np.uint64(j))) * _MIX[j % 3]
        code = code.view(np.int64)
    return doc_of_word[:n][valid], code[valid]


def _days_per_shingle(sid: np.ndarray, published: pd.Series, doc: np.ndarray) -> np.ndarray:
    """How many distinct publication days each shingle id occurs on (undated articles: none)."""
    n_sid = int(sid.max()) + 1 if len(sid) else 0
    day = published.to_numpy(dtype="datetime64[D]")
    dated = ~np.isnat(day)
    if not dated.any():
        return np.zeros(n_sid, dtype=np.int64)
    day_no = np.where(dated, day.astype(np.int64) - day[dated].astype(np.int64).min(), 0)
    keep = dated[doc]
    n_days = int(day_no.max()) + 1
    pairs = _unique(sid[keep] * n_days + day_no[doc[keep]])[0]
    return np.bincount(pairs // n_days, minlength=n_sid)


def shingle_table(
    articles: pd.DataFrame,
    sentences: pd.DataFrame | None = None,
    *,
    k: int = SHINGLE,
    max_df: int = MAX_DF,
    max_days: int = MAX_DAYS,
    boiler_share: float = BOILER_SHARE,
    boiler_min_docs: int = BOILER_MIN_DOCS,
) -> Shingles:
    """The distinct, non-boilerplate, not-too-common shingles of every article."""
    arts = articles.sort_values("doc_id", kind="stable").reset_index(drop=True)
    texts = _texts(arts, sentences).reindex(arts["doc_id"]).fillna("")
    doc, code = _shingle_codes(texts, k)
    sid = pd.factorize(code)[0].astype(np.int64) if len(code) else code
    n_docs = len(arts)
    if len(sid):
        pairs = _unique(sid * n_docs + doc)[0]
        sid, doc = pairs // n_docs, pairs % n_docs
    src_codes, _ = pd.factorize(arts["source"].astype(object))
    src = src_codes.astype(np.int64)[doc]
    n_src = int(src_codes.max()) + 1 if n_docs else 1
    src_docs = np.bincount(src_codes, minlength=n_src) if n_docs else np.zeros(1, np.int64)
    keep = np.ones(len(sid), dtype=bool)
    if len(sid):
        df = np.bincount(sid)
        keep &= df[sid] <= max_df
        key = sid * n_src + src
        keys, counts = _unique(key)
        in_source = counts[np.searchsorted(keys, key)]
        cut = np.maximum(boiler_min_docs, np.ceil(boiler_share * src_docs))
        keep &= in_source < cut[src]
        keep &= _days_per_shingle(sid, arts["published"], doc)[sid] <= max_days
    doc, sid = doc[keep], sid[keep]
    sizes = np.bincount(doc, minlength=n_docs).astype(np.int64)
    return Shingles(arts["doc_id"].to_numpy(dtype=object), doc, sid, sizes)


def pair_overlaps(sh: Shingles) -> pd.DataFrame:
    """Every pair of articles sharing a kept shingle: ``i < j`` (article numbers) and ``shared``.

    The (shingle, article) table is sorted by shingle; each group of ``k`` articles makes
    ``k(k-1)/2`` pairs, expanded ``_PAIR_CHUNK`` at a most at a time and counted per chunk, so the
    memory is bounded by the chunk and the distinct pairs, not by every pair occurrence."""
    order = np.lexsort((sh.doc, sh.sid))
    sid, doc = sh.sid[order], sh.doc[order]
    starts = np.flatnonzero(np.r_[True, sid[1:] != sid[:-1]]) if len(sid) else np.empty(0, int)
    sizes = np.diff(np.r_[starts, len(sid)])
    made = np.cumsum(sizes * (sizes - 1) // 2)  # pairs made by the groups up to each one
    n = len(sh.doc_ids)
    keys, counts = [], []
    first = 0
    while first < len(starts):
        done = made[first - 1] if first else 0
        last = max(int(np.searchsorted(made, done + _PAIR_CHUNK, side="right")), first + 1)
        lo, hi = starts[first], starts[last] if last < len(starts) else len(sid)
        k, c = _group_pairs(doc[lo:hi], sizes[first:last], n)
        keys.append(k)
        counts.append(c)
        first = last
    if len(keys) > 1:  # a pair counted in two chunks: add its counts
        key, inverse = np.unique(np.concatenate(keys), return_inverse=True)
        shared = np.bincount(inverse, weights=np.concatenate(counts)).astype(np.int64)
    else:
        key = keys[0] if keys else np.empty(0, np.int64)
        shared = counts[0] if counts else np.empty(0, np.int64)
    return pd.DataFrame({"i": key // n, "j": key % n, "shared": shared.astype(np.int64)})


def _group_pairs(doc: np.ndarray, sizes: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct pair keys ``i * n + j`` (``i < j``) of consecutive groups of ``doc`` (each sorted,
    of the given sizes), and how many groups make each."""
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    # Position p in a group of size k starting at s pairs with s+p+1 .. s+k-1: k-p-1 partners.
    group_end = np.repeat(starts + sizes, sizes)
    partners = group_end - np.arange(len(doc)) - 1
    left = np.repeat(np.arange(len(doc)), partners)
    offs = np.arange(len(left)) - np.repeat(np.cumsum(partners) - partners, partners)
    right = left + 1 + offs
    return _unique(doc[left] * n + doc[right])


def score_pairs(sh: Shingles, pairs: pd.DataFrame) -> pd.DataFrame:
    """``pairs`` with ``containment`` (shared / smaller set) and ``jaccard``."""
    ni, nj = sh.sizes[pairs["i"].to_numpy()], sh.sizes[pairs["j"].to_numpy()]
    shared = pairs["shared"].to_numpy()
    return pairs.assign(
        containment=shared / np.maximum(np.minimum(ni, nj), 1),
        jaccard=shared / np.maximum(ni + nj - shared, 1),
    )


def copy_pairs(
    scored: pd.DataFrame, *, min_containment: float = MIN_CONTAINMENT, min_shared: int = MIN_SHARED
) -> pd.DataFrame:
    """The pairs judged copies of one source text."""
    ok = (scored["containment"] >= min_containment) & (scored["shared"] >= min_shared)
    return scored.loc[ok, ["i", "j", "shared", "containment"]].reset_index(drop=True)


def _components(n: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Connected-component label (smallest member) of each of ``n`` nodes."""
    parent = np.arange(n)

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in zip(i.tolist(), j.tolist(), strict=True):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return np.array([find(x) for x in range(n)], dtype=np.int64)


def _stars(
    nodes: list[int], adj: dict[int, set[int]], same: dict[int, set[int]], rank: dict[int, tuple]
) -> list[list[int]]:
    """Split one component into stars around representatives (first element of each star).

    The centre is the article with the most *mutual* copies left (``same``: the two texts are
    mostly the same, not one a small part of the other), then the most copies: so a round-up that
    holds several short items never becomes a centre that joins unrelated items; it joins the star
    of one of them."""
    left = set(nodes)
    out = []
    while left:
        centre = min(left, key=lambda x: (-len(same[x] & left), -len(adj[x] & left), rank[x]))
        around = adj[centre] & left
        # A member must be a copy of the centre and, among the centre's other copies, of the
        # best-linked one (the seed) or of more than half: a centre that prints two unrelated
        # items side by side keeps the seed's group only.
        seed = min(around, key=lambda y: (-len(adj[y] & around), rank[y]), default=None)
        star = [centre]
        for y in sorted(around):
            if y == seed or y in adj[seed] or 2 * len(adj[y] & around) > len(around) - 1:
                star.append(y)
        left -= set(star)
        out.append(star)
    return out


def cluster(sh: Shingles, edges: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """``doc_id``, ``story_id``, ``representative`` (bool) for every article."""
    n = len(sh.doc_ids)
    arts = articles.set_index("doc_id").reindex(sh.doc_ids)
    published = arts["published"].to_numpy(dtype="datetime64[s]")
    pub_key = np.where(np.isnat(published), np.iinfo(np.int64).max, published.astype(np.int64))
    n_chars = arts["n_chars"].fillna(0).to_numpy(dtype=np.int64)
    i, j = edges["i"].to_numpy(), edges["j"].to_numpy()
    comp = _components(n, i, j)
    rep = np.arange(n)
    mutual = edges["shared"].to_numpy() >= MIN_MUTUAL * np.maximum(sh.sizes[i], sh.sizes[j])
    adj: dict[int, set[int]] = {}
    same: dict[int, set[int]] = {}
    for a, b, m in zip(i.tolist(), j.tolist(), mutual.tolist(), strict=True):
        adj.setdefault(a, set()).add(b)
        adj.setdefault(b, set()).add(a)
        same.setdefault(a, set())
        same.setdefault(b, set())
        if m:
            same[a].add(b)
            same[b].add(a)
    members: dict[int, list[int]] = {}
    for x in adj:
        members.setdefault(int(comp[x]), []).append(x)
    rank = {x: (-int(n_chars[x]), int(pub_key[x]), x) for x in adj}
    for nodes in members.values():
        for star in _stars(sorted(nodes), adj, same, rank):
            rep[star] = star[0]
    # The story's first member: earliest published, then smallest doc_id (= article number).
    order = np.lexsort((np.arange(n), pub_key, rep))
    heads = order[np.r_[True, rep[order][1:] != rep[order][:-1]]] if n else order
    first_of = np.empty(n, dtype=np.intp)
    first_of[rep[heads]] = heads
    first = first_of[rep]
    first_ids = sh.doc_ids[first]
    ids = {d: story_id(d) for d in set(first_ids.tolist())}
    return pd.DataFrame(
        {
            "doc_id": sh.doc_ids,
            "story_id": [ids[d] for d in first_ids],
            "representative": rep == np.arange(n),
        }
    )


def story_frame(articles: pd.DataFrame, assigned: pd.DataFrame) -> pd.DataFrame:
    """One row per story, from articles with ``story_id`` and the ``representative`` flags."""
    arts = articles.drop(columns=["story_id"], errors="ignore").merge(assigned, on="doc_id")
    arts = arts.sort_values(["story_id", "doc_id"], kind="stable")
    g = arts.groupby("story_id", sort=True)
    reps = arts.loc[arts["representative"]].set_index("story_id")
    srcs = g["source"].agg(lambda s: sorted(set(s) - {""}))
    out = pd.DataFrame(
        {
            "story_id": g.size().index,
            "n_articles": g.size().to_numpy(),
            "sources": [_SOURCE_SEP.join(x) for x in srcs],
            "first_published": g["published"].min().to_numpy(),
            "representative_doc_id": reps["doc_id"].reindex(g.size().index).to_numpy(),
            "title": reps["title"].reindex(g.size().index).to_numpy(),
            "n_sources": [len(x) for x in srcs],
        }
    )
    return schema.conform(out, "stories")


def stories(
    frames: dict[str, pd.DataFrame],
    *,
    min_containment: float = MIN_CONTAINMENT,
    min_shared: int = MIN_SHARED,
    max_df: int = MAX_DF,
    max_days: int = MAX_DAYS,
    boiler_share: float = BOILER_SHARE,
    boiler_min_docs: int = BOILER_MIN_DOCS,
) -> dict[str, pd.DataFrame]:
    """The corpus step: ``articles`` with ``story_id`` and a new ``stories`` frame."""
    articles = frames["articles"]
    sh = shingle_table(
        articles,
        frames.get("sentences"),
        max_df=max_df,
        max_days=max_days,
        boiler_share=boiler_share,
        boiler_min_docs=boiler_min_docs,
    )
    edges = copy_pairs(
        score_pairs(sh, pair_overlaps(sh)), min_containment=min_containment, min_shared=min_shared
    )
    assigned = cluster(sh, edges, articles)
    ids = assigned.set_index("doc_id")["story_id"]
    out = articles.assign(story_id=articles["doc_id"].map(ids).fillna(""))
    return {"articles": schema.conform(out, "articles"), "stories": story_frame(out, assigned)}


# --- Evaluation: python -m analysis evaluate stories CORPUS PAIRS.jsonl --------------------------

BASELINE_JACCARD = 0.5
# The plain MinHash-LSH baseline: 128 permutations, bands chosen for a Jaccard threshold of 0.5
# the way datasketch's MinHashLSH chooses them (equal weight on false positives and negatives).
LSH_PERM = 128
LSH_THRESHOLD = 0.5
_PRIME = np.uint64((1 << 61) - 1)


def read_pairs(path: str | Path) -> pd.DataFrame:
    """Gold pairs ``a``, ``b``, ``label`` (copy / same_event / different) from a JSONL file."""
    with Path(path).open(encoding="utf-8") as fh:
        return pd.DataFrame([json.loads(line) for line in fh if line.strip()])


def _pair_lookup(sh: Shingles, pairs: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """The scored row (or zeros) of each gold pair."""
    index = {d: n for n, d in enumerate(sh.doc_ids.tolist())}
    i = gold["a"].map(index).to_numpy()
    j = gold["b"].map(index).to_numpy()
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    keyed = pairs.set_index(pairs["i"] * len(index) + pairs["j"])
    got = keyed.reindex(lo * len(index) + hi)
    return got[["shared", "containment", "jaccard"]].fillna(0).reset_index(drop=True)


def lsh_bands(*, threshold: float = LSH_THRESHOLD, num_perm: int = LSH_PERM) -> tuple[int, int]:
    """(bands, rows) minimising false positives + false negatives around ``threshold``."""
    s = np.linspace(0.0, 1.0, 2001)
    best, out = np.inf, (1, num_perm)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            p = 1 - (1 - s**r) ** b
            err = np.trapezoid(np.where(s < threshold, p, 1 - p), s)
            if err < best:
                best, out = err, (b, r)
    return out


def minhash_signatures(sh: Shingles, docs: np.ndarray, *, num_perm: int = LSH_PERM) -> np.ndarray:
    """MinHash signatures (``len(docs)`` x ``num_perm``) of the articles numbered ``docs``:
    universal hashes ``(a x + b) mod p`` of the shingle ids, minimum per article."""
    rng = np.random.default_rng(1)
    a = rng.integers(1, 1 << 30, size=num_perm, dtype=np.uint64)
    b = rng.integers(0, 1 << 30, size=num_perm, dtype=np.uint64)
    sig = np.full((len(docs), num_perm), np.iinfo(np.uint64).max, dtype=np.uint64)
    order = np.argsort(sh.doc, kind="stable")
    doc, sid = sh.doc[order], sh.sid[order].astype(np.uint64)
    lo, hi = np.searchsorted(doc, docs), np.searchsorted(doc, docs, side="right")
    for k, (start, end) in enumerate(zip(lo.tolist(), hi.tolist(), strict=True)):
        if end > start:
            sig[k] = ((np.outer(sid[start:end], a) + b) % _PRIME).min(axis=0)
    return sig


def lsh_candidates(
    sh: Shingles, gold: pd.DataFrame, *, threshold: float = LSH_THRESHOLD
) -> np.ndarray:
    """Whether a plain MinHash-LSH index (word 3-grams, no boilerplate guard) returns each gold
    pair as a candidate: some band of their signatures is equal."""
    index = {d: n for n, d in enumerate(sh.doc_ids.tolist())}
    bands, rows = lsh_bands(threshold=threshold)
    docs = np.array(sorted({index[d] for d in (*gold["a"], *gold["b"])}), dtype=np.int64)
    sig = minhash_signatures(sh, docs)
    pos = {int(d): k for k, d in enumerate(docs)}
    sa = sig[[pos[index[d]] for d in gold["a"]]][:, : bands * rows].reshape(len(gold), bands, rows)
    sb = sig[[pos[index[d]] for d in gold["b"]]][:, : bands * rows].reshape(len(gold), bands, rows)
    return (sa == sb).all(axis=2).any(axis=1)


def pair_scores(gold: pd.DataFrame, predicted: np.ndarray) -> dict[str, float]:
    """Precision / recall / F1 of "copy" on copy-vs-different pairs, and how many same_event
    pairs were (wrongly) called copies."""
    label = gold["label"].to_numpy()
    keep = label != "same_event"
    is_copy, pred = label[keep] == "copy", predicted[keep]
    tp = int((is_copy & pred).sum())
    p = tp / pred.sum() if pred.sum() else 0.0
    r = tp / is_copy.sum() if is_copy.sum() else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    same = label == "same_event"
    return {
        "precision": p,
        "recall": r,
        "f1": f,
        "same_event_called_copy": int(predicted[same].sum()),
        "n_same_event": int(same.sum()),
    }


def evaluate(
    articles: pd.DataFrame, gold: pd.DataFrame, **options: float
) -> dict[str, dict[str, float]]:
    """Pair and story decisions of :func:`stories` on ``gold``, beside a plain Jaccard >= 0.5
    baseline (the best a default MinHash-LSH at 0.5 can do: exact Jaccard, no boilerplate guard)."""
    shingling = ("max_df", "max_days", "boiler_share", "boiler_min_docs")
    step = {k: v for k, v in options.items() if k in shingling}
    decide = {k: v for k, v in options.items() if k in ("min_containment", "min_shared")}
    sh = shingle_table(articles, **step)
    scored = score_pairs(sh, pair_overlaps(sh))
    got = _pair_lookup(sh, scored, gold)
    ok = (got["containment"] >= decide.get("min_containment", MIN_CONTAINMENT)) & (
        got["shared"] >= decide.get("min_shared", MIN_SHARED)
    )
    story = stories({"articles": articles.assign(story_id="")}, **options)["articles"]
    sid = story.set_index("doc_id")["story_id"]
    same_story = (gold["a"].map(sid) == gold["b"].map(sid)).to_numpy()
    everything = len(articles) + 1
    raw = shingle_table(
        articles, max_df=everything, max_days=everything, boiler_min_docs=everything
    )
    base = _pair_lookup(raw, score_pairs(raw, pair_overlaps(raw)), gold)
    return {
        "pairs": pair_scores(gold, ok.to_numpy()),
        "stories": pair_scores(gold, same_story),
        "baseline_jaccard_0.5": pair_scores(gold, (base["jaccard"] >= BASELINE_JACCARD).to_numpy()),
        "baseline_minhash_lsh_0.5": pair_scores(gold, lsh_candidates(raw, gold)),
    }


def summary(articles: pd.DataFrame, **options: float) -> dict[str, float]:
    """Counts and time of the step on a corpus."""
    t0 = time.perf_counter()
    out = stories({"articles": articles.assign(story_id="")}, **options)["stories"]
    seconds = time.perf_counter() - t0
    multi = out[out["n_articles"] > 1]
    return {
        "articles": len(articles),
        "stories": len(out),
        "multi_article_stories": len(multi),
        "articles_in_multi": int(multi["n_articles"].sum()),
        "share_in_multi": float(multi["n_articles"].sum() / max(len(articles), 1)),
        "copies_beyond_first": int((multi["n_articles"] - 1).sum()),
        "largest": int(out["n_articles"].max()) if len(out) else 0,
        "seconds": round(seconds, 2),
    }


def _add_options(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--min-containment", type=float, default=MIN_CONTAINMENT)
    ap.add_argument("--min-shared", type=int, default=MIN_SHARED)
    ap.add_argument("--max-df", type=int, default=MAX_DF)
    ap.add_argument("--max-days", type=int, default=MAX_DAYS)


def add_evaluate_arguments(ap: argparse.ArgumentParser) -> None:
    """Options of ``python -m analysis evaluate stories CORPUS PAIRS [PAIRS...]``."""
    ap.add_argument("corpus")
    ap.add_argument("pairs", nargs="+", help="judged pairs (tests/data/stories_pairs_*.jsonl)")
    _add_options(ap)
    ap.set_defaults(func=run_evaluate)


def add_summary_arguments(ap: argparse.ArgumentParser) -> None:
    """Options of ``python -m analysis stories CORPUS``."""
    ap.add_argument("corpus")
    _add_options(ap)
    ap.set_defaults(func=run_summary)


def _options_and_articles(args: argparse.Namespace) -> tuple[dict[str, Any], pd.DataFrame]:
    opts = {
        "min_containment": args.min_containment,
        "min_shared": args.min_shared,
        "max_df": args.max_df,
        "max_days": args.max_days,
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # loading problems are the corpus's, reported elsewhere
        articles = load_corpus(args.corpus).articles
    return opts, articles


def run_evaluate(args: argparse.Namespace) -> int:
    """Pair decisions and clusters against judged pairs; prints JSON."""
    opts, articles = _options_and_articles(args)
    for path in args.pairs:
        result = evaluate(articles, read_pairs(path), **opts)
        print(json.dumps({"pairs_file": path, **opts, **result}, indent=1))
    return 0


def run_summary(args: argparse.Namespace) -> int:
    """How many articles fall into multi-article stories; prints JSON."""
    opts, articles = _options_and_articles(args)
    print(json.dumps(summary(articles, **opts)))
    return 0
