"""What the evaluations share (scores, corpus readers) and the sentence evaluation.

``python -m analysis evaluate sentences|actors|dates|stories ...`` runs them; each prints its
figures beside a baseline measured in the same run, the last line a summary.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from .sentences import naive_split_spans, split_spans


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def corpus_records(corpus: Path) -> list[dict]:
    """The records of a JSONL corpus that have a text, as stored: gold offsets refer to these raw
    texts, so evaluations read them directly rather than through :mod:`analysis.corpus`'s cleaning."""
    with corpus.open(encoding="utf-8") as fh:
        recs = [json.loads(line) for line in fh]
    return [r for r in recs if r.get("text")]


def load_texts(corpus: Path, ids: set[str]) -> dict[str, dict]:
    """The records of a JSONL corpus whose id is in ``ids``."""
    return {r["id"]: r for r in corpus_records(corpus) if r.get("id") in ids}


def gold_texts(records: Sequence[dict], corpus: Path) -> Iterator[tuple[dict, dict]]:
    """Each gold record (``doc_id``, ``text_sha1``) with its corpus record, skipping (and saying so)
    those whose text is missing or differs from the annotated one."""
    texts = load_texts(corpus, {r["doc_id"] for r in records})
    for rec in records:
        src = texts.get(rec["doc_id"])
        text = (src or {}).get("text") or ""
        if hashlib.sha1(text.encode("utf-8")).hexdigest() != rec["text_sha1"]:
            why = "not in the corpus" if src is None else "text differs from the annotated one"
            print(f"(skipped {rec['doc_id']}: {why})", file=sys.stderr)
            continue
        yield rec, src


def _gold_boundaries(text: str, sentences: Sequence[str]) -> set[int] | None:
    ends, pos = [], 0
    for sent in sentences:
        i = text.find(sent.strip(), pos)
        if i < 0:
            return None
        pos = i + len(sent.strip())
        ends.append(pos)
    return set(ends[:-1])


def _pred_boundaries(spans: list[tuple[int, int, int]]) -> set[int]:
    return {e for _, _, e in spans[:-1]}


def evaluate_sentences(
    path: Path, *, show_errors: int = 0
) -> dict[str, tuple[float, float, float]]:
    """Boundary precision/recall/F1 of the splitter and the naive baseline on a gold JSONL."""
    systems: dict[str, Callable] = {"analysis": split_spans, "baseline": naive_split_spans}
    counts = {name: [0, 0, 0] for name in systems}
    skipped = 0
    shown = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            gold = _gold_boundaries(rec["text"], rec["sentences"])
            if gold is None:
                skipped += 1
                continue
            for name, fn in systems.items():
                pred = _pred_boundaries(fn(rec["text"]))
                c = counts[name]
                c[0] += len(pred & gold)
                c[1] += len(pred)
                c[2] += len(gold)
                if name == "analysis" and shown < show_errors and pred != gold:
                    shown += 1
                    for b in sorted(pred ^ gold):
                        kind = "FP" if b in pred else "FN"
                        print(
                            f"  {kind} {rec['doc_id']}: …{rec['text'][max(0, b - 40) : b]}|{rec['text'][b : b + 30]}…"
                        )
    if skipped:
        print(f"({skipped} records skipped: gold sentences not found in text)")
    return {name: prf(*c) for name, c in counts.items()}


def add_sentences_arguments(p: argparse.ArgumentParser) -> None:
    """Options of ``python -m analysis evaluate sentences PATH``."""
    p.add_argument("path", help="gold JSONL of texts and their sentences (UD Arabic-PUD)")
    p.add_argument(
        "--show-errors", type=int, default=0, metavar="N", help="print errors of N records"
    )
    p.set_defaults(func=run_sentences)


def run_sentences(args: argparse.Namespace) -> int:
    """Sentence boundaries against gold sentences, beside the naive baseline."""
    t0 = time.perf_counter()
    res = evaluate_sentences(Path(args.path), show_errors=args.show_errors)
    print(f"{'system':<10} {'P':>6} {'R':>6} {'F1':>6}")
    for name, (p, r, f) in res.items():
        print(f"{name:<10} {p:6.3f} {r:6.3f} {f:6.3f}")
    print(f"time {time.perf_counter() - t0:.2f}s")
    print(f"sentences: F1 {res['analysis'][2]:.3f} (baseline F1 {res['baseline'][2]:.3f})")
    return 0
