"""Evaluate actor extraction on NewsFANE Gold, and measure its throughput.

``python -m analysis evaluate actors GOLD.jsonl --type-map MAP.csv`` prints exact-span and overlap precision / recall / F1 per coarse type
(PER, ORG, LOC; MISC and GROUP ignored) on the dev split (:func:`analysis.actors.train.is_dev`), for the
full system and for a gazetteer-only baseline. Only ``form == "name"`` mentions are scored: the gold does
not tag adjectives. ``--throughput CORPUS.jsonl`` times the extractor on a JSONL corpus (field ``text``).

``--raw GOLD.jsonl ...`` scores raw news instead: hand-annotated SaudiNewsNet articles (offsets only, see
``tests/data/actors_annotation_guide.md``), whose texts are read from ``--corpus`` and checked by SHA-1.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Sequence
from pathlib import Path

from .. import config
from ..arabic import WORD_RE
from ..evaluate import corpus_records, gold_texts, prf
from .extract import extract
from .gazetteer import gazetteer
from .tagging import tagger
from .train import COARSE, read_type_map, split_of

DEFAULT_CORPUS = config.SHARED_DIR / "corpora" / "saudinewsnet_2015-08-10_2015-08-11.jsonl"
TYPE_TO_COARSE = {"person": "PER", "organization": "ORG", "country": "LOC", "place": "LOC"}
Span = tuple[int, int, str]


def predicted_spans(text: str, *, baseline: bool) -> list[Span]:
    """Scored spans (start, end, coarse type) of the system or the gazetteer-only baseline."""
    rows = extract(doc_id="", text=text, sentences=[], gazetteer_only=baseline)
    return [(r["start"], r["end"], TYPE_TO_COARSE[r["type"]]) for r in rows if r["form"] == "name"]


def count(pred: list[Span], gold: list[Span]) -> dict[str, dict[str, list[int]]]:
    """Per type: [tp, n_pred, n_gold] for exact spans and for one-to-one overlapping spans."""
    out = {m: {t: [0, 0, 0] for t in COARSE} for m in ("exact", "overlap")}
    for m in out.values():
        for _, _, t in pred:
            m[t][1] += 1
        for _, _, t in gold:
            m[t][2] += 1
    gold_set = set(gold)
    for p in pred:
        if p in gold_set:
            out["exact"][p[2]][0] += 1
    used: set[int] = set()
    for s, e, t in pred:
        for gi, (gs, ge, gt) in enumerate(gold):
            if gi not in used and gt == t and s < ge and gs < e:
                used.add(gi)
                out["overlap"][t][0] += 1
                break
    return out


def _records(
    gold_path: Path, type_map: dict[str, str], split: str
) -> list[tuple[int, str, list[Span]]]:
    """(sent_id, text, scored gold spans) of the chosen split, in corpus order."""
    out = []
    with gold_path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            sid = int(rec["sent_id"])
            if split != "all" and split_of(sid) != split:
                continue
            gold = [
                (e["char_start"], e["char_end"], type_map.get(e["type"], ""))
                for e in rec["entities"]
            ]
            out.append((sid, rec["text"], [g for g in gold if g[2] in COARSE]))
    return out


def _grouped(records: list[tuple[int, str, list[Span]]], group: int):
    """Join up to ``group`` consecutive sentences (no gap in sent_id) into one document text."""
    i = 0
    while i < len(records):
        j = i + 1
        while j < len(records) and j - i < group and records[j][0] == records[j - 1][0] + 1:
            j += 1
        texts, gold, pos = [], [], 0
        for _, text, spans in records[i:j]:
            texts.append(text)
            gold += [(s + pos, e + pos, t) for s, e, t in spans]
            pos += len(text) + 1
        yield "\n".join(texts), gold
        i = j


def _new_totals() -> dict:
    return {
        sys_: {m: {t: [0, 0, 0] for t in COARSE} for m in ("exact", "overlap")}
        for sys_ in ("system", "baseline")
    }


def _add(totals: dict, text: str, gold: list[Span]) -> None:
    """Score both systems on one text and add the counts."""
    for name, baseline in (("system", False), ("baseline", True)):
        for m, per_type in count(predicted_spans(text, baseline=baseline), gold).items():
            for t, v in per_type.items():
                acc = totals[name][m][t]
                for k in range(3):
                    acc[k] += v[k]


def evaluate_raw(gold_paths: Sequence[Path], corpus: Path) -> dict:
    """Summed counts over hand-annotated raw-news articles (texts from ``corpus``, SHA-1 checked)."""
    records = []
    for p in gold_paths:
        with p.open(encoding="utf-8") as fh:
            records += [json.loads(ln) for ln in fh if ln.strip()]
    totals = _new_totals()
    n = 0
    for rec, src in gold_texts(records, corpus):
        entities = [(e["start"], e["end"], e["type"]) for e in rec["entities"]]
        _add(totals, src["text"], entities)
        n += 1
    totals["n_sentences"] = n
    totals["unit"] = "raw-news articles"
    return totals


def evaluate(
    gold_path: Path, type_map: dict[str, str], *, split: str = "dev", group: int = 1
) -> dict:
    """Summed counts per system / match mode / type over the chosen split.

    ``group`` > 1 reads that many consecutive sentences as one document, so that coreference within
    a document (a surname after the full name) can work as it does on real articles.
    """
    totals = _new_totals()
    records = _records(gold_path, type_map, split)
    for text, gold in _grouped(records, group):
        _add(totals, text, gold)
    totals["n_sentences"] = len(records)
    return totals


def print_report(totals: dict) -> None:
    """One table line per system, match mode and type, plus micro averages."""
    unit = totals.get("unit", "gold sentences")
    print(f"{totals['n_sentences']} {unit} scored (form == name; PER, ORG, LOC)")
    print(
        f"{'system':<9} {'match':<8} {'type':<5} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'pred':>6} {'gold':>6}"
    )
    for name in ("system", "baseline"):
        for m in ("exact", "overlap"):
            per = totals[name][m]
            for t in (*COARSE, "ALL"):
                c = [sum(per[x][k] for x in COARSE) for k in range(3)] if t == "ALL" else per[t]
                p, r, f = prf(*c)
                print(
                    f"{name:<9} {m:<8} {t:<5} {p:6.3f} {r:6.3f} {f:6.3f} {c[0]:6d} {c[1]:6d} {c[2]:6d}"
                )


def throughput(corpus: Path) -> tuple[int, float, int]:
    """(tokens, seconds, mentions) for extracting actors from every text of a JSONL corpus."""
    texts = [r["text"] for r in corpus_records(corpus)]
    n_tokens = sum(sum(1 for _ in WORD_RE.finditer(t)) for t in texts)
    t0 = time.perf_counter()
    gazetteer(), tagger()
    setup = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    n_mentions = sum(len(extract(doc_id="", text=t, sentences=[])) for t in texts)
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"setup (gazetteer + model load) {setup:.2f}s")
    # CPU time is what one core spends; wall time also counts waiting for a busy machine.
    print(f"wall {secs:.2f}s = {n_tokens / secs:,.0f} tokens/s")
    return n_tokens, cpu, n_mentions


def sample_mentions(corpus: Path, *, n: int, seed: int = 0, types: tuple[str, ...]) -> list[str]:
    """``n`` random mentions of the given types from a JSONL corpus, each as a line with context,
    for judging precision by hand on real news (which has no gold)."""
    texts = [r["text"] for r in corpus_records(corpus)]
    rows = [
        (i, r)
        for i, t in enumerate(texts)
        for r in extract(doc_id="", text=t, sentences=[])
        if r["type"] in types and r["form"] == "name"
    ]
    picked = random.Random(seed).sample(rows, min(n, len(rows)))
    out = []
    for k, (i, r) in enumerate(picked, 1):
        t, s, e = texts[i], r["start"], r["end"]
        left, right = t[max(0, s - 60) : s], t[e : e + 40]
        ctx = f"{left}[[{r['surface']}]]{right}".replace("\n", " ")
        out.append(f"{k}\t{r['type']}\t{r['method']}\t{r['actor_id']}\t{ctx}")
    return out


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Options of ``python -m analysis evaluate actors``."""
    p.add_argument("path", nargs="?", help="gold JSONL (newsfane_gold_sentences.jsonl)")
    p.add_argument("--type-map", help="fine type -> coarse CSV (newsfane_type_map.csv)")
    p.add_argument(
        "--split",
        choices=("dev", "test", "all"),
        default="dev",
        help="dev (default; used to choose options) or test (held out from training and tuning)",
    )
    p.add_argument(
        "--group",
        type=int,
        default=1,
        metavar="N",
        help="read N consecutive gold sentences as one document (default 1: each sentence alone)",
    )
    p.add_argument("--throughput", metavar="CORPUS", help="time extraction on a JSONL corpus")
    p.add_argument(
        "--sample",
        metavar="CORPUS",
        help="print --n random person/organisation mentions of a JSONL corpus to judge by hand",
    )
    p.add_argument("--n", type=int, default=100)
    p.add_argument(
        "--raw", nargs="+", metavar="GOLD", help="score hand-annotated raw-news articles instead"
    )
    p.add_argument(
        "--corpus", default=str(DEFAULT_CORPUS), help="the corpus the --raw gold refers to"
    )
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(func=run, error=p.error)


def run(args: argparse.Namespace) -> int:
    """Score, time or sample the actor extractor as ``args`` says."""
    if args.sample:
        lines = sample_mentions(
            Path(args.sample), n=args.n, seed=args.seed, types=("person", "organization")
        )
        print("\n".join(lines))
        return 0
    if args.raw:
        print_report(evaluate_raw([Path(x) for x in args.raw], Path(args.corpus)))
        return 0
    if args.throughput:
        n_tok, secs, n_m = throughput(Path(args.throughput))
        print(
            f"actors: {n_tok} tokens in {secs:.2f}s CPU = {n_tok / secs:,.0f} tokens/s "
            f"(single core, {n_m} mentions)"
        )
        if not args.path:
            return 0
    if not args.path or not args.type_map:
        args.error("PATH and --type-map are required for the evaluation")
    t0 = time.perf_counter()
    totals = evaluate(
        Path(args.path), read_type_map(Path(args.type_map)), split=args.split, group=args.group
    )
    print_report(totals)
    print(f"time {time.perf_counter() - t0:.1f}s")
    return 0
