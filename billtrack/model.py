"""The domain objects: parties, bills and their provisions, events, proposals.

Frozen dataclasses and the pure rules over them (a proposal's status). They are built
from loaded YAML by billtrack.store.records; this module never reads files and imports
nothing from store/, git or jsonschema.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

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

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt through __init__: a frozen slots dataclass's default unpickling sets
        # each field through a generic __setstate__, four times slower, and a cached
        # 5,000-provision bill is unpickled on every warm diff.
        return (
            Provision,
            (self.id, self.text, self.number, self.heading, self.amends, self.tags, self.raw),
        )

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
    heading: Text | None = None


@dataclass(frozen=True, slots=True)
class ProposalStatus:
    """A proposal's status, derived from the event that decided it (if any)."""

    status: str  # proposed, accepted, rejected, withdrawn
    event: str | None = None
    date: str | None = None
    body: str | None = None


def proposal_statuses(proposals: list[Proposal], events: list[Event]) -> dict[str, ProposalStatus]:
    """Each proposal's status: `proposed` until an event's decisions name it."""
    statuses = {p.id: ProposalStatus("proposed") for p in proposals}
    for event in sorted(events, key=lambda e: (e.date, e.id)):
        for decision in event.decisions:
            if decision.proposal in statuses and statuses[decision.proposal].event is None:
                statuses[decision.proposal] = ProposalStatus(
                    decision.status, event.id, event.date, event.body
                )
    return statuses
