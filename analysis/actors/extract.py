"""Per-document actor extraction: the order of the passes, people (titles, speech verbs, the tagger's
names) and coreference.

Works on the normalised text (:func:`analysis.arabic.normalize_with_map`) token by token; every span is
mapped back to the original text and covers the whole word, clitics included. The document and the
per-word facts live in :mod:`.document`; organisations and places found by pattern in :mod:`.bodies`.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from typing import Any

from . import bodies, model
from . import gazetteer as gz
from .document import (
    ARABIC_RE,
    DIGIT_RE,
    NAME_PARTICLES,
    Doc,
    Found,
    definite,
    host,
    named_entry,
    person_entry,
    prefixed_article,
    slug,
    title_at,
    title_rests_of,
)

MAX_NAME_TOKENS = 4
MIN_SURNAME_OVER_LIST = 0.9  # the tagger's confidence needed to read a listed word as a surname
_PATRONYMIC = frozenset({"بن", "ابن", "بنت", "ال"})  # ال as in آل سعود, once normalised
MAX_TITLE_TOKENS = 6
# Proclitics allowed in front of a repeated surname (never the article: الروت is not روت).
_SURNAME_PREFIXES = ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل")


def _is_name_token(doc: Doc, k: int, *, first: bool) -> bool:
    w = doc.norms[k]
    if not ARABIC_RE.match(w) or DIGIT_RE.search(w) or len(w) < 2:
        return False
    if w in gz.function_words() or w in gz.speech_verbs() or model.future_verb(w):
        return False
    if not first and prefixed_article(w):
        # والأمير، للعلوم: a conjunction or preposition with the article starts a new phrase.
        return False
    after_particle = not first and doc.norms[k - 1] in NAME_PARTICLES
    if title_at(doc, k) is not None and w not in NAME_PARTICLES and not after_particle:
        # A title starts a new phrase, except inside a family name (صالح آل الشيخ).
        return False
    if first and (w in NAME_PARTICLES - {"عبد", "ابو"} or definite(w) or model.prep_reading(w)):
        # A definite word right after a title belongs to the title (الرئيس التنفيذي).
        return False
    if w in NAME_PARTICLES:
        return True
    # The tagger, where it ran, has the last word: it sees the context a list cannot.
    vote = model.says_person(doc, k, first=first)
    if vote is not None:
        return vote
    # It skips words it knows as non-names; a given name after a title is still a name (الشيخ صالح).
    if w in gz.given_names():
        return True
    # Without a model, fall back on the common words.
    return model.tagger() is None and not model.is_common(w)


def read_name(doc: Doc, k: int, taken: dict[int, Found]) -> int:
    """End of the person name starting at token ``k`` (== k when there is none)."""
    j = k
    words = 0  # particles (بن، عبد، آل) do not count: محمد بن سلمان بن عبدالعزيز is three names
    while j < doc.n and words < MAX_NAME_TOKENS:
        if j > k and not doc.glue[j - 1]:
            break
        f = taken.get(j)
        if f is not None and not (
            f.entry.form == "adjective" and not doc.norms[j].startswith("ال")
        ):
            break
        if not _is_name_token(doc, j, first=j == k):
            break
        words += doc.norms[j] not in NAME_PARTICLES
        j += 1
    while j > k and doc.norms[j - 1] in NAME_PARTICLES:
        j -= 1
    return j


def people_pass(doc: Doc, found: list[Found]) -> list[Found]:
    """People introduced by a title (+ affiliation) or by a speech verb; known people keep their id."""
    taken = {k: f for f in found for k in range(f.i, f.j)}
    starts = {f.i: f for f in found}
    out: list[Found] = []
    i = 0
    while i < doc.n:
        t = title_at(doc, i) if doc.title_rests[i] and i not in taken else None
        if t is not None:
            # The title's complement: definite words no list knows (وزير الشؤون الإسلامية).
            while (
                t < doc.n
                and t - i < MAX_TITLE_TOKENS
                and doc.glue[t - 1]
                and t not in taken
                and definite(doc.norms[t])
                and doc.norms[t] not in gz.function_words()
            ):
                t += 1
            role_s, role_e = doc.span(i, t)
            role = doc.nt.original[role_s:role_e]
            # The role is the title without the conjunction/preposition glued to it (ووزير -> وزير).
            titles, w = gz.titles(), doc.norms[i]
            # The proclitic the title word carries, read literally (للرئيس = لل + رئيس).
            prefix = next((p for p, st in doc.splits(i) if st in titles and w[len(p) :] == st), "")
            role = role[len(prefix) :] if prefix and role.startswith(prefix) else role
            k, affiliation = t, None
            f = starts.get(k)
            if f is not None and k < doc.n and doc.glue[k - 1]:
                definite_adj = f.entry.form == "adjective" and doc.norms[k].startswith("ال")
                if definite_adj or (
                    f.entry.form == "name" and f.entry.type not in ("person", "none")
                ):
                    affiliation, k = f.entry, f.j
            p = starts.get(k)
            if p is not None and p.entry.type == "person" and doc.glue[k - 1]:
                e = p.entry
                if affiliation is not None:
                    iso3 = affiliation.iso3 or e.iso3
                    e = replace(e, affiliation=affiliation.actor_id, iso3=iso3)
                p.entry, p.role = e, role
                i = p.j
                continue
            j = read_name(doc, k, taken) if k < doc.n and doc.glue[k - 1] else k
            # all() of nothing is True: no name read means no person.
            if not all(w in gz.stoplist() for w in doc.norms[k:j]):
                entry = person_entry(doc, k, j, affiliation)
                if j - k == 1 and doc.norms[k] in gz.given_names():
                    # "الملك عبدالله", "الأمير خالد": a given name alone is one person only
                    # together with the title, so the title is part of the identity.
                    title = " ".join([doc.norms[i][len(prefix) :], *doc.norms[i + 1 : t]])
                    entry = replace(
                        entry,
                        actor_id=f"person:{slug(title + ' ' + doc.norms[k])}",
                        name_ar=f"{role} {entry.name_ar}",
                    )
                out.append(Found(k, j, entry, "pattern", role))
                i = j
                continue
            i = t
            continue
        i += 1
    return out + _speech_pass(doc, found + out)


def _speech_pass(doc: Doc, found: list[Found]) -> list[Found]:
    """قال/أكد + a name no title introduced; a known surname is left to coreference."""
    taken = {k for f in found for k in range(f.i, f.j)}
    known = {doc.norms[f.j - 1] for f in found if f.entry.type == "person"}
    out: list[Found] = []
    verbs = [i for i, x in enumerate(doc.info[:-1]) if x.speech]
    for i in verbs:
        k = i + 1
        if i in taken or k in taken or not doc.glue[i] or doc.norms[k] in known:
            continue
        j = read_name(doc, k, {})
        if j - k >= 2 and model.name_ok(doc, k, j, strict=True, taken=taken):
            out.append(Found(k, j, person_entry(doc, k, j, None), "pattern"))
            taken.update(range(k, j))
    return out


def coreference_pass(doc: Doc, found: list[Found]) -> list[Found]:
    """Later short forms of people (ناكاتاني) and generic anaphors (الحلف) of organisations."""
    taken = {k for f in found for k in range(f.i, f.j)}
    surnames: dict[str, Found] = {}
    for f in found:
        # A surname is trusted from a list, a title or the tagger; a bare speech-verb read is not.
        trusted = f.method != "pattern" or bool(f.role)
        if f.entry.type == "person" and f.j - f.i >= 2 and trusted:
            last = doc.norms[f.j - 1]
            # Only a distinctive surname: one the training data never saw outside a name, and not a
            # father's name in a chain (فيصل بن خالد بن عبدالعزيز: عبدالعزيز is not his surname).
            # A listed person's surname may be a rarer word (الربيعة reads as الربيع + ه); the
            # tagger's and the patterns' need the stricter test.
            distinctive = (
                not model.is_common_reading(last)
                if f.method == gz.METHOD
                else model.is_candidate(last)
            )
            if (
                len(last) >= 3
                and distinctive
                and last not in gz.stoplist()  # يوحنا بولس الثاني: no surname
                and not title_rests_of(last)
                and doc.norms[f.j - 2] not in _PATRONYMIC
            ):
                surnames.setdefault(last, f)
    # Every spelling a surname may take with its proclitics, looked up in one dict.
    variants = {p + last: f for last, f in surnames.items() for p in _SURNAME_PREFIXES}
    anaphors = gz.anaphors()
    first_seen: dict[str, int] = {}
    for f in found:
        first_seen.setdefault(f.entry.actor_id, f.i)
    live = {a: e for a, e in anaphors.items() if e.actor_id in first_seen}
    out: list[Found] = []
    if not variants and not live:
        return out
    ends = tuple(live)
    todo = [
        k
        for k, w in enumerate(doc.norms)
        if w in variants or (ends and w.endswith(ends) and k not in taken)
    ]
    for k in todo:
        if k in taken:
            continue
        hit = variants.get(doc.norms[k])
        if hit is not None:
            out.append(Found(k, k + 1, hit.entry, "coreference"))
            continue
        if live:
            for _, stem in doc.splits(k):
                e = live.get(stem)
                if e is not None and first_seen[e.actor_id] < k:
                    out.append(Found(k, k + 1, e, "coreference"))
                    break
    return out


def _surname_of_a_person(doc: Doc, f: Found) -> bool:
    """A one-word list hit that is the surname after a given name, as the tagger reads it (غوران
    إريكسون is a coach, not Ericsson; هاريسون فورد is an actor, not Ford)."""
    k = f.i
    if f.method != gz.METHOD or f.j - k != 1 or f.entry.type == "person" or k == 0:
        return False
    tags, probs, _ = doc._tags
    return (
        doc.glue[k - 1]
        and tags[k - 1] == "B-PER"
        and tags[k] == "I-PER"
        and min(probs[k - 1], probs[k]) >= MIN_SURNAME_OVER_LIST
        and doc.norms[k - 1] in gz.given_names()
    )


def _sent_id(starts: list[int], pos: int) -> int:
    return max(bisect_right(starts, pos) - 1, 0)


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
    found = bodies.gazetteer_pass(doc)
    if gazetteer_only:
        found = [f for f in found if f.method == gz.METHOD]
    else:
        # Tag once, after the lists: their tokens are not candidates, and patterns consult the tags.
        places = {
            k
            for f in found
            if f.entry.type in ("country", "place") and f.method == gz.METHOD
            for k in range(f.i, f.j)
        }
        model.doc_tags(doc, {k for f in found for k in range(f.i, f.j)}, places)
        found = model.organisation_pass(doc, found)
        found = bodies.credits_pass(doc, bodies.teams_pass(doc, found))
        found = bodies.facility_pass(doc, found)
        found = bodies.institution_pass(doc, bodies.adjective_readings(doc, found))
        found += people_pass(doc, found)
        found += coreference_pass(doc, found)
        found = [f for f in found if not _surname_of_a_person(doc, f)]
        found += model.model_pass(doc, found)
        found = bodies.named_after_people(doc, found)
        found += bodies.enumeration_pass(doc, found)
        found += coreference_pass(doc, found)
    found = [f for f in found if f.entry is not gz.NOT_AN_ACTOR]
    found.sort(key=lambda f: f.i)
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


_MODEL_TYPES = {"PER": "person", "ORG": "organization", "LOC": "place"}


def entity_for_model(doc: Doc, i: int, j: int, kind: str) -> gz.Entry:
    """The entry of a name only the tagger found (id from its normalised, clitic-free form)."""
    if kind == "PER":
        return person_entry(doc, i, j, None)
    words = [host(doc.norms[i]), *doc.norms[i + 1 : j]]
    return named_entry(doc, i, j, words, kind=_MODEL_TYPES[kind])
