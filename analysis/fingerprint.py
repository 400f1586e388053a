"""The parser version: a digest of every source and data file a parse reads.

The rule, computed from the package itself rather than from a hand-kept list:

* code: every module of the package reachable by ``import`` statements from the module that defines
  ``parse_document`` (:mod:`analysis.pipeline`), following import statements anywhere in a file (module
  level, inside functions, under ``TYPE_CHECKING``), with the ``__init__`` of every package on the way.
  This is a superset of the modules a parse imports (a static closure, so it does not depend on
  what else a process happened to import): a new module changes the version as soon as it is
  imported by any module of the closure;
* data: every file under ``data/`` except the derived ``processed/`` and the input ``raw/``
  (and hidden files such as ``.gitkeep``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from . import config

ENTRY_MODULE = "analysis.pipeline"
# Derived or input data: not read by the parser. The user's overrides file is read by the corpus
# steps after the parse: a change to it re-runs those steps, never the parse (pipeline's snapshot key).
SKIPPED_DATA = ("processed", "raw", "overrides.csv")
# Import statements by line (a text scan: parsing every module's AST costs ~0.4 s per process);
# a match inside a docstring only adds a file, which errs on the safe side.
_IMPORT_RE = re.compile(r"^[ \t]*import[ \t]+([\w., \t]+)", re.M)
_FROM_RE = re.compile(r"^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)", re.M)
_COMMENT_RE = re.compile(r"#[^\n]*")


def _module_file(package_dir: Path, dotted: str) -> Path | None:
    """The file of ``dotted`` (``analysis.x.y``) under ``package_dir``, or None if not ours."""
    root, *rest = dotted.split(".")
    if root != package_dir.name:
        return None
    base = package_dir.joinpath(*rest)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imported_names(path: Path, dotted: str) -> Iterator[str]:
    """Absolute dotted names of what ``path`` imports (module and ``module.name`` candidates)."""
    is_package = path.name == "__init__.py"
    package = dotted if is_package else dotted.rpartition(".")[0]
    text = path.read_text(encoding="utf-8")
    for names in _IMPORT_RE.findall(text):
        for name in names.split(","):
            yield name.split(" as ")[0].strip()
    for dots, module, names in _FROM_RE.findall(text):
        if dots:
            parts = package.split(".")
            base = ".".join(parts[: len(parts) - len(dots) + 1])
            module = f"{base}.{module}" if module else base
        yield module
        # ``from pkg import name``: name may be a submodule.
        for name in _COMMENT_RE.sub("", names).strip("()").split(","):
            if name.strip():
                yield f"{module}.{name.split(' as ')[0].strip()}"


def parser_files(package_dir: Path, *, entry: str = ENTRY_MODULE) -> list[Path]:
    """Source files of the import closure of ``entry`` within ``package_dir``, sorted."""
    seen: dict[str, Path] = {}
    todo = [entry]
    while todo:
        dotted = todo.pop()
        path = _module_file(package_dir, dotted)
        if path is None or dotted in seen:
            continue
        seen[dotted] = path
        # Importing a.b.c runs the __init__ of a and a.b first.
        parents = [dotted.rsplit(".", i)[0] for i in range(1, dotted.count(".") + 1)]
        todo.extend(parents)
        todo.extend(_imported_names(path, dotted))
    return sorted(set(seen.values()))


def data_files(data_dir: Path) -> list[Path]:
    """Every data file the parser may read: all of ``data_dir`` but processed/, raw/, hidden."""
    out = []
    for f in data_dir.rglob("*"):
        rel = f.relative_to(data_dir).parts
        if rel[0] in SKIPPED_DATA or any(p.startswith(".") or p == "__pycache__" for p in rel):
            continue
        if f.is_file():
            out.append(f)
    return sorted(out)


def digest_files(files: list[Path], *, root: Path) -> str:
    """A digest of the files' paths (relative to ``root``) and contents."""
    h = hashlib.sha1()
    for f in files:
        h.update(f.relative_to(root).as_posix().encode())
        h.update(b"\0")
        h.update(f.read_bytes())
        h.update(b"\0")
    return h.hexdigest()[:16]


def compute_parser_version(package_dir: Path, data_dir: Path) -> str:
    """The parser version of the package at ``package_dir`` with its data at ``data_dir``."""
    code = digest_files(parser_files(package_dir), root=package_dir.parent)
    data = digest_files(data_files(data_dir), root=data_dir.parent)
    return hashlib.sha1(f"{code}:{data}".encode()).hexdigest()[:16]


@lru_cache(maxsize=1)
def parser_version() -> str:
    """The parser version of this installation (computed once per process)."""
    return compute_parser_version(config.PACKAGE_DIR, config.DATA_DIR)
