"""Tables over the ``quotes`` frame for the notebook: who speaks most, what a speaker says, and
whom each speaker talks about. Pure functions of frames (see :mod:`analysis.schema`)."""

from __future__ import annotations

import pandas as pd

CONTEXT_CHARS = 120
UNITS = ("quote", "doc")


def _resolved(quotes: pd.DataFrame) -> pd.DataFrame:
    return quotes[quotes["speaker_actor_id"] != ""]


def top_speakers(quotes: pd.DataFrame, *, n: int = 20, unit: str = "quote") -> pd.DataFrame:
    """The ``n`` speakers quoted most: speaker_actor_id, speaker_name, speaker_type, n_quotes.

    ``unit="quote"`` counts quotes, ``"doc"`` counts a speaker once per document (the lead's stories
    frame may add ``"story"`` later by mapping documents to stories first)."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}, not {unit!r}")
    df = _resolved(quotes)
    if unit == "doc":
        df = df.drop_duplicates(["speaker_actor_id", "doc_id"])
    names = df.groupby("speaker_actor_id")[["speaker_name", "speaker_type"]].agg(
        lambda s: s.mode().iloc[0]
    )
    counts = df.groupby("speaker_actor_id").size().rename("n_quotes")
    out = names.join(counts).reset_index()
    out = out.sort_values(["n_quotes", "speaker_actor_id"], ascending=[False, True])
    return out.head(n).reset_index(drop=True)


def speaker_quotes(
    quotes: pd.DataFrame, articles: pd.DataFrame, actor_id: str, *, context: int = CONTEXT_CHARS
) -> pd.DataFrame:
    """Every quote of one speaker, with its article's title and date and the text around it."""
    q = quotes[quotes["speaker_actor_id"] == actor_id]
    art = articles[["doc_id", "title", "published", "text"]]
    df = q.merge(art, on="doc_id", how="left")
    # A quote may come before its cue («...» قال فلان): the context spans both.
    first = df[["cue_start", "content_start"]].min(axis=1)
    last = df[["cue_end", "content_end"]].max(axis=1)
    df["context"] = [
        text[max(0, int(c0) - context) : int(c1) + context] if isinstance(text, str) else ""
        for text, c0, c1 in zip(df["text"], first, last, strict=True)
    ]
    cols = ["doc_id", "published", "title", "kind", "cue", "content", "context"]
    return df[cols].sort_values(["published", "doc_id"], kind="stable").reset_index(drop=True)


def speaker_mentions(quotes: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Who talks about whom: per speaker and actor mentioned inside their quotes, how many quotes."""
    q = _resolved(quotes)[
        ["doc_id", "quote_id", "speaker_actor_id", "speaker_name", "content_start", "content_end"]
    ]
    m = mentions[["doc_id", "start", "end", "actor_id", "name_ar", "type"]]
    pairs = q.merge(m, on="doc_id")
    inside = (pairs["start"] >= pairs["content_start"]) & (pairs["end"] <= pairs["content_end"])
    pairs = pairs[inside & (pairs["actor_id"] != pairs["speaker_actor_id"])]
    pairs = pairs.drop_duplicates(["doc_id", "quote_id", "actor_id"])
    keys = ["speaker_actor_id", "speaker_name", "actor_id", "name_ar", "type"]
    out = pairs.groupby(keys).size().rename("n").reset_index()
    return out.sort_values(
        ["n", "speaker_actor_id", "actor_id"], ascending=[False, True, True]
    ).reset_index(drop=True)
