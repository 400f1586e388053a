"""Every chart of a parsed corpus, exported in one call (used by ``make run`` and notebooks)."""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes

from .. import config
from ..export import export_figure, export_table
from ..pipeline import Parsed
from ._common import counted_rows
from .actors import (
    plot_actor_frequency,
    plot_actor_frequency_over_time,
    plot_cooccurrence,
    top_actors,
)
from .kwic import kwic
from .quotes import plot_speaker_mentions, plot_speakers_over_time, plot_top_speakers
from .timeline import plot_timeline
from .words import plot_actor_wordcloud, plot_article_wordcloud


def chart_builders(
    parsed,
    *,
    lang: str = config.DEFAULT_LANG,
    top: int = config.DEFAULT_TOP_N,
    unit: str = "mentions",
    boilerplate: bool = False,
) -> dict[str, Callable[[], Axes]]:
    """The standard charts of ``parsed`` by export name, each a call that draws a new figure,
    counting ``unit`` (actors over time: articles for "mentions", a share of the day's articles)
    and leaving out boilerplate and self-references unless ``boilerplate``."""
    arts = parsed.articles
    common = {"lang": lang, "unit": unit, "boilerplate": boilerplate}
    over_time = "articles" if unit == "mentions" else unit
    charts: dict[str, Callable[[], Axes]] = {
        "actor-frequency": lambda: plot_actor_frequency(
            parsed.mentions, articles=arts, top=top, **common
        ),
        "actors-over-time": lambda: plot_actor_frequency_over_time(
            parsed.mentions, arts, top=top, **{**common, "unit": over_time}
        ),
        "timeline": lambda: plot_timeline(
            parsed.dates,
            sentences=parsed.sentences,
            mentions=parsed.mentions,
            articles=arts,
            **common,
        ),
        "cooccurrence": lambda: plot_cooccurrence(
            parsed.mentions, articles=arts, top=top, **common
        ),
        "wordcloud": lambda: plot_article_wordcloud(
            arts, sentences=parsed.sentences, mentions=parsed.mentions, **common
        ),
    }
    if getattr(parsed, "quotes", None) is not None:
        q, acts = parsed.quotes, getattr(parsed, "actors", None)
        charts["speakers"] = lambda: plot_top_speakers(q, arts, actors=acts, lang=lang, top=top)
        charts["speakers-over-time"] = lambda: plot_speakers_over_time(
            q, arts, actors=acts, lang=lang, top=top
        )
        charts["speaker-mentions"] = lambda: plot_speaker_mentions(
            q, parsed.mentions, arts, actors=acts, lang=lang, top=top
        )
    best = top_actors(counted_rows(parsed.mentions, boilerplate=boilerplate), top=1)
    if len(best):
        actor_id = best["actor_id"].iloc[0]
        charts["wordcloud-actor"] = lambda: plot_actor_wordcloud(
            parsed.mentions, parsed.sentences, arts, actor_id, **common
        )
    return charts


def export_charts(
    parsed,
    *,
    out: str | Path | None = None,
    lang: str = config.DEFAULT_LANG,
    top: int = config.DEFAULT_TOP_N,
    formats: tuple[str, ...] = ("png", "svg", "pdf"),
    unit: str = "mentions",
    boilerplate: bool = False,
) -> dict[str, list[Path]]:
    """Export actor-frequency, actors-over-time, timeline, cooccurrence, wordcloud,
    wordcloud-actor (the top actor), speakers, speakers-over-time and speaker-mentions (when
    ``parsed`` has quotes) and kwic (the top actor, CSV) for ``parsed``."""
    written: dict[str, list[Path]] = {}
    builders = chart_builders(parsed, lang=lang, top=top, unit=unit, boilerplate=boilerplate)
    for name, draw in builders.items():
        ax = draw()
        written[name] = export_figure(ax.figure, name, formats=formats, out=out)
        plt.close(ax.figure)
    best = top_actors(counted_rows(parsed.mentions, boilerplate=boilerplate), top=1)
    table = (
        kwic(
            parsed.mentions,
            parsed.articles,
            best["actor_id"].iloc[0],
            limit=None,
            unit=unit,
            boilerplate=boilerplate,
        )
        if len(best)
        else pd.DataFrame()
    )
    written["kwic"] = [export_table(table, "kwic", out=out)]
    return written


def time_charts(parsed, *, repeat: int = 5, **kwargs) -> pd.DataFrame:
    """Seconds to build and draw (Agg) each chart, ``repeat`` times: median, min and max."""
    rows = []
    for name, draw in chart_builders(parsed, **kwargs).items():
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            ax = draw()
            ax.figure.canvas.draw()
            times.append(time.perf_counter() - t0)
            plt.close(ax.figure)
        rows.append(
            {
                "chart": name,
                "median_s": statistics.median(times),
                "min_s": min(times),
                "max_s": max(times),
            }
        )
    return pd.DataFrame(rows)


def add_arguments(ap: argparse.ArgumentParser) -> None:
    """Options of ``python -m analysis charts PARSED_DIR [--out DIR] [--lang en] [--bench N]``."""
    ap.add_argument("parsed", help="folder written by `python -m analysis parse`")
    ap.add_argument("--out", default=None, help="figures folder (default: exports/figures)")
    ap.add_argument("--lang", default=config.DEFAULT_LANG, choices=("ar", "en"))
    ap.add_argument("--top", type=int, default=config.DEFAULT_TOP_N)
    ap.add_argument("--unit", default="mentions", choices=("mentions", "articles", "stories"))
    ap.add_argument(
        "--keep-boilerplate", action="store_true", help="count boilerplate and self-references"
    )
    ap.add_argument("--bench", type=int, default=0, help="time each chart N times, export nothing")
    ap.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Export (or time) every chart of a parsed store."""
    parsed = Parsed.load(config.resolve(args.parsed))
    if args.bench:
        print(parsed)
        table = time_charts(
            parsed,
            repeat=args.bench,
            lang=args.lang,
            top=args.top,
            unit=args.unit,
            boilerplate=args.keep_boilerplate,
        )
        print(table.to_string(index=False, float_format=lambda v: f"{v:.2f}"))
        return 0
    t0 = time.perf_counter()
    written = export_charts(
        parsed,
        out=args.out,
        lang=args.lang,
        top=args.top,
        unit=args.unit,
        boilerplate=args.keep_boilerplate,
    )
    for name, paths in written.items():
        sizes = ", ".join(f"{p.name} ({p.stat().st_size / 1024:.0f} KiB)" for p in paths)
        print(f"{name:<18} {sizes}")
    print(f"exported in {time.perf_counter() - t0:.1f}s")
    return 0
