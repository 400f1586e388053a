"""Engines: ways to map one chunk function over chunks of documents.

All engines run the same function (``pipeline._parse_chunk``) and return results in input order,
so every engine yields identical frames. Workers keep their loaded gazetteers, models and
lexicons between chunks: heavy resources load once per process, not once per document.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import AbstractContextManager
from typing import Any

Chunk = list[dict[str, Any]]
Result = dict[str, list[dict]]
ChunkFn = Callable[[Chunk], Result]


def default_workers() -> int:
    """Cores available to this process."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def resolve_workers(workers: int | None) -> int:
    """The number of workers to use: every core if ``workers`` is None, else at least one."""
    return default_workers() if workers is None else max(1, workers)


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
            self._pool = ProcessPoolExecutor(max_workers=self.workers)
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
