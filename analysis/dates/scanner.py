"""The scanner: every family of :data:`~analysis.dates.families.FAMILIES` joined in one regex behind a
lookahead for the words an expression can start with, so the text is read once; at each position the
first family that matches and whose reading is accepted wins. Spans map back to the original text."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from ..arabic import CONJ_LETTERS, normalize_with_map
from .families import FAMILIES
from .families.ranges import side_patterns
from .hits import Context, Hit, Interpreter
from .lexicon import Lexicon, lexicon
from .periods import Interval
from .pieces import PRE, Pieces, alt, pieces, prefix_groups, words_re


def _first_word(lx: Lexicon, p: Pieces) -> str:
    """A lookahead for what an expression can start with: rejects most words at once.

    Common function words (في، من، بين، قبل، هذا) only count when what follows fits.
    """
    words = [
        *lx.months,
        *lx.weekdays,
        *lx.ordinals_m,
        *lx.ordinals_f,
        *lx.clock_hours,
        *lx.relative,
        *lx.modifiers,
        *lx.daypart_nouns,
        *lx.decades,
        *lx.units,
        *lx.numbers,
        *lx.period_units,
        *lx.sets,
        *lx.holidays,
        *lx.holiday_days,
        *lx.year_parts,
        *(w for f in FAMILIES for w in f.opens),
        *("ال" + f for f in (*lx.numbers, *lx.units)),
    ]
    side = alt(
        [
            *lx.months,
            *lx.weekdays,
            *lx.ordinals_m,
            *lx.relative,
            *lx.daypart_nouns,
            *lx.modifiers,
            "يوم",
            "شهر",
            "عام",
            "العام",
            "سنه",
            "السنه",
        ]
    )
    return (
        rf"(?=\d|{alt(words)}|في\s+وقت|(?:هذا|هذه)\s+{p.pu}|كل\s|شهر\s*\d|ال\s?\d"
        rf"|(?:بين|من|منذ)\s+(?:(?:يوم|الفتره|يومي|شهري|عامي)\s+)?(?:\d|{side})|(?:يومي|شهري|عامي)\s+(?:\d|{side})"
        rf"|(?:قبل|منذ|بعد)\s+(?:{p.approx}\s+)?(?:\d|{p.numw}|{p.units}))"
    )


@lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern[str]]:
    """The compiled families (search patterns, span in group ``c``), in priority order."""
    p = pieces()
    return {f.name: re.compile(rf"{PRE}(?P<c>{f.pattern(p)})(?!\w)") for f in FAMILIES}


@lru_cache(maxsize=1)
def master() -> re.Pattern[str]:
    """All families in one alternation (group ``f<i>`` tells which), to scan the text once.

    The opening lookahead rejects at once the many words no expression can start with.
    """
    p = pieces()
    body = "|".join(
        f"(?P<f{i}>{prefix_groups(f.pattern(p), f'g{i}_')})" for i, f in enumerate(FAMILIES)
    )
    return re.compile(rf"{PRE}{_first_word(lexicon(), p)}(?:{body})(?!\w)")


@lru_cache(maxsize=1)
def _families() -> tuple[tuple[re.Pattern[str], Interpreter], ...]:
    """(pattern, interpreter) per family, in the scanner's order; every regex compiled here."""
    side_patterns()  # compiled with the rest rather than on the first range met
    compiled = patterns()
    return tuple((compiled[f.name], f.interpret) for f in FAMILIES)


_NO_WORD_BEFORE = r"(?<!\w)"
_NAMED_GROUP_RE = re.compile(r"(?<!\\)\(\?P<(\w+)>")
_GROUP_REF_RE = re.compile(r"\(\?\((\w+)\)|\(\?P=(\w+)\)")
_FAMILY_GROUP_RE = re.compile(r"f\d+")


def _without_captures(pattern: str) -> str:
    """``pattern`` with its named groups made non-capturing, except the family groups ``f<i>`` and
    the groups a conditional or backreference names: the same matches, found faster (the regex
    engine saves and restores fewer marks while it backtracks)."""
    keep = {a or b for a, b in _GROUP_REF_RE.findall(pattern)}

    def group(m: re.Match) -> str:
        name = m.group(1)
        return m.group(0) if name in keep or _FAMILY_GROUP_RE.fullmatch(name) else "(?:"

    return _NAMED_GROUP_RE.sub(group, pattern)


@lru_cache(maxsize=1)
def _scanner() -> re.Pattern[str]:
    r"""The master pattern with its opening ``(?<!\w)`` made a consumed ``\W``, and no captures
    but the family groups.

    A pattern opening with a character class lets the regex engine skip in C to the next
    non-word character instead of entering the pattern at every offset; its matches start one
    character before the expression (offset 0, with nothing before it, is tried separately).
    The scanner only tells where an expression starts and which family matched (the family's own
    pattern then reads its groups), so the inner groups need not capture.
    """
    rx = master()
    if not rx.pattern.startswith(_NO_WORD_BEFORE):
        raise ValueError(r"the date scanner must open with (?<!\w)")
    body = _without_captures(rx.pattern[len(_NO_WORD_BEFORE) :])
    return re.compile(r"\W" + body, rx.flags)


_WORD_RE = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _future_re() -> re.Pattern[str]:
    """Future cues: listed words, or a سـ-prefixed imperfect verb (سيعقد، ستنطلق) not in the
    exception list of look-alike nouns and names (سيارة، سنوات، سياسة...)."""
    lx = lexicon()
    return re.compile(
        rf"(?<!\w)[{CONJ_LETTERS}]?(?:(?:{words_re(lx.future_cues)})(?!\w)"
        rf"|(?!{words_re(lx.future_exceptions)})س[يتن][^\W\d]{{3,}})"
    )


# A past verb by its shape: a stem of 3-6 letters and the subject suffix ت (she) or وا (they)
# ("أبحروا"، "قضوا"، "اختتمت"), not a definite noun (وال، بال...), not an imperfect (يـ، ليـ، لتـ),
# not a feminine plural (-ات) or a noun in -وت (بيوت، ثبوت); look-alikes in date_past_exceptions.csv.
_PAST_SHAPE = r"(?![وفبكل]?ال|لل|ي|ل[يتن])[^\W\d_]{3,6}(?:(?<!ا|و)ت|وا)(?!\w)"


@lru_cache(maxsize=1)
def _tense_re() -> re.Pattern[str]:
    """Tense markers: a future cue or imperfect verb (``f``), a past verb or past cue (``p``: the
    closed list, or ``q``: a word shaped like a past verb), a clause opener (``o``), each a whole
    word after an optional و/ف; the closed lists come first."""
    lx = lexicon()
    future = _future_re().pattern.removeprefix(rf"(?<!\w)[{CONJ_LETTERS}]?")
    return re.compile(
        rf"(?<!\w)[{CONJ_LETTERS}]?(?:(?P<o>{words_re(lx.clause_openers)})(?!\w)"
        rf"|(?P<p>{words_re(lx.past_verbs | lx.past_cues)})(?!\w)"
        rf"|(?P<f>{words_re(lx.present_verbs)})(?!\w)|(?P<c>{future})"
        rf"|(?![{CONJ_LETTERS}]?(?:{words_re(lx.past_exceptions)})(?!\w))(?P<q>{_PAST_SHAPE}))"
    )


def tense(text: str, lo: int, hi: int) -> int:
    """The tense of the nearest verb or cue in ``text[lo:hi]`` after its last clause opener: 1
    future (سيعقد، يعقد، المقرر), -1 past (عقد، منذ، لم يعقد), 0 none."""
    last = None
    for m in _tense_re().finditer(text, lo, hi):
        last = None if m.group("o") else m
    if last is None:
        return 0
    if last.group("p") or last.group("q"):
        return -1
    before = _WORD_RE.findall(text, max(lo, last.start() - 12), last.start())
    w = before[-1] if before else ""
    negations = lexicon().past_negations
    return -1 if w in negations or (w[:1] in CONJ_LETTERS and w[1:] in negations) else 1


def find_dates(text: str, *, ref: dt.date | None = None) -> list[tuple[int, int, Hit]]:
    """(start, end, hit) for every expression in ``text`` (offsets into ``text``), in text order."""
    nt = normalize_with_map(text)
    norm = nt.text
    future_re = _future_re()

    def future_before(i: int) -> bool:
        # A future cue earlier in the same line-sentence (up to the previous full stop).
        lo = max(norm.rfind(".", 0, i), norm.rfind("\n", 0, i), i - 150, 0)
        return future_re.search(norm, lo, i) is not None

    def tense_before(i: int) -> int:
        # The nearest verb in the clause decides; with none, a future cue earlier in the sentence.
        lo = max(norm.rfind(".", 0, i), norm.rfind("\n", 0, i), i - 150, 0)
        return tense(norm, lo, i) or (1 if future_before(i) else 0)

    ctx = Context(text=norm, ref=ref, future_before=future_before, tense_before=tense_before)
    families = _families()
    master_rx, scanner = master(), _scanner()

    def search(pos: int) -> tuple[int, str] | None:
        # (start, family group) of master_rx.search(norm, pos), found faster.
        if pos == 0 and (m := master_rx.match(norm, 0)) is not None:
            return 0, m.lastgroup
        m = scanner.search(norm, max(pos - 1, 0))
        return None if m is None else (m.start() + 1, m.lastgroup)

    out = []
    pos = 0
    while (sm := search(pos)) is not None:
        # The scanner found the first family matching here; if its reading is rejected
        # ("اليوم" alone is no "في وقت سابق اليوم"), the later families get their turn.
        start, family = sm
        found = None
        for rx, interp in families[int(family[1:]) :]:
            g = rx.match(norm, start)
            if g is not None and (hit := interp(g, ctx)) is not None:
                found = g, hit
                break
        if found is None:
            pos = start + 1
            continue
        g, hit = found
        sp = hit.spec
        if sp is not None and sp.month is not None and sp.year is not None:
            ctx.last_month.append((sp.calendar, sp.year, sp.month))
        long_ = hit.start is not None and hit.end is not None and (hit.end - hit.start).days
        if hit.type == "DATE" and long_ and 1 < long_ < 360:
            ctx.periods.append((hit.start, hit.end, hit.granularity))
        s, e = g.span("c")
        if hit.type == "DATE" and hit.start is not None and hit.end is not None:
            iv = Interval(hit.value, hit.granularity, hit.start, hit.end)
            ctx.dates.append((e, iv, hit.calendar))
        pos = g.end()
        os_, oe = nt.span(s, e)
        # "للعام": the article's alef was merged into the preposition; keep the whole word.
        if os_ > 0 and text[os_ - 1] == "ل" and norm[s] == "ل" and norm[s : s + 2] != "ال":
            os_ -= 1
        out.append((os_, oe, hit))
    return out
