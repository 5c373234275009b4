"""The domain objects: parties, bills and their provisions, events, proposals.

Frozen dataclasses built from loaded YAML data. Builders check just enough structure to
build safely (a wrong shape is a DataError naming the file, line and column); the full
contract is checked by billtrack.validate. This module imports neither git nor jsonschema.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from billtrack.problems import Problem, ProblemError

if TYPE_CHECKING:
    from billtrack.store.yamlio import Document, Path

Text = str | Mapping[str, str]

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,79}$"
# Proposal ids may also be upper-case, as parliaments number them: P-0001.
PROPOSAL_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$"


@dataclass(frozen=True, slots=True)
class Party:
    id: str
    name: str
    kind: str
    country: str | None = None
    note: str | None = None


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

    def text_in(self, language: str | None = None) -> str:
        """The text in one language (the first one when not given or not present)."""
        if isinstance(self.text, str):
            return self.text
        if language and language in self.text:
            return self.text[language]
        return next(iter(self.text.values()), "")

    def texts(self) -> dict[str, str]:
        """The text by language; a plain string is under the key ''."""
        if isinstance(self.text, str):
            return {"": self.text}
        return dict(self.text)


@dataclass(frozen=True, slots=True)
class Bill:
    id: str
    title: str
    jurisdiction: str
    language: str
    provisions: tuple[Provision, ...]
    short_title: str | None = None
    introduced: str | None = None
    initiator: str | None = None
    stages: tuple[str, ...] = ()
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
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    proposal: str
    status: str
    note: str | None = None


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
    summary: str | None = None
    sources: tuple[str, ...] = ()
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
    rationale: str | None = None
    sources: tuple[str, ...] = ()
    path: str = ""


# --- builders -----------------------------------------------------------------------


def _shape_error(doc: Document, path: Path, message: str) -> ProblemError:
    line, column = doc.pos(path)
    return ProblemError(
        Problem(doc.path, line, column, "error", "schema", f"{message} (billtrack validate)")
    )


def _mapping(doc: Document, value: Any, path: Path) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _shape_error(doc, path, "expected a mapping")
    return value


def _string(doc: Document, record: Mapping[str, Any], key: str, path: Path) -> str:
    value = record.get(key)
    if not isinstance(value, str) or not value:
        raise _shape_error(doc, (*path, key), f"{key!r} must be a non-empty string")
    return value


def _optional(record: Mapping[str, Any], key: str) -> str | None:
    value = record.get(key)
    return value if isinstance(value, str) else None


def _strings(record: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = record.get(key)
    if not isinstance(value, list):
        return ()
    return tuple(item for item in value if isinstance(item, str))


def _text(doc: Document, record: Mapping[str, Any], path: Path, *, required: bool) -> Text | None:
    value = record.get("text")
    if value is None and not required:
        return None
    if isinstance(value, str) and value:
        return value
    if (
        isinstance(value, Mapping)
        and value
        and all(isinstance(v, str) and v for v in value.values())
    ):
        return dict(value)
    raise _shape_error(doc, (*path, "text"), "'text' must be a string or a language mapping")


def build_provision(doc: Document, record: Any, path: Path) -> Provision:
    record = _mapping(doc, record, path)
    tags = record.get("tags")
    return Provision(
        id=_string(doc, record, "id", path),
        text=_text(doc, record, path, required=True) or "",
        number=_optional(record, "number"),
        heading=_optional(record, "heading"),
        amends=_optional(record, "amends"),
        tags=tuple(tags) if isinstance(tags, list) else (),
        raw=record,
    )


def build_bill(doc: Document) -> Bill:
    record = _mapping(doc, doc.data, ())
    provisions = record.get("provisions")
    if not isinstance(provisions, list):
        raise _shape_error(doc, ("provisions",), "'provisions' must be a list")
    return Bill(
        id=_string(doc, record, "id", ()),
        title=_string(doc, record, "title", ()),
        jurisdiction=_optional(record, "jurisdiction") or "",
        language=_optional(record, "language") or "",
        provisions=tuple(
            build_provision(doc, item, ("provisions", i)) for i, item in enumerate(provisions)
        ),
        short_title=_optional(record, "short_title"),
        introduced=_optional(record, "introduced"),
        initiator=_optional(record, "initiator"),
        stages=_strings(record, "stages"),
        raw=record,
    )


def build_parties(doc: Document) -> tuple[Party, ...]:
    if not isinstance(doc.data, list):
        raise _shape_error(doc, (), "parties.yaml must be a list of parties")
    parties = []
    for i, item in enumerate(doc.data):
        record = _mapping(doc, item, (i,))
        parties.append(
            Party(
                id=_string(doc, record, "id", (i,)),
                name=_string(doc, record, "name", (i,)),
                kind=_string(doc, record, "kind", (i,)),
                country=_optional(record, "country"),
                note=_optional(record, "note"),
            )
        )
    return tuple(parties)


def build_event(doc: Document, event_id: str) -> Event:
    record = _mapping(doc, doc.data, ())
    positions = record.get("positions")
    decisions = record.get("decisions")
    return Event(
        id=event_id,
        date=_string(doc, record, "date", ()),
        kind=_string(doc, record, "kind", ()),
        stage=_optional(record, "stage"),
        body=_optional(record, "body"),
        participants=_strings(record, "participants"),
        outcome=_optional(record, "outcome"),
        version=_optional(record, "version"),
        provisions=_strings(record, "provisions"),
        positions=tuple(
            Position(
                party=_string(doc, _mapping(doc, p, ("positions", i)), "party", ("positions", i)),
                stance=_string(doc, p, "stance", ("positions", i)),
                note=_optional(p, "note"),
            )
            for i, p in enumerate(positions if isinstance(positions, list) else [])
        ),
        decisions=tuple(
            Decision(
                proposal=_string(
                    doc, _mapping(doc, d, ("decisions", i)), "proposal", ("decisions", i)
                ),
                status=_string(doc, d, "status", ("decisions", i)),
                note=_optional(d, "note"),
            )
            for i, d in enumerate(decisions if isinstance(decisions, list) else [])
        ),
        summary=_optional(record, "summary"),
        sources=_strings(record, "sources"),
        path=doc.path,
    )


def build_proposal(doc: Document, proposal_id: str) -> Proposal:
    record = _mapping(doc, doc.data, ())
    return Proposal(
        id=proposal_id,
        date=_string(doc, record, "date", ()),
        author=_string(doc, record, "author", ()),
        action=_string(doc, record, "action", ()),
        target=_string(doc, record, "target", ()),
        text=_text(doc, record, (), required=False),
        after=_optional(record, "after"),
        rationale=_optional(record, "rationale"),
        sources=_strings(record, "sources"),
        path=doc.path,
    )


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
