"""Boilerplate: the lines a source repeats across many of its articles, found from the corpus itself.

A corpus-level step (``frames -> frames``, after the per-document parse). Footers («رابط الخبر بصحيفة
الوئام: ...»), share buttons, bylines and datelines on a line of their own («عين اليوم – الرياض»),
"write to the author" notes, credit lines («خدمة «نيويورك تايمز»») and tag lists are page furniture:
counting their actors puts the paper's own name among the top organisations.

A sentence of ``sentences`` is flagged ``boilerplate`` when, within its source (``articles.source``):

* **repeated** — its key (normalised letters, digits -> 0, URLs and e-mails -> one token, the
  article's own title -> one token, punctuation dropped) occurs in at least ``min_articles``
  articles and in at least ``min_share`` of the source's articles. A wire story printed twice or
  three times is not boilerplate: on the dev month (15,042 articles) sentences of news stories
  recur in at most 4 articles of a source, page furniture in 5 and more; hence 5;
* **footer** — it is the last sentence of its article and its first word opens the last sentence
  of at least ``footer_share`` of the source's articles (a label followed by variable text: «سمات»
  and a tag list);
* **continuation** — it directly follows a flagged sentence in the same paragraph and repeats part
  of the article's title (a footer quoting a headline the sentence splitter cut at "..").

Flags then reach ``mentions.boilerplate`` and ``dates.boilerplate`` through (doc_id, sent_id).
Nothing is dropped: :func:`counted` gives the rows the default views count (no boilerplate, no
self-reference); charts take it, with ``boilerplate=True`` as the one switch that keeps them.
``actors`` counts (``n_mentions``, ``n_docs``) are recomputed from the counted mentions; an actor
met only in boilerplate keeps its row with zero counts. :func:`boilerplate_summary` lists what was
flagged per source (notebook 01).

The result depends on the set of rows only, never on their order, the batch or the worker count.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import schema
from .actors import actors_frame

MIN_ARTICLES = 5
MIN_SHARE = 0.002
FOOTER_SHARE = 0.5
MAX_CHARS = 300
_TITLE_MIN_WORDS = 3

# RE2 patterns (pyarrow.compute): the key is computed for a whole frame at once, in C++.
_URL_RE = r"(?i)(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_MARKS_RE = r"[\p{M}\p{Cf}\x{0640}]"  # tashkeel, tatweel, invisible format characters
_FOLDS = (("[أإآٱ]", "ا"), ("ى", "ي"), ("ة", "ه"), (r"\p{Nd}+", "0"), (r"[^\p{L}\p{N}]+", " "))
_URL, _TITLE = " urlx ", "titlex"


def line_keys(texts: pd.Series, titles: pd.Series | None = None) -> pd.Series:
    """The comparison key of each line: letters folded as :func:`analysis.arabic.normalize`, digits
    as 0, links as one token, punctuation dropped; the line's article title (``titles``, aligned,
    already keys) as one token when it holds three words or more."""
    texts = texts.fillna("").astype(str)
    # Prose: boilerplate lines are short (the longest flagged on the dev month has 159 characters).
    texts = texts.where(texts.str.len() <= MAX_CHARS, "")
    arr = pa.array(texts.tolist(), type=pa.large_string())
    arr = pc.replace_substring_regex(pc.utf8_lower(arr), _URL_RE, _URL)
    arr = pc.replace_substring_regex(arr, _MARKS_RE, "")
    for pattern, repl in _FOLDS:
        arr = pc.replace_substring_regex(arr, pattern, repl)
    keys = pc.utf8_trim_whitespace(arr).to_pylist()
    if titles is not None:
        keys = [
            " ".join(k.replace(t, _TITLE).split())
            if t and t.count(" ") + 1 >= _TITLE_MIN_WORDS and t in k
            else k
            for k, t in zip(keys, titles.fillna("").astype(str), strict=True)
        ]
    return pd.Series(keys, index=texts.index, dtype=object)


def _title_keys(articles: pd.DataFrame) -> pd.Series:
    arts = articles.drop_duplicates("doc_id")
    return pd.Series(line_keys(arts["title"]).to_numpy(), index=arts["doc_id"])


def flag_sentences(
    sentences: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    min_articles: int = MIN_ARTICLES,
    min_share: float = MIN_SHARE,
    footer_share: float = FOOTER_SHARE,
) -> pd.DataFrame:
    """``sentences`` (same row order) with ``boilerplate`` set and a ``rule`` column saying why."""
    arts = articles.drop_duplicates("doc_id").set_index("doc_id")
    titles = _title_keys(articles)
    s = sentences.copy()
    s["source"] = s["doc_id"].map(arts["source"]).fillna("").astype(str)
    s["key"] = line_keys(s["text"], s["doc_id"].map(titles))
    n_source = arts["source"].fillna("").astype(str).value_counts()
    per_source = s["source"].map(n_source).astype("float64").fillna(0)
    floor = per_source.mul(min_share).clip(lower=min_articles)
    rule = pd.Series("", index=s.index, dtype=object)

    n_key = s.groupby(["source", "key"])["doc_id"].transform("nunique")
    rule[(s["key"] != "") & (n_key >= floor)] = "repeated"

    last = s["sent_id"] == s.groupby("doc_id")["sent_id"].transform("max")
    first_word = s["key"].str.split(" ", n=1).str[0].where(last, "")
    n_word = first_word.groupby([s["source"], first_word]).transform("size")
    footer_floor = per_source.mul(footer_share).clip(lower=min_articles)
    rule[(rule == "") & (first_word != "") & (n_word >= footer_floor)] = "footer"

    _continue(s, rule, titles)
    out = sentences.copy()
    out["boilerplate"] = rule != ""
    out["rule"] = rule.astype(schema.STR)
    return out


def _continue(s: pd.DataFrame, rule: pd.Series, titles: pd.Series) -> None:
    """Extend flags to the next sentences of the paragraph that repeat part of the title."""
    s = s.sort_values(["doc_id", "sent_id"])
    title = s["doc_id"].map(titles).fillna("")
    part = [bool(k) and k in t for k, t in zip(s["key"], title, strict=True)]
    candidate = pd.Series(part, index=s.index) & (rule[s.index] == "")
    same_para = (s["doc_id"] == s["doc_id"].shift()) & (s["para_id"] == s["para_id"].shift())
    while True:
        flagged = rule[s.index] != ""
        new = candidate & same_para & flagged.shift(fill_value=False) & ~flagged
        if not new.any():
            return
        rule[new[new].index] = "continuation"


def _flag_rows(frame: pd.DataFrame, flagged: pd.DataFrame) -> pd.Series:
    """Per row of a frame with (doc_id, sent_id): whether its sentence is boilerplate."""
    hit = pd.MultiIndex.from_frame(flagged.loc[flagged["boilerplate"], ["doc_id", "sent_id"]])
    keys = pd.MultiIndex.from_frame(frame[["doc_id", "sent_id"]].astype({"sent_id": "int64"}))
    return pd.Series(keys.isin(hit), index=frame.index, dtype=bool)


def counted(
    frame: pd.DataFrame, *, boilerplate: bool = False, self_reference: bool = False
) -> pd.DataFrame:
    """The rows the default views count: without boilerplate and (mentions) self-references.

    ``boilerplate=True`` keeps boilerplate rows, ``self_reference=True`` keeps a paper's mentions of
    itself. Frames without the flag columns are returned unchanged.
    """
    keep = pd.Series(True, index=frame.index)
    if not boilerplate and "boilerplate" in frame:
        keep &= ~frame["boilerplate"].astype(bool)
    if not self_reference and "self_reference" in frame:
        keep &= ~frame["self_reference"].astype(bool)
    return frame[keep]


def recount_actors(mentions: pd.DataFrame) -> pd.DataFrame:
    """``actors`` counted from the default mentions; actors met only outside them keep zero counts."""
    actors = actors_frame(counted(mentions))
    rest = mentions[~mentions["actor_id"].isin(actors["actor_id"])]
    if rest.empty:
        return actors
    zero = actors_frame(rest).assign(n_mentions=0, n_docs=0, n_names=0, n_adjectives=0)
    return schema.conform(pd.concat([actors, zero], ignore_index=True), "actors")


def boilerplate(
    frames: dict[str, pd.DataFrame],
    *,
    min_articles: int = MIN_ARTICLES,
    min_share: float = MIN_SHARE,
    footer_share: float = FOOTER_SHARE,
    actors: bool = True,
) -> dict[str, pd.DataFrame]:
    """The corpus step: ``sentences``, ``mentions``, ``dates`` and ``quotes`` flagged, ``actors``
    recounted (unless ``actors`` is false: :func:`analysis.steps.corpus_steps` counts them once)."""
    flagged = flag_sentences(
        frames["sentences"],
        frames["articles"],
        min_articles=min_articles,
        min_share=min_share,
        footer_share=footer_share,
    )
    out = {"sentences": schema.conform(flagged, "sentences")}
    for name in ("mentions", "dates", "quotes"):
        if name not in frames:
            continue
        df = frames[name].copy()
        df["boilerplate"] = _flag_rows(df, flagged)
        out[name] = schema.conform(df, name)
    if actors:
        out["actors"] = recount_actors(out["mentions"])
    return out


def boilerplate_summary(frames: dict[str, pd.DataFrame], **thresholds: float) -> pd.DataFrame:
    """What was flagged, per source: one row per repeated line (source, line, n_articles, rule).

    ``thresholds``: those of :func:`boilerplate`. ``line`` is one instance of the line as printed
    (the first by doc_id); footers are grouped by their opening word. Sorted by source, then most
    repeated first.
    """
    flagged = flag_sentences(frames["sentences"], frames["articles"], **thresholds)
    arts = frames["articles"].drop_duplicates("doc_id").set_index("doc_id")
    titles = _title_keys(frames["articles"])
    f = flagged[flagged["rule"].isin(["repeated", "footer"])].copy()
    f["source"] = f["doc_id"].map(arts["source"]).fillna("").astype(str)
    keys = line_keys(f["text"], f["doc_id"].map(titles))
    f["group"] = [
        k if r == "repeated" else k.split(" ")[0] for k, r in zip(keys, f["rule"], strict=True)
    ]
    f = f.sort_values(["source", "group", "doc_id", "sent_id"])
    g = f.groupby(["source", "group", "rule"], sort=False)
    out = pd.DataFrame(
        {"line": g["text"].first(), "n_articles": g["doc_id"].nunique().astype("int64")}
    ).reset_index()
    out = out.sort_values(["source", "n_articles", "line"], ascending=[True, False, True])
    cols = {"source": schema.STR, "line": schema.STR, "n_articles": schema.INT, "rule": schema.STR}
    return out[list(cols)].astype(cols).reset_index(drop=True)


def boilerplate_by_source(summary: pd.DataFrame) -> pd.DataFrame:
    """Per source of a :func:`boilerplate_summary`: lines flagged, articles they touch, and the
    most repeated line with its article count."""
    g = summary.groupby("source")
    top = g.head(1).set_index("source")[["line", "n_articles"]]
    out = g.agg(lines=("line", "size"), articles=("n_articles", "sum")).join(
        top.rename(columns={"line": "most repeated line", "n_articles": "its articles"})
    )
    return out.sort_values("articles", ascending=False)
