"""Places found by pattern, and the unknown items of lists: buildings, sites and areas with their
name, schools, institutions named after people, and the items of an enumeration that stand among
known places or people (see :func:`analysis.actors.extract.extract` for the order of the passes).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from ..arabic import BASIC_LETTER_RE, NAME_PARTICLES, proclitic_splits
from . import gazetteer as gz
from . import lexicon as lx
from .clusters import clusters
from .document import (
    DIGIT_RE,
    Doc,
    Found,
    article_word,
    named_entry,
    person_entry,
)

MAX_FACILITY_NAME = 4
# Honorifics inside a building's name (ملعب الملك فهد، جامع الإمام تركي بن عبدالله).
_FACILITY_PARTICLES = NAME_PARTICLES | {"الملك", "الامير", "الشيخ", "الامام", "السلطان", "سمو"}
# A school's level closes its name (مدرسة القعقاع بن عمرو المتوسطة، مدرسة الجعرانة الابتدائية).
_SCHOOL_LEVELS = frozenset({"الابتدائيه", "المتوسطه", "الثانويه"})


def _school_name_end(doc: Doc, i: int, owner: dict) -> int:
    """End of a school's name opened by an institution head at token ``i`` and closed by its level
    (المتوسطة), or 0: whatever words stand between are its name."""
    heads = gz.facility_heads()
    if heads.get(next((st for _, st in doc.splits(i) if st in heads), "")) != "organization":
        return 0  # مبنى مدرسة ...: the building's head waits for the school's
    fw = gz.function_words()
    for end in range(i + 1, min(i + 2 + MAX_FACILITY_NAME, doc.n)):
        if not doc.glue[end - 1] or (end - 1 in owner and end - 1 > i):
            return 0
        w = doc.norms[end]
        if w in _SCHOOL_LEVELS and end > i + 1:
            return end + 1
        if w in fw or not BASIC_LETTER_RE.match(w) or DIGIT_RE.search(w):
            return 0
    return 0


def facility_pass(doc: Doc, found: list[Found]) -> list[Found]:
    """A building or site with its name (ملعب الملك فهد، مطار هيثرو، مخيم جنين) is one place; list
    hits inside the name (the king, the city) are absorbed, so a stadium does not count as a king.

    The head is indefinite (a construct: ملعب X; الملعب is generic) and the name's words carry no
    proclitic (مسجد بأبها is a mosque in Abha); a place or person from the lists ends the name."""
    owner = {k: f for f in found for k in range(f.i, f.j)}
    heads = gz.facility_heads()
    out, drop = [], set()
    for i in [i for i, x in enumerate(doc.info[:-1]) if x.facility]:
        if not doc.glue[i] or i in owner:
            continue
        school = _school_name_end(doc, i, owner)
        if school:
            words = [next(st for _, st in doc.splits(i) if st in heads), *doc.norms[i + 1 : school]]
            entry = named_entry(doc, i, school, words, kind="organization")
            out.append(Found(i, school, entry, "pattern"))
            owner.update({k: out[-1] for k in range(i, school)})
            continue
        j, named, inside = i + 1, False, {}
        area = any(st in gz.area_heads() for _, st in doc.splits(i))
        while j < doc.n and doc.glue[j - 1] and j - i - 1 < MAX_FACILITY_NAME:
            w, f = doc.norms[j], owner.get(j)
            if f is not None:
                if (
                    f.i < j
                    or f.entry.type == "organization"
                    or f.entry.form != "name"
                    or f.prefix not in ("", "ال")
                ):
                    break
                inside[id(f)] = f
                j, named = f.j, True
                break
            if w in _FACILITY_PARTICLES:
                j += 1
            elif w in gz.named_after_heads():
                break  # ملعب مدينة الملك عبدالله: the city's name, not the stadium's
            elif _bare_name_word(w):
                j, named = j + 1, True
            elif area and j == i + 1 and article_word(w) and w not in gz.function_words():
                j, named = j + 1, True  # حي الحمراء: an area named by one definite word
                break
            else:
                break
        while j > i + 1 and doc.norms[j - 1] in _FACILITY_PARTICLES:
            j -= 1
        if not named:
            continue
        iso3 = next((f.entry.iso3 for f in inside.values() if f.entry.iso3), "")
        head = next(st for _, st in doc.splits(i) if st in heads)
        kind = heads[head]
        if kind == "organization" and not (
            any(f.entry.type == "person" for f in inside.values())
            or any(w in _FACILITY_PARTICLES for w in doc.norms[i + 1 : j])
        ):
            # An institution's name is read here only when it honours someone (مركز الملك سلمان);
            # the tagger and the lists handle the rest.
            continue
        entry = named_entry(doc, i, j, [head, *doc.norms[i + 1 : j]], kind=kind, iso3=iso3)
        out.append(Found(i, j, entry, "pattern"))
        drop.update(inside)
        owner.update({k: out[-1] for k in range(i, j)})
    return [f for f in found if id(f) not in drop] + out


# Heads of settlements and streets whose name follows (issue 19), normalised: قرية، محافظة، مركز (an
# administrative centre), حي، وادي، شارع، مدينة، بلدة، هجرة. Not منطقة (منطقة الكتف is anatomy).
SETTLEMENT_HEADS = frozenset(
    {"قريه", "محافظه", "مركز", "حي", "وادي", "شارع", "مدينه", "بلده", "هجره"}
)
# مركز is mostly an institution or a generic noun (مركز الدراسات، مركز تأجير): its name must be one bare
# word that the corpus uses like known places, or too rarely to say (مركز شثاث، مركز أبوعشرة).
_CENTRE = "مركز"
PLACE_CLUSTER_BITS = 10
MIN_PLACE_SHARE = 0.1  # share of a cluster's words that are listed places: a place-like cluster
# First words of two-word place names (دار سعد، أبو عريش written apart).
_COMPOUND_FIRST = frozenset({"ابو", "ام", "بني", "دار", "عين", "بئر", "راس", "ذات", "بيت"})
# Proclitics a settlement head may carry (بمحافظة، لمركز): no article, since المدينة or المركز is
# generic.
_HEAD_PREFIXES = frozenset({"", "ب", "ل", "و", "ف", "وب", "ول", "فب", "فل"})


# Each way a head may be written, to its head (لمركز -> مركز): one set lookup per token.
_HEAD_SPELLINGS = {p + h: h for h in SETTLEMENT_HEADS for p in _HEAD_PREFIXES}


@lru_cache(maxsize=300_000)
def _settlement_name_word(word: str) -> bool:
    """A word that may name a settlement: never seen outside a name in training (with or without the
    article: شثاث، الفيحاء), no proclitic but the article, no verb (عن طريق، مركز الدورات: common)."""
    bare = word[2:] if word.startswith("ال") and len(word) > 4 else word
    return (
        BASIC_LETTER_RE.match(word) is not None
        and not DIGIT_RE.search(word)
        and len(bare) >= 3
        and word not in gz.function_words()
        and word not in gz.stoplist()
        and not lx.future_verb(word)
        and lx.is_candidate(word)
        and not lx.clitic_reading(bare)
        and word[:1] not in ("و", "ف", "ب", "ل", "ك")
    )


@lru_cache(maxsize=1)
def _place_share() -> tuple[dict[str, float], dict[str, str]]:
    """Per cluster (its first PLACE_CLUSTER_BITS bits): the share of its words that are listed
    one-word places or countries; and the cluster table."""
    table = clusters()
    places = {
        first
        for first, cands in gz.gazetteer().index.items()
        for rest, e in cands
        if not rest and e.type in ("place", "country") and e.form == "name"
    }
    total, hits = Counter(), Counter()
    for w, bits in table.items():
        total[bits[:PLACE_CLUSTER_BITS]] += 1
        hits[bits[:PLACE_CLUSTER_BITS]] += w in places
    return {b: hits[b] / n for b, n in total.items()}, table


def place_like(word: str) -> bool:
    """Whether the corpus uses the word like the listed places (its cluster holds a share of them),
    or too rarely to have a cluster."""
    share, table = _place_share()
    bits = table.get(word)
    return bits is None or share.get(bits[:PLACE_CLUSTER_BITS], 0.0) >= MIN_PLACE_SHARE


def settlement_pass(doc: Doc, found: list[Found]) -> list[Found]:
    """A settlement, district, valley or street named by words no training sentence uses outside a
    name, after its head (قرية الشبحة، لمركز شثاث، بحي الفيحاء، وادي حنيفة، بمدينة ناغازاكي) is a
    place; the head is part of the span. A list hit right after the head is left as it is."""
    owner = {k for f in found for k in range(f.i, f.j)}
    out = []
    spelled = _HEAD_SPELLINGS
    for i in [i for i, w in enumerate(doc.norms[:-1]) if w in spelled]:
        head = spelled[doc.norms[i]]
        if i in owner or i + 1 in owner or not doc.glue[i]:
            continue
        w = doc.norms[i + 1]
        if not _settlement_name_word(w):
            continue
        if head == _CENTRE and (w.startswith("ال") or not place_like(w)):
            continue
        if not w.startswith("ال") and w.endswith("يه"):
            continue  # an indefinite adjective (مدينة حضارية، محافظة نائية), not a name
        j = i + 2
        if (
            w in _COMPOUND_FIRST
            and j < doc.n
            and doc.glue[j - 1]
            and j not in owner
            and _settlement_name_word(doc.norms[j])
        ):
            j += 1
        entry = named_entry(doc, i, j, [head, *doc.norms[i + 1 : j]], kind="place")
        out.append(Found(i, j, entry, "pattern"))
        owner.update(range(i, j))
    return out


def named_after_people(doc: Doc, found: list[Found]) -> list[Found]:
    """A head right before a person, honorifics allowed between (مدرسة حسان بن ثابت، طريق الملك فهد،
    دوري «عبداللطيف جميل»), names a thing after them: one place or organisation, or no actor at all
    for a competition, a prize or a royal project (``data/gazetteer/named_after_heads.txt``). The road is
    not the king."""
    heads = gz.named_after_heads()
    out = []
    for f in found:
        at = _named_after_head(doc, f, found, heads) if f.entry.type == "person" else None
        if at is not None:
            h, head = at
            kind, honorific = gz.honorific_only(heads[head])
            if honorific and doc.norms[h + 1] not in _HONORIFICS:
                pass  # مشروع أوباما: his project, he is the actor
            elif kind == "none":
                f = Found(h, f.j, gz.NOT_AN_ACTOR, "pattern")
            else:
                words = [head, *doc.norms[h + 1 : f.j]]
                f = Found(h, f.j, named_entry(doc, h, f.j, words, kind=kind), "pattern")
        out.append(f)
    return out


_IN = "في"


def generic_names_pass(doc: Doc, found: list[Found]) -> list[Found]:
    """A name many institutions share (``data/gazetteer/generic_names.txt``: كلية الطب، مستشفى الملك
    فهد) is one institution with the place or body right after it (بالهفوف، في جدة، بجامعة الملك سعود),
    whose name it takes as a qualifier; alone it names no actor."""
    generic = gz.generic_names()
    starts = {f.i: f for f in found}
    out = []
    for f in found:
        if (
            f.entry.type == "organization"
            and gz.key_of(f.entry.name_ar) in generic
            and not _name_goes_on(doc, f.j)
        ):
            where = _qualifier_after(doc, f.j, starts)
            if where is None and _unknown_qualifier(doc, f.j):
                pass  # كلية الطب بالجامعة: one faculty, of a body the lists cannot name
            elif where is None:
                f = Found(f.i, f.j, gz.NOT_AN_ACTOR, f.method)
            else:
                e, w = f.entry, where.entry
                base = w.actor_id.split(":", 1)[1].lower()
                f = Found(
                    f.i,
                    f.j,
                    replace(
                        e,
                        actor_id=f"{e.actor_id}-{base}",
                        name_ar=f"{e.name_ar} ({w.name_ar})",
                        name_en=f"{e.name_en} ({w.name_en})" if e.name_en else "",
                        iso3=e.iso3 or w.iso3,
                    ),
                    f.method,
                    f.role,
                )
        out.append(f)
    return out


def _name_goes_on(doc: Doc, j: int) -> bool:
    """Whether a coordinated word continues the name after token ``j - 1`` (كلية الآداب والعلوم
    الإنسانية is a longer name than the shared كلية الآداب)."""
    return j < doc.n and doc.glue[j - 1] and doc.norms[j][:1] == "و" and not doc.info[j].speech


def _unknown_qualifier(doc: Doc, j: int) -> bool:
    """Whether a definite word with ب follows token ``j - 1`` (بالجامعة): a qualifier no list names."""
    return (
        j < doc.n and doc.glue[j - 1] and doc.norms[j].startswith("بال") and len(doc.norms[j]) > 4
    )


def _qualifier_after(doc: Doc, j: int, starts: dict[int, Found]) -> Found | None:
    """The place or body that says which institution a shared name is: glued right after it with ب
    (بالهفوف) or after في."""
    if j >= doc.n or not doc.glue[j - 1]:
        return None
    g = starts.get(j)
    if g is None and doc.norms[j] == _IN and j + 1 < doc.n and doc.glue[j]:
        g = starts.get(j + 1)
    elif g is not None and not doc.norms[j].startswith("ب"):
        return None
    if g is None or g.entry.type not in ("place", "country", "organization"):
        return None
    return g if g.entry.form == "name" else None


# Honorifics between a head and the person it honours (طريق الملك فهد، كأس الأمير فيصل بن خالد).
_HONORIFICS = frozenset({"الملك", "الامير", "الشيخ", "الامام", "السلطان", "سمو"})
_QUOTES_RE = re.compile(r"[\s«»\"“”']*")
_BY_WAY_OF = "عن"  # عن طريق: "by way of", no road


def _joined(doc: Doc, k: int) -> bool:
    """Tokens ``k`` and ``k + 1`` belong to one phrase: only blanks or quotation marks between."""
    return (
        doc.glue[k]
        or _QUOTES_RE.fullmatch(doc.nt.text[doc.ends[k] : doc.starts[k + 1]]) is not None
    )


def _named_after_head(
    doc: Doc, f: Found, found: list[Found], heads: dict[str, str]
) -> tuple[int, str] | None:
    """(token, normalised head) of the indefinite head that names something after person ``f``."""
    # The tagger may have read the head into the name (ثانوية سلمان الفارسي).
    h = f.i if f.j - f.i > 1 and _head_of(doc, f.i, heads) else f.i - 1
    while h >= 0 and h < f.i and doc.norms[h] in _HONORIFICS and h > 0 and _joined(doc, h - 1):
        h -= 1
    head = _head_of(doc, h, heads) if h >= 0 else ""
    if not head or (h < f.i and not _joined(doc, h)):
        return None
    if h < f.i and any(g.i <= h < g.j for g in found):
        return None
    if head == "طريق" and h > 0 and doc.norms[h - 1] == _BY_WAY_OF:
        return None
    return h, head


def _head_of(doc: Doc, k: int, heads: dict[str, str]) -> str:
    """The indefinite head token ``k`` is, proclitics allowed (بطريق، لمكتبة; not الطريق), or ""."""
    return next((st for p, st in doc.splits(k) if st in heads and not p.endswith(("ال", "لل"))), "")


@lru_cache(maxsize=300_000)
def _bare_name_word(word: str) -> bool:
    """An Arabic word no list or training sentence uses outside names, without a proclitic."""
    return (
        BASIC_LETTER_RE.match(word) is not None
        and not DIGIT_RE.search(word)
        and word not in gz.function_words()
        and lx.is_candidate(word)
        and not (len(proclitic_splits(word)) > 1 and word not in gz.given_names())
    )


MAX_LIST_ITEM = 3  # words of one item in an enumeration of places
_LIST_SEP_RE = re.compile(r"\s*[،,]\s*")


def _list_items(doc: Doc, i: int, j: int) -> list[tuple[int, int]]:
    """The items (token ranges) of the enumeration that tokens ``[i, j)`` belong to, in order: items
    are separated by a comma or by و glued to the next item (تربة، رنية، المويه وبني سعد)."""

    def sep_after(k: int) -> bool:  # a list boundary after token k
        gap = doc.nt.text[doc.ends[k] : doc.starts[k + 1]] if k + 1 < doc.n else ""
        w = doc.norms[k + 1] if k + 1 < doc.n else ""
        return _LIST_SEP_RE.fullmatch(gap) is not None or (
            # و + the next item (وتربة، وبني سعد), not a word that starts with و (وزير).
            doc.glue[k]
            and w[:1] == "و"
            and len(w) > 3
            and (w not in lx.lexicon().vocab or w == "وبني")
        )

    def extent(a: int, b: int, step: int, *, end: bool) -> tuple[int, int]:
        """Grow an item from its first token; an item at either end of the list (no separator on
        its far side) keeps one word, or a tribe's بني + name."""
        limit = 2 if end and doc.norms[a if step > 0 else b - 1] in ("بني", "وبني") else 1
        if not end:
            limit = MAX_LIST_ITEM
        while b - a < limit:
            if step > 0 and b < doc.n and doc.glue[b - 1] and not sep_after(b - 1):
                b += 1
            elif step < 0 and a > 0 and doc.glue[a - 1] and not sep_after(a - 1):
                a -= 1
            else:
                break
        return a, b

    items = [(i, j)]
    a = i  # leftwards: an item ends before each separator
    while a > 0 and sep_after(a - 1):
        b = a
        a, _ = extent(a - 1, b, -1, end=not (a - 1 > 0 and sep_after(a - 2)))
        items.insert(0, (a, b))
    b = j  # rightwards
    while b < doc.n and sep_after(b - 1):
        _, b2 = extent(b, b + 1, 1, end=False)
        # The last item runs to a mark (or the text's end); one that runs on into words is cut.
        if b2 < doc.n and not sep_after(b2 - 1):
            _, b2 = extent(b, b + 1, 1, end=True)
            if doc.glue[b2 - 1]:
                break  # the list's last item ends at a mark: وخصص لهم runs on into a clause
        items.append((b, b2))
        b = b2
    return items


def enumeration_pass(doc: Doc, found: list[Found]) -> list[Found]:
    """Unknown items of an enumeration in which at least two known actors of a kind stand are of that
    kind too: places (شملت الأمطار تربة، رنية، الخرمة، المويه، بني سعد: villages) and people (ماجد
    الخيبري وعوض خريص وعساف القرني: a person of two or three words)."""
    owner = {k for f in found for k in range(f.i, f.j)}
    vocab = lx.lexicon().vocab
    out: list[Found] = []
    for kind in ("place", "person"):
        if kind == "place":
            known = {
                (f.i, f.j): f
                for f in found
                if f.method == gz.METHOD
                and f.entry.type in ("place", "country")
                and f.entry.form == "name"
            }
        else:
            known = {(f.i, f.j): f for f in found if f.entry.type == "person" and f.j - f.i >= 2}
        done: set[tuple[int, int]] = set()
        for i, j in list(known):
            if (i, j) in done or len(known) < 2:
                continue
            items = _list_items(doc, i, j)
            done.update(items)
            listed = [known[it] for it in items if it in known]
            if len(listed) < 2 or len(listed) * 4 < len(items):
                continue
            for a, b in items:
                first = doc.norms[a]
                # The و that joins the item to the list is not part of its name (after a comma it
                # is a joiner even when the word exists: ، وعيد الحجيلي).
                gap = doc.nt.text[doc.ends[a - 1] : doc.starts[a]] if a > 0 else ""
                joiner = first[:1] == "و" and (
                    first not in vocab or first == "وبني" or "،" in gap or "," in gap
                )
                words = [first[1:] if joiner else first]
                words += doc.norms[a + 1 : b]
                if (a, b) in known or any(k in owner for k in range(a, b)):
                    continue
                if not _enumerated(words, kind=kind):
                    continue
                if kind == "person":
                    entry = person_entry(doc, a, b, None, joined=words[0] != first)
                else:
                    iso3s = {g.entry.iso3 for g in listed}
                    iso3 = next(iter(iso3s)) if len(iso3s) == 1 else ""
                    entry = named_entry(doc, a, b, words, kind="place", iso3=iso3)
                out.append(Found(a, b, entry, "pattern"))
                owner.update(range(a, b))
    return out


def _enumerated(words: list[str], *, kind: str) -> bool:
    """Whether an unknown list item may be a name of the kind: no function word, digit or verb; every
    word unseen outside names (or a tribe's بني; for people a given name or a particle too), and a
    person needs two or three words (a lone given name is too ambiguous an identity)."""
    fw, stop, given = gz.function_words(), gz.stoplist(), gz.given_names()
    if kind == "person" and not 2 <= len(words) <= 3:
        return False
    for w in words:
        if w in fw or w in stop or not BASIC_LETTER_RE.match(w) or DIGIT_RE.search(w) or len(w) < 2:
            return False
        if lx.future_verb(w):
            return False
        ok = lx.is_candidate(w) or w == "بني"
        if kind == "person":
            ok = ok or w in given or w in NAME_PARTICLES
        if not ok:
            return False
    return True
