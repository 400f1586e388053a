"""Helpers every chart shares: axes creation, actor-type colours and names, language choice."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes

from .. import render
from ..export import attach_data

# Actor types (analysis.actors) in legend order, with their Arabic names and colours.
TYPES: dict[str, tuple[str, str]] = {
    "person": ("شخص", "#4C72B0"),
    "country": ("دولة", "#DD8452"),
    "organization": ("منظمة", "#55A868"),
    "place": ("مكان", "#8172B3"),
    "group": ("جماعة", "#C44E52"),
}
OTHER_COLOR = "#937860"
LANGS = ("ar", "en")


def axes(ax: Axes | None, figsize: tuple[float, float] = (8, 5)) -> Axes:
    """``ax``, or the Axes of a new constrained-layout figure."""
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return lang


def tr(ar: str, en: str, lang: str) -> str:
    """The Arabic or English text, prepared for matplotlib."""
    return render.label(ar if lang == "ar" else en)


def type_color(t: str) -> str:
    return TYPES.get(t, ("", OTHER_COLOR))[1]


def type_name(t: str, lang: str) -> str:
    if lang == "ar" and t in TYPES:
        return TYPES[t][0]
    return t or ("غير محدد" if lang == "ar" else "unknown")


def display_name(row: pd.Series | dict, lang: str) -> str:
    """The actor's name in ``lang``, falling back to the other language, then to the id."""
    first, second = ("name_ar", "name_en") if lang == "ar" else ("name_en", "name_ar")
    for col in (first, second, "actor_id"):
        v = row.get(col)
        if isinstance(v, str) and v:
            return v
    return ""


def no_data(ax: Axes, lang: str, *, what: str = "") -> Axes:
    """Say on the axes that there is nothing to draw, and attach an empty frame."""
    msg = tr("لا توجد بيانات", "no data", lang) + (f"\n{what}" if what else "")
    ax.text(0.5, 0.5, msg, ha="center", va="center", transform=ax.transAxes, color="0.4")
    ax.set_axis_off()
    attach_data(ax, pd.DataFrame())
    return ax


def legend_for_types(ax: Axes, types: list[str], lang: str, **kwargs) -> None:
    from matplotlib.patches import Patch

    handles = [
        Patch(color=type_color(t), label=render.label(type_name(t, lang)))
        for t in [*[t for t in TYPES if t in types], *sorted(set(types) - set(TYPES))]
    ]
    if handles:
        ax.legend(handles=handles, title=tr("النوع", "type", lang), **kwargs)
