"""Building the model from loaded YAML: bills, provisions, events, proposals, parties.

Builders check just enough structure to build safely: a wrong shape is a ProblemError
(code `schema`) naming the file, line and column. The full contract is validate's job.
This module never reads files itself (the caller loads the Document) and never prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from billtrack.model import Bill, Decision, Event, Party, Position, Proposal, Provision, Text
from billtrack.problems import Problem, ProblemError

if TYPE_CHECKING:
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


def _as_text(value: Any) -> Text | None:
    """A string, or a non-empty mapping from language tag to non-empty string."""
    if isinstance(value, str):
        return value
    if (
        isinstance(value, Mapping)
        and value
        and all(isinstance(k, str) and isinstance(v, str) and v for k, v in value.items())
    ):
        return dict(value)
    return None


def _text(doc: Document, record: Mapping[str, Any], path: Path, *, required: bool) -> Text | None:
    value = record.get("text")
    if value is None and not required:
        return None
    text = _as_text(value)
    if text:
        return text
    raise _shape_error(doc, (*path, "text"), "'text' must be a string or a language mapping")


def _localized(doc: Document, record: Mapping[str, Any], key: str, path: Path) -> Text | None:
    """An optional human-readable field: a string or a language mapping."""
    value = record.get(key)
    if value is None:
        return None
    text = _as_text(value)
    if text is None:
        raise _shape_error(doc, (*path, key), f"{key!r} must be a string or a language mapping")
    return text


def _required_localized(doc: Document, record: Mapping[str, Any], key: str, path: Path) -> Text:
    text = _localized(doc, record, key, path)
    if not text:
        raise _shape_error(doc, (*path, key), f"{key!r} must be a non-empty string or mapping")
    return text


def _texts(record: Mapping[str, Any], key: str) -> tuple[Text, ...]:
    """A list whose items are strings or language maps (the others left out)."""
    value = record.get(key)
    if not isinstance(value, list):
        return ()
    return tuple(text for text in map(_as_text, value) if text)


def stages_of(record: Mapping[str, Any]) -> tuple[tuple[str, ...], dict[str, Text]]:
    """The stage ids in order, and the labels of those given as `{id, label}`."""
    value = record.get("stages")
    ids: list[str] = []
    labels: dict[str, Text] = {}
    for item in value if isinstance(value, list) else []:
        if isinstance(item, str):
            ids.append(item)
        elif isinstance(item, Mapping) and isinstance(item.get("id"), str):
            ids.append(item["id"])
            label = _as_text(item.get("label"))
            if label:
                labels[item["id"]] = label
    return tuple(ids), labels


def build_provision(doc: Document, record: Any, path: Path) -> Provision:
    record = _mapping(doc, record, path)
    tags = record.get("tags")
    if tags is not None and not (
        isinstance(tags, list) and all(isinstance(tag, str) and tag for tag in tags)
    ):
        raise _shape_error(doc, (*path, "tags"), "'tags' must be a list of strings")
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
    stages, stage_labels = stages_of(record)
    return Bill(
        id=_string(doc, record, "id", ()),
        title=_required_localized(doc, record, "title", ()),
        jurisdiction=_optional(record, "jurisdiction") or "",
        language=_optional(record, "language") or "",
        provisions=tuple(
            build_provision(doc, item, ("provisions", i)) for i, item in enumerate(provisions)
        ),
        short_title=_localized(doc, record, "short_title", ()),
        introduced=_optional(record, "introduced"),
        initiator=_optional(record, "initiator"),
        stages=stages,
        stage_labels=stage_labels,
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
                name=_required_localized(doc, record, "name", (i,)),
                kind=_string(doc, record, "kind", (i,)),
                country=_optional(record, "country"),
                note=_optional(record, "note"),
                short_name=_localized(doc, record, "short_name", (i,)),
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
                note=_localized(doc, p, "note", ("positions", i)),
            )
            for i, p in enumerate(positions if isinstance(positions, list) else [])
        ),
        decisions=tuple(
            Decision(
                proposal=_string(
                    doc, _mapping(doc, d, ("decisions", i)), "proposal", ("decisions", i)
                ),
                status=_string(doc, d, "status", ("decisions", i)),
                note=_localized(doc, d, "note", ("decisions", i)),
            )
            for i, d in enumerate(decisions if isinstance(decisions, list) else [])
        ),
        summary=_localized(doc, record, "summary", ()),
        sources=_texts(record, "sources"),
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
        heading=_localized(doc, record, "heading", ()),
        replaces=_optional(record, "replaces"),
        number=_optional(record, "number"),
        rationale=_localized(doc, record, "rationale", ()),
        sources=_texts(record, "sources"),
        path=doc.path,
    )
