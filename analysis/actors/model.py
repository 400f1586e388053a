"""The statistical part: a CRF name tagger (python-crfsuite) and the word lexicon it ships with.

Both files live in ``data/models/`` (see its README) and load once per process; if they are absent the
extractor still runs on gazetteer and patterns alone.

Speed: converting features for python-crfsuite is the costly step, so the tagger does not read every
token. It runs over each *candidate* and the token before it — an Arabic word that no list or
pattern has taken and that the training data never saw outside a name (any clitic reading) — with the
full sentence stretch still giving the neighbour features. Everything else stays ``O``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from .. import config
from ..arabic import proclitic_splits

if TYPE_CHECKING:
    from . import gazetteer as gz
    from .document import Doc, Found

MODEL_PATH = config.MODELS_DIR / "actors_crf.crfsuite"
LEXICON_PATH = config.MODELS_DIR / "actors_lexicon.tsv"
COMMON_MIN_COUNT = 3  # seen this often outside names: a common word
MAX_NAME_SHARE = 0.02  # at most this share inside names: a non-name word
MIN_NAMEY_SHARE = 0.5  # at least this share inside names: a name word
# A model span is kept only if the tagger is at least this sure of each of its tokens.
MIN_MARGINAL = 0.6
# Organisations and places the lists miss are rarer in news than people: ask more of the tagger.
MIN_MARGINAL_ORG_LOC = 0.8
# A one-word person only the tagger vouches for is too often a verb or a noun with clitics in raw
# news (اطمأن، وخلية، سعادته): the tagger's people need two words; a surname alone comes by coreference.
MIN_PERSON_WORDS = 2
# ... unless the one word is bare, name-like and the tagger is this sure (رفسنجاني، مورينيو).
MIN_MARGINAL_LONE_PER = 0.9
# ... or after a speech verb (قال ستون), which vouches for more.
MIN_MARGINAL_LONE_PER_SPEECH = 0.7
# Tokens tagged around a candidate: first names and titles sit before the rare surname.
WINDOW_LEFT, WINDOW_RIGHT = 1, 1
# Tokens tagged around a country or place name: organisations open a few words before it
# (المؤسسة العامة للخطوط الجوية العربية السعودية، جامعة الإسكندرية، أتليتيكو مدريد).
PLACE_WINDOW_LEFT, PLACE_WINDOW_RIGHT = 3, 2
# Longer "names" around a place are the tagger running on (page furniture, whole clauses).
MAX_ORG_TOKENS = 6
# Attached pronouns: NewsFANE writes them apart, raw news glues them on (جهودها = جهود + ها).
_ENCLITICS = ("هما", "هم", "ها", "كم", "نا", "ه", "ي")
_ARABIC_RE = re.compile("[\u0621-\u064a]{2,}")
_PARTICLES = frozenset({"بن", "بنت", "ابن", "ابو", "عبد", "ال"})
# A lone given name (محمد، عبد الله) is too ambiguous to be an actor on the tagger's word alone.
_FILLERS = _PARTICLES | {"الله"}


@dataclass(frozen=True)
class Lexicon:
    """What the training data says about words."""

    common: frozenset[str]  # seen >= COMMON_MIN_COUNT times, (almost) never in a name
    seen: frozenset[str]  # (almost) never in a name
    namey: frozenset[str]  # mostly inside names
    vocab: frozenset[str]  # every training word


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The training-vocabulary lexicon (empty when the file is absent)."""
    common, seen, namey, vocab = set(), set(), set(), set()
    if LEXICON_PATH.exists():
        with LEXICON_PATH.open(encoding="utf-8") as fh:
            for ln in fh:
                if ln.startswith("#") or "\t" not in ln:
                    continue
                w, n, k = ln.rstrip("\n").split("\t")
                n, k = int(n), int(k)
                vocab.add(w)
                if k / n <= MAX_NAME_SHARE:
                    seen.add(w)
                    if n >= COMMON_MIN_COUNT:
                        common.add(w)
                elif k / n >= MIN_NAMEY_SHARE:
                    namey.add(w)
    return Lexicon(frozenset(common), frozenset(seen), frozenset(namey), frozenset(vocab))


@lru_cache(maxsize=300_000)
def is_namey(word: str) -> bool:
    """A word the training data never saw, or saw mostly inside names (جوجل، مانشستر)."""
    lex = lexicon()
    for _, s in proclitic_splits(word):
        if s in lex.namey:
            return True
        if s in lex.vocab:
            return False
    return True


def is_common(word: str) -> bool:
    """True if the normalised word (or it without a leading و/ف) is a frequent non-name word."""
    common = lexicon().common
    return word in common or (word[:1] in ("و", "ف") and word[1:] in common)


def _not_name(word: str) -> bool:
    """A word the training data saw (almost) only outside names, a function word or a future verb."""
    from .gazetteer import function_words

    return word in function_words() or word in lexicon().seen or future_verb(word)


@lru_cache(maxsize=300_000)
def future_verb(word: str) -> bool:
    """س + a known imperfect verb (سيزور = س + يزور): a verb, never part of a name."""
    w = word[1:] if word[:1] in ("و", "ف") else word
    return w[:1] == "س" and w[1:2] in ("ي", "ت", "ن", "ا") and w[1:] in lexicon().seen


@lru_cache(maxsize=300_000)
def clitic_reading(word: str) -> bool:
    """Whether the word plausibly carries a proclitic: stripping one leaves a word the training data
    knows (وخلية، بأسلوب). A name that merely starts with such a letter (فيرغوسن، بوتين) does not."""
    vocab = lexicon().vocab
    return any(p and s in vocab for p, s in proclitic_splits(word))


@lru_cache(maxsize=300_000)
def prep_reading(word: str) -> bool:
    """Whether the word reads as a preposition + a known word (لكرة = ل + كرة): no name starts so."""
    seen = lexicon().seen
    return any(
        p and p not in ("و", "ف") and len(s) >= 3 and s in seen for p, s in proclitic_splits(word)
    )


def is_common_reading(word: str) -> bool:
    """True if any clitic-stripped reading (3+ letters) of the word is common (بأسلوب -> أسلوب)."""
    return any(len(s) >= 3 and is_common(s) for _, s in proclitic_splits(word))


@lru_cache(maxsize=300_000)
def is_candidate(word: str) -> bool:
    """An Arabic word the training data never saw outside a name, in any clitic/pronoun reading."""
    from .gazetteer import function_words

    if not _ARABIC_RE.match(word) or word in function_words():
        return False
    seen = lexicon().seen
    for _, s in proclitic_splits(word):
        if s in seen:
            return False
        for suf in _ENCLITICS:
            if s.endswith(suf) and len(s) - len(suf) >= 3 and s[: -len(suf)] in seen:
                return False
    return True


@lru_cache(maxsize=1)
def tagger():
    """The trained CRF tagger, or None when no model file ships."""
    if not MODEL_PATH.exists():
        return None
    import pycrfsuite

    t = pycrfsuite.Tagger()
    t.open(str(MODEL_PATH))
    return t


def _runs(win: list[tuple[int, int] | None], glue: list[bool]) -> list[tuple[int, int, int, int]]:
    """(segment start, segment end, run start, run end) of the token runs to tag; ``win[x]`` is the
    (left, right) window to tag around token x, None for tokens that need no tagging."""
    out = []
    if not any(win):
        return out
    s = 0
    for k in range(len(win)):
        if glue[k]:
            continue
        e = k + 1  # segment [s, e) ends at punctuation
        lo = hi = -1
        for x in range(s, e):
            w = win[x]
            if w is None:
                continue
            a, b = max(s, x - w[0]), min(e, x + w[1] + 1)
            if a <= hi:
                hi = max(hi, b)
            else:
                if hi > lo:
                    out.append((s, e, lo, hi))
                lo, hi = a, b
        if hi > lo:
            out.append((s, e, lo, hi))
        s = e
    return out


def tagger_view(doc: Doc) -> tuple[list[int], list[str], list[bool]]:
    """The tokens as the tagger was trained on them: standalone clitics (tokenised text, typos such as
    "و قال") are glued to their host word, as training glued NewsFANE's. Returns (doc index of the
    host, word, glue) per token the tagger reads."""
    from .features import CLITIC_TOKENS, clitic_groups

    norms, glue = doc.norms, doc.glue
    if CLITIC_TOKENS.isdisjoint(norms):
        return list(range(doc.n)), norms, glue
    groups = clitic_groups(norms, glue)
    return (
        [h for _, _, h in groups],
        ["".join(norms[a:b]) for a, b, _ in groups],
        [glue[b - 1] for _, b, _ in groups],
    )


def doc_tags(
    doc: Doc, taken: set[int], places: frozenset[int] | set[int] = frozenset()
) -> tuple[list[str], list[float]]:
    """BIO tags and marginals of every token ('O' where the tagger did not run); cached on the doc.

    The tagger reads the candidates and the tokens of country and place names (``places``), which
    may belong to an organisation's name."""
    cached = getattr(doc, "_tags", None)
    if cached is not None:
        return cached
    from .features import sequence_features

    tags = ["O"] * doc.n
    probs = [0.0] * doc.n
    ran = [False] * doc.n
    t = tagger()
    if t is not None:
        idx, words, glue = tagger_view(doc)
        near, wide = (WINDOW_LEFT, WINDOW_RIGHT), (PLACE_WINDOW_LEFT, PLACE_WINDOW_RIGHT)
        win = [
            wide if k in places else near if doc.info[k].candidate and k not in taken else None
            for k in idx
        ]
        for s, e, lo, hi in _runs(win, glue):
            pred = t.tag(sequence_features(words, lo, hi, start=s, end=e))
            for k, tag in enumerate(pred):
                x = idx[lo + k]
                ran[x] = True
                if tag != "O":
                    tags[x] = tag
                    probs[x] = t.marginal(tag, k)
    doc._tags = (tags, probs, ran)
    return doc._tags


def says_person(doc: Doc, k: int, *, first: bool) -> bool | None:
    """The tagger's vote on token ``k`` being (the start of) a person's name; None if it did not run."""
    tags = getattr(doc, "_tags", None)
    if tags is None or not tags[2][k]:
        return None
    # A title or verb just before may make the tagger open the name with I-PER: accept both.
    return tags[0][k] in ("B-PER", "I-PER")


def name_ok(doc: Doc, i: int, j: int, *, strict: bool, taken: set[int] = frozenset()) -> bool:
    """Whether tokens ``[i, j)`` may be a person's name (strict: no title vouches for it)."""
    if not strict:
        return True
    tags = doc_tags(doc, taken)[0]
    return tags[i] == "B-PER" and all(tags[k] == "I-PER" for k in range(i + 1, j))


def _lone_surname(doc: Doc, k: int, prob: float, *, after_demonym: bool) -> bool:
    """A one-word person: bare (no clitic, no article), name-like, the tagger sure of it, and
    either after a speech verb (قال روت) or a nationality (البرازيلي دييجو), or tagged a person
    again elsewhere in the document. A speech verb right before vouches for more than the rest."""
    w = doc.norms[k]
    if not (
        prob >= min(MIN_MARGINAL_LONE_PER, MIN_MARGINAL_LONE_PER_SPEECH)
        and not clitic_reading(w)
        and is_namey(w)
        and not w.endswith(_ENCLITICS[:4])
    ):
        return False
    if k > 0 and doc.glue[k - 1] and doc.info[k - 1].speech:
        return prob >= MIN_MARGINAL_LONE_PER_SPEECH
    if prob < MIN_MARGINAL_LONE_PER:
        return False
    if after_demonym:
        return True
    tags = doc._tags[0]
    return any(doc.norms[x] == w and tags[x] in ("B-PER", "I-PER") for x in range(doc.n) if x != k)


def model_pass(doc: Doc, found: list[Found]) -> list[Found]:
    """Names the tagger finds that no list or pattern did."""
    from . import gazetteer as gz
    from .extract import Found, entity_for_model

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
    tags, probs, _ = doc_tags(doc, taken)
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
            doc.norms[end - 1] in _PARTICLES
            or (
                kind == "PER"
                and _not_name(doc.norms[end - 1])
                # ناصر بن سليمان المنيع: after a patronymic the definite word is the family name.
                and not (end - k >= 4 and doc.norms[end - 3] in ("بن", "ابن", "بنت"))
            )
        ):
            end -= 1
        words = doc.norms[k:end]
        ok = (
            # A name no list holds has at least one word the training data never saw outside one,
            # and one it never saw or saw mostly in names (not الهيئة العامة، رجال الأمن).
            any(is_candidate(w) for w in words)
            and any(is_namey(w) for w in words)
            # Given names alone (محمد، عبد الله) are too ambiguous; two of them (أحمد حسن) make a name.
            and not (kind == "PER" and all(w in _FILLERS for w in words))
            and not (kind == "PER" and len(words) == 1 and words[0] in gz.given_names())
            and not any(x in taken for x in range(k, j))
            and min(probs[k:end]) >= (MIN_MARGINAL if kind == "PER" else MIN_MARGINAL_ORG_LOC)
            and (
                kind != "PER"
                or end - k >= MIN_PERSON_WORDS
                or _lone_surname(doc, k, probs[k], after_demonym=k in demonym)
            )
            and not all(w in stop or is_common(w) for w in words)
            and not (kind == "PER" and prep_reading(words[0]))
            and not is_common_reading(words[0])
            and all(_ARABIC_RE.match(w) for w in words)
        )
        if ok:
            out.append(Found(k, end, entity_for_model(doc, k, end, kind), "model"))
        k = j
    return out


@lru_cache(maxsize=100_000)
def _opens_badly(word: str, *, money: bool) -> bool:
    """A word that cannot open an organisation's name: a frequent non-name word in any clitic
    reading (اهتم، رأسها) or, before a country adjective (``money``), a currency (ريال سعودي)."""
    from .gazetteer import currencies

    return is_common_reading(word) or (
        money and any(s in currencies() for _, s in proclitic_splits(word))
    )


def team_entry(place: gz.Entry) -> gz.Entry:
    """The sports team of a country or city (فاز برشلونة، منتخب مصر): an organisation."""
    base = place.actor_id.split(":", 1)[1]
    return replace(
        place,
        actor_id=f"org:team-{base}",
        name_en=f"{place.name_en} (team)",
        type="organization",
        form="name",
    )


def organisation_pass(doc: Doc, found: list[Found]) -> list[Found]:
    """Country and place names the tagger reads as (part of) an organisation.

    When the tagger's ORG name covers a gazetteer country or place (جامعة الإسكندرية، شركة أسمنت
    حائل، الخطوط الجوية العربية السعودية) the whole name becomes one organisation with the place's
    country; a bare place read as an organisation (فاز برشلونة) becomes a team. Other list hits
    inside the name (a country adjective, a king in جامعة الملك سعود) are absorbed; organisations
    the lists know are kept as they are.
    """
    from .extract import Found, entity_for_model

    tags, probs, ran = doc._tags
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
