"""Every notebook is committed stripped, has a papermill parameters cell, and runs on the seeds."""

from __future__ import annotations

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
    "04-word-clouds": ["wordcloud"],
}


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
    # No path literals pointing into the project outside the parameters cell.
    for cell in nb.cells:
        if cell.cell_type == "code" and cell is not tagged[0]:
            assert "seeds/" not in cell.source and "exports/" not in cell.source


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
