"""Corpus-level steps: the whole corpus's frames in, frames out, once every document is parsed.

In order: :func:`~analysis.boilerplate.boilerplate` (lines a source repeats flagged),
:func:`~analysis.media.media_step` (papers named as sources, an article's own paper),
:func:`~analysis.actors.identity.identity` (one entity, one id), :func:`~analysis.stories.stories`
(wire copies), :func:`~analysis.overrides.apply_overrides` (the user's corrections); then the actors
table is counted from the mentions the charts count (no boilerplate, no self-references). Each step
is a pure function of frames, so the same corpus gives the same frames whatever the engine, the
batches or the cache.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from .actors.identity import identity
from .boilerplate import boilerplate, recount_actors
from .media import media_step
from .overrides import apply_overrides
from .stories import stories

Frames = dict[str, pd.DataFrame]
STEPS: tuple[tuple[str, Callable[[Frames], Frames]], ...] = (
    ("boilerplate", boilerplate),
    ("media", media_step),
    ("identity", identity),
    ("stories", stories),
)


def corpus_steps(
    frames: Frames, *, overrides: str | Path | None = None, timings: dict[str, float] | None = None
) -> Frames:
    """Every frame after the corpus-level steps; ``timings`` (if given) gets seconds per step."""
    out = dict(frames)
    steps = (*STEPS, ("overrides", lambda f: apply_overrides(f, path=overrides)))
    for name, step in steps:
        t0 = time.perf_counter()
        out |= step(out)
        if timings is not None:
            timings[name] = time.perf_counter() - t0
    out["actors"] = recount_actors(out["mentions"])
    out["quotes"] = _speakers_merged(out["quotes"], out["mentions"])
    return out


def _speakers_merged(quotes: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Quotes whose speaker and outlet ids follow the mentions' merged ids (identity, overrides)."""
    pairs = mentions[["local_actor_id", "actor_id"]]
    pairs = pairs[(pairs["local_actor_id"] != "") & (pairs["local_actor_id"] != pairs["actor_id"])]
    if quotes.empty or pairs.empty:
        return quotes
    merged = dict(pairs.drop_duplicates("local_actor_id").itertuples(index=False))
    return quotes.assign(
        speaker_actor_id=quotes["speaker_actor_id"].replace(merged),
        outlet_actor_id=quotes["outlet_actor_id"].replace(merged),
    )
