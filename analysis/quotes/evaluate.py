"""Score quote extraction on the hand-annotated gold set (``tests/data/quotes_gold_*.jsonl``).

``python -m analysis evaluate quotes [--split dev|dev2|test|test2|all] [--corpus CORPUS.jsonl]`` prints content
precision / recall / F1 (a predicted quote is found when its content overlaps at least half of a gold
content, one-to-one) and speaker accuracy on the found quotes, for the extractor and for a baseline
in the same run: the cue list alone, content from the cue to the sentence end, speaker the nearest
named person before the cue. Texts are read from the corpus and checked by SHA-1 (the gold holds
offsets only; see ``tests/data/quotes_annotation_guide.md``). ``--timing N`` times ``extract_quotes``
against the whole per-document parse (which runs it too) on the first N articles of the corpus, in
the same run: its share of the parse, and the time it adds to the parse without it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .. import config
from ..arabic import normalize, strip_proclitics, tokenize
from ..evaluate import corpus_records, gold_texts, prf
from ..pipeline import parse_document
from . import extract_quotes
from .cues import cue_of

GOLD_DIR = config.ROOT / "tests" / "data"
DEFAULT_CORPUS = config.SHARED_DIR / "corpora" / "saudinewsnet_2015-07-21_2015-07-31.jsonl"
MIN_OVERLAP = 0.5
_BASELINE_TYPES = ("verb", "report", "participle")


def gold_paths(split: str) -> list[Path]:
    """The gold files of a split (``dev``, ``dev2``, ``test``, ``test2`` or ``all``)."""
    parts = ("dev", "dev2", "test", "test2") if split == "all" else (split,)
    return [GOLD_DIR / f"quotes_gold_{p}.jsonl" for p in parts]


def baseline_quotes(*, text: str, sentences: list[dict], mentions: list[dict]) -> list[dict]:
    """The baseline: a cue word, content to the sentence end, the nearest person mention before."""
    people = sorted((int(m["start"]), int(m["end"])) for m in mentions if m["type"] == "person")
    out = []
    for tok in tokenize(text):
        cue = cue_of(tok.norm)
        if cue is None or cue.type not in _BASELINE_TYPES:
            continue
        end = next(
            (int(s["end"]) for s in sentences if s["start"] <= tok.start < s["end"]), len(text)
        )
        before = [p for p in people if p[1] <= tok.start]
        sp = before[-1] if before else (None, None)
        if end > tok.end + 1:
            out.append(
                {
                    "content_start": tok.end + 1,
                    "content_end": end,
                    "speaker_start": sp[0],
                    "speaker_end": sp[1],
                }
            )
    return out


def _last_word(text: str, start, end) -> str:
    words = text[start:end].split() if start is not None else []
    return strip_proclitics(normalize(words[-1])) if words else ""


def speaker_right(text: str, pred: dict, gold: dict) -> bool:
    """Spans overlap, or the last words agree (the same name elsewhere), or neither names one."""
    ps, pe, gs, ge = (pred.get(k) for k in ("speaker_start", "speaker_end")), None, None, None
    ps, pe = pred.get("speaker_start"), pred.get("speaker_end")
    gs, ge = gold.get("speaker_start"), gold.get("speaker_end")
    if gs is None or ps is None:
        return gs is None and ps is None
    if ps < ge and gs < pe:
        return True
    return _last_word(text, ps, pe) == _last_word(text, gs, ge) != ""


def score_document(text: str, pred: list[dict], gold: list[dict]) -> list[int]:
    """[found, n_pred, n_gold, speaker right among found] for one document."""
    used: set[int] = set()
    found = right = 0
    for p in pred:
        for gi, g in enumerate(gold):
            if gi in used:
                continue
            overlap = min(p["content_end"], g["content_end"]) - max(
                p["content_start"], g["content_start"]
            )
            if overlap >= MIN_OVERLAP * (g["content_end"] - g["content_start"]):
                used.add(gi)
                found += 1
                right += speaker_right(text, p, g)
                break
    return [found, len(pred), len(gold), right]


def _summary(c: list[int]) -> dict:
    p, r, f = prf(c[0], c[1], c[2])
    return {
        "P": p,
        "R": r,
        "F1": f,
        "speaker": c[3] / c[0] if c[0] else 0.0,
        "found": c[0],
        "n_pred": c[1],
        "n_gold": c[2],
    }


def evaluate(paths: Sequence[Path], corpus: Path = DEFAULT_CORPUS, *, show: bool = False) -> dict:
    """Counts and figures for the extractor and the baseline over the gold files."""
    records = [
        json.loads(ln) for p in paths for ln in p.read_text(encoding="utf-8").splitlines() if ln
    ]
    totals = {"system": [0, 0, 0, 0], "baseline": [0, 0, 0, 0]}
    n = 0
    for rec, src in gold_texts(records, corpus):
        text = src["text"]
        n += 1
        parsed = parse_document(
            {"doc_id": rec["doc_id"], "text": text, "published": None, "path": ""}
        )
        args = {"text": text, "sentences": parsed["sentences"], "mentions": parsed["mentions"]}
        systems = {
            "system": extract_quotes(doc_id=rec["doc_id"], **args),
            "baseline": baseline_quotes(**args),
        }
        for name, pred in systems.items():
            for k, v in enumerate(score_document(text, pred, rec["quotes"])):
                totals[name][k] += v
        if show:
            _show(text, systems["system"], rec["quotes"], rec["doc_id"])
    return {"n_docs": n, **{name: _summary(c) for name, c in totals.items()}}


def _show(text: str, pred: list[dict], gold: list[dict], doc_id: str) -> None:
    print(f"== {doc_id}")
    for g in gold:
        print(
            f"  GOLD {text[g['content_start'] : g['content_start'] + 40]!r} <- "
            f"{text[g['speaker_start'] : g['speaker_end']]!r}"
        )
    for p in pred:
        sp = text[p["speaker_start"] : p["speaker_end"]] if p["speaker_start"] is not None else None
        print(
            f"  PRED {p['cue']!r} {text[p['content_start'] : p['content_start'] + 40]!r} <- {sp!r} "
            f"({p['speaker_resolved']})"
        )


def timing(corpus: Path, n_docs: int) -> dict:
    """Seconds of the whole per-document parse and of ``extract_quotes`` alone on ``n_docs`` texts."""
    recs = corpus_records(corpus)[:n_docs]
    parse_s = quotes_s = 0.0
    n_quotes = 0
    for r in recs:
        t0 = time.perf_counter()
        out = parse_document({"doc_id": r["id"], "text": r["text"], "published": None, "path": ""})
        t1 = time.perf_counter()
        rows = extract_quotes(
            doc_id=r["id"], text=r["text"], sentences=out["sentences"], mentions=out["mentions"]
        )
        quotes_s += time.perf_counter() - t1
        parse_s += t1 - t0
        n_quotes += len(rows)
    per_k = 1000 / max(len(recs), 1)
    return {
        "n_docs": len(recs),
        "parse_s_per_1000": parse_s * per_k,
        "quotes_s_per_1000": quotes_s * per_k,
        "share": quotes_s / parse_s if parse_s else 0.0,
        # The parse runs the quotes stage too: without it, it would take parse_s - quotes_s.
        "added": quotes_s / (parse_s - quotes_s) if parse_s > quotes_s else 0.0,
        "n_quotes": n_quotes,
    }


def add_arguments(ap: argparse.ArgumentParser) -> None:
    """Options of ``python -m analysis evaluate quotes``."""
    ap.add_argument("--split", choices=("dev", "dev2", "test", "test2", "all"), default="test")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--show", action="store_true", help="print gold and predicted quotes")
    ap.add_argument("--timing", type=int, default=0, metavar="N", help="time on N corpus articles")
    ap.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Score the quote extractor beside the baseline, or time it."""
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    if args.timing:
        t = timing(args.corpus, args.timing)
        print(
            f"{t['n_docs']} articles: parse {t['parse_s_per_1000']:.1f}s/1000, extract_quotes "
            f"{t['quotes_s_per_1000']:.2f}s/1000 ({t['share']:.1%} of the parse, "
            f"+{t['added']:.1%} on the parse without quotes), {t['n_quotes']} quotes"
        )
        return 0
    res = evaluate(gold_paths(args.split), args.corpus, show=args.show)
    print(f"{args.split}: {res['n_docs']} articles")
    print(f"{'system':<10} {'P':>6} {'R':>6} {'F1':>6} {'speaker':>8}  found/pred/gold")
    for name in ("system", "baseline"):
        r = res[name]
        print(
            f"{name:<10} {r['P']:6.3f} {r['R']:6.3f} {r['F1']:6.3f} {r['speaker']:8.3f}  "
            f"{r['found']}/{r['n_pred']}/{r['n_gold']}"
        )
    s, b = res["system"], res["baseline"]
    print(
        f"quotes: content F1 {s['F1']:.3f}, speaker {s['speaker']:.3f} "
        f"(baseline F1 {b['F1']:.3f}, speaker {b['speaker']:.3f})"
    )
    return 0
