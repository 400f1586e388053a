"""Write or re-strip notebooks: outputs removed, execution counts cleared, stable cell ids.

``write(path, cells)`` builds a notebook from (kind, source) cells, kind "md", "code" or
"params" (the papermill parameters cell). ``python tools/make_notebook.py strip NB...`` strips a
notebook saved from JupyterLab in place, numbering cell ids c00, c01... so diffs stay small.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}


def _finish(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    nb.metadata = {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"c{i:02d}"
        tags = cell.metadata.get("tags", [])
        cell.metadata = {"tags": tags} if tags else {}
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return nb


def write(path: Path, cells: list[tuple[str, str]]) -> None:
    """Write ``cells`` as a stripped notebook at ``path``."""
    nb = nbformat.v4.new_notebook()
    for kind, src in cells:
        if kind == "md":
            cell = nbformat.v4.new_markdown_cell(src.strip())
        else:
            cell = nbformat.v4.new_code_cell(src.strip())
            if kind == "params":
                cell.metadata["tags"] = ["parameters"]
        nb.cells.append(cell)
    path.write_text(nbformat.writes(_finish(nb)), encoding="utf-8")


def strip(path: Path) -> bool:
    """Strip ``path`` in place; True if it changed."""
    before = path.read_text(encoding="utf-8")
    after = nbformat.writes(_finish(nbformat.reads(before, as_version=4)))
    if after != before:
        path.write_text(after, encoding="utf-8")
    return after != before


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] != "strip":
        print("usage: python tools/make_notebook.py strip NOTEBOOK...", file=sys.stderr)
        return 2
    for name in argv[1:]:
        print(f"{'stripped' if strip(Path(name)) else 'clean   '} {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
