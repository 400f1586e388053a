"""Timeline of the dates a corpus talks about: points for days, bars for longer periods.

Only resolved dates are plotted, each at the interval the dates extractor resolved it to;
unresolved relative expressions are listed beside the chart (never placed at a made-up
date), and durations and recurring sets, which are not points in time, are left out.

Spans from centuries to days stay readable with an ``asinh`` time axis: linear within about a
month of the centre of the data, logarithmic beyond, with calendar-aligned ticks.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime

import numpy as np
import pandas as pd
from matplotlib import dates as mdates
from matplotlib.axes import Axes

from .. import config, render
from ..export import attach_data
from ._common import (
    axes,
    check_lang,
    check_unit,
    count_ticks,
    count_units,
    counted_rows,
    date_axis,
    display_name,
    finish,
    kept_note,
    no_data,
    tr,
    unit_by,
    unit_label,
    with_stories,
)

NOT_PLOTTED = ("DURATION", "SET")
ASINH_DAYS = 30.0  # width of the linear core of the asinh axis
# Use the asinh axis when the data spans more than this and also holds short periods.
ASINH_MIN_SPAN_DAYS = 3 * 365
ASINH_SHORT_DAYS = 62
POINT_COLOR = "#C44E52"
BAR_COLOR = "#4C72B0"
ELLIPSIS = "…"
MAX_VALUE_CHARS = 24
MAX_LINE_CHARS = 64
MIN_TICK_GAP = 0.08  # fraction of the axis between two tick labels


# An Arabic label line opens with a right-to-left mark, and an ISO value ("2015-W30") sits
# between left-to-right marks: a Latin letter first would otherwise lay the whole line out
# left to right (names after their count), and a bare "2015-W30" in an Arabic line would flip.
# An English line opens with a left-to-right mark (its names may all be Arabic-only), and a mark
# of the line's direction before "×N" keeps the count after a name in the other script (an
# English line ending in an Arabic-only name drew "×21" before it).
RLM, LRM = "\u200f", "\u200e"


def _label_line(value: str, rest: str, times: str, lang: str) -> str:
    """``value``, ``rest`` (its actors) and ``times`` (" ×N") on one label line, in the chart's
    reading direction."""
    if lang == "ar":
        return f"{RLM}{LRM}{value}{LRM}{rest}{RLM}{times}"
    return f"{LRM}{value}{rest}{LRM}{times}"


def _shorten(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1].rstrip() + ELLIPSIS


def snippet(sentence: str, start: int, end: int, *, width: int = 48) -> str:
    """A short piece of ``sentence`` around ``sentence[start:end]`` (the date), words kept whole."""
    if not sentence:
        return ""
    n = len(sentence)
    start, end = max(0, start), min(n, max(start, end))
    room = max(0, width - (end - start)) // 2
    left, right = max(0, start - room), min(n, end + room)
    if left > 0:  # move to the next word start, never past the date
        space = sentence.find(" ", left, start)
        left = start if space < 0 else space + 1
    if right < n:  # back to the last word end, never into the date
        space = sentence.rfind(" ", end, right + 1)
        right = end if space < 0 else space
    out = " ".join(sentence[left:right].split())
    return (ELLIPSIS if left > 0 else "") + out + (ELLIPSIS if right < n else "")


def placed(dates: pd.DataFrame) -> pd.Series:
    """Which rows of ``dates`` are placed in time: resolved to a start date, and a point or a
    period (durations and recurring sets are not)."""
    return (
        dates["resolved"].astype(bool)
        & dates["start_date"].notna()
        & ~dates["type"].isin(NOT_PLOTTED)
    )


def timeline_items(
    dates: pd.DataFrame,
    *,
    sentences: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    lang: str = config.DEFAULT_LANG,
    max_items: int = 40,
    snippet_width: int = 48,
    unit: str = "mentions",
    articles: pd.DataFrame | None = None,
    boilerplate: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(plotted, unresolved): resolved date intervals grouped by value, and the unresolved rest.

    Each plotted row has start, end, value, granularity, count (occurrences, or the articles or
    stories (needs ``articles``) mentioning it, by ``unit``), snippet (of the first occurrence's
    sentence) and actors (up to three, most mentioned in those sentences). At most ``max_items``
    intervals are kept, the most counted first, then sorted by date. Boilerplate (datelines) and
    self-references are left out unless ``boilerplate``.
    """
    check_unit(unit)
    dates = counted_rows(dates, boilerplate=boilerplate)
    if mentions is not None:
        mentions = counted_rows(mentions, boilerplate=boilerplate)
    if unit == "stories":
        dates = with_stories(dates, articles)
    ok = placed(dates)
    # Unresolved times of day and the like are not dates: only DATE rows are listed.
    plotted_rows, unresolved_rows = dates[ok].copy(), dates[~ok & (dates["type"] == "DATE")]
    plotted_rows["end_date"] = plotted_rows["end_date"].fillna(plotted_rows["start_date"])
    unresolved_rows = unresolved_rows.assign(surface=unresolved_rows["surface"].str.strip())
    unresolved = (
        unresolved_rows.groupby("surface", sort=False)
        .agg(value=("value", "first"), relative=("relative", "any"))
        .assign(count=count_units(unresolved_rows, ["surface"], unit))
        .reset_index()[["surface", "count", "value", "relative"]]
        .sort_values(["count", "surface"], ascending=[False, True], ignore_index=True)
    )
    cols = [
        "start",
        "end",
        "value",
        "granularity",
        "count",
        "snippet",
        "actors",
        "doc_id",
        "sent_id",
    ]
    if plotted_rows.empty:
        return pd.DataFrame(columns=cols), unresolved
    # Pick the intervals first (most frequent), then build labels for those only.
    gkeys = ["start_date", "end_date", "value"]
    counts = count_units(plotted_rows, gkeys, unit).rename("count")
    chosen = counts.reset_index().sort_values(["count", "start_date"], ascending=[False, True])
    chosen = chosen.head(max_items)
    rows_of = plotted_rows.merge(chosen[gkeys], on=gkeys)
    sent_keys = set(zip(rows_of["doc_id"], rows_of["sent_id"], strict=True))
    sent_text: dict[tuple[str, int], tuple[int, str]] = {}
    if sentences is not None and len(sentences):
        s = sentences[
            [k in sent_keys for k in zip(sentences["doc_id"], sentences["sent_id"], strict=True)]
        ]
        sent_text = {
            (d, int(i)): (int(st), t)
            for d, i, st, t in s[["doc_id", "sent_id", "start", "text"]].itertuples(index=False)
        }
    actors_of: dict[tuple[str, int], list[str]] = defaultdict(list)
    if mentions is not None and len(mentions):
        m = mentions[
            [k in sent_keys for k in zip(mentions["doc_id"], mentions["sent_id"], strict=True)]
        ]
        named = ["doc_id", "sent_id", "actor_id", "name_ar", "name_en"]
        for r in m[named].to_dict("records"):
            actors_of[(r["doc_id"], int(r["sent_id"]))].append(display_name(r, lang))
    rows = []
    count_of = counts.to_dict()
    for (start, end, value), grp in rows_of.groupby(gkeys, sort=False, dropna=False):
        first = grp.iloc[0]
        key = (first["doc_id"], int(first["sent_id"]))
        sent_start, text = sent_text.get(key, (0, ""))
        names: Counter[str] = Counter()
        for k in zip(grp["doc_id"], grp["sent_id"].astype(int), strict=True):
            names.update(actors_of.get(k, []))
        top = sorted(names, key=lambda n: (-names[n], n))[:3]
        rows.append(
            {
                "start": start,
                "end": end,
                "value": value,
                "granularity": first["granularity"],
                "count": int(count_of[(start, end, value)]),
                "snippet": snippet(
                    text,
                    int(first["start"]) - sent_start,
                    int(first["end"]) - sent_start,
                    width=snippet_width,
                )
                or first["surface"],
                "actors": "، ".join(top) if lang == "ar" else ", ".join(top),
                "doc_id": key[0],
                "sent_id": key[1],
            }
        )
    items = pd.DataFrame(rows, columns=cols)
    items = items.sort_values(["count", "start"], ascending=[False, True]).head(max_items)
    return items.sort_values(["start", "end"], ignore_index=True), unresolved


def _asinh_scale(ax: Axes, centre: float) -> None:
    def fwd(x):
        return np.arcsinh((np.asarray(x, dtype=float) - centre) / ASINH_DAYS)

    def inv(y):
        return centre + ASINH_DAYS * np.sinh(np.asarray(y, dtype=float))

    ax.set_xscale("function", functions=(fwd, inv))


def _asinh_ticks(lo: float, hi: float, centre: float, n_max: int = 9) -> list[datetime]:
    """Calendar-aligned ticks spread evenly on the asinh axis between ``lo`` and ``hi``."""
    a, b = (np.arcsinh((v - centre) / ASINH_DAYS) for v in (lo, hi))
    ticks: list[datetime] = []
    last = a
    for g in np.linspace(a, b, n_max):
        x = centre + ASINH_DAYS * np.sinh(g)
        t = mdates.num2date(x).replace(tzinfo=None)
        dist = abs(x - centre)
        if dist > 3650:
            t = datetime(max(1, round(t.year / 10) * 10), 1, 1)
        elif dist > 365:
            t = datetime(t.year, 1, 1)
        elif dist > 45:
            t = datetime(t.year, t.month, 1)
        else:
            t = datetime(t.year, t.month, t.day)
        pos = np.arcsinh((mdates.date2num(t) - centre) / ASINH_DAYS)
        # Keep ticks apart on the drawn axis so their labels never collide.
        if not ticks or pos - last >= MIN_TICK_GAP * (b - a):
            ticks.append(t)
            last = pos
    return ticks


def _tick_label(t: datetime, dist_days: float) -> str:
    if t.month == 1 and t.day == 1 and dist_days > 365:
        return f"{t.year}"
    if t.day == 1 and dist_days > 45:
        return f"{t.year}-{t.month:02d}"
    return f"{t.year}-{t.month:02d}-{t.day:02d}"


def plot_timeline(
    dates: pd.DataFrame,
    *,
    sentences: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    ax: Axes | None = None,
    lang: str = config.DEFAULT_LANG,
    max_items: int = 40,
    scale: str = "auto",
    max_unresolved: int = 15,
    unit: str = "mentions",
    articles: pd.DataFrame | None = None,
    boilerplate: bool = False,
) -> Axes:
    """Resolved dates on a time axis, labelled with a snippet of their sentence and its actors.

    ``scale`` is "linear", "asinh" or "auto" (asinh when centuries and days meet). ``unit``
    ("mentions", "articles", "stories": needs ``articles``) is what ×N and the marker size count;
    boilerplate and self-references are left out unless ``boilerplate``.
    """
    check_lang(lang)
    items, unresolved = timeline_items(
        dates,
        sentences=sentences,
        mentions=mentions,
        lang=lang,
        max_items=max_items,
        unit=unit,
        articles=articles,
        boilerplate=boilerplate,
    )
    ax = axes(ax, figsize=(11, max(3.0, 0.55 * len(items) + 1.5)))
    if items.empty and unresolved.empty:
        return no_data(ax, lang)
    if not items.empty:
        start = mdates.date2num(items["start"].dt.to_pydatetime())
        # end_date is inclusive: a day covers [start, start + 1).
        end = mdates.date2num(items["end"].dt.to_pydatetime()) + 1
        y = np.arange(len(items))[::-1]
        is_point = (end - start) <= 1.0
        ax.barh(
            y[~is_point],
            (end - start)[~is_point],
            left=start[~is_point],
            height=0.5,
            color=BAR_COLOR,
            alpha=0.75,
        )
        # A marker at each end keeps even a short bar visible on a long axis.
        ax.plot(start[~is_point], y[~is_point], "|", color=BAR_COLOR, ms=10, mew=2)
        ax.plot(end[~is_point], y[~is_point], "|", color=BAR_COLOR, ms=10, mew=2)
        # Marker area grows with the number of mentions of that day.
        counts = items["count"].to_numpy(dtype=float)
        ax.scatter(
            start[is_point] + 0.5,
            y[is_point],
            s=20 + 180 * np.sqrt(counts[is_point] / counts.max()),
            color=POINT_COLOR,
            zorder=3,
        )
        lo, hi = float(start.min()), float(end.max())
        span = hi - lo
        short = bool(((end - start) <= ASINH_SHORT_DAYS).any())
        use_asinh = scale == "asinh" or (scale == "auto" and span > ASINH_MIN_SPAN_DAYS and short)
        if use_asinh:
            centre = float(np.median((start + end) / 2))
            _asinh_scale(ax, centre)
            pad = ASINH_DAYS * 0.5
            ax.set_xlim(lo - pad, hi + pad)
            ticks = _asinh_ticks(lo - pad, hi + pad, centre)
            nums = mdates.date2num(ticks)
            ax.set_xticks(
                nums,
                labels=[_tick_label(t, abs(n - centre)) for t, n in zip(ticks, nums, strict=True)],
                rotation=30,
                ha="right",
            )
        else:
            pad = max(1.0, span * 0.04)
            ax.set_xlim(lo - pad, hi + pad)
            date_axis(ax)
        labels = []
        for r in items.to_dict("records"):
            times = f" ×{r['count']}" if r["count"] > 1 else ""
            value = _shorten(r["value"], MAX_VALUE_CHARS)
            rest = f" · {r['actors']}" if r["actors"] else ""
            rest = _shorten(value + rest, MAX_LINE_CHARS)[len(value) :]
            second = _label_line(value, rest, times, lang)
            labels.append(render.label(r["snippet"]) + "\n" + render.label(second))
        ax.set_yticks(y, labels=labels, fontsize=9)
        ax.set_ylim(-0.7, len(items) - 0.3)
        ax.grid(axis="x", color="0.9")
        ax.spines[["top", "right"]].set_visible(False)
    else:
        ax.set_yticks([])
        ax.set_xticks([])
    if not unresolved.empty:
        head = tr("تعبيرات زمنية غير محددة (لم تُرسم):", "Unresolved (not plotted):", lang)
        lines = [
            render.label(f"{r['surface']}" + (f" ×{r['count']}" if r["count"] > 1 else ""))
            for r in unresolved.head(max_unresolved).to_dict("records")
        ]
        if len(unresolved) > max_unresolved:
            lines.append(render.label(f"+{len(unresolved) - max_unresolved}"))
        ax.text(
            1.02,
            1.0,
            "\n".join([head, *lines]),
            transform=ax.transAxes,
            va="top",
            ha="left",
            multialignment="right",
            fontsize=9,
            bbox={"boxstyle": "round,pad=0.4", "fc": "#f5f5f5", "ec": "0.8"},
        )
    ax.set_title(
        tr(
            "الخط الزمني للتواريخ المذكورة"
            f"\n×العدد وحجم النقطة {unit_by(unit, 'ar')}{kept_note(boilerplate, 'ar')}",
            "Timeline of the dates mentioned"
            f"\n×count and marker size {unit_by(unit, 'en')}{kept_note(boilerplate, 'en')}",
            lang,
        )
    )
    data = items.assign(
        kind=np.where((items["end"] - items["start"]).dt.days.fillna(0) < 1, "point", "bar")
        if len(items)
        else []
    )
    attach_data(
        ax,
        pd.concat(
            [
                data.assign(plotted=True),
                unresolved.rename(columns={"surface": "snippet"}).assign(plotted=False),
            ],
            ignore_index=True,
        ),
    )
    return ax


# --- Corpus scale: how much the news talks about each period, and looking back vs ahead ---

# Expression granularities from finest to coarsest; a bucket counts the expressions at least
# as fine as itself (a year-level "2014" says nothing about which month).
GRAIN_ORDER = (
    "minute",
    "hour",
    "day",
    "week",
    "month",
    "quarter",
    "half",
    "year",
    "decade",
    "century",
)
BUCKETS = {"day": "D", "month": "M", "year": "Y"}
BUCKET_NAMES = {"day": ("اليوم", "day"), "month": ("الشهر", "month"), "year": ("السنة", "year")}
# Buckets outside this quantile range of the mentioned dates are counted but not drawn (days
# tighter: a decade of scattered single days would hide the weeks the news is about).
PERIOD_QUANTILES = {"day": (0.05, 0.95), "month": (0.01, 0.99), "year": (0.01, 0.99)}
LOG_RATIO = 50  # a log count axis when the largest bar is this many times the median
# (upper bound in days, Arabic, English) of each distance class between publication and mention.
LOOK_CLASSES = (
    (7, "أسبوع أو أقل", "≤ 1 week"),
    (31, "أسبوع - شهر", "1 week - 1 month"),
    (366, "شهر - سنة", "1 month - 1 year"),
    (np.inf, "أكثر من سنة", "> 1 year"),
)
PAST_COLOR, NOW_COLOR, FUTURE_COLOR = "#4C72B0", "#55A868", "#DD8452"


def _finer_than(bucket: str) -> list[str]:
    grain = {"day": "day", "month": "month", "year": "year"}[bucket]
    return list(GRAIN_ORDER[: GRAIN_ORDER.index(grain) + 1])


def mentioned_periods(
    dates: pd.DataFrame,
    *,
    bucket: str = "month",
    unit: str = "mentions",
    articles: pd.DataFrame | None = None,
    boilerplate: bool = False,
) -> pd.DataFrame:
    """Mentions (or distinct articles, or stories: needs ``articles``) of each ``bucket`` ("day",
    "month", "year"), counting the resolved date expressions at least as fine as the bucket:
    period, count. Boilerplate (datelines) is left out unless ``boilerplate``."""
    if bucket not in BUCKETS:
        raise ValueError(f"bucket must be one of {tuple(BUCKETS)}, not {bucket!r}")
    check_unit(unit)
    dates = counted_rows(dates, boilerplate=boilerplate)
    d = dates[placed(dates) & dates["granularity"].isin(_finer_than(bucket))]
    if d.empty:
        return pd.DataFrame(columns=["period", "count"])
    d = d.assign(period=d["start_date"].dt.to_period(BUCKETS[bucket]).dt.start_time)
    if unit == "stories":
        d = with_stories(d, articles)
    return count_units(d, ["period"], unit).rename("count").reset_index()


def plot_mentioned_periods(
    dates: pd.DataFrame,
    *,
    bucket: str = "month",
    unit: str = "mentions",
    ax: Axes | None = None,
    lang: str = config.DEFAULT_LANG,
    articles: pd.DataFrame | None = None,
    boilerplate: bool = False,
) -> Axes:
    """Bars: how often the corpus mentions each day, month or year (``bucket``), counted by
    ``unit`` (see :func:`mentioned_periods`). The axis covers the central 98% of the counts (90%
    for days); the rest is counted in the title."""
    check_lang(lang)
    ax = axes(ax, figsize=(9, 3.8))
    data = mentioned_periods(
        dates, bucket=bucket, unit=unit, articles=articles, boilerplate=boilerplate
    )
    if data.empty:
        return no_data(ax, lang)
    weights = data["count"].to_numpy()
    order = np.argsort(data["period"].to_numpy())
    cum = np.cumsum(weights[order]) / weights.sum()
    periods = data["period"].to_numpy()[order]
    q_lo, q_hi = PERIOD_QUANTILES[bucket]
    lo = periods[np.searchsorted(cum, q_lo)]
    hi = periods[min(len(periods) - 1, np.searchsorted(cum, q_hi))]
    shown = data[(data["period"] >= lo) & (data["period"] <= hi)]
    hidden = int(data["count"].sum() - shown["count"].sum())
    x = mdates.date2num(shown["period"].dt.to_pydatetime())
    width = {"day": 0.8, "month": 25.0, "year": 300.0}[bucket]
    ax.bar(x, shown["count"], width=width, align="edge", color=BAR_COLOR)
    date_axis(ax, min_days={"day": 4.0, "month": 120.0, "year": 1500.0}[bucket])
    ylabel = unit_label(unit, lang)
    if shown["count"].max() > LOG_RATIO * shown["count"].median():
        # The present dwarfs the past: a log axis keeps the rest of the record visible.
        ax.set_yscale("log")
        ylabel += tr(" (مقياس لوغاريتمي)", " (log scale)", lang)
    count_ticks(ax, "y")
    more = (
        tr(f" — {hidden:,} خارج المدى المعروض", f" — {hidden:,} outside the range shown", lang)
        if hidden
        else ""
    )
    return finish(
        ax,
        title=tr(
            f"التواريخ المذكورة حسب {BUCKET_NAMES[bucket][0]}{more}"
            f"\n{unit_by(unit, 'ar')}{kept_note(boilerplate, 'ar')}",
            f"Dates mentioned, by {bucket}{more}\n{unit_by(unit, 'en')}{kept_note(boilerplate, 'en')}",
            lang,
        ),
        xlabel=tr(*BUCKET_NAMES[bucket], lang) + tr(" المذكور", " mentioned", lang),
        ylabel=ylabel,
        data=data,
    )


def lookback(
    dates: pd.DataFrame, articles: pd.DataFrame, *, boilerplate: bool = False
) -> pd.DataFrame:
    """Each placed date expression with its article's publication day: direction ("past",
    "current" when the mentioned interval holds the publication day, "future"), days away and
    the article's story. Boilerplate (datelines) is left out unless ``boilerplate``."""
    pub = with_stories(articles[["doc_id", "published"]].dropna(subset=["published"]), articles)
    d = counted_rows(dates, boilerplate=boilerplate)
    d = d[placed(d)].merge(pub, on="doc_id")
    if d.empty:
        return pd.DataFrame(columns=["doc_id", "story_id", "granularity", "direction", "days"])
    day = d["published"].dt.floor("D").astype("datetime64[s]")
    end = d["end_date"].fillna(d["start_date"]).astype("datetime64[s]")
    start = d["start_date"].astype("datetime64[s]")
    past = (day - end).dt.days
    ahead = (start - day).dt.days
    direction = np.select([past > 0, ahead > 0], ["past", "future"], "current")
    days = np.where(past > 0, past, np.where(ahead > 0, ahead, 0))
    return pd.DataFrame(
        {
            "doc_id": d["doc_id"],
            "story_id": d["story_id"],
            "granularity": d["granularity"],
            "direction": direction,
            "days": days,
        }
    )


def plot_lookback(
    dates: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    ax: Axes | None = None,
    lang: str = config.DEFAULT_LANG,
    unit: str = "mentions",
    boilerplate: bool = False,
) -> Axes:
    """Bars: how far back or ahead of its publication day an article's dates point, counted in
    mentions, or in the articles or stories with such a date (``unit``)."""
    check_lang(lang)
    check_unit(unit)
    ax = axes(ax, figsize=(9, 4.6))
    data = lookback(dates, articles, boilerplate=boilerplate)
    if data.empty:
        return no_data(ax, lang)
    bounds = np.array([b for b, _, _ in LOOK_CLASSES])
    data = data.assign(cls=np.searchsorted(bounds, data["days"].to_numpy(), side="left"))
    counts = count_units(data, ["direction", "cls"], unit).to_dict()
    rows = []
    for i, (_, ar, en) in list(enumerate(LOOK_CLASSES))[::-1]:
        n = int(counts.get(("past", i), 0))
        rows.append((tr(f"قبل: {ar}", f"past: {en}", lang), n, PAST_COLOR))
    now = int(count_units(data[data["direction"] == "current"], ["direction"], unit).sum())
    rows.append((tr("الفترة الجارية", "current period", lang), now, NOW_COLOR))
    for i, (_, ar, en) in enumerate(LOOK_CLASSES):
        n = int(counts.get(("future", i), 0))
        rows.append((tr(f"بعد: {ar}", f"ahead: {en}", lang), n, FUTURE_COLOR))
    y = np.arange(len(rows))[::-1]
    bars = ax.barh(y, [n for _, n, _ in rows], color=[c for _, _, c in rows], height=0.7)
    ax.bar_label(bars, labels=[f"{n:,}" for _, n, _ in rows], padding=3, fontsize=8)
    ax.set_yticks(y, labels=[label for label, _, _ in rows], fontsize=9)
    ax.margins(x=0.1)
    count_ticks(ax, "x")
    return finish(
        ax,
        title=tr(
            "التواريخ المذكورة مقارنة بتاريخ النشر"
            f"\n{unit_by(unit, 'ar')}{kept_note(boilerplate, 'ar')}",
            "Dates mentioned relative to the publication day"
            f"\n{unit_by(unit, 'en')}{kept_note(boilerplate, 'en')}",
            lang,
        ),
        xlabel=unit_label(unit, lang),
        ylabel="",
        data=pd.DataFrame([(label, n) for label, n, _ in rows], columns=["class", unit]),
    )
