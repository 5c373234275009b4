"""How the summary and the comparative table name the bill's records in words: a
version (what the user named, read the way the resolver read it), a party, a provision,
an event; which text of a provision they quote; and events in date order. Never prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from billtrack import dates
from billtrack.i18n.base import Language, VersionKind, VersionName
from billtrack.model import Event, Party, Provision, Text
from billtrack.summary.records import PartyRef, ProvisionRef, VersionRef

if TYPE_CHECKING:
    from billtrack.store.repository import Side


def version_ref(side: Side, events: Sequence[Event], words: Language) -> VersionRef:
    """What a resolved side is, read the way BillRepository.resolve read the spec."""
    kind: VersionKind
    stage = event_id = None
    date = side.date
    if side.commit is None:
        kind = "worktree"
    elif side.spec.startswith("@"):
        kind, date = "date", side.spec[1:]
    else:
        reading = _reading_for(side, events)
        if reading is not None:
            kind, stage, event_id, date = "reading", reading.stage, reading.id, reading.date
        else:
            kind = "commit"
    name = VersionName(kind, date, stage, event_id, side.commit)
    return VersionRef(side.spec, side.commit, kind, date, stage, event_id, words.version(name))


def _reading_for(side: Side, events: Sequence[Event]) -> Event | None:
    if side.spec.startswith("rev:"):
        return None
    pinned = [e for e in events if e.version and e.version == side.commit]
    for event in pinned:
        if event.id == side.spec:
            return event
    by_stage = sorted((e for e in pinned if e.stage == side.spec), key=event_order)
    return by_stage[-1] if by_stage else None


def event_label(event: Event, words: Language) -> str:
    """What an event was, in words: a reading by its stage, anything else by its kind."""
    if event.kind == "reading" and event.stage:
        return words.stage(event.stage)
    return words.event_kind(event.kind)


def event_order(event: Event) -> tuple[tuple[int, dt.date, int, str], str]:
    """Events by date, as their texts sort (billtrack.dates.sort_key), then id."""
    return (dates.sort_key(event.date), event.id)


def pick_text(text: Text, lang: str, primary: str | None) -> tuple[str, str]:
    """(language tag, text): the output language when the text has it, else the bill's
    primary language, else the first one written. A plain string is in the primary one."""
    if isinstance(text, str):
        return (primary or "", text)
    for wanted in (lang, primary):
        if wanted and wanted in text:
            return (wanted, text[wanted])
    for key, value in text.items():
        return (key, value)
    return (primary or "", "")


def provision_ref(provision: Provision, words: Language) -> ProvisionRef:
    return ProvisionRef(
        provision.id, provision.number, provision.heading, unit_label(provision, words)
    )


def unit_label(provision: Provision, words: Language) -> str:
    parts = [provision.number or "", words.quote(provision.heading) if provision.heading else ""]
    return " ".join(part for part in parts if part) or provision.id


def party_ref(party_id: str, parties: Mapping[str, Party]) -> PartyRef:
    """A party by its id, named as parties.yaml names it (by its id when not listed)."""
    found = parties.get(party_id)
    return PartyRef(party_id, found.name if found else party_id)
