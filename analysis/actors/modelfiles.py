"""The files the actor tagger ships in ``data/models/`` and their integrity manifest.

python-crfsuite reads a model file with no checks of its own: a truncated or damaged file crashes the
process (a segfault, no Python error). So the training script records each file's size and SHA-256 in
``manifest.json`` beside it, and :func:`verify` compares a file with that record before it is loaded.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .. import config

MODEL_PATH = config.MODELS_DIR / "actors_crf.crfsuite"
LEXICON_PATH = config.MODELS_DIR / "actors_lexicon.tsv"
CLUSTERS_PATH = config.MODELS_DIR / "word_clusters.tsv"
MANIFEST_NAME = "manifest.json"
RETRAIN = "python -m analysis train"


class ModelFileError(RuntimeError):
    """A shipped model file does not match the size and hash its manifest records."""


def manifest_path(path: Path) -> Path:
    """The manifest that records ``path`` (the one in the same folder)."""
    return path.with_name(MANIFEST_NAME)


def fingerprint(path: Path) -> dict[str, int | str]:
    """The size in bytes and the SHA-256 of a file, as the manifest records them."""
    data = path.read_bytes()
    return {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def write_manifest(paths: list[Path]) -> Path:
    """Record the size and hash of ``paths`` (files of one folder) in that folder's manifest, keeping
    the other files' records."""
    target = manifest_path(paths[0])
    records = json.loads(target.read_text(encoding="utf-8")) if target.exists() else {}
    records.update({p.name: fingerprint(p) for p in paths})
    target.write_text(json.dumps(records, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return target


def verify(path: Path) -> None:
    """Raise :class:`ModelFileError`, naming the file and what is wrong, unless ``path`` has the size
    and SHA-256 its manifest records."""
    manifest = manifest_path(path)
    fix = f"restore it (git checkout -- {path.name}) or retrain it ({RETRAIN})"
    try:
        record = json.loads(manifest.read_text(encoding="utf-8"))[path.name]
    except FileNotFoundError:
        msg = f"{path}: no manifest {manifest} records its size and hash; {fix}"
        raise ModelFileError(msg) from None
    except (KeyError, TypeError, ValueError) as exc:
        msg = f"{path}: {manifest} has no valid record of it ({exc!r}); {fix}"
        raise ModelFileError(msg) from exc
    got = fingerprint(path)
    if got["bytes"] != record.get("bytes"):
        raise ModelFileError(
            f"{path}: {got['bytes']} bytes where {manifest.name} records {record.get('bytes')} "
            f"(truncated or replaced); {fix}"
        )
    if got["sha256"] != record.get("sha256"):
        raise ModelFileError(
            f"{path}: SHA-256 {got['sha256']} where {manifest.name} records "
            f"{record.get('sha256')} (damaged or replaced); {fix}"
        )
