"""The Arabic rendering layer: probes, label preparation, and pixels compared with a reference.

The reference is correct by construction: Pillow with Raqm (HarfBuzz + FriBiDi) drawing the
logical string, or, on a machine without Raqm, Pillow's basic layout drawing the reshaped visual
string. Images are compared after cropping to the ink and scaling to one size, by pixel
correlation: the right rendering scores above 0.9 on these words, a reversed or unshaped one
below 0.3 (measured), so the thresholds leave a wide margin either way.
"""

from __future__ import annotations

import io
import shutil
import subprocess

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib import font_manager
from PIL import Image, ImageDraw, ImageFont, features

from analysis import render
from analysis.arabic import normalize

WORDS = ["المملكة العربية", "قمة G7 في الرياض", "مايو 2023", "لا سلام", "اليابان"]
PX = 64
SAME = 0.85
DIFFERENT = 0.5

BASIC = ImageFont.Layout.BASIC
RAQM = ImageFont.Layout.RAQM
HAS_RAQM = bool(features.check("raqm")) and render._pil_probe(RAQM)


def _ink(img: Image.Image) -> np.ndarray:
    a = 1 - np.asarray(img.convert("L"), dtype=float) / 255
    rows = np.flatnonzero(a.max(1) > 0.3)
    cols = np.flatnonzero(a.max(0) > 0.3)
    assert rows.size and cols.size, "nothing was drawn"
    a = a[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    im = Image.fromarray((a * 255).astype(np.uint8)).resize((512, 64), Image.Resampling.BILINEAR)
    return np.asarray(im, dtype=float) / 255


def similarity(a: Image.Image, b: Image.Image) -> float:
    """Pixel correlation of two text images after cropping to the ink and scaling."""
    return float(np.corrcoef(_ink(a).ravel(), _ink(b).ravel())[0, 1])


def mpl_image(s: str) -> Image.Image:
    fig = plt.figure(figsize=(12, 2), dpi=72)
    fig.text(0.02, 0.3, s, fontsize=PX, family=render.FAMILY)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=72)
    plt.close(fig)
    return Image.open(buf)


def pil_image(s: str, engine: int) -> Image.Image:
    font = ImageFont.truetype(str(render.font_path()), PX, layout_engine=engine)
    im = Image.new("L", (900, 140), 255)
    ImageDraw.Draw(im).text((10, 20), s, font=font, fill=0)
    return im


def reference(s: str) -> Image.Image:
    """Correct by construction: a real shaper on the logical string, else reshaper + bidi."""
    if HAS_RAQM:
        return pil_image(s, RAQM)
    return pil_image(render.visual(s), BASIC)


# --- probes -------------------------------------------------------------------------------


def test_probe_pillow_basic_layout_does_not_shape():
    assert render.shapes("pillow", layout_engine=BASIC) is False


@pytest.mark.skipif(not features.check("raqm"), reason="Pillow without Raqm")
def test_probe_pillow_raqm_agrees_with_fribidi_feature():
    # Raqm shapes only when FriBiDi was found at run time.
    assert render._pil_probe(RAQM) is bool(features.check("fribidi"))


def test_probe_matplotlib_measures_the_ligature():
    from matplotlib.ft2font import FT2Font

    font = FT2Font(str(render.font_path()))
    font.set_size(render.PROBE_SIZE, 72)
    # Isolated lam + isolated alef: what a non-shaping renderer draws for "لا".
    font.set_text("\ufedd\ufe8d")
    two_glyphs = font.get_width_height()[0]
    font.set_text(render.PROBE_LIGATURE)
    ligature = font.get_width_height()[0]
    # The probe can only tell the cases apart if these differ beyond its tolerance.
    assert not render._is_ligature(two_glyphs, ligature)
    assert render.shapes("matplotlib") in (True, False)


def test_unknown_renderer_rejected():
    with pytest.raises(ValueError):
        render.shapes("cairo")


# --- label preparation --------------------------------------------------------------------


def test_force_switches_both_paths():
    s = "مايو 2023"
    with render.force(matplotlib=True, pillow=True):
        assert render.label(s) == s
        assert render.pil_label(s) == s
    with render.force(matplotlib=False, pillow=False):
        assert render.label(s) == render.visual(s) != s
        assert render.pil_label(s) == render.visual(s)
    with render.force(matplotlib=False):
        assert render.shapes("matplotlib") is False
    assert "matplotlib" not in render.describe()["forced"]


def test_visual_puts_numbers_and_latin_in_reading_position():
    # Visual order is left to right: the year comes first, then the month reversed and shaped.
    v = render.visual("مايو 2023")
    assert v.startswith("2023 ")
    assert render.visual("قمة G7 في الرياض").index("G7") > 0
    assert "G7" in render.visual("قمة G7")
    # Shaped: presentation forms, never the logical letters.
    assert not any("\u0621" <= c <= "\u064a" for c in v)


def test_visual_follows_bidi_marks_then_drops_them():
    # A right-to-left mark first makes the line Arabic-directed even before "2015-W30"; the
    # marks steer the order and are then removed (a non-shaping renderer would draw them).
    v = render.visual("\u200f\u200e2015-W30\u200e · مايو")
    assert v.endswith("2015-W30") and not any(c in v for c in "\u200e\u200f")


def test_visual_keeps_line_order():
    v = render.visual("اليابان\nمايو 2023")
    first, second = v.split("\n")
    assert first == render.visual("اليابان") and second == render.visual("مايو 2023")


def test_latin_and_empty_labels_untouched():
    with render.force(matplotlib=False, pillow=False):
        assert render.label("NATO 2023") == "NATO 2023"
        assert render.label("") == ""
        assert render.label(None) == ""
        assert render.label(12) == "12"


# --- pixels ---------------------------------------------------------------------------------


@pytest.mark.parametrize("word", WORDS)
def test_matplotlib_draws_the_layer_label_right(word):
    ref = reference(word)
    assert similarity(mpl_image(render.label(word)), ref) > SAME
    # The naive opposite choice (what the layer did not pick) draws it wrong.
    wrong = render.visual(word) if render.shapes("matplotlib") else word
    assert similarity(mpl_image(wrong), ref) < DIFFERENT


@pytest.mark.parametrize("word", WORDS)
def test_pillow_basic_layout_draws_the_layer_label_right(word):
    # The non-shaping path on any machine: Pillow's basic layout is probed as non-shaping.
    ref = reference(word)
    assert similarity(pil_image(render.pil_label(word, layout_engine=BASIC), BASIC), ref) > SAME
    assert similarity(pil_image(word, BASIC), ref) < DIFFERENT


@pytest.mark.skipif(not HAS_RAQM, reason="Pillow cannot shape here (no Raqm/FriBiDi)")
@pytest.mark.parametrize("word", WORDS)
def test_pillow_raqm_draws_the_layer_label_right(word):
    ref = pil_image(render.visual(word), BASIC)  # the other construction, so not circular
    assert similarity(pil_image(render.pil_label(word, layout_engine=RAQM), RAQM), ref) > SAME
    assert similarity(pil_image(render.visual(word), RAQM), ref) < DIFFERENT


@pytest.mark.parametrize("word", WORDS[:3])
def test_forcing_the_probe_exercises_the_other_path(word):
    actual = render.shapes("matplotlib")
    ref = reference(word)
    with render.force(matplotlib=not actual):
        forced = render.label(word)
    # The forced answer is wrong for this matplotlib ...
    assert similarity(mpl_image(forced), ref) < DIFFERENT
    # ... and right for a renderer that behaves as forced.
    engine = RAQM if not actual else BASIC
    if engine == RAQM and not HAS_RAQM:
        pytest.skip("no shaping renderer to check the logical path against")
    assert similarity(pil_image(forced, engine), ref) > SAME


# --- font ------------------------------------------------------------------------------------


def test_font_registered_with_matplotlib_and_used_by_default():
    found = font_manager.findfont(font_manager.FontProperties(family=render.FAMILY))
    assert found == str(render.font_path())
    assert matplotlib.rcParams["font.sans-serif"][0] == render.FAMILY
    bold = font_manager.findfont(font_manager.FontProperties(family=render.FAMILY, weight="bold"))
    assert bold == str(render.font_path("Bold")) or len(render.font_files()) == 1


def test_missing_glyphs_fall_back_to_the_latin_font(recwarn):
    fig = plt.figure()
    fig.text(0.1, 0.5, render.label("NATO → الناتو ≈ 3"))
    fig.canvas.draw()
    plt.close(fig)
    assert not [w for w in recwarn if "missing from font" in str(w.message)]


def test_font_covers_arabic_latin_and_presentation_forms():
    from fontTools.ttLib import TTFont

    cmap = TTFont(render.font_path()).getBestCmap()
    needed = "المملكةG7مايو2023" + render.visual("المملكة العربية لا")
    assert all(ord(c) in cmap for c in needed if not c.isspace())


# --- OCR (optional) ------------------------------------------------------------------------------


def _tesseract_has_arabic() -> bool:
    exe = shutil.which("tesseract")
    if not exe:
        return False
    out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, check=False)
    return "ara" in (out.stdout + out.stderr).split()


@pytest.mark.skipif(not _tesseract_has_arabic(), reason="tesseract with Arabic data not installed")
def test_ocr_reads_chart_labels_back_in_order(tmp_path):
    import pandas as pd

    from analysis import charts, schema
    from analysis.export import export_figure

    names = ["المملكة العربية السعودية", "الولايات المتحدة", "اليابان"]
    rows = [
        {
            "doc_id": "d",
            "sent_id": i,
            "start": 0,
            "end": 0,
            "actor_id": f"a{k}",
            "name_ar": n,
            "type": "country",
        }
        for k, n in enumerate(names)
        for i in range(3 - k)
    ]
    ax = charts.plot_actor_frequency(schema.conform(pd.DataFrame(rows), "mentions"))
    ax.tick_params(axis="y", labelsize=16)
    path = export_figure(ax.figure, "chart", formats=("png",), out=tmp_path)[0]
    plt.close(ax.figure)
    out = subprocess.run(
        ["tesseract", str(path), "-", "-l", "ara", "--psm", "11"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    got = normalize(out)
    for name in names:
        # Every word of each label, read back in logical order.
        words = [normalize(w) for w in name.split()]
        pos = [got.find(w) for w in words]
        assert all(p >= 0 for p in pos), (name, out)
        assert pos == sorted(pos), (name, out)
