"""Quotes: who said what. One row per attributed statement (the ``quotes`` frame, see
:mod:`analysis.schema`).

``extract_quotes`` reads one document: its text, its ``sentences`` rows and its ``mentions`` rows
(:func:`analysis.actors.extract_mentions`). Cues are data (``data/lexicon/quote_cues.csv``: speech and
stance verbs with their inflections and participles, nouns, according-to phrases); the rules are in
:mod:`.extract`. Kinds:

* ``direct``: words in quotation marks attributed by a cue («...» قال فلان، قال: “...”);
* ``indirect``: a speech or stance verb, participle or noun with its content (أكد أن، دعا إلى، حذر من);
* ``according_to``: بحسب / وفقا لـ / نقلا عن, ذكرت ... أن, أفادت ... بأن, and chains
  (نقلت الصحيفة عن مصدر قوله: the speaker is the source, the outlet is kept in ``outlet_*``).

The speaker is ``explicit`` (a mention, or an unnamed source's words, next to the cue), found by
``coreference`` (a verb's agreement or a participle: the last compatible speaker or mention), or
``unresolved`` (مصدر مسؤول, kept with its words and no actor). Tables over the frame for the notebook
are in :mod:`.tables`; the scorer in :mod:`.evaluate`.
"""

from __future__ import annotations

from .extract import Quote, Speaker, find_quotes
from .headline import without_headline_repeats


def _offset(value: int | None) -> int | None:
    return None if value is None else int(value)


def quote_rows(doc_id: str, text: str, sentences: list[dict], quotes: list[Quote]) -> list[dict]:
    """Rows of the ``quotes`` frame for one document's quotes."""
    bounds = sorted((int(s["start"]), int(s["sent_id"])) for s in sentences) or [(0, 0)]
    rows = []
    for n, q in enumerate(quotes):
        sent_id = next(
            (sid for start, sid in reversed(bounds) if start <= q.cue_start), bounds[0][1]
        )
        sp, out = q.speaker, q.outlet or Speaker()
        rows.append(
            {
                "doc_id": doc_id,
                "quote_id": n,
                "sent_id": sent_id,
                "kind": q.kind,
                "cue": text[q.cue_start : q.cue_end],
                "cue_start": q.cue_start,
                "cue_end": q.cue_end,
                "content": text[q.content_start : q.content_end],
                "content_start": q.content_start,
                "content_end": q.content_end,
                "speaker_start": _offset(sp.start),
                "speaker_end": _offset(sp.end),
                "speaker_actor_id": sp.actor_id,
                "speaker_name": sp.name,
                "speaker_type": sp.type,
                "speaker_resolved": sp.resolved,
                "outlet_start": _offset(out.start),
                "outlet_end": _offset(out.end),
                "outlet_actor_id": out.actor_id,
                "outlet_name": out.name,
            }
        )
    return rows


def extract_quotes(
    *, doc_id: str, text: str, sentences: list[dict], mentions: list[dict]
) -> list[dict]:
    """Rows of the ``quotes`` frame for one document."""
    if not text:
        return []
    quotes = without_headline_repeats(text, find_quotes(text, sentences, mentions))
    return quote_rows(doc_id, text, sentences, quotes)
