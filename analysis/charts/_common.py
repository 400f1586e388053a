"""Helpers every chart shares: axes creation, actor-type colours and names, language choice."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib import dates as mdates
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from .. import render
from ..boilerplate import counted
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
# Twenty distinguishable colours (tab20, dark shades first): series beyond them repeat.
PALETTE: tuple[str, ...] = tuple(
    plt.get_cmap("tab20").colors[i] for i in [*range(0, 20, 2), *range(1, 20, 2)]
)
# Numeric date ticks read the same in both languages (no English month names on an Arabic chart).
_DATE_FORMATS = ["%Y", "%Y-%m", "%m-%d", "%H:%M", "%H:%M", "%S"]
_DATE_OFFSETS = ["", "%Y", "%Y", "%Y-%m-%d", "%Y-%m-%d", "%Y-%m-%d %H:%M"]


def series_color(i: int) -> tuple[float, float, float]:
    """The colour of the ``i``-th series of a chart."""
    return PALETTE[i % len(PALETTE)]


def date_axis(ax: Axes, *, max_ticks: int = 8, min_days: float = 4.0) -> None:
    """Numeric, non-overlapping date ticks on the x axis (the year once, as an offset); an
    axis narrower than ``min_days`` is widened so a day or two never shows hours."""
    lo, hi = ax.get_xlim()
    if hi - lo < min_days:
        mid = (lo + hi) / 2
        ax.set_xlim(mid - min_days / 2, mid + min_days / 2)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=max_ticks)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(
        mdates.ConciseDateFormatter(
            locator,
            formats=_DATE_FORMATS,
            zero_formats=_DATE_FORMATS,
            offset_formats=_DATE_OFFSETS,
        )
    )


def count_ticks(ax: Axes, axis: str) -> None:
    """Whole-number ticks on a count axis ("x" or "y"): one article never reads as 0.2, 0.4..."""
    if (ax.get_xscale() if axis == "x" else ax.get_yscale()) == "linear":
        (ax.xaxis if axis == "x" else ax.yaxis).set_major_locator(
            MaxNLocator(nbins="auto", integer=True)
        )


def legend_outside(ax: Axes, **kwargs) -> None:
    """A legend to the right of the axes, never over the data."""
    if ax.get_legend_handles_labels()[0] or "handles" in kwargs:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0, **kwargs)


def count_phrase(n: int, lang: str) -> str:
    """ "(N)" as a title suffix: a bare numeral needs no Arabic number agreement for any N."""
    return f"({n:,})" if lang == "en" else f"(العدد: {n:,})"


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


def finish(
    ax: Axes, *, title: str, xlabel: str, ylabel: str, data: pd.DataFrame | pd.Series
) -> Axes:
    """Title, axis labels, no top/right frame, and the drawn data attached."""
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    attach_data(ax, data)
    return ax


def no_data(ax: Axes, lang: str, *, what: str = "") -> Axes:
    """Say on the axes that there is nothing to draw, and attach an empty frame."""
    msg = tr("لا توجد بيانات", "no data", lang) + (f"\n{what}" if what else "")
    ax.text(0.5, 0.5, msg, ha="center", va="center", transform=ax.transAxes, color="0.4")
    ax.set_axis_off()
    attach_data(ax, pd.DataFrame())
    return ax


def legend_for_types(ax: Axes, types: list[str], lang: str, **kwargs) -> None:
    """A legend of actor types (outside the axes)."""
    handles = [
        Patch(color=type_color(t), label=render.label(type_name(t, lang)))
        for t in [*[t for t in TYPES if t in types], *sorted(set(types) - set(TYPES))]
    ]
    if handles:
        legend_outside(ax, handles=handles, title=tr("النوع", "type", lang), **kwargs)


# --- Counting units (a mention, an article, or a story: the wire copies of one text counted once)

# unit -> (Arabic, English) label of a count of it.
UNITS: dict[str, tuple[str, str]] = {
    "mentions": ("عدد الإشارات", "mentions"),
    "articles": ("عدد المقالات", "articles"),
    "stories": ("عدد القصص الإخبارية", "stories"),
}
# unit -> (Arabic, English) "by <unit>" in a title.
UNIT_BY: dict[str, tuple[str, str]] = {
    "mentions": ("حسب الإشارات", "by mentions"),
    "articles": ("حسب المقالات", "by articles"),
    "stories": ("حسب القصص (النسخ تُعد مرة)", "by stories (copies counted once)"),
}


def check_unit(unit: str, units: tuple[str, ...] = tuple(UNITS)) -> str:
    if unit not in units:
        raise ValueError(f"unit must be one of {units}, not {unit!r}")
    return unit


def unit_label(unit: str, lang: str) -> str:
    """The axis label of a count of ``unit``."""
    return tr(*UNITS[check_unit(unit)], lang)


def unit_by(unit: str, lang: str) -> str:
    """ "by <unit>" for a title (plain text, not yet prepared for matplotlib)."""
    ar, en = UNIT_BY[check_unit(unit)]
    return ar if lang == "ar" else en


def story_map(articles: pd.DataFrame | None) -> pd.Series:
    """doc_id -> story_id; an article without a story (the step not run) is its own story."""
    if articles is None:
        raise ValueError('unit="stories" needs the articles frame (its story_id column)')
    arts = articles.drop_duplicates("doc_id")
    story = arts["story_id"] if "story_id" in arts else pd.Series("", index=arts.index)
    story = story.fillna("").astype(str)
    return pd.Series(
        story.where(story != "", "doc:" + arts["doc_id"].astype(str)).to_numpy(),
        index=arts["doc_id"].to_numpy(),
    )


def with_stories(frame: pd.DataFrame, articles: pd.DataFrame | None) -> pd.DataFrame:
    """``frame`` (with ``doc_id``) with the ``story_id`` of each row's article."""
    return frame.assign(story_id=frame["doc_id"].map(story_map(articles)).fillna(frame["doc_id"]))


def count_units(frame: pd.DataFrame, keys: list[str], unit: str) -> pd.Series:
    """Rows (mentions), distinct articles or distinct stories (needs ``story_id``, see
    :func:`with_stories`) per ``keys`` group of ``frame``."""
    g = frame.groupby(keys, dropna=False)
    if check_unit(unit) == "mentions":
        return g.size()
    return g["doc_id" if unit == "articles" else "story_id"].nunique()


def counted_rows(frame: pd.DataFrame, *, boilerplate: bool = False) -> pd.DataFrame:
    """The rows a default count counts: boilerplate and self-references left out, unless
    ``boilerplate`` (the one switch) keeps both."""
    return counted(frame, boilerplate=boilerplate, self_reference=boilerplate)


def kept_note(boilerplate: bool, lang: str) -> str:
    """A title suffix when boilerplate and self-references are counted too."""
    if not boilerplate:
        return ""
    return " · مع النصوص المتكررة" if lang == "ar" else " · boilerplate kept"


def story_articles(articles: pd.DataFrame, *, unit: str = "articles") -> pd.DataFrame:
    """The articles a view reads: all of them, or (``unit="stories"``) the longest article of
    each story, so a wire story printed by eight papers counts once; in the input order."""
    if check_unit(unit) != "stories":
        return articles
    arts = with_stories(articles, articles)
    longest = arts.sort_values(["n_chars", "doc_id"], ascending=[False, True], kind="stable")
    keep = set(longest.drop_duplicates("story_id")["doc_id"])
    return articles[articles["doc_id"].isin(keep)]
