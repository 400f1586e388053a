"""The words of a text for the quote extractor: offsets into the original text and normalised
forms, found with arrays over per-character tables (what :func:`analysis.arabic.tokenize` gives,
without its empty tokens for a lone tatweel, many times faster on long articles)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from ..arabic import TASHKEEL, TATWEEL, WORD_RE, Token, normalize_with_map

_MARK_RE = re.compile(f"[{TASHKEEL}{TATWEEL}]")
# The two character classes of :data:`WORD_RE` (a test checks they are its pattern).
WORD_OPEN = r"[^\W_]"
WORD_GOES_ON = f"[\\w{TASHKEEL}{TATWEEL}]"


@lru_cache(maxsize=1)
def _char_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per BMP code point: may it open a word (``[^\\W_]``), may it go on one (``[\\w marks]``),
    is it a mark that belongs to the word before it (harakat, tatweel)? As :data:`WORD_RE` reads."""
    chars = "".join(map(chr, range(0x10000)))
    tables = []
    for pattern in (WORD_OPEN, WORD_GOES_ON, _MARK_RE):
        table = np.zeros(0x10000, dtype=bool)
        for m in re.finditer(pattern, chars):
            table[m.start()] = True
        tables.append(table)
    return tables[0], tables[1], tables[2]


class Tokens(Sequence[Token]):
    """The words of a text as parallel lists (starts, ends, normalised forms); a :class:`Token` is
    made only when one is read, as the extractor reads few words besides its cues."""

    def __init__(self, text: str, starts: list[int], ends: list[int], norms: list[str]) -> None:
        self.text, self.starts, self.ends, self.norms = text, starts, ends, norms

    def __len__(self) -> int:
        return len(self.norms)

    def _one(self, k: int) -> Token:
        a, b = self.starts[k], self.ends[k]
        return Token(a, b, self.text[a:b], self.norms[k])

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self._one(j) for j in range(*k.indices(len(self.norms)))]
        return self._one(k)


def word_spans(text: str) -> tuple[np.ndarray, np.ndarray] | None:
    """(starts, ends) of the :data:`WORD_RE` matches of ``text``, found with arrays: in each run of
    word characters the match opens at the first character that may open a word and ends with the
    run. None when the text has a character beyond the BMP (the regex reads those)."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if codes.size == 0 or codes.max() > 0xFFFF:
        return None
    opens, goes_on, _ = _char_tables()
    cont = goes_on[codes]
    can_open = opens[codes]
    edges = np.diff(np.concatenate(([False], cont, [False])).astype(np.int8))
    run_starts, run_ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    # The first character of each run that may open a word (the run's length when none does).
    ranks = np.cumsum(can_open)
    before = np.concatenate(([0], ranks))[run_starts]
    has_open = ranks[run_ends - 1] > before
    first = np.flatnonzero(can_open)
    starts = first[before[has_open]]
    return starts, run_ends[has_open]


def tokens(text: str) -> Tokens:
    """The words of ``text`` with their normalised forms and original spans, normalising the text
    once and finding and mapping every span back with arrays (what :func:`analysis.arabic.tokenize`
    gives, without its empty tokens for a lone tatweel, many times faster on long articles)."""
    nt = normalize_with_map(text)
    spans = word_spans(nt.text)
    if spans is None:
        found = [m.span() for m in WORD_RE.finditer(nt.text)]
        spans = (np.array([a for a, _ in found], dtype=np.int64), np.array([b for _, b in found]))
    norms = WORD_RE.findall(nt.text)
    n_starts, n_ends = spans
    if not norms:
        return Tokens(text, [], [], [])
    if nt.index is None:
        return Tokens(text, n_starts.tolist(), n_ends.tolist(), norms)
    starts = nt.index[n_starts]
    ends = nt.index[n_ends - 1] + 1
    # Harakat or tatweel after the last letter belong to the word (NormText.orig_end).
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    is_mark = np.append(_char_tables()[2][np.minimum(codes, 0xFFFF)] & (codes <= 0xFFFF), False)
    position = np.where(is_mark, len(is_mark) - 1, np.arange(len(is_mark)))
    next_letter = np.minimum.accumulate(position[::-1])[::-1]
    ends = next_letter[ends]
    return Tokens(text, starts.tolist(), ends.tolist(), norms)
