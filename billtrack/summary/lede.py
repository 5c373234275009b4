"""The lede of a change summary: the news first, derived from the data alone.

The largest accepted drop and the largest accepted addition (the one that replaced it,
where the data says one did), the first event in the window whose decision accepted
them (the agreement behind the change: a chamber's later vote that confirms it is not
where it was agreed) and the bill's initiator. Only what the records say: no drop or
addition decided in the window, no lede. Pure; never prints.
"""

from __future__ import annotations

from collections.abc import Sequence

from billtrack.i18n.base import Language
from billtrack.summary.records import Added, Dropped, EventEntry, PartyRef, ProposalRef

ACCEPTED = "accepted"


def _accepted(proposals: Sequence[ProposalRef]) -> ProposalRef | None:
    found = [p for p in proposals if p.status == ACCEPTED and p.event]
    return found[-1] if found else None


def lede(
    dropped: Sequence[Dropped],
    added: Sequence[Added],
    timeline: Sequence[EventEntry],
    initiator: PartyRef | None,
    words: Language,
) -> str | None:
    drops = [d for d in dropped if not d.renamed and _accepted(d.proposals)]
    drop = max(drops, key=lambda d: len(d.text), default=None)
    adds = [a for a in added if _accepted(a.proposals)]
    if drop is not None:
        successors = [a for a in adds if drop.provision in a.replaces]
        adds = successors or adds
    addition = max(adds, key=lambda a: len(a.text), default=None)
    if drop is None and addition is None:
        return None
    decided = _accepted(
        drop.proposals if drop is not None else addition.proposals if addition else ()
    )
    event = None
    if decided is not None:
        accepting = (
            e
            for e in timeline
            if any(d.proposal == decided.id and d.status == ACCEPTED for d in e.decisions)
        )
        event = next(accepting, None) or next((e for e in timeline if e.id == decided.event), None)
    agreement = None
    if event is not None:
        agreement = words.lede_event(
            event.kind,
            event.date,
            event.body.name if event.body else None,
            [p.name for p in event.participants],
        )
    return words.lede(
        drop.provision.label if drop else None,
        addition.provision.label if addition else None,
        replaced=bool(drop and addition and drop.provision in addition.replaces),
        agreement=agreement,
        initiator=initiator.name if initiator else None,
    )
