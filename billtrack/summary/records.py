"""What a change summary holds: the window, the counts, the dropped, added and reworded
provisions, what happened and where each party stands, and how each names the records
it quotes. Plain frozen records for the reporters; no behaviour, never prints.
"""

from __future__ import annotations

from dataclasses import dataclass

from billtrack.diff import Segment
from billtrack.i18n.base import VersionKind, VersionName

SUMMARY_SCHEMA = "billtrack/summary/1"


@dataclass(frozen=True, slots=True)
class VersionRef:
    """One side of the window: what the user named, what it is, and its name in words."""

    spec: str
    commit: str | None
    kind: VersionKind
    date: str | None
    stage: str | None
    event: str | None
    label: str  # in the output language: "first reading, 15 September 2021"

    @property
    def name(self) -> VersionName:
        return VersionName(self.kind, self.date, self.stage, self.event, self.commit)


@dataclass(frozen=True, slots=True)
class PartyRef:
    id: str
    name: str  # short name in the output language (parties.yaml); the id when not listed
    full_name: str = ""  # the name as the institution calls itself


@dataclass(frozen=True, slots=True)
class ProvisionRef:
    id: str
    number: str | None
    heading: str | None
    label: str  # "1.9 “Heading”", or the id when it has neither number nor heading


@dataclass(frozen=True, slots=True)
class ProposalRef:
    """A proposal behind a change, with the decision on it in the window."""

    id: str
    author: PartyRef
    action: str
    status: str
    event: str | None  # the event that decided it
    date: str | None  # that event's date
    rationale: str | None
    sentence: str
    notes: tuple[int, ...] = ()  # the numbers of the sources behind it (footnotes)


@dataclass(frozen=True, slots=True)
class Dropped:
    provision: ProvisionRef
    text: str  # as it stood, in `language`
    language: str  # the language tag of `text` ("" when unknown)
    replaced_by: tuple[ProvisionRef, ...]
    renamed: bool  # carried over under another id (replaced_by holds that one)
    similarity: int | None
    redline: tuple[Segment, ...]  # a rename's short redline; () otherwise
    sentence: str | None  # "Replaced by ..." / "Continues as ..."
    proposals: tuple[ProposalRef, ...]
    events: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Added:
    provision: ProvisionRef
    text: str
    language: str
    replaces: tuple[ProvisionRef, ...]
    sentence: str | None  # "In place of ..."
    proposals: tuple[ProposalRef, ...]
    events: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Reworded:
    provision: ProvisionRef
    previous_number: str | None  # when it was renumbered too
    language: str
    redline: tuple[Segment, ...]  # short: long unchanged stretches cut to "…"
    changes: tuple[str, ...]  # the other changes, as diff names them (number, heading, ...)
    changes_text: tuple[str, ...]
    proposals: tuple[ProposalRef, ...]
    events: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OtherChange:
    """A provision changed only in number, position, heading, amends or tags."""

    provision: ProvisionRef
    previous_number: str | None
    changes: tuple[str, ...]
    changes_text: tuple[str, ...]
    proposals: tuple[ProposalRef, ...]


@dataclass(frozen=True, slots=True)
class DecisionEntry:
    proposal: str
    status: str
    author: PartyRef | None  # None when the proposal file is not there
    action: str | None
    target: str | None
    note: str | None
    sentence: str


@dataclass(frozen=True, slots=True)
class PositionEntry:
    party: PartyRef
    stance: str
    note: str | None


@dataclass(frozen=True, slots=True)
class EventEntry:
    id: str
    date: str
    date_text: str
    kind: str
    stage: str | None
    body: PartyRef | None
    participants: tuple[PartyRef, ...]
    outcome: str | None
    sentence: str
    summary: str | None
    decisions: tuple[DecisionEntry, ...]
    positions: tuple[PositionEntry, ...]
    notes: tuple[int, ...] = ()  # the numbers of the sources behind its account


@dataclass(frozen=True, slots=True)
class StanceEntry:
    party: PartyRef
    stance: str
    stance_text: str
    note: str | None
    event: str
    event_kind: str
    date: str
    sentence: str  # "agrees (negotiations, November 2021)"


@dataclass(frozen=True, slots=True)
class Counts:
    dropped: int
    added: int
    reworded: int
    renamed: int
    other: int
    unchanged: int


@dataclass(frozen=True, slots=True)
class Summary:
    bill: str
    title: str
    lang: str
    text_language: str  # the bill's primary language
    old: VersionRef
    new: VersionRef
    counts: Counts
    headline: str
    other_sentence: str | None
    dropped: tuple[Dropped, ...]
    added: tuple[Added, ...]
    reworded: tuple[Reworded, ...]
    other: tuple[OtherChange, ...]
    events: tuple[EventEntry, ...]
    stances: tuple[StanceEntry, ...]
    sources: tuple[str, ...]
    # The news first: the largest accepted drop and addition, the agreement behind them,
    # the initiator (billtrack.summary.lede). Markdown, HTML and JSON.
    lede: str | None = None
    schema: str = SUMMARY_SCHEMA
