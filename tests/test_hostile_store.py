"""The store under hostile conditions: killed writers, full disks, orphan workers, held locks,
concurrent readers, and a cache key that follows every file the parser reads."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis import config, fingerprint, parse, read_store, schema
from analysis import store as store_mod
from analysis.pipeline import CACHE_PREFIX, parse_to_store
from analysis.store import Store, StoreLocked

TEXTS = [
    "وزير الدفاع الياباني جن ناكاتاني زار بروكسل اليوم الجمعة. وقال إن اليابان تدعم أوكرانيا.",
    "اتفقت الصين وروسيا على تعزيز التعاون عام 2022.\nوأكد الأمين العام للناتو مارك روت أن الحلف موحد.",
    "أعلنت المملكة العربية السعودية في 10 أغسطس 2015 عن مشروع جديد في الرياض.",
]
N_DOCS = 30
BATCH = 10


@pytest.fixture
def corpus(tmp_path) -> Path:
    """30 documents (three batches of 10) and one broken line (a loading error)."""
    src = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps({"id": f"d{i}", "text": f"{TEXTS[i % 3]} العدد {i}.", "date": "2015-08-10"})
        for i in range(N_DOCS)
    ]
    lines.insert(7, "{broken json")
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return src


@pytest.fixture
def reference(corpus) -> dict[str, pd.DataFrame]:
    return parse(corpus, cache=False, warn=False, workers=1, progress=False).frames()


def _assert_frames_equal(folder: Path, reference: dict[str, pd.DataFrame]) -> None:
    back = read_store(folder).frames()
    for name, df in reference.items():
        pd.testing.assert_frame_equal(back[name], df, obj=name)


def _leftovers(folder: Path) -> list[Path]:
    """Temporary files and files the manifest does not name."""
    named = Store(folder)._named_files(Store(folder)._manifest())
    return [
        f
        for f in folder.rglob("*")
        if f.is_file() and f.name != ".lock" and (f.suffix == ".tmp" or f not in named)
    ]


def _parse(corpus: Path, folder: Path, **kw):
    return parse_to_store(corpus, folder, batch_size=BATCH, warn=False, progress=False, **kw)


def _start(script: str, *args: str) -> subprocess.Popen:
    """Run ``script`` in a fresh interpreter importing this checkout; killed after 120 s."""
    env = {**os.environ, "PYTHONPATH": str(config.ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    timer = threading.Timer(120, proc.kill)
    timer.daemon = True
    timer.start()
    return proc


def _wait_for(proc: subprocess.Popen, word: str) -> None:
    line = proc.stdout.readline()
    assert line.strip() == word, f"child said {line!r}, exit {proc.poll()}"


# A child that parses into a store and stops for good at a chosen point, to be killed there.
STALL_AT_PART = """
import sys, time
import analysis.pipeline as pipeline
import analysis.store as st

pipeline.PARALLEL_MIN_DOCS = 0  # worker processes even for this small corpus

real, calls = st._write_part, [0]

def stalled(df, path):
    real(df, path)
    calls[0] += 1
    if calls[0] == int(sys.argv[3]):
        print("STALLED", flush=True)
        time.sleep(600)

st._write_part = stalled
pipeline.parse_to_store(sys.argv[1], sys.argv[2], batch_size=10, workers=int(sys.argv[4]), warn=False)
"""


def test_kill_9_between_part_writes_then_rerun_restores_every_frame(corpus, reference, tmp_path):
    folder = tmp_path / "store"
    # Batch one writes six parts (articles, sentences, mentions, dates, quotes, index); stop in
    # batch two.
    proc = _start(STALL_AT_PART, str(corpus), str(folder), "8", "1")
    _wait_for(proc, "STALLED")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert [p.name for p in folder.rglob("*.tmp")], "the kill should interrupt a batch"
    assert len(Store(folder)._manifest()["batches"]) == 1
    info = _parse(corpus, folder, workers=1)
    assert (info.n_parsed, info.n_cached) == (N_DOCS - BATCH, BATCH)
    _assert_frames_equal(folder, reference)
    assert _leftovers(folder) == []


def test_disk_full_between_part_writes_then_rerun_restores_every_frame(
    corpus, reference, tmp_path, monkeypatch
):
    folder = tmp_path / "store"
    real, calls = store_mod._write_part, []

    def disk_full(df, path):
        calls.append(path)
        if len(calls) == 7:  # the second part of the second batch
            raise OSError(errno.ENOSPC, "No space left on device")
        real(df, path)

    monkeypatch.setattr(store_mod, "_write_part", disk_full)
    with pytest.raises(OSError, match="No space left"):
        _parse(corpus, folder, workers=1)
    monkeypatch.setattr(store_mod, "_write_part", real)
    assert _leftovers(folder) == []  # the failed batch cleaned up after itself
    info = _parse(corpus, folder, workers=1)
    assert (info.n_parsed, info.n_cached) == (N_DOCS - BATCH, BATCH)
    _assert_frames_equal(folder, reference)


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def _holds(pid: int, path: Path) -> bool:
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return False
    return any(os.path.realpath(fd) == str(path.resolve()) for fd in fds)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
def test_orphan_workers_die_with_a_killed_parent_and_the_next_run_completes(
    corpus, reference, tmp_path
):
    folder = tmp_path / "store"
    # Two workers; the parent stops after publishing its first batch, pool still up.
    proc = _start(STALL_AT_PART, str(corpus), str(folder), "7", "2")
    _wait_for(proc, "STALLED")
    workers = _children(proc.pid)
    assert len(workers) >= 2
    assert not any(_holds(w, folder / ".lock") for w in workers), "workers inherited the lock"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(w) for w in workers), "workers outlived their parent"
    t0 = time.monotonic()
    info = _parse(corpus, folder, workers=2, lock_timeout=10)
    assert time.monotonic() - t0 < 30
    assert info.n_cached == BATCH
    _assert_frames_equal(folder, reference)


HOLD_LOCK = """
import sys, time
from analysis.store import Store

with Store(sys.argv[1]).locked():
    print("HELD", flush=True)
    time.sleep(600)
"""


def test_a_waiting_run_names_the_lock_holder_and_times_out(corpus, tmp_path, capfd):
    folder = tmp_path / "store"
    proc = _start(HOLD_LOCK, str(folder))
    try:
        _wait_for(proc, "HELD")
        t0 = time.monotonic()
        with pytest.raises(StoreLocked, match=rf"gave up after 1s .* pid {proc.pid}"):
            parse(corpus, cache=folder, warn=False, lock_timeout=1)
        assert 1 <= time.monotonic() - t0 < 10
        err = capfd.readouterr().err
        assert f"waiting for the lock of {folder}, held by pid {proc.pid}" in err
        assert "-c " + str(folder) in err  # the holder's command line
    finally:
        proc.kill()
        proc.wait()
    # Once the holder is gone the lock is free at once.
    assert _parse(corpus, folder, workers=1, lock_timeout=5).n_parsed == N_DOCS


def test_a_reader_during_a_write_sees_whole_batches_or_none(corpus, tmp_path, monkeypatch):
    folder = tmp_path / "store"
    real, checks = store_mod._write_part, []

    def read_then_write(df, path):
        # A reader (a fresh Store, no lock) looking while this part is half-written.
        reader = Store(folder)
        published = reader._manifest()["batches"]
        docs: set[str] = set()
        for part, names in published.items():
            ids = set(pd.read_parquet(reader._index_file(part))["doc_id"])
            for frame in ("articles", "sentences", "mentions", "dates"):
                name = CACHE_PREFIX + frame
                assert name in names
                got = set(pd.read_parquet(reader._frame_file(name, part))["doc_id"])
                assert got == ids or (frame in ("mentions", "dates") and got <= ids), name
            docs |= ids
        assert len(reader.cached_hashes()) == len(docs)
        cache = folder / f"{CACHE_PREFIX}articles.parquet"
        if cache.is_dir():  # plain pandas skips the hidden temp files
            plain = pd.read_parquet(cache)
            assert set(plain["doc_id"] if len(plain.columns) else ()) == docs
        checks.append(len(published))
        real(df, path)

    monkeypatch.setattr(store_mod, "_write_part", read_then_write)
    _parse(corpus, folder, workers=1)
    assert {0, 1, 2, 3} <= set(checks)  # looked inside every batch and the snapshot


def test_plain_pandas_reads_the_documented_columns(corpus, tmp_path):
    folder = tmp_path / "store"
    _parse(corpus, folder, workers=1)
    back = read_store(folder).frames()
    for name in schema.FRAME_NAMES:
        plain = pd.read_parquet(folder / f"{name}.parquet")
        assert list(plain.columns) == list(schema.SCHEMAS[name]), name
        for col, dtype in schema.SCHEMAS[name].items():
            # Parquet has no seconds unit: plain readers get the same instants in milliseconds.
            expected = "datetime64[ms]" if dtype == schema.DATE else dtype
            assert str(plain[col].dtype) == expected, f"{name}.{col}"
        rows = schema.conform(plain, name)
        pd.testing.assert_frame_equal(
            rows.sort_values(list(rows.columns)).reset_index(drop=True),
            back[name].sort_values(list(rows.columns)).reset_index(drop=True),
            obj=name,
        )


def _copy_parser(tmp_path: Path) -> tuple[Path, Path]:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    pkg = shutil.copytree(config.PACKAGE_DIR, tmp_path / "analysis", ignore=ignore)
    data = shutil.copytree(config.DATA_DIR, tmp_path / "data", ignore=ignore)
    return Path(pkg), Path(data)


def test_parser_version_changes_with_any_file_the_parser_reads(tmp_path):
    pkg, data = _copy_parser(tmp_path)
    versions = [fingerprint.compute_parser_version(pkg, data)]
    assert versions[0] == fingerprint.parser_version()

    def changed_by(path: Path, text: str) -> bool:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(text)
        versions.append(fingerprint.compute_parser_version(pkg, data))
        return versions[-1] != versions[-2]

    lexicon = sorted((data / "lexicon").glob("*"))[0]
    assert changed_by(lexicon, "\nكلمة\n")  # a data list
    assert changed_by(data / "gazetteer" / "new.tsv", "x\n")  # a new data file
    assert changed_by(pkg / "dates" / "periods.py", "\n# edited\n")  # a module
    assert changed_by(pkg / "actors" / "__init__.py", "\nfrom . import helper  # noqa\n")
    assert changed_by(pkg / "actors" / "helper.py", "X = 1\n")  # a new module, once imported
    assert not changed_by(pkg / "charts" / "kwic.py", "\n# not read by a parse\n")
    assert not changed_by(data / "processed" / "cache.parquet", "derived")


def test_parser_files_cover_every_module_a_parse_imports():
    script = """
    import sys
    from analysis.pipeline import parse_document
    parse_document({"doc_id": "x", "text": "زار الملك سلمان مصر في 10 أغسطس 2015.", "path": ""})
    print("\\n".join(m.__file__ for n, m in sys.modules.items() if n.startswith("analysis")))
    """
    proc = _start(script)
    loaded = {Path(p) for p in proc.communicate()[0].split()}
    assert proc.returncode == 0 and len(loaded) > 10
    assert loaded <= set(fingerprint.parser_files(config.PACKAGE_DIR))
