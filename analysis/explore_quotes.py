"""A speaker picker for the quotes notebook, on :mod:`analysis.explore`'s pattern: widgets when a
front end can show them, the static :class:`~analysis.explore.View` of the most quoted speaker
under papermill or nbconvert."""

from __future__ import annotations

from . import config
from .arabic import normalize
from .charts._common import display_name, type_name
from .charts.quotes import speaker_counts, speaker_mention_counts, top_speaker_quotes
from .display import rtl
from .explore import MAX_PICKER_OPTIONS, View, _widget, searchable_dropdown


def speaker_choices(
    parsed, *, lang: str = config.DEFAULT_LANG, search: str = ""
) -> list[tuple[str, str]]:
    """(label, actor_id) for every speaker, most quoted first, whose names contain ``search``."""
    counts = speaker_counts(parsed.quotes, parsed.articles, actors=parsed.actors)
    if search.strip():
        needle = normalize(search.strip()).lower()
        hay = (counts["name_ar"].fillna("") + " " + counts["name_en"].fillna("")).map(normalize)
        counts = counts[hay.str.lower().str.contains(needle, regex=False)]
    return [
        (f"{display_name(r, lang)} ({r['quotes']:,})", r["speaker_actor_id"])
        for r in counts.to_dict("records")
    ]


# The speaker view's quote table in an Arabic notebook: its headers and kinds in Arabic.
QUOTE_COLUMNS_AR = {
    "published": "تاريخ النشر",
    "title": "العنوان",
    "kind": "النوع",
    "cue": "فعل القول",
    "content": "النص",
    "doc_id": "المقالة",
}
KIND_AR = {"direct": "مباشر", "indirect": "غير مباشر", "according_to": "نقلا عن"}


def speaker_view(
    parsed, actor_id: str, *, lang: str = config.DEFAULT_LANG, limit: int = 15
) -> View:
    """A speaker's quotes (the first ``limit``, with context) and the actors their quotes name."""
    mine = parsed.quotes[parsed.quotes["speaker_actor_id"] == actor_id]
    counts = speaker_counts(mine, parsed.articles, actors=parsed.actors)
    if counts.empty:
        return View("لا تصريحات" if lang == "ar" else "no quotes")
    r = counts.iloc[0].to_dict()
    quotes = top_speaker_quotes(mine, parsed.articles, top=1, actors=parsed.actors, lang=lang)
    named = speaker_mention_counts(
        mine, parsed.mentions, parsed.articles, top=1, top_mentioned=limit, lang=lang
    )
    name = display_name(r, lang)
    # Counts after a colon: no Arabic number agreement needed for any N.
    title = (
        f"{name} — التصريحات: {r['quotes']:,} · المقالات: {r['articles']:,} · القصص: {r['stories']:,}"
        if lang == "ar"
        else f"{name} — quotes: {r['quotes']:,} · articles: {r['articles']:,} · stories: {r['stories']:,}"
    )
    shown = quotes.drop(columns=["speaker", "speaker_actor_id", "context"]).head(limit)
    who = named[["actor", "type", "quotes"]].assign(
        type=named["type"].map(lambda t: type_name(t, lang))
    )
    if lang == "ar":
        who = who.rename(columns={"actor": "الفاعل", "type": "النوع", "quotes": "التصريحات"})
        shown = shown.assign(kind=shown["kind"].map(lambda k: KIND_AR.get(k, k))).rename(
            columns=QUOTE_COLUMNS_AR
        )
    return View(
        title,
        [rtl(shown, index=False), rtl(who, index=False)],
        {"quotes": quotes, "named": named},
    )


def speaker_picker(
    parsed,
    *,
    lang: str = config.DEFAULT_LANG,
    limit: int = 15,
    interactive: bool | None = None,
):
    """A search box and a dropdown of the speakers (most quoted first, at most
    :data:`~analysis.explore.MAX_PICKER_OPTIONS`) updating their quotes and whom they name.

    Returns the widget box (its ``view`` attribute holds the current view), or, without a widget
    front end (or ``interactive=False``), the static view of the most quoted speaker.
    """
    choices = speaker_choices(parsed, lang=lang)[:MAX_PICKER_OPTIONS]
    ar = lang == "ar"
    if not choices:
        return View("لا متحدثين" if ar else "no speakers")
    search, picker = searchable_dropdown(
        choices,
        lambda text: speaker_choices(parsed, lang=lang, search=text),
        label="المتحدث" if ar else "speaker",
        lang=lang,
    )

    def render(actor_id: str) -> View:
        if not actor_id:
            return View("لا نتائج" if ar else "no match")
        return speaker_view(parsed, actor_id, lang=lang, limit=limit)

    return _widget(picker, render, interactive=interactive, header=(search,))
