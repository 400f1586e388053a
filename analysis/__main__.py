"""The package's one command line: ``python -m analysis COMMAND ...`` or ``arabic-news COMMAND ...``.

Commands: ``parse`` (a corpus into a store), ``run`` (every notebook), ``charts`` (export every
chart of a store), ``evaluate sentences|actors|dates|quotes|stories``, ``bench`` and ``train`` (the actor
tagger). Each command's options live beside its code (``add_arguments`` and ``run``).
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from . import bench, config, stories
from . import evaluate as evaluation
from .actors import evaluate as actors_evaluation
from .actors import train
from .charts import report
from .corpus import CorpusWarning
from .dates import evaluate as dates_evaluation
from .escape import write_csv
from .notebooks import run_all
from .pipeline import parse_to_store, read_store
from .quotes import evaluate as quotes_evaluation
from .store import Store, StoreLocked, store_folder


def _peak_rss_mb() -> float:
    import resource

    # ru_maxrss is in KiB on Linux; children count for the worker processes.
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def _cmd_parse(args: argparse.Namespace) -> int:

    source = config.resolve(args.input)
    if not source.exists():
        # Parsing nothing into a store would empty it (as parse() does, make no store at all).
        print(f"no such file or folder: {source}", file=sys.stderr)
        return 2
    out = store_folder(source, args.out)
    try:
        return _parse_into(args, source, out)
    except StoreLocked as exc:
        print(exc, file=sys.stderr)
        return 3


def _parse_into(args: argparse.Namespace, source: Path, out: Path) -> int:

    with Store(out).locked(timeout=args.lock_timeout) as store:
        with warnings.catch_warnings():
            # Problems are recorded in the errors frame and summarised below, not one by one.
            warnings.simplefilter("ignore", CorpusWarning)
            info = parse_to_store(
                source,
                out,
                published_default=args.published_default,
                engine=args.engine,
                workers=args.workers,
                scheduler=args.scheduler,
                batch_size=args.batch_size,
                overrides=args.overrides,
            )
        for name, n in store.row_counts().items():
            print(f"{name:<10} {n:>9,} rows")
        errs = store.read_frame("errors")
        if len(errs):
            print(f"\n{len(errs)} problem(s) recorded in {out / 'errors.parquet'}:")
            for reason, n in errs["reason"].value_counts().head(10).items():
                print(f"  {n:>5} × {reason}")
        if args.csv:
            for name, df in read_store(out).frames().items():
                write_csv(df, out / f"{name}.csv")
    print(
        f"\nwrote {out} in {info.seconds:.1f}s ({info.n_parsed:,} parsed, {info.n_cached:,} from cache), "
        f"peak RSS {_peak_rss_mb():.0f} MB"
    )
    return 0


def _cmd_run(args: argparse.Namespace) -> int:

    results = run_all(corpus=args.corpus, out=args.out)
    failed = [r for r in results if not r.ok]
    for r in results:
        print(f"{'ok ' if r.ok else 'FAIL'} {r.name:<28} {r.seconds:6.1f}s  {r.message}")
    return 1 if failed else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="parse a corpus and write its frames as Parquet")
    p.add_argument("input", help="folder of .txt, .txt, .jsonl, .csv or .parquet")
    p.add_argument(
        "--out", default=None, help="output folder (default: data/processed/<corpus-key>)"
    )
    p.add_argument("--csv", action="store_true", help="also write CSV files")
    p.add_argument("--engine", choices=("local", "dask"), default="local")
    p.add_argument(
        "--workers", type=int, default=None, help="worker processes (default: all cores)"
    )
    p.add_argument("--scheduler", default=None, help="Dask scheduler address, e.g. tcp://host:8786")
    p.add_argument(
        "--batch-size", type=int, default=4000, help="documents parsed per batch (the cache's unit)"
    )
    p.add_argument("--published-default", default=None, help="date for documents without one")
    p.add_argument(
        "--overrides", default=None, help="user overrides CSV (default: data/overrides.csv)"
    )
    p.add_argument(
        "--lock-timeout",
        type=float,
        default=None,
        help="seconds to wait for another run on the same store "
        "(default: $ANALYSIS_LOCK_TIMEOUT or 600)",
    )
    p.set_defaults(func=_cmd_parse)
    r = sub.add_parser("run", help="execute every notebook on a corpus, writing exports/")
    r.add_argument("--corpus", default=None, help="corpus path (default: seeds/)")
    r.add_argument("--out", default=None, help="exports folder (default: exports/)")
    r.set_defaults(func=_cmd_run)
    report.add_arguments(sub.add_parser("charts", help="export (or time) every chart of a store"))
    ev = sub.add_parser("evaluate", help="score an extractor against a gold set").add_subparsers(
        dest="task", required=True
    )
    evaluation.add_sentences_arguments(ev.add_parser("sentences", help="sentence boundaries"))
    actors_evaluation.add_arguments(ev.add_parser("actors", help="actor mentions (NER)"))
    dates_evaluation.add_arguments(ev.add_parser("dates", help="temporal expressions"))
    quotes_evaluation.add_arguments(ev.add_parser("quotes", help="reported speech and speakers"))
    stories.add_evaluate_arguments(ev.add_parser("stories", help="wire copies (judged pairs)"))
    stories.add_summary_arguments(sub.add_parser("stories", help="how many articles are copies"))
    bench.add_arguments(sub.add_parser("bench", help="time and measure the parse"))
    train.add_arguments(sub.add_parser("train", help="train the actor tagger on NewsFANE"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
