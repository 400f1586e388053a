"""Write a notebook from a list of (kind, source) cells, outputs stripped (developer helper)."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat


def write(path: Path, cells: list[tuple[str, str]]) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    for kind, src in cells:
        if kind == "md":
            cell = nbformat.v4.new_markdown_cell(src.strip())
        else:
            cell = nbformat.v4.new_code_cell(src.strip())
            if kind == "params":
                cell.metadata["tags"] = ["parameters"]
        cell["id"] = f"c{len(nb.cells):02d}"
        nb.cells.append(cell)
    path.write_text(nbformat.writes(nb), encoding="utf-8")


if __name__ == "__main__":
    sys.exit("import this module; it has no command line")
