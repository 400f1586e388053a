"""Evaluation commands: ``python -m analysis.evaluate sentences|actors|dates PATH ...``.

Each prints its figures beside a baseline measured in the same run; the last line is a summary.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path


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
    from .sentences import naive_split_spans, split_spans

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


def _cmd_sentences(args: argparse.Namespace) -> None:
    t0 = time.perf_counter()
    res = evaluate_sentences(Path(args.path), show_errors=args.show_errors)
    print(f"{'system':<10} {'P':>6} {'R':>6} {'F1':>6}")
    for name, (p, r, f) in res.items():
        print(f"{name:<10} {p:6.3f} {r:6.3f} {f:6.3f}")
    print(f"time {time.perf_counter() - t0:.2f}s")
    print(f"sentences: F1 {res['analysis'][2]:.3f} (baseline F1 {res['baseline'][2]:.3f})")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis.evaluate", description=__doc__)
    sub = parser.add_subparsers(dest="task", required=True)
    s = sub.add_parser("sentences", help="sentence boundaries against gold sentences (JSONL)")
    s.add_argument("path")
    s.add_argument(
        "--show-errors", type=int, default=0, metavar="N", help="print errors of N records"
    )
    s.set_defaults(func=_cmd_sentences)
    for name, mod in (("actors", "analysis.actors.evaluate"), ("dates", "analysis.dates.evaluate")):
        p = sub.add_parser(name, help=f"{name} against a gold set", add_help=False)
        p.set_defaults(func=None, module=mod)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if argv and argv[0] in ("actors", "dates"):
        # These evaluations live beside their extractors and parse their own options.
        import importlib

        module = importlib.import_module(f"analysis.{argv[0]}.evaluate")
        return int(module.main(argv[1:]) or 0)
    args = parser.parse_args(argv)
    args.func(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
