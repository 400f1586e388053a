"""Figure export: the one function every chart goes through."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from . import config

PNG_DPI = 200


def export_figure(
    fig: Figure,
    name: str,
    *,
    formats: Sequence[str] = ("png", "svg", "pdf"),
    data: pd.DataFrame | None = None,
    out: str | Path | None = None,
) -> list[Path]:
    """Write ``fig`` to ``<out>/<name>.<ext>`` for each format, and ``data`` to ``<name>.csv``.

    ``out`` defaults to ``exports/figures``. Returns the written paths.
    """
    folder = config.resolve(out, default=config.FIGURES_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for ext in formats:
        path = folder / f"{name}.{ext}"
        fig.savefig(path, dpi=PNG_DPI if ext == "png" else None, bbox_inches="tight")
        written.append(path)
    if data is not None:
        path = folder / f"{name}.csv"
        data.to_csv(path, index=False, encoding="utf-8")
        written.append(path)
    return written
