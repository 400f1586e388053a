"""Organisations found by pattern, and the lists' countries and places read as organisations:
ministries and bodies with their country, organisations named by a head noun, teams, photo credits,
and names the tagger reads as an organisation around a listed place (see
:func:`analysis.actors.extract.extract` for the order in which the passes run).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..arabic import BASIC_LETTER_RE, proclitic_splits
from . import gazetteer as gz
from . import lexicon as lx
from .document import (
    DIGIT_RE,
    Doc,
    Found,
    article_word,
    definite,
    entity_for_model,
    host,
    inside_title,
    named_entry,
    starts_head,
    team_entry,
)
from .tagging import MIN_MARGINAL_ORG_LOC, local_tags

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
            f = Found(f.i, f.j, team_entry(f.entry), "pattern")
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


def modified_adjectives(doc: Doc, found: list[Found]) -> list[Found]:
    """A country adjective after a noun it names no country for (اللغة الإنجليزية، الدوري الإنجليزي،
    المطبخ اللبناني, ``data/gazetteer/modified_heads.txt``) is no actor; so is one that follows it
    in a row of definite adjectives (باللغتين العربية والإنجليزية)."""
    heads = gz.modified_heads()
    out = []
    for f in found:
        if f.entry.type == "country" and f.entry.form == "adjective" and f.method == gz.METHOD:
            k = f.i - 1
            # Back over the definite adjectives between the noun and this one.
            while k > f.i - 3 and k >= 0 and doc.glue[k] and doc.norms[k].startswith(("ال", "وال")):
                if any(st in heads for _, st in doc.splits(k)):
                    break
                k -= 1
            if k >= 0 and doc.glue[k] and any(st in heads for _, st in doc.splits(k)):
                f = Found(f.i, f.j, gz.NOT_AN_ACTOR, f.method)
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
        or not BASIC_LETTER_RE.match(w)
        or doc.title_rests[j]  # جامعة المجمعة الدكتور: a title opens the next phrase
        or doc.info[j].org_head  # مجلس إدارة الهيئة: the board of another body
    )


def _foreign_name_word(word: str) -> bool:
    """A word no list or training sentence knows, with no clitic reading (كونكو، فيليبس)."""
    return lx.is_candidate(word) and not lx.clitic_reading(word) and word[:1] not in ("ل", "ب")


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


@lru_cache(maxsize=100_000)
def _opens_badly(word: str, *, money: bool) -> bool:
    """A word that cannot open an organisation's name: a frequent non-name word in any clitic
    reading (اهتم، رأسها) or, before a country adjective (``money``), a currency (ريال سعودي)."""
    return lx.is_common_reading(word) or (
        money and any(s in gz.currencies() for _, s in proclitic_splits(word))
    )


def organisation_pass(doc: Doc, found: list[Found]) -> list[Found]:
    """Country and place names the tagger reads as (part of) an organisation.

    When the tagger's ORG name covers a gazetteer country or place (جامعة الإسكندرية، شركة أسمنت
    حائل، الخطوط الجوية العربية السعودية) the whole name becomes one organisation with the place's
    country; a bare place read as an organisation (فاز برشلونة) becomes a team. Other list hits
    inside the name (a country adjective, a king in جامعة الملك سعود) are absorbed; organisations
    the lists know are kept as they are.
    """
    tags, probs, ran = doc.tagged
    owner = {k: f for f in found for k in range(f.i, f.j)}
    drop: set[int] = set()
    out = []
    for f in found:
        if id(f) in drop:
            continue
        if f.method != "gazetteer" or f.entry.type not in ("country", "place"):
            out.append(f)
            continue
        a, b = f.i, f.j
        if not all(tags[k] in ("B-ORG", "I-ORG") for k in range(a, b)):
            out.append(f)
            continue
        while tags[a] == "I-ORG" and a > 0 and doc.glue[a - 1]:
            a -= 1
        while b < doc.n and tags[b] == "I-ORG" and doc.glue[b - 1]:
            b += 1
        inside = {id(owner[k]): owner[k] for k in range(a, b) if k in owner}
        ok = (
            tags[a] == "B-ORG"
            # The name does not run on past what the tagger read.
            and not (b < doc.n and doc.glue[b - 1] and not ran[b])
            and min(probs[a:b]) >= MIN_MARGINAL_ORG_LOC
            and all(
                g.i >= a and g.j <= b and g.entry.type != "organization" for g in inside.values()
            )
            and (b - a > f.j - f.i or f.entry.form == "name")
            # Alone, a base, a canal or a region the tagger reads as a body is still the place
            # (قاعدة العند، قناة السويس); only a country or a city stands for its team.
            and (
                b - a > f.j - f.i
                or f.entry.type == "country"
                or f.entry.actor_id in gz.team_places()
            )
            # The tagger opens names on a verb now and then (اهتم ريال مدريد); money is no body.
            and (a == f.i or not _opens_badly(doc.norms[a], money=f.entry.form == "adjective"))
        )
        if not ok:
            out.append(f)
            continue
        if b - a == f.j - f.i:
            e = team_entry(f.entry)
        else:
            e = replace(entity_for_model(doc, a, b, "ORG"), iso3=f.entry.iso3)
        drop.update(inside)
        out = [g for g in out if id(g) not in drop]
        out.append(Found(a, b, e, "model"))
    return out


# The tagger must read a purpose into the name at least this surely (it runs on over beneficiaries:
# شركة أرامكو للمواطنين).
MIN_PURPOSE_MARGINAL = 0.5
_NOT_CONTINUED = frozenset({_MINISTRY, "مجلس"})
# Beneficiaries, not sectors: a body gives to them (جمعية البر للأسر المحتاجة), normalised.
_BENEFICIARIES = frozenset(
    {"الاسر", "الاسره", "الطلاب", "الطالبات", "الايتام", "المرضي", "الاطفال", "النساء", "الفقراء"}
)


def _purpose_word(word: str) -> bool:
    """لل + a definite sector or purpose (للاستثمار، للروبوتات), not a group of people (للمواطنين،
    للمحتاجين: a human plural) nor a common word the lists call no name's end."""
    if not word.startswith("لل") or len(word) < 5:
        return False
    noun = "ال" + word[2:]
    _, generic = gz.org_head_exceptions()
    return not (
        noun.endswith(("ين", "ون"))
        or noun in _BENEFICIARIES
        or (noun,) in gz.group_nouns()
        or noun in generic
        or noun in gz.function_words()
    )


def continuation_pass(doc: Doc, found: list[Found]) -> list[Found]:
    """An organisation's name continues over لل + its sector when the tagger reads it into the name
    (شركة الطائف للاستثمار والسياحة، شركة كوكورو للروبوتات), with the definite and coordinated words
    that follow (والسياحة، الصناعية). Only names a pattern or the tagger made: a listed name is whole."""
    owner = {k for f in found for k in range(f.i, f.j)}
    out = []
    for f in found:
        j = f.j
        if (
            f.entry.type == "organization"
            and f.method in ("pattern", "model")
            and j < doc.n
            and doc.glue[j - 1]
            and j not in owner
            and _purpose_word(doc.norms[j])
            # A ministry's or a council's لل is what it does (وزارة المالية للأطباء، مجلس الشيوخ
            # للتصويت), not its name.
            and host(doc.norms[f.i]) not in _NOT_CONTINUED
        ):
            read = local_tags(doc, f.i, j + 1)
            if read is not None and read[-1][0] == "I-ORG" and read[-1][1] >= MIN_PURPOSE_MARGINAL:
                end = _purpose_end(doc, f.i, j + 1, owner)
                words = [host(doc.norms[f.i]), *doc.norms[f.i + 1 : end]]
                entry = replace(
                    named_entry(doc, f.i, end, words, kind="organization"), iso3=f.entry.iso3
                )
                owner.update(range(j, end))
                f = Found(f.i, end, entry, f.method, f.role)
        out.append(f)
    return out
