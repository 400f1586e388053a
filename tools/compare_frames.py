"""Compare the frames two versions of the parser make of one corpus: every frame, every field.

    python tools/compare_frames.py dump CORPUS OUT     # parse CORPUS in memory, write OUT/<frame>.parquet
    python tools/compare_frames.py diff A B            # compare two dumps; exit 1 if they differ

``dump`` uses only the public API (``analysis.parse``), so a dump made by an older checkout
(``PYTHONPATH=<checkout> python tools/compare_frames.py dump ...``) compares with a newer one.
``diff`` compares the columns both dumps share, row for row as multisets, and lists the columns
only one of them has (a frame gaining a column is a change to report, not a difference of values).
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import pandas as pd

FRAMES = ("articles", "sentences", "mentions", "actors", "dates", "quotes", "stories", "errors")


def dump(corpus: str, out: str, *, workers: int | None) -> None:
    """Parse ``corpus`` without the cache and write each frame to ``out``."""
    import analysis

    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = analysis.parse(corpus, cache=False, workers=workers, progress=False)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    for name in FRAMES:
        df = getattr(parsed, name, None)
        if df is not None:
            df.to_parquet(folder / f"{name}.parquet", index=False)
    sizes = ", ".join(f"{n}={len(getattr(parsed, n))}" for n in FRAMES if hasattr(parsed, n))
    print(f"{corpus} -> {folder} in {time.perf_counter() - t0:.1f}s: {sizes}")


def _as_text(df: pd.DataFrame) -> pd.DataFrame:
    # Compare values, not dtypes: NaN/NA/NaT all read as "" and numbers by their value.
    return df.astype(object).where(df.notna(), "").astype(str)


def _short(value: str, width: int = 60) -> str:
    return value if len(value) <= width else value[: width - 1] + "…"


def diff_frame(a: pd.DataFrame, b: pd.DataFrame, *, examples: int = 3) -> list[str]:
    """Lines describing how frame ``b`` differs from ``a`` (empty when identical)."""
    lines = []
    only_a = [c for c in a.columns if c not in b.columns]
    only_b = [c for c in b.columns if c not in a.columns]
    if only_a:
        lines.append(f"  columns only in A: {only_a}")
    if only_b:
        lines.append(f"  columns only in B: {only_b} (new columns, values not compared)")
    cols = [c for c in a.columns if c in b.columns]
    ta, tb = _as_text(a[cols]), _as_text(b[cols])
    ca = ta.value_counts(dropna=False)
    cb = tb.value_counts(dropna=False)
    both = ca.to_frame("a").join(cb.to_frame("b"), how="outer").fillna(0)
    changed = both[both["a"] != both["b"]]
    if len(a) != len(b):
        lines.append(f"  rows: A {len(a):,}, B {len(b):,}")
    if len(changed):
        lost = changed[changed["a"] > changed["b"]]
        gained = changed[changed["b"] > changed["a"]]
        lines.append(f"  {len(lost):,} distinct rows only in A, {len(gained):,} only in B")
        for label, part in (("A", lost), ("B", gained)):
            for key in list(part.index)[:examples]:
                row = {c: _short(v) for c, v in zip(cols, key, strict=True)}
                lines.append(f"    only in {label}: {row}")
    return lines


def diff(a: str, b: str) -> int:
    """Print the differences between two dumps; 0 if every shared field is identical."""
    differ = 0
    for name in FRAMES:
        pa, pb = Path(a) / f"{name}.parquet", Path(b) / f"{name}.parquet"
        if not pa.exists() or not pb.exists():
            print(f"{name:<10} missing in {'A' if not pa.exists() else 'B'}")
            differ += 1
            continue
        fa, fb = pd.read_parquet(pa), pd.read_parquet(pb)
        lines = diff_frame(fa, fb)
        values_differ = any(not ln.startswith("  columns only in B") for ln in lines)
        status = "DIFFERS" if values_differ else "identical"
        print(f"{name:<10} {status:<9} A {len(fa):>9,} rows  B {len(fb):>9,} rows")
        for ln in lines:
            print(ln)
        differ += values_differ
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump", help="parse a corpus and write its frames")
    d.add_argument("corpus")
    d.add_argument("out")
    d.add_argument("--workers", type=int, default=None)
    c = sub.add_parser("diff", help="compare two dumps")
    c.add_argument("a")
    c.add_argument("b")
    args = parser.parse_args(argv)
    if args.cmd == "dump":
        dump(args.corpus, args.out, workers=args.workers)
        return 0
    return diff(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())
