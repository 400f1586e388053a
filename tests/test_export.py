"""export_figure: every format written, the Arabic right in each, the drawn data beside it."""

from __future__ import annotations

import shutil
import subprocess

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from PIL import Image

from analysis import render
from analysis.export import attach_data, drawn_data, export_figure, export_table

ARABIC = "قمة G7 في الرياض"


def _figure():
    fig = plt.figure(figsize=(6, 1.5))
    fig.text(0.05, 0.35, render.label(ARABIC), fontsize=40)
    fig.text(0.8, 0.35, "NATO", fontsize=10)
    return fig


def test_export_writes_every_format_and_the_attached_data(tmp_path):
    fig, ax = plt.subplots()
    ax.barh([0, 1], [3, 5])
    attach_data(ax, pd.DataFrame({"name": ["اليابان", "الناتو"], "count": [3, 5]}))
    paths = export_figure(fig, "bars", out=tmp_path)
    assert [p.name for p in paths] == ["bars.png", "bars.svg", "bars.pdf", "bars.csv"]
    assert all(p.stat().st_size > 0 for p in paths)
    back = pd.read_csv(tmp_path / "bars.csv")
    assert back.to_dict("list") == {"name": ["اليابان", "الناتو"], "count": [3, 5]}
    dpi = Image.open(tmp_path / "bars.png").info["dpi"]
    assert round(dpi[0]) == 200
    # Explicit data wins over attached data; no data, no CSV.
    paths = export_figure(
        fig, "bars2", formats=("png",), data=pd.DataFrame({"x": [1]}), out=tmp_path
    )
    assert pd.read_csv(paths[-1]).columns.tolist() == ["x"]
    plt.close("all")
    fig2 = plt.figure()
    assert [p.suffix for p in export_figure(fig2, "plain", formats=("png",), out=tmp_path)] == [
        ".png"
    ]


def test_drawn_data_concatenates_several_axes():
    fig, (a, b) = plt.subplots(1, 2)
    attach_data(a, pd.DataFrame({"v": [1]}))
    attach_data(b, pd.DataFrame({"v": [2]}))
    assert drawn_data(fig).to_dict("list") == {"v": [1, 2], "axes": [0, 1]}
    attach_data(fig, pd.DataFrame({"w": [3]}))
    assert drawn_data(fig).columns.tolist() == ["w"]
    plt.close(fig)


def test_svg_keeps_text_as_paths_and_pdf_draws_arabic_as_outlines(tmp_path):
    fig = _figure()
    export_figure(fig, "t", formats=("svg", "pdf"), out=tmp_path)
    svg = (tmp_path / "t.svg").read_text(encoding="utf-8")
    assert "<text" not in svg and "<path" in svg
    pdf = (tmp_path / "t.pdf").read_bytes()
    # Latin-only text stays text in an embedded TrueType font ...
    assert b"FontFile2" in pdf
    # ... and the figure's texts are left as they were.
    assert all(not t.get_path_effects() for t in fig.texts)
    plt.close(fig)


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) not installed")
def test_pdf_arabic_reads_like_the_png(tmp_path):
    from test_render import DIFFERENT, SAME, reference, similarity

    fig = plt.figure(figsize=(6, 1.5))
    fig.text(0.05, 0.35, render.label(ARABIC), fontsize=40)
    export_figure(fig, "ar", formats=("png", "pdf"), out=tmp_path)
    subprocess.run(["pdftoppm", "-png", "-r", "100", "-singlefile", str(tmp_path / "ar.pdf"), str(tmp_path / "ar-pdf")], check=True)  # fmt: skip
    from_pdf = Image.open(tmp_path / "ar-pdf.png")
    from_png = Image.open(tmp_path / "ar.png")
    ref = reference(ARABIC)
    assert similarity(from_pdf, ref) > SAME
    assert similarity(from_png, ref) > SAME
    assert similarity(reference(render.visual(ARABIC)), ref) < DIFFERENT
    plt.close(fig)


def test_export_table(tmp_path):
    p = export_table(pd.DataFrame({"before": ["قال"], "keyword": ["الناتو"]}), "kwic", out=tmp_path)
    assert p.name == "kwic.csv" and "الناتو" in p.read_text(encoding="utf-8")
