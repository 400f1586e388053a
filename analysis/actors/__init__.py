"""Actors: people, countries, organisations and places, resolved to canonical identities.

``extract_mentions`` returns one ``mentions`` row per mention (see :mod:`analysis.schema`); ``actors_frame``
folds them into one row per canonical actor. How mentions are found, in order of trust:

1. gazetteer — CLDR country names (via Babel) plus the curated lists in ``data/gazetteer/`` (variants,
   nisba adjectives in every inflection, cities and regions, organisations with aliases and acronyms,
   well-known people), matched on normalised, clitic-stripped tokens; the longest phrase wins;
2. pattern — ministries, government bodies and armed forces before a country word (وزارة الدفاع اليابانية،
   الحكومة اليمنية), organisations named by a head noun (غرفة الشرقية، الهيئة السعودية للمهندسين), people
   after a title or a profession (+ affiliation: الأمين العام لحلف الناتو مارك روت، الشاعر ...) or a speech
   verb (قال ...), an institution named after a person (مدرسة حسان بن ثابت: the school, not the man);
3. model — a CRF tagger trained on NewsFANE for names no list holds (``data/models/``); where it reads a
   listed country or place as (part of) an organisation, the whole name becomes that organisation
   (جامعة الإسكندرية -> an organisation with iso3 EGY; a bare فاز برشلونة -> a team);
   a building or site with its name (ملعب الملك فهد، مطار هيثرو) is one place (pattern), not a king;
4. coreference — within a document, a later surname (ناكاتاني) resolves to the full name found earlier
   and a generic anaphor (الحلف) to the organisation already named.

Group words: العرب، الأوروبيين، الخليجي، الآسيوية and other adjectives of regions or peoples are *left out*
on purpose. They name no state, organisation or place that can act, the gold standard does not tag them as
entities either (NewsFANE marks peoples as GROUP), and counting them under a region would inflate it.
Country adjectives (الياباني، الأوكرانيين) are kept with ``form == "adjective"`` and the country's id.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .. import schema
from .extract import extract


def extract_mentions(
    *, doc_id: str, text: str, sentences: list[dict], published: Any = None
) -> list[dict]:
    """Rows of the ``mentions`` frame for one document."""
    return extract(doc_id=doc_id, text=text, sentences=sentences, published=published)


def actors_frame(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per canonical actor, with mention and document counts."""
    if mentions.empty:
        return schema.empty("actors")
    g = mentions.groupby("actor_id", sort=False)
    out = pd.DataFrame({"n_mentions": g.size(), "n_docs": g["doc_id"].nunique()})
    for col in ("name_ar", "name_en", "type", "iso3", "sector"):
        if col in mentions:
            out[col] = _most_common(mentions, col).reindex(out.index).fillna("")
    out = out.reset_index().sort_values(["n_mentions", "actor_id"], ascending=[False, True])
    return schema.conform(out, "actors")


def _most_common(mentions: pd.DataFrame, col: str) -> pd.Series:
    """Per actor, the most frequent non-empty value of ``col`` (a person's iso3 may be known in
    one mention only); ties go to the value met first."""
    df = mentions[["actor_id", col]]
    df = df[df[col].fillna("") != ""]
    counts = df.groupby(["actor_id", col], sort=False).size().reset_index(name="n")
    counts = counts.sort_values(["actor_id", "n"], ascending=[True, False], kind="stable")
    return counts.drop_duplicates("actor_id").set_index("actor_id")[col]
