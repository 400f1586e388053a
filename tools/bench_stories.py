"""Time and peak memory of the stories step alone, on a corpus and on it replicated N times.

    python tools/bench_stories.py CORPUS [--replicate 10] [--tmp /tmp]

The replicated corpus (every article N times, the copies under new ids ``<id>#<k>``) is written
under ``--tmp``, never in the repository, and removed afterwards. Loading the corpus is not timed;
the figures are of :func:`analysis.stories.stories` on the articles frame: seconds, the process's
resident memory before it and its peak during it (sampled every 50 ms), and the counts.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import warnings
from pathlib import Path

import psutil

from analysis.bench import RssSampler
from analysis.corpus import load_corpus
from analysis.stories import stories

MB = 1 << 20


def replicate(corpus: Path, n: int, folder: Path) -> Path:
    """``corpus`` written ``n`` times into ``folder``, each later copy under new ids."""
    out = folder / f"{corpus.stem}_x{n}.jsonl"
    lines = [json.loads(line) for line in corpus.open(encoding="utf-8") if line.strip()]
    with out.open("w", encoding="utf-8") as fh:
        for k in range(n):
            for row in lines:
                fh.write(json.dumps({**row, "id": f"{row['id']}#{k}" if k else row["id"]}) + "\n")
    return out


def measure(path: Path) -> dict[str, float]:
    """Figures of the stories step on the corpus at ``path``."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # loading problems are the corpus's, reported elsewhere
        articles = load_corpus(path).articles
    sampler = RssSampler()
    before = psutil.Process().memory_info().rss
    sampler.start()
    t0 = time.perf_counter()
    out = stories({"articles": articles})["stories"]
    seconds = time.perf_counter() - t0
    peak = sampler.stop()
    multi = out[out["n_articles"] > 1]
    return {
        "articles": len(articles),
        "seconds": round(seconds, 2),
        "rss_before_mb": round(before / MB),
        "peak_rss_mb": round(peak / MB),
        "stories": len(out),
        "articles_in_multi": int(multi["n_articles"].sum()),
        "largest": int(out["n_articles"].max()) if len(out) else 0,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--replicate", type=int, default=0, help="also run on the corpus N times")
    ap.add_argument("--tmp", type=Path, default=Path(tempfile.gettempdir()))
    args = ap.parse_args()
    print(json.dumps({"corpus": args.corpus.name, **measure(args.corpus)}), flush=True)
    if args.replicate > 1:
        with tempfile.TemporaryDirectory(dir=args.tmp) as folder:
            big = replicate(args.corpus, args.replicate, Path(folder))
            print(json.dumps({"corpus": big.name, **measure(big)}), flush=True)


if __name__ == "__main__":
    main()
