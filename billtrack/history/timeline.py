"""The bill's log: events and the commits that changed its text, interleaved by date.

Pure analysis over a walked History; the window a log keeps is diff.Window's rule, and
entries order by billtrack.dates.chronological_key. Never prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from billtrack import dates, suggest
from billtrack.diff import Status, Window
from billtrack.errors import UsageError
from billtrack.history.walk import History, Version, pairs
from billtrack.model import Event, Proposal
from billtrack.vocabulary import EVENT_KINDS

ENTRY_KINDS = ("commit", *EVENT_KINDS)


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the timeline: a commit that changed the text, or an event."""

    kind: str  # "commit" or the event's kind
    date: str | None  # None: uncommitted changes in the working tree (newest of all)
    version: Version | None = None
    counts: Mapping[Status, int] | None = None  # what the commit changed
    event: Event | None = None


@dataclass(frozen=True, slots=True)
class Timeline:
    bill: str
    entries: tuple[Entry, ...]  # in the order asked for (newest first by default)
    proposals: Mapping[str, Proposal]  # by id, for the decisions events record
    newest_first: bool = True
    notes: tuple[str, ...] = ()
    truncated: str | None = None


def date_window(since: str | None, until: str | None) -> Window:
    """The window of `--since`/`--until` (YYYY, YYYY-MM or YYYY-MM-DD, inclusive, None
    open): from the first day `since` stands for to the last day `until` does;
    UsageError saying which part is wrong when either is not a calendar date."""
    try:
        low = dates.parse(since.strip()).start if since is not None else None
        high = dates.parse(until.strip()).end if until is not None else None
    except dates.DateError as error:
        raise UsageError(str(error)) from None
    return Window(low, high)


_Key = tuple[tuple[int, dt.date, dt.date, str, str], int, int, str]


def _ordering(events: Sequence[Event], stages: Sequence[str]) -> Callable[[Entry], _Key]:
    """The one order of records (billtrack.dates.chronological_key): a partial date's
    interval narrowed by the stage order, so a `2022` Senate reading comes after the
    `2022-03-09` second reading, and a `2021-09` referral after the `2021-09-15` reading
    it followed. On one day the commits come first, in history order, then the events."""
    spans = dates.narrowed(((e.id, e.date, e.stage) for e in events), stages)

    def key(entry: Entry) -> _Key:
        if entry.version is not None:
            day = dates.from_stamp(entry.date)
            span = (day.start, day.end) if day is not None else None
            return (dates.chronological_key(span, entry.date), 0, entry.version.seq, "")
        assert entry.event is not None
        event = entry.event
        return (dates.chronological_key(spans.get(event.id), event.date), 1, 0, event.id)

    return key


def timeline(
    history: History,
    *,
    events: Sequence[Event],
    proposals: Sequence[Proposal] = (),
    since: str | None = None,
    until: str | None = None,
    kinds: Iterable[str] = (),
    newest_first: bool = True,
    stages: Sequence[str] = (),
) -> Timeline:
    """Events and the commits that changed the text, interleaved by date.

    Entries sort by the one order of records (billtrack.dates.chronological_key over
    dates narrowed by the bill's `stages`: a `2022` Senate reading after the `2022-03-09`
    second reading); on one day the commits come first, in history order, then the events
    by id. Uncommitted changes in the working tree come last. `since`/`until` keep the
    entries diff.Window.holds keeps: those whose date (as the span a partial date stands
    for) lies inside the range.
    """
    window = date_window(since or None, until or None)
    wanted = set(kinds)
    unknown = sorted(wanted - set(ENTRY_KINDS))
    if unknown:
        raise UsageError(f"unknown kind {unknown[0]!r}{suggest.hint(unknown[0], ENTRY_KINDS)}")

    def keep(kind: str, date: str | None) -> bool:
        return (not wanted or kind in wanted) and window.holds(date)

    entries: list[Entry] = []
    for version, before, after, _ in pairs(history):
        if keep("commit", version.date):
            entries.append(Entry("commit", version.date, version, history.counts(before, after)))
    for event in events:
        if keep(event.kind, event.date):
            entries.append(Entry(event.kind, event.date, event=event))
    entries.sort(key=_ordering(events, stages), reverse=newest_first)
    return Timeline(
        bill=history.bill,
        entries=tuple(entries),
        proposals={p.id: p for p in proposals},
        newest_first=newest_first,
        notes=tuple(history.notes),
        truncated=history.truncated,
    )
