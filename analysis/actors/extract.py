"""Per-document actor extraction: gazetteer, ministries, organisations around places, facilities, titled
people, speech verbs, model, coreference.

Works on the normalised text (:func:`analysis.arabic.normalize_with_map`) token by token; every span is
mapped back to the original text and covers the whole word, clitics included.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from ..arabic import WORD_RE, normalize_with_map, proclitic_splits, remove_tashkeel
from . import gazetteer as gz
from . import model

MAX_NAME_TOKENS = 4
MIN_SURNAME_OVER_LIST = 0.9  # the tagger's confidence needed to read a listed word as a surname
_PATRONYMIC = frozenset({"بن", "ابن", "بنت", "ال"})  # ال as in آل سعود, once normalised
_MINISTRY = "وزاره"  # normalised وزارة: a ministry is an actor even when no country is named
MAX_TITLE_TOKENS = 6
# Particles that sit inside Arabic personal names (عبد الله، محمد بن سلمان، أبو مازن، آل سعود).
_NAME_PARTICLES = frozenset({"بن", "بنت", "ابن", "ابو", "ابي", "عبد", "ال", "اول"})
# Proclitics allowed in front of a repeated surname (never the article: الروت is not روت).
_SURNAME_PREFIXES = ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل")
_ARABIC_RE = re.compile("[\u0621-\u064a]")
_DIGIT_RE = re.compile(r"\d")
_TRANSLIT = str.maketrans(
    {
        "ا": "a",
        "ب": "b",
        "ت": "t",
        "ث": "th",
        "ج": "j",
        "ح": "h",
        "خ": "kh",
        "د": "d",
        "ذ": "dh",
        "ر": "r",
        "ز": "z",
        "س": "s",
        "ش": "sh",
        "ص": "s",
        "ض": "d",
        "ط": "t",
        "ظ": "z",
        "ع": "",
        "غ": "gh",
        "ف": "f",
        "ق": "q",
        "ك": "k",
        "ل": "l",
        "م": "m",
        "ن": "n",
        "ه": "h",
        "و": "w",
        "ي": "y",
        "ء": "",
        "ئ": "",
        "ؤ": "",
        "پ": "p",
        "چ": "ch",
        "گ": "g",
        "ڤ": "v",
        " ": "-",
    }
)
_SLUG_RE = re.compile(r"[^a-z0-9]+")


@dataclass(slots=True)
class Found:
    """A mention over tokens ``[i, j)`` before it becomes a row."""

    i: int
    j: int
    entry: gz.Entry
    method: str
    role: str = ""


def slug(norm_name: str) -> str:
    """An ASCII slug of a normalised Arabic name (stable across documents)."""
    s = _SLUG_RE.sub("-", norm_name.translate(_TRANSLIT).lower()).strip("-")
    return s or "x"


class Doc:
    """Tokens of one document on its normalised text, with the helpers the passes share."""

    def __init__(self, text: str):
        self.nt = normalize_with_map(text)
        norm = self.nt.text
        matches = list(WORD_RE.finditer(norm))
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]
        self.norms = [m.group() for m in matches]
        # glue[k]: only blanks between token k and k+1 (a phrase or a name may continue).
        # An abbreviation's period (د. بيرند، م. علي) glues too: one letter and a dot.
        self.glue = [
            not (gap := norm[e:s].strip())
            or (gap == "." and e - b == 1 and _ARABIC_RE.match(norm[b]) is not None)
            for b, e, s in zip(self.starts, self.ends, self.starts[1:], strict=False)
        ] + [False]
        self.n = len(matches)
        # Everything the passes ask of a word, computed once per distinct word per process.
        get = _INFO.get
        self.info = [get(w) or word_info(w) for w in self.norms]
        self.title_rests = [x.title_rests for x in self.info]

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Original-text span of tokens ``[i, j)``."""
        return self.nt.span(self.starts[i], self.ends[j - 1])

    def splits(self, i: int) -> tuple[tuple[str, str], ...]:
        """Every (proclitic, stem) reading of token ``i``."""
        return proclitic_splits(self.norms[i])


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
        org = _ministry_at(doc, i, heads, g) if _starts_head(doc.norms[i]) else None
        if org is not None and (m is None or org.j > m.j):
            out.append(org)
            end = org.j
        elif m is not None:
            # Page furniture (جوجل بلس) is kept until the end so that no later pass reads it.
            out.append(Found(m.i, m.j, m.entry, gz.METHOD))
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
    if _inside_title(doc, i):
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


def _inside_title(doc: Doc, i: int) -> bool:
    """Whether token ``i`` continues a title opened just before (رئيس مجلس الوزراء العراقي: a role)."""
    for x in range(i - 1, max(-1, i - 3), -1):
        if not doc.glue[x]:
            return False
        if doc.title_rests[x] and (_title_at(doc, x) or 0) > i:
            return True
    return False


@dataclass(frozen=True, slots=True)
class WordInfo:
    """Per-word facts the passes look up (cached per distinct normalised word)."""

    title_rests: tuple[tuple[str, ...], ...]
    speech: bool
    phrase_start: bool  # may start a gazetteer phrase or a ministry head
    candidate: bool  # the tagger should look at it
    facility: bool  # opens a building's name (ملعب، بمطار; not the generic الملعب)
    org_head: int  # opens an organisation's name: 1 indefinite (هيئة، بغرفة), 2 definite (الهيئة)


_INFO: dict[str, WordInfo] = {}
_INFO_MAX = 500_000


def word_info(word: str) -> WordInfo:
    """Compute (and cache) the facts about one normalised word."""
    g = gz.gazetteer()
    info = WordInfo(
        _title_rests(word),
        _is_speech_verb(word),
        # A false friend alone (الحكومة) may still open a head phrase (الحكومة اليمنية).
        bool(g.hits(word) and word not in gz.stoplist()) or _starts_head(word),
        model.is_candidate(word),
        _facility_head(word),
        _org_head(word),
    )
    if len(_INFO) < _INFO_MAX:
        _INFO[word] = info
    return info


def _org_head(word: str) -> int:
    """2 if a reading of the word is a definite organisation head (الهيئة، للبنك), 1 if indefinite
    (هيئة، بغرفة), else 0."""
    heads = gz.org_heads()
    best = 0
    for p, s in proclitic_splits(word):
        if s in heads:
            definite = p.endswith(("ال", "لل"))
            if definite or not heads[s]:
                best = max(best, 2 if definite else 1)
    return best


@lru_cache(maxsize=300_000)
def _starts_head(word: str) -> bool:
    """Whether some reading of the word starts a ministry head phrase."""
    first = gz.ministry_heads().first
    return any(s in first for _, s in proclitic_splits(word))


@lru_cache(maxsize=300_000)
def _title_rests(word: str) -> tuple[tuple[str, ...], ...]:
    """Continuations of every title some reading of the word starts."""
    titles = gz.titles()
    return tuple(r for _, s in proclitic_splits(word) for r in titles.get(s, ()))


@lru_cache(maxsize=300_000)
def _is_speech_verb(word: str) -> bool:
    speech = gz.speech_verbs()
    return any(s in speech for _, s in proclitic_splits(word))


def _title_at(doc: Doc, i: int) -> int | None:
    """End token of the longest title starting at token ``i``, or None."""
    best = None
    rests = doc.title_rests[i]
    if rests:
        for rest in rests:
            j = i + 1 + len(rest)
            if j > doc.n or (best is not None and j <= best):
                continue
            if all(doc.norms[i + 1 + k] == w and doc.glue[i + k] for k, w in enumerate(rest)):
                best = j
    return best


def _is_name_token(doc: Doc, k: int, *, first: bool) -> bool:
    w = doc.norms[k]
    if not _ARABIC_RE.match(w) or _DIGIT_RE.search(w) or len(w) < 2:
        return False
    if w in gz.function_words() or w in gz.speech_verbs() or model.future_verb(w):
        return False
    if not first and _prefixed_article(w):
        # والأمير، للعلوم: a conjunction or preposition with the article starts a new phrase.
        return False
    after_particle = not first and doc.norms[k - 1] in _NAME_PARTICLES
    if _title_at(doc, k) is not None and w not in _NAME_PARTICLES and not after_particle:
        # A title starts a new phrase, except inside a family name (صالح آل الشيخ).
        return False
    if first and (w in _NAME_PARTICLES - {"عبد", "ابو"} or _definite(w) or model.prep_reading(w)):
        # A definite word right after a title belongs to the title (الرئيس التنفيذي).
        return False
    if w in _NAME_PARTICLES:
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


@lru_cache(maxsize=300_000)
def _prefixed_article(word: str) -> bool:
    """Whether the word reads as و/ف/ب/ل/ك + article (والأمير، للعلوم، بالرياض)."""
    return any(
        p not in ("", "ال") and p.endswith(("ال", "لل")) and word[len(p) :] == s
        for p, s in proclitic_splits(word)
    )


@lru_cache(maxsize=300_000)
def _definite(word: str) -> bool:
    """Whether the word carries the article (الشؤون، بالديوان، للحملة)."""
    return word.startswith("ال") or any(p.endswith(("ال", "لل")) for p, _ in proclitic_splits(word))


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
        words += doc.norms[j] not in _NAME_PARTICLES
        j += 1
    while j > k and doc.norms[j - 1] in _NAME_PARTICLES:
        j -= 1
    return j


@lru_cache(maxsize=100_000)
def host(word: str) -> str:
    """The word without the proclitics it plausibly carries (لبنك -> بنك; بنك stays بنك): the
    longest clitic reading whose rest is a known word, else the word as written."""
    vocab = model.lexicon().vocab
    for p, st in reversed(proclitic_splits(word)):
        if p and (st in vocab or st in gz.org_heads() or st in gz.given_names()):
            return st
    return word


def _without_proclitic(name: str, first: str, stem: str) -> str:
    """A name as written without the preposition or conjunction its first word carries, the article
    kept (للهيئة السعودية -> الهيئة السعودية، بمدرسة ... -> مدرسة ...)."""
    prefix = first[: len(first) - len(stem)]
    if not prefix or name[: len(prefix)] != prefix:
        return name
    if prefix.endswith("لل"):
        return "ال" + name[len(prefix) :]
    if prefix.endswith("ال"):
        return name[len(prefix) - 2 :]
    return name[len(prefix) :]


def _person_entry(
    doc: Doc, i: int, j: int, affiliation: gz.Entry | None, *, joined: bool = False
) -> gz.Entry:
    """A person's entry; ``joined``: the first word carries the و that joins it to a list."""
    words = doc.norms[i:j]
    s, e = doc.span(i, j)
    aff_id = affiliation.actor_id if affiliation else ""
    iso3 = affiliation.iso3 if affiliation else ""
    name_ar = remove_tashkeel(doc.nt.original[s:e])
    # The conjunction before a name is not part of it (وعفراء خوجلي is عفراء خوجلي): one id for both.
    cut = next(
        (
            len(p)
            for p, st in doc.splits(i)
            if p in ("و", "ف")
            and (st in gz.given_names() or (joined and p == "و"))
            # فرشيد and فلورانس are names themselves, not ف + رشيد.
            and words[0] not in gz.given_names()
            and words[0] not in model.lexicon().vocab
        ),
        0,
    )
    if cut and name_ar[:cut] == words[0][:cut]:
        words = [words[0][cut:], *words[1:]]
        name_ar = name_ar[cut:]
    return gz.Entry(
        f"person:{slug(' '.join(words))}", name_ar, "", "person", iso3, affiliation=aff_id
    )


def people_pass(doc: Doc, found: list[Found]) -> list[Found]:
    """People introduced by a title (+ affiliation) or by a speech verb; known people keep their id."""
    taken = {k: f for f in found for k in range(f.i, f.j)}
    starts = {f.i: f for f in found}
    out: list[Found] = []
    i = 0
    while i < doc.n:
        t = _title_at(doc, i) if doc.title_rests[i] and i not in taken else None
        if t is not None:
            # The title's complement: definite words no list knows (وزير الشؤون الإسلامية).
            while (
                t < doc.n
                and t - i < MAX_TITLE_TOKENS
                and doc.glue[t - 1]
                and t not in taken
                and _definite(doc.norms[t])
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
                entry = _person_entry(doc, k, j, affiliation)
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
            out.append(Found(k, j, _person_entry(doc, k, j, None), "pattern"))
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
                and not _title_rests(last)
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


def _article_word(word: str) -> bool:
    """A word with the article and no other proclitic (inside a name: الإغاثة، الإسلامية)."""
    return word.startswith("ال") and len(word) > 3


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
            and _definite(doc.norms[k - 1])
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
    fw = gz.function_words()
    out: list[Found] = []
    drop: set[int] = set()
    i = 0
    while i < doc.n - 1:
        kind = doc.info[i].org_head
        if not kind or i in owner or not doc.glue[i] or _inside_title(doc, i):
            i += 1  # رئيس مجلس الوزراء العراقي: the body belongs to the person's role
            continue
        j, last_def, country, inside = i + 1, 0, None, {}
        unknown = False  # a word no list or training sentence knows stands in the name
        while j < doc.n and doc.glue[j - 1] and j - i <= MAX_ORG_NAME:
            w, f = doc.norms[j], owner.get(j)
            if f is not None:
                m = gz.gazetteer().match_at(doc.norms, j, doc.glue)
                if (
                    f.i < j
                    or f.entry.type not in ("country", "place")
                    or (m is not None and m.prefix not in ("", "ال"))
                ):
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
            if (
                w in fw
                or w in gz.stoplist()
                or _DIGIT_RE.search(w)
                or not _ARABIC_RE.match(w)
                or doc.title_rests[j]  # جامعة المجمعة الدكتور: a title opens the next phrase
                or doc.info[j].org_head  # مجلس إدارة الهيئة: the board of another body
            ):
                break
            if _article_word(w):
                j = last_def = j + 1
            elif kind == 1 and not last_def and j - i <= 2 and len(doc.splits(j)) == 1:
                j += 1  # an idafa chain: مكتب تعليم الشرق
            elif (
                kind == 1
                and not last_def
                and j - i <= 4
                and model.is_candidate(w)
                and not model.clitic_reading(w)
                and w[:1] not in ("ل", "ب")
            ):
                j += 1  # a foreign name before its country: شركة كونكو فيليبس الأمريكية
                unknown = True
            else:
                break
        end = last_def
        ok = end > i + 1 if kind == 1 else country is not None and end > i + 1
        if unknown:
            # Unknown words make a name only when the name ends in its country (... الأمريكية).
            ok = ok and country is not None and end == country.j
        # ... or a definite head and adjectives with a purpose: اللجنة المحلية للانتخابات البلدية،
        # الندوة العالمية للشباب الإسلامي (the purpose is what makes it a name, not a description).
        purpose = (
            kind == 2
            and not ok
            and end > i + 1
            and end < doc.n
            and doc.glue[end - 1]
            and end not in owner
            and doc.norms[end].startswith("لل")
            and len(doc.norms[end]) > 4
            and "ال" + doc.norms[end][2:] not in gz.org_head_exceptions()[1]
        )
        ok = ok or purpose
        if ok and kind == 2 and not purpose and country is not None and country.i == i + 1:
            # الشركة الأمريكية is any American company; البنك السعودي الهولندي is one bank.
            generic = gz.org_head_exceptions()[1]
            follows = doc.norms[end] if end < doc.n and doc.glue[end - 1] else ""
            # ... unless a purpose follows (الهيئة السعودية للمهندسين).
            ok = doc.norms[i] not in generic or end > country.j or follows[:1] == "ل"
        if ok and kind == 1:
            phrases, generic = gz.org_head_exceptions()
            head = next(st for p, st in doc.splits(i) if st in gz.org_heads())
            words = (head, *doc.norms[i + 1 : end])
            ok = doc.norms[end - 1] not in generic and not any(
                words[: len(p)] == p for p in phrases
            )
        if not ok:
            i += 1
            continue
        if purpose:
            end += 1
            # Its adjectives and coordinated nouns (للشباب الإسلامي، للدعوة والإرشاد).
            while (
                end < doc.n
                and doc.glue[end - 1]
                and end not in owner
                and end - i <= MAX_ORG_NAME + 2
                and (
                    _article_word(doc.norms[end])
                    or (doc.norms[end].startswith("وال") and len(doc.norms[end]) > 5)
                )
                and doc.norms[end] not in gz.function_words()
                and not doc.title_rests[end]  # ... الإسلامي الدكتور: a title opens the next phrase
                # ... والمؤسسة العامة: the next body in a list (البلدية alone is an adjective).
                and not (doc.norms[end][:1] == "و" and doc.info[end].org_head)
            ):
                end += 1
        # A purpose after the name (للمهندسين، لنصرة الأشقاء) belongs to it.
        elif kind == 2 and end < doc.n and doc.glue[end - 1]:
            w = doc.norms[end]
            if w.startswith("لل") and end not in owner:
                end += 1
            elif (
                w[:1] == "ل"
                and end + 1 < doc.n
                and doc.glue[end]
                and end not in owner
                and _article_word(doc.norms[end + 1])
                and end + 1 not in owner
            ):
                end += 2
        s, e = doc.span(i, end)
        words = [host(doc.norms[i]), *doc.norms[i + 1 : end]]
        name = _without_proclitic(remove_tashkeel(doc.nt.original[s:e]), doc.norms[i], words[0])
        iso3 = country.entry.iso3 if country is not None else ""
        entry = gz.Entry(
            f"org:{slug(' '.join(words))}",
            name,
            "",
            "organization",
            iso3,
        )
        out.append(Found(i, end, entry, "pattern"))
        drop.update(inside)
        owner.update({k: out[-1] for k in range(i, end)})
        i = end
    return [f for f in found if id(f) not in drop] + out


MAX_FACILITY_NAME = 4
# Honorifics inside a building's name (ملعب الملك فهد، جامع الإمام تركي بن عبدالله).
_FACILITY_PARTICLES = _NAME_PARTICLES | {"الملك", "الامير", "الشيخ", "الامام", "السلطان", "سمو"}


def _facility_head(word: str) -> bool:
    """Whether the word is an indefinite facility head, proclitics allowed (ملعب، بمطار; not الملعب)."""
    heads = gz.facility_heads()
    return any(s in heads and not p.endswith(("ال", "لل")) for p, s in proclitic_splits(word))


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
        if w in fw or not _ARABIC_RE.match(w) or _DIGIT_RE.search(w):
            return 0
    return 0


def facility_pass(doc: Doc, found: list[Found]) -> list[Found]:
    """A building or site with its name (ملعب الملك فهد، مطار هيثرو، مخيم جنين) is one place; list
    hits inside the name (the king, the city) are absorbed, so a stadium does not count as a king.

    The head is indefinite (a construct: ملعب X; الملعب is generic) and the name's words carry no
    proclitic (مسجد بأبها is a mosque in Abha); a place or person from the lists ends the name."""
    owner = {k: f for f in found for k in range(f.i, f.j)}
    g, heads = gz.gazetteer(), gz.facility_heads()
    out, drop = [], set()
    for i in [i for i, x in enumerate(doc.info[:-1]) if x.facility]:
        if not doc.glue[i] or i in owner:
            continue
        school = _school_name_end(doc, i, owner)
        if school:
            words = [next(st for _, st in doc.splits(i) if st in heads), *doc.norms[i + 1 : school]]
            s, e = doc.span(i, school)
            entry = gz.Entry(
                f"org:{slug(' '.join(words))}",
                remove_tashkeel(doc.nt.original[s:e]),
                "",
                "organization",
                "",
            )
            out.append(Found(i, school, entry, "pattern"))
            owner.update({k: out[-1] for k in range(i, school)})
            continue
        j, named, inside = i + 1, False, {}
        area = any(st in gz.area_heads() for _, st in doc.splits(i))
        while j < doc.n and doc.glue[j - 1] and j - i - 1 < MAX_FACILITY_NAME:
            w, f = doc.norms[j], owner.get(j)
            if f is not None:
                m = g.match_at(doc.norms, j, doc.glue)
                if (
                    f.i < j
                    or f.entry.type == "organization"
                    or f.entry.form != "name"
                    or (m is not None and m.prefix not in ("", "ال"))
                ):
                    break
                inside[id(f)] = f
                j, named = f.j, True
                break
            if w in _FACILITY_PARTICLES:
                j += 1
            elif _bare_name_word(w):
                j, named = j + 1, True
            elif area and j == i + 1 and _article_word(w) and w not in gz.function_words():
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
        words = [head, *doc.norms[i + 1 : j]]
        s, e = doc.span(i, j)
        entry = gz.Entry(
            f"{'org' if kind == 'organization' else 'place'}:{slug(' '.join(words))}",
            remove_tashkeel(doc.nt.original[s:e]),
            "",
            kind,
            iso3,
        )
        out.append(Found(i, j, entry, "pattern"))
        drop.update(inside)
        owner.update({k: out[-1] for k in range(i, j)})
    return [f for f in found if id(f) not in drop] + out


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
                s, e = doc.span(h, f.j)
                words = [head, *doc.norms[h + 1 : f.j]]
                entry = gz.Entry(
                    f"org:{slug(' '.join(words))}",
                    remove_tashkeel(doc.nt.original[s:e]),
                    "",
                    "organization",
                    "",
                )
                f = Found(h, f.j, entry, "pattern")
        out.append(f)
    return out


@lru_cache(maxsize=300_000)
def _bare_name_word(word: str) -> bool:
    """An Arabic word no list or training sentence uses outside names, without a proclitic."""
    return (
        _ARABIC_RE.match(word) is not None
        and not _DIGIT_RE.search(word)
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
                    entry = _person_entry(doc, a, b, None, joined=words[0] != first)
                else:
                    s, e = doc.span(a, b)
                    iso3s = {g.entry.iso3 for g in listed}
                    cut = len(first) - len(words[0])
                    entry = gz.Entry(
                        f"place:{slug(' '.join(words))}",
                        remove_tashkeel(doc.nt.original[s:e])[cut:],
                        "",
                        "place",
                        next(iter(iso3s)) if len(iso3s) == 1 else "",
                    )
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
        if w in fw or w in stop or not _ARABIC_RE.match(w) or _DIGIT_RE.search(w) or len(w) < 2:
            return False
        if model.future_verb(w):
            return False
        ok = model.is_candidate(w) or w == "بني"
        if kind == "person":
            ok = ok or w in given or w in _NAME_PARTICLES
        if not ok:
            return False
    return True


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
    found = gazetteer_pass(doc)
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
        found = credits_pass(doc, teams_pass(doc, found))
        found = facility_pass(doc, found)
        found = institution_pass(doc, adjective_readings(doc, found))
        found += people_pass(doc, found)
        found += coreference_pass(doc, found)
        found = [f for f in found if not _surname_of_a_person(doc, f)]
        found += model.model_pass(doc, found)
        found = named_after_people(doc, found)
        found += enumeration_pass(doc, found)
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
_MODEL_PREFIX = {"PER": "person", "ORG": "org", "LOC": "place"}


def entity_for_model(doc: Doc, i: int, j: int, kind: str) -> gz.Entry:
    """The entry of a name only the tagger found (id from its normalised, clitic-free form)."""
    if kind == "PER":
        return _person_entry(doc, i, j, None)
    words = [host(doc.norms[i]), *doc.norms[i + 1 : j]]
    s, e = doc.span(i, j)
    return gz.Entry(
        f"{_MODEL_PREFIX[kind]}:{slug(' '.join(words))}",
        remove_tashkeel(doc.nt.original[s:e]),
        "",
        _MODEL_TYPES[kind],
        "",
    )
