"""Corpus text is untrusted: the one place that keeps it text in every output the project writes.

Titles, texts, sources, ids, actor names and keyword-in-context snippets come from the corpus,
so any of them may hold markup, a formula or mathtext. Each output gets one guard here:

* HTML (notebook tables, headings, exported notebooks): :func:`html` escapes a string;
  :func:`styler` is ``df.style`` with every cell, index and column label and index name
  formatted *then* escaped (pandas' own ``escape="html"`` escapes only ``str`` cells before
  formatting, so a list cell would render raw), and :func:`cell_formatter` wraps any further
  per-column formatter the same way. pandas' plain ``DataFrame`` HTML escapes by itself.
  Escaped text may still hold ``$...$``, which MathJax (JupyterLab, exported notebooks)
  typesets as math: tables and headings carry :data:`NO_MATH_CLASS`, which it skips.
* matplotlib: text between two ``$`` is parsed as mathtext (a stray ``$...$`` renders as math
  or fails to draw the figure); :func:`mathtext` escapes every ``$``, and
  :func:`analysis.render.label`, which every chart label goes through, applies it.
* CSV: a spreadsheet runs a cell starting with ``=``, ``+``, ``-`` or ``@`` (and, per OWASP,
  tab or carriage return) as a formula. :func:`write_csv`, the one CSV writer, prefixes such
  *string* cells (and header labels) with a single quote, as spreadsheet-safe exporters do;
  numbers (``-3`` in a numeric column) are left alone. Reading such a CSV back gives the quoted
  string: strip a leading ``'`` to recover it. Lines end in CRLF (RFC 4180), so a cell holding
  a carriage return is quoted and cannot start a new row (whose first cell would be unguarded).
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # importing Styler pulls in jinja2: only the HTML side needs it
    from pandas.io.formats.style import Styler

# First characters a spreadsheet takes as the start of a formula (OWASP CSV injection).
CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CSV_GUARD = "'"
# MathJax 2 (nbconvert's HTML) skips "tex2jax_ignore", MathJax 3 (JupyterLab) "mathjax_ignore".
NO_MATH_CLASS = "tex2jax_ignore mathjax_ignore"
_CSV_TRIGGER_RE = re.compile("[" + re.escape("".join(CSV_TRIGGERS)) + "]")


# -- HTML ------------------------------------------------------------------------------------


def html(value: object) -> str:
    """``str(value)`` as HTML text: ``& < > " '`` escaped."""
    return _html.escape(str(value), quote=True)


def _plain(value: object, precision: int) -> object:
    # pandas' default cell formatting: floats to ``precision`` digits, anything else as is.
    if isinstance(value, float | np.floating | complex | np.complexfloating):
        return f"{value:.{precision}f}"
    return value


def cell_formatter(
    fmt: Callable[[object], object] | None = None, *, precision: int = 2
) -> Callable[[object], str]:
    """A Styler formatter: ``fmt`` (default: pandas' own) applied first, its result escaped."""
    if fmt is None:
        return lambda v: html(_plain(v, precision))
    return lambda v: html(fmt(v))


def styler(
    df: pd.DataFrame, *, precision: int = 2, na_rep: str = "", attributes: str = ""
) -> Styler:
    """``df.style`` with every cell, index and column label and index name escaped for HTML.

    ``attributes`` are added to the ``<table>`` tag (e.g. ``dir="rtl"``), beside a class that
    keeps MathJax away from the cells.
    """
    st = df.style.format(cell_formatter(precision=precision), na_rep=na_rep)
    st = st.set_table_attributes(f'{attributes} class="{NO_MATH_CLASS}"'.lstrip())
    for axis in (0, 1):
        st = st.format_index(html, axis=axis).format_index_names(html, axis=axis)
    return st


# -- matplotlib ------------------------------------------------------------------------------


def mathtext(s: str) -> str:
    """``s`` with every ``$`` escaped, so matplotlib draws it as written, never as mathtext."""
    return s.replace("$", r"\$") if "$" in s else s


# -- CSV -------------------------------------------------------------------------------------


def _formula(value: object) -> bool:
    return isinstance(value, str) and value[:1] in CSV_TRIGGERS


def csv_cell(value: object) -> object:
    """``value`` with a leading quote if it is a string a spreadsheet would run as a formula."""
    return CSV_GUARD + value if _formula(value) else value


def _csv_column(s: pd.Series):
    """The column's values with formula strings quoted, or None when none needs it."""
    if isinstance(s.dtype, pd.StringDtype):
        risky = s.str.match(_CSV_TRIGGER_RE).fillna(False).to_numpy(dtype=bool)
    elif s.dtype == object or isinstance(s.dtype, pd.CategoricalDtype):
        risky = np.fromiter(map(_formula, s), dtype=bool, count=len(s))
    else:
        return None  # numbers, booleans, dates: never a formula
    if not risky.any():
        return None
    values = s.to_numpy(dtype=object, copy=True)
    values[risky] = [CSV_GUARD + v for v in values[risky]]
    return pd.array(values, dtype=s.dtype) if isinstance(s.dtype, pd.StringDtype) else values


def csv_safe(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose string cells and column labels cannot start a formula."""
    out = df.copy()
    for i in range(df.shape[1]):
        values = _csv_column(df.iloc[:, i])
        if values is not None:
            out.isetitem(i, values)
    out.columns = [csv_cell(c) for c in df.columns]
    return out


def write_csv(df: pd.DataFrame, path: str | Path) -> Path:
    """Write ``df`` (without its index) to ``path`` as UTF-8 CSV, formula cells neutralised."""
    path = Path(path)
    csv_safe(df).to_csv(path, index=False, encoding="utf-8", lineterminator="\r\n")
    return path
