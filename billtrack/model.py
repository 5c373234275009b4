"""The domain objects: parties, bills and their provisions, events, proposals.

Frozen dataclasses and the pure rules over them (a proposal's status). They are built
from loaded YAML by billtrack.store.records; this module never reads files and imports
nothing from store/, git or jsonschema.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from billtrack import dates

Text = str | Mapping[str, str]

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,79}$"
# Proposal ids may also be upper-case, as parliaments number them: P-0001.
PROPOSAL_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$"


@dataclass(frozen=True, slots=True)
class Party:
    id: str
    name: Text
    kind: str
    country: str | None = None
    note: str | None = None
    short_name: Text | None = None

    @property
    def short(self) -> Text:
        """The name a report uses in running prose: `short_name`, else `name`."""
        return self.short_name or self.name


@dataclass(frozen=True, slots=True)
class Provision:
    id: str
    text: Text
    number: str | None = None
    heading: str | None = None
    amends: str | None = None
    tags: tuple[str, ...] = ()
    # The record exactly as in the file (x- extensions included), for JSON output.
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def texts(self) -> dict[str, str]:
        """The text by language; a plain string is under the key ''."""
        if isinstance(self.text, str):
            return {"": self.text}
        return dict(self.text)


@dataclass(frozen=True, slots=True)
class Bill:
    id: str
    title: Text
    jurisdiction: str
    language: str
    provisions: tuple[Provision, ...]
    short_title: Text | None = None
    introduced: str | None = None
    initiator: str | None = None
    stages: tuple[str, ...] = ()
    # A stage's name in words, by stage id, where bill.yaml gives one ({id, label}).
    stage_labels: Mapping[str, Text] = field(default_factory=dict, compare=False)
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def provision(self, provision_id: str) -> Provision | None:
        for provision in self.provisions:
            if provision.id == provision_id:
                return provision
        return None


@dataclass(frozen=True, slots=True)
class Position:
    party: str
    stance: str
    note: Text | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    proposal: str
    status: str
    note: Text | None = None


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    date: str
    kind: str
    stage: str | None = None
    body: str | None = None
    participants: tuple[str, ...] = ()
    outcome: str | None = None
    version: str | None = None
    provisions: tuple[str, ...] = ()
    positions: tuple[Position, ...] = ()
    decisions: tuple[Decision, ...] = ()
    summary: Text | None = None
    sources: tuple[Text, ...] = ()
    path: str = ""


@dataclass(frozen=True, slots=True)
class Proposal:
    id: str
    date: str
    author: str
    action: str
    target: str
    text: Text | None = None
    after: str | None = None
    rationale: Text | None = None
    sources: tuple[Text, ...] = ()
    path: str = ""
    heading: Text | None = None  # the heading the provision is to have (any action)
    replaces: str | None = None  # add: the provision the new one takes the place of
    number: str | None = None  # renumber (or add): the number the provision is to have


@dataclass(frozen=True, slots=True)
class Ruling:
    """One decision on a proposal, with the event that made it."""

    status: str  # accepted, rejected, withdrawn (or a word validate would reject)
    event: str
    date: str
    body: str | None = None
    stage: str | None = None
    note: Text | None = None


@dataclass(frozen=True, slots=True)
class ProposalStatus:
    """A proposal's status: its latest decision (the bill's stage order, then date), and
    every decision made on it, oldest first. `proposed` while none was made."""

    status: str  # proposed, accepted, rejected, withdrawn
    event: str | None = None
    date: str | None = None
    body: str | None = None
    note: Text | None = None
    decisions: tuple[Ruling, ...] = ()


def in_order(events: Sequence[Event], stages: Sequence[str] = ()) -> list[Event]:
    """Events in the order they happened, as far as the data tells: by the interval of
    their date narrowed by the bill's stage order (billtrack.dates.narrowed), then id.
    The one order of log, history, diff, summary and status."""
    spans = dates.narrowed(((e.id, e.date, e.stage) for e in events), stages)
    return sorted(events, key=lambda e: dates.chronological_key(spans[e.id], e.date, e.id))


def proposal_statuses(
    proposals: Sequence[Proposal], events: Sequence[Event], stages: Sequence[str] = ()
) -> dict[str, ProposalStatus]:
    """Each proposal's status: `proposed` until an event decides it, then its latest
    decision, every decision kept (a committee's recommendation, then the vote)."""
    rulings: dict[str, list[Ruling]] = {p.id: [] for p in proposals}
    for event in in_order(events, stages):
        for decision in event.decisions:
            if decision.proposal in rulings:
                rulings[decision.proposal].append(
                    Ruling(
                        decision.status, event.id, event.date, event.body, event.stage,
                        decision.note,
                    )
                )  # fmt: skip
    statuses = {}
    for proposal_id, found in rulings.items():
        if not found:
            statuses[proposal_id] = ProposalStatus("proposed")
            continue
        last = found[-1]
        statuses[proposal_id] = ProposalStatus(
            last.status, last.event, last.date, last.body, last.note, tuple(found)
        )
    return statuses
