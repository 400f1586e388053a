"""``parse``: corpus -> frames. One pure per-document function, several ways to map it.

Every engine runs the same :func:`parse_document`; engines differ only in how they map it over
documents (in this process, in local worker processes, or on Dask).
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm.auto import tqdm

from . import schema
from .corpus import Loaded, concat_loaded, iter_batches
from .sentences import sentence_rows

PER_DOC_FRAMES = ("sentences", "mentions", "dates")
# Below this many documents, worker processes cost more than they save.
PARALLEL_MIN_DOCS = 64
PROGRESS_MIN_DOCS = 10


@dataclass
class Parsed:
    """The frames of a parsed corpus; see :mod:`analysis.schema` for every column."""

    articles: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    actors: pd.DataFrame
    dates: pd.DataFrame
    errors: pd.DataFrame
    meta: dict[str, Any] = field(default_factory=dict)

    def frames(self) -> dict[str, pd.DataFrame]:
        """All frames by name, in schema order."""
        return {name: getattr(self, name) for name in schema.FRAME_NAMES}

    def save(self, out: str | Path, *, csv: bool = False) -> list[Path]:
        """Write each frame to ``out/<name>.parquet`` (and ``.csv`` if asked); return the paths."""
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name, df in self.frames().items():
            p = out / f"{name}.parquet"
            df.to_parquet(p, index=False)
            written.append(p)
            if csv:
                c = out / f"{name}.csv"
                df.to_csv(c, index=False)
                written.append(c)
        return written

    @classmethod
    def load(cls, folder: str | Path) -> Parsed:
        """Read frames written by :meth:`save`."""
        folder = Path(folder)
        frames = {
            name: schema.conform(pd.read_parquet(folder / f"{name}.parquet"), name)
            for name in schema.FRAME_NAMES
        }
        return cls(**frames)

    def __repr__(self) -> str:
        sizes = ", ".join(f"{n}={len(df)}" for n, df in self.frames().items())
        return f"Parsed({sizes})"


def _stage_error(doc_id: str, path: str, stage: str, exc: BaseException) -> dict:
    last = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" at {Path(last.filename).name}:{last.lineno}" if last else ""
    return {
        "doc_id": doc_id,
        "path": path,
        "line": None,
        "severity": "error",
        "reason": f"{stage} failed: {type(exc).__name__}: {exc}{where}",
    }


def parse_document(article: dict[str, Any]) -> dict[str, list[dict]]:
    """Sentences, mentions and dates of one article (a dict with doc_id, text, published, path).

    A failure in one stage is recorded in ``errors`` and leaves the other stages intact.
    """
    from .actors import extract_mentions
    from .dates import extract_dates

    doc_id, text = article["doc_id"], article["text"]
    published = article.get("published")
    if published is not None and pd.isna(published):
        published = None
    out: dict[str, list[dict]] = {name: [] for name in (*PER_DOC_FRAMES, "errors")}
    try:
        out["sentences"] = sentence_rows(doc_id, text)
    except Exception as exc:
        out["errors"].append(_stage_error(doc_id, article.get("path", ""), "sentences", exc))
        # Fall back to one sentence for the whole text so later stages still have sent_ids.
        out["sentences"] = [
            {
                "doc_id": doc_id,
                "sent_id": 0,
                "para_id": 0,
                "start": 0,
                "end": len(text),
                "text": text,
            }
        ]
    kwargs = {"doc_id": doc_id, "text": text, "sentences": out["sentences"], "published": published}
    for name, fn in (("mentions", extract_mentions), ("dates", extract_dates)):
        try:
            out[name] = fn(**kwargs)
        except Exception as exc:
            out["errors"].append(_stage_error(doc_id, article.get("path", ""), name, exc))
    return out


def _parse_chunk(records: list[dict[str, Any]]) -> dict[str, list[dict]]:
    acc: dict[str, list[dict]] = {name: [] for name in (*PER_DOC_FRAMES, "errors")}
    for rec in records:
        for name, rows in parse_document(rec).items():
            acc[name].extend(rows)
    return acc


def _records(articles: pd.DataFrame) -> list[dict[str, Any]]:
    cols = ["doc_id", "text", "published", "path"]
    return articles[cols].to_dict("records")


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _frames_from_rows(acc: dict[str, list[dict]]) -> dict[str, pd.DataFrame]:
    return {
        name: schema.conform(pd.DataFrame(acc[name], columns=list(schema.SCHEMAS[name])), name)
        for name in (*PER_DOC_FRAMES, "errors")
    }


def default_workers() -> int:
    """Cores available to this process."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _map_local(
    records: list[dict[str, Any]], *, workers: int, chunk_size: int, progress: bool
) -> Iterable[dict[str, list[dict]]]:
    chunks = list(_chunks(records, chunk_size))
    bar = tqdm(total=len(records), desc="parse", unit="doc", disable=not progress)
    if workers <= 1 or len(records) < PARALLEL_MIN_DOCS:
        for chunk in chunks:
            yield _parse_chunk(chunk)
            bar.update(len(chunk))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for chunk, res in zip(chunks, pool.map(_parse_chunk, chunks), strict=True):
                yield res
                bar.update(len(chunk))
    bar.close()


def parse_articles(
    articles: pd.DataFrame,
    *,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    chunk_size: int = 64,
    progress: bool | None = None,
) -> dict[str, pd.DataFrame]:
    """Run :func:`parse_document` over an ``articles`` frame; return the per-document frames."""
    records = _records(articles)
    progress = len(records) > PROGRESS_MIN_DOCS if progress is None else progress
    workers = default_workers() if workers is None else workers
    if engine == "local":
        results = _map_local(records, workers=workers, chunk_size=chunk_size, progress=progress)
    elif engine == "dask":
        from .engines import map_dask

        results = map_dask(
            _parse_chunk, list(_chunks(records, chunk_size)), scheduler=scheduler, workers=workers
        )
    else:
        raise ValueError(f"unknown engine {engine!r}: use 'local' or 'dask'")
    acc: dict[str, list[dict]] = {name: [] for name in (*PER_DOC_FRAMES, "errors")}
    for res in results:
        for name, rows in res.items():
            acc[name].extend(rows)
    return _frames_from_rows(acc)


def parse(
    source: str | Path | pd.DataFrame | Loaded,
    *,
    published_default: Any = None,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    progress: bool | None = None,
    warn: bool = True,
) -> Parsed:
    """Parse a corpus (path, ``articles`` frame or ``load_corpus`` result) into all frames."""
    from .actors import actors_frame

    if isinstance(source, Loaded):
        loaded = source
    elif isinstance(source, pd.DataFrame):
        loaded = Loaded(schema.conform(source, "articles"), schema.empty("errors"))
    else:
        loaded = concat_loaded(
            iter_batches(source, batch_size=10_000, published_default=published_default, warn=warn)
        )
    articles = loaded.articles
    if published_default is not None and len(articles):
        articles = articles.assign(
            published=articles["published"]
            .fillna(pd.Timestamp(published_default))
            .astype(schema.DATE)
        )
    frames = parse_articles(
        articles, engine=engine, workers=workers, scheduler=scheduler, progress=progress
    )
    errors = pd.concat([loaded.errors, frames["errors"]], ignore_index=True)
    return Parsed(
        articles=articles,
        sentences=frames["sentences"],
        mentions=frames["mentions"],
        actors=actors_frame(frames["mentions"]),
        dates=frames["dates"],
        errors=schema.conform(errors, "errors"),
    )
