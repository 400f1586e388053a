"""Project paths and defaults: the one place that knows where things live.

Paths resolve relative to the project root (the folder holding ``pyproject.toml``), so code and
notebooks work from any working directory. ``ANALYSIS_PROJECT_ROOT`` overrides the root.
"""

from __future__ import annotations

import os
from pathlib import Path


def _find_root() -> Path:
    env = os.environ.get("ANALYSIS_PROJECT_ROOT")
    if env:
        return Path(env).resolve()
    here = Path(__file__).resolve().parent
    for candidate in (here.parent, *here.parents):
        if (candidate / "pyproject.toml").exists() and (candidate / "analysis").is_dir():
            return candidate
    return Path.cwd()


ROOT: Path = _find_root()
PACKAGE_DIR: Path = Path(__file__).resolve().parent
SEEDS_DIR: Path = ROOT / "seeds"
DATA_DIR: Path = ROOT / "data"
RAW_DIR: Path = DATA_DIR / "raw"
PROCESSED_DIR: Path = DATA_DIR / "processed"
GAZETTEER_DIR: Path = DATA_DIR / "gazetteer"
LEXICON_DIR: Path = DATA_DIR / "lexicon"
STOPWORDS_DIR: Path = DATA_DIR / "stopwords"
MODELS_DIR: Path = DATA_DIR / "models"
NOTEBOOKS_DIR: Path = ROOT / "notebooks"
EXPORTS_DIR: Path = ROOT / "exports"
FIGURES_DIR: Path = EXPORTS_DIR / "figures"
EXPORTED_NOTEBOOKS_DIR: Path = EXPORTS_DIR / "notebooks"
# Development data lives beside the project, never inside it; absent on a user's clone.
SHARED_DIR: Path = Path(os.environ.get("ANALYSIS_SHARED_DIR") or ROOT.parent / "shared")

DEFAULT_CORPUS: Path = SEEDS_DIR
DEFAULT_TOP_N: int = 20
DEFAULT_LANG: str = "ar"


def resolve(path: str | os.PathLike[str] | None, *, default: Path | None = None) -> Path:
    """Resolve a user path: absolute as given, relative to the project root otherwise."""
    if path is None or str(path) == "":
        if default is None:
            raise ValueError("no path given and no default")
        return default
    p = Path(path).expanduser()
    if p.is_absolute():
        return p
    cwd_p = Path.cwd() / p
    return cwd_p if cwd_p.exists() and not (ROOT / p).exists() else ROOT / p
