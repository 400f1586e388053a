"""Every notebook is committed stripped, has a papermill parameters cell, and runs on the seeds."""

from __future__ import annotations

import re

import nbformat
import pytest

from analysis import config
from analysis.notebooks import notebook_paths, run_notebook

NOTEBOOKS = notebook_paths()
PARAMETERS = ("CORPUS", "OUT", "TOP_N", "LANG", "PUBLISHED_DEFAULT")
# Figures each notebook must write under OUT/figures (stem -> names).
EXPECTED_FIGURES = {
    "01-corpus-overview": ["articles-by-date", "sentence-lengths"],
    "02-actors": ["actor-frequency", "cooccurrence"],
    "03-timeline": ["timeline"],
    "04-word-clouds": ["wordcloud", "wordcloud-articles", "wordcloud-actor"],
    "05-quotes": ["speakers", "speaker-mentions"],
}
# Tables written as CSV only (stem -> names).
EXPECTED_TABLES = {
    "01-corpus-overview": ["errors"],
    "02-actors": ["people", "kwic"],
    "03-timeline": ["dates", "unresolved-dates", "actors-by-date"],
    "05-quotes": ["speaker-quotes"],
}
# The last cell of these is an analysis.explore widget: in batch it must show the static view.
WIDGET_LAST = {"01-corpus-overview", "02-actors", "03-timeline", "05-quotes"}
IMPORT_RE = re.compile(r"^\s*(import|from)\s", re.MULTILINE)


def test_collection_is_present():
    stems = [p.stem for p in NOTEBOOKS]
    assert stems and stems[0] == "01-corpus-overview"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_stripped_and_parameterised(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: outputs committed"
            assert cell.execution_count is None, f"{path.name}: execution count committed"
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, "exactly one cell tagged 'parameters'"
    for name in PARAMETERS:
        assert f"{name} =" in tagged[0].source, name
    assert nb.cells[0].cell_type == "markdown"
    assert "another corpus" in nb.cells[0].source.lower(), "first cell says how to switch corpus"
    # No path literals pointing into the project outside the parameters cell.
    for cell in nb.cells:
        if cell.cell_type == "code" and cell is not tagged[0]:
            assert "seeds/" not in cell.source and "exports/" not in cell.source
    # Imports up front: only the first code cell imports.
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert IMPORT_RE.search(code[0].source)
    for cell in code[1:]:
        assert not IMPORT_RE.search(cell.source), f"{path.name}: import in {cell.id}"
    # Stable ids (tools/make_notebook.py strip), so diffs stay small.
    assert [c.id for c in nb.cells] == [f"c{i:02d}" for i in range(len(nb.cells))]


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_executes_on_seeds(path, tmp_path):
    run = run_notebook(
        path,
        out_dir=tmp_path / "notebooks",
        parameters={"CORPUS": str(config.SEEDS_DIR), "OUT": str(tmp_path)},
        html=False,
    )
    assert run.ok, run.message
    for name in EXPECTED_FIGURES.get(path.stem, []):
        for ext in ("png", "csv"):
            f = tmp_path / "figures" / f"{name}.{ext}"
            assert f.exists() and f.stat().st_size > 0, f
    for name in EXPECTED_TABLES.get(path.stem, []):
        assert (tmp_path / "figures" / f"{name}.csv").exists(), name
    executed = nbformat.read(run.output, as_version=4)
    images = sum(
        "image/png" in o.get("data", {}) for c in executed.cells for o in c.get("outputs", [])
    )
    assert images >= len(EXPECTED_FIGURES.get(path.stem, [])), "figures shown inline"
    if path.stem in WIDGET_LAST:
        last = executed.cells[-1].outputs
        kinds = {k for o in last for k in o.get("data", {})}
        assert "application/vnd.jupyter.widget-view+json" not in kinds, "widget under papermill"
        assert "image/png" in kinds or "text/html" in kinds, "static view shown instead"
