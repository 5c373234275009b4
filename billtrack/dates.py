"""Partial dates: `2021`, `2021-11` or `2021-11-29`, each the interval it stands for.

Sources often give only a year or a month, so the file format allows partial dates. A
partial date is an interval of calendar days (`2021-11` is 1 to 30 November 2021), and
this module is the one place that parses one, checks it against the calendar, gives its
bounds, and orders and compares them. Every other module calls it; none parses a date
itself. It never reads files and never prints.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Precision = Literal["year", "month", "day"]

HINT = "YYYY, YYYY-MM or YYYY-MM-DD"
# The shape alone (the schemas hold the same pattern; the calendar is checked here).
PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
_SHAPE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_STAMP_TAIL = re.compile(r"(?<=[0-9])[T ]")


class DateError(ValueError):
    """A value that is not a partial date; the message says which part is wrong."""


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date as precise as its source, and the days it may stand for."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> dt.date:
        if self.day is not None:
            return self.start
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def exact(self) -> bool:
        return self.day is not None

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text

    def overlaps(self, low: dt.date | None, high: dt.date | None) -> bool:
        """Whether some day of this date may fall in [low, high] (None: open)."""
        return (high is None or self.start <= high) and (low is None or self.end >= low)

    def within(self, low: dt.date | None, high: dt.date | None) -> bool:
        """Whether every day of this date falls in [low, high] (None: open)."""
        return (low is None or self.start >= low) and (high is None or self.end <= high)


def parse(value: str) -> PartialDate:
    """The partial date written as `value`, exactly (no spaces, no trailing newline);
    DateError saying what is wrong otherwise."""
    match = _SHAPE.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise DateError(f"{value!r} is not a date ({HINT})")
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    if year == 0:
        raise DateError(f"{value!r} is not a date: there is no year 0")
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"{value!r} is not a date: month {month} does not exist")
    if day is not None:
        assert month is not None
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            name = calendar.month_name[month]
            raise DateError(f"{value!r} is not a date: {name} {year} has {last} days")
    return PartialDate(year, month, day)


def parse_or_none(value: object) -> PartialDate | None:
    """The partial date, or None when `value` is not one (for reports that must degrade
    gracefully on records that validate would reject)."""
    if not isinstance(value, str):
        return None
    try:
        return parse(value)
    except DateError:
        return None


def from_stamp(value: object) -> PartialDate | None:
    """The date a partial date or a longer ISO stamp (`2021-11-29T09:00:00+06:00`,
    `2021-11-29 09:00`) stands for; None when `value` begins with no partial date.
    What follows the date is not read: a stamp's day is the day it was written."""
    if not isinstance(value, str):
        return None
    cut = _STAMP_TAIL.search(value)
    return parse_or_none(value[: cut.start()] if cut else value)


def from_day(day: dt.date) -> PartialDate:
    return PartialDate(day.year, day.month, day.day)


def before(date: PartialDate) -> str:
    """The day before the first day `date` may stand for, as YYYY-MM-DD: where to look
    for the state of things just before a dated record."""
    return (date.start - dt.timedelta(days=1)).isoformat()


_WIDER_FIRST = {"year": 0, "month": 1, "day": 2}


def sort_key(value: str | None) -> tuple[int, dt.date, int, str]:
    """The one order of dates as written: by start, and of two that start together the
    wider first (`2022`, `2022-01`, `2022-01-01`, as their ISO texts sort); unreadable
    dates after readable ones, by their text; no date (the working tree: now) last."""
    if value is None:
        return (2, dt.date.max, 0, "")
    parsed = from_stamp(value)
    if parsed is None:
        return (1, dt.date.max, 0, value)
    return (0, parsed.start, _WIDER_FIRST[parsed.precision], "")


# --- records in time: the one rule of order and of windows -------------------------------

Span = tuple[dt.date, dt.date]


def narrowed(
    records: Iterable[tuple[str, str | None, str | None]], stages: Sequence[str]
) -> dict[str, Span | None]:
    """The days each record may stand for, given (key, date, stage) triples and the
    bill's stage order: its date's interval, narrowed so that a record of a later stage
    does not start before one of an earlier stage starts, nor end after one of a later
    stage ends (a `2022` Senate reading falls between the second reading of 9 March and
    the agreement of 20 April). None for a record whose date cannot be read."""
    rank = {stage: k for k, stage in enumerate(stages)}
    found = [(key, from_stamp(date), rank.get(stage or "")) for key, date, stage in records]
    staged = [(k, span.start, span.end) for _, span, k in found if k is not None and span]
    spans: dict[str, Span | None] = {}
    for key, span, k in found:
        if span is None:
            spans[key] = None
            continue
        start, end = span.start, span.end
        if k is not None:
            start = max([start, *(s for r, s, _ in staged if r < k)])
            end = min([end, *(e for r, _, e in staged if r > k)])
            end = max(start, end)  # contradictory data: keep an interval
        spans[key] = (start, end)
    return spans


def chronological_key(
    span: Span | None, written: str | None, tie: str = ""
) -> tuple[int, dt.date, dt.date, str, str]:
    """The one order of dated records: by the (narrowed) interval's start, then its end
    (a `2021-09` referral narrowed after the `2021-09-15` reading comes after it), then
    `tie`; unreadable dates after the others as written; no date (now) last."""
    if written is None:
        return (2, dt.date.max, dt.date.max, "", tie)
    if span is None:
        return (1, dt.date.max, dt.date.max, written, tie)
    return (0, span[0], span[1], "", tie)


def in_window(
    span: Span,
    stage: str | None,
    *,
    low: dt.date | None,
    high: dt.date | None,
    low_stage: str | None = None,
    high_stage: str | None = None,
    stages: Sequence[str] = (),
) -> bool:
    """Whether a record whose date stands for `span` falls in the window [low, high]
    (None: open) between two versions. Inside it: yes. Straddling a bound: its stage
    decides by the bill's stage order (straddling the newer version's date, in when its
    stage is not after that version's; straddling the older one's, in when its stage is
    after that version's). Outside it, or straddling with no stage to decide: no."""
    start, end = span
    if (high is not None and start > high) or (low is not None and end < low):
        return False
    rank = {name: k for k, name in enumerate(stages)}
    mine = rank.get(stage or "")
    if high is not None and end > high:
        bound = rank.get(high_stage or "")
        if mine is None or bound is None or mine > bound:
            return False
    if low is not None and start < low:
        bound = rank.get(low_stage or "")
        if mine is None or bound is None or mine <= bound:
            return False
    return True
