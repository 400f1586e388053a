"""Sentence spans: paragraphs, terminal punctuation, and the many dots that end nothing.

Rules, in order:

* a line break ends a paragraph and so a sentence (the title of a .txt article is its own line);
  so does a run of Unicode spaces that some papers use instead (" \xa0 ", "\xa0\xa0\xa0"): a lone
  NBSP between two words stays a word space;
* terminal punctuation followed by any Unicode space (NBSP, thin space...) ends a sentence;
* ``. ! ? ؟ …`` (and runs of them) end a sentence when followed by space, a line end or a closing
  quote/bracket; ``؛`` ends one when a new clause follows (see :data:`SEMICOLON_SPLITS`);
* no split on the Arabic comma, inside numbers (3.5, 18.10.2024), after single-letter initials and
  known abbreviations (د. ، أ.د. ، م. ، Dr.), inside URLs and e-mail addresses, or inside a
  parenthesis or quotation that closes later in the same paragraph (up to
  :data:`MAX_PROTECTED_CHARS`: a longer one is quoted speech of several sentences).

Every non-whitespace character of the text belongs to exactly one sentence; sentence spans are
stripped of surrounding whitespace, in order, and never overlap.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pandas as pd

from . import schema
from .arabic import BASIC_LETTER_CLASS

# Whether ``؛`` ends a sentence. UD Arabic treats it as clause punctuation inside a sentence.
SEMICOLON_SPLITS = False

# A quotation or parenthesis longer than this is a quoted speech of several sentences (or quotes
# paired wrongly across a paragraph): its full stops end sentences again.
MAX_PROTECTED_CHARS = 300

_PARA_RE = re.compile(r"[^\n]+")
# Spaces other than the ASCII space and tab that are not line breaks either.
_USPACE = "\xa0\u1680\u2000-\u200a\u202f\u205f\u3000"
# Paragraph separators: line breaks, or a run of Unicode spaces standing in for one (two or more
# of them, or one padded by ordinary spaces on both sides).
_PARA_SEP_RE = re.compile(
    rf"[\n\r\x85\u2028\u2029]+|(?:[ \t]*[{_USPACE}]){{2,}}[ \t]*|[ \t]+[{_USPACE}][ \t]+"
)
_TERMINAL = r"[.!?؟…]+"
_CLOSERS = "\"'»”’)]}›"
_OPENERS = {"(": ")", "[": "]", "{": "}", "«": "»", "“": "”", "‹": "›"}
_CANDIDATE_RE = re.compile(
    rf"(?:{_TERMINAL}|؛)[{re.escape(_CLOSERS)}]*(?=\s|$)"
    # "انتهى.وقال": a missing space after a full stop between two Arabic words.
    rf"|(?<={BASIC_LETTER_CLASS}{{3}})[.!؟](?={BASIC_LETTER_CLASS}{{2}})"
)
_URL_RE = re.compile(
    r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|gov|edu|sa|ae|eg|info|io)\b"
)
_URL_HINT_RE = re.compile(r"[@/]|\.[A-Za-z]")
_BRACKET_RE = re.compile(r'[()\[\]{}«»“”‹›"]')
_WORD_BEFORE_RE = re.compile(r"([\w\u0640]+(?:\.[\w\u0640]+)*)$")
_LIST_NUMBER_RE = re.compile(r"^\s*\d{1,3}$")

# Abbreviations that end in a dot but not a sentence (normalised: no dots, lowercase).
ABBREVIATIONS = frozenset(
    [
        "د",
        "م",
        "ص",
        "ق",
        "ج",
        "ت",
        "أ",
        "ا",
        "ب",
        "ه",
        "ع",
        "س",
        "ك",
        "ل",
        "ن",
        "ف",
        "ي",
        "و",
        "ر",
        "ط",
        "ح",
        "خ",
        "ش",
        "ز",
        "ض",
        "ظ",
        "غ",
        "ث",
        "ذ",
        "اد",
        "ام",
        "قم",
        "ب.م",
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "st",
        "jr",
        "sr",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "no",
        "fig",
        "al",
        "u.s",
        "u.k",
        "e.g",
        "i.e",
        "p.m",
        "a.m",
    ]
)


def _is_abbreviation(para: str, dot_at: int) -> bool:
    """True if the '.' at ``dot_at`` closes an abbreviation or initial rather than a sentence."""
    # A short window keeps the end-anchored search from rescanning the whole paragraph.
    m = _WORD_BEFORE_RE.search(para, max(0, dot_at - 40), dot_at)
    if not m:
        return False
    word = m.group(1)
    if word.isdigit():
        # "1." opening a numbered list item, not a sentence of its own.
        return _LIST_NUMBER_RE.match(para[:dot_at]) is not None
    key = word.replace(".", "").lower() if "." not in word else word.lower()
    if key in ABBREVIATIONS or word.lower() in ABBREVIATIONS:
        return True
    # Dotted initials such as أ.د or U.S.
    return "." in word and all(len(part) <= 2 for part in word.split("."))


def _protected_ranges(para: str) -> list[tuple[int, int]]:
    """Ranges inside URLs, e-mails, and brackets or quotes that close within the paragraph."""
    ranges = (
        [(m.start(), m.end()) for m in _URL_RE.finditer(para)] if _URL_HINT_RE.search(para) else []
    )
    stack: list[tuple[str, int]] = []
    quote_open: int | None = None
    for m in _BRACKET_RE.finditer(para):
        ch, i = m.group(), m.start()
        if ch in _OPENERS:
            stack.append((_OPENERS[ch], i))
        elif stack and ch == stack[-1][0]:
            _, j = stack.pop()
            if i - j <= MAX_PROTECTED_CHARS:
                ranges.append((j, i))
        elif ch == '"':
            if quote_open is None:
                quote_open = i
            else:
                if i - quote_open <= MAX_PROTECTED_CHARS:
                    ranges.append((quote_open, i))
                quote_open = None
    return ranges


def _inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a < pos < b for a, b in ranges)


def _boundaries(para: str) -> Iterator[int]:
    """End offsets (exclusive) of the sentences of one paragraph, before the last one."""
    protected: list[tuple[int, int]] | None = None
    for m in _CANDIDATE_RE.finditer(para):
        mark = m.group()
        if mark[0] == "؛" and not SEMICOLON_SPLITS:
            continue
        if mark[0] == "." and len(mark.rstrip(_CLOSERS)) == 1 and _is_abbreviation(para, m.start()):
            continue
        if protected is None:
            protected = _protected_ranges(para)
        if protected and _inside(m.start(), protected):
            continue
        yield m.end()


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """``(offset, paragraph)`` pairs of ``text``, cut at every paragraph separator."""
    cut = 0
    for m in _PARA_SEP_RE.finditer(text):
        yield cut, text[cut : m.start()]
        cut = m.end()
    yield cut, text[cut:]


def split_spans(text: str) -> list[tuple[int, int, int]]:
    """Sentence spans of ``text`` as ``(para_id, start, end)``, stripped of whitespace."""
    spans: list[tuple[int, int, int]] = []
    para_id = -1
    for base, para in _paragraphs(text):
        if not para.strip():
            continue
        para_id += 1
        cut = 0
        for end in [*_boundaries(para), len(para)]:
            chunk = para[cut:end]
            stripped = chunk.lstrip()
            if stripped.strip():
                s = base + cut + (len(chunk) - len(stripped))
                e = base + cut + len(chunk.rstrip())
                spans.append((para_id, s, e))
            cut = end
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings."""
    return [text[s:e] for _, s, e in split_spans(text)]


def sentence_rows(doc_id: str, text: str) -> list[dict]:
    """Rows of the ``sentences`` frame for one document."""
    return [
        {"doc_id": doc_id, "sent_id": i, "para_id": p, "start": s, "end": e, "text": text[s:e]}
        for i, (p, s, e) in enumerate(split_spans(text))
    ]


def sentences_frame(articles: pd.DataFrame) -> pd.DataFrame:
    """The ``sentences`` frame of an ``articles`` frame."""
    rows: list[dict] = []
    for doc_id, text in zip(articles["doc_id"], articles["text"], strict=True):
        rows.extend(sentence_rows(doc_id, text))
    return schema.conform(
        pd.DataFrame(rows, columns=list(schema.SCHEMAS["sentences"])), "sentences"
    )


def naive_split_spans(text: str) -> list[tuple[int, int, int]]:
    """Baseline: split after every ``. ! ? ؟`` and at line breaks (for evaluation only)."""
    spans = []
    for pm in _PARA_RE.finditer(text):
        for sm in re.finditer(r"[^.!?؟]+[.!?؟]*", pm.group()):
            chunk = sm.group()
            if chunk.strip():
                s = pm.start() + sm.start() + (len(chunk) - len(chunk.lstrip()))
                spans.append((0, s, pm.start() + sm.start() + len(chunk.rstrip())))
    return spans
