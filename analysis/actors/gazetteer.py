"""The actor gazetteer: CLDR country names plus the curated lists under ``data/gazetteer/``.

Keys are tuples of normalised tokens (see :func:`analysis.arabic.normalize`). Lookup is a dict from
the first token to the phrases that start with it, longest first; the first token may carry proclitics
(و ف ب ل ك ال لل), the following tokens must match exactly. Everything is compiled once per process.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from .. import config
from ..arabic import WORD_RE, normalize, proclitic_splits
from ..resources import read_rows, read_words

# Territory codes CLDR names that are not countries (EU, UN, euro area, pseudo-locales...).
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})
_PAREN_RE = re.compile(r"\s*\(.*?\)")
_NISBA_SUFFIXES = ("", "ه", "ين", "ون", "ان", "تين", "تان", "ات")
_AL = "ال"
MIN_KEY_CHARS = 3
METHOD = "gazetteer"


@dataclass(frozen=True, slots=True)
class Entry:
    """What a gazetteer key resolves to."""

    actor_id: str
    name_ar: str
    name_en: str
    type: str  # person, country, organization, place
    iso3: str
    form: str = "name"  # name or adjective
    affiliation: str = ""


@dataclass(frozen=True, slots=True)
class Match:
    """A gazetteer hit over tokens ``[i, j)``; ``prefix`` is the proclitic stripped from token i."""

    i: int
    j: int
    prefix: str
    entry: Entry


def word_set(name: str) -> frozenset[str]:
    """The normalised words of the list ``data/gazetteer/<name>``."""
    return frozenset(normalize(w) for w in read_words(config.GAZETTEER_DIR / name))


def key_of(phrase: str) -> tuple[str, ...]:
    """The lookup key of a phrase: its normalised word tokens."""
    return tuple(m.group() for m in WORD_RE.finditer(normalize(phrase)))


@lru_cache(maxsize=1)
def stoplist() -> frozenset[str]:
    """Normalised false-friend words (never an actor on their own)."""
    return word_set("stoplist.txt")


@lru_cache(maxsize=8)
def marked_words(name: str) -> tuple[tuple[str, str], ...]:
    """(normalised word or phrase, mark) of a list whose lines may carry a mark: ``word *`` (a
    restriction), ``! phrase`` or ``~ word`` (exceptions); unmarked lines have mark ""."""
    out = []
    for line in read_words(config.GAZETTEER_DIR / name):
        first, _, rest = line.partition(" ")
        rest = rest.strip()
        if first in ("!", "~"):
            out.append((" ".join(key_of(rest)), first))
        else:
            out.append((normalize(first), rest))
    return tuple(out)


@lru_cache(maxsize=1)
def facility_heads() -> dict[str, str]:
    """Normalised words that open the name of a building or site (ملعب، مطار -> place) or of an
    institution often named after someone (مركز، جامعة -> organization)."""
    out = dict.fromkeys(word_set("institution_heads.txt"), "organization")
    out.update((w, "place") for w, _ in marked_words("facility_heads.txt"))
    return out


@lru_cache(maxsize=1)
def named_after_heads() -> dict[str, str]:
    """Normalised words that name a thing after the honoured person after them (طريق الملك فهد، دوري
    عبداللطيف جميل) -> the thing's type (place, organization, or none), facility heads included."""
    out = facility_heads() | {w: mark for w, mark in marked_words("named_after_heads.txt")}
    return out


def honorific_only(kind: str) -> tuple[str, bool]:
    """(type, whether an honorific must stand between) of a named-after head's mark (``none+``)."""
    return kind.removesuffix("+"), kind.endswith("+")


@lru_cache(maxsize=1)
def generic_names() -> frozenset[tuple[str, ...]]:
    """Keys of the names many institutions share (كلية الطب، مستشفى الملك فهد)."""
    return frozenset(key_of(w) for w in read_words(config.GAZETTEER_DIR / "generic_names.txt"))


@lru_cache(maxsize=1)
def area_heads() -> frozenset[str]:
    """Facility heads that one definite word may name (حي الحمراء، شارع التحلية): marked * in the file."""
    return frozenset(w for w, mark in marked_words("facility_heads.txt") if mark == "*")


@lru_cache(maxsize=1)
def org_heads() -> dict[str, bool]:
    """Normalised nouns that open an organisation's name (هيئة، جمعية، البنك ...) -> whether only in
    the definite pattern (marked ``*`` in the file)."""
    return {w: mark == "*" for w, mark in marked_words("org_heads.txt") if mark in ("", "*")}


@lru_cache(maxsize=1)
def org_head_exceptions() -> tuple[frozenset[tuple[str, ...]], frozenset[str]]:
    """Phrases that open like an organisation's name but are common nouns (هيئة التدريس), and definite
    nouns that point back to a body already named (المحافظة): both from ``org_heads.txt``."""
    rows = marked_words("org_heads.txt")
    phrases = frozenset(tuple(w.split()) for w, mark in rows if mark == "!")
    return phrases, frozenset(w for w, mark in rows if mark == "~")


@lru_cache(maxsize=1)
def photo_credits() -> dict[str, Entry]:
    """Normalised country adjective -> the news agency it names alone in brackets ((الفرنسية) = AFP)."""
    entries = gazetteer().entries
    return {
        normalize(r["adjective"]): entries[f"org:{r['org']}"]
        for r in read_rows(config.GAZETTEER_DIR / "photo_credits.csv")
    }


@lru_cache(maxsize=1)
def team_cues() -> frozenset[str]:
    """Normalised words that make the country or city after them a sports team (منتخب، مرمى)."""
    return word_set("team_cues.txt")


@lru_cache(maxsize=1)
def currencies() -> frozenset[str]:
    """Normalised currency names (ريال، دولار): with a country adjective they are money."""
    return word_set("currencies.txt")


@lru_cache(maxsize=1)
def letter_names() -> frozenset[str]:
    """Normalised Latin letters spelt in Arabic (بي، إتش): alone, no actor."""
    return word_set("letter_names.txt")


@lru_cache(maxsize=1)
def group_nouns() -> frozenset[tuple[str, ...]]:
    """Keys of the common nouns that name groups of people (رجال الأمن، المواطنون)."""
    return frozenset(key_of(p) for p in read_words(config.GAZETTEER_DIR / "group_nouns.txt"))


@lru_cache(maxsize=1)
def role_qualifiers() -> frozenset[tuple[str, ...]]:
    """Keys of the words that qualify a title and belong to the role (نائب، المتحدث باسم)."""
    return frozenset(key_of(p) for p in read_words(config.GAZETTEER_DIR / "role_qualifiers.txt"))


@lru_cache(maxsize=1)
def modified_heads() -> frozenset[str]:
    """Normalised nouns whose country adjective names no country (اللغة، الدوري، المطبخ)."""
    return word_set("modified_heads.txt")


# Kinds of listed place that field a sports side (فاز برشلونة); a base, a canal or a region does not.
_TEAM_KINDS = frozenset({"city", "capital", "province", "island"})


@lru_cache(maxsize=1)
def team_places() -> frozenset[str]:
    """Ids of the listed places that may stand for their team (cities, capitals, provinces)."""
    return frozenset(
        f"place:{r['slug']}"
        for r in read_rows(config.GAZETTEER_DIR / "places.csv")
        if r["kind"] in _TEAM_KINDS
    )


@lru_cache(maxsize=1)
def unit_nouns() -> frozenset[str]:
    """Normalised nouns for a unit of an institution (قسم، شعبة، فرع): after a title, part of the role."""
    return word_set("unit_nouns.txt")


def function_words() -> frozenset[str]:
    """Normalised words that never belong to a person's name."""
    return word_set("function_words.txt")


def country_names() -> dict[str, tuple[str, str, str]]:
    """ISO3 -> (Arabic name, English name, ISO2) from CLDR via Babel, countries only."""
    from babel import Locale

    alpha3 = {
        r["alpha2"]: r["alpha3"] for r in read_rows(config.GAZETTEER_DIR / "iso3166_alpha3.csv")
    }
    ar, en = Locale("ar").territories, Locale("en").territories
    out = {}
    for a2, name in ar.items():
        if a2 in _NOT_COUNTRIES or a2 not in alpha3:
            continue
        out[alpha3[a2]] = (_PAREN_RE.sub("", name).strip(), en.get(a2, a2), a2)
    return out


def _regular_nisba(name: str) -> str | None:
    """The nisba base a single-word country name derives by rule (اليابان -> ياباني), or None."""
    toks = key_of(name)
    if len(toks) != 1:
        return None
    base = toks[0][2:] if toks[0].startswith(_AL) else toks[0]
    if base.endswith(("ا", "ه")):
        base = base[:-1]
    return base + "ي" if len(base) >= 3 else None


def nisba_forms(base: str) -> Iterator[tuple[str, ...]]:
    """Every inflection of a (possibly multi-word) nisba, with and without the article."""
    words = key_of(base)
    for suffix in _NISBA_SUFFIXES:
        plain = tuple(w + suffix for w in words)
        yield plain
        yield tuple(_AL + w for w in plain)


class Gazetteer:
    """Compiled lookup: first token -> [(following tokens, entry)], longest phrase first."""

    def __init__(self, table: dict[tuple[str, ...], Entry]):
        stop = stoplist()
        index: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}
        for key, entry in table.items():
            if len(key) == 1 and (key[0] in stop or len(key[0]) < MIN_KEY_CHARS):
                continue
            index.setdefault(key[0], []).append((key[1:], entry))
        for cands in index.values():
            cands.sort(key=lambda c: -len(c[0]))
        self.index = index
        # For matching: phrases of two or more words are found by their first two words (a given
        # name opens hundreds of people's names), single words by the first alone.
        self._pairs: dict[tuple[str, str], list[tuple[tuple[str, ...], Entry]]] = {}
        self._single: dict[str, Entry] = {}
        for first, cands in index.items():
            for rest, entry in cands:
                if rest:
                    self._pairs.setdefault((first, rest[0]), []).append((rest[1:], entry))
                else:
                    self._single.setdefault(first, entry)
        self.entries = {
            e.actor_id: e for e in table.values() if e.form == "name" and e.type != "none"
        }
        self._readings: dict[str, tuple[tuple[str, str], ...]] = {}

    def readings(self, word: str) -> tuple[tuple[str, str], ...]:
        """(proclitic, stem) for each reading of a normalised word whose stem starts a phrase."""
        cached = self._readings.get(word)
        if cached is None:
            cached = tuple((p, st) for p, st in proclitic_splits(word) if st in self.index)
            if len(self._readings) < 500_000:
                self._readings[word] = cached
        return cached

    def match_at(self, norms: list[str], i: int, glue: list[bool]) -> Match | None:
        """The longest phrase starting at token ``i`` (``glue[k]``: tokens k and k+1 are adjacent)."""
        best: Match | None = None
        n = len(norms)
        nxt = norms[i + 1] if i + 1 < n and glue[i] else None
        for prefix, s in self.readings(norms[i]):
            article = prefix.endswith((_AL, "لل"))
            for rest, entry in self._pairs.get((s, nxt), ()) if nxt is not None else ():
                j = i + 2 + len(rest)
                if best is not None and j <= best.j:
                    break
                # A name written without the article never takes one: الحماس is zeal, not Hamas
                # (names that take it, and definite adjectives, are listed with it). Country names
                # that double as adjectives (تشيلي -> التشيلي) are the exception.
                if j > n or (article and entry.type != "country"):
                    continue
                if all(norms[i + 2 + k] == w and glue[i + 1 + k] for k, w in enumerate(rest)):
                    best = Match(i, j, prefix, entry)
                    break
            entry = self._single.get(s)
            if entry is not None and best is None and not (article and entry.type != "country"):
                best = Match(i, i + 1, prefix, entry)
        return best


@lru_cache(maxsize=1)
def _build_table() -> tuple[dict[tuple[str, ...], Entry], dict[str, Entry]]:
    """The phrase table and the anaphors, built once (Babel and every list read a single time)."""
    g = config.GAZETTEER_DIR
    table: dict[tuple[str, ...], Entry] = {}
    anaphors: dict[str, Entry] = {}

    def put(phrase_or_key: str | tuple[str, ...], entry: Entry, *, override: bool = True) -> None:
        key = key_of(phrase_or_key) if isinstance(phrase_or_key, str) else phrase_or_key
        if key and (override or key not in table):
            table[key] = entry

    # Least trusted first: later layers override earlier ones on the same key.
    countries = country_names()
    variants: dict[str, list[str]] = {}
    for r in read_rows(g / "country_variants.csv"):
        variants.setdefault(r["iso3"], []).append(r["variant"])
    nisbas: dict[str, list[str]] = {}
    for r in read_rows(g / "nisba.csv"):
        nisbas.setdefault(r["iso3"], []).append(r["base"])
    name_keys = {key_of(n) for iso3, (n, _, _) in countries.items()} | {
        key_of(v) for vs in variants.values() for v in vs
    }

    def country_entry(iso3: str, form: str) -> Entry:
        ar, en, _ = countries.get(iso3, (iso3, iso3, ""))
        return Entry(f"country:{iso3}", ar, en, "country", iso3, form)

    # 1. Adjectives: regular derivations, then the curated irregular/multi-word bases.
    for iso3, (ar, _, _) in countries.items():
        for name in (ar, *variants.get(iso3, ())):
            base = _regular_nisba(name)
            if base and base not in stoplist():
                for key in nisba_forms(base):
                    if key not in name_keys:
                        put(key, country_entry(iso3, "adjective"), override=False)
    for iso3, bases in nisbas.items():
        for base in bases:
            for key in nisba_forms(base):
                if key not in name_keys:
                    put(key, country_entry(iso3, "adjective"))
    # 2. Places, organisations, people.
    for r in read_rows(g / "places.csv"):
        e = Entry(f"place:{r['slug']}", r["name_ar"], r["name_en"], "place", r["iso3"])
        for phrase in (r["name_ar"], *filter(None, r["aliases"].split("|"))):
            put(phrase, e)
    for r in read_rows(g / "organizations.csv"):
        e = Entry(f"org:{r['slug']}", r["name_ar"], r["name_en"], "organization", r["iso3"])
        for phrase in (r["name_ar"], *filter(None, r["aliases"].split("|"))):
            put(phrase, e)
        for a in filter(None, r["anaphors"].split("|")):
            anaphors[normalize(a)] = e
    for r in read_rows(g / "people.csv"):
        e = Entry(
            f"person:{r['slug']}",
            r["name_ar"],
            r["name_en"],
            "person",
            r["iso3"],
            affiliation=r["affiliation"],
        )
        for phrase in (r["name_ar"], *filter(None, r["aliases"].split("|"))):
            put(phrase, e)
    # 3. Country names last: a name always wins over an adjective or a place with the same spelling.
    for iso3, (ar, _, _) in countries.items():
        for name in (ar, *variants.get(iso3, ())):
            put(name, country_entry(iso3, "name"))
    for iso3 in variants.keys() - countries.keys():
        raise ValueError(f"country_variants.csv: unknown iso3 {iso3}")
    # 4. Phrases that hold a listed name but are no actor (جوجل بلس): matched, then dropped.
    for phrase in read_words(g / "not_actors.txt"):
        put(phrase, NOT_AN_ACTOR)
    return table, anaphors


NOT_AN_ACTOR = Entry("none:", "", "", "none", "")


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The compiled gazetteer (built once per process)."""
    return Gazetteer(_build_table()[0])


@lru_cache(maxsize=1)
def anaphors() -> dict[str, Entry]:
    """Generic words (الحلف) -> the organisation they refer back to."""
    return _build_table()[1]


@dataclass(frozen=True, slots=True)
class Ministry:
    """A ministry or armed-force head noun phrase matched before a country adjective."""

    head: str
    slug: str
    name_en: str
    # The country word must be a feminine adjective (الخارجية الأمريكية).
    feminine_only: bool = False


@dataclass(frozen=True, slots=True)
class Heads:
    """Ministry heads indexed by first token: first -> [(following tokens, ministry)]."""

    first: dict[str, list[tuple[tuple[str, ...], Ministry]]]


@lru_cache(maxsize=1)
def ministry_heads() -> Heads:
    """The ministry/armed-force head phrases (وزارة الدفاع, الجيش), longest first."""
    first: dict[str, list[tuple[tuple[str, ...], Ministry]]] = {}
    for r in read_rows(config.GAZETTEER_DIR / "ministries.csv"):
        key = key_of(r["head"])
        first.setdefault(key[0], []).append(
            (key[1:], Ministry(r["head"], r["slug"], r["name_en"], r.get("agree") == "f"))
        )
    for v in first.values():
        v.sort(key=lambda t: -len(t[0]))
    return Heads(first)


@lru_cache(maxsize=1)
def titles() -> dict[str, list[tuple[str, ...]]]:
    """First token of a title -> its remaining tokens, longest title first."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for r in read_rows(config.GAZETTEER_DIR / "titles.csv"):
        key = key_of(r["title"])
        out.setdefault(key[0], []).append(key[1:])
    for v in out.values():
        v.sort(key=lambda t: -len(t))
    return out


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Normalised common given names (a tagger feature, never an actor by itself)."""
    return word_set("given_names.txt")


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """Normalised speech verbs (قال, أكد ...)."""
    return word_set("speech_verbs.txt")


@dataclass(frozen=True, slots=True)
class Body:
    """A body many countries have (وزارة الخارجية): its head as written and English name, and the
    ids of the countries' own bodies that have one of their own (SAU -> org:SRCA)."""

    head: str
    name_en: str
    own: dict[str, str]
    abroad: bool = False  # named mostly abroad: never the paper's own country by default
    names: tuple[str, ...] = ()  # every head it is named by (مجلس النواب، البرلمان)


@lru_cache(maxsize=1)
def national_bodies() -> dict[str, Body]:
    """Slug -> the body many countries have: every ministries.csv slug no organisation of
    organizations.csv holds, and the rows of ``national_bodies.csv`` (RED-CRESCENT)."""
    entries = gazetteer().entries
    own: dict[str, dict[str, str]] = {}
    for r in read_rows(config.GAZETTEER_DIR / "national_bodies.csv"):
        own.setdefault(r["slug"], {})[r["iso3"]] = f"org:{r['org']}"
    out: dict[str, Body] = {}
    rows = read_rows(config.GAZETTEER_DIR / "ministries.csv")
    heads: dict[str, list[str]] = {}
    for r in rows:
        heads.setdefault(r["slug"], []).append(r["head"])
    for r in rows:
        if f"org:{r['slug']}" not in entries and r["slug"] not in out:
            b = Body(r["head"], r["name_en"], own.get(r["slug"], {}), r.get("abroad") == "y")
            out[r["slug"]] = replace(b, names=tuple(heads[r["slug"]]))
    for s, by_iso3 in own.items():
        e = entries.get(f"org:{s}")
        if e is not None:
            out[s] = Body(e.name_ar, e.name_en, by_iso3, names=(e.name_ar,))
    return out


@lru_cache(maxsize=1)
def source_countries() -> dict[str, str]:
    """Corpus ``source`` value -> the country of the paper (``okaz`` -> ``SAU``), from media.csv."""
    entries = gazetteer().entries
    out = {}
    for r in read_rows(config.GAZETTEER_DIR / "media.csv"):
        e = entries.get(f"org:{r['org']}")
        for s in r["sources"].split("|"):
            if s.strip() and e is not None and e.iso3:
                out[s.strip()] = e.iso3
    return out
