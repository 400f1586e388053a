"""Right-to-left display of frames that hold Arabic, in notebooks.

:func:`rtl` turns a frame into a Styler whose table runs right to left (first column at the
right) with each cell laid out by its own text direction, so Arabic reads right and numbers and
Latin names stay intact. :func:`enable_rtl` makes that the HTML form of every DataFrame shown in an
IPython kernel (frames without Arabic keep pandas' own display). Cells and labels are corpus text,
escaped through :mod:`analysis.escape` (pandas' own display escapes by itself).
"""

from __future__ import annotations

import pandas as pd

from . import escape
from .arabic import has_arabic

# Rows inspected for Arabic: enough to see the table's nature, cheap on a large frame.
SAMPLE_ROWS = 50
TABLE_STYLES = [
    {"selector": "", "props": "direction: rtl; border-collapse: collapse;"},
    {"selector": "caption", "props": "caption-side: bottom; text-align: right; color: #666;"},
    {"selector": "th", "props": "text-align: right; padding: 2px 8px;"},
    {"selector": "td", "props": "text-align: right; padding: 2px 8px; unicode-bidi: plaintext;"},
]


def arabic_columns(df: pd.DataFrame, *, sample: int = SAMPLE_ROWS) -> list[str]:
    """Columns whose first ``sample`` values (or whose name) contain Arabic letters."""
    cols = []
    for col in df.columns:
        if has_arabic(str(col)):
            cols.append(col)
            continue
        s = df[col].head(sample)
        textual = s.dtype == object or pd.api.types.is_string_dtype(s.dtype)
        if textual and any(isinstance(v, str) and has_arabic(v) for v in s):
            cols.append(col)
    return cols


def has_arabic_frame(df: pd.DataFrame) -> bool:
    """Whether any column name or sampled string value of ``df`` is Arabic."""
    return bool(arabic_columns(df))


def _shown_rows(df: pd.DataFrame, max_rows: int | None) -> tuple[pd.DataFrame, str]:
    """The rows to render and a caption saying how many were left out (pandas' own limits)."""
    limit = pd.get_option("display.max_rows") if max_rows is None else max_rows
    if limit is None or len(df) <= limit:
        return df, ""
    # Like pandas: past display.max_rows, show display.min_rows rows (an explicit limit: all of it).
    head = limit if max_rows is not None else min(pd.get_option("display.min_rows") or limit, limit)
    return df.head(head), f"{head:,} of {len(df):,} rows × {df.shape[1]} columns"


def rtl(df: pd.DataFrame, *, max_rows: int | None = None, index: bool = True, precision: int = 2):
    """A Styler showing ``df`` right to left, at most ``max_rows`` rows (default: pandas' limit)."""
    shown, caption = _shown_rows(df, max_rows)
    styler = escape.styler(shown, precision=precision, na_rep="", attributes='dir="rtl"')
    styler = styler.set_table_styles(TABLE_STYLES)
    for col in shown.columns:
        s = shown[col]
        # Dates at midnight read as dates, not timestamps.
        if (
            pd.api.types.is_datetime64_any_dtype(s)
            and (s.dropna() == s.dropna().dt.normalize()).all()
        ):
            styler = styler.format(escape.cell_formatter(_day), subset=[col], na_rep="")
    if not index:
        styler = styler.hide(axis="index")
    if caption:
        styler = styler.set_caption(escape.html(caption))
    return styler


def _day(v) -> str:
    return "" if pd.isna(v) else f"{v:%Y-%m-%d}"


def _html(df: pd.DataFrame) -> str | None:
    if not has_arabic_frame(df):
        # pandas escapes the cells; without MathJax, "$...$" in them stays text.
        with pd.option_context("display.html.use_mathjax", False):
            return df._repr_html_()
    return rtl(df).to_html()


def enable_rtl() -> bool:
    """Show every DataFrame with Arabic right to left in this IPython kernel; False outside one."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    ip = get_ipython()
    if ip is None:
        return False
    ip.display_formatter.formatters["text/html"].for_type(pd.DataFrame, _html)
    return True


def disable_rtl() -> None:
    """Back to pandas' own HTML display."""
    from IPython import get_ipython

    ip = get_ipython()
    if ip is not None:
        ip.display_formatter.formatters["text/html"].pop(pd.DataFrame, None)
