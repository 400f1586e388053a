"""The parsed-corpus store: partitioned Parquet datasets that double as the parse cache.

Layout of a store folder (``data/processed/<corpus-key>/`` or the CLI's ``--out``)::

    articles.parquet/part-*.parquet   one dataset per frame; every row carries ``_doc_hash``
    sentences.parquet/  mentions.parquet/  dates.parquet/  errors.parquet/
    actors.parquet                    aggregated from the current mentions
    _current.parquet                  doc_id, _doc_hash of the corpus as last parsed, in order

A document's hash covers its id, text, metadata and :data:`PARSER_VERSION` (a digest of the
parser's code and data files), so a document that did not change is never parsed twice, and any
change to the parser invalidates the whole cache. One batch writes one part name in every frame
(no file where its frame has no rows); rows of documents no longer in the corpus stay in old parts
until no current document uses the part, are filtered out when reading, and then the part name
goes from every frame at once.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from . import config, schema

try:
    import fcntl
except (
    ImportError
):  # Windows: no advisory locks; concurrent runs on one store are unsupported there
    fcntl = None

HASH_COL = "_doc_hash"
DOC_FRAMES = ("articles", "sentences", "mentions", "dates", "errors")
CURRENT = "_current.parquet"
LOAD_ERRORS_PART = "part-load.parquet"
# What the parser's output depends on: its code and its data files.
_PARSER_SOURCES = (
    "arabic.py",
    "sentences.py",
    "pipeline.py",
    "corpus.py",
    "schema.py",
    "actors",
    "dates",
)
_PARSER_DATA = ("gazetteer", "lexicon", "models")


@lru_cache(maxsize=1)
def parser_version() -> str:
    """Package version plus a digest of the parser's code and data files."""
    from . import __version__

    h = hashlib.sha1(__version__.encode())
    roots = [config.PACKAGE_DIR / p for p in _PARSER_SOURCES] + [
        config.DATA_DIR / p for p in _PARSER_DATA
    ]
    for root in roots:
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for f in files:
            if f.is_file() and f.suffix not in (".pyc",) and "__pycache__" not in f.parts:
                h.update(str(f.relative_to(config.ROOT)).encode())
                h.update(f.read_bytes())
    return f"{__version__}+{h.hexdigest()[:12]}"


def doc_hashes(articles: pd.DataFrame) -> pd.Series:
    """Content hash of each article (id, text, metadata, parser version)."""
    version = parser_version()
    cols = ["doc_id", "text", "published", "source", "title", "path"]
    out = []
    for row in articles[cols].itertuples(index=False):
        h = hashlib.sha1(version.encode())
        for value in row:
            h.update(b"\x1f")
            h.update(("" if pd.isna(value) else str(value)).encode("utf-8", "surrogatepass"))
        out.append(h.hexdigest())
    return pd.Series(out, index=articles.index, dtype="string")


def corpus_key(path: str | Path) -> str:
    """Folder name under ``data/processed`` for a corpus: its name plus a digest of its path."""
    p = Path(path).resolve()
    stem = p.name if p.is_dir() else p.stem
    return f"{stem}-{hashlib.sha1(str(p).encode()).hexdigest()[:8]}"


def store_folder(source: str | Path, out: str | Path | None = None) -> Path:
    """The store folder of a corpus: ``out`` if given, else ``data/processed/<corpus-key>/``."""
    return config.resolve(out, default=config.PROCESSED_DIR / corpus_key(source))


def _write_atomic(df: pd.DataFrame, path: Path) -> None:
    """Write Parquet via a temporary file, so a concurrent reader never sees half a file."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    df.to_parquet(tmp, index=False)
    os.replace(tmp, path)


class Store:
    """A store folder: write parts, know what is cached, read frames back."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    @contextmanager
    def locked(self) -> Iterator[Store]:
        """Hold the store's lock: one process at a time parses into or reads a store folder."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with (self.folder / ".lock").open("w") as fh:
            if fcntl is not None:
                fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield self
            finally:
                if fcntl is not None:
                    fcntl.flock(fh, fcntl.LOCK_UN)

    def _dir(self, name: str) -> Path:
        return self.folder / f"{name}.parquet"

    def _article_parts(self) -> dict[str, set[str]]:
        """Part name -> hashes of the documents it holds (the articles part lists them all)."""
        d = self._dir("articles")
        parts = d.glob("part-*.parquet") if d.is_dir() else []
        return {
            p.name: set(pq.read_table(p, columns=[HASH_COL]).column(0).to_pylist()) for p in parts
        }

    def cached_hashes(self) -> set[str]:
        """Hashes of every document whose frames are already in the store."""
        return set().union(*self._article_parts().values())

    def write_part(self, frames: dict[str, pd.DataFrame], hashes: pd.Series) -> None:
        """Write the frames of newly parsed documents (``hashes`` maps doc_id -> hash)."""
        part = f"part-{uuid.uuid4().hex[:12]}.parquet"
        lookup = dict(zip(hashes.index, hashes, strict=True))
        for name in DOC_FRAMES:
            df = frames[name]
            if df.empty:
                continue
            d = self._dir(name)
            d.mkdir(parents=True, exist_ok=True)
            tagged = df.assign(**{HASH_COL: df["doc_id"].map(lookup).fillna("").astype("string")})
            _write_atomic(tagged, d / part)

    def finish(self, current: pd.DataFrame, load_errors: pd.DataFrame) -> None:
        """Record the current corpus, its loading errors and its actors; drop unused parts."""
        from .actors import actors_frame

        self.folder.mkdir(parents=True, exist_ok=True)
        _write_atomic(current, self.folder / CURRENT)
        err_dir = self._dir("errors")
        err_dir.mkdir(parents=True, exist_ok=True)
        no_hash = pd.Series("", index=load_errors.index, dtype="string")
        _write_atomic(load_errors.assign(**{HASH_COL: no_hash}), err_dir / LOAD_ERRORS_PART)
        self._collect_garbage(set(current[HASH_COL]))
        mentions = self.read_frame("mentions", current)
        _write_atomic(actors_frame(mentions), self.folder / "actors.parquet")

    def _collect_garbage(self, live: set[str]) -> None:
        # A part is kept, in every frame, while its articles hold a current document; so a
        # frame's part without rows of a current document (or with no rows at all) goes too.
        keep = {name for name, used in self._article_parts().items() if used & live}
        keep.add(LOAD_ERRORS_PART)
        for name in DOC_FRAMES:
            d = self._dir(name)
            for part in d.glob("part-*.parquet") if d.is_dir() else []:
                if part.name not in keep:
                    part.unlink()

    def current(self) -> pd.DataFrame:
        """The corpus as last parsed: doc_id and hash, in input order."""
        return pd.read_parquet(self.folder / CURRENT)

    def read_frame(self, name: str, current: pd.DataFrame | None = None) -> pd.DataFrame:
        """One frame of the current corpus, in canonical order, without the hash column."""
        if name == "actors":
            return schema.conform(pd.read_parquet(self.folder / "actors.parquet"), "actors")
        current = self.current() if current is None else current
        d = self._dir(name)
        parts = sorted(d.glob("part-*.parquet")) if d.is_dir() else []
        if not parts:
            return schema.empty(name)
        df = pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)
        live = set(current[HASH_COL])
        if name == "errors":
            keep = df[HASH_COL].isin(live) | (df[HASH_COL] == "")
        else:
            keep = df[HASH_COL].isin(live)
        df = df[keep].drop_duplicates()
        return canonical_order(
            schema.conform(df.drop(columns=[HASH_COL]), name), name, current["doc_id"]
        )

    def row_counts(self) -> dict[str, int]:
        """Rows per frame of the current corpus (reads only the hash column)."""
        live = set(self.current()[HASH_COL])
        counts = {}
        for name in DOC_FRAMES:
            d = self._dir(name)
            n = 0
            for part in d.glob("part-*.parquet") if d.is_dir() else []:
                col = pq.read_table(part, columns=[HASH_COL]).column(0).to_pylist()
                n += sum(1 for h in col if h in live or (name == "errors" and h == ""))
            counts[name] = n
        counts["actors"] = pq.ParquetFile(self.folder / "actors.parquet").metadata.num_rows
        return counts


_SORT_KEYS = {
    "articles": [],
    "sentences": ["sent_id"],
    "mentions": ["start", "end", "actor_id"],
    "dates": ["start", "end", "value"],
    "errors": ["path", "line", "reason"],
}


def canonical_order(df: pd.DataFrame, name: str, doc_order: Iterable[str]) -> pd.DataFrame:
    """Sort a per-document frame by document input order, then by position in the document."""
    rank = {d: i for i, d in enumerate(doc_order)}
    # Rows of no known document (loading errors) keep their own order, after the rest.
    pos = df["doc_id"].map(rank).fillna(len(rank)).astype("int64")
    order = df.assign(_pos=pos).sort_values(["_pos", *_SORT_KEYS[name]], kind="stable").index
    return df.loc[order].reset_index(drop=True)
