"""Actors: people, countries, organisations and places, resolved to canonical identities.

Placeholder until the extractor lands (issue 3): returns no mentions.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .. import schema


def extract_mentions(
    *, doc_id: str, text: str, sentences: list[dict], published: Any = None
) -> list[dict]:
    """Rows of the ``mentions`` frame for one document."""
    return []


def actors_frame(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per canonical actor, with mention and document counts."""
    if mentions.empty:
        return schema.empty("actors")
    g = mentions.groupby("actor_id", sort=False)
    out = g[["name_ar", "name_en", "type", "iso3"]].first()
    out["n_mentions"] = g.size()
    out["n_docs"] = g["doc_id"].nunique()
    out = out.reset_index().sort_values(["n_mentions", "actor_id"], ascending=[False, True])
    return schema.conform(out, "actors")
