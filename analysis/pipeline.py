"""``parse``: corpus -> frames. One pure per-document function, several ways to map it.

Every engine runs the same :func:`parse_document`; engines differ only in how they map it over
documents (in this process, in local worker processes, or on Dask).
"""

from __future__ import annotations

import hashlib
import re
import time
import traceback
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm.auto import tqdm

from . import schema
from .actors import extract_mentions
from .corpus import CorpusWarning, Loaded, fill_published, iter_batches, load_corpus
from .dates import extract_dates
from .engines import Engine, make_engine, resolve_workers
from .fingerprint import parser_version
from .overrides import DEFAULT_PATH as OVERRIDES_PATH
from .quotes import extract_quotes
from .sentences import sentence_rows
from .steps import corpus_steps
from .store import MANIFEST, Store, store_folder

PER_DOC_FRAMES = ("sentences", "mentions", "dates", "quotes")
# The store keeps each document's frames (the parse cache) under these names, apart from the
# frames of the whole corpus after the corpus-level steps (what users read).
CACHE_PREFIX = "doc-"
# Below this many documents, worker processes cost more than they save.
PARALLEL_MIN_DOCS = 64
PROGRESS_MIN_DOCS = 10


@dataclass
class Parsed:
    """The frames of a parsed corpus; see :mod:`analysis.schema` for every column.

    Read from a store (:func:`read_store`), each frame is read on first use, all from the snapshot
    published when the store was opened: a notebook showing actors never reads the sentences.
    """

    articles: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    actors: pd.DataFrame
    dates: pd.DataFrame
    stories: pd.DataFrame
    quotes: pd.DataFrame
    errors: pd.DataFrame
    meta: dict[str, Any] = field(default_factory=dict)

    def frames(self) -> dict[str, pd.DataFrame]:
        """All frames by name, in schema order."""
        return {name: getattr(self, name) for name in schema.FRAME_NAMES}

    @classmethod
    def load(cls, folder: str | Path) -> Parsed:
        """Read a store (``python -m analysis parse``) or a folder of ``<frame>.parquet``."""
        folder = Path(folder)
        if (folder / MANIFEST).exists():
            return read_store(folder)
        frames = {
            name: schema.conform(pd.read_parquet(folder / f"{name}.parquet"), name)
            for name in schema.FRAME_NAMES
        }
        return cls(**frames)

    @classmethod
    def from_store(cls, store: Store) -> Parsed:
        """The frames of a store's current snapshot, each read when first used."""
        parsed = cls.__new__(cls)
        parsed.meta = {"store": str(store.folder)}
        parsed._read = store.snapshot_reader()
        parsed._store = store
        return parsed

    def __getattr__(self, name: str) -> pd.DataFrame:
        # Only called for attributes not set yet: a frame of a store not read so far.
        read = self.__dict__.get("_read")
        if read is None or name not in schema.FRAME_NAMES:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        df = read(name)
        setattr(self, name, df)
        return df

    def __repr__(self) -> str:
        # Sizes of frames not read yet come from the Parquet footers (not read for a repr).
        store = self.__dict__.get("_store")
        counts = store.row_counts() if store is not None else {}
        sizes = ", ".join(
            f"{n}={len(self.__dict__[n]) if n in self.__dict__ else counts[n]}"
            for n in schema.FRAME_NAMES
        )
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
    """Sentences, mentions, dates and quotes of one article (a dict with doc_id, text, published, path).

    A failure in one stage is recorded in ``errors`` and leaves the other stages intact.
    """
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
    try:
        out["quotes"] = extract_quotes(
            doc_id=doc_id, text=text, sentences=out["sentences"], mentions=out["mentions"]
        )
    except Exception as exc:
        out["errors"].append(_stage_error(doc_id, article.get("path", ""), "quotes", exc))
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
    return {name: schema.from_rows(acc[name], name) for name in (*PER_DOC_FRAMES, "errors")}


def warm() -> None:
    """Load every extractor's resources in this process (before forking workers)."""
    parse_document(
        {"doc_id": "warm", "text": "اليابان في 18 أكتوبر 2024.", "published": None, "path": ""}
    )


def _run(
    engine: Engine, articles: pd.DataFrame, *, workers: int | None, progress: bool = False
) -> dict[str, pd.DataFrame]:
    acc: dict[str, list[dict]] = {name: [] for name in (*PER_DOC_FRAMES, "errors")}
    chunks = list(_chunks(_records(articles), _chunk_size(len(articles), workers)))
    with tqdm(total=len(articles), desc="parse", unit="doc", disable=not progress) as bar:
        for chunk, res in zip(chunks, engine.map(_parse_chunk, chunks), strict=True):
            for name, rows in res.items():
                acc[name].extend(rows)
            bar.update(len(chunk))
    return _frames_from_rows(acc)


def _chunk_size(n_docs: int, workers: int | None) -> int:
    # Enough chunks to balance the workers, few enough to keep pickling overhead low.
    return max(8, min(256, n_docs // (4 * resolve_workers(workers)) or 8))


def _engine(engine: str, workers: int | None, scheduler: str | None, n_docs: int) -> Engine:
    if engine == "local" and (n_docs < PARALLEL_MIN_DOCS or resolve_workers(workers) <= 1):
        return make_engine("serial")
    return make_engine(engine, workers=workers, scheduler=scheduler, warm=warm)


def parse_articles(
    articles: pd.DataFrame,
    *,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    progress: bool | None = None,
) -> dict[str, pd.DataFrame]:
    """Run :func:`parse_document` over an ``articles`` frame; return the per-document frames."""
    progress = len(articles) > PROGRESS_MIN_DOCS if progress is None else progress
    with _engine(engine, workers, scheduler, len(articles)) as eng:
        frames = _run(eng, articles, workers=workers, progress=progress)
    order = articles["doc_id"]
    return {name: schema.canonical_order(df, name, order) for name, df in frames.items()}


def _hash_text(values: pd.Series) -> list[str]:
    """Each value as hashed: "" when missing, else ``str(value)`` (once per distinct value)."""
    memo: dict[Any, str] = {}
    out = []
    for v in values.tolist():
        text = memo.get(v)
        if text is None:
            text = memo[v] = "" if pd.isna(v) else str(v)
        out.append(text)
    return out


def doc_hashes(articles: pd.DataFrame) -> list[str]:
    """Content hash of each article: id, text, metadata and the parser version."""
    prefix = parser_version() + "\x1f"
    cols = ["doc_id", "text", "published", "source", "title", "path", "encoding"]
    texts = [_hash_text(articles[c]) for c in cols]
    return [
        hashlib.sha1((prefix + "\x1f".join(row)).encode("utf-8", "surrogatepass")).hexdigest()
        for row in zip(*texts, strict=True)
    ]


def _count_records(path: Path) -> int | None:
    """Rough number of documents, for the progress bar (lines of JSONL/CSV, files of a folder)."""
    if path.is_dir():
        return sum(1 for p in path.iterdir() if p.suffix.lower() == ".txt")
    if path.suffix.lower() in (".jsonl", ".ndjson", ".csv", ".tsv"):
        n = 0
        with path.open("rb") as fh:
            while block := fh.read(1 << 22):
                n += block.count(b"\n")
        return n
    return None


@dataclass
class RunInfo:
    """What :func:`parse_to_store` did."""

    folder: Path
    n_articles: int
    n_parsed: int
    n_cached: int
    seconds: float


def parse_to_store(
    source: str | Path,
    out: str | Path,
    *,
    published_default: Any = None,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    batch_size: int = 4000,
    progress: bool | None = None,
    warn: bool = True,
    lock_timeout: float | None = None,
    overrides: str | Path | None = None,
) -> RunInfo:
    """Stream a corpus through the parser into a :class:`~analysis.store.Store` folder.

    The parse holds ``batch_size`` documents at a time; documents already in the store (same
    content hash) are not parsed again. Each batch is published whole as soon as it is parsed,
    so an interrupted run keeps what it finished. The corpus-level steps then read every
    document's frames at once (the whole corpus in memory: 1.8 GB peak on the 15k-article dev
    month) and publish the final frames last, unless nothing they depend on changed.
    """
    t0 = time.perf_counter()
    source = Path(source)
    with Store(out).locked(timeout=lock_timeout) as store:
        cached = store.cached_hashes()
        total = _count_records(source)
        progress = (total or 0) > PROGRESS_MIN_DOCS if progress is None else progress
        bar = tqdm(total=total, desc=f"parse {source.name}", unit="doc", disable=not progress)
        current: list[pd.DataFrame] = []
        load_errors: list[pd.DataFrame] = []
        n_parsed = 0
        eng: Engine | None = None
        try:
            for batch in iter_batches(
                source, batch_size=batch_size, published_default=published_default, warn=warn
            ):
                arts = batch.articles
                load_errors.append(batch.errors)
                hashes = doc_hashes(arts)
                index = pd.DataFrame(
                    {"doc_id": arts["doc_id"].tolist(), "doc_hash": hashes}, dtype="string"
                )
                current.append(index)
                # A set lookup per document: Series.isin(set) walks the whole set on every batch,
                # which made a cached rerun quadratic in the corpus size.
                todo_mask = [h not in cached for h in hashes]
                if any(todo_mask):
                    todo = arts[todo_mask]
                    if eng is None:
                        eng = _engine(engine, workers, scheduler, total or len(todo)).__enter__()
                    frames = _run(eng, todo, workers=workers)
                    batch_frames = {"articles": todo, **frames}
                    store.write_batch(
                        {CACHE_PREFIX + n: df for n, df in batch_frames.items()}, index[todo_mask]
                    )
                    n_parsed += len(todo)
                bar.update(len(arts) + int((batch.errors["severity"] == "error").sum()))
        finally:
            if eng is not None:
                eng.__exit__(None, None, None)
            bar.close()
        cur = (
            pd.concat(current, ignore_index=True)
            if current
            else pd.DataFrame({c: pd.Series(dtype="string") for c in ("doc_id", "doc_hash")})
        )
        errs = pd.concat(load_errors, ignore_index=True) if load_errors else schema.empty("errors")
        errs = schema.conform(errs, "errors")
        key = _snapshot_key(cur, errs, overrides)
        if key != store.snapshot_key():
            frames = {
                n: store.read_unpublished(CACHE_PREFIX + n, cur, frame=n) for n in schema.DOC_FRAMES
            }
            frames["errors"] = _all_errors(errs, frames["errors"], cur["doc_id"])
            # The steps' frames are canonical (ordered, conformed): readers read them as stored.
            store.publish(cur, corpus_steps(frames, overrides=overrides), key=key, canonical=True)
    return RunInfo(store.folder, len(cur), n_parsed, len(cur) - n_parsed, time.perf_counter() - t0)


def _snapshot_key(current: pd.DataFrame, load_errors: pd.DataFrame, overrides: Any) -> str:
    """What the corpus-level frames depend on beyond the parser: the documents (by hash, in order),
    the loading errors and the overrides file; an unchanged key skips the corpus steps."""
    h = hashlib.sha1(parser_version().encode())
    for value in current["doc_hash"].tolist():
        h.update(value.encode())
    h.update(pd.util.hash_pandas_object(load_errors, index=False).to_numpy().tobytes())
    path = Path(overrides) if overrides is not None else OVERRIDES_PATH
    h.update(f"\x1f{path.resolve()}\x1f{overrides is None}\x1f".encode())
    try:
        h.update(path.read_bytes())
    except OSError as exc:  # missing or unreadable: the steps report it; the key says which
        h.update(f"{type(exc).__name__}".encode())
    return h.hexdigest()


def _all_errors(load: pd.DataFrame, parse: pd.DataFrame, order: pd.Series) -> pd.DataFrame:
    """Loading and parsing problems in one frame, in document order."""
    both = schema.conform(pd.concat([load, parse], ignore_index=True), "errors")
    return schema.canonical_order(both, "errors", order)


def read_store(folder: str | Path) -> Parsed:
    """The frames of a store folder written by :func:`parse_to_store` (each read on first use)."""
    return Parsed.from_store(Store(folder))


def parse(
    source: str | Path | pd.DataFrame | Loaded,
    *,
    published_default: Any = None,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    cache: bool | str | Path = True,
    progress: bool | None = None,
    warn: bool = True,
    lock_timeout: float | None = None,
    overrides: str | Path | None = None,
) -> Parsed:
    """Parse a corpus (path, ``articles`` frame or ``load_corpus`` result) into all frames.

    A corpus given as a path is cached under ``data/processed/<corpus-key>/`` (or the folder
    given as ``cache``); ``cache=False`` parses in memory only. Frames are identical either way.
    Another run parsing into the same folder is waited for up to ``lock_timeout`` seconds; a
    store folder written by ``python -m analysis parse`` is read back as it is. Problems with the
    input are rows of ``errors``, announced by one :class:`CorpusWarning` (if ``warn``) counting
    them by kind.
    """
    if isinstance(source, str | Path) and (Path(source) / MANIFEST).is_file():
        return read_store(source)
    parsed = _parse(
        source,
        published_default=published_default,
        engine=engine,
        workers=workers,
        scheduler=scheduler,
        cache=cache,
        progress=progress,
        lock_timeout=lock_timeout,
        overrides=overrides,
    )
    if warn:
        _warn_summary(parsed.errors, source)
    return parsed


_VARIABLE_RE = re.compile(r"'[^']*'|\"[^\"]*\"|\d[\d,.]*")


def _warn_summary(errors: pd.DataFrame, source: Any) -> None:
    """One warning for a parse's problems: how many of each kind (details in ``errors``)."""
    if errors.empty:
        return
    kinds = errors["reason"].str.replace(_VARIABLE_RE, "…", regex=True).value_counts()
    where = source if isinstance(source, str | Path) else "the corpus"
    lines = [f"  {n:>6,} × {kind}" for kind, n in kinds.head(10).items()]
    if len(kinds) > 10:
        lines.append(f"  ... and {len(kinds) - 10} other kinds")
    message = f"{len(errors):,} problem(s) in {where}; details in the errors frame:\n"
    warnings.warn(message + "\n".join(lines), CorpusWarning, stacklevel=3)


def _parse(
    source: str | Path | pd.DataFrame | Loaded,
    *,
    published_default: Any,
    engine: str,
    workers: int | None,
    scheduler: str | None,
    cache: bool | str | Path,
    progress: bool | None,
    lock_timeout: float | None,
    overrides: str | Path | None,
) -> Parsed:
    # A missing path gets no cache folder: it is reported in ``errors`` like any bad input.
    if isinstance(source, str | Path) and cache is not False and Path(source).exists():
        folder = store_folder(source, None if cache is True else cache)
        # Locked: another process (a second notebook, say) may be parsing into the same cache.
        with Store(folder).locked(timeout=lock_timeout):
            info = parse_to_store(
                source,
                folder,
                published_default=published_default,
                engine=engine,
                workers=workers,
                scheduler=scheduler,
                progress=progress,
                warn=False,
                overrides=overrides,
            )
            parsed = read_store(folder)
        parsed.meta.update(n_parsed=info.n_parsed, n_cached=info.n_cached, seconds=info.seconds)
        return parsed
    if isinstance(source, Loaded):
        loaded = source
    elif isinstance(source, pd.DataFrame):
        loaded = Loaded(schema.conform(source, "articles"), schema.empty("errors"))
    else:
        loaded = load_corpus(source, warn=False)
    articles = fill_published(loaded.articles, published_default)
    frames = parse_articles(
        articles, engine=engine, workers=workers, scheduler=scheduler, progress=progress
    )
    frames["articles"] = articles
    frames["errors"] = _all_errors(loaded.errors, frames["errors"], articles["doc_id"])
    return Parsed(**corpus_steps(frames, overrides=overrides))
