"""Train the CRF name tagger on NewsFANE Gold: ``python -m analysis train``.

Reads ``../shared/eval/newsfane_gold.tsv`` (token TAB BIO-tag, blank line between sentences), keeps PER,
ORG and LOC (fine types mapped by ``newsfane_type_map.csv``), splits train/dev by contiguous blocks of
sentences (:func:`is_dev`) and writes ``data/models/actors_crf.crfsuite`` and the common-word lexicon.
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from .. import config
from ..arabic import WORD_RE, normalize
from . import clusters, features, lexicon
from .features import clitic_groups, sequence_features
from .modelfiles import CLUSTERS_PATH, LEXICON_PATH, MODEL_PATH, write_manifest

BLOCK = 100  # sentences per block; every DEV_EVERY-th block is dev
DEV_EVERY = 5
# A test split held out from training and from every tuning choice (added in the second session,
# after the dev split had been used to choose options): blocks 1, 11, 21, ... (10% of the data).
TEST_EVERY, TEST_AT = 10, 1
COARSE = ("PER", "ORG", "LOC")
GOLD_TSV = config.SHARED_DIR / "eval" / "newsfane_gold.tsv"
TYPE_MAP = config.SHARED_DIR / "eval" / "newsfane_type_map.csv"
CORPORA = config.SHARED_DIR / "corpora"
# Hand-annotated raw-news articles: left out of the cluster corpus, they score the extractor.
RAW_GOLD = config.ROOT / "tests" / "data"


def is_dev(sent_index: int) -> bool:
    """Contiguous-block split: sentence blocks of BLOCK, every DEV_EVERY-th block is dev."""
    return (sent_index // BLOCK) % DEV_EVERY == DEV_EVERY - 1


def is_test(sent_index: int) -> bool:
    """The held-out test blocks: never trained on, never used to choose an option."""
    return (sent_index // BLOCK) % TEST_EVERY == TEST_AT


def split_of(sent_index: int) -> str:
    """'train', 'dev' or 'test' for a NewsFANE sentence index."""
    return "dev" if is_dev(sent_index) else "test" if is_test(sent_index) else "train"


def read_type_map(path: Path) -> dict[str, str]:
    """Fine NewsFANE type -> coarse type."""
    with path.open(encoding="utf-8") as fh:
        return {r["fine_type"]: r["coarse"] for r in csv.DictReader(fh)}


def coarse_tag(tag: str, type_map: dict[str, str]) -> str:
    """BIO tag with the fine type replaced by PER/ORG/LOC, or O."""
    if tag == "O" or "-" not in tag:
        return "O"
    bio, fine = tag.split("-", 1)
    c = type_map.get(fine, "")
    return f"{bio}-{c}" if c in COARSE else "O"


def read_tsv(path: Path, type_map: dict[str, str]) -> list[tuple[list[str], list[str]]]:
    """Sentences as (normalised tokens, coarse BIO tags)."""
    sents, toks, tags = [], [], []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                if toks:
                    sents.append((toks, tags))
                toks, tags = [], []
                continue
            tok, _, tag = line.partition("\t")
            toks.append(normalize(tok))
            tags.append(coarse_tag(tag, type_map))
    if toks:
        sents.append((toks, tags))
    return sents


def attach_clitics(toks: list[str], tags: list[str]) -> tuple[list[str], list[str]]:
    """Glue NewsFANE's standalone clitics (و ب ل ... ه ها هم ...) to their host word, as raw news
    writes them and as the tagger reads text (:func:`features.clitic_groups`); only untagged clitics
    are glued, and the host keeps its tag."""
    groups = clitic_groups(toks, [True] * len(toks), may_glue=lambda k: tags[k] == "O")
    return ["".join(toks[a:b]) for a, b, _ in groups], [tags[h] for _, _, h in groups]


def segments(toks: list[str], tags: list[str]) -> list[tuple[list[str], list[str]]]:
    """Split a sentence at punctuation tokens, as the tagger sees raw text (words between marks)."""
    out, cur_t, cur_g = [], [], []
    for t, g in zip(toks, tags, strict=True):
        if WORD_RE.fullmatch(t):
            cur_t.append(t)
            cur_g.append(g)
        elif cur_t:
            out.append((cur_t, cur_g))
            cur_t, cur_g = [], []
    if cur_t:
        out.append((cur_t, cur_g))
    return out


def word_counts(sents: Sequence[tuple[list[str], list[str]]]) -> list[tuple[str, int, int]]:
    """(word, times seen, times inside a PER/ORG/LOC name) of every training word."""
    total, inside = Counter(), Counter()
    for toks, tags in sents:
        for t, g in zip(toks, tags, strict=True):
            total[t] += 1
            if g != "O":
                inside[t] += 1
    return sorted((w, n, inside[w]) for w, n in total.items() if len(w) >= 2 and not w.isdigit())


def evaluation_doc_ids() -> frozenset[str]:
    """Ids of the hand-annotated raw-news articles (``tests/data/actors_raw_*.jsonl``)."""
    ids = set()
    for p in sorted(RAW_GOLD.glob("actors_raw_*.jsonl")):
        with p.open(encoding="utf-8") as fh:
            ids.update(json.loads(ln)["doc_id"] for ln in fh if ln.strip())
    return frozenset(ids)


def build_clusters() -> int:
    """Learn the word clusters from the SaudiNewsNet files (the evaluation articles left out) and
    record them in the manifest; returns the number of words."""
    paths = sorted(CORPORA.glob("saudinewsnet_*.jsonl"))
    n = clusters.build(paths, CLUSTERS_PATH, exclude=evaluation_doc_ids())
    write_manifest([CLUSTERS_PATH])
    return n


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Options of ``python -m analysis train``."""
    p.add_argument("--gold", default=str(GOLD_TSV))
    p.add_argument("--type-map", default=str(TYPE_MAP))
    p.add_argument("--out", default=str(MODEL_PATH))
    p.add_argument("--c1", type=float, default=0.1)
    p.add_argument("--c2", type=float, default=0.01)
    p.add_argument("--iterations", type=int, default=200)
    p.add_argument(
        "--build-clusters",
        action="store_true",
        help="first learn the word clusters from the SaudiNewsNet files in ../shared/corpora",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Train the actor tagger and its lexicon on NewsFANE's training split."""
    # Imported here: the compiled trainer only this command needs.
    import pycrfsuite

    t0 = time.perf_counter()
    if args.build_clusters:
        n = build_clusters()
        print(f"{n} words clustered -> {CLUSTERS_PATH} ({time.perf_counter() - t0:.1f}s)")
    sents = read_tsv(Path(args.gold), read_type_map(Path(args.type_map)))
    train = [attach_clitics(*s) for i, s in enumerate(sents) if split_of(i) == "train"]
    # The lexicon first: features use it.
    LEXICON_PATH.parent.mkdir(parents=True, exist_ok=True)
    words = word_counts(train)
    with LEXICON_PATH.open("w", encoding="utf-8") as fh:
        fh.write(
            "# Training vocabulary: word TAB times seen TAB times inside a PER/ORG/LOC name, for the\n"
            "# normalised words of the NewsFANE Gold 2014 training split (see analysis/actors/lexicon.py).\n"
            "# Derived from NewsFANE (CC BY-SA 3.0, Alotaibi & Lee, COLING 2014).\n"
            "# Rebuilt by: python -m analysis train\n"
        )
        fh.writelines(f"{w}\t{n}\t{k}\n" for w, n, k in words)
    # Recorded before training: the features read the lexicon, which is checked against it.
    write_manifest([LEXICON_PATH])
    lexicon.lexicon.cache_clear()
    clusters.clusters.cache_clear()
    features.bundle.cache_clear()
    trainer = pycrfsuite.Trainer(verbose=False)
    for sent in train:
        for toks, tags in segments(*sent):
            # An I- tag opening a segment (a name broken by a mark) starts the name here.
            if tags[0].startswith("I-"):
                tags = ["B-" + tags[0][2:], *tags[1:]]
            trainer.append(sequence_features(toks), tags)
    trainer.set_params(
        {
            "c1": args.c1,
            "c2": args.c2,
            "max_iterations": args.iterations,
            "feature.possible_transitions": True,
            "feature.minfreq": 2,
        }
    )
    trainer.train(args.out)
    # Size and hash beside the files: a damaged copy is refused before python-crfsuite reads it.
    manifest = write_manifest([Path(args.out)])
    size = Path(args.out).stat().st_size
    print(
        f"trained on {len(train)} sentences ({sum(len(t) for t, _ in train)} tokens), "
        f"{len(sents) - len(train)} dev and test sentences held out; {len(words)} words in the lexicon; "
        f"model {size / 1e6:.2f} MB -> {args.out}, sizes and hashes -> {manifest} "
        f"({time.perf_counter() - t0:.1f}s)"
    )
    return 0
