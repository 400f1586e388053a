"""Keyword in context: every mention of an actor with the words around it, right to left."""

from __future__ import annotations

import pandas as pd

from .. import config, escape
from ._common import counted_rows, story_articles

COLUMNS_AR = {
    "before": "السياق السابق",
    "keyword": "الكلمة",
    "after": "السياق اللاحق",
    "doc_id": "المقالة",
}


def _clip(s: str, width: int, *, keep_end: bool) -> str:
    s = " ".join(s.split())
    if len(s) <= width:
        return s
    cut = s[-width:] if keep_end else s[:width]
    # Keep whole words: drop the cut one at the far edge.
    if " " in cut:
        cut = cut.split(" ", 1)[1] if keep_end else cut.rsplit(" ", 1)[0]
    return ("… " + cut) if keep_end else (cut + " …")


def kwic(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    actor_id: str,
    *,
    width: int = 50,
    limit: int | None = 50,
    unit: str = "mentions",
    boilerplate: bool = False,
) -> pd.DataFrame:
    """Mentions of ``actor_id`` with ``width`` characters of context (whole words) either side.

    ``unit="stories"`` collapses copies: only the mentions in one article per story (the
    longest). Mentions in boilerplate and self-references are left out unless ``boilerplate``.
    Columns: doc_id, start, end, before, keyword (the surface as written), after.
    """
    m = counted_rows(mentions, boilerplate=boilerplate)
    m = m[m["doc_id"].isin(set(story_articles(articles, unit=unit)["doc_id"]))]
    m = m[m["actor_id"] == actor_id].sort_values(["doc_id", "start"])
    if limit is not None:
        m = m.head(limit)
    text_of = dict(zip(articles["doc_id"], articles["text"], strict=True))
    rows = []
    for r in m.itertuples(index=False):
        text = text_of.get(r.doc_id, "")
        s, e = int(r.start), int(r.end)
        rows.append(
            {
                "doc_id": r.doc_id,
                "start": s,
                "end": e,
                "before": _clip(text[max(0, s - 2 * width) : s], width, keep_end=True),
                "keyword": text[s:e],
                "after": _clip(text[e : e + 2 * width], width, keep_end=False),
            }
        )
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "before", "keyword", "after"])


def kwic_table(table: pd.DataFrame, *, lang: str = config.DEFAULT_LANG):
    """A pandas Styler showing :func:`kwic` rows right to left, the keyword centred and bold.

    Every cell is corpus text, escaped for HTML (:func:`analysis.escape.styler`).

    In a right-to-left table the preceding context sits at the right, so it is aligned towards
    the keyword (left) and the following context towards it from the other side (right).
    """
    cols = ["before", "keyword", "after", "doc_id"]
    shown = table[cols].rename(columns=COLUMNS_AR) if lang == "ar" else table[cols]
    b, k, a = (COLUMNS_AR[c] for c in cols[:3]) if lang == "ar" else cols[:3]
    return (
        escape.styler(shown, attributes='dir="rtl"')
        .hide(axis="index")
        .set_table_styles(
            [
                {"selector": "", "props": "direction: rtl; border-collapse: collapse;"},
                {"selector": "th", "props": "text-align: center; padding: 2px 8px;"},
                {"selector": "td", "props": "padding: 2px 8px; unicode-bidi: plaintext;"},
            ]
        )
        .set_properties(subset=[b], **{"text-align": "left", "color": "#555"})
        .set_properties(subset=[k], **{"text-align": "center", "font-weight": "bold"})
        .set_properties(subset=[a], **{"text-align": "right", "color": "#555"})
    )
