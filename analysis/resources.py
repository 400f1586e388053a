"""The one reader of the project's data files (``data/``): word lists, CSV tables, TSV lexicons.

One rule for every file: a line whose first non-blank character is ``#`` is a comment (each file
opens with a header saying where its contents come from), blank lines are skipped, and cells and
words are stripped of surrounding whitespace.
"""

from __future__ import annotations

import csv
from pathlib import Path

COMMENT = "#"


def data_lines(path: Path) -> list[str]:
    """The content lines of a data file, stripped: no comments, no blank lines."""
    with path.open(encoding="utf-8") as fh:
        stripped = (ln.strip() for ln in fh)
        return [ln for ln in stripped if ln and not ln.startswith(COMMENT)]


def read_words(path: Path) -> list[str]:
    """The entries of a one-per-line list."""
    return data_lines(path)


def read_rows(path: Path, *, delimiter: str = ",") -> list[dict[str, str]]:
    """The rows of a table whose first content line is its header, cells stripped."""
    reader = csv.DictReader(data_lines(path), delimiter=delimiter)
    return [{k: (v or "").strip() for k, v in row.items()} for row in reader]
