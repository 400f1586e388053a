"""Execute the notebook collection (papermill), writing executed copies and HTML to exports/."""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import config


@dataclass
class NotebookRun:
    """Outcome of executing one notebook."""

    name: str
    ok: bool
    seconds: float
    output: Path
    message: str = ""


def notebook_paths() -> list[Path]:
    """The collection, in order (``NN-topic.ipynb``)."""
    return sorted(config.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))


def _kernel_env() -> None:
    # The kernel must be this interpreter (the project's venv), whatever PATH the caller had.
    bindir = str(Path(sys.executable).parent)
    if not os.environ.get("PATH", "").startswith(bindir):
        os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    # No widget front end renders batch output: analysis.explore shows static views.
    os.environ.setdefault("ANALYSIS_WIDGETS", "0")


def run_notebook(
    path: Path, *, out_dir: Path, parameters: dict[str, Any] | None = None, html: bool = True
) -> NotebookRun:
    """Execute one notebook from a fresh kernel; write ``out_dir/<name>.ipynb`` (and ``.html``)."""
    import papermill as pm

    _kernel_env()
    out_dir.mkdir(parents=True, exist_ok=True)
    output = out_dir / path.name
    t0 = time.perf_counter()
    try:
        pm.execute_notebook(
            str(path),
            str(output),
            parameters=parameters or {},
            cwd=str(config.NOTEBOOKS_DIR),
            kernel_name="python3",
            progress_bar=False,
        )
    except Exception as exc:
        return NotebookRun(path.stem, False, time.perf_counter() - t0, output, str(exc)[-2000:])
    if html:
        from nbconvert import HTMLExporter

        body, _ = HTMLExporter().from_filename(str(output))
        output.with_suffix(".html").write_text(body, encoding="utf-8")
    return NotebookRun(path.stem, True, time.perf_counter() - t0, output, "")


def run_all(
    *, corpus: str | None = None, out: str | None = None, names: list[str] | None = None
) -> list[NotebookRun]:
    """Execute every notebook (or those whose stem is in ``names``) on ``corpus``."""
    out_root = config.resolve(out, default=config.EXPORTS_DIR)
    params: dict[str, Any] = {"OUT": str(out_root)}
    if corpus:
        params["CORPUS"] = str(config.resolve(corpus))
    runs = []
    for path in notebook_paths():
        if names and path.stem not in names:
            continue
        runs.append(run_notebook(path, out_dir=out_root / "notebooks", parameters=params))
    return runs
