"""The parsed-corpus store: Parquet datasets that double as the parse cache.

Layout of a store folder (``data/processed/<corpus-key>/`` or the CLI's ``--out``)::

    manifest.json                        what is published: the one file readers start from
    doc-articles.parquet/part-<id>.parquet  the parse cache: each batch's per-document frames
    doc-sentences.parquet/ ...           (named by the caller; analysis.pipeline uses ``doc-``)
    articles.parquet/part-<id>.parquet   the snapshot: one dataset folder per frame of
    sentences.parquet/ ... stories.parquet/  analysis.schema, after the corpus-level steps
    _index/<id>.parquet                  doc_id, doc_hash of the documents of batch <id>
    _index/current-<id>.parquet          doc_id, doc_hash of the current corpus, in input order
    .lock                                writers' lock; holds the holder's pid and command line

Frame files hold exactly the documented columns and dtypes, so once a parse has finished,
``pd.read_parquet(store / "mentions.parquet")`` gives the current corpus's rows (in part order, not
canonical order); the bookkeeping (which version of which document is in which part) lives in
the manifest and ``_index/``. The store is generic: it stores frames the caller computed, keyed by
opaque document hashes (:mod:`analysis.pipeline` makes them and the corpus-level frames).

Writing (one writer at a time, under the lock). A *batch*, the frames of newly parsed documents,
writes a part in every frame that has rows plus its index, under hidden temporary names, renames
them, and is published by replacing ``manifest.json`` with ``os.replace``: one atomic step, so a
batch is seen whole or not at all, and a kill -9, an out-of-memory kill, a full disk or Ctrl-C
loses at most the batch in flight. Published batches are the cache: a document whose hash is in
one is not parsed again. A *snapshot* then names the current corpus: its index, the batches
holding its documents (a batch also holding documents no longer current is rewritten without
them) and the corpus-level frames (actors, loading errors); it is published by the same single
replace. Files the manifest does not name (leftovers of a dead writer, replaced parts) are
removed after a publish and whenever a writer takes the lock. Not fsynced: safe against the
process dying, not against the machine losing power.

Reading takes no lock: read the manifest, then the files it names; a file removed by a writer's
clean-up after it published a newer manifest makes the reader start again from that manifest.
A snapshot published as ``canonical`` (its writer's promise: every frame in canonical order, no
repeated rows, the schema's dtypes, as :mod:`analysis.pipeline` publishes) is read as stored, with
only the columns asked for (Parquet column projection): no re-sorting or de-duplicating on read.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
import uuid
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, BinaryIO

import pandas as pd
import pyarrow.parquet as pq

from . import config, schema

try:
    import fcntl
except (
    ImportError
):  # Windows: no advisory locks; concurrent runs on one store are unsupported there
    fcntl = None

MANIFEST = "manifest.json"
INDEX_DIR = "_index"
INDEX_COLUMNS = ("doc_id", "doc_hash")
FORMAT = 3
# Files of the layout before the manifest (format 1), removed when a writer takes the lock.
_LEGACY_FILES = ("_current.parquet", "actors.parquet")
# A waiting writer says what it waits for after this many seconds, and gives up after the timeout.
LOCK_NOTICE_SECONDS = 2.0
DEFAULT_LOCK_TIMEOUT = float(os.environ.get("ANALYSIS_LOCK_TIMEOUT", 600))
_READ_ATTEMPTS = 5

# Lock file descriptors this process holds, by store folder. A forked child (a worker process)
# closes its copies at once: a flock belongs to the open file, which fork shares, so a worker
# keeping the copy would keep the lock after its parent died.
_HELD_LOCKS: dict[Path, int] = {}


def _close_inherited_locks() -> None:
    for fd in _HELD_LOCKS.values():
        with suppress(OSError):
            os.close(fd)
    _HELD_LOCKS.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_inherited_locks)


class StoreLocked(TimeoutError):
    """Another process held a store's lock for longer than the timeout."""


def store_folder(source: str | Path, out: str | Path | None = None) -> Path:
    """The store folder of a corpus: ``out`` if given, else ``data/processed/<corpus-key>/``."""
    return config.resolve(out, default=config.PROCESSED_DIR / corpus_key(source))


def corpus_key(path: str | Path) -> str:
    """Folder name under ``data/processed`` for a corpus: its name plus a digest of its path."""
    p = Path(path).resolve()
    stem = p.name if p.is_dir() else p.stem
    return f"{stem}-{hashlib.sha1(str(p).encode()).hexdigest()[:8]}"


def _new_id() -> str:
    return uuid.uuid4().hex[:12]


def _write_part(df: pd.DataFrame, path: Path) -> None:
    """Write one Parquet file (the single place that writes frame data, so tests can fail it)."""
    df.to_parquet(path, index=False)


def _close_all(handles: list[BinaryIO]) -> None:
    for h in handles:
        h.close()


def _retyped(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """``df`` with the schema's dtypes where Parquet changed them (it keeps no datetime64[s])."""
    types = schema.SCHEMAS.get(name, {})
    changed = {c: t for c, t in types.items() if c in df.columns and str(df[c].dtype) != t}
    return df.astype(changed) if changed else df


def _temp_name(path: Path) -> Path:
    # Hidden: pyarrow and pandas skip files starting with "." when reading a dataset folder.
    return path.with_name(f".{path.name}.{_new_id()}.tmp")


def _holder(lock_path: Path) -> str:
    """Who holds a lock, from what the holder wrote into the lock file."""
    try:
        pid_text, _, rest = lock_path.read_text(encoding="utf-8").partition("\n")
        pid = int(pid_text)
    except (OSError, ValueError):
        return "another process"
    try:
        os.kill(pid, 0)
        alive = ""
    except ProcessLookupError:
        alive = " (no longer running: a process it started still holds the lock)"
    except PermissionError:
        alive = ""
    return f"pid {pid}{alive}: {rest.strip()}"


def _empty_manifest() -> dict[str, Any]:
    return {"format": FORMAT, "batches": {}, "current": None}


class Store:
    """A store folder: publish batches and snapshots, know what is cached, read frames back."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    # -- locking -----------------------------------------------------------------------------

    @contextmanager
    def locked(self, *, timeout: float | None = None) -> Iterator[Store]:
        """Hold the writers' lock (re-entrant within a process), then clean up leftovers.

        A waiting run prints what it waits for after :data:`LOCK_NOTICE_SECONDS` and raises
        :class:`StoreLocked` after ``timeout`` seconds (default :data:`DEFAULT_LOCK_TIMEOUT`).
        """
        key = self.folder.resolve()
        if key in _HELD_LOCKS or fcntl is None:
            yield self
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        lock_path = self.folder / ".lock"
        # O_CLOEXEC: a program this process execs does not inherit the lock either.
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        owner = os.getpid()
        try:
            self._acquire(fd, lock_path, DEFAULT_LOCK_TIMEOUT if timeout is None else timeout)
            _HELD_LOCKS[key] = fd
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{owner}\n{' '.join(sys.argv)}\n".encode(), 0)
            self._sweep(self._manifest())
            yield self
        finally:
            # A forked child that unwinds this block must not touch the parent's descriptor.
            if os.getpid() == owner:
                _HELD_LOCKS.pop(key, None)
                os.close(fd)

    @staticmethod
    def _acquire(fd: int, lock_path: Path, timeout: float) -> None:
        t0 = time.monotonic()
        noticed = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                pass
            waited = time.monotonic() - t0
            if waited >= timeout:
                raise StoreLocked(
                    f"gave up after {timeout:g}s waiting for the lock of {lock_path.parent}, "
                    f"held by {_holder(lock_path)}; wait for it to finish, or end it"
                )
            if not noticed and waited >= min(LOCK_NOTICE_SECONDS, timeout / 2):
                print(
                    f"waiting for the lock of {lock_path.parent}, held by {_holder(lock_path)} "
                    f"(giving up after {timeout:g}s)",
                    file=sys.stderr,
                    flush=True,
                )
                noticed = True
            time.sleep(0.05)

    # -- layout ------------------------------------------------------------------------------

    def _frame_file(self, name: str, part: str) -> Path:
        return self.folder / f"{name}.parquet" / f"part-{part}.parquet"

    def _index_file(self, part: str) -> Path:
        return self.folder / INDEX_DIR / f"{part}.parquet"

    def _manifest(self) -> dict[str, Any]:
        try:
            m = json.loads((self.folder / MANIFEST).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return _empty_manifest()
        return m if m.get("format") == FORMAT else _empty_manifest()

    def _named_files(self, m: dict[str, Any]) -> set[Path]:
        named = {self.folder / MANIFEST}
        for part, names in m["batches"].items():
            named.add(self._index_file(part))
            named.update(self._frame_file(n, part) for n in names)
        if cur := m["current"]:
            named.add(self._index_file(f"current-{cur['id']}"))
            named.update(self._frame_file(n, cur["id"]) for n in cur["frames"])
        return named

    def _sweep(self, m: dict[str, Any]) -> None:
        """Remove every store file the manifest ``m`` does not name."""
        named = self._named_files(m)
        for legacy in _LEGACY_FILES:
            if (self.folder / legacy).is_file():
                (self.folder / legacy).unlink()
        folders = [d for d in self.folder.glob("*.parquet") if d.is_dir()]
        for d in [*folders, self.folder / INDEX_DIR]:
            for f in d.iterdir() if d.is_dir() else ():
                ours = f.name.startswith(("part-", ".")) or d.name == INDEX_DIR
                if ours and f.is_file() and f not in named:
                    f.unlink()
        for f in self.folder.glob(f".{MANIFEST}.*.tmp"):
            f.unlink()

    # -- writing (under the lock) ------------------------------------------------------------

    def _publish(self, m: dict[str, Any], staged: list[tuple[Path, Path]]) -> None:
        """Rename the staged files into place, then replace the manifest: the one atomic step."""
        for tmp, final in staged:
            os.replace(tmp, final)
        path = self.folder / MANIFEST
        tmp = _temp_name(path)
        tmp.write_text(json.dumps(m), encoding="utf-8")
        os.replace(tmp, path)

    @staticmethod
    def _stage(df: pd.DataFrame, final: Path, staged: list[tuple[Path, Path]]) -> None:
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = _temp_name(final)
        staged.append((tmp, final))
        _write_part(df, tmp)

    @staticmethod
    def _discard(staged: list[tuple[Path, Path]]) -> None:
        for tmp, final in staged:
            for f in (tmp, final):
                f.unlink(missing_ok=True)

    def write_batch(self, frames: dict[str, pd.DataFrame], index: pd.DataFrame) -> str:
        """Publish the frames of newly parsed documents as one batch; return its id.

        ``index`` has one row per document of the batch: ``doc_id`` and its ``doc_hash``.
        """
        part = _new_id()
        staged: list[tuple[Path, Path]] = []
        try:
            names = [n for n, df in frames.items() if len(df)]
            for n in names:
                self._stage(frames[n], self._frame_file(n, part), staged)
            self._stage(index[list(INDEX_COLUMNS)], self._index_file(part), staged)
            m = self._manifest()
            m["batches"][part] = names
            self._publish(m, staged)
        except BaseException:
            self._discard(staged)
            raise
        return part

    def cached_hashes(self) -> set[str]:
        """Hashes of every document whose frames are published (the parse cache)."""
        out: set[str] = set()
        for part in self._manifest()["batches"]:
            out.update(pq.read_table(self._index_file(part), columns=["doc_hash"])[0].to_pylist())
        return out

    def _live(self, m: dict[str, Any], current: pd.DataFrame) -> dict[str, set[str] | None]:
        """Batch id -> doc_ids of ``current`` it holds (None: all of them); batches without any
        current document are left out."""
        live = set(zip(current["doc_id"].tolist(), current["doc_hash"].tolist(), strict=True))
        out: dict[str, set[str] | None] = {}
        for part in m["batches"]:
            idx = pq.read_table(self._index_file(part)).to_pydict()
            pairs = list(zip(idx["doc_id"], idx["doc_hash"], strict=True))
            used = {d for d, h in pairs if (d, h) in live}
            if used:
                out[part] = None if len(used) == len(pairs) else used
        return out

    def publish(
        self,
        current: pd.DataFrame,
        corpus_frames: dict[str, pd.DataFrame],
        *,
        key: str = "",
        canonical: bool = False,
    ) -> None:
        """Publish a snapshot: the corpus ``current`` (doc_id, doc_hash, in input order) and its
        corpus-level frames; drop published batches it does not use. ``key`` is the caller's
        summary of what the snapshot was made from (:meth:`snapshot_key`); ``canonical``, its
        promise that every frame is as :meth:`read_frames` would return it (canonical order, no
        repeated rows, conformed), so that readers read the files as they are."""
        m = self._manifest()
        cid = _new_id()
        staged: list[tuple[Path, Path]] = []
        batches: dict[str, list[str]] = {}
        try:
            for part, ids in self._live(m, current).items():
                if ids is None:
                    batches[part] = m["batches"][part]
                    continue
                # Rewrite a batch that also holds documents no longer current, without them.
                new = _new_id()
                batches[new] = []
                for n in [*m["batches"][part], INDEX_DIR]:
                    src = self._index_file(part) if n == INDEX_DIR else self._frame_file(n, part)
                    df = pd.read_parquet(src)
                    df = df[df["doc_id"].isin(ids)]
                    if n == INDEX_DIR:
                        self._stage(df, self._index_file(new), staged)
                    elif len(df):
                        self._stage(df, self._frame_file(n, new), staged)
                        batches[new].append(n)
            # Corpus-level frames, and an empty file for any frame without one, so that every
            # frame folder reads with plain pandas even when the corpus has no such rows.
            covered = {n for names in batches.values() for n in names}
            empty = {n: schema.empty(n) for n in schema.FRAME_NAMES if n not in covered}
            written = {**empty, **corpus_frames}
            names = list(written)
            for n, df in written.items():
                self._stage(df, self._frame_file(n, cid), staged)
            self._stage(current[list(INDEX_COLUMNS)], self._index_file(f"current-{cid}"), staged)
            new_m = {
                "format": FORMAT,
                "batches": batches,
                "current": {
                    "id": cid,
                    "batches": list(batches),
                    "frames": names,
                    "key": key,
                    "canonical": canonical,
                },
            }
            self._publish(new_m, staged)
        except BaseException:
            self._discard(staged)
            raise
        self._sweep(new_m)

    # -- reading (no lock) -------------------------------------------------------------------

    def _retrying(self, read):
        """Run ``read(manifest)``, again from a new manifest if a writer removed a file."""
        for attempt in range(_READ_ATTEMPTS):
            try:
                return read(self._manifest())
            except FileNotFoundError:
                if attempt == _READ_ATTEMPTS - 1:
                    raise
                time.sleep(0.05)
        raise AssertionError("unreachable")

    @staticmethod
    def _snapshot(m: dict[str, Any]) -> dict[str, Any]:
        if m["current"] is None:
            raise FileNotFoundError("no parsed corpus in this store yet")
        return m["current"]

    def _current(self, m: dict[str, Any]) -> pd.DataFrame:
        cid = self._snapshot(m)["id"]
        return pd.read_parquet(self._index_file(f"current-{cid}"))

    def current(self) -> pd.DataFrame:
        """The corpus as last published: doc_id and doc_hash, in input order."""
        return self._retrying(self._current)

    def _files(self, m: dict[str, Any], name: str) -> list[Path]:
        cur = self._snapshot(m)
        files = [self._frame_file(name, p) for p in cur["batches"] if name in m["batches"][p]]
        if name in cur["frames"]:
            files.append(self._frame_file(name, cur["id"]))
        return files

    def _read(
        self,
        m: dict[str, Any],
        names: Iterable[str],
        columns: Mapping[str, Sequence[str]] | None = None,
        handles: Mapping[Path, BinaryIO] | None = None,
    ) -> dict[str, pd.DataFrame]:
        columns, handles = columns or {}, handles or {}

        def parquet(path: Path, cols: list[str] | None = None) -> pd.DataFrame:
            src = handles.get(path, path)
            if src is not path:
                src.seek(0)
            return pd.read_parquet(src, columns=cols)

        cur = self._snapshot(m)
        doc_order = None
        out = {}
        for name in names:
            files = self._files(m, name)
            cols = list(columns[name]) if name in columns else None
            if cur.get("canonical") and files == [self._frame_file(name, cur["id"])]:
                # Published as read_frames returns it: read only the columns asked for.
                out[name] = _retyped(parquet(files[0], cols), name)
                continue
            dfs = [df for f in files if len(df := parquet(f))]
            df = pd.concat(dfs, ignore_index=True) if dfs else schema.empty(name)
            if name in schema.SORT_KEYS:
                index = self._index_file(f"current-{cur['id']}")
                doc_order = parquet(index)["doc_id"] if doc_order is None else doc_order
                df = schema.canonical_order(
                    schema.conform(df.drop_duplicates(), name), name, doc_order
                )
            df = df if name in schema.SORT_KEYS else schema.conform(df, name)
            out[name] = df if cols is None else df[cols]
        return out

    def read_frames(
        self,
        names: Iterable[str] = schema.FRAME_NAMES,
        *,
        columns: Mapping[str, Sequence[str]] | None = None,
    ) -> dict[str, pd.DataFrame]:
        """Frames of the current corpus, all from one snapshot, per-document ones in canonical
        order (:func:`analysis.schema.canonical_order`); ``columns`` maps a frame to the only
        columns to read of it."""
        names = list(names)
        return self._retrying(lambda m: self._read(m, names, columns))

    def read_frame(self, name: str, *, columns: Sequence[str] | None = None) -> pd.DataFrame:
        """One frame of the current corpus (only ``columns`` of it, if given)."""
        cols = None if columns is None else {name: columns}
        return self.read_frames([name], columns=cols)[name]

    def _open_snapshot(self, m: dict[str, Any]) -> dict[Path, BinaryIO]:
        files = {self._index_file(f"current-{self._snapshot(m)['id']}")}
        files.update(f for name in schema.FRAME_NAMES for f in self._files(m, name))
        handles: dict[Path, BinaryIO] = {}
        try:
            for f in files:
                handles[f] = f.open("rb")
        except BaseException:
            _close_all(list(handles.values()))
            raise
        return handles

    def snapshot_reader(self) -> Callable[..., pd.DataFrame]:
        """``read(name, columns=None)``: one frame of the snapshot published now, whenever it is
        called. Its files are opened now and stay open with the reader, so frames read later come
        from this snapshot even after a writer published another and removed them (POSIX keeps an
        open file's data; on Windows a later frame may come from a newer snapshot)."""
        # Not on Windows: a file open there cannot be removed, which would fail a writer's clean-up.
        m, handles = self._retrying(
            lambda m: (m, {} if os.name == "nt" else self._open_snapshot(m))
        )

        def read(name: str, columns: Sequence[str] | None = None) -> pd.DataFrame:
            cols = None if columns is None else {name: columns}
            try:
                return self._read(m, [name], cols, handles)[name]
            except FileNotFoundError:  # Windows: the files were removed before being opened
                return self.read_frames([name], columns=cols)[name]

        # Closed with the reader (no "unclosed file" warnings when a Parsed is dropped).
        weakref.finalize(read, _close_all, list(handles.values()))
        return read

    def snapshot_key(self) -> str | None:
        """The ``key`` the current snapshot was published with (None: no snapshot)."""
        cur = self._manifest()["current"]
        return cur.get("key") if cur else None

    def read_unpublished(
        self, name: str, current: pd.DataFrame, *, frame: str | None = None
    ) -> pd.DataFrame:
        """The rows of batch frame ``name`` (schema ``frame``, default ``name``) for a corpus not
        yet published (under the lock: the caller computes corpus-level frames from it before
        :meth:`publish`)."""
        frame = frame or name
        m = self._manifest()
        parts = []
        for part, ids in self._live(m, current).items():
            if name in m["batches"][part]:
                df = pd.read_parquet(self._frame_file(name, part))
                parts.append(df if ids is None else df[df["doc_id"].isin(ids)])
        df = pd.concat(parts, ignore_index=True) if parts else schema.empty(frame)
        return schema.canonical_order(
            schema.conform(df.drop_duplicates(), frame), frame, current["doc_id"]
        )

    def row_counts(self) -> dict[str, int]:
        """Rows per frame of the current corpus, from the Parquet footers."""

        def count(m: dict[str, Any]) -> dict[str, int]:
            return {
                name: sum(pq.ParquetFile(f).metadata.num_rows for f in self._files(m, name))
                for name in schema.FRAME_NAMES
            }

        return self._retrying(count)
