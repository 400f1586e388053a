"""Benchmark: ``python -m analysis bench [CORPUS] [--replicate 10] [--quick]``.

Prints, for the corpus and for it replicated N times with new ids: articles/s, MB/s and peak memory
(the whole process tree, workers included: RSS, which counts the pages forked workers share with
their parent once per process, and PSS, which shares them out) of ``parse`` with the local engine
on 1 and 2 workers and with Dask on a 2-worker LocalCluster, beside the floor (one pass of
``re.findall(r"\\w+")`` over the same texts) and the ratio to it; the serial time of each stage and
of each corpus-level step; the warm-cache rerun.
Each configuration runs in a fresh subprocess so that peak memory is its own.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd

from . import config, schema
from .actors import extract_mentions
from .corpus import CorpusWarning, fill_published, load_corpus
from .dates import extract_dates
from .pipeline import parse_to_store, warm
from .quotes import extract_quotes
from .sentences import sentence_rows
from .steps import corpus_steps

DEFAULT_CORPUS = config.SHARED_DIR / "corpora" / "saudinewsnet_2015-08-10_2015-08-11.jsonl"
_WORD = re.compile(r"\w+")


class RssSampler(threading.Thread):
    """Peak resident memory (RSS and PSS) of this process and all its descendants, sampled every
    50 ms."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        import psutil

        self.proc = psutil.Process()
        self.peak = self.peak_pss = 0
        self._halt = threading.Event()

    def _total(self) -> tuple[int, int]:
        rss = pss = 0
        for p in [self.proc, *self.proc.children(recursive=True)]:
            # a worker may exit between listing and reading
            with contextlib.suppress(Exception):
                mem = p.memory_full_info()
                rss += mem.rss
                pss += getattr(mem, "pss", mem.rss)  # PSS is Linux only
        return rss, pss

    def _sample(self) -> None:
        rss, pss = self._total()
        self.peak, self.peak_pss = max(self.peak, rss), max(self.peak_pss, pss)

    def run(self) -> None:
        while not self._halt.is_set():
            self._sample()
            self._halt.wait(0.05)

    def stop(self) -> int:
        self._halt.set()
        self.join()
        self._sample()
        return self.peak


def _one(args: argparse.Namespace) -> None:
    """Run one configuration in this process and print its figures as JSON."""
    import warnings

    warnings.simplefilter("ignore", CorpusWarning)
    sampler = RssSampler()
    sampler.start()
    t0 = time.perf_counter()
    info = parse_to_store(
        args.corpus,
        args.out,
        engine=args.engine,
        workers=args.workers,
        progress=False,
        warn=False,
    )
    seconds = time.perf_counter() - t0
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_rss": sampler.stop(),
                "peak_pss": sampler.peak_pss,
                "parsed": info.n_parsed,
                "cached": info.n_cached,
            }
        )
    )


def _run_config(corpus: Path, out: Path, engine: str, workers: int) -> dict:
    cmd = [
        sys.executable, "-m", "analysis", "bench", "--one", str(corpus),
        "--out", str(out), "--engine", engine, "--workers", str(workers),
    ]  # fmt: skip
    res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if res.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{res.stderr[-3000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def _texts(corpus: Path) -> list[str]:

    return load_corpus(corpus, warn=False).articles["text"].tolist()


def _floor(texts: list[str]) -> float:
    t0 = time.perf_counter()
    for text in texts:
        _WORD.findall(text)
    return time.perf_counter() - t0


def _stages(corpus: Path, out: Path) -> dict[str, float]:
    """Serial seconds per per-document stage, then per corpus-level step (in this process)."""
    warm()
    t = {}
    t0 = time.perf_counter()
    loaded = load_corpus(corpus, warn=False)
    arts = fill_published(loaded.articles, None)
    t["load"] = time.perf_counter() - t0
    records = arts[["doc_id", "text", "published"]].to_dict("records")
    rows: dict[str, list[dict]] = {n: [] for n in ("sentences", "mentions", "dates", "quotes")}
    sents, found = {}, {}
    t0 = time.perf_counter()
    for r in records:
        sents[r["doc_id"]] = sentence_rows(r["doc_id"], r["text"])
    t["sentences"] = time.perf_counter() - t0
    for name, fn in (("mentions", extract_mentions), ("dates", extract_dates)):
        t0 = time.perf_counter()
        for r in records:
            pub = None if pd.isna(r["published"]) else r["published"]
            found[name, r["doc_id"]] = fn(
                doc_id=r["doc_id"], text=r["text"], sentences=sents[r["doc_id"]], published=pub
            )
        t["actors" if name == "mentions" else name] = time.perf_counter() - t0
    t0 = time.perf_counter()
    for r in records:
        found["quotes", r["doc_id"]] = extract_quotes(
            doc_id=r["doc_id"],
            text=r["text"],
            sentences=sents[r["doc_id"]],
            mentions=found["mentions", r["doc_id"]],
        )
    t["quotes"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    for (name, _), v in found.items():
        rows[name].extend(v)
    rows["sentences"] = [row for v in sents.values() for row in v]
    frames = {n: schema.from_rows(v, n) for n, v in rows.items()}
    frames = {n: schema.canonical_order(df, n, arts["doc_id"]) for n, df in frames.items()}
    t["frames"] = time.perf_counter() - t0
    frames |= {"articles": arts, "errors": loaded.errors}
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    corpus_steps(frames, timings=timings)
    t |= {f"step {k}": v for k, v in timings.items()}
    t["steps total"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    frames["sentences"].to_parquet(out / "stage-sentences.parquet")
    arts.to_parquet(out / "stage-articles.parquet")
    t["write"] = time.perf_counter() - t0
    return t


def _replicate(src: Path, dst: Path, times: int) -> None:
    with src.open(encoding="utf-8") as fin:
        lines = [ln for ln in fin if ln.strip()]
    with dst.open("w", encoding="utf-8") as fout:
        for k in range(times):
            for ln in lines:
                try:
                    obj = json.loads(ln)
                except json.JSONDecodeError:
                    fout.write(ln)
                    continue
                obj["id"] = f"{obj.get('id', '')}-r{k}"
                fout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _report(label: str, corpus: Path, tmp: Path, configs: list[tuple[str, int]]) -> None:
    texts = _texts(corpus)
    n_docs, mb = len(texts), sum(len(t.encode("utf-8")) for t in texts) / 1e6
    floor = _floor(texts)
    print(f"\n## {label}: {n_docs:,} articles, {mb:.1f} MB of text")
    print(
        f"{'run':<22} {'seconds':>8} {'art/s':>9} {'MB/s':>7} {'peak RSS':>9} {'peak PSS':>9} "
        f"{'x floor':>8}"
    )
    floor_label = "floor re.findall(\\w+)"
    print(
        f"{floor_label:<22} {floor:8.2f} {n_docs / floor:9.0f} {mb / floor:7.1f} {'-':>9} {'-':>9} "
        f"{1:8.1f}"
    )
    for engine, workers in configs:
        out = tmp / f"{label}-{engine}-{workers}"
        r = _run_config(corpus, out, engine, workers)
        s = r["seconds"]
        print(
            f"{engine + ' ' + str(workers) + ' worker(s)':<22} {s:8.2f} {n_docs / s:9.0f} {mb / s:7.2f} "
            f"{r['peak_rss'] / 2**20:7.0f}MB {r['peak_pss'] / 2**20:7.0f}MB {s / floor:8.0f}"
        )
    out = tmp / f"{label}-{configs[0][0]}-{configs[0][1]}"
    r = _run_config(corpus, out, configs[0][0], configs[0][1])
    print(
        f"{'warm-cache rerun':<22} {r['seconds']:8.2f} {'':>9} {'':>7} {r['peak_rss'] / 2**20:7.0f}MB "
        f"{r['peak_pss'] / 2**20:7.0f}MB  ({r['cached']:,} from cache)"
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``python -m analysis bench``."""
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--replicate", type=int, default=10, help="also run on the corpus N times")
    parser.add_argument("--quick", action="store_true", help="skip the replicated corpus")
    parser.add_argument("--one", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--out", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--engine", default="local", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=2, help=argparse.SUPPRESS)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Time the parse in each configuration, in fresh subprocesses."""
    if args.one:
        args.corpus = args.one
        _one(args)
        return 0
    corpus = Path(args.corpus)
    if not corpus.exists():
        print(f"corpus not found: {corpus}", file=sys.stderr)
        return 2
    configs = [("local", 2), ("local", 1), ("dask", 2)]
    with tempfile.TemporaryDirectory(prefix="analysis-bench-") as tmpdir:
        tmp = Path(tmpdir)
        print("## stages, serial seconds on", corpus.name)
        for stage, s in _stages(corpus, tmp).items():
            print(f"{stage:<17} {s:7.2f}")
        _report(corpus.stem, corpus, tmp, configs)
        if not args.quick and args.replicate > 1:
            big = tmp / f"{corpus.stem}-x{args.replicate}.jsonl"
            _replicate(corpus, big, args.replicate)
            _report(f"{corpus.stem} x{args.replicate}", big, tmp, configs)
    return 0
