"""Building the model from loaded YAML: bills, provisions, events, proposals, parties.

Builders check just enough structure to build safely: a wrong shape is a ProblemError
(code `schema`) naming the file, line and column. The full contract is validate's job.
This module never reads files itself (the caller loads the Document) and never prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from billtrack.model import Bill, Decision, Event, Party, Position, Proposal, Provision, Text
from billtrack.problems import Problem, ProblemError
from billtrack.store.yamlio import Document, Path


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
        heading=_optional(record, "heading"),
        replaces=_optional(record, "replaces"),
        number=_optional(record, "number"),
        rationale=_optional(record, "rationale"),
        sources=_strings(record, "sources"),
        path=doc.path,
    )
