"""Per-document actor extraction: the order of the passes, and the rows they make.

Works on the normalised text (:func:`analysis.arabic.normalize_with_map`) token by token; every span is
mapped back to the original text and covers the whole word, clitics included. Layers, each importing
only those below it:

* :mod:`.extract` (this module) orders the passes;
* the passes: :mod:`.bodies` (organisations: lists, ministries, head nouns, teams, the tagger's
  organisations, names that continue over لل + a sector), :mod:`.places` (buildings, sites, schools,
  settlements after قرية / محافظة / مركز ..., enumerations), :mod:`.people` (titles, speech verbs, the
  tagger's names), :mod:`.coreference` (surnames, anaphors, a name found once repeated in the document);
* :mod:`.tagging`, the statistical tagger, with its :mod:`.features` and the word :mod:`.clusters`
  learned from unlabelled news;
* the document and its word facts (:mod:`.document`), the training lexicon (:mod:`.lexicon`), the
  curated lists (:mod:`.gazetteer`) and the shipped model files (:mod:`.modelfiles`).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from . import bodies, people, places, tagging
from . import gazetteer as gz
from .coreference import coreference_pass, repeat_pass
from .document import Doc, Found


def _sent_id(starts: list[int], pos: int) -> int:
    return max(bisect_right(starts, pos) - 1, 0)


def find(doc: Doc, *, gazetteer_only: bool = False) -> list[Found]:
    """Every mention of the document, in the order of its tokens: the passes, in the order they run
    (``gazetteer_only``: the lists alone, the evaluation's baseline)."""
    found = bodies.gazetteer_pass(doc)
    if gazetteer_only:
        found = [f for f in found if f.method == gz.METHOD]
    else:
        # Tag once, after the lists: their tokens are not candidates, and patterns consult the tags.
        place_tokens = {
            k
            for f in found
            if f.entry.type in ("country", "place") and f.method == gz.METHOD
            for k in range(f.i, f.j)
        }
        tagging.doc_tags(doc, {k for f in found for k in range(f.i, f.j)}, place_tokens)
        found = bodies.organisation_pass(doc, found)
        found = bodies.credits_pass(doc, bodies.teams_pass(doc, found))
        found = places.facility_pass(doc, found)
        found = bodies.institution_pass(doc, bodies.adjective_readings(doc, found))
        found = bodies.modified_adjectives(doc, found)
        found = bodies.continuation_pass(doc, found)
        found += people.people_pass(doc, found)
        found += coreference_pass(doc, found)
        found = [f for f in found if not people.surname_of_a_person(doc, f)]
        found += people.model_pass(doc, found)
        found = places.named_after_people(doc, found)
        found += places.settlement_pass(doc, found)
        found += places.enumeration_pass(doc, found)
        found += repeat_pass(doc, found)
        found += coreference_pass(doc, found)
        found = places.generic_names_pass(doc, found)
    found = [f for f in found if f.entry is not gz.NOT_AN_ACTOR]
    found.sort(key=lambda f: f.i)
    return found


def extract(
    *,
    doc_id: str,
    text: str,
    sentences: list[dict],
    published: Any = None,
    gazetteer_only: bool = False,
) -> list[dict]:
    """Rows of the ``mentions`` frame for one document (``gazetteer_only``: the baseline)."""
    if not text:
        return []
    doc = Doc(text)
    if doc.n == 0:
        return []
    found = find(doc, gazetteer_only=gazetteer_only)
    bounds = sorted((int(s["start"]), int(s["sent_id"])) for s in sentences) or [(0, 0)]
    sent_starts = [b for b, _ in bounds]
    rows = []
    for f in found:
        s, e = doc.span(f.i, f.j)
        en = f.entry
        rows.append(
            {
                "doc_id": doc_id,
                "sent_id": bounds[_sent_id(sent_starts, s)][1],
                "start": s,
                "end": e,
                "surface": text[s:e],
                "actor_id": en.actor_id,
                "name_ar": en.name_ar,
                "name_en": en.name_en,
                "type": en.type,
                "form": en.form,
                "iso3": en.iso3,
                "role": f.role,
                "affiliation": en.affiliation,
                "method": f.method,
            }
        )
    return rows
