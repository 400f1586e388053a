"""Corpus-level identity: one entity, one id, whatever document first named it.

Per-document extraction gives an entity several ids: a listed person read by a title pattern gets an
id transliterated from its name (``person:hsn-rwhany`` beside the listed ``person:hassan-rouhani``), a
body found by the tagger gets one from its words (``org:mjls-alwzra`` beside ``org:CABINET``), and a
short form is never joined to the full name across documents (علي صالح، الرئيس هادي، جواد ظريف).
:func:`identity` links them in one pass over the whole ``mentions`` frame:

1. **Same name.** An id that is not listed joins the listed id whose name or alias (the gazetteer,
   or the ``name_ar`` of a listed id seen in the corpus) equals one of its names after normalisation,
   when exactly one listed id of the same type carries that name and their ``iso3`` do not conflict.
   Unlisted ids of one type sharing a name are one entity too. Two listed ids are never merged.
2. **Short forms of people.** An unlisted person whose name (a leading title such as الرئيس dropped)
   is a short form of a longer name — the same last word, the other words in order among the full
   name's (علي صالح / علي عبدالله صالح; جواد ظريف / محمد جواد ظريف) — joins that person when, of all the
   people with such a longer name, exactly one ever appears in a document beside it (a lone surname:
   in at least :data:`MIN_SHARED_DOCS` of its documents; two given names only when seen beside it;
   the longer name read at least :data:`MIN_FULL_MENTIONS` times). In a chain of fathers (خالد بن فهد بن خالد)
   a short form keeps the first name. A surname after
   بن / آل is a father's or family name, not a surname (سلمان is not محمد بن سلمان). When two candidates
   co-occur with the short form anywhere in the corpus (two الأسد), nothing is merged. Longer short
   forms are resolved first, so ظريف sees جواد ظريف already inside محمد جواد ظريف.

The surviving id of a group is a function of the ids alone: a listed id first, then the id with most
mentions, then the smallest id string. Every decision reads sets and counts, never row order, so the
same mentions give the same ids whatever the engine, worker count, batch split, input order or cache.

Output: ``mentions.actor_id`` is the merged id, ``mentions.local_actor_id`` the id the document pass
gave; ``name_ar``, ``name_en`` and ``type`` (and ``iso3`` where the mention had none) follow the merged
actor. ``actors`` (:func:`actors_table`) gains ``aliases``: the surfaces of the mentions merged into
it (other than its name and clitic copies), ``|``-joined, and counts by form (``n_names``,
``n_adjectives``). The pass runs on the whole corpus at once (it gathers ``mentions``); rerunning it
on its own output gives the same frames. Call: ``frames |= identity(frames)`` after the per-document
parse (and boilerplate flags), before stories and user overrides (:mod:`analysis.overrides`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from .. import schema
from ..arabic import PATRONYMIC_PARTICLES, normalize, remove_tashkeel, remove_tatweel
from . import gazetteer as gz

ALIAS_SEP = "|"
# A lone surname joins the one longer name it is seen beside only if they share at least this
# share of the surname's documents.
MIN_SHARED_DOCS = 0.3
# A longer name absorbs short forms only once the corpus has read it this often (a name read once
# may be a verb or a neighbour fused into it: ويلاحق حسين حبري).
MIN_FULL_MENTIONS = 2
_CLITIC_LETTERS = frozenset("وفبلك")
_NAME_COLS = ("name_ar", "name_en", "type", "iso3", "sector")

Name = tuple[str, ...]


# --- the actors frame ----------------------------------------------------------------------------


def most_common(df: pd.DataFrame, col: str) -> pd.Series:
    """Per actor, the most frequent non-empty ``col``; ties to the smallest value (order-free)."""
    d = df.loc[df[col].fillna("") != "", ["actor_id", col]]
    counts = d.groupby(["actor_id", col], sort=False).size().reset_index(name="n")
    counts = counts.sort_values(["actor_id", "n", col], ascending=[True, False, True])
    return counts.drop_duplicates("actor_id").set_index("actor_id")[col]


def _clean(surface: str) -> str:
    return " ".join(remove_tatweel(remove_tashkeel(surface)).split())


def _alias_list(forms: set[str], name: str) -> str:
    """Forms sorted, without the actor's own name and without clitic copies (وظريف beside ظريف)."""
    norms = {normalize(f) for f in forms} | {normalize(name)}
    keep = {
        f
        for f in forms
        if normalize(f) != normalize(name)
        and not (f[:1] in _CLITIC_LETTERS and normalize(f[1:]) in norms)
    }
    return ALIAS_SEP.join(sorted(keep))


def _aliases(mentions: pd.DataFrame, names: pd.Series) -> pd.Series:
    """Per actor, the surfaces of the mentions merged into it (their local id differs)."""
    if "local_actor_id" not in mentions.columns:
        return pd.Series(dtype="string")
    local = mentions["local_actor_id"].fillna("")
    m = mentions.loc[(local != "") & (local != mentions["actor_id"]) & (mentions["form"] == "name")]
    forms = m.groupby("actor_id")["surface"].agg(lambda s: {_clean(x) for x in s})
    return pd.Series({a: _alias_list(f, names.get(a, "")) for a, f in forms.items()}, dtype=object)


def actors_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per actor: most frequent names and type, aliases, mentions by form, documents."""
    if mentions.empty:
        return schema.empty("actors")
    g = mentions.groupby("actor_id", sort=True)
    form = mentions["form"].fillna("")
    out = pd.DataFrame(
        {
            "n_mentions": g.size(),
            "n_docs": g["doc_id"].nunique(),
            "n_names": (form == "name").groupby(mentions["actor_id"]).sum(),
            "n_adjectives": (form == "adjective").groupby(mentions["actor_id"]).sum(),
        }
    )
    for col in _NAME_COLS:
        out[col] = most_common(mentions, col).reindex(out.index).fillna("")
    out["aliases"] = _aliases(mentions, out["name_ar"]).reindex(out.index).fillna("")
    out = out.rename_axis("actor_id").reset_index()
    out = out.sort_values(["n_mentions", "actor_id"], ascending=[False, True])
    return schema.conform(out, "actors")


# --- names -----------------------------------------------------------------------------------------


def name_key(name: str) -> Name:
    """A name's normalised words (the gazetteer's key)."""
    return gz.key_of(name)


def strip_title(key: Name) -> tuple[Name, Name]:
    """(title, rest) of a name key that opens with a listed title (الرئيس هادي -> الرئيس, هادي)."""
    titles = gz.titles()
    first = key[0] if key else ""
    heads = [first, first[2:]] if first.startswith("ال") else [first]
    for head in heads:
        for rest in titles.get(head, ()):
            n = 1 + len(rest)
            if key[1:n] == rest and len(key) > n:
                return key[:n], key[n:]
    return (), key


def is_short_form(short: Name, full: Name) -> bool:
    """Whether ``short`` may stand for ``full``: fewer words, the same last word, the others in
    order among full's; a last word after بن/آل (a father's or family name) must keep the particle."""
    if not short or len(short) >= len(full) or short[-1] != full[-1]:
        return False
    # بن سلمان / آل صالح alone name a father or a family, not this person.
    patronym = len(full) >= 2 and full[-2] in PATRONYMIC_PARTICLES
    if patronym and (len(short) < 3 or short[-2] != full[-2] or short[0] in PATRONYMIC_PARTICLES):
        return False
    # In a chain of fathers the first word is the person: فهد بن خالد is not خالد بن فهد بن خالد.
    if any(w in PATRONYMIC_PARTICLES for w in full[1:-1]) and short[0] != full[0]:
        return False
    it = iter(full[:-1])
    return all(w in it for w in short[:-1])


# --- union-find over ids, with a deterministic survivor -------------------------------------------


class _Groups:
    """Disjoint sets of ids; ``rank`` orders candidates for the surviving id (smallest wins)."""

    def __init__(self, ids: Iterable[str], rank: dict[str, tuple]):
        self.parent = {i: i for i in ids}
        self.rank = rank

    def find(self, i: str) -> str:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, a: str, b: str, *, keep: str | None = None) -> None:
        """Join the sets of ``a`` and ``b``; the survivor is ``keep``'s root, else the best rank."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if keep is not None:
                top, drop = (ra, rb) if self.find(keep) == ra else (rb, ra)
            else:
                top, drop = sorted((ra, rb), key=lambda r: self.rank[r])
            self.parent[drop] = top

    def members(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for i in sorted(self.parent):
            out[self.find(i)].append(i)
        return out


# --- the pass --------------------------------------------------------------------------------------


def _listed_entries() -> dict[Name, gz.Entry]:
    """Gazetteer key -> entry, names only (adjectives and not-actors left out)."""
    table = gz._build_table()[0]
    return {k: e for k, e in table.items() if e.form == "name" and e.type != "none"}


@dataclass(slots=True)
class _Facts:
    """What the pass knows of one local id."""

    n: int
    type: str
    iso3: str
    listed: bool
    names: frozenset[Name]
    docs: frozenset[str]


def _pairs(mentions: pd.DataFrame, col: str) -> dict[str, set[str]]:
    """Per actor id, the set of distinct non-empty values of ``col``."""
    d = mentions[["actor_id", col]].drop_duplicates()
    out: dict[str, set[str]] = defaultdict(set)
    for i, v in zip(d["actor_id"].tolist(), d[col].fillna("").tolist(), strict=True):
        if v:
            out[i].add(v)
    return out


def _id_facts(mentions: pd.DataFrame) -> dict[str, _Facts]:
    """Per local id: mention count, type, iso3, whether listed, its name keys and documents."""
    m = mentions[["actor_id", "doc_id", "type", "iso3", "name_ar", "name_en"]].astype(object)
    n = m["actor_id"].value_counts().to_dict()
    types, isos = (most_common(m, c).to_dict() for c in ("type", "iso3"))
    listed = set(m.loc[m["name_en"].fillna("") != "", "actor_id"]) | {
        e.actor_id for e in _listed_entries().values()
    }
    names = _pairs(m, "name_ar")
    docs = _pairs(m[m["type"] == "person"], "doc_id")  # step 2 reads people's documents only
    return {
        i: _Facts(
            n=int(n[i]),
            type=types.get(i, ""),
            iso3=isos.get(i, ""),
            listed=i in listed,
            names=frozenset(k for k in map(name_key, names.get(i, ())) if k),
            docs=frozenset(docs.get(i, ())),
        )
        for i in sorted(n)
    }


def _compatible(a: _Facts, b: _Facts) -> bool:
    return a.type == b.type and not (a.iso3 and b.iso3 and a.iso3 != b.iso3)


def _same_name_links(
    rows: dict[str, _Facts], entries: dict[Name, gz.Entry]
) -> list[tuple[str, str]]:
    """Pairs of ids to merge because they carry the same name (step 1)."""
    listed_by_key: dict[tuple[str, Name], set[str]] = defaultdict(set)
    for key, e in entries.items():
        listed_by_key[(e.type, key)].add(e.actor_id)
    for i, r in rows.items():
        if r.listed:
            for key in r.names:
                listed_by_key[(r.type, key)].add(i)
    unlisted_by_key: dict[tuple[str, Name], list[str]] = defaultdict(list)
    links = []
    for i, r in rows.items():
        if r.listed:
            continue
        targets = set().union(*(listed_by_key.get((r.type, k), set()) for k in r.names))
        if len(targets) == 1:
            (t,) = targets
            if t not in rows or _compatible(r, rows[t]):
                links.append((t, i))
        elif not targets:
            for k in r.names:
                unlisted_by_key[(r.type, k)].append(i)
    for ids in unlisted_by_key.values():
        links.extend((ids[0], other) for other in ids[1:])
    return links


@dataclass(slots=True)
class _Person:
    """What step 2 knows of a group of person ids."""

    names: frozenset[Name]
    listed: bool
    docs: frozenset[str]
    iso3: frozenset[str]
    level: int  # words in its longest name
    n: int  # mentions


def _people(facts: dict[str, _Facts], groups: _Groups) -> dict[str, _Person]:
    """Per group of person ids (by root): its names without titles, documents, iso3."""
    out: dict[str, _Person] = {}
    for root, ms in groups.members().items():
        ms = [facts[i] for i in ms if i in facts and facts[i].type == "person"]
        if ms:
            out[root] = _Person(
                names=frozenset(strip_title(k)[1] for f in ms for k in f.names),
                listed=any(f.listed for f in ms),
                docs=frozenset().union(*(f.docs for f in ms)),
                iso3=frozenset(f.iso3 for f in ms) - {""},
                level=0,
                n=sum(f.n for f in ms),
            )
            out[root].level = max(map(len, out[root].names), default=0)
    return out


def _absorb(info: dict[str, _Person], target: str, root: str) -> None:
    """Fold group ``root`` into ``target`` (its level, which orders the loop, is kept)."""
    p, t = info.pop(root), info[target]
    t.names, t.docs, t.iso3 = t.names | p.names, t.docs | p.docs, t.iso3 | p.iso3
    t.n += p.n


def _target(root: str, info: dict[str, _Person], by_last: dict, groups: _Groups) -> str | None:
    """The one longer name group ``root`` stands for, or None when the corpus leaves it open."""
    p = info[root]
    cands = {
        c
        for k in p.names
        if k
        for c in {groups.find(c) for c in by_last.get(k[-1], ())}
        if c != root
        # A longer name read once (ويلاحق حسين حبري، عبدالله عطيفو نواف العابد) may be a misreading.
        and (info[c].listed or (info[c].level > p.level and info[c].n >= MIN_FULL_MENTIONS))
        and any(
            is_short_form(k, f) and (info[c].listed or _opens_a_name(f, k)) for f in info[c].names
        )
    }
    shared = {c: len(info[c].docs & p.docs) for c in cands}
    near = {c for c, n in shared.items() if n}
    lone = all(len(k) < 2 for k in p.names)
    if lone and len(near) == 1 and shared[next(iter(near))] < MIN_SHARED_DOCS * len(p.docs):
        # A lone surname met beside the full name in a few of its documents only: one column's
        # «الشيخ يوسف», or a president's surname named once beside a namesake, is not that person.
        return None
    if len(near) != 1:
        # Never seen beside any of them: a given name + surname (or title + surname) that only one
        # person of the corpus carries is still unambiguous; a lone surname is not.
        # Two given names (محمد يوسف) are too common a pair to stand for the one longer name unseen.
        two_words = any(len(k) >= 2 and not set(k) <= gz.given_names() for k in p.names)
        if near or len(cands) != 1 or not two_words:
            return None
        near = cands
    (target,) = near
    return None if p.iso3 and info[target].iso3 and not (p.iso3 & info[target].iso3) else target


def _opens_a_name(full: Name, short: Name) -> bool:
    """Whether an unlisted longer name opens like a name: not with a definite word the short form
    lacks (الأيمن حسن معاذ is the right-back حسن معاذ)."""
    return full[0] in short or not full[0].startswith("ال")


def _short_form_links(facts: dict[str, _Facts], groups: _Groups) -> None:
    """Merge unlisted people into the one longer name they stand for (step 2), in place."""
    info = _people(facts, groups)
    by_last: dict[str, set[str]] = defaultdict(set)
    by_level: dict[int, list[str]] = defaultdict(list)
    for root, p in sorted(info.items()):
        for k in p.names:
            if len(k) >= 2:
                by_last[k[-1]].add(root)
        if not p.listed:
            by_level[p.level].append(root)
    for size in sorted(by_level, reverse=True):
        decided = [
            (t, r) for r in by_level[size] if (t := _target(r, info, by_last, groups)) is not None
        ]
        for target, root in decided:
            groups.union(target, root, keep=target)
        for target, root in decided:
            _absorb(info, target, root)


def resolve_ids(mentions: pd.DataFrame) -> dict[str, str]:
    """Local id -> merged id for every id of ``mentions`` (identity for ids left alone)."""
    if mentions.empty:
        return {}
    facts = _id_facts(mentions)
    links = _same_name_links(facts, _listed_entries())
    ids = set(facts) | {t for t, _ in links}
    none = _Facts(0, "", "", True, frozenset(), frozenset())  # a listed id the corpus lacks
    rank = {i: (not facts.get(i, none).listed, -facts.get(i, none).n, i) for i in ids}
    groups = _Groups(sorted(ids), rank)
    for a, b in links:
        groups.union(a, b)
    _short_form_links(facts, groups)
    return {i: groups.find(i) for i in facts}


def identity(frames: dict[str, pd.DataFrame], *, actors: bool = True) -> dict[str, pd.DataFrame]:
    """Merge ids that denote one entity across the corpus: new ``mentions`` and ``actors`` (unless
    ``actors`` is false)."""
    mentions = frames["mentions"]
    if "local_actor_id" in mentions.columns and mentions["local_actor_id"].fillna("").ne("").any():
        mentions = mentions.assign(actor_id=mentions["local_actor_id"])  # idempotent on re-runs
    local = mentions["actor_id"].astype("string")
    articles = frames.get("articles")
    sources = (
        dict(zip(articles["doc_id"], articles["source"], strict=True))
        if articles is not None and "source" in articles.columns
        else {}
    )
    mentions = qualify_bodies(mentions, sources=sources)
    qualified = mentions["actor_id"].astype("string")
    mapping = resolve_ids(mentions)
    merged = qualified.map(mapping).fillna(qualified).astype("string")
    out = mentions.assign(actor_id=merged, local_actor_id=local)
    out = _canonical_names(out, merged != qualified)
    mentions = schema.conform(out, "mentions")
    return {"mentions": mentions, "actors": actors_table(out)} if actors else {"mentions": mentions}


# --- bodies many countries have -------------------------------------------------------------------

# A body left without a country takes the one the corpus gives it this often (out of this many).
MIN_USUAL_SHARE = 0.9
MIN_USUAL_MENTIONS = 20
UNSTATED_AR, UNSTATED_EN = "بلد غير محدد", "country not stated"

_QUALIFIED_RE = re.compile(r"^org:([A-Z]{3})-(.+)$")
_QUALIFIER_RE = re.compile(r"\s*\([^()]*\)\s*$")


def qualify_bodies(mentions: pd.DataFrame, *, sources: dict[str, str]) -> pd.DataFrame:
    """Give a body named without its country (وزارة الخارجية، القوات المسلحة، الهلال الأحمر) the
    country its article gives it: the one country the article names that same body with
    (وزارة الخارجية الإيرانية ... الوزارة), else the paper's own country (``sources``: doc -> source)
    when the article names it (or its places) at least as often as any other country and the body
    is not one the press names mostly abroad (``abroad`` in ministries.csv: مجلس النواب), else the
    country the corpus gives that body nine times in ten (:func:`_usual_country`). Otherwise it is
    the body of no stated country (``org:MFA``, «وزارة الخارجية (بلد غير محدد)»)."""
    bodies = gz.national_bodies()
    if mentions.empty or not bodies:
        return mentions
    ids = mentions["actor_id"].astype(str)
    bare = ids.str.removeprefix("org:").where(ids.str.startswith("org:"), "")
    # The tagger's own id for a body's bare name (org:mjls-alwzra for مجلس الوزراء) is that body.
    heads = {name_key(h): s for s, b in bodies.items() for h in b.names}
    listed = {e.actor_id for e in gz.gazetteer().entries.values()}
    names = mentions["name_ar"].astype(str)
    # A name this pass gave (وزارة الخارجية (بلد غير محدد)) reads as its head on a second run.
    by_name = {n: heads.get(name_key(_QUALIFIER_RE.sub("", n)), "") for n in names.unique()}
    tagger = (
        (mentions["type"] == "organization")
        & ~ids.isin(listed)
        & ids.str.match(r"^org:[a-z]")  # the tagger's slugs; the patterns' ids are upper case
    )
    bare = bare.where(~tagger, names.map(by_name).where(tagger, ""))
    generic = bare.isin(set(bodies))
    if not generic.any():
        return mentions
    own = {oid: (s, iso) for s, b in bodies.items() for iso, oid in b.own.items()}
    qualified: dict[tuple[str, str], set[str]] = defaultdict(set)  # (doc, slug) -> iso3s
    for doc, i in zip(mentions["doc_id"].tolist(), ids.tolist(), strict=True):
        m = _QUALIFIED_RE.match(i)
        hit = (m.group(2), m.group(1)) if m else own.get(i)
        if hit is not None and hit[0] in bodies:
            qualified[(doc, hit[0])].add(hit[1])
    place = mentions["type"].isin(("country", "place")) & (mentions["iso3"].fillna("") != "")
    if "boilerplate" in mentions:
        place &= ~mentions["boilerplate"].fillna(False).astype(bool)
    named = mentions.loc[place].groupby(["doc_id", "iso3"]).size()
    entries = gz.gazetteer().entries
    rows: dict[int, gz.Entry] = {}
    left: list[int] = []
    for k in mentions.index[generic]:
        doc, slug_ = mentions.at[k, "doc_id"], bare[k]
        isos = qualified.get((doc, slug_), set())
        home = gz.source_countries().get(sources.get(doc, ""), "")
        if len(isos) == 1:
            (iso,) = isos
        elif not isos and home and not bodies[slug_].abroad and _home_leads(named, doc, home):
            iso = home
        else:
            left.append(k)
            continue
        rows[k] = _national_entry(bodies[slug_], slug_, iso, entries)
    # What the articles leave open, the corpus may settle: a body it reads as one country's nine
    # times in ten (وزارة الداخلية in a Saudi paper) is that country's.
    usual = _usual_country(rows, bare)
    for k in left:
        slug_ = bare[k]
        iso = usual.get(slug_, "")
        rows[k] = (
            _national_entry(bodies[slug_], slug_, iso, entries)
            if iso
            else _unstated(bodies[slug_], slug_)
        )
    if not rows:
        return mentions
    out = mentions.copy()
    for col in ("actor_id", "name_ar", "name_en", "iso3"):
        out.loc[list(rows), col] = [getattr(e, col) for e in rows.values()]
    return out


def _usual_country(rows: dict[int, gz.Entry], bare: pd.Series) -> dict[str, str]:
    """Slug -> the country the corpus's resolved mentions of that body give it at least
    :data:`MIN_USUAL_SHARE` of the time (out of :data:`MIN_USUAL_MENTIONS` or more)."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for k, e in rows.items():
        counts[bare[k]][e.iso3] += 1
    out = {}
    for slug_, by_iso in counts.items():
        total = sum(by_iso.values())
        iso, n = min(by_iso.items(), key=lambda t: (-t[1], t[0]))
        if total >= MIN_USUAL_MENTIONS and n >= MIN_USUAL_SHARE * total:
            out[slug_] = iso
    return out


def _unstated(body: gz.Body, slug_: str) -> gz.Entry:
    """The body of no stated country, named so (القوات المسلحة (بلد غير محدد))."""
    return gz.Entry(
        f"org:{slug_}",
        f"{body.head} ({UNSTATED_AR})",
        f"{body.name_en} ({UNSTATED_EN})",
        "organization",
        "",
    )


def _home_leads(named: pd.Series, doc: str, home: str) -> bool:
    """Whether the article names its paper's country (or its places) at least as often as any other."""
    if doc not in named.index.get_level_values(0):
        return True
    counts = named.loc[doc]
    return int(counts.get(home, 0)) >= int(counts.max())


def _national_entry(body: gz.Body, slug_: str, iso3: str, entries: dict) -> gz.Entry:
    """The entry of ``body`` of country ``iso3``: its own listed one, else ``org:<ISO3>-<slug>``."""
    own = entries.get(body.own.get(iso3, ""))
    if own is not None:
        return own
    country = entries.get(f"country:{iso3}")
    name_ar, name_en = (country.name_ar, country.name_en) if country is not None else (iso3, iso3)
    return gz.Entry(
        f"org:{iso3}-{slug_}",
        f"{body.head} ({name_ar})",
        f"{body.name_en} ({name_en})",
        "organization",
        iso3,
    )


def _canonical_names(mentions: pd.DataFrame, moved: pd.Series) -> pd.DataFrame:
    """Give merged mentions the names and type of their actor (the listed entry's if any)."""
    if not moved.any():
        return mentions
    by_id = {e.actor_id: e for e in _listed_entries().values()}
    target_ids = mentions.loc[moved, "actor_id"].unique()
    keep = mentions[mentions["actor_id"].isin(target_ids) & ~moved]
    canon = {c: most_common(keep, c) for c in _NAME_COLS}
    rows = {}
    for t in target_ids:
        e = by_id.get(t)
        if e is not None:
            rows[t] = {"name_ar": e.name_ar, "name_en": e.name_en, "type": e.type, "iso3": e.iso3}
        else:
            rows[t] = {c: canon[c].get(t, "") for c in _NAME_COLS}
    out = mentions.copy()
    tgt = out.loc[moved, "actor_id"]
    for col in ("name_ar", "name_en", "type"):
        new = tgt.map(lambda t, col=col: rows[t][col])
        out.loc[moved, col] = new.where(new != "", out.loc[moved, col])
    iso = tgt.map(lambda t: rows[t]["iso3"])
    have = out.loc[moved, "iso3"].fillna("")
    out.loc[moved, "iso3"] = have.where(have != "", iso)
    return out
