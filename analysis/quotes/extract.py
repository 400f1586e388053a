"""Per-document quote extraction: cues, their content, their speaker.

Works on the tokens of the original text (:func:`analysis.arabic.tokenize`: offsets into the text,
normalised forms for matching), the document's sentences and its actor mentions. For each cue
(:mod:`.cues`):

1. content: after the cue, within the sentence and a few words, the first of a quotation mark, a
   colon, a complementiser (أن / إن / بأن, :data:`analysis.arabic.COMPLEMENTIZERS`), a preposition
   the cue takes (دعا إلى، حذر من) or, for cues taking an object, the noun phrase after the speaker;
   otherwise a quotation closing just before the cue («...» قال فلان). A quotation runs to its
   closing mark, across sentences; other content to the sentence end or the next cue;
2. speaker: the words between the cue and its content (قال الوزير), else a name right before an
   unprefixed verb (الوزير قال), else coreference: the last compatible speaker of the two sentences
   before, or the last compatible mention (a person for a masculine verb) that is no object or
   addressee (التهاني لمقام ...، تصريحات ...). A medium the speaker talks to or is reported
   through (قال لرويترز، بحسب ما نقلت واس) is the quote's outlet;
3. a headline quote that only summarises a body quote of the same speaker is dropped
   (:mod:`.headline`); words are read with :mod:`.tokens`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import pairwise

from ..actors.gazetteer import org_heads, titles
from ..arabic import COMPLEMENTIZERS, PRONOUN_SUFFIXES, Token, normalize
from ..resources import read_words
from .cues import (
    BLOCKERS_FILE,
    OBJECT_HEADS_FILE,
    Cue,
    cue_of,
    cue_words,
    media_actor_ids,
    source_noun,
)
from .tokens import tokens

# How far after a cue its content may start, in words (speaker, title, time, "في بيان" between).
MAX_INTRO_WORDS = 20
# A preposition opening the content (دعا إلى، حذر من) is the cue's only this near, or right after
# the speaker phrase: farther on it is a phrase of the content's own (مؤكدا استمرار العمل ... على).
MAX_PREP_WORDS = 8
MAX_SOURCE_WORDS = 6  # بحسب صحيفة “ديلي ميل” البريطانية
MAX_SPEAKER_WORDS = 12  # مساعد أمين العاصمة المقدسة للعلاقات العامة والاتصال الدكتور فلان
# How many sentences back a previous speaker is still "he" (وأضاف، مشيرا).
COREF_SENTENCES = 2
MAX_QUOTATION_CHARS = 2000
MIN_QUOTATION_WORDS = 3  # «الشرق الأوسط»: a quoted name, not a quotation

_QUOTATION_RE = re.compile(
    rf"“[^”]{{1,{MAX_QUOTATION_CHARS}}}”|«[^»]{{1,{MAX_QUOTATION_CHARS}}}»"
    rf'|"[^"\n]{{1,{MAX_QUOTATION_CHARS}}}"|”[^”\n]{{1,{MAX_QUOTATION_CHARS}}}”'
)
_OPENERS = '“«"”'
_CLOSERS = '”»"'
_TRIM = ' \t\n،,.:;؛-–—_()“”«»"'
# Words that end a speaker phrase (they start an adjunct: في بيان، يوم الأحد، خلال مؤتمر).
_STOP_WORDS = frozenset(
    normalize(w)
    for w in [
        "في",
        "خلال",
        "عبر",
        "أمام",
        "حول",
        "بشأن",
        "عن",
        "على",
        "إلى",
        "من",
        "مع",
        "اليوم",
        "أمس",
        "يوم",
        "مساء",
        "صباح",
        "ظهر",
        "عقب",
        "بعد",
        "قبل",
        "الذي",
        "التي",
        "ل",
        "له",
        "لها",
        "لهم",
        "لي",
        "لنا",
        "فإن",  # بحسب رويترز فإن ...: the content opens
    ]
)
# A content opening with these is a prayer or a formula, not a statement (داعيا الله أن ...).
_BLOCKERS = frozenset(normalize(w) for w in read_words(BLOCKERS_FILE))
# Words governing the name after them as an object or addressee (لمقام، تصريحات): no antecedent.
_OBJECT_HEADS = frozenset(normalize(w) for w in read_words(OBJECT_HEADS_FILE))
# How many words (a title chain: نائب رئيس الجمهورية العراقية) may separate such a word from the name.
OBJECT_REACH = 5
# A place is no speaker (مدير فرع الوزارة بمنطقة مكة المكرمة: the place is where he works).
_TYPE_RANK = {"person": 0, "organization": 1, "country": 2}
_SPEECH_TYPES = ("verb", "report", "participle", "noun")
# Words right after a cue that say where, not who (وأكد فيها أن، طالبت فيه بـ): skipped.
_IN_IT = frozenset(normalize(w) for w in ("فيه", "فيها", "خلاله", "خلالها"))
# Words that open a new clause: a cue after them is a statement of its own (فيما أشارت الشبكة).
_CLAUSE_OPENERS = frozenset(
    normalize(w) for w in ("فيما", "بينما", "كما", "قد", "وقد", "فقد", "ثم", "بل")
)
# Words before بين that make it the preposition "between" (من بين، ما بين), not بيّن.
_BETWEEN = frozenset(normalize(w) for w in ("من", "ما", "في", "فيما", "و"))
# Source nouns that, after لـ, name whom a speaker talks to (قال لوكالة ...، لمراسلنا): an outlet.
_OUTLET_LEMMAS = ("وكالة", "مراسل")
# A definite noun naming a statement (وأضاف البيان): its author is the last speaker.
_STATEMENT_WORDS = frozenset(normalize(w) for w in ("البيان", "التصريح", "التقرير"))


@dataclass(slots=True)
class Speaker:
    """Who a quote is attributed to: a span of the text, and the actor it names if any."""

    start: int | None = None
    end: int | None = None
    actor_id: str = ""
    name: str = ""
    type: str = ""
    resolved: str = "unresolved"


@dataclass(slots=True)
class Quote:
    """A quote before it becomes a row."""

    kind: str
    cue: Cue
    cue_start: int
    cue_end: int
    content_start: int
    content_end: int
    speaker: Speaker
    quotation: bool = False  # content delimited by quotation marks: never trimmed
    outlet: Speaker | None = None


class _Doc:
    """The document as the extractor reads it: tokens, sentences, mentions, quotations."""

    def __init__(self, text: str, sentences: list[dict], mentions: list[dict]) -> None:
        self.text = text
        self.tokens = tokens(text)
        self.tok_starts = self.tokens.starts
        sents = sorted((int(s["start"]), int(s["end"]), int(s["sent_id"])) for s in sentences)
        self.sents = sents or [(0, len(text), 0)]
        self.sent_starts = [s for s, _, _ in self.sents]
        self.mentions = sorted(mentions, key=lambda m: (int(m["start"]), -int(m["end"])))
        self.mention_starts = [int(m["start"]) for m in self.mentions]
        self.person_ends = {int(m["end"]) for m in self.mentions if m["type"] == "person"}
        self.quotations = [
            (m.start(), m.end())
            for m in _QUOTATION_RE.finditer(text)
            if len(m.group().split()) >= MIN_QUOTATION_WORDS
        ]

    def sentence(self, pos: int) -> tuple[int, int, int]:
        """(start, end, sent_id) of the sentence holding ``pos``."""
        return self.sents[max(bisect_right(self.sent_starts, pos) - 1, 0)]

    def gap(self, k: int) -> str:
        """The text between token ``k - 1`` and token ``k``."""
        return self.text[self.tokens.ends[k - 1] : self.tokens.starts[k]]

    def quotation_at(self, pos: int) -> tuple[int, int] | None:
        """The quotation whose opening mark is at ``pos``."""
        for s, e in self.quotations:
            if s == pos:
                return s, e
        return None

    def inside_quotation(self, pos: int) -> bool:
        return any(s < pos < e for s, e in self.quotations)

    def mentions_in(self, start: int, end: int) -> list[dict]:
        lo = bisect_left(self.mention_starts, start)
        hi = bisect_left(self.mention_starts, end)
        return [m for m in self.mentions[lo:hi] if int(m["end"]) <= end]

    def words_in(self, start: int, end: int) -> list[Token]:
        lo = bisect_left(self.tok_starts, start)
        hi = bisect_left(self.tok_starts, end)
        return [t for t in self.tokens[lo:hi] if t.end <= end]


def _from_mention(m: dict, resolved: str) -> Speaker:
    return Speaker(
        int(m["start"]),
        int(m["end"]),
        m["actor_id"],
        m["name_ar"] or m["surface"],
        m["type"],
        resolved,
    )


def _best_mention(mentions: list[dict]) -> dict | None:
    """The mention naming a speaker: a person first, then an organisation, a country..."""
    names = [m for m in mentions if m["type"] in _TYPE_RANK and m["form"] != "adjective"]
    if not names:
        return None
    media = media_actor_ids()
    # An agency beside another name is whom it was said to (قال مسؤول الشرطة لوكالة ...).
    return min(names, key=lambda m: (m["actor_id"] in media, _TYPE_RANK[m["type"]], m["start"]))


def _mentions_starting(doc: _Doc, k: int) -> list[dict]:
    """The mentions that start on token ``k``."""
    lo = bisect_left(doc.mention_starts, doc.tokens.starts[k])
    return doc.mentions[lo : bisect_left(doc.mention_starts, doc.tokens.ends[k])]


def _media_at(doc: _Doc, k: int) -> dict | None:
    """The mention of a medium starting on token ``k`` (لرويترز، لوكالة فرانس برس), if any."""
    media = media_actor_ids()
    return next((m for m in _mentions_starting(doc, k) if m["actor_id"] in media), None)


def _addressee(doc: _Doc, k: int) -> bool:
    """Token ``k`` opens whom the speaker talks to: لـ + a medium or an outlet noun (لصحيفة)."""
    w = doc.tokens.norms[k]
    if not w.startswith("ل") or len(w) < 3:
        return False
    src = source_noun(w)
    return (src is not None and src.lemma in _OUTLET_LEMMAS) or _media_at(doc, k) is not None


def _outlet(doc: _Doc, start: int, end: int, speaker: Speaker) -> Speaker | None:
    """The medium named in ``text[start:end]`` that is not the speaker (قال لرويترز، بحسب ما نقلته
    واس): the outlet the statement was reported through."""
    media = media_actor_ids()
    for m in doc.mentions_in(start, end):
        if m["actor_id"] in media and int(m["start"]) != speaker.start:
            return _from_mention(m, "explicit")
    return None


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _opens_quotation(doc: _Doc, k: int) -> bool:
    """A quotation (not a quoted name) opens in the gap before token ``k``."""
    gap_start = doc.tokens.ends[k - 1]
    return any(
        ch in _OPENERS and doc.quotation_at(gap_start + j) for j, ch in enumerate(doc.gap(k))
    )


def _speaker_words(doc: _Doc, i: int, stop: int) -> int:
    """End token (exclusive) of the speaker phrase starting right after token ``i``."""
    k = i + 1
    while k < min(stop, i + 1 + MAX_SPEAKER_WORDS):
        w = doc.tokens.norms[k]
        if k > i + 1 and (any(ch in doc.gap(k) for ch in "،,:(") or _opens_quotation(doc, k)):
            break  # a quoted name goes on (مدير "فنون أبها" أحمد السروي), a quotation does not
        if _addressee(doc, k):
            break  # قال لرويترز، قال فلان لوكالة الأنباء: whom he spoke to, not who
        if w in _STOP_WORDS or w in COMPLEMENTIZERS:
            break
        if (
            w.startswith("ل")
            and k > i + 1
            and "ـ" in doc.text[doc.tokens.starts[k] : doc.tokens.ends[k] + 1]
        ):
            break  # لـ«الشرق الأوسط»: the outlet spoken to

        cue = cue_of(w)
        if cue is not None and cue.type in _SPEECH_TYPES:
            break
        k += 1
    return k


def _named_speaker(doc: _Doc, start: int, end: int, quotes: list[Quote]) -> Speaker | None:
    """The speaker named by the words ``text[start:end]``: a mention, a source, an anaphor."""
    start, end = _trimmed(doc.text, start, end)
    if start >= end:
        return None
    lead = doc.words_in(start, end)
    if lead and lead[0].norm in _IN_IT:
        if len(lead) == 1:
            return None
        start = lead[1].start
    inside = doc.mentions_in(start, end)
    m = _best_mention(inside)
    if m is not None and m["type"] != "person" and int(m["start"]) > start:
        # المتحدث باسم الوزارة اللواء فلان: a role at an organisation, then the man's own name
        # (without the title or a place before it: بالمنطقة العقيد فلان).
        name = doc.words_in(max(int(x["end"]) for x in inside), end)
        while name and "ال" in name[0].norm[:4]:
            name = name[1:]
        if len(name) >= 2:
            return Speaker(name[0].start, name[-1].end, "", doc.text[name[0].start : end], "")
    if m is not None:
        return _from_mention(m, "explicit")
    words = doc.words_in(start, end)
    if not words:
        return None
    head = words[0].norm
    # On the surface: a normalised ه may be a teh marbuta (الشركة).
    if words[0].surface.endswith(PRONOUN_SUFFIXES) and source_noun(head) is None and len(head) > 4:
        return None  # حديثه، تصميمه: the speaker's own words, not a speaker
    if head in _STATEMENT_WORDS:  # وأضاف البيان: the statement's author
        sp = next((q.speaker for q in reversed(quotes) if q.speaker.start is not None), None)
        if sp is not None:
            return Speaker(sp.start, sp.end, sp.actor_id, sp.name, sp.type, "coreference")
    # المصدر، الوزارة، الإدارة: a definite noun repeating the head of an earlier speaker, else of
    # an earlier organisation's name, is that speaker or organisation.
    if head.startswith("ال") or head[1:3] == "ال":
        bare = head[head.index("ال") + 2 :]
        for q in reversed(quotes):
            sp = q.speaker
            if sp.start is not None and bare and bare in normalize(doc.text[sp.start : sp.end]):
                return Speaker(sp.start, sp.end, sp.actor_id, sp.name, sp.type, "coreference")
        m = _named_earlier(doc, bare, start)
        if m is not None:
            return _from_mention(m, "coreference")
    surface = doc.text[start:end]
    return Speaker(start, end, "", surface, "", "unresolved")


def _named_earlier(doc: _Doc, bare: str, pos: int) -> dict | None:
    """The last organisation mention before ``pos`` with ``bare`` as a word (الإدارة: إدارة معلومات
    الطاقة), or None."""
    if len(bare) < 3:
        return None
    for m in reversed(doc.mentions[: bisect_left(doc.mention_starts, pos)]):
        if m["type"] == "organization" and bare in _name_words(m["surface"]):
            return m
    return None


def _name_words(surface: str) -> set[str]:
    """The normalised words of a name, also without ال or لـ / بـ before them (لوزارة -> وزاره)."""
    out = set()
    for w in normalize(surface).split():
        i = w.find("ال")
        out.add(w[i + 2 :] if 0 <= i <= 2 else w)
        out.add(w[1:] if w[:1] in "لب" and len(w) > 4 else w)
    return out


def _compatible(sp: Speaker, agree: str) -> bool:
    # A feminine verb (قالت، أكدت) is rarely a man: organisations, countries, sources.
    return not (agree == "f" and sp.type == "person") and not (
        agree == "m" and sp.type in ("country",)
    )


def _antecedent(
    doc: _Doc, pos: int, agree: str, quotes: list[Quote], *, participle: bool = False
) -> Speaker:
    """The speaker a verb's agreement or a participle refers to (وأضاف، مشيرا)."""
    _, _, sid = doc.sentence(pos)
    media = media_actor_ids()
    for q in reversed(quotes):
        if sid - doc.sentence(q.cue_start)[2] > COREF_SENTENCES:
            break
        if agree in ("m", "f") and q.cue.agree in ("m", "f") and q.cue.agree != agree:
            continue  # أفادت الوكالة ... وقال: a speaker keeps the gender it was given
        if q.cue.type == "according" and agree != "f" and not participle:
            continue  # بحسب وكالة ...، وقالا: a source named by بحسب is no verb's subject
        if participle and q.cue.type == "according":
            # وبحسب مراسلنا فإن فلانا ينتظر، موضحا: the participle's subject is the clause's.
            m = _best_mention(doc.mentions_in(q.content_start, q.content_end))
            if (
                m is not None
                and _compatible(_from_mention(m, ""), agree)
                and m["actor_id"] not in media
            ):
                return _from_mention(m, "coreference")
        if q.speaker.start is not None and _compatible(q.speaker, agree):
            sp = q.speaker
            return Speaker(sp.start, sp.end, sp.actor_id, sp.name, sp.type, "coreference")
    if agree in ("p", "d"):
        return Speaker()  # a plural or dual verb names no one mention: left unresolved
    wanted = ("organization", "country") if agree == "f" else ("person",)
    for m in reversed(doc.mentions):
        # (رويترز) in a dateline reports the article, it does not speak in it.
        named = m["type"] in wanted and m["form"] != "adjective" and m["actor_id"] not in media
        if named and int(m["end"]) <= pos and not _governed(doc, m):
            return _from_mention(m, "coreference")
    return Speaker()


def _governed(doc: _Doc, m: dict) -> bool:
    """Mention ``m`` is an object or an addressee: a few words after a dative or a noun of
    :data:`_OBJECT_HEADS` in the same clause (التهاني لمقام خادم الحرمين الشريفين الملك ...)."""
    start = int(m["start"])
    k = bisect_right(doc.tok_starts, start) - 1
    if k >= 0 and start > doc.tok_starts[k] and doc.tokens.norms[k].startswith("ل"):
        return True  # لخادم الحرمين، للرئيس: a dative clitic on the name
    for j in range(k - 1, max(k - 1 - OBJECT_REACH, -1), -1):
        if any(ch in doc.gap(j + 1) for ch in "،,.:;؛"):
            return False  # a clause boundary: what comes before governs nothing here
        w = doc.tokens.norms[j]
        if w in _OBJECT_HEADS or (w.startswith("و") and w[1:] in _OBJECT_HEADS):
            return True
        if cue_of(w) is not None:
            return False  # a cue before the name: قال نائب الرئيس ...
    return False


def _can_be_subject(doc: _Doc, k: int) -> bool:
    """Token ``k`` may open a cue's subject: a name, a source, a title or a definite noun (أعلنت
    الوزارة، أكد أمير المنطقة), not an indefinite noun that is the object (أعلنت انخفاض الأسعار)."""
    tok = doc.tokens[k]
    w = tok.norm
    if _mentions_starting(doc, k) or source_noun(w) is not None or w in titles():
        return True
    if w in org_heads() or w in ("وزاره", "مركز"):
        return True  # أعلن معهد الإدارة العامة: an organisation's name opens
    return w.startswith("ال") and _named_speaker(doc, tok.start, tok.end, []) is not None


def _object_start(doc: _Doc, i: int) -> int:
    """Token where the object of cue ``i`` starts: after its subject (a name, or one word)."""
    if not _can_be_subject(doc, i + 1):
        return i + 1  # أكد تصميمه، أعلنت انخفاض: no subject, the object follows
    cut = _speaker_words(doc, i, len(doc.tokens))
    starting = [m for k in range(i + 1, cut) for m in _mentions_starting(doc, k)]
    m = _best_mention(starting)
    if m is None:
        # أعلن معهد الإدارة العامة استمرار ...: an indefinite head and the definite words of its
        # name; a definite head is the subject alone (نفت الشركة الاتهامات).
        k = i + 2
        definite = doc.tokens.norms[i + 1].startswith("ال")
        while not definite and k < cut - 1 and doc.tokens.norms[k].startswith("ال"):
            k += 1
        return k
    return bisect_right(doc.tok_starts, int(m["end"]) - 1)


def _content_after(doc: _Doc, i: int, cue: Cue, sent_end: int):
    """(kind of opening, token index or char position) of the content after cue token ``i``."""
    n = len(doc.tokens)
    reach = _speaker_words(doc, i, n)  # a long speaker phrase may put the preposition far
    k = i + 1
    while k < n and doc.tokens.starts[k] < sent_end and k - i <= MAX_INTRO_WORDS:
        gap = doc.gap(k)
        mark = next((j for j, ch in enumerate(gap) if ch in _OPENERS), None)
        if mark is not None and doc.quotation_at(doc.tokens.ends[k - 1] + mark):
            return "quote", doc.tokens.ends[k - 1] + mark
        if ":" in gap:
            return "colon", k
        w = doc.tokens.norms[k]
        if w in COMPLEMENTIZERS:
            return "that", k
        other = cue_of(w)
        # A noun is the verb's adjunct (وقالت الوزارة في بيان إن), a new verb its own quote.
        if other is not None and other.type in ("verb", "report", "participle"):
            return None
        near = k - i <= MAX_PREP_WORDS or k <= reach + 2  # + an addressee: لـ"الرياض" عن
        if near and w in cue.takes:
            return "prep", k
        if (
            near
            and "ب" in cue.takes
            and w.startswith("ب")
            and len(w) > 3
            and not doc.mentions_in(doc.tokens.starts[k], doc.tokens.ends[k])
        ):
            return "prep_clitic", k
        if w in ("قوله", "قولها", "قولهم"):
            return "that", k
        k += 1
    return None


def _quote_for(doc: _Doc, i: int, cue: Cue, quotes: list[Quote]) -> Quote | None:
    tok = doc.tokens[i]
    if i + 1 < len(doc.tokens) and doc.tokens.norms[i + 1] in _BLOCKERS:
        return None
    _, sent_end, _ = doc.sentence(tok.start)
    opening = _content_after(doc, i, cue, sent_end)
    kind = "according_to" if cue.type == "report" else "indirect"
    quotation = False
    n = len(doc.tokens)
    if opening is None:
        content = None
        if "object" in cue.takes and i + 2 < n:
            k = _object_start(doc, i)
            if k + 1 < n and doc.tokens.starts[k + 1] < sent_end:
                content = (doc.tokens.starts[k], sent_end)
                intro_tok = k
        if content is None:
            # «...» قال فلان / «...»، قال الوزير: the quotation just before the cue.
            before = doc.text[: tok.start].rstrip(" ،,-–—\n")
            hit = next((q for q in doc.quotations if q[1] == len(before)), None)
            if hit is None:
                return None
            content, kind, quotation = (hit[0] + 1, hit[1] - 1), "direct", True
            intro_tok = n if i + 1 >= n else i + 1 + (_speaker_words(doc, i, n) - i - 1)
            speaker_end = doc.tokens.ends[intro_tok - 1] if intro_tok > i + 1 else tok.end
            sp = _named_speaker(doc, tok.end, speaker_end, quotes)
            sp = sp or _antecedent(doc, tok.start, cue.agree, quotes)
            said_to = _media_at(doc, intro_tok) if intro_tok < n else None
            outlet = _from_mention(said_to, "explicit") if said_to is not None else None
            return Quote(kind, cue, tok.start, tok.end, *content, sp, quotation, outlet)
    else:
        how, where = opening
        if how == "quote":
            s, e = doc.quotation_at(where)
            content, kind, quotation = (s + 1, e - 1), "direct", True
            intro_tok = bisect_right(doc.tok_starts, where)
        else:
            intro_tok = where
            first = where if how in ("colon", "prep_clitic") else where + 1
            if first < n and doc.tokens.norms[first] in COMPLEMENTIZERS:
                first += 1  # أشار إلى أن، نقل عنه قوله إن، قالت في بيان: إنه
            if first >= n:
                return None
            gap_end = doc.tokens.starts[first]
            mark = next(
                (p for p in range(doc.tokens.ends[first - 1], gap_end) if doc.text[p] in _OPENERS),
                None,
            )
            q = doc.quotation_at(mark) if mark is not None and first > 0 else None
            if q is not None and how != "prep_clitic":
                content, kind, quotation = (q[0] + 1, q[1] - 1), "direct", True
            else:
                content = (doc.tokens.starts[first], sent_end)
    # Speaker: the words between the cue and the content, else before the cue, else agreement.
    # A participle (مشيرا، واصفا ... بأنها، مضيفا القول) has no subject of its own: the words after it
    # are its object, its speaker is the one already speaking.
    cut = i + 1 if cue.type == "participle" else _speaker_words(doc, i, intro_tok)
    sp = None
    if cut > i + 1:
        sp = _named_speaker(doc, tok.end, doc.tokens.ends[cut - 1], quotes)
        if sp is not None and sp.type != "person" and cut < intro_tok <= len(doc.tokens):
            # أكد أمير المنطقة، الأمير فلان، أن: the man named in apposition to a role.
            gap = doc.mentions_in(doc.tokens.starts[cut], doc.tokens.ends[intro_tok - 1])
            person = next((m for m in gap if m["type"] == "person"), None)
            sp = _from_mention(person, "explicit") if person is not None else sp
    if sp is None and not cue.prefix and cue.type in ("verb", "report"):
        # الوزير قال، وكانت الوزارة قد أعلنت: the name just before the verb (or its قد).
        before = doc.text[max(0, tok.start - 4) : tok.start]
        reach = tok.start - (4 if before.strip() == "قد" else 0)
        ending = [m for m in doc.mentions if 0 <= reach - int(m["end"]) <= 1]
        m = _best_mention(ending)
        sp = _from_mention(m, "explicit") if m is not None else None
    if sp is None:
        sp = _antecedent(doc, tok.start, cue.agree, quotes, participle=cue.type == "participle")
    cs, ce = content if quotation else _trimmed(doc.text, *content)
    if ce <= cs or normalize(doc.text[cs:ce].split()[0]) in _BLOCKERS:
        return None
    outlet = _outlet(
        doc, tok.end, min(cs, doc.tokens.starts[intro_tok] if intro_tok < n else cs), sp
    )
    return Quote(kind, cue, tok.start, tok.end, cs, ce, sp, quotation, outlet)


def _is_that(word: str) -> bool:
    """أن / إن / بأن, also فإن after a fronted source (بحسب رويترز فإن ...)."""
    return word in COMPLEMENTIZERS or (word.startswith("ف") and word[1:] in COMPLEMENTIZERS)


def _according(doc: _Doc, i: int, cue: Cue, quotes: list[Quote]) -> Quote | None:
    """بحسب / وفقا لـ / نقلا عن + source: content before the cue, or after the source."""
    tok = doc.tokens[i]
    n = len(doc.tokens)
    j = i + 1
    if j < n and doc.tokens.norms[j] in ("ل", "عن", "لما"):
        j += 1
    if j >= n:
        return None
    if cue.lemma == "وفق" and not doc.tokens.norms[i + 1].startswith("ل"):
        return None
    sent_start, sent_end, _ = doc.sentence(tok.start)
    cut = _speaker_words(doc, j - 1, min(n, j + MAX_SOURCE_WORDS))
    src_end = doc.tokens.ends[cut - 1] if cut > j else doc.tokens.ends[j]
    first = doc.tokens.starts[j]
    if doc.tokens.norms[j].startswith("ل") and j == i + 1:
        first = doc.tokens.starts[j] + 1  # لـ attached: وفقا لوزارة
    sp = _named_speaker(doc, first, src_end, quotes)
    # حسب الخطة: only a named actor or a source noun is a source.
    if sp is None or (sp.resolved == "unresolved" and source_noun(doc.tokens.norms[j]) is None):
        return None
    cs, ce = _trimmed(doc.text, sent_start, tok.start)
    that = cut < n and _is_that(doc.tokens.norms[cut])
    if ce - cs < 10 or that:
        after = cut
        if after < n and _is_that(doc.tokens.norms[after]):
            after += 1
        if after >= n or doc.tokens.starts[after] >= sent_end:
            return None
        cs, ce = _trimmed(doc.text, doc.tokens.starts[after], sent_end)
    if ce <= cs:
        return None
    return Quote("according_to", cue, tok.start, tok.end, cs, ce, sp)


def _chain(doc: _Doc, i: int, cue: Cue, quotes: list[Quote]) -> Quote | None:
    """نقلت الصحيفة عن مصدر قوله ...: the speaker is the source, the outlet is kept."""
    tok = doc.tokens[i]
    _, sent_end, _ = doc.sentence(tok.start)
    n = len(doc.tokens)
    an = next(
        (k for k in range(i + 1, min(n, i + MAX_SPEAKER_WORDS)) if doc.tokens.norms[k] == "عن"),
        None,
    )
    if an is None or doc.tokens.starts[an] >= sent_end:
        return None
    outlet = _named_speaker(doc, tok.end, doc.tokens.starts[an], quotes) if an > i + 1 else None
    if outlet is None:
        outlet = _antecedent(doc, tok.start, cue.agree, quotes)
    quote = _quote_for(doc, an, Cue(cue.lemma, "verb", frozenset(), "-", "x"), quotes)
    if quote is None:
        return None
    quote.kind, quote.cue, quote.cue_start, quote.outlet = "according_to", cue, tok.start, outlet
    quote.cue_end = tok.end
    return quote


def find_quotes(text: str, sentences: list[dict], mentions: list[dict]) -> list[Quote]:
    """Every quote of the document, in text order, content trimmed before the next cue."""
    doc = _Doc(text, sentences, mentions)
    quotes: list[Quote] = []
    claimed: set[int] = set()  # positions of cues already read inside a chain
    words = cue_words()
    for i, word in enumerate(doc.tokens.norms):
        if word not in words:
            continue
        tok = doc.tokens[i]
        cue = cue_of(word)
        if cue is None or tok.start in claimed or doc.inside_quotation(tok.start):
            continue
        if cue.type == "noun" and any(
            (c := cue_of(doc.tokens.norms[k])) is not None and c.type in ("verb", "report")
            for k in range(max(0, i - 4), i)
        ):
            continue  # وقال في بيان: the noun is the verb's adjunct
        if word == "بين" and (
            i == 0
            or doc.tokens.norms[i - 1] in _BETWEEN
            or any(ch in _OPENERS for ch in doc.gap(i + 1))
        ):
            continue  # من بين المعتقلين، بين «الأقرباء»: the preposition
        if (
            cue.type in ("verb", "report")
            and not cue.prefix
            and quotes
            and quotes[-1].content_start < tok.start < quotes[-1].content_end
            and not any(ch in doc.gap(i) for ch in "،,.:؛;")
            and doc.tokens.norms[i - 1] not in _CLAUSE_OPENERS
        ):
            continue  # أن التحريات كشفت أن، أن والد الرجل اعترف بـ: a report inside the content
        if (
            cue.type in ("noun", "according")
            and quotes
            and quotes[-1].cue_end <= tok.start < quotes[-1].content_start
        ):
            continue  # وقال أوباما، بحسب ما نقلت عنه رويترز، إن: the outlet of that quote
        if cue.type == "according":
            q = _according(doc, i, cue, quotes)
        elif cue.type == "chain":
            q = _chain(doc, i, cue, quotes)
            if q is not None:
                claimed.update(doc.tokens.starts[i : i + MAX_INTRO_WORDS])
        else:
            q = _quote_for(doc, i, cue, quotes)
        if q is None:
            continue
        if quotes and (quotes[-1].content_start, quotes[-1].content_end) == (
            q.content_start,
            q.content_end,
        ):
            continue
        quotes.append(q)
    for a, b in pairwise(quotes):
        if not a.quotation and a.content_start < b.cue_start < a.content_end:
            a.content_start, a.content_end = _trimmed(text, a.content_start, b.cue_start)
    return [q for q in quotes if q.content_end > q.content_start]
