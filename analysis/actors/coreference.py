"""Coreference within a document: a later surname (ناكاتاني) resolves to the full name found earlier,
and a generic anaphor (الحلف) to the organisation already named.
"""

from __future__ import annotations

from ..arabic import PATRONYMIC_PARTICLES
from . import gazetteer as gz
from . import lexicon as lx
from .document import Doc, Found, inside_title, title_rests_of

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


# Proclitics a repeated name may carry: those of a surname, and the article's prepositions (للهيئة).
_REPEAT_PREFIXES = frozenset(_SURNAME_PREFIXES)
MIN_REPEAT_MARGINAL = 0.9
_ARTICLE_PREFIXES = frozenset({"ال", "وال", "فال", "بال", "لل", "ولل", "فلل", "وبال", "فبال"})


def _first_word_key(doc: Doc, i: int) -> str:
    """The first word of a name as the key of its repeats: without its proclitics (لمركز -> مركز,
    للهيئة -> الهيئة), so that each spelling of the repeat can be looked up."""
    w = doc.norms[i]
    for p, st in doc.splits(i)[1:]:
        if p in _ARTICLE_PREFIXES and p != "ال":
            return "ال" + st
        if p in _REPEAT_PREFIXES and (st in lx.lexicon().vocab or st in gz.given_names()):
            return st
    return w


def _spellings(first: str) -> set[str]:
    """Every way the first word of a repeat may be written: with a conjunction or preposition
    (ومركز، لمركز), and a definite word with the article's prepositions (للهيئة، بالهيئة)."""
    out = {p + first for p in _REPEAT_PREFIXES}
    if first.startswith("ال"):
        out.update(p + first[2:] for p in _ARTICLE_PREFIXES)
    return out


def _lone_name(word: str) -> bool:
    """Whether one word alone may stand for a name found before: it looks like a name, carries no
    proclitic and is no head noun (مركز، شركة)."""
    return (
        len(word) >= 4
        and lx.is_namey(word)
        and not lx.clitic_reading(word)
        and word not in gz.facility_heads()
        and word not in gz.org_heads()
    )


def repeat_pass(doc: Doc, found: list[Found]) -> list[Found]:
    """Document-level consistency: a name the tagger or a pattern found once (and no list holds) is
    the same actor at its other occurrences in the document, with or without proclitics (شركة
    كوكورو ... لشركة كوكورو). A one-word name repeats only if training never saw it outside a name."""
    names: dict[tuple[str, ...], Found] = {}
    probs = doc.tagged.probs if doc.tagged is not None else [0.0] * doc.n
    for f in found:
        if f.method not in ("model", "pattern") or f.entry.form != "name":
            continue
        if f.entry.type not in ("person", "organization", "place"):
            continue
        rest = tuple(doc.norms[f.i + 1 : f.j])
        first = _first_word_key(doc, f.i)
        # A name, not a description (الشركة المنفذة): a word training never saw outside a name; one
        # word alone must look like a name (not a verb the tagger misread: أسال).
        if not any(lx.is_candidate(w) for w in (first, *rest)):
            continue
        # A lone word from a list's context (an enumeration) is weaker than the tagger's.
        if not rest and (f.method != "model" or not _lone_name(first)):
            continue
        # The tagger's names repeat only where it was sure of them.
        if f.method == "model" and min(probs[f.i : f.j], default=0.0) < MIN_REPEAT_MARGINAL:
            continue
        names.setdefault((first, *rest), f)
        # ... without the country adjective that closed it first (شركة كوكورو اليابانية -> شركة كوكورو).
        if (
            f.entry.type == "organization"
            and len(rest) >= 2
            and rest[-1].startswith("ال")
            and lx.is_candidate(rest[-2])
        ):
            names.setdefault((first, *rest[:-1]), f)
        # A place named after its head (مدينة هورست، مركز شثاث) is named by its name alone later.
        if (
            f.entry.type == "place"
            and rest
            and all(lx.is_candidate(w) for w in rest)
            and (len(rest) > 1 or _lone_name(rest[0]))
        ):
            names.setdefault(rest, f)
    if not names:
        return []
    spelled: dict[str, set[str]] = {}
    for first in {key[0] for key in names}:
        for w in _spellings(first):
            spelled.setdefault(w, set()).add(first)
    taken = {k for f in found for k in range(f.i, f.j)}
    out = []
    for k, w in enumerate(doc.norms):
        keys = spelled.get(w)
        if keys is None or k in taken or inside_title(doc, k):
            continue  # inside a role (رئيس مجلس الوزراء) the body belongs to the person's title
        best = None
        for key, f in names.items():
            n = len(key)
            if key[0] not in keys or k + n > doc.n or (best is not None and n <= best[1] - k):
                continue
            if all(
                doc.norms[k + x] == key[x] and doc.glue[k + x - 1] and k + x not in taken
                for x in range(1, n)
            ):
                best = (f, k + n)
        if best is not None:
            out.append(Found(k, best[1], best[0].entry, "coreference"))
            taken.update(range(k, best[1]))
    return out
