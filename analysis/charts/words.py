"""Word weights and word clouds: Arabic stopwords out, clitic variants merged, shown as written.

Words are grouped by a key: the normalised word with its conjunction and preposition clitics
(و ف ب ل ك) removed only when what remains is a known word and the whole is not
(:func:`analysis.arabic.known_stem`): والوزير and الوزير merge, فكرة is never cut to كرة nor
وزير to زير, and the article stays (القدم is not قدم). Each group is shown in its most frequent
written form. Multi-word names (عبد الله، آل سعود، محمد بن سلمان, and any actor names passed in)
and frequent collocations (خادم الحرمين الشريفين، ولي العهد) are one term each.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache, lru_cache

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from .. import config, render
from ..arabic import (
    ATTACHED_PREPOSITIONS,
    NAME_PARTICLES,
    PATRONYMIC_PARTICLES,
    PRONOUN_LOOKALIKES,
    TASHKEEL,
    TATWEEL,
    WORD_RE,
    known_stem,
    normalize,
    proclitic_splits,
    pronoun_base,
)
from ..export import attach_data
from ..resources import read_words
from ._common import (
    axes,
    check_lang,
    counted_rows,
    display_name,
    kept_note,
    no_data,
    story_articles,
)

STOPWORDS_FILE = config.STOPWORDS_DIR / "arabic.txt"
METHODS = ("freq", "tfidf", "distinctive")
MIN_LEN = 2
JOINER = "_"  # joins the words of one term; WORD_RE reads "عبد_الله" as one word
# A pair of adjacent content words is one term when it occurs this often and makes up at least
# COLLOCATION_SHARE of the occurrences of its rarer word.
MIN_COLLOCATION = 5
COLLOCATION_SHARE = 0.5
MAX_TERM_WORDS = 3  # a collocation chain longer than this starts a new term
DISTINCTIVE_PRIOR = 100.0
# Corpus-wide clouds read an evenly spaced sample of this many articles: word frequencies are
# stable long before a month of news, and tokenising all of it takes minutes.
MAX_CLOUD_DOCS = 1000  # pseudo-count of the reference prior in the log-odds


@cache
def stopwords() -> frozenset[str]:
    """The project's Arabic stopword list (data/stopwords/arabic.txt), normalised."""
    return frozenset(normalize(w) for w in read_words(STOPWORDS_FILE))


_MARKS_RE = re.compile(f"[{TASHKEEL}{TATWEEL}]")
# Name particles (normalised): each joins the word after it (عبد الله، أبو مازن); those that
# link a person to a father or family also join the word before (محمد بن سلمان).
_PARTICLES = frozenset(NAME_PARTICLES - {"ال", "اول"}) | {"ال"}
_LINKING = PATRONYMIC_PARTICLES


@lru_cache(maxsize=500_000)
def _particle(written: str) -> str:
    """The name particle a written word is (with an optional و/ف before it), or ""."""
    n = normalize(written)
    if written.startswith("ال") or n == "اول":  # the article-spelled ال is not آل
        return ""
    for cand in (n, n[1:] if n[:1] in ("و", "ف") else ""):
        if cand in _PARTICLES:
            return cand
    return ""


def _phrase_index(phrases: Iterable[str]) -> dict[str, list[tuple[str, ...]]]:
    """Multi-word phrases by their first word, longest first."""
    index: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for p in {p.strip() for p in phrases}:
        words = tuple(WORD_RE.findall(_MARKS_RE.sub("", p)))
        if len(words) > 1:
            index[words[0]].append(words)
    for cands in index.values():
        cands.sort(key=len, reverse=True)
    return index


def _join_terms(toks: list[str], index: dict[str, list[tuple[str, ...]]]) -> list[str]:
    """``toks`` with given phrases (longest first) and particle names joined into one token."""
    out: list[str] = []
    i, n = 0, len(toks)
    while i < n:
        tok = toks[i]
        match = next((c for c in index.get(tok, ()) if tuple(toks[i : i + len(c)]) == c), None)
        if match:
            out.append(JOINER.join(match))
            i += len(match)
            continue
        part = _particle(tok) if i + 1 < n else ""
        if part:
            if part in _LINKING and out and _content_norm(out[-1]) and JOINER not in out[-1]:
                out[-1] = JOINER.join((out[-1], tok, toks[i + 1]))
            else:
                out.append(JOINER.join((tok, toks[i + 1])))
            i += 2
            continue
        out.append(tok)
        i += 1
    return out


def _tokens(text: str, index: dict[str, list[tuple[str, ...]]]) -> list[str]:
    """Words as written (tashkeel and tatweel removed), names and given phrases joined."""
    return _join_terms(WORD_RE.findall(_MARKS_RE.sub("", text)), index)


@lru_cache(maxsize=500_000)
def _content_norm(written: str) -> str:
    """The normalised word, or "" for numbers, one-letter words and stopwords."""
    n = normalize(written)
    if len(n) < MIN_LEN or n.isdigit() or _is_stop(n, stopwords()):
        return ""
    return n


def _is_stop(norm: str, sw: frozenset[str]) -> bool:
    """A stopword, one with clitics (وفي، بأن), or a function word with an attached pronoun
    (عليك، لك، إنني، منهم)."""
    if JOINER in norm or norm in PRONOUN_LOOKALIKES:
        return False
    for _p, stem in proclitic_splits(norm, min_stem=1):
        base = pronoun_base(stem)
        if stem in sw or (base is not None and (base in sw or base in ATTACHED_PREPOSITIONS)):
            return True
    return False


def _key(norm: str, vocab: frozenset[str] | set[str]) -> str:
    """The group key of a content word or joined term (its first word's clitics stripped)."""
    first, sep, rest = norm.partition(JOINER)
    return known_stem(first, vocab) + sep + rest


def _shown_form(key: str, forms: Counter[str]) -> str:
    """The most frequent written form; on a tie, the one whose normalised form is the key, then
    the shortest. Joined terms are shown with spaces."""

    def rank(form: str) -> tuple[int, int, int, str]:
        return (-forms[form], 0 if normalize(form) == key else 1, len(form), form)

    return min(forms, key=rank).replace(JOINER, " ")


def _collocations(docs: list[list[str]], norm: dict[str, str]) -> set[tuple[str, str]]:
    """Pairs of adjacent content words (normalised) frequent enough, and bound enough, to be
    one term."""
    words: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for toks in docs:
        norms = [norm[t] for t in toks]
        words.update(norms)
        pairs.update(itertools.pairwise(norms))
    return {
        (a, b)
        for (a, b), c in pairs.items()
        if a
        and b
        and a != b
        and c >= MIN_COLLOCATION
        and c >= COLLOCATION_SHARE * min(words[a], words[b])
    }


def _merge_collocations(
    toks: list[str], pairs: set[tuple[str, str]], norm: dict[str, str], starts: set[str]
) -> list[str]:
    """``toks`` with every chain of collocated pairs (at most MAX_TERM_WORDS) joined."""
    out: list[str] = []
    i, n = 0, len(toks)
    while i < n:
        j = i
        while (
            j + 1 < n
            and toks[j] in starts
            and sum(t.count(JOINER) + 1 for t in toks[i : j + 2]) <= MAX_TERM_WORDS
            and (norm[toks[j]], norm[toks[j + 1]]) in pairs
        ):
            j += 1
        out.append(toks[i] if j == i else JOINER.join(toks[i : j + 1]))
        i = j + 1
    return out


def term_docs(
    texts: Iterable[str], *, phrases: Iterable[str] = (), collocations: bool = True
) -> list[list[str]]:
    """Each text as its list of written terms (names, given phrases and collocations joined)."""
    index = _phrase_index(phrases)
    docs = [_tokens(t, index) for t in texts]
    if collocations:
        norm = {w: _content_norm(w) for w in {t for toks in docs for t in toks}}
        pairs = _collocations(docs, norm)
        if pairs:
            firsts = {a for a, _ in pairs}
            starts = {w for w, n in norm.items() if n in firsts}
            docs = [_merge_collocations(toks, pairs, norm, starts) for toks in docs]
    return docs


def word_table(
    texts: Iterable[str],
    *,
    vocab: set[str] | None = None,
    phrases: Iterable[str] = (),
    exclude: Iterable[str] = (),
    docs: list[list[str]] | None = None,
) -> pd.DataFrame:
    """Per key: count, most frequent written form and all forms (stopwords dropped).

    Stems are attested by the texts' own words and, if given, those of ``vocab`` (a corpus).
    Terms whose key, or every word of it, is in ``exclude`` (normalised) are left out.
    """
    docs = docs if docs is not None else term_docs(texts, phrases=phrases)
    written: Counter[str] = Counter()
    for toks in docs:
        written.update(toks)
    written = Counter({w: c for w, c in written.items() if _content_norm(w)})
    words = {_content_norm(w) for w in written}
    vocab = words | {p for w in words for p in w.split(JOINER)} | (vocab or set())
    skip = {normalize(x) for x in exclude}
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for w, c in written.items():
        key = _key(_content_norm(w), vocab)
        parts = key.split(JOINER)
        if key in skip or all(known_stem(p, vocab) in skip or p in skip for p in parts):
            continue
        forms[key][w] += c
    rows = [
        {
            "word": _shown_form(k, c),
            "key": k.replace(JOINER, " "),
            "count": sum(c.values()),
            "forms": "|".join(f.replace(JOINER, " ") for f, _ in c.most_common()),
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


def distinctive(target: pd.DataFrame, reference: pd.DataFrame) -> pd.Series:
    """Log-odds z-scores of each ``target`` key against ``reference`` counts (Monroe et al.
    2008, informative Dirichlet prior): high for words used more here than in the reference."""
    ref = reference.set_index("key")["count"].astype(float)
    y = target.set_index("key")["count"].astype(float)
    r = ref.reindex(y.index).fillna(0.0)
    n_t, n_r = y.sum(), max(ref.sum(), 1.0)
    prior = DISTINCTIVE_PRIOR * (r + y) / (n_r + n_t)
    a0 = DISTINCTIVE_PRIOR
    delta = np.log((y + prior) / (n_t + a0 - y - prior)) - np.log(
        (r + prior) / (n_r + a0 - r - prior)
    )
    return (delta / np.sqrt(1 / (y + prior) + 1 / (r + prior))).rename("weight")


def word_weights(
    texts: Iterable[str],
    *,
    method: str = "freq",
    corpus: Iterable[str] | None = None,
    top: int = 150,
    phrases: Iterable[str] = (),
    exclude: Iterable[str] = (),
) -> pd.DataFrame:
    """The ``top`` words of ``texts`` with a weight: raw count, TF-IDF against ``corpus``, or
    "distinctive" (log-odds z-score against ``corpus``, the texts' own words when not given).

    TF-IDF uses idf = ln((1 + N) / (1 + df)) + 1 over the ``corpus`` documents (``texts`` when
    not given), so a word that every article uses weighs less than one that marks these texts.
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, not {method!r}")
    texts = list(texts)
    if method == "freq":
        table = word_table(texts, phrases=phrases, exclude=exclude)
        table["weight"] = table["count"].astype(float)
    elif method == "tfidf":
        df, n, vocab = document_frequencies(corpus if corpus is not None else texts)
        table = word_table(texts, vocab=vocab, phrases=phrases, exclude=exclude)
        idf = np.array([math.log((1 + n) / (1 + df.get(k, 0))) + 1 for k in table["key"]])
        table["weight"] = table["count"].to_numpy() * idf
    else:
        ref_texts = list(corpus) if corpus is not None else texts
        reference = word_table(ref_texts, phrases=phrases)
        table = word_table(texts, phrases=phrases, exclude=exclude)
        table["weight"] = distinctive(table, reference).to_numpy()
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


def sample_texts(texts: pd.Series, *, limit: int = MAX_CLOUD_DOCS) -> list[str]:
    """At most ``limit`` of ``texts``, evenly spaced (deterministic, spread over the corpus)."""
    return list(sample_articles(texts, limit=limit))


def sample_articles(frame: pd.DataFrame | pd.Series, *, limit: int = MAX_CLOUD_DOCS):
    """At most ``limit`` rows of ``frame``, evenly spaced (deterministic, spread over it)."""
    if len(frame) <= limit:
        return frame
    return frame.iloc[np.linspace(0, len(frame) - 1, limit).round().astype(int)]


def _sample_note(n: int, total: int, lang: str, *, unit: str = "articles") -> str:
    """How many texts a cloud reads ("label: N" in Arabic: right for any N)."""
    stories = unit == "stories"
    if lang == "ar":
        what, per = ("القصص", " (مقالة لكل قصة)") if stories else ("المقالات", "")
        return f"{what}: {total:,}{per}" if n == total else f"{what}: عينة {n:,} من {total:,}{per}"
    what = "stories (one article each)" if stories else "article" if total == 1 else "articles"
    return f"{total:,} {what}" if n == total else f"sample of {n:,} of {total:,} {what}"


def article_texts(
    articles: pd.DataFrame,
    sentences: pd.DataFrame | None = None,
    *,
    boilerplate: bool = False,
) -> pd.Series:
    """Each article's text (doc_id index); with ``sentences``, its sentences without the
    boilerplate ones (footers, bylines, share buttons) unless ``boilerplate``."""
    texts = pd.Series(articles["text"].to_numpy(), index=articles["doc_id"].to_numpy())
    if sentences is None or boilerplate or "boilerplate" not in sentences:
        return texts
    s = sentences[sentences["doc_id"].isin(set(texts.index))]
    joined = s[~s["boilerplate"]].groupby("doc_id", sort=False)["text"].agg("\n".join)
    # An article without sentence rows keeps its text; one whose every line is boilerplate, none.
    split = texts.index.isin(set(s["doc_id"]))
    return texts.where(~split, joined.reindex(texts.index).fillna(""))


def actor_phrases(mentions: pd.DataFrame | None, *, top: int = 500) -> list[str]:
    """Multi-word surfaces and names of the ``top`` actors, to be kept as one term each."""
    if mentions is None or mentions.empty:
        return []
    m = mentions[mentions["actor_id"].fillna("") != ""]
    best = m["actor_id"].value_counts().index[:top]
    m = m[m["actor_id"].isin(best)]
    names = pd.concat([m["surface"], m["name_ar"]]).dropna().drop_duplicates()
    return [n for n in names if " " in n.strip()]


def actor_forms(mentions: pd.DataFrame, actor_id: str) -> set[str]:
    """Every written form of ``actor_id`` (surfaces, names) and each word in them."""
    m = mentions[mentions["actor_id"] == actor_id]
    forms = set(pd.concat([m["surface"], m["name_ar"], m["name_en"]]).dropna())
    return {f for f in forms if f} | {w for f in forms for w in f.split()}


def plot_article_wordcloud(
    articles: pd.DataFrame,
    doc_id: str | None = None,
    *,
    ax: Axes | None = None,
    lang: str = config.DEFAULT_LANG,
    method: str = "freq",
    mentions: pd.DataFrame | None = None,
    sentences: pd.DataFrame | None = None,
    unit: str = "articles",
    boilerplate: bool = False,
    **kwargs,
) -> Axes:
    """Word cloud of one article (``doc_id``) or of the whole corpus (``None``); actor names
    in ``mentions`` stay one term. ``method="distinctive"`` weighs one article's words against
    the corpus (for the corpus itself it is plain frequency). With ``sentences``, boilerplate
    sentences are left out unless ``boilerplate``; ``unit="stories"`` reads one article per story
    (the longest), "articles" and "mentions" every article."""
    pool = story_articles(articles, unit=unit)
    if doc_id is None:
        texts = article_texts(sample_articles(pool), sentences, boilerplate=boilerplate).tolist()
    else:
        one = articles[articles["doc_id"] == doc_id]
        texts = article_texts(one, sentences, boilerplate=boilerplate).tolist()
    corpus = (
        article_texts(sample_articles(pool), sentences, boilerplate=boilerplate).tolist()
        if method != "freq"
        else None
    )
    weights = word_weights(
        texts,
        method=method,
        corpus=corpus,
        phrases=actor_phrases(counted_rows(mentions, boilerplate=boilerplate))
        if mentions is not None
        else (),
    )
    if doc_id is None:
        # Plain text: plot_wordcloud prepares the title (preparing twice would reorder twice).
        note = _sample_note(len(texts), len(pool), lang, unit=unit) + kept_note(boilerplate, lang)
        title = (
            f"الكلمات الأكثر تكرارا ({note})" if lang == "ar" else f"Most frequent words ({note})"
        )
    else:
        t = articles.loc[articles["doc_id"] == doc_id, "title"]
        title = (t.iloc[0] if len(t) else doc_id)[:60]
    return plot_wordcloud(weights, ax=ax, lang=lang, title=kwargs.pop("title", title), **kwargs)


def plot_distinctive_wordcloud(
    articles: pd.DataFrame,
    doc_ids: Iterable[str],
    *,
    ax: Axes | None = None,
    lang: str = config.DEFAULT_LANG,
    mentions: pd.DataFrame | None = None,
    label: str = "",
    sentences: pd.DataFrame | None = None,
    unit: str = "articles",
    boilerplate: bool = False,
    **kwargs,
) -> Axes:
    """Word cloud of the words that mark the articles ``doc_ids`` against the whole corpus
    (log-odds z-scores), instead of the generic words plain frequency puts first. ``sentences``,
    ``unit`` and ``boilerplate`` as for :func:`plot_article_wordcloud`."""
    pool = story_articles(articles, unit=unit)
    chosen = pool[pool["doc_id"].isin(set(doc_ids))]
    texts = article_texts(sample_articles(chosen), sentences, boilerplate=boilerplate).tolist()
    weights = word_weights(
        texts,
        method="distinctive",
        corpus=article_texts(sample_articles(pool), sentences, boilerplate=boilerplate).tolist(),
        phrases=actor_phrases(counted_rows(mentions, boilerplate=boilerplate))
        if mentions is not None
        else (),
    )
    weights = weights[weights["weight"] > 0]
    # Isolated (first-strong): "2015-07-31" after Arabic words would otherwise read 31-07-2015.
    what = f" · \u2068{label}\u2069" if label else ""
    note = _sample_note(len(texts), len(chosen), lang, unit=unit) + kept_note(boilerplate, lang)
    title = (
        f"الكلمات المميزة مقارنة بالمدونة ({note}){what}"
        if lang == "ar"
        else f"Distinctive words against the corpus ({note}){what}"
    )
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
    unit: str = "articles",
    boilerplate: bool = False,
    **kwargs,
) -> Axes:
    """Word cloud of the sentences that mention ``actor_id``, the actor's own name left out
    in all its forms (every surface and name, and each word of them). Mentions in boilerplate
    and self-references are left out unless ``boilerplate``; ``unit="stories"`` reads the
    sentences of one article per story (the longest)."""
    mentions = counted_rows(mentions, boilerplate=boilerplate)
    pool = set(story_articles(articles, unit=unit)["doc_id"])
    texts = actor_sentences(mentions[mentions["doc_id"].isin(pool)], sentences, articles, actor_id)
    weights = word_weights(
        texts,
        method=method,
        corpus=sentences["text"] if method != "freq" else None,
        phrases=actor_phrases(mentions),
        exclude=actor_forms(mentions, actor_id),
    )
    rows = mentions[mentions["actor_id"] == actor_id]
    name = display_name(rows.iloc[0], lang) if len(rows) else actor_id
    per = {"stories": (" · مقالة لكل قصة", " · one article per story")}.get(unit, ("", ""))
    title = (
        f"{name} (الجمل: {len(texts):,}){per[0]}"
        if lang == "ar"
        else f"{name} ({len(texts):,} sentences){per[1]}"
    ) + kept_note(boilerplate, lang)
    return plot_wordcloud(weights, ax=ax, lang=lang, title=kwargs.pop("title", title), **kwargs)
