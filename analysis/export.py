"""Figure export: the one function every chart goes through.

Each format gets the Arabic right: PNG (200 dpi) and SVG draw text as outlines shaped by the
rendering layer; in PDF, matplotlib 3.11 mis-spaces shaped Arabic runs (its PDF text writer
advances by nominal glyph widths, so words drift: measured gaps of a whole space inside
"في الرياض" and none after "G7"), so Arabic text objects are written as outlines there too,
while Latin-only text stays real text in an embedded TrueType (Type 42) font.

Charts attach the data they drew with :func:`attach_data`; :func:`export_figure` writes it as
``<name>.csv`` beside the images unless other data is given.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path

import matplotlib as mpl
import pandas as pd
from matplotlib import patheffects
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.text import Text

from . import config, escape, render

PNG_DPI = 200
DATA_ATTR = "_analysis_data"
_RC = {"svg.fonttype": "path", "pdf.fonttype": 42, "ps.fonttype": 42}


def attach_data(artist: Artist, data: pd.DataFrame) -> None:
    """Remember on ``artist`` (an Axes or Figure) the data it shows, for :func:`export_figure`."""
    setattr(artist, DATA_ATTR, data)


def drawn_data(fig: Figure) -> pd.DataFrame | None:
    """The data attached to ``fig`` or its axes (several axes: concatenated with an ``axes`` column)."""
    own = getattr(fig, DATA_ATTR, None)
    if own is not None:
        return own
    parts = [(i, getattr(ax, DATA_ATTR)) for i, ax in enumerate(fig.axes) if hasattr(ax, DATA_ATTR)]
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0][1]
    return pd.concat([df.assign(axes=i) for i, df in parts], ignore_index=True)


@contextlib.contextmanager
def _arabic_as_outlines(fig: Figure) -> Iterator[None]:
    """Draw Arabic text objects through path effects (i.e. as outlines) while inside."""
    changed = []
    for t in fig.findobj(Text):
        if render.is_rtl(t.get_text()) and not t.get_path_effects():
            t.set_path_effects([patheffects.Normal()])
            changed.append(t)
    try:
        yield
    finally:
        for t in changed:
            t.set_path_effects([])


def export_table(data: pd.DataFrame, name: str, *, out: str | Path | None = None) -> Path:
    """Write a table (e.g. keyword in context) to ``<out>/<name>.csv`` beside the figures.

    Through :func:`analysis.escape.write_csv`: cells that would start a spreadsheet formula
    are quoted.
    """
    folder = config.resolve(out, default=config.FIGURES_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    return escape.write_csv(data, folder / f"{name}.csv")


def export_figure(
    fig: Figure,
    name: str,
    *,
    formats: Sequence[str] = ("png", "svg", "pdf"),
    data: pd.DataFrame | None = None,
    out: str | Path | None = None,
) -> list[Path]:
    """Write ``fig`` to ``<out>/<name>.<ext>`` for each format, and the data drawn to ``<name>.csv``.

    ``out`` defaults to ``exports/figures``; ``data`` defaults to what the chart attached
    (:func:`drawn_data`). Returns the written paths.
    """
    folder = config.resolve(out, default=config.FIGURES_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with mpl.rc_context(_RC):
        for ext in formats:
            path = folder / f"{name}.{ext}"
            outlines = _arabic_as_outlines(fig) if ext in ("pdf", "ps", "eps") else None
            with outlines or contextlib.nullcontext():
                fig.savefig(path, dpi=PNG_DPI if ext == "png" else None, bbox_inches="tight")
            written.append(path)
    if data is None:
        data = drawn_data(fig)
    if data is not None:
        written.append(export_table(data, name, out=folder))
    return written
