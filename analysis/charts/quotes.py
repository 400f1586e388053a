"""Quote charts: who speaks most, what the top speakers say, whom they talk about, and speakers
over time (the ``quotes`` frame, see :mod:`analysis.quotes`).

A speaker is the actor a quote is attributed to (``quotes.speaker_actor_id``); unresolved
speakers (مصدر مسؤول) have no actor and are left out. ``unit`` chooses what one count is:
``"quotes"``, ``"articles"`` (a speaker once per article) or ``"stories"`` (once per story:
wire copies of one text, ``articles.story_id``, count once; an article with no story is its own).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from .. import config, render
from ..export import DATA_ATTR, attach_data
from ..quotes.tables import speaker_mentions, speaker_quotes
from ._common import (
    axes,
    check_lang,
    count_phrase,
    count_ticks,
    counted_rows,
    display_name,
    no_data,
    tr,
)
from .actors import plot_actor_frequency, plot_actor_frequency_over_time

UNITS: dict[str, tuple[str, str]] = {
    "quotes": ("عدد التصريحات", "quotes"),
    "articles": ("عدد المقالات", "articles"),
    "stories": ("عدد القصص (تُحسب القصة مرة واحدة)", "stories (each counted once)"),
}
COUNT_COLUMNS = ["speaker_actor_id", "name_ar", "name_en", "type", *UNITS]


def check_unit(unit: str) -> str:
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {tuple(UNITS)}, not {unit!r}")
    return unit


def story_of(articles: pd.DataFrame) -> pd.Series:
    """doc_id -> story_id, an article without a story (the step not run) being its own story."""
    story = articles["story_id"] if "story_id" in articles else pd.Series("", index=articles.index)
    story = story.fillna("").astype(str)
    return pd.Series(
        story.where(story != "", articles["doc_id"]).to_numpy(), index=articles["doc_id"]
    )


def _speaker_rows(
    quotes: pd.DataFrame, articles: pd.DataFrame, actors: pd.DataFrame | None
) -> pd.DataFrame:
    """The counted quotes (no boilerplate) with a speaker actor, with its names and type, story_id
    and publication date."""
    quotes = counted_rows(quotes)
    q = quotes.loc[
        quotes["speaker_actor_id"].fillna("") != "",
        ["doc_id", "quote_id", "speaker_actor_id", "speaker_name", "speaker_type"],
    ]
    q = q.assign(story_id=q["doc_id"].map(story_of(articles)).fillna(q["doc_id"]))
    q = q.merge(articles[["doc_id", "published"]], on="doc_id", how="left")
    names = pd.DataFrame(columns=["actor_id", "name_ar", "name_en", "type"])
    if actors is not None and len(actors):
        names = actors[["actor_id", "name_ar", "name_en", "type"]].drop_duplicates("actor_id")
    q = q.merge(names, left_on="speaker_actor_id", right_on="actor_id", how="left")
    # An actor the table does not list (or no table): the quote's own name and type.
    q["name_ar"] = q["name_ar"].fillna(q["speaker_name"])
    q["name_en"] = q["name_en"].fillna("")
    q["type"] = q["type"].fillna(q["speaker_type"])
    return q.drop(columns=["actor_id"])


def speaker_counts(
    quotes: pd.DataFrame, articles: pd.DataFrame, *, actors: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Quotes, articles and stories per speaker actor, most quoted first; names from ``actors``."""
    q = _speaker_rows(quotes, articles, actors)
    if q.empty:
        return pd.DataFrame(columns=COUNT_COLUMNS)
    g = q.groupby("speaker_actor_id", sort=False)
    out = g[["name_ar", "name_en", "type"]].first()
    out["quotes"] = g.size()
    out["articles"] = g["doc_id"].nunique()
    out["stories"] = g["story_id"].nunique()
    out = out.reset_index().sort_values(
        ["quotes", "stories", "speaker_actor_id"], ascending=[False, False, True]
    )
    return out[COUNT_COLUMNS].reset_index(drop=True)


def top_speakers(
    quotes: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    top: int = config.DEFAULT_TOP_N,
    unit: str = "quotes",
    actors: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The ``top`` speakers by ``unit``, ties broken by quotes then id."""
    check_unit(unit)
    counts = speaker_counts(quotes, articles, actors=actors)
    counts = counts.sort_values(
        [unit, "quotes", "speaker_actor_id"], ascending=[False, False, True]
    )
    return counts.head(top).reset_index(drop=True)


def unit_label(unit: str, lang: str) -> str:
    """The axis label of a count of ``unit``."""
    return tr(*UNITS[check_unit(unit)], lang)


def plot_top_speakers(
    quotes: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    actors: pd.DataFrame | None = None,
    ax: Axes | None = None,
    lang: str = config.DEFAULT_LANG,
    top: int = config.DEFAULT_TOP_N,
    unit: str = "quotes",
) -> Axes:
    """Horizontal bars of the ``top`` speakers by quotes, articles or stories, coloured by type
    (the actor-frequency chart over the speakers' quotes)."""
    check_lang(lang)
    check_unit(unit)
    q = _speaker_rows(quotes, articles, actors)
    rows = q.rename(columns={"speaker_actor_id": "actor_id"})
    if unit == "stories":  # a story is one "document": counted once
        rows["doc_id"] = rows["story_id"]
    by = "mentions" if unit == "quotes" else "docs"
    if q.empty:
        return no_data(axes(ax), lang, what=tr("لا متحدثين معروفين", "no resolved speakers", lang))
    ax = plot_actor_frequency(rows, ax=ax, lang=lang, top=top, by=by)
    data = top_speakers(quotes, articles, top=top, unit=unit, actors=actors)
    data = data.assign(name=[display_name(r, lang) for r in data.to_dict("records")])
    ax.set_xlabel(unit_label(unit, lang))
    count_ticks(ax, "x")
    ax.set_title(
        tr(
            f"أكثر المتحدثين تصريحًا {count_phrase(len(data), lang)}",
            f"Top {len(data)} speakers",
            lang,
        )
    )
    attach_data(ax, data[["speaker_actor_id", "name", "type", "quotes", "articles", "stories"]])
    return ax


def top_speaker_quotes(
    quotes: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    top: int = config.DEFAULT_TOP_N,
    per_speaker: int | None = None,
    unit: str = "quotes",
    actors: pd.DataFrame | None = None,
    lang: str = config.DEFAULT_LANG,
) -> pd.DataFrame:
    """The quotes of the ``top`` speakers (at most ``per_speaker`` each, earliest first) with
    their article's title and date and the text around them; most quoted speaker first."""
    best = top_speakers(quotes, articles, top=top, unit=unit, actors=actors)
    cols = ["speaker", "speaker_actor_id", "published", "title", "kind", "cue", "content"]
    cols += ["context", "doc_id"]
    parts = []
    for r in best.to_dict("records"):
        rows = speaker_quotes(quotes, articles, r["speaker_actor_id"])
        if per_speaker is not None:
            rows = rows.head(per_speaker)
        parts.append(
            rows.assign(speaker=display_name(r, lang), speaker_actor_id=r["speaker_actor_id"])
        )
    if not parts:
        return pd.DataFrame(columns=cols)
    return pd.concat(parts, ignore_index=True)[cols]


def speaker_mention_counts(
    quotes: pd.DataFrame,
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    top: int = config.DEFAULT_TOP_N,
    top_mentioned: int | None = None,
    unit: str = "quotes",
    actors: pd.DataFrame | None = None,
    lang: str = config.DEFAULT_LANG,
) -> pd.DataFrame:
    """Who talks about whom: for the ``top`` speakers, the quotes naming each of the
    ``top_mentioned`` (default ``top``) actors they name most, in long form with both names."""
    cols = ["speaker_actor_id", "speaker", "actor_id", "actor", "type", "quotes"]
    best = top_speakers(quotes, articles, top=top, unit=unit, actors=actors)
    pairs = speaker_mentions(
        quotes[quotes["speaker_actor_id"].isin(best["speaker_actor_id"])], mentions
    )
    if pairs.empty:
        return pd.DataFrame(columns=cols)
    keep = pairs.groupby("actor_id")["n"].sum().sort_values(ascending=False, kind="stable")
    keep = keep.head(top if top_mentioned is None else top_mentioned).index
    pairs = pairs[pairs["actor_id"].isin(keep)]
    names = mentions.drop_duplicates("actor_id").set_index("actor_id")[["name_ar", "name_en"]]
    actor = [
        display_name({"actor_id": a, **names.loc[a].to_dict()}, lang) for a in pairs["actor_id"]
    ]
    speaker = dict(
        zip(
            best["speaker_actor_id"],
            [display_name(r, lang) for r in best.to_dict("records")],
            strict=True,
        )
    )
    rank = {a: i for i, a in enumerate(best["speaker_actor_id"])}
    out = pairs.assign(
        speaker=pairs["speaker_actor_id"].map(speaker),
        actor=actor,
        quotes=pairs["n"],
        rank=pairs["speaker_actor_id"].map(rank),
    )
    # Speakers in rank order, each one's most named actors first.
    out = out.sort_values(["rank", "quotes", "actor_id"], ascending=[True, False, True])
    return out[cols].reset_index(drop=True)


def plot_speaker_mentions(
    quotes: pd.DataFrame,
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    actors: pd.DataFrame | None = None,
    ax: Axes | None = None,
    lang: str = config.DEFAULT_LANG,
    top: int = config.DEFAULT_TOP_N,
    unit: str = "quotes",
) -> Axes:
    """Heatmap of the ``top`` speakers (rows, most quoted on top) against the actors named in
    their quotes (columns, most named first): the number of quotes naming each."""
    check_lang(lang)
    data = speaker_mention_counts(
        quotes, mentions, articles, top=top, unit=unit, actors=actors, lang=lang
    )
    if data.empty:
        return no_data(
            axes(ax), lang, what=tr("لا فاعلين في التصريحات", "no actors named in quotes", lang)
        )
    rows = list(dict.fromkeys(data["speaker"]))  # speakers in rank order
    cols = list(
        data.groupby("actor", sort=False)["quotes"]
        .sum()
        .sort_values(ascending=False, kind="stable")
        .index
    )
    table = data.pivot_table(index="speaker", columns="actor", values="quotes", aggfunc="sum")
    table = table.reindex(index=rows, columns=cols).fillna(0)
    ax = axes(ax, figsize=(max(6.0, 0.42 * len(cols) + 3), max(3.5, 0.36 * len(rows) + 2.2)))
    values = table.to_numpy(dtype=float)
    im = ax.imshow(np.ma.masked_equal(values, 0), aspect="auto", cmap="Blues", vmin=0)
    for (i, j), v in np.ndenumerate(values):
        if v:
            dark = v > values.max() * 0.6
            ax.text(
                j,
                i,
                f"{v:.0f}",
                ha="center",
                va="center",
                fontsize=7,
                color="white" if dark else "black",
            )
    ax.set_yticks(range(len(rows)), labels=render.labels(rows))
    ax.set_xticks(
        range(len(cols)),
        labels=render.labels(cols),
        rotation=60,
        ha="right",
        rotation_mode="anchor",
    )
    ax.set_ylabel(tr("المتحدث", "speaker", lang))
    ax.set_xlabel(tr("الفاعل المذكور في التصريح", "actor named in the quote", lang))
    bar = ax.figure.colorbar(im, ax=ax, label=unit_label("quotes", lang), fraction=0.04, pad=0.02)
    bar.ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(
        tr(
            f"من يتحدث عمّن {count_phrase(len(rows), lang)}",
            f"Who talks about whom ({len(rows)} speakers)",
            lang,
        )
    )
    attach_data(ax, data)
    return ax


def _quotes_as_mentions(
    quotes: pd.DataFrame, articles: pd.DataFrame, actors: pd.DataFrame | None, unit: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The speakers' quotes as actor rows, and the articles to count over: for stories, one row
    per speaker and story, dated by the story's first article, and one article per story."""
    q = _speaker_rows(quotes, articles, actors).rename(columns={"speaker_actor_id": "actor_id"})
    arts = articles[["doc_id", "published"]]
    if unit == "stories":
        first = (
            articles.assign(story_id=story_of(articles).to_numpy())
            .sort_values(["published", "doc_id"], na_position="last")
            .drop_duplicates("story_id")
        )
        q = q.drop(columns="doc_id").drop_duplicates(["actor_id", "story_id"])
        q = q.merge(first[["story_id", "doc_id"]], on="story_id")
        arts = first[["doc_id", "published"]]
    return q[["doc_id", "actor_id", "name_ar", "name_en", "type"]], arts


def plot_speakers_over_time(
    quotes: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    actors: pd.DataFrame | None = None,
    ax: Axes | None = None,
    lang: str = config.DEFAULT_LANG,
    top: int = config.DEFAULT_TOP_N,
    freq: str = "D",
    unit: str = "quotes",
    measure: str = "count",
    kind: str = "auto",
) -> Axes:
    """The ``top`` speakers per publication period: quotes, articles or stories (a story at its
    first article's date) per period; ``measure="share"`` divides by all the period's quotes,
    articles or stories. Lines for a few speakers, a heatmap for many (as actors over time)."""
    check_lang(lang)
    check_unit(unit)
    rows, arts = _quotes_as_mentions(quotes, articles, actors, unit)
    ax = plot_actor_frequency_over_time(
        rows,
        arts,
        ax=ax,
        lang=lang,
        top=top,
        freq=freq,
        measure=measure,
        kind=kind,
        unit="mentions" if unit == "quotes" else "articles",
    )
    data = getattr(ax, DATA_ATTR)
    if data.empty or not ax.axison:
        return ax
    label = (
        unit_label(unit, lang)
        if measure == "count"
        else tr("الحصة في الفترة", "share of the period", lang)
    )
    bar = [a for a in ax.figure.axes if a is not ax and a.get_label() == "<colorbar>"]
    (bar[0].set_ylabel if bar else ax.set_ylabel)(label)
    if ax.get_legend() is not None:
        ax.get_legend().set_title(tr("المتحدث", "speaker", lang))
    n = data["actor_id"].nunique()
    ax.set_title(
        tr(f"المتحدثون عبر الزمن {count_phrase(n, lang)}", f"Speakers over time ({n})", lang)
    )
    attach_data(ax, data.rename(columns={"actor_id": "speaker_actor_id", "count": unit}))
    return ax
