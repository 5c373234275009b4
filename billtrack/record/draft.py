"""Drafts of new records: the fields a write command was given, each value checked as
the draft is made.

A draft is what a caller (the CLI) builds from its options; once it exists, every value
in it has the shape its field needs: a real calendar date (billtrack.dates), a word of
the file format (billtrack.vocabulary), a well-formed id. What a value may refer to (a
party, a proposal, a provision) is checked against the bill later, by the use cases.
An error names the field, never an option. Nothing here reads files or prints.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from billtrack import dates, vocabulary
from billtrack.model import Decision, Position, Text
from billtrack.record.fields import invalid
from billtrack.record.ids import check_id, split_ids

_EXTENSION_KEY = re.compile(r"^x-[A-Za-z0-9][A-Za-z0-9_.-]*$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


def check_date(value: str, field_: str = "date") -> str:
    """`value` if it is a partial date; the error says which part is wrong."""
    try:
        dates.parse(value)
    except dates.DateError as exc:
        raise invalid(field_, str(exc)) from None
    return value


def check_choice(value: str, choices: Sequence[str], field_: str, *, before: str = "") -> str:
    if value not in choices:
        raise invalid(field_, f"{before}{value!r} is not one of: {', '.join(choices)}")
    return value


# A language tag as the schemas allow it in a language map.
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")


def localized(value: Text | None) -> Text | None:
    """A human-readable value as the record keeps it. On the command line a multilingual
    value is a JSON object from language tag to text (`{"en": "...", "ru": "..."}`), the
    form the file has; any other string is kept as it is."""
    if not isinstance(value, str) or not value.lstrip().startswith("{"):
        return value
    try:
        found = json.loads(value)
    except ValueError:
        return value
    if (
        isinstance(found, dict)
        and found
        and all(
            isinstance(k, str) and _LANGUAGE_TAG.fullmatch(k) and isinstance(v, str) and v.strip()
            for k, v in found.items()
        )
    ):
        return found
    return value


def parse_position(text: str) -> Position:
    """`PARTY=STANCE` or `PARTY=STANCE:NOTE` (a stance never holds a colon)."""
    party, sep, rest = text.partition("=")
    stance, _, note = rest.partition(":")
    party, stance = party.strip(), stance.strip()
    if not sep or not party or not stance:
        raise invalid("positions", f"{text!r}: expected PARTY=STANCE or PARTY=STANCE:NOTE")
    check_choice(stance, vocabulary.STANCES, "positions", before=f"{party}= ")
    # Spaces after the colon are layout (`facebook=opposes: No office`); the rest of the
    # note is kept exactly.
    return Position(party=party, stance=stance, note=note.lstrip(" ") or None)


def parse_decision(text: str) -> Decision:
    """`PROPOSAL=STATUS` or `PROPOSAL=STATUS:NOTE`."""
    proposal, sep, rest = text.partition("=")
    status, _, note = rest.partition(":")
    proposal, status = proposal.strip(), status.strip()
    if not sep or not proposal or not status:
        raise invalid("decisions", f"{text!r}: expected PROPOSAL=STATUS or PROPOSAL=STATUS:NOTE")
    check_choice(status, vocabulary.DECISION_STATUSES, "decisions", before=f"{proposal}= ")
    return Decision(proposal=proposal, status=status, note=note.lstrip(" ") or None)


def parse_extensions(items: Iterable[str]) -> dict[str, str]:
    """`x-KEY=VALUE` items: user extension fields, kept as they are, each key once."""
    found: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not _EXTENSION_KEY.fullmatch(key):
            raise invalid(
                "extensions",
                f"{item!r}: expected x-KEY=VALUE (the key starts with 'x-': "
                "extensions are the only keys outside the schema)",
            )
        if key in found:
            raise invalid("extensions", f"{key} is given twice")
        found[key] = value
    return found


def _check_sources(sources: Sequence[str]) -> None:
    if any(not s.strip() for s in sources):
        raise invalid("sources", "must not be empty")


def _without_none(record: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v is not None}


@dataclass(frozen=True, kw_only=True)
class EventDraft:
    """A new event: what happened, when, who took part, what was decided.

    Repeated and comma-separated ids (`participants`, `provisions`) are split, each once.
    `event_id` is the file name asked for; None derives one from the date and a summary.
    """

    kind: str
    date: str
    stage: str | None = None
    body: str | None = None
    participants: Sequence[str] = ()
    outcome: str | None = None
    provisions: Sequence[str] = ()
    positions: Sequence[Position] = ()
    decisions: Sequence[Decision] = ()
    summary: str | None = None
    sources: Sequence[str] = ()
    extensions: Mapping[str, str] = field(default_factory=dict)
    event_id: str | None = None

    def __post_init__(self) -> None:
        check_choice(self.kind, vocabulary.EVENT_KINDS, "kind")
        check_date(self.date)
        if self.outcome is not None:
            check_choice(self.outcome, vocabulary.OUTCOMES, "outcome")
        if self.stage is not None:
            check_id(self.stage, "stage")
        _check_sources(self.sources)
        if self.event_id is not None:
            check_id(self.event_id, "id")
        # Normalised once, here, so that every later step sees the same lists.
        object.__setattr__(self, "participants", tuple(split_ids(self.participants)))
        object.__setattr__(self, "provisions", tuple(split_ids(self.provisions)))
        object.__setattr__(self, "positions", tuple(self.positions))
        object.__setattr__(self, "decisions", tuple(self.decisions))
        object.__setattr__(self, "sources", tuple(self.sources))

    @property
    def named_parties(self) -> list[str]:
        """Every party the event names: the body, the participants, those taking positions."""
        body = [self.body] if self.body else []
        return [*body, *self.participants, *(p.party for p in self.positions)]

    def record(self, *, version: str | None = None) -> dict[str, Any]:
        """The event as written to its file (`version`: the commit a reading pins)."""
        record: dict[str, Any] = {"date": self.date, "kind": self.kind}
        optional: dict[str, Any] = {
            "stage": self.stage,
            "body": self.body,
            "participants": list(self.participants),
            "outcome": self.outcome,
            "version": version,
            "provisions": list(self.provisions),
            "positions": [
                _without_none({"party": p.party, "stance": p.stance, "note": localized(p.note)})
                for p in self.positions
            ],
            "decisions": [
                _without_none(
                    {"proposal": d.proposal, "status": d.status, "note": localized(d.note)}
                )
                for d in self.decisions
            ],
            "summary": localized(self.summary),
            "sources": [localized(s) for s in self.sources],
        }
        record.update({k: v for k, v in optional.items() if v not in (None, "", [])})
        record.update(self.extensions)
        return record


@dataclass(frozen=True, kw_only=True)
class ProposalDraft:
    """A new amendment proposal: who proposes to add, drop, replace or renumber what.

    `date` None is today; `proposal_id` None numbers it `P-NNNN`.
    """

    author: str
    action: str
    target: str
    text: str | None = None
    after: str | None = None
    rationale: str | None = None
    date: str | None = None
    proposal_id: str | None = None
    heading: str | None = None  # any action: the heading the provision is to have
    replaces: str | None = None  # add: the provision the new one takes the place of
    number: str | None = None  # renumber (or add): the number it is to have
    sources: Sequence[str] = ()
    extensions: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.date is None:
            object.__setattr__(self, "date", str(dates.from_day(dt.date.today())))
        else:
            check_date(self.date)
        check_choice(self.action, vocabulary.ACTIONS, "action")
        check_id(self.target, "target")
        if self.after is not None:
            check_id(self.after, "after")
            if self.action not in ("add", "renumber"):
                raise invalid(
                    "after", "is only for add and renumber (where the provision is to go)"
                )
        if self.replaces is not None:
            check_id(self.replaces, "replaces")
            if self.action != "add":
                raise invalid("replaces", "is only for an add proposal (what the new one replaces)")
        if self.number is not None:
            if not self.number.strip():
                raise invalid("number", "must not be empty")
            if self.action not in ("add", "renumber"):
                raise invalid("number", "is only for add and renumber (the number it is to have)")
        if self.heading is not None and not self.heading.strip():
            raise invalid("heading", "must not be empty")
        if self.action in ("add", "replace") and (self.text is None or not self.text.strip()):
            raise invalid("text", f"is required for {self.action}: the proposed wording")
        if self.action in ("drop", "renumber") and self.text is not None:
            raise invalid(
                "text", f"is not used by {self.action}; only add and replace propose wording"
            )
        if self.proposal_id is not None:
            check_id(self.proposal_id, "id", proposal=True)
        _check_sources(self.sources)
        object.__setattr__(self, "sources", tuple(self.sources))

    def record(self) -> dict[str, Any]:
        """The proposal as written to its file."""
        record: dict[str, Any] = {
            "date": self.date,
            "author": self.author,
            "action": self.action,
            "target": self.target,
        }
        optional = {
            "replaces": self.replaces,
            "after": self.after,
            "number": self.number,
            "heading": localized(self.heading or None),
            "text": self.text,
            "rationale": localized(self.rationale or None),
        }
        record.update({k: v for k, v in optional.items() if v is not None})
        if self.sources:
            record["sources"] = [localized(s) for s in self.sources]
        record.update(self.extensions)
        return record


@dataclass(frozen=True, kw_only=True)
class PartyDraft:
    """A new entry of parties.yaml: a chamber, ministry, company or person."""

    party_id: str
    name: str
    kind: str
    country: str | None = None
    note: str | None = None
    short_name: str | None = None
    extensions: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        check_id(self.party_id, "party_id")
        if not self.name.strip():
            raise invalid("name", "must not be empty")
        check_choice(self.kind, vocabulary.PARTY_KINDS, "kind")
        if self.country is not None and not _COUNTRY.fullmatch(self.country):
            raise invalid(
                "country", f"{self.country!r}: expected an ISO 3166-1 alpha-2 code such as KZ"
            )

    def entry(self) -> dict[str, Any]:
        """The entry as appended to parties.yaml."""
        entry: dict[str, Any] = {"id": self.party_id, "name": localized(self.name)}
        if self.short_name:
            entry["short_name"] = localized(self.short_name)
        entry["kind"] = self.kind
        if self.country is not None:
            entry["country"] = self.country
        if self.note:
            entry["note"] = self.note
        entry.update(self.extensions)
        return entry
