"""Media: newspapers, channels and agencies as organisations, and papers naming themselves.

A corpus-level step (``frames -> frames``, after :func:`analysis.boilerplate.boilerplate`, before
identity). What it does, from ``data/gazetteer/media.csv`` (every row an organisation of
``organizations.csv``):

* **quoted names** — a short name that is also a word or a place (الشرق الأوسط the region, الرياض the
  city, سبق "preceded") names the medium when it fills a pair of quotation marks, with or without a
  clitic or a head noun before them (كشفت مصادر لـ«الشرق الأوسط»، قال لـ"سبق"، صحيفة «عكاظ»). Such a
  span becomes a mention of the medium (method ``pattern``), replacing any mention it overlaps (the
  region, the city); a name listed for two media (الجزيرة) goes to the one whose corpus ``source`` is
  the article's, else to the first listed;
* **sector** — every mention of a listed medium gets ``sector == "media"`` (and so its actor);
* **self-reference** — a mention of the article's own paper (``articles.source`` mapped to an actor by
  the ``sources`` column: ``okaz`` -> ``org:OKAZ``) is flagged ``self_reference``: kept, but left out
  of the counts by :func:`analysis.boilerplate.counted` and so of ``actors`` and the default charts.

The result depends on the set of rows only, never on their order, the batch or the worker count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from . import config, schema
from .actors.gazetteer import Entry, gazetteer, read_rows
from .arabic import normalize, normalize_with_map
from .boilerplate import recount_actors

SECTOR = "media"
METHOD = "pattern"
# Nouns that may stand before the quotation marks (صحيفة «عكاظ»); normalised.
_HEADS = ("صحيفه", "جريده", "قناه", "وكاله", "موقع", "مجله", "شبكه", "تلفزيون", "اذاعه")
_OPEN, _CLOSE = '«"“”„″', '»"”“″'
_QUOTE_HINT_RE = re.compile(f"[{_OPEN}{_CLOSE}]")


@dataclass(frozen=True, slots=True)
class Medium:
    """One row of media.csv: the organisation, its kind, the corpus sources that are it."""

    entry: Entry
    kind: str
    sources: tuple[str, ...]
    names: tuple[str, ...]


def _split(value: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in value.split("|") if x.strip())


@lru_cache(maxsize=1)
def media() -> tuple[Medium, ...]:
    """The media of ``data/gazetteer/media.csv``, in file order (each checked against the gazetteer)."""
    entries = gazetteer().entries
    out = []
    for r in read_rows(config.GAZETTEER_DIR / "media.csv"):
        entry = entries.get(f"org:{r['org']}")
        if entry is None:
            raise ValueError(f"media.csv: org {r['org']!r} is not in organizations.csv")
        out.append(Medium(entry, r["kind"], _split(r["sources"]), _split(r["names"])))
    return tuple(out)


@lru_cache(maxsize=1)
def media_ids() -> frozenset[str]:
    """Actor ids of every listed medium."""
    return frozenset(m.entry.actor_id for m in media())


@lru_cache(maxsize=1)
def source_media() -> dict[str, str]:
    """Corpus ``source`` value -> the actor id of that medium (``okaz`` -> ``org:OKAZ``)."""
    return {s: m.entry.actor_id for m in media() for s in m.sources}


@lru_cache(maxsize=1)
def _names() -> tuple[re.Pattern[str], dict[str, tuple[Medium, ...]]]:
    """The quoted-name regex over normalised text, and normalised name -> media in file order."""
    by_name: dict[str, list[Medium]] = {}
    for m in media():
        for name in m.names:
            by_name.setdefault(" ".join(normalize(name).split()), []).append(m)
    alts = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(by_name, key=len)[::-1])
    heads = "|".join(_HEADS)
    rx = re.compile(
        rf"(?<!\w)(?:(?:[وف]?[لب]?(?:{heads})\s*)|[وف]?[لبك]?)"
        rf"[{_OPEN}]\s*(?P<name>{alts})\s*[{_CLOSE}]"
    )
    return rx, {k: tuple(v) for k, v in by_name.items()}


def _pick(cands: tuple[Medium, ...], source: str) -> Medium:
    return next((m for m in cands if source in m.sources), cands[0])


def quoted_media(*, doc_id: str, text: str, source: str, starts: np.ndarray) -> list[dict]:
    """Mention rows of media named in quotation marks in one text (``starts``: sentence starts)."""
    if not _QUOTE_HINT_RE.search(text):
        return []
    rx, by_name = _names()
    norm = normalize_with_map(text)
    rows = []
    for m in rx.finditer(norm.text):
        medium = _pick(by_name[" ".join(m.group("name").split())], source)
        start, end = norm.span(*m.span("name"))
        e = medium.entry
        rows.append(
            {
                "doc_id": doc_id,
                "sent_id": max(int(np.searchsorted(starts, start, side="right")) - 1, 0),
                "start": start,
                "end": end,
                "surface": text[start:end],
                "actor_id": e.actor_id,
                "name_ar": e.name_ar,
                "name_en": e.name_en,
                "type": e.type,
                "form": "name",
                "iso3": e.iso3,
                "method": METHOD,
            }
        )
    return rows


def _overlapping(mentions: pd.DataFrame, new: pd.DataFrame) -> pd.Series:
    """Per existing mention: whether a new media span of the same document overlaps it."""
    pairs = mentions.reset_index()[["index", "doc_id", "start", "end"]].merge(
        new[["doc_id", "start", "end"]], on="doc_id", suffixes=("", "_new")
    )
    hit = pairs[(pairs["start"] < pairs["end_new"]) & (pairs["start_new"] < pairs["end"])]
    return mentions.index.isin(hit["index"])


def media_step(frames: dict[str, pd.DataFrame], *, actors: bool = True) -> dict[str, pd.DataFrame]:
    """The corpus step: quoted media names, ``sector`` and ``self_reference`` set, actors recounted
    (unless ``actors`` is false)."""
    articles, sentences = frames["articles"], frames["sentences"]
    mentions = frames["mentions"].reset_index(drop=True)
    starts = {d: np.sort(g.to_numpy()) for d, g in sentences.groupby("doc_id", sort=False)["start"]}
    rows: list[dict] = []
    for doc_id, text, source in zip(
        articles["doc_id"], articles["text"], articles["source"].fillna(""), strict=True
    ):
        doc_starts = starts.get(doc_id, np.zeros(1, dtype=np.int64))
        rows.extend(quoted_media(doc_id=doc_id, text=text, source=source, starts=doc_starts))
    new = schema.conform(pd.DataFrame(rows), "mentions")
    if "boilerplate" in sentences and not new.empty:
        flagged = sentences.loc[sentences["boilerplate"].astype(bool), ["doc_id", "sent_id"]]
        hit = pd.MultiIndex.from_frame(flagged.astype({"sent_id": "int64"}))
        new["boilerplate"] = pd.MultiIndex.from_frame(new[["doc_id", "sent_id"]]).isin(hit)
    kept = mentions[~_overlapping(mentions, new)] if not new.empty else mentions
    out = pd.concat([kept, new], ignore_index=True) if not new.empty else kept.copy()
    rank = {d: i for i, d in enumerate(articles["doc_id"])}  # the corpus order, as the store's
    out = out.assign(_doc=out["doc_id"].map(rank).fillna(len(rank)))
    out = out.sort_values(["_doc", "start", "end", "actor_id"], kind="stable").drop(columns="_doc")
    out["sector"] = np.where(out["actor_id"].isin(media_ids()), SECTOR, "")
    own = out["doc_id"].map(articles.drop_duplicates("doc_id").set_index("doc_id")["source"])
    out["self_reference"] = (own.map(source_media()) == out["actor_id"]).fillna(False)
    mentions = schema.conform(out, "mentions")
    return (
        {"mentions": mentions, "actors": recount_actors(mentions)}
        if actors
        else {"mentions": mentions}
    )
