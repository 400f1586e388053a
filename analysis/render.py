"""Arabic text that reads right on charts, whichever matplotlib and Pillow are installed.

Renderers differ: matplotlib 3.11 shapes and reorders Arabic itself (libraqm inside ``ft2font``),
matplotlib 3.10 does neither; Pillow shapes only when Raqm *and* FriBiDi load at run time. A label
handed to a shaping renderer must be the logical string; a non-shaping renderer needs the
reshaped, visually ordered string (arabic-reshaper + python-bidi). Giving either the other's
input draws the words reversed.

So each renderer is probed once per process: a shaping renderer draws logical lam + alef
(``"لا"``) as the single lam-alef ligature, whose advance equals that of U+FEFB; a non-shaping
one draws two wider isolated glyphs. :func:`label` (matplotlib) and :func:`pil_label` (Pillow,
e.g. wordcloud) then prepare text accordingly; :func:`force` overrides the probe (tests).
:func:`label` also keeps ``$`` literal (:func:`analysis.escape.mathtext`); Pillow has no mathtext.

The font is Noto Sans Arabic from the ``fontpkg-noto-sans-arabic`` wheel (OFL). The wheel ships
a variable font; static Regular and Bold instances are cut from it once with fontTools and
cached, so bold titles work and every backend sees plain TrueType. Importing this module
registers them with matplotlib: the default font family becomes Noto Sans Arabic with DejaVu
Sans (shipped with matplotlib) as the fallback for any glyph it lacks.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import matplotlib as mpl
from matplotlib import font_manager

from . import escape

FAMILY = "Noto Sans Arabic"
LATIN_FALLBACK = "DejaVu Sans"
# Logical lam + alef, and the presentation-form ligature a shaper turns it into.
PROBE_TEXT = "\u0644\u0627"
PROBE_LIGATURE = "\ufefb"
PROBE_SIZE = 48
# Relative advance difference under which "لا" counts as drawn as the ligature.
PROBE_TOLERANCE = 0.15
RENDERERS = ("matplotlib", "pillow")
_STATIC_WEIGHTS = {"Regular": 400, "Bold": 700}

# Hebrew, Arabic, Syriac, Thaana, NKo ... and the Hebrew/Arabic presentation forms.
_RTL_RE = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")

# Bidi marks steer the reordering; once it is done they are dropped (a font may draw a box).
_MARKS_RE = re.compile("[\u200e\u200f\u2066-\u2069]")

_forced: dict[str, bool] = {}


def _variable_font() -> Path:
    import fontpkg_noto_sans_arabic as pkg

    files = sorted((pkg.ROOT / "files").glob("*.ttf"))
    if not files:
        raise FileNotFoundError(f"no .ttf in {pkg.ROOT / 'files'}")
    return files[0]


def _cache_dir() -> Path:
    return Path(mpl.get_cachedir()) / "analysis-fonts"


def _instantiate(src: Path, dest: Path, weight: int) -> None:
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = TTFont(src)
    axes = {a.axisTag: a.defaultValue for a in font["fvar"].axes}
    axes["wght"] = weight
    static = instancer.instantiateVariableFont(font, axes, updateFontNames=True)
    # Write then rename, so parallel processes never read a half-written file.
    fd, tmp = tempfile.mkstemp(dir=dest.parent, suffix=".ttf")
    os.close(fd)
    try:
        static.save(tmp)
        os.replace(tmp, dest)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


@cache
def font_files() -> dict[str, Path]:
    """Static Noto Sans Arabic files by style ("Regular", "Bold"), cut from the wheel's font once."""
    src = _variable_font()
    try:
        folder = _cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        tag = f"{src.stat().st_size}-{int(src.stat().st_mtime)}"
        out = {}
        for style, weight in _STATIC_WEIGHTS.items():
            dest = folder / f"NotoSansArabic-{style}-{tag}.ttf"
            if not dest.exists():
                _instantiate(src, dest, weight)
            out[style] = dest
        return out
    except (ImportError, OSError, KeyError):
        # No fontTools or no writable cache: the variable font's default instance is Regular.
        return {"Regular": src}


def font_path(style: str = "Regular") -> Path:
    """Path of the Arabic font file (the same file matplotlib and wordcloud use)."""
    files = font_files()
    return files.get(style, files["Regular"])


@cache
def register_fonts() -> str:
    """Add the Arabic font to matplotlib's font manager, first in ``font.sans-serif``."""
    for path in font_files().values():
        font_manager.fontManager.addfont(str(path))
    sans = [f for f in mpl.rcParams["font.sans-serif"] if f != FAMILY]
    mpl.rcParams["font.sans-serif"] = [FAMILY, *sans]
    if LATIN_FALLBACK not in sans:
        mpl.rcParams["font.sans-serif"].append(LATIN_FALLBACK)
    # Glyph fallback only runs over an explicit family list (a generic name yields one
    # font), so the default family becomes Arabic first, then matplotlib's own DejaVu Sans.
    if list(mpl.rcParams["font.family"]) in (["sans-serif"], [FAMILY]):
        mpl.rcParams["font.family"] = [FAMILY, LATIN_FALLBACK]
    return FAMILY


def _is_ligature(text_width: float, ligature_width: float) -> bool:
    return abs(text_width - ligature_width) <= PROBE_TOLERANCE * ligature_width


@cache
def _mpl_probe() -> bool:
    from matplotlib.ft2font import FT2Font

    font = FT2Font(str(font_path()))
    font.set_size(PROBE_SIZE, 72)
    widths = []
    for s in (PROBE_TEXT, PROBE_LIGATURE):
        font.set_text(s)
        widths.append(font.get_width_height()[0])
    return _is_ligature(*widths)


@cache
def _pil_probe(layout_engine: int | None = None) -> bool:
    from PIL import ImageFont

    font = ImageFont.truetype(str(font_path()), PROBE_SIZE, layout_engine=layout_engine)
    return _is_ligature(font.getlength(PROBE_TEXT), font.getlength(PROBE_LIGATURE))


def shapes(renderer: str = "matplotlib", *, layout_engine: int | None = None) -> bool:
    """Does ``renderer`` ("matplotlib" or "pillow") shape and reorder Arabic itself?

    For Pillow, ``layout_engine`` is the one the caller will use (default: Pillow's default,
    which is what wordcloud gets).
    """
    if renderer not in RENDERERS:
        raise ValueError(f"renderer must be one of {RENDERERS}, not {renderer!r}")
    if renderer in _forced:
        return _forced[renderer]
    return _mpl_probe() if renderer == "matplotlib" else _pil_probe(layout_engine)


@contextlib.contextmanager
def force(*, matplotlib: bool | None = None, pillow: bool | None = None) -> Iterator[None]:
    """Override the probe's answer inside the block (None leaves a renderer probed)."""
    saved = dict(_forced)
    for name, value in (("matplotlib", matplotlib), ("pillow", pillow)):
        if value is not None:
            _forced[name] = value
    try:
        yield
    finally:
        _forced.clear()
        _forced.update(saved)


@cache
def _reshaper():
    import arabic_reshaper

    # Keep harakat: dropping marks changes what the reader sees; the font positions them.
    return arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})


@cache
def visual(text: str) -> str:
    """The reshaped, visually ordered form of ``text`` for renderers that do not shape.

    Each line is reordered on its own (the base direction from its first strong character, as
    a shaping renderer does), so multi-line labels keep their line order.
    """
    from bidi import get_display

    reshape = _reshaper().reshape
    lines = (get_display(reshape(line)) if line else line for line in text.split("\n"))
    return _MARKS_RE.sub("", "\n".join(lines))


def is_rtl(text: str) -> bool:
    """Whether ``text`` holds right-to-left script (Arabic, Hebrew...): only such text needs
    reshaping, reordering or, in PDF, drawing as outlines; ASCII passes through untouched."""
    return not text.isascii() and _RTL_RE.search(text) is not None


def prepare(text: object, *, renderer: str = "matplotlib", layout_engine: int | None = None) -> str:
    """``text`` ready for ``renderer``: the logical string if it shapes, else :func:`visual`."""
    s = "" if text is None else str(text)
    if not is_rtl(s) or shapes(renderer, layout_engine=layout_engine):
        return s
    return visual(s)


def label(text: object) -> str:
    """``text`` prepared for matplotlib (titles, tick labels, annotations, legends).

    Every ``$`` is escaped (after reordering, which could move a backslash away from its
    dollar), so corpus text is drawn as written, never parsed as mathtext.
    """
    return escape.mathtext(prepare(text, renderer="matplotlib"))


def labels(texts) -> list[str]:
    """:func:`label` over an iterable."""
    return [label(t) for t in texts]


def pil_label(text: object, *, layout_engine: int | None = None) -> str:
    """``text`` prepared for Pillow (and so for wordcloud, which uses Pillow's default engine)."""
    return prepare(text, renderer="pillow", layout_engine=layout_engine)


def describe() -> dict[str, object]:
    """What was detected, for notebooks and bug reports."""
    from PIL import __version__ as pil_version
    from PIL import features

    return {
        "matplotlib": mpl.__version__,
        "matplotlib_shapes": shapes("matplotlib"),
        "pillow": pil_version,
        "pillow_raqm": bool(features.check("raqm")),
        "pillow_fribidi": bool(features.check("fribidi")),
        "pillow_shapes": shapes("pillow"),
        "font": str(font_path()),
        "forced": dict(_forced),
    }


register_fonts()
