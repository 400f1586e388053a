"""Organisations and places found by pattern: ministries and bodies with their country, organisations
named by a head noun, teams, photo credits, buildings and areas, schools, institutions named after
people, and the unknown items of enumerations (see :func:`analysis.actors.extract.extract` for the
order in which they run).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..arabic import proclitic_splits
from . import gazetteer as gz
from . import model
from .document import (
    ARABIC_RE,
    DIGIT_RE,
    NAME_PARTICLES,
    Doc,
    Found,
    article_word,
    definite,
    host,
    inside_title,
    named_entry,
    person_entry,
    starts_head,
)

_MINISTRY = "وزاره"  # normalised وزارة: a ministry is an actor even when no country is named


def gazetteer_pass(doc: Doc) -> list[Found]:
    """Left-to-right longest matches of the gazetteer and the ministry patterns."""
    g, heads = gz.gazetteer(), gz.ministry_heads()
    out: list[Found] = []
    # Only tokens that can start a phrase are visited; most tokens are skipped in C.
    starts = [i for i, x in enumerate(doc.info) if x.phrase_start]
    end = 0
    for i in starts:
        if i < end:
            continue
        m = g.match_at(doc.norms, i, doc.glue)
        org = _ministry_at(doc, i, heads, g) if starts_head(doc.norms[i]) else None
        if org is not None and (m is None or org.j > m.j):
            out.append(org)
            end = org.j
        elif m is not None:
            # Page furniture (جوجل بلس) is kept until the end so that no later pass reads it.
            out.append(Found(m.i, m.j, m.entry, gz.METHOD, prefix=m.prefix))
            end = m.j
    return _ministries_in_context(out)


def _ministries_in_context(found: list[Found]) -> list[Found]:
    """A ministry named without a country after the same ministry with one (وزارة الداخلية اليمنية
    ... وقالت وزارة الداخلية) is that country's."""
    seen: dict[str, gz.Entry] = {}
    out = []
    for f in found:
        if f.method == "pattern" and f.entry.type == "organization":
            _, _, rest = f.entry.actor_id.partition(":")
            country, _, slug_ = rest.rpartition("-")
            if country and len(country) == 3 and country.isupper():
                seen[slug_] = f.entry
            elif not f.entry.iso3 and rest in seen:
                f = Found(f.i, f.j, seen[rest], f.method, f.role)
        out.append(f)
    return out


def _ministry_at(doc: Doc, i: int, heads: gz.Heads, g: gz.Gazetteer) -> Found | None:
    """وزارة الدفاع اليابانية / الجيش الروسي: a head phrase followed by a country word; a ministry
    named with no country (وزارة الداخلية) is an organisation of unknown country."""
    if inside_title(doc, i):
        return None
    bare: Found | None = None
    for _, stem in doc.splits(i):
        for rest, ministry in heads.first.get(stem, ()):
            h = i + 1 + len(rest)
            if h > doc.n or any(
                doc.norms[i + 1 + k] != w or not doc.glue[i + k] for k, w in enumerate(rest)
            ):
                continue
            # A ministry or a body of two words (مجلس الوزراء، الحرس الوطني) is named enough alone;
            # الجيش or الحكومة alone is not.
            if bare is None and (stem == _MINISTRY or rest):
                e = gz.Entry(
                    f"org:{ministry.slug}", ministry.head, ministry.name_en, "organization", ""
                )
                bare = Found(i, h, e, "pattern")
            if h >= doc.n or not doc.glue[h - 1]:
                continue
            c = g.match_at(doc.norms, h, doc.glue)
            if c is None or c.prefix or c.entry.type != "country":
                continue
            if c.entry.form == "adjective" and not doc.norms[h].startswith("ال"):
                continue
            if ministry.feminine_only and not (
                c.entry.form == "adjective" and doc.norms[c.j - 1].endswith("ه")
            ):
                continue
            iso3 = c.entry.iso3
            e = gz.Entry(
                f"org:{iso3}-{ministry.slug}",
                f"{ministry.head} ({c.entry.name_ar})",
                f"{ministry.name_en} ({c.entry.name_en})",
                "organization",
                iso3,
            )
            return Found(i, c.j, e, "pattern")
    return bare


_SCORE_RE = re.compile(r"\s*[-–:]\s*")
_GOALS_RE = re.compile(r"\d{1,2}|صفر")  # a match score, not a year or a date


def _score_at(doc: Doc, j: int) -> bool:
    """Whether a match score (3 - صفر، 1-1) starts at token ``j``."""
    if j + 1 >= doc.n:
        return False
    a, b = doc.norms[j], doc.norms[j + 1]
    between = doc.nt.text[doc.ends[j] : doc.starts[j + 1]]
    after = doc.nt.text[doc.ends[j + 1] : doc.ends[j + 1] + 2]
    return (
        _GOALS_RE.fullmatch(a) is not None
        and _GOALS_RE.fullmatch(b) is not None
        and _SCORE_RE.fullmatch(between) is not None
        # A date (10-8-2015) or a range of years is no score.
        and not _SCORE_RE.match(after)
    )


_OPEN_RE = re.compile(r"\(\s*$")
_CLOSE_RE = re.compile(r"^\s*(\)|-\s*ارشيف)")  # normalised text: أرشيف reads ارشيف


def credits_pass(doc: Doc, found: list[Found]) -> list[Found]:
    """A country adjective alone in brackets is a photo credit naming the agency: (الفرنسية) is AFP."""
    credits = gz.photo_credits()
    out = []
    for f in found:
        agency = credits.get(doc.norms[f.i]) if f.j - f.i == 1 else None
        if agency is not None and f.entry.form == "adjective":
            s, e = doc.starts[f.i], doc.ends[f.i]
            text = doc.nt.text
            if _OPEN_RE.search(text[max(0, s - 3) : s]) and _CLOSE_RE.match(text[e : e + 12]):
                f = Found(f.i, f.j, agency, "pattern")
        out.append(f)
    return out


def teams_pass(doc: Doc, found: list[Found]) -> list[Found]:
    """A country or city named as a sports side is its team: after a cue word (منتخب مصر، مرمى جورجيا،
    لاعبي إيطاليا, ``data/gazetteer/team_cues.txt``) or before a score (فاز على ليسوتو 3 - صفر)."""
    cues = gz.team_cues()
    out = []
    for f in found:
        if (
            f.method == gz.METHOD
            and f.entry.type in ("country", "place")
            and f.entry.form == "name"
            and (
                # The cue is a construct head, so indefinite: منتخب مصر, not المدرب التشيلي.
                (
                    f.i > 0
                    and doc.glue[f.i - 1]
                    and any(
                        st in cues and not p.endswith(("ال", "لل")) and not st.startswith("ال")
                        for p, st in doc.splits(f.i - 1)
                    )
                )
                or _score_at(doc, f.j)
            )
        ):
            f = Found(f.i, f.j, model.team_entry(f.entry), "pattern")
        out.append(f)
    return out


MAX_ORG_NAME = 6  # words after the head


def adjective_readings(doc: Doc, found: list[Found]) -> list[Found]:
    """A country name that is also its feminine adjective (السعودية) right after a definite noun
    (المرأة السعودية، الهيئة السعودية) is the adjective."""
    out = []
    for f in found:
        k = f.i
        if (
            f.entry.type == "country"
            and f.entry.form == "name"
            and f.j - f.i == 1
            and k > 0
            and doc.glue[k - 1]
            and doc.norms[k].startswith("ال")
            and doc.norms[k].endswith("يه")
            and definite(doc.norms[k - 1])
            and doc.norms[k - 1] not in gz.function_words()  # إلى normalises to الي
        ):
            f = Found(f.i, f.j, replace(f.entry, form="adjective"), f.method, f.role)
        out.append(f)
    return out


def institution_pass(doc: Doc, found: list[Found]) -> list[Found]:
    """Organisations named by a head noun (``data/gazetteer/org_heads.txt``): a construct ending in a
    definite word (غرفة الشرقية، مكتب تعليم الشرق، هيئة الإغاثة الإسلامية العالمية), or a definite head
    with definite adjectives and a country adjective (الهيئة السعودية للمهندسين، البنك السعودي
    الهولندي), which gives the organisation its country. List hits inside the name are absorbed."""
    owner = {k: f for f in found for k in range(f.i, f.j)}
    out: list[Found] = []
    drop: set[int] = set()
    i = 0
    while i < doc.n - 1:
        kind = doc.info[i].org_head
        if not kind or i in owner or not doc.glue[i] or inside_title(doc, i):
            i += 1  # رئيس مجلس الوزراء العراقي: the body belongs to the person's role
            continue
        body = _body_at(doc, i, kind, owner)
        if body is None:
            i += 1
            continue
        end, country, inside = body
        words = [host(doc.norms[i]), *doc.norms[i + 1 : end]]
        iso3 = country.entry.iso3 if country is not None else ""
        entry = named_entry(doc, i, end, words, kind="organization", iso3=iso3)
        out.append(Found(i, end, entry, "pattern"))
        drop.update(inside)
        owner.update({k: out[-1] for k in range(i, end)})
        i = end
    return [f for f in found if id(f) not in drop] + out


def _body_at(
    doc: Doc, i: int, kind: int, owner: dict[int, Found]
) -> tuple[int, Found | None, dict[int, Found]] | None:
    """(end, country mention, absorbed list hits) of the organisation a head opens at token ``i``
    (``kind`` 1 indefinite, 2 definite), or None when the words after it make no name."""
    j, last_def, country, inside = i + 1, 0, None, {}
    unknown = False  # a word no list or training sentence knows stands in the name
    while j < doc.n and doc.glue[j - 1] and j - i <= MAX_ORG_NAME:
        w, f = doc.norms[j], owner.get(j)
        if f is not None:
            if f.i < j or f.entry.type not in ("country", "place") or f.prefix not in ("", "ال"):
                break  # بالطائف: a place with a preposition is where, not part of the name
            adjective = f.entry.form == "adjective" and w.startswith("ال")
            if not adjective and kind == 2:
                break  # الهيئة + a country name: "the authority" of somewhere, not a name
            country = country or f
            inside[id(f)] = f
            j = last_def = f.j
            if not adjective:
                break  # a name ends the construct (غرفة الشرقية، جامعة القاهرة)
            continue
        if _ends_body(doc, j):
            break
        if article_word(w):
            j = last_def = j + 1
        elif kind == 1 and not last_def and j - i <= 2 and len(doc.splits(j)) == 1:
            j += 1  # an idafa chain: مكتب تعليم الشرق
        elif kind == 1 and not last_def and j - i <= 4 and _foreign_name_word(w):
            j += 1  # a foreign name before its country: شركة كونكو فيليبس الأمريكية
            unknown = True
        else:
            break
    end = last_def
    if end <= i + 1:
        return None
    phrases, generic = gz.org_head_exceptions()
    follows = doc.norms[end] if end < doc.n and doc.glue[end - 1] and end not in owner else ""
    if kind == 1:
        # Unknown words make a name only when the name ends in its country (... الأمريكية).
        head = next(st for _, st in doc.splits(i) if st in gz.org_heads())
        words = (head, *doc.norms[i + 1 : end])
        if (unknown and (country is None or end != country.j)) or doc.norms[end - 1] in generic:
            return None
        if any(words[: len(p)] == p for p in phrases):
            return None
        return end, country, inside
    if country is None:
        # A definite head and adjectives with a purpose is a name (اللجنة المحلية للانتخابات البلدية،
        # الندوة العالمية للشباب الإسلامي); without one it is a description.
        if not (
            follows.startswith("لل") and len(follows) > 4 and "ال" + follows[2:] not in generic
        ):
            return None
        return _purpose_end(doc, i, end + 1, owner), None, inside
    # الشركة الأمريكية is any American company; البنك السعودي الهولندي or الهيئة السعودية
    # للمهندسين is one body.
    if country.i == i + 1 and end == country.j and doc.norms[i] in generic and follows[:1] != "ل":
        return None
    return _lam_end(doc, end, owner), country, inside


def _ends_body(doc: Doc, j: int) -> bool:
    """Whether token ``j`` cannot continue an organisation's name."""
    w = doc.norms[j]
    return bool(
        w in gz.function_words()
        or w in gz.stoplist()
        or DIGIT_RE.search(w)
        or not ARABIC_RE.match(w)
        or doc.title_rests[j]  # جامعة المجمعة الدكتور: a title opens the next phrase
        or doc.info[j].org_head  # مجلس إدارة الهيئة: the board of another body
    )


def _foreign_name_word(word: str) -> bool:
    """A word no list or training sentence knows, with no clitic reading (كونكو، فيليبس)."""
    return (
        model.is_candidate(word) and not model.clitic_reading(word) and word[:1] not in ("ل", "ب")
    )


def _purpose_end(doc: Doc, i: int, end: int, owner: dict[int, Found]) -> int:
    """End of a purpose's adjectives and coordinated nouns (للشباب الإسلامي، للدعوة والإرشاد)."""
    while (
        end < doc.n
        and doc.glue[end - 1]
        and end not in owner
        and end - i <= MAX_ORG_NAME + 2
        and (
            article_word(doc.norms[end])
            or (doc.norms[end].startswith("وال") and len(doc.norms[end]) > 5)
        )
        and doc.norms[end] not in gz.function_words()
        and not doc.title_rests[end]  # ... الإسلامي الدكتور: a title opens the next phrase
        # ... والمؤسسة العامة: the next body in a list (البلدية alone is an adjective).
        and not (doc.norms[end][:1] == "و" and doc.info[end].org_head)
    ):
        end += 1
    return end


def _lam_end(doc: Doc, end: int, owner: dict[int, Found]) -> int:
    """A purpose after a name with its country belongs to it (للمهندسين، لنصرة الأشقاء)."""
    if end >= doc.n or not doc.glue[end - 1] or end in owner:
        return end
    w = doc.norms[end]
    if w.startswith("لل"):
        return end + 1
    if (
        w[:1] == "ل"
        and end + 1 < doc.n
        and doc.glue[end]
        and article_word(doc.norms[end + 1])
        and end + 1 not in owner
    ):
        return end + 2
    return end


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
        if w in fw or not ARABIC_RE.match(w) or DIGIT_RE.search(w):
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


def named_after_people(doc: Doc, found: list[Found]) -> list[Found]:
    """An institution head right before a person (مدرسة حسان بن ثابت، ثانوية سلمان الفارسي) makes one
    organisation named after them: the school is not the companion."""
    heads = gz.facility_heads()
    out = []
    for f in found:
        # The tagger may have read the head into the name (ثانوية سلمان الفارسي).
        h = f.i if f.j - f.i > 1 and doc.info[f.i].facility else f.i - 1
        if (
            f.entry.type == "person"
            and h >= 0
            and doc.glue[h]
            and doc.info[h].facility
            and (h == f.i or not any(g.i <= h < g.j for g in found))
        ):
            head = next((st for p, st in doc.splits(h) if st in heads), "")
            if heads.get(head) == "organization":
                words = [head, *doc.norms[h + 1 : f.j]]
                f = Found(h, f.j, named_entry(doc, h, f.j, words, kind="organization"), "pattern")
        out.append(f)
    return out


@lru_cache(maxsize=300_000)
def _bare_name_word(word: str) -> bool:
    """An Arabic word no list or training sentence uses outside names, without a proclitic."""
    return (
        ARABIC_RE.match(word) is not None
        and not DIGIT_RE.search(word)
        and word not in gz.function_words()
        and model.is_candidate(word)
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
            and (w not in model.lexicon().vocab or w == "وبني")
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
    vocab = model.lexicon().vocab
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
        if w in fw or w in stop or not ARABIC_RE.match(w) or DIGIT_RE.search(w) or len(w) < 2:
            return False
        if model.future_verb(w):
            return False
        ok = model.is_candidate(w) or w == "بني"
        if kind == "person":
            ok = ok or w in given or w in NAME_PARTICLES
        if not ok:
            return False
    return True
