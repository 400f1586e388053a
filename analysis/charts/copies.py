"""Wire copies: how many articles are copies of another, who printed a story first, and which
papers carry the same stories (issue 15's provenance views, over ``articles.story_id``).

An article is the **original** of its story when it is the story's earliest member (the story id
is made from that member's doc_id, :func:`analysis.stories.story_id`); every other member is a
**copy**. A story of one article has no copies.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from .. import config, render
from ..stories import story_id
from ._common import UNITS, axes, check_lang, finish, no_data, story_map, tr

UNKNOWN_SOURCE = "(unknown)"


def story_members(articles: pd.DataFrame) -> pd.DataFrame:
    """Per article: doc_id, source, day, story_id, n_articles (of its story), copy (not the
    story's earliest member)."""
    story = articles["doc_id"].map(story_map(articles))
    size = story.map(story.value_counts())
    original = [story_id(d) == s for d, s in zip(articles["doc_id"], story, strict=True)]
    return pd.DataFrame(
        {
            "doc_id": articles["doc_id"].to_numpy(),
            "source": articles["source"].fillna("").replace("", UNKNOWN_SOURCE).to_numpy(),
            "day": articles["published"].dt.normalize().to_numpy(),
            "story_id": story.to_numpy(),
            "n_articles": size.astype("int64").to_numpy(),
            "copy": ~np.asarray(original, dtype=bool) & (size.to_numpy() > 1),
        }
    )


def story_summary(articles: pd.DataFrame) -> pd.DataFrame:
    """One row of figures: articles, stories, stories of several articles, articles in them and
    their share, copies (articles that are not their story's first) and their share."""
    m = story_members(articles)
    multi = m["n_articles"] > 1
    n = len(m)
    return pd.DataFrame(
        [
            {
                "articles": n,
                "stories": m["story_id"].nunique(),
                "multi_article_stories": m.loc[multi, "story_id"].nunique(),
                "articles_in_multi_article_stories": int(multi.sum()),
                "share_in_multi_article_stories": multi.mean() if n else 0.0,
                "copies": int(m["copy"].sum()),
                "share_copies": m["copy"].mean() if n else 0.0,
            }
        ]
    )


def copies_by(articles: pd.DataFrame, *, by: str = "source") -> pd.DataFrame:
    """Per source (``by="source"``) or publication day (``"day"``): articles, articles in
    multi-article stories, copies and the share of copies; most articles (or earliest day) first."""
    if by not in ("source", "day"):
        raise ValueError(f"by must be 'source' or 'day', not {by!r}")
    m = story_members(articles)
    if by == "day":
        m = m.dropna(subset=["day"])
    m = m.assign(multi=m["n_articles"] > 1)
    g = m.groupby(by)
    out = pd.DataFrame(
        {
            "articles": g.size(),
            "in_multi_article_stories": g["multi"].sum().astype("int64"),
            "copies": g["copy"].sum().astype("int64"),
        }
    )
    out["share_copies"] = out["copies"] / out["articles"]
    out = out.reset_index()
    if by == "source":
        return out.sort_values(["articles", "source"], ascending=[False, True], ignore_index=True)
    return out.sort_values("day", ignore_index=True)


def story_table(articles: pd.DataFrame, *, top: int = config.DEFAULT_TOP_N) -> pd.DataFrame:
    """The ``top`` largest stories: first paper and time (its earliest member), the papers that
    copied it (with their number of copies), articles, papers and the first member's title."""
    cols = ["story_id", "n_articles", "n_sources", "first_source", "first_published"]
    cols += ["copied_by", "title", "first_doc_id"]
    m = story_members(articles).assign(
        published=articles["published"].to_numpy(), title=articles["title"].to_numpy()
    )
    m = m[m["n_articles"] > 1]
    if m.empty:
        return pd.DataFrame(columns=cols)
    first = m[~m["copy"]].set_index("story_id")
    copies = m[m["copy"]].groupby(["story_id", "source"]).size().rename("n").reset_index()
    copies = copies.sort_values(["story_id", "n", "source"], ascending=[True, False, True])
    copies["label"] = [
        f"{s} ×{n}" if n > 1 else s for s, n in zip(copies["source"], copies["n"], strict=True)
    ]
    copied_by = copies.groupby("story_id", sort=False)["label"].agg(", ".join)
    g = m.groupby("story_id")
    out = pd.DataFrame({"n_articles": g.size(), "n_sources": g["source"].nunique()})
    out["first_source"] = first["source"].reindex(out.index)
    out["first_published"] = first["published"].reindex(out.index)
    out["first_doc_id"] = first["doc_id"].reindex(out.index)
    out["title"] = first["title"].reindex(out.index)
    out["copied_by"] = copied_by.reindex(out.index).fillna("")
    out = out.reset_index().sort_values(
        ["n_articles", "n_sources", "story_id"], ascending=[False, False, True]
    )
    return out[cols].head(top).reset_index(drop=True)


def shared_stories(articles: pd.DataFrame) -> pd.DataFrame:
    """Source x source: the number of stories both papers printed (the diagonal: a paper's
    stories printed by at least one other paper too)."""
    m = story_members(articles)[["story_id", "source"]].drop_duplicates()
    m = m[m.groupby("story_id")["source"].transform("size") > 1]
    if m.empty:
        return pd.DataFrame()
    pairs = m.merge(m, on="story_id", suffixes=("", "_2"))
    table = pd.crosstab(pairs["source"], pairs["source_2"])
    order = table.to_numpy().diagonal().argsort(kind="stable")[::-1]
    table = table.iloc[order, order]
    table.index.name, table.columns.name = "source", "source"
    return table


def plot_shared_stories(
    articles: pd.DataFrame,
    *,
    ax: Axes | None = None,
    lang: str = config.DEFAULT_LANG,
    top: int = config.DEFAULT_TOP_N,
) -> Axes:
    """Heatmap of :func:`shared_stories` for the ``top`` papers (most shared stories first)."""
    check_lang(lang)
    table = shared_stories(articles)
    n = min(top, len(table))
    ax = axes(ax, figsize=(max(6.0, 0.55 * n + 3), max(5.0, 0.5 * n + 2)))
    if table.empty:
        return no_data(ax, lang, what=tr("لا قصص مشتركة", "no shared stories", lang))
    table = table.iloc[:n, :n]
    values = table.to_numpy(dtype=float)
    off = values.copy()
    np.fill_diagonal(off, np.nan)
    vmax = np.nanmax(off) if np.isfinite(off).any() else values.max()
    im = ax.imshow(values, cmap="Blues", vmin=0, vmax=max(1.0, vmax))
    names = render.labels(table.index)
    ax.set_xticks(range(n), labels=names, rotation=45, ha="right")
    ax.set_yticks(range(n), labels=names)
    for i in range(n):
        for j in range(n):
            v = int(values[i, j])
            if v:
                dark = values[i, j] > 0.6 * vmax
                ax.text(
                    j, i, f"{v:,}", ha="center", va="center", fontsize=7,
                    color="white" if dark else "0.2",
                )  # fmt: skip
    ax.figure.colorbar(im, ax=ax, label=tr(*UNITS["stories"], lang), fraction=0.04, pad=0.02)
    return finish(
        ax,
        title=tr(
            "الصحف التي تنشر القصص نفسها (عدد القصص المشتركة)",
            "Papers printing the same stories (stories shared)",
            lang,
        ),
        xlabel=tr("المصدر", "source", lang),
        ylabel=tr("المصدر", "source", lang),
        data=table.reset_index(),
    )
