"""Engines: ways to map one chunk function over chunks of documents.

All engines run the same function (``pipeline._parse_chunk``) and return results in input order,
so every engine yields identical frames. Workers keep their loaded gazetteers, models and
lexicons between chunks: heavy resources load once per process, not once per document.

Local workers are forked after the parent loaded those resources (shared copy-on-write) and die
with their parent: each asks the kernel for SIGKILL when its parent ends (``prctl
PR_SET_DEATHSIG`` on Linux; elsewhere a thread polls ``os.getppid()``), so a parent killed by
kill -9, SIGTERM or the OOM killer leaves no orphan holding files or the store's lock (which
forked children also close at once, see :mod:`analysis.store`).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import AbstractContextManager
from typing import Any

Chunk = list[dict[str, Any]]
Result = dict[str, list[dict]]
ChunkFn = Callable[[Chunk], Result]


PR_SET_DEATHSIG = 1  # from <linux/prctl.h>
_ORPHAN_POLL_SECONDS = 0.5


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(_ORPHAN_POLL_SECONDS)
    os._exit(1)


def die_with_parent(parent_pid: int) -> None:
    """Worker initializer: end this process as soon as ``parent_pid`` (its parent) ends."""
    libc = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None
    if libc is None or libc.prctl(PR_SET_DEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True).start()
    # The parent may have died before prctl took effect.
    if os.getppid() != parent_pid:
        os._exit(1)


def default_workers() -> int:
    """Cores available to this process."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def resolve_workers(workers: int | None) -> int:
    """The number of workers to use: every core if ``workers`` is None, else at least one."""
    return default_workers() if workers is None else max(1, workers)


# Fork where there is one: workers inherit the warmed resources instead of loading them again.
_FORK = multiprocessing.get_context(
    "fork" if "fork" in multiprocessing.get_all_start_methods() else None
)


class Engine(AbstractContextManager):
    """Maps a chunk function over chunks, in order; a context manager owning its workers."""

    name = "serial"

    def map(self, fn: ChunkFn, chunks: Iterable[Chunk]) -> Iterator[Result]:
        for chunk in chunks:
            yield fn(chunk)

    def __exit__(self, *exc: object) -> None:
        return None


class LocalEngine(Engine):
    """Worker processes on this machine (serial in-process when ``workers <= 1``)."""

    name = "local"

    def __init__(
        self, workers: int | None = None, *, warm: Callable[[], Any] | None = None
    ) -> None:
        self.workers = resolve_workers(workers)
        self._pool: Executor | None = None
        if warm is not None:
            # Load heavy resources before forking so workers share them copy-on-write.
            warm()

    def map(self, fn: ChunkFn, chunks: Iterable[Chunk]) -> Iterator[Result]:
        chunks = list(chunks)
        if self.workers <= 1 or len(chunks) <= 1:
            yield from super().map(fn, chunks)
            return
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=_FORK,
                initializer=die_with_parent,
                initargs=(os.getpid(),),
            )
        yield from self._pool.map(fn, chunks)

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None


class DaskEngine(Engine):
    """Dask distributed: a LocalCluster by default, or the scheduler at ``scheduler``."""

    name = "dask"

    def __init__(self, workers: int | None = None, *, scheduler: str | None = None) -> None:
        from dask.distributed import Client, LocalCluster

        self._cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self._cluster = LocalCluster(
                n_workers=resolve_workers(workers),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=40,
            )
            self.client = Client(self._cluster)

    def map(self, fn: ChunkFn, chunks: Iterable[Chunk]) -> Iterator[Result]:
        chunks = list(chunks)
        if not chunks:
            return
        # pure=False: equal chunks in different runs must still be computed, not deduplicated.
        futures = self.client.map(fn, chunks, pure=False)
        for fut in futures:
            yield fut.result()

    def __exit__(self, *exc: object) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_engine(
    engine: str = "local",
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    warm: Callable[[], Any] | None = None,
) -> Engine:
    """Build the engine named ``engine`` ('local', 'dask' or 'serial')."""
    if engine == "local":
        return LocalEngine(workers, warm=warm)
    if engine == "dask":
        return DaskEngine(workers, scheduler=scheduler)
    if engine == "serial":
        return Engine()
    raise ValueError(f"unknown engine {engine!r}: use 'local', 'dask' or 'serial'")
