"""What the date grammar hands on: a :class:`Hit` per expression, the partial :class:`Spec` of a
calendar date before resolution, and the :class:`Context` an interpreter may look at."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(slots=True)
class Hit:
    """One interpreted expression (a row of the ``dates`` frame without doc/offset columns)."""

    type: str = "DATE"
    value: str = ""
    granularity: str = ""
    calendar: str = "gregorian"
    hijri: str = ""
    relative: bool = False
    mod: str = ""
    # True when no word decided the year (a bare month or weekday read by the default rule).
    year_inferred: bool = False
    start: dt.date | None = None
    end: dt.date | None = None
    # Partial fields kept so a range side ("من 4 الى 6 اغسطس") can borrow month and year.
    spec: Spec | None = None


@dataclass(slots=True)
class Spec:
    """A calendar date with possibly missing parts, before resolution."""

    calendar: str = "gregorian"
    year: int | None = None
    month: int | None = None
    day: int | None = None
    year_dir: int | None = None
    month_dir: int | None = None
    month_rel: bool = False
    mod: str = ""
    inferred: bool = False


@dataclass(frozen=True, slots=True)
class Context:
    """What interpretation may look at besides the match: the text and the anchor date."""

    text: str
    ref: dt.date | None
    future_before: Callable[[int], bool]
    # The tense governing position i: 1 future, -1 past, 0 undecided (see the scanner).
    tense_before: Callable[[int], int] = field(default=lambda i: 0)
    # The last month resolved in the document (calendar, year, month), for "الشهر نفسه".
    last_month: list = field(default_factory=list)
    # The periods (longer than a day, shorter than a year) resolved so far: (start, end, granularity),
    # for "الفترة نفسها من العام الماضي" and a bare "النصف الأول".
    periods: list = field(default_factory=list)
    # Every DATE resolved so far: (end offset, interval, calendar), for "الشهر الذي تلاه".
    dates: list = field(default_factory=list)


def sub_context(s: str, ctx: Context) -> Context:
    """A context for re-parsing a piece of a match on its own (no sentence around it)."""
    return Context(text=s, ref=ctx.ref, future_before=lambda i: False)


# A family's interpreter: the reading of a match, or None to let the next family try.
Interpreter = Callable[[re.Match, Context], Hit | None]
