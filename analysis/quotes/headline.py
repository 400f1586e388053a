"""A headline is not counted twice: a quote of the text's first line that only summarises a quote
of the body (the same speaker, or none named, and at least half its words in the body quote) is
dropped, so the statement is counted once, where it is made in full."""

from __future__ import annotations

from ..arabic import WORD_RE, normalize
from .extract import Quote, Speaker

# A headline: the first line, if short, unpunctuated and followed by more text (a folder corpus
# keeps the title there); its quote sharing this share of its words with a body quote repeats it.
HEADLINE_MAX_CHARS = 200
HEADLINE_OVERLAP = 0.5


def headline_end(text: str) -> int:
    """End of the text's headline, else 0."""
    lead = len(text) - len(text.lstrip())
    end = text.find("\n", lead)
    line = text[lead:end].strip() if end > 0 else ""
    if not line or len(line) > HEADLINE_MAX_CHARS or line[-1] in ".!؟?" or not text[end:].strip():
        return 0
    return end


def _content_words(text: str, q: Quote) -> set[str]:
    return {
        w for w in WORD_RE.findall(normalize(text[q.content_start : q.content_end])) if len(w) > 2
    }


def _same_speaker(text: str, a: Speaker, b: Speaker) -> bool:
    if a.start is None or b.start is None:
        return a.start is None  # a headline naming nobody: its words decide
    if a.actor_id or b.actor_id:
        return a.actor_id == b.actor_id
    last = [normalize(text[sp.start : sp.end]).split()[-1:] for sp in (a, b)]
    return last[0] == last[1] != []


def without_headline_repeats(text: str, quotes: list[Quote]) -> list[Quote]:
    """The quotes without the headline's that only summarise a statement of the body."""
    end = headline_end(text)
    if not end:
        return quotes
    body = [q for q in quotes if q.cue_start > end]
    kept = []
    for q in quotes:
        if q.cue_start < end:
            words = _content_words(text, q)
            if words and any(
                _same_speaker(text, q.speaker, b.speaker)
                and len(words & _content_words(text, b)) >= HEADLINE_OVERLAP * len(words)
                for b in body
            ):
                continue
        kept.append(q)
    return kept
