"""Coreference within a document: a later surname (ناكاتاني) resolves to the full name found earlier,
and a generic anaphor (الحلف) to the organisation already named.
"""

from __future__ import annotations

from ..arabic import PATRONYMIC_PARTICLES
from . import gazetteer as gz
from . import lexicon as lx
from .document import Doc, Found, title_rests_of

# Words after which the last word of a name is a given name, never a surname to repeat alone.
_BEFORE_GIVEN_NAMES = frozenset({"عبد", "الملك", "الامير", "الشيخ", "السلطان", "الامام"})
# Proclitics allowed in front of a repeated surname (never the article: الروت is not روت).
_SURNAME_PREFIXES = ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل")


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
                not lx.is_common_reading(last) if f.method == gz.METHOD else lx.is_candidate(last)
            )
            if (
                len(last) >= 3
                and distinctive
                and last not in gz.stoplist()  # يوحنا بولس الثاني: no surname
                and not title_rests_of(last)
                and doc.norms[f.j - 2] not in PATRONYMIC_PARTICLES
                # عبد الله is a given name (الله no surname); so is the name after الملك or الأمير.
                and doc.norms[f.j - 2] not in _BEFORE_GIVEN_NAMES
            ):
                surnames.setdefault(last, f)
    # A surname two people of the document share (باربرا بوش، جيب بوش) names neither of them alone.
    owners: dict[str, set[str]] = {}
    for f in found:
        if f.entry.type == "person" and f.j - f.i >= 2:
            owners.setdefault(doc.norms[f.j - 1], set()).add(f.entry.actor_id)
    surnames = {last: f for last, f in surnames.items() if len(owners.get(last, ())) < 2}
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
