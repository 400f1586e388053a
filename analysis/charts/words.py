"""Word weights and word clouds: Arabic stopwords out, clitic variants merged, shown as written.

Words are grouped by a key: the normalised word with its proclitics (و ف ب ل ك ال لل) removed,
but only as far as the stripped stem is itself attested in the texts (as a word or after ال),
so والوزير، الوزير، وزير merge while وزير is never cut to زير. Each group is shown in its most
frequent written form, never as a bare stem.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache, lru_cache

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from .. import config, render
from ..arabic import TASHKEEL, TATWEEL, WORD_RE, normalize, proclitic_splits
from ..export import attach_data
from ._common import axes, check_lang, display_name, no_data

STOPWORDS_FILE = config.STOPWORDS_DIR / "arabic.txt"
METHODS = ("freq", "tfidf")
MIN_LEN = 2


@cache
def stopwords() -> frozenset[str]:
    """The project's Arabic stopword list (data/stopwords/arabic.txt), normalised."""
    words = set()
    for line in STOPWORDS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(normalize(line))
    return frozenset(words)


_MARKS_RE = re.compile(f"[{TASHKEEL}{TATWEEL}]")


def _written_counts(texts: Iterable[str]) -> Counter[str]:
    """Words as written (tashkeel and tatweel removed) and how often each occurs."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(WORD_RE.findall(_MARKS_RE.sub("", text)))
    return counts


@lru_cache(maxsize=500_000)
def _content_norm(written: str) -> str:
    """The normalised word, or "" for numbers, one-letter words and stopwords."""
    n = normalize(written)
    if len(n) < MIN_LEN or n.isdigit() or _is_stop(n, stopwords()):
        return ""
    return n


def _key(norm: str, vocab: frozenset[str] | set[str]) -> str:
    """The shortest clitic-free stem of ``norm`` attested in ``vocab`` (bare or with ال).

    A prefix ending in the article (ال، وال، بال، فال...) is stripped even when the stem is not
    attested, as long as three letters remain: the word is shown as written anyway.
    """
    splits = proclitic_splits(norm)
    for prefix, stem in reversed(splits[1:]):
        if len(stem) > MIN_LEN and (stem in vocab or "ال" + stem in vocab or prefix.endswith("ال")):
            return stem
    return norm


def _is_stop(norm: str, sw: frozenset[str]) -> bool:
    return any(stem in sw for _p, stem in proclitic_splits(norm, min_stem=1))


def _shown_form(key: str, forms: Counter[str]) -> str:
    """The most frequent written form; on a tie, a form without و/ف/ب/ل/ك, then the shortest."""

    def rank(form: str) -> tuple[int, int, int, str]:
        bare = normalize(form) in (key, "ال" + key)
        return (-forms[form], 0 if bare else 1, len(form), form)

    return min(forms, key=rank)


def word_table(texts: Iterable[str], *, vocab: set[str] | None = None) -> pd.DataFrame:
    """Per key: count, most frequent written form and all forms (stopwords dropped).

    Stems are attested by the texts' own words and, if given, those of ``vocab`` (a corpus).
    """
    written = {w: c for w, c in _written_counts(texts).items() if _content_norm(w)}
    vocab = {_content_norm(w) for w in written} | (vocab or set())
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for w, c in written.items():
        forms[_key(_content_norm(w), vocab)][w] += c
    rows = [
        {
            "word": _shown_form(k, c),
            "key": k,
            "count": sum(c.values()),
            "forms": "|".join(f for f, _ in c.most_common()),
        }
        for k, c in forms.items()
    ]
    out = pd.DataFrame(rows, columns=["word", "key", "count", "forms"])
    return out.sort_values(["count", "key"], ascending=[False, True], ignore_index=True)


def document_frequencies(docs: Iterable[str]) -> tuple[Counter[str], int, set[str]]:
    """(documents per key, number of documents, corpus vocabulary) for TF-IDF."""
    per_doc = []
    for d in docs:
        norms = {_content_norm(w) for w in set(WORD_RE.findall(_MARKS_RE.sub("", d)))}
        norms.discard("")
        per_doc.append(norms)
    vocab = set().union(*per_doc) if per_doc else set()
    keys = {n: _key(n, vocab) for n in vocab}
    df: Counter[str] = Counter()
    for norms in per_doc:
        df.update({keys[n] for n in norms})
    return df, len(per_doc), vocab


def word_weights(
    texts: Iterable[str],
    *,
    method: str = "freq",
    corpus: Iterable[str] | None = None,
    top: int = 150,
) -> pd.DataFrame:
    """The ``top`` words of ``texts`` with a weight: raw count, or TF-IDF against ``corpus``.

    TF-IDF uses idf = ln((1 + N) / (1 + df)) + 1 over the ``corpus`` documents (``texts`` when
    not given), so a word that every article uses weighs less than one that marks these texts.
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, not {method!r}")
    texts = list(texts)
    if method == "freq":
        table = word_table(texts)
        table["weight"] = table["count"].astype(float)
    else:
        df, n, vocab = document_frequencies(corpus if corpus is not None else texts)
        table = word_table(texts, vocab=vocab)
        idf = np.array([math.log((1 + n) / (1 + df.get(k, 0))) + 1 for k in table["key"]])
        table["weight"] = table["count"].to_numpy() * idf
    table = table.sort_values(["weight", "key"], ascending=[False, True], ignore_index=True)
    return table.head(top)[["word", "key", "count", "weight", "forms"]]


def actor_sentences(
    mentions: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame, actor_id: str
) -> list[str]:
    """Sentences that mention ``actor_id``, with the actor's own mentions cut out."""
    m = mentions[mentions["actor_id"] == actor_id]
    if m.empty:
        return []
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for d, s, e in zip(m["doc_id"], m["start"], m["end"], strict=True):
        spans[d].append((int(s), int(e)))
    text_of = dict(zip(articles["doc_id"], articles["text"], strict=True))
    # The actor's sentences, in the sentences frame's order (an inner merge keeps the left's).
    hit = sentences.merge(m[["doc_id", "sent_id"]].drop_duplicates(), on=["doc_id", "sent_id"])
    out = []
    for r in hit.itertuples(index=False):
        text = text_of.get(r.doc_id, "")
        chars = list(text[r.start : r.end])
        for s, e in spans[r.doc_id]:
            for i in range(max(s, r.start), min(e, r.end)):
                chars[i - r.start] = " "
        out.append("".join(chars))
    return out


def plot_wordcloud(
    weights: pd.DataFrame,
    *,
    ax: Axes | None = None,
    lang: str = config.DEFAULT_LANG,
    title: str | None = None,
    width: int = 1000,
    height: int = 560,
    mask: np.ndarray | None = None,
    random_state: int = 0,
    colormap: str = "viridis",
    max_words: int = 150,
) -> Axes:
    """Draw a word cloud of ``weights`` (from :func:`word_weights`) on ``ax``."""
    from wordcloud import WordCloud

    check_lang(lang)
    ax = axes(ax, figsize=(width / 100, height / 100))
    w = weights[weights["weight"] > 0].head(max_words)
    if w.empty:
        return no_data(ax, lang)
    # wordcloud draws with Pillow's default layout engine: prepare the words for it.
    freqs = {
        render.pil_label(word): float(v) for word, v in zip(w["word"], w["weight"], strict=True)
    }
    cloud = WordCloud(
        font_path=str(render.font_path()),
        width=width,
        height=height,
        mask=mask,
        background_color="white",
        random_state=random_state,
        prefer_horizontal=1.0,  # vertical Arabic is unreadable
        colormap=colormap,
        max_words=max_words,
        relative_scaling=0.5,
        collocations=False,
    ).generate_from_frequencies(freqs)
    ax.imshow(cloud.to_array(), interpolation="bilinear")
    ax.set_axis_off()
    if title:
        ax.set_title(render.label(title))
    attach_data(ax, w.reset_index(drop=True))
    return ax


def plot_article_wordcloud(
    articles: pd.DataFrame,
    doc_id: str | None = None,
    *,
    ax: Axes | None = None,
    lang: str = config.DEFAULT_LANG,
    method: str = "freq",
    **kwargs,
) -> Axes:
    """Word cloud of one article (``doc_id``) or of the whole corpus (``None``)."""
    texts = (
        list(articles["text"])
        if doc_id is None
        else list(articles.loc[articles["doc_id"] == doc_id, "text"])
    )
    weights = word_weights(
        texts, method=method, corpus=articles["text"] if method == "tfidf" else None
    )
    if doc_id is None:
        # Plain text: plot_wordcloud prepares the title (preparing twice would reorder twice).
        title = (
            f"الكلمات الأكثر تكرارا ({len(texts):,} مقالة)"
            if lang == "ar"
            else f"Most frequent words ({len(texts):,} articles)"
        )
    else:
        t = articles.loc[articles["doc_id"] == doc_id, "title"]
        title = (t.iloc[0] if len(t) else doc_id)[:60]
    return plot_wordcloud(weights, ax=ax, lang=lang, title=kwargs.pop("title", title), **kwargs)


def plot_actor_wordcloud(
    mentions: pd.DataFrame,
    sentences: pd.DataFrame,
    articles: pd.DataFrame,
    actor_id: str,
    *,
    ax: Axes | None = None,
    lang: str = config.DEFAULT_LANG,
    method: str = "freq",
    **kwargs,
) -> Axes:
    """Word cloud of the sentences that mention ``actor_id`` (the actor's own name left out)."""
    texts = actor_sentences(mentions, sentences, articles, actor_id)
    weights = word_weights(
        texts, method=method, corpus=sentences["text"] if method == "tfidf" else None
    )
    rows = mentions[mentions["actor_id"] == actor_id]
    name = display_name(rows.iloc[0], lang) if len(rows) else actor_id
    title = f"{name} ({len(texts)} جملة)" if lang == "ar" else f"{name} ({len(texts)} sentences)"
    return plot_wordcloud(weights, ax=ax, lang=lang, title=kwargs.pop("title", title), **kwargs)
