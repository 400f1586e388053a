"""People: introduced by a title (+ affiliation) or a speech verb, and the names the statistical
tagger finds that no list or pattern did (people mostly, organisations and places too).
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import replace
from functools import lru_cache

from ..arabic import BASIC_LETTER_RE, NAME_PARTICLES, PRONOUN_SUFFIXES, proclitic_splits
from . import gazetteer as gz
from . import lexicon as lx
from . import tagging
from .document import (
    DIGIT_RE,
    Doc,
    Found,
    definite,
    entity_for_model,
    person_entry,
    prefixed_article,
    slug,
    title_at,
)

MAX_NAME_TOKENS = 4
MIN_SURNAME_OVER_LIST = 0.9  # the tagger's confidence needed to read a listed word as a surname
MAX_TITLE_TOKENS = 6
# A one-word person only the tagger vouches for is too often a verb or a noun with clitics in raw
# news (اطمأن، وخلية، سعادته): the tagger's people need two words; a surname alone comes by coreference.
MIN_PERSON_WORDS = 2
# ... unless the one word is bare, name-like and the tagger is this sure (رفسنجاني، مورينيو).
MIN_MARGINAL_LONE_PER = 0.9
# ... or after a speech verb (قال ستون), which vouches for more.
MIN_MARGINAL_LONE_PER_SPEECH = 0.7
# Particles that end no name the tagger reads (it may run on into محمد بن ...).
_TRAILING_PARTICLES = NAME_PARTICLES - {"ابي", "اول"}
# A lone given name (محمد، عبد الله) is too ambiguous to be an actor on the tagger's word alone.
_FILLERS = _TRAILING_PARTICLES | {"الله"}


def _is_name_token(doc: Doc, k: int, *, first: bool) -> bool:
    w = doc.norms[k]
    if not BASIC_LETTER_RE.match(w) or DIGIT_RE.search(w) or len(w) < 2:
        return False
    if w in gz.function_words() or w in gz.speech_verbs() or lx.future_verb(w):
        return False
    if not first and prefixed_article(w):
        # والأمير، للعلوم: a conjunction or preposition with the article starts a new phrase.
        return False
    after_particle = not first and doc.norms[k - 1] in NAME_PARTICLES
    if title_at(doc, k) is not None and w not in NAME_PARTICLES and not after_particle:
        # A title starts a new phrase, except inside a family name (صالح آل الشيخ).
        return False
    if first and w in gz.unit_nouns():
        return False  # مدير قسم الطوارئ: the unit belongs to the role, it is no name
    if first and (w in NAME_PARTICLES - {"عبد", "ابو"} or definite(w) or lx.prep_reading(w)):
        # A definite word right after a title belongs to the title (الرئيس التنفيذي).
        return False
    if w in NAME_PARTICLES:
        return True
    # The tagger, where it ran, has the last word: it sees the context a list cannot.
    vote = tagging.says_person(doc, k, first=first)
    if vote is not None:
        return vote
    # It skips words it knows as non-names; a given name after a title is still a name (الشيخ صالح).
    if w in gz.given_names():
        return True
    # Without a model, fall back on the common words.
    return tagging.tagger() is None and not lx.is_common(w)


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
            titles = gz.titles()
            prefix = _literal_prefix(doc, i, titles)
            role = _role_text(doc, i, t, prefix)
            # نائب رئيس الجمهورية: the qualifier belongs to the role (the deputy is not the president).
            q = _qualified_start(doc, i)
            qualified = role
            if q < i:
                firsts = {key[0] for key in gz.role_qualifiers()}
                qualified = _role_text(doc, q, t, _literal_prefix(doc, q, firsts))
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
                p.entry, p.role = e, qualified
                i = p.j
                continue
            j = read_name(doc, k, taken) if k < doc.n and doc.glue[k - 1] else k
            p = starts.get(j)
            if j > k and p is not None and _rest_of_listed_name(doc, k, j, p):
                # رجب طيب + إردوغان، عادل بن أحمد + الجبير: the list hit is the end of this name.
                p.i, p.role = k, qualified
                i = p.j
                continue
            # all() of nothing is True: no name read means no person.
            if not all(w in gz.stoplist() for w in doc.norms[k:j]):
                entry = person_entry(doc, k, j, affiliation)
                if _given_name_only(doc.norms[k:j]):
                    # "الملك عبدالله", "الأمير خالد": a given name alone is one person only
                    # together with the title, so the title is part of the identity.
                    title = " ".join([doc.norms[i][len(prefix) :], *doc.norms[i + 1 : t]])
                    entry = replace(
                        entry,
                        actor_id=f"person:{slug(title + ' ' + ''.join(doc.norms[k:j]))}",
                        name_ar=f"{role} {entry.name_ar}",
                    )
                out.append(Found(k, j, entry, "pattern", qualified))
                i = j
                continue
            i = t
            continue
        i += 1
    return out + _speech_pass(doc, found + out)


def _rest_of_listed_name(doc: Doc, k: int, j: int, p: Found) -> bool:
    """Whether list hit ``p`` right after the words ``[k, j)`` read after a title ends their name:
    a listed person whose name opens with the first word read (رجب طيب | إردوغان)."""
    if p.entry.type != "person" or p.method != gz.METHOD or not doc.glue[j - 1]:
        return False
    listed = gz.key_of(p.entry.name_ar)
    return len(listed) >= 2 and listed[0] == doc.norms[k] and p.j - p.i < len(listed)


def _given_name_only(words: list[str]) -> bool:
    """A lone given name, عبد + its second word as one (فهد، عبد الله، عبدالعزيز)."""
    if len(words) == 2 and words[0] == "عبد":
        words = ["عبد" + words[1]]
    return len(words) == 1 and words[0] in gz.given_names()


def _literal_prefix(doc: Doc, i: int, firsts: Container[str]) -> str:
    """The proclitic token ``i`` carries before the first word of a title or a qualifier
    (``firsts``), read literally (للرئيس = لل + رئيس)."""
    w = doc.norms[i]
    return next((p for p, st in doc.splits(i) if st in firsts and w[len(p) :] == st), "")


def _role_text(doc: Doc, i: int, t: int, prefix: str) -> str:
    """The role as written over tokens ``[i, t)``, without the conjunction or preposition glued to
    its first word (ووزير -> وزير)."""
    s, e = doc.span(i, t)
    role = doc.nt.original[s:e]
    return role[len(prefix) :] if prefix and role.startswith(prefix) else role


def _qualified_start(doc: Doc, i: int) -> int:
    """Start of the qualifiers glued before the title at token ``i`` (نائب، مساعد، القائم بأعمال;
    they may stack), or ``i``."""
    q = i
    while True:
        for key in gz.role_qualifiers():
            a = q - len(key)
            if (
                a >= 0
                and all(doc.glue[a:q])
                and tuple(doc.norms[a + 1 : q]) == key[1:]
                and any(st == key[0] for _, st in doc.splits(a))
            ):
                q = a
                break
        else:
            return q


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
        if j - k >= 2 and tagging.name_ok(doc, k, j, strict=True, taken=taken):
            out.append(Found(k, j, person_entry(doc, k, j, None), "pattern"))
            taken.update(range(k, j))
    return out


def surname_of_a_person(doc: Doc, f: Found) -> bool:
    """A one-word list hit that is the surname after a given name, as the tagger reads it (غوران
    إريكسون is a coach, not Ericsson; هاريسون فورد is an actor, not Ford)."""
    k = f.i
    if f.method != gz.METHOD or f.j - k != 1 or f.entry.type == "person" or k == 0:
        return False
    tags, probs, _ = doc.tagged
    return (
        doc.glue[k - 1]
        and tags[k - 1] == "B-PER"
        and tags[k] == "I-PER"
        and min(probs[k - 1], probs[k]) >= MIN_SURNAME_OVER_LIST
        and doc.norms[k - 1] in gz.given_names()
    )


def _lone_surname(doc: Doc, k: int, prob: float, *, after_demonym: bool) -> bool:
    """A one-word person: bare (no clitic, no article), name-like, the tagger sure of it, and
    either after a speech verb (قال روت) or a nationality (البرازيلي دييجو), or tagged a person
    again elsewhere in the document. A speech verb right before vouches for more than the rest."""
    w = doc.norms[k]
    if not (
        prob >= min(MIN_MARGINAL_LONE_PER, MIN_MARGINAL_LONE_PER_SPEECH)
        and not lx.clitic_reading(w)
        and lx.is_namey(w)
        and not w.endswith(PRONOUN_SUFFIXES[:4])
    ):
        return False
    if k > 0 and doc.glue[k - 1] and doc.info[k - 1].speech:
        return prob >= MIN_MARGINAL_LONE_PER_SPEECH
    if prob < MIN_MARGINAL_LONE_PER:
        return False
    if after_demonym:
        return True
    tags = doc.tagged.tags
    return any(doc.norms[x] == w and tags[x] in ("B-PER", "I-PER") for x in range(doc.n) if x != k)


# Words a supplication puts before God (سائلا الله، داعين المولى): a participle, not a name.
_GOD = frozenset({"الله", "المولي"})


@lru_cache(maxsize=100_000)
def _function_word(word: str) -> bool:
    """A function word or a noun no name holds, with و/ف (هما، أمام، عقار); علي is a name, though it
    normalises like على."""
    fw = gz.function_words()
    return any(
        st in fw and st not in gz.given_names()
        for p, st in proclitic_splits(word)
        if p in ("", "و", "ف") and len(st) >= 3
    )


def _no_actor(words: list[str]) -> bool:
    """Whether a name the tagger reads is no actor whatever its type: a currency (ريال بارتفاع),
    a lone Latin letter (بي), a participle before God (سائلا الله) or a group of people
    (رجال الأمن)."""
    first, splits = words[0], proclitic_splits(words[0])
    if any(len(st) >= 3 and st in gz.currencies() for _, st in splits):
        return True
    if len(words) == 1 and first in gz.letter_names():
        return True
    if (
        len(words) >= 2
        and words[1] in _GOD
        and first.endswith(("ا", "ين"))
        and len(first) >= 4
        and first not in gz.given_names()
    ):
        return True
    return any((st, *words[1 : len(key)]) == key for key in gz.group_nouns() for _, st in splits)


def model_pass(doc: Doc, found: list[Found]) -> list[Found]:
    """Names the tagger finds that no list or pattern did."""
    taken = {k for f in found for k in range(f.i, f.j)}
    # Ends of definite masculine singular country adjectives (اليوناني) glued to the next word: a
    # name may follow; after الألمانية or السعوديين it is mostly a verb (استفادت، سيستفيدون).
    demonym = {
        f.j
        for f in found
        if f.entry.form == "adjective"
        and doc.norms[f.i].startswith("ال")
        and doc.norms[f.j - 1].endswith("ي")
        and doc.glue[f.j - 1]
    }
    tags, probs, _ = tagging.doc_tags(doc, taken)
    stop = gz.stoplist()
    out = []
    k = 0
    while k < doc.n:
        if not tags[k].startswith("B-"):
            k += 1
            continue
        kind = tags[k][2:]
        j = k + 1
        while j < doc.n and tags[j] == "I-" + kind:
            j += 1
        end = j
        while end > k + 1 and (
            doc.norms[end - 1] in _TRAILING_PARTICLES
            or (
                kind == "PER"
                and lx.not_name(doc.norms[end - 1])
                # ناصر بن سليمان المنيع: after a patronymic the definite word is the family name.
                and not (end - k >= 4 and doc.norms[end - 3] in ("بن", "ابن", "بنت"))
            )
        ):
            end -= 1
        # A name opens after the function words the tagger read into it (هما عوض حسين الوادعي); what
        # is left of it must be two words at least (not عقار روزجليتازون، أمام هجر).
        a = k
        while a < end and _function_word(doc.norms[a]):
            a += 1
        if a > k and end - a < 2:
            k = j
            continue
        words = doc.norms[a:end]
        ok = (
            # A name no list holds has at least one word the training data never saw outside one,
            # and one it never saw or saw mostly in names (not الهيئة العامة، رجال الأمن).
            any(lx.is_candidate(w) for w in words)
            and any(lx.is_namey(w) for w in words)
            # Given names alone (محمد، عبد الله) are too ambiguous; two of them (أحمد حسن) make a name.
            and not (kind == "PER" and all(w in _FILLERS for w in words))
            and not (kind == "PER" and len(words) == 1 and words[0] in gz.given_names())
            and not any(x in taken for x in range(k, j))
            and min(probs[a:end])
            >= (tagging.MIN_MARGINAL if kind == "PER" else tagging.MIN_MARGINAL_ORG_LOC)
            and (
                kind != "PER"
                or end - a >= MIN_PERSON_WORDS
                or _lone_surname(doc, a, probs[a], after_demonym=a in demonym)
            )
            and not all(w in stop or lx.is_common(w) for w in words)
            and not (kind == "PER" and lx.prep_reading(words[0]))
            and not lx.is_common_reading(words[0])
            and all(lx.ARABIC_WORD_RE.match(w) for w in words)
            and not _no_actor(words)
        )
        if ok:
            out.append(Found(a, end, entity_for_model(doc, a, end, kind), "model"))
        k = j
    return out
