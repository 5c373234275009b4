"""How the summary and the comparative table name the bill's records in words: a
version (what the user named, read the way the resolver read it), a party, a provision,
an event; which text of a provision they quote; and events in date order. Never prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from billtrack import dates
from billtrack.i18n import language
from billtrack.i18n.base import Language, VersionKind, VersionName
from billtrack.i18n.choose import choose
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
    chosen = choose(text, lang, primary=primary or "")
    return (chosen.lang or primary or "", chosen.text)


def provision_ref(provision: Provision, words: Language) -> ProvisionRef:
    return ProvisionRef(
        provision.id, provision.number, provision.heading, unit_label(provision, words)
    )


def unit_label(provision: Provision, words: Language) -> str:
    parts = [provision.number or "", words.quote(provision.heading) if provision.heading else ""]
    return " ".join(part for part in parts if part) or provision.id


def bill_words(lang: str, stage_labels: Mapping[str, Text], primary: str | None = None) -> Language:
    """The words of `lang`, naming stages as the bill labels them (a fallback marked)."""
    return language(lang).for_stages(
        {
            stage: choose(label, lang, primary=primary or "").shown
            for stage, label in stage_labels.items()
        }
    )


def party_ref(
    party_id: str, parties: Mapping[str, Party], lang: str, primary: str | None = None
) -> PartyRef:
    """A party by its id, named as parties.yaml names it in `lang` (by its id when not
    listed): `name` is the short name prose uses, `full_name` the institution's own."""
    found = parties.get(party_id)
    if found is None:
        return PartyRef(party_id, party_id, party_id)
    return PartyRef(
        party_id,
        choose(found.short, lang, primary=primary or "").shown,
        choose(found.name, lang, primary=primary or "").shown,
    )
