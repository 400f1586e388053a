"""Corpus-level steps: the whole corpus's frames in, frames out, once every document is parsed.

In order: :func:`~analysis.boilerplate.boilerplate` (lines a source repeats flagged),
:func:`~analysis.media.media_step` (papers named as sources, an article's own paper),
:func:`~analysis.actors.identity.identity` (one entity, one id), :func:`~analysis.stories.stories`
(wire copies), :func:`~analysis.overrides.apply_overrides` (the user's corrections); then the actors
table is counted once, at the end, from the mentions the charts count (no boilerplate, no
self-references): the steps are asked not to count it on the way (``actors=False``), as no step reads
it. Each step is a pure function of frames, so the same corpus gives the same frames whatever the engine, the
batches or the cache.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pandas as pd

from . import schema
from .actors.identity import identity
from .boilerplate import boilerplate, recount_actors
from .media import media_step
from .overrides import apply_overrides
from .stories import stories

Frames = dict[str, pd.DataFrame]
STEPS: tuple[tuple[str, Callable[[Frames], Frames]], ...] = (
    ("boilerplate", partial(boilerplate, actors=False)),
    ("media", partial(media_step, actors=False)),
    ("identity", partial(identity, actors=False)),
    ("stories", stories),
)


def corpus_steps(
    frames: Frames, *, overrides: str | Path | None = None, timings: dict[str, float] | None = None
) -> Frames:
    """Every frame after the corpus-level steps; ``timings`` (if given) gets seconds per step."""
    out = dict(frames)
    steps = (*STEPS, ("overrides", partial(apply_overrides, path=overrides, actors=False)))
    for name, step in steps:
        t0 = time.perf_counter()
        out |= step(out)
        if timings is not None:
            timings[name] = time.perf_counter() - t0
    out["actors"] = recount_actors(out["mentions"])
    # The steps' own problems (overrides rows) join the others in the one canonical order.
    out["errors"] = schema.canonical_order(out["errors"], "errors", out["articles"]["doc_id"])
    out["quotes"] = _follow_mentions(out["quotes"], out["mentions"], out["actors"])
    return out


def _follow_mentions(
    quotes: pd.DataFrame, mentions: pd.DataFrame, actors: pd.DataFrame
) -> pd.DataFrame:
    """Quotes whose speaker and outlet are the actor of the mention at their span now (after
    media, identity and overrides): its id, and the actor's Arabic name and type; no actor when
    none is left."""
    out = quotes.copy()
    names = dict(zip(actors["actor_id"], actors["name_ar"], strict=True))
    types = dict(zip(actors["actor_id"], actors["type"], strict=True))
    for role in ("speaker", "outlet"):
        found = _mention_at(quotes, mentions, f"{role}_start", f"{role}_end")
        named = found["actor_id"].notna()
        out[f"{role}_actor_id"] = found["actor_id"].where(named, "")
        ids = out.loc[named, f"{role}_actor_id"]
        out.loc[named, f"{role}_name"] = ids.map(names).fillna(found.loc[named, "name_ar"])
    out["speaker_type"] = out["speaker_actor_id"].map(types).fillna("")
    return schema.conform(out, "quotes")


def _mention_at(quotes: pd.DataFrame, mentions: pd.DataFrame, start: str, end: str) -> pd.DataFrame:
    """Per quote (same index), the mention overlapping ``[start, end)`` most (NaN when none); not an
    adjective (مسؤول يمني is no speech of Yemen's), as the quote extractor reads speakers."""
    q = quotes[["doc_id", start, end]].dropna().reset_index(names="_q")
    named = mentions[mentions["form"] != "adjective"]
    m = named[["doc_id", "start", "end", "actor_id", "name_ar", "type"]]
    pairs = q.merge(m, on="doc_id")
    lo = pairs[[start, "start"]].max(axis=1)
    hi = pairs[[end, "end"]].min(axis=1)
    pairs = pairs.assign(_overlap=hi - lo)
    pairs = pairs[pairs["_overlap"] > 0].sort_values(
        ["_q", "_overlap", "start"], ascending=[True, False, True]
    )
    best = pairs.drop_duplicates("_q").set_index("_q")[["actor_id", "name_ar", "type"]]
    return best.reindex(quotes.index)
