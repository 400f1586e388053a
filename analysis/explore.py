"""Interactive exploration for the notebooks: an actor picker and a date-range slider.

Every view is built by a pure function returning a :class:`View` (tables, figures and the data
behind them), so the logic is testable without a browser. The widget functions return an
ipywidgets box that redraws the view on each change when a widget front end can show it
(JupyterLab, Notebook, VS Code); under papermill or nbconvert, where nothing renders widgets,
they return the static :class:`View` of the default selection instead: the same tables and
charts, once.

Also here: the tables the notebooks show beside the charts (people with their roles and
countries, actors per mentioned date) and the per-article word-cloud grid.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from . import config, escape
from .actors.gazetteer import country_names
from .arabic import normalize
from .charts import (
    kwic,
    kwic_table,
    plot_actor_frequency,
    plot_article_wordcloud,
    plot_timeline,
    top_actors,
)
from .charts._common import (
    check_unit,
    count_units,
    counted_rows,
    display_name,
    type_name,
    with_stories,
)
from .charts.timeline import placed
from .display import rtl

# "1" forces widgets, "0" forces static output (analysis.notebooks sets "0" for its kernels).
WIDGETS_ENV = "ANALYSIS_WIDGETS"
# A kernel started by one of these programs has no widget front end.
BATCH_PARENTS = ("papermill", "nbconvert", "nbclient", "pytest")
FIELDS = ("published", "mentioned")
# The actor dropdown lists at most this many matches of the search (the DOM stays light).
MAX_PICKER_OPTIONS = 500
# Mentioned dates outside this quantile range are implausible picker bounds (year 1, 2100).
PLAUSIBLE_QUANTILES = (0.01, 0.99)


# -- front end -------------------------------------------------------------------------------


def _parent_cmdline(pid: int | None = None) -> str:
    try:
        raw = Path(f"/proc/{pid or os.getppid()}/cmdline").read_bytes()
    except OSError:
        return ""
    return raw.replace(b"\0", b" ").decode("utf-8", "replace")


def widget_frontend(*, parent: str | None = None) -> bool:
    """Whether widgets can be shown: in a Jupyter kernel not started by a batch runner.

    ``ANALYSIS_WIDGETS=0/1`` overrides; otherwise the kernel's parent process is looked at
    (Linux ``/proc``), since a kernel cannot ask its client whether it renders widgets.
    """
    env = os.environ.get(WIDGETS_ENV, "")
    if env in ("0", "1"):
        return env == "1"
    try:
        import ipywidgets  # noqa: F401
        from IPython import get_ipython
    except ImportError:
        return False
    ip = get_ipython()
    if ip is None or type(ip).__name__ != "ZMQInteractiveShell":
        return False
    return not batch_runner(_parent_cmdline() if parent is None else parent)


def batch_runner(cmdline: str) -> bool:
    """Whether a command line is one of the batch runners that cannot show widgets."""
    cmd = cmdline.lower()
    return any(name in cmd for name in BATCH_PARENTS)


# -- views -----------------------------------------------------------------------------------


@dataclass
class View:
    """What a selection shows: a heading, then tables (Stylers/frames) and figures in order."""

    title: str
    items: list[Any] = field(default_factory=list)
    data: dict[str, pd.DataFrame] = field(default_factory=dict)

    def _ipython_display_(self) -> None:
        from IPython.display import HTML, display

        heading = f'<h4 dir="auto" class="{escape.NO_MATH_CLASS}">{escape.html(self.title)}</h4>'
        display(HTML(heading))
        for item in self.items:
            display(item)


def _close(fig) -> Any:
    # Shown through display() only: closed so the inline backend does not show it twice.
    import matplotlib.pyplot as plt

    plt.close(fig)
    return fig


def actor_choices(
    mentions: pd.DataFrame,
    *,
    top: int | None = config.DEFAULT_TOP_N,
    lang: str = config.DEFAULT_LANG,
    actor_type: str = "",
    search: str = "",
    boilerplate: bool = False,
) -> list[tuple[str, str]]:
    """(label, actor_id) for the ``top`` actors by mentions (all when None), most mentioned
    first, of ``actor_type`` only if given, whose names contain ``search`` (normalised);
    boilerplate and self-references not counted unless ``boilerplate``."""

    mentions = counted_rows(mentions, boilerplate=boilerplate)
    best = top_actors(mentions, top=len(mentions) if top is None else top)
    if actor_type:
        best = best[best["type"] == actor_type]
    if search.strip():
        needle = normalize(search.strip()).lower()
        hay = (best["name_ar"].fillna("") + " " + best["name_en"].fillna("")).map(normalize)
        best = best[hay.str.lower().str.contains(needle, regex=False)]
    return [
        (f"{display_name(r, lang)} ({r['mentions']:,})", r["actor_id"])
        for r in best.to_dict("records")
    ]


def actor_dates(dates: pd.DataFrame, mentions: pd.DataFrame, actor_id: str) -> pd.DataFrame:
    """The temporal expressions in the sentences that mention ``actor_id``."""
    m = mentions.loc[mentions["actor_id"] == actor_id, ["doc_id", "sent_id"]].drop_duplicates()
    return dates.merge(m, on=["doc_id", "sent_id"], how="inner")[list(dates.columns)]


def actor_view(
    parsed,
    actor_id: str,
    *,
    lang: str = config.DEFAULT_LANG,
    limit: int = 15,
    width: int = 50,
    max_dates: int = 15,
    unit: str = "mentions",
    boilerplate: bool = False,
) -> View:
    """Keyword in context (first ``limit`` mentions; ``unit="stories"``: one article per story)
    and the timeline (``max_dates`` dates, counted by ``unit``); boilerplate and self-references
    left out unless ``boilerplate``."""

    m = counted_rows(parsed.mentions, boilerplate=boilerplate)
    rows = with_stories(m[m["actor_id"] == actor_id], parsed.articles)
    name = display_name(rows.iloc[0].to_dict(), lang) if len(rows) else actor_id
    table = kwic(m, parsed.articles, actor_id, width=width, limit=limit, unit=unit)
    dates = actor_dates(parsed.dates, m, actor_id)
    ax = plot_timeline(
        dates,
        sentences=parsed.sentences,
        mentions=m,
        lang=lang,
        max_items=max_dates,
        unit=unit,
        articles=parsed.articles,
        boilerplate=boilerplate,
    )
    n_docs, n_stories = rows["doc_id"].nunique(), rows["story_id"].nunique()
    title = (
        f"{name} — الإشارات: {len(rows):,} · المقالات: {n_docs:,} · القصص: {n_stories:,}"
        if lang == "ar"
        else f"{name}: {len(rows):,} mentions in {n_docs:,} articles, {n_stories:,} stories"
    )
    return View(
        title,
        [kwic_table(table, lang=lang), _close(ax.figure)],
        {"kwic": table, "dates": dates},
    )


def _widget(
    control,
    render: Callable[[Any], View],
    *,
    interactive: bool | None,
    header: tuple = (),
    value: Callable[[], Any] | None = None,
    watch: tuple = (),
) -> View | Any:
    """A box of ``header`` widgets and ``control`` over an output area redrawn by
    ``render(value())`` whenever ``control`` (or a widget in ``watch``) changes; ``value``
    defaults to ``control.value``."""
    current = value or (lambda: control.value)
    view = render(current())
    if not (widget_frontend() if interactive is None else interactive):
        return view
    import ipywidgets as widgets

    out = widgets.Output()
    box = widgets.VBox([*header, control, out])

    def show(v: View) -> None:
        box.view = v
        out.clear_output(wait=True)
        with out:
            v._ipython_display_()

    def on_change(_change) -> None:
        show(render(current()))

    for w in (control, *watch):
        w.observe(on_change, names="value")
    show(view)
    return box


def searchable_dropdown(
    choices: list[tuple[str, str]],
    find: Callable[[str], list[tuple[str, str]]],
    *,
    label: str,
    lang: str,
    watch: tuple = (),
):
    """A search box and a dropdown of ``choices`` whose options become ``find(search text)`` (at
    most :data:`MAX_PICKER_OPTIONS`) whenever the text or a widget of ``watch`` changes."""
    import ipywidgets as widgets

    search = widgets.Text(
        value="",
        placeholder="ابحث عن اسم" if lang == "ar" else "search a name",
        continuous_update=False,
    )
    picker = widgets.Dropdown(
        options=choices,
        value=choices[0][1],
        description=label,
        layout=widgets.Layout(width="420px"),
    )

    def refilter(_change) -> None:
        picker.options = find(search.value)[:MAX_PICKER_OPTIONS] or [("—", "")]

    for w in (*watch, search):
        w.observe(refilter, names="value")
    return search, picker


def actor_picker(
    parsed,
    *,
    top: int = config.DEFAULT_TOP_N,
    lang: str = config.DEFAULT_LANG,
    limit: int = 15,
    interactive: bool | None = None,
    unit: str = "mentions",
    boilerplate: bool = False,
):
    """A type filter and a search box over all actors, and a dropdown of the matches (most
    mentioned first, at most :data:`MAX_PICKER_OPTIONS`) updating their keyword in context and
    timeline. ``top`` is the number of rows shown in the view's tables.

    Returns the widget box (its ``view`` attribute holds the current :class:`View`), or, without
    a widget front end (or ``interactive=False``), the static view of the most mentioned actor.
    """
    choices = actor_choices(
        parsed.mentions, top=MAX_PICKER_OPTIONS, lang=lang, boilerplate=boilerplate
    )
    if not choices:
        return View("لا فاعلين" if lang == "ar" else "no actors")
    import ipywidgets as widgets

    ar = lang == "ar"
    types = parsed.mentions["type"].dropna().value_counts().index
    kind = widgets.Dropdown(
        options=[("الكل" if ar else "all", ""), *[(type_name(t, lang), t) for t in types]],
        value="",
        description="النوع" if ar else "type",
    )
    search, picker = searchable_dropdown(
        choices,
        lambda text: actor_choices(
            parsed.mentions,
            top=None,
            lang=lang,
            actor_type=kind.value,
            search=text,
            boilerplate=boilerplate,
        ),
        label="الفاعل" if ar else "actor",
        lang=lang,
        watch=(kind,),
    )

    def render(actor_id: str) -> View:
        if not actor_id:
            return View("لا نتائج" if ar else "no match")
        return actor_view(
            parsed,
            actor_id,
            lang=lang,
            limit=limit,
            max_dates=top,
            unit=unit,
            boilerplate=boilerplate,
        )

    return _widget(picker, render, interactive=interactive, header=(widgets.HBox([kind, search]),))


# -- date ranges -----------------------------------------------------------------------------


def date_options(parsed, *, field: str = "published") -> list[pd.Timestamp]:
    """The distinct days a slider can stop at: publication days, or starts of mentioned dates."""
    if field not in FIELDS:
        raise ValueError(f"field must be one of {FIELDS}, not {field!r}")
    if field == "published":
        s = parsed.articles["published"]
    else:
        s = parsed.dates.loc[placed(parsed.dates), "start_date"]
    return sorted(pd.Series(s.dropna().dt.normalize().unique()).tolist())


def slice_published(parsed, start, end):
    """``parsed`` restricted to the articles published on days ``start`` … ``end`` (inclusive)."""
    start, end = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    day = parsed.articles["published"].dt.normalize()
    arts = parsed.articles[(day >= start) & (day <= end)].reset_index(drop=True)
    keep = set(arts["doc_id"])

    def only(df: pd.DataFrame) -> pd.DataFrame:
        return df[df["doc_id"].isin(keep)].reset_index(drop=True)

    mentions = only(parsed.mentions)
    counts = mentions.groupby("actor_id").agg(
        n_mentions=("doc_id", "size"), n_docs=("doc_id", "nunique")
    )
    actors = parsed.actors[parsed.actors["actor_id"].isin(counts.index)].drop(
        columns=["n_mentions", "n_docs"]
    )
    actors = actors.merge(counts.reset_index(), on="actor_id").astype(
        {"n_mentions": "int64", "n_docs": "int64"}
    )
    actors = actors.sort_values(["n_mentions", "actor_id"], ascending=[False, True])
    return dataclasses.replace(
        parsed,
        articles=arts,
        sentences=only(parsed.sentences),
        mentions=mentions,
        actors=actors.reset_index(drop=True),
        dates=only(parsed.dates),
        errors=parsed.errors[parsed.errors["doc_id"].isin(keep | {""})].reset_index(drop=True),
    )


def slice_mentioned(dates: pd.DataFrame, start, end) -> pd.DataFrame:
    """Resolved dates whose interval overlaps the days ``start`` … ``end`` (inclusive)."""
    start, end = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    d = dates[placed(dates)]
    last = d["end_date"].fillna(d["start_date"])
    return d[(d["start_date"] <= end) & (last >= start)].reset_index(drop=True)


def _iso(day) -> str:
    t = pd.Timestamp(day)
    return f"{t.year:04d}-{t.month:02d}-{t.day:02d}"  # strftime drops leading zeros of year 1


def range_view(
    parsed,
    start,
    end,
    *,
    field: str = "published",
    lang: str = config.DEFAULT_LANG,
    top: int = config.DEFAULT_TOP_N,
    unit: str = "mentions",
    boilerplate: bool = False,
) -> View:
    """Published: the articles and actor frequency of those days. Mentioned: their timeline.
    Counts are of ``unit``, boilerplate and self-references left out unless ``boilerplate``."""

    # Isolated left to right, so the range reads the same inside an Arabic heading.
    day = f"\u2066{_iso(start)} … {_iso(end)}\u2069"
    if field == "published":
        sub = slice_published(parsed, start, end)
        counted_mentions = counted_rows(sub.mentions, boilerplate=boilerplate)
        ax = plot_actor_frequency(
            sub.mentions,
            articles=sub.articles,
            lang=lang,
            top=top,
            unit=unit,
            boilerplate=boilerplate,
        )
        best = top_actors(counted_mentions, top=top, by=unit, articles=sub.articles)
        n_stories = with_stories(sub.articles, sub.articles)["story_id"].nunique()
        title = (
            f"{day} — المقالات: {len(sub.articles):,} · القصص: {n_stories:,} · "
            f"الإشارات: {len(counted_mentions):,}"
            if lang == "ar"
            else f"{day}: {len(sub.articles):,} articles ({n_stories:,} stories), "
            f"{len(counted_mentions):,} mentions"
        )
        return View(title, [_close(ax.figure)], {"articles": sub.articles, "actors": best})
    if field != "mentioned":
        raise ValueError(f"field must be one of {FIELDS}, not {field!r}")
    dates = slice_mentioned(parsed.dates, start, end)
    ax = plot_timeline(
        dates,
        sentences=parsed.sentences,
        mentions=parsed.mentions,
        lang=lang,
        max_items=top,
        unit=unit,
        articles=parsed.articles,
        boilerplate=boilerplate,
    )
    table = actors_by_date(
        dates,
        parsed.mentions,
        lang=lang,
        unit=unit,
        articles=parsed.articles,
        boilerplate=boilerplate,
    )
    title = (
        f"{day} — التعبيرات الزمنية: {len(dates):,}"
        if lang == "ar"
        else f"{day}: {len(dates):,} dates"
    )

    shown = table.head(top).rename(columns=BY_DATE_COLUMNS_AR) if lang == "ar" else table.head(top)
    return View(
        title,
        [_close(ax.figure), rtl(shown, index=False)],
        {"dates": dates, "actors_by_date": table},
    )


# The mentioned-range view's table headers in an Arabic notebook.
BY_DATE_COLUMNS_AR = {
    "start": "البداية",
    "end": "النهاية",
    "value": "القيمة",
    "occurrences": "المرات",
    "n_actors": "عدد الفاعلين",
    "actors": "الفاعلون",
}


def date_bounds(parsed, *, field: str = "published") -> tuple[pd.Timestamp, pd.Timestamp]:
    """(first, last) day a date picker allows: the publication range, widened for mentioned
    dates to their central 98% (never to year 1 or 2100 for one outlier)."""
    days = date_options(parsed, field="published")
    if field == "mentioned":
        starts = pd.Series(date_options(parsed, field="mentioned"), dtype="datetime64[s]")
        if len(starts):
            lo, hi = starts.quantile(list(PLAUSIBLE_QUANTILES)).dt.normalize()
            days = [*days, lo, hi]
    if not days:
        return pd.NaT, pd.NaT
    return min(days), max(days)


def date_range_slider(
    parsed,
    *,
    field: str = "published",
    lang: str = config.DEFAULT_LANG,
    top: int = config.DEFAULT_TOP_N,
    interactive: bool | None = None,
    unit: str = "mentions",
    boilerplate: bool = False,
):
    """Two date inputs (from, to) over publication days (or mentioned dates) redrawing
    :func:`range_view`; bounded by :func:`date_bounds`, starting at the publication range.

    Returns the widget box, or without a widget front end the static view of that range.
    """
    lo, hi = date_bounds(parsed, field=field)
    if pd.isna(lo):
        what = "publication dates" if field == "published" else "resolved dates"
        return View("لا توجد تواريخ" if lang == "ar" else f"no {what}")
    import ipywidgets as widgets

    published = date_options(parsed, field="published")
    first, last = (published[0], published[-1]) if published else (lo, hi)
    ar = lang == "ar"
    # The browser's date input does not show the bounds (the widget clamps to them): a tooltip
    # tells the reader (and tools/check_browser.py) which days can be picked.
    bounds = {"min": lo.date(), "max": hi.date(), "tooltip": f"{_iso(lo)} … {_iso(hi)}"}
    start = widgets.DatePicker(value=first.date(), description="من" if ar else "from", **bounds)
    end = widgets.DatePicker(value=last.date(), description="إلى" if ar else "to", **bounds)

    def render(value: tuple) -> View:
        a, b = (
            pd.Timestamp(v) if v is not None else d for v, d in zip(value, (lo, hi), strict=True)
        )
        return range_view(
            parsed,
            min(a, b),
            max(a, b),
            field=field,
            lang=lang,
            top=top,
            unit=unit,
            boilerplate=boilerplate,
        )

    return _widget(
        end,
        render,
        interactive=interactive,
        value=lambda: (start.value, end.value),
        header=(start,),
        watch=(start,),
    )


# -- tables ----------------------------------------------------------------------------------


def _modes(df: pd.DataFrame, col: str) -> pd.Series:
    """Per actor_id, the most frequent non-empty ``col`` (ties: alphabetical); vectorised."""
    s = df.loc[df[col].fillna("") != "", ["actor_id", col]]
    c = s.groupby(["actor_id", col], sort=False).size().rename("n").reset_index()
    c = c.sort_values(["actor_id", "n", col], ascending=[True, False, True])
    return c.drop_duplicates("actor_id").set_index("actor_id")[col]


def people_table(
    mentions: pd.DataFrame,
    actors: pd.DataFrame,
    *,
    lang: str = config.DEFAULT_LANG,
    unit: str = "mentions",
    articles: pd.DataFrame | None = None,
    boilerplate: bool = False,
) -> pd.DataFrame:
    """People with their most frequent role, country and affiliation, with their mentions,
    articles (``docs``) and stories (needs ``articles``; else one per article), sorted by
    ``unit``; boilerplate and self-references left out unless ``boilerplate``."""
    cols = ["actor_id", "name", "role", "country", "affiliation", "mentions", "docs", "stories"]
    mentions = counted_rows(mentions, boilerplate=boilerplate)
    p = mentions[(mentions["type"] == "person") & (mentions["actor_id"].fillna("") != "")]
    if p.empty:
        return pd.DataFrame(columns=cols)
    known = pd.concat(
        [
            actors[["actor_id", "name_ar", "name_en", "type", "iso3"]],
            mentions[["actor_id", "name_ar", "name_en", "type", "iso3"]],
        ]
    ).drop_duplicates("actor_id")
    name_of = {r["actor_id"]: display_name(r, lang) for r in known.to_dict("records")}

    # Country names from the gazetteer (CLDR), so a country never mentioned still has one.
    country_of = {iso3: ar if lang == "ar" else en for iso3, (ar, en, _) in country_names().items()}
    p = with_stories(p, articles) if articles is not None else p.assign(story_id=p["doc_id"])
    g = p.groupby("actor_id", sort=False)
    out = pd.DataFrame(
        {"mentions": g.size(), "docs": g["doc_id"].nunique(), "stories": g["story_id"].nunique()}
    )
    for col in ("role", "iso3", "affiliation"):
        out[col] = _modes(p, col).reindex(out.index).fillna("")
    out = out.reset_index()
    out["name"] = out["actor_id"].map(name_of)
    out["country"] = [country_of.get(i, i) for i in out["iso3"]]
    out["affiliation"] = [name_of.get(a, a) for a in out["affiliation"]]
    first = {"mentions": "mentions", "articles": "docs", "stories": "stories"}[check_unit(unit)]
    order = [first, *[c for c in ("mentions", "docs") if c != first], "actor_id"]
    out = out.sort_values(order, ascending=[False] * (len(order) - 1) + [True])
    return out[cols].reset_index(drop=True)


def actors_by_date(
    dates: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    lang: str = config.DEFAULT_LANG,
    max_actors: int = 5,
    unit: str = "mentions",
    articles: pd.DataFrame | None = None,
    boilerplate: bool = False,
) -> pd.DataFrame:
    """Per resolved date: how often it is mentioned (``occurrences``, or the articles or stories
    (needs ``articles``) mentioning it, by ``unit``) and the actors in its sentences (most
    first); boilerplate and self-references left out unless ``boilerplate``."""
    cols = ["start", "end", "value", "occurrences", "n_actors", "actors"]
    dates = counted_rows(dates, boilerplate=boilerplate)
    d = dates[placed(dates)]
    if d.empty:
        return pd.DataFrame(columns=cols)
    d = d.assign(end_date=d["end_date"].fillna(d["start_date"]))
    if unit == "stories":
        d = with_stories(d, articles)
    keys = ["start_date", "end_date", "value"]
    occ = count_units(d, keys, unit).rename("occurrences")
    mentions = counted_rows(mentions, boilerplate=boilerplate)
    m = mentions[mentions["actor_id"].fillna("") != ""]
    names = {
        r["actor_id"]: display_name(r, lang)
        for r in m.drop_duplicates("actor_id").to_dict("records")
    }
    pairs = d[[*keys, "doc_id", "sent_id"]].merge(
        m[["doc_id", "sent_id", "actor_id"]], on=["doc_id", "sent_id"]
    )
    per = pairs.groupby([*keys, "actor_id"], sort=False).size().rename("n").reset_index()
    per = per.sort_values([*keys, "n", "actor_id"], ascending=[True, True, True, False, True])
    sep = "، " if lang == "ar" else ", "
    listed = per.groupby(keys, sort=False).agg(
        n_actors=("actor_id", "size"),
        actors=("actor_id", lambda ids: sep.join(names[i] for i in list(ids)[:max_actors])),
    )
    out = occ.to_frame().join(listed, how="left").reset_index()
    out["n_actors"] = out["n_actors"].fillna(0).astype("int64")
    out["actors"] = out["actors"].fillna("")
    out = out.rename(columns={"start_date": "start", "end_date": "end"})
    return out.sort_values(["start", "end", "value"], ignore_index=True)[cols]


def publication_days(articles: pd.DataFrame) -> int:
    """Number of distinct publication days (a trend needs at least two)."""
    return int(articles["published"].dropna().dt.normalize().nunique())


def richest_article(dates: pd.DataFrame) -> str:
    """The article with the most dates placed in time (ties: the first doc_id), or ""."""
    counts = dates[placed(dates)].groupby("doc_id").size()
    if counts.empty:
        return ""
    return str(counts[counts == counts.max()].sort_index().index[0])


# -- word-cloud grid -------------------------------------------------------------------------


def pick_articles(articles: pd.DataFrame, *, n: int = 6) -> list[str]:
    """The ``n`` longest articles (most text, so the fullest clouds), longest first."""
    order = articles.sort_values(["n_chars", "doc_id"], ascending=[False, True])
    return list(order["doc_id"].head(n))


def article_clouds(
    articles: pd.DataFrame,
    doc_ids: list[str],
    *,
    lang: str = config.DEFAULT_LANG,
    ncols: int = 3,
    method: str = "freq",
    sentences: pd.DataFrame | None = None,
    boilerplate: bool = False,
):
    """Small multiples: one word cloud per article in ``doc_ids``, ``ncols`` per row; with
    ``sentences``, boilerplate sentences left out unless ``boilerplate``."""
    import matplotlib.pyplot as plt

    n = max(1, len(doc_ids))
    ncols = min(ncols, n)
    nrows = -(-n // ncols)
    fig, axs = plt.subplots(
        nrows, ncols, figsize=(4.2 * ncols, 2.9 * nrows), layout="constrained", squeeze=False
    )
    for ax, doc_id in zip(axs.flat, doc_ids, strict=False):
        plot_article_wordcloud(
            articles,
            doc_id,
            ax=ax,
            lang=lang,
            method=method,
            sentences=sentences,
            boilerplate=boilerplate,
            width=520,
            height=340,
            max_words=60,
        )
        ax.title.set_fontsize(9)
    for ax in list(axs.flat)[len(doc_ids) :]:
        ax.set_axis_off()
    return fig
