"""One provision's life across the history: every version in which it was added,
changed, renamed or dropped (following renames both ways), with the proposals and
events behind each change. Pure analysis over a walked History; never prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from billtrack import dates, suggest
from billtrack.diff import CHANGE_ORDER, BillDiff, ProvisionDiff, Window, diff_bills
from billtrack.errors import UsageError
from billtrack.history.walk import History, Version, pairs
from billtrack.ledger import explain
from billtrack.model import Event, Proposal, ProposalStatus, Provision, proposal_statuses
from billtrack.vocabulary import PROPOSED

Context = Literal["", "bill-deleted", "bill-restored", "boundary"]


@dataclass(frozen=True, slots=True)
class Step:
    """A version in which the provision was added, changed, renamed or dropped."""

    version: Version
    change: ProvisionDiff  # status, what changed, before/after, redlines, proposals, events
    context: Context = ""  # the bill file itself deleted, restored, or the history's start


@dataclass(frozen=True, slots=True)
class Pinned:
    """A reading that pinned a version containing the provision."""

    event: Event
    provision_id: str  # the id it had in that version


@dataclass(frozen=True, slots=True)
class ProvisionHistory:
    bill: str
    id: str  # the id asked for
    ids: tuple[str, ...]  # every id it had, in the order they appeared
    current: Provision | None  # as it reads in the newest version; None once dropped
    steps: tuple[Step, ...]  # oldest first
    readings: tuple[Pinned, ...]
    proposals: tuple[tuple[Proposal, ProposalStatus], ...]
    events: tuple[Event, ...]
    notes: tuple[str, ...] = ()
    truncated: str | None = None


def _names_in(history: History, blob: str | None, wanted: set[int]) -> list[tuple[str, int]]:
    """(id, provision index) of the provisions of a version that are among `wanted`, in
    the version's order."""
    if not history.readable(blob):
        return []
    assert blob is not None
    indices = history.texts.indices(blob)
    found = wanted.intersection(indices)  # at C speed: most versions have one or none
    if not found:
        return []
    ids = history.texts.provision_ids()
    if len(found) == 1:
        index = next(iter(found))
        return [(ids[index], index)]
    return [(ids[i], i) for i in sorted(found, key=indices.index)]


def provision_history(
    history: History,
    provision_id: str,
    *,
    proposals: Sequence[Proposal] = (),
    events: Sequence[Event] = (),
) -> ProvisionHistory:
    """Every version in which the provision (under any of its ids, following renames
    both ways) was added, changed or dropped, with the proposals and events behind each
    change, the readings that pinned a version containing it, and all that concerns it."""
    versions = pairs(history)
    all_ids = history.texts.provision_ids()

    def indices_of(names: set[str]) -> set[int]:
        return {i for i, pid in enumerate(all_ids) if pid in names}

    names = {provision_id}
    wanted = indices_of(names)
    memo: dict[str | None, list[tuple[str, int]]] = {}

    def present(blob: str | None) -> list[tuple[str, int]]:
        found = memo.get(blob)
        if found is None:
            found = memo[blob] = _names_in(history, blob, wanted)
        return found

    if not any(present(blob) for _, _, blob, _ in versions):
        raise UsageError(_unknown(history, provision_id, versions))

    # Follow renames, both ways, until no new id joins.
    diffs: dict[tuple[str | None, str | None], BillDiff] = {}
    while True:
        grown = False
        for _, before, after, _ in versions:
            had = {n for n, _ in present(before)}
            has = {n for n, _ in present(after)}
            if had == has:
                continue
            key = (before, after)
            if key not in diffs:
                diffs[key] = diff_bills(history.bill_at(before), history.bill_at(after))
            for item in diffs[key].provisions:
                if item.status == "renamed" and item.previous_id is not None:
                    pair = {item.id, item.previous_id}
                    if pair & names and not pair <= names:
                        names |= pair
                        grown = True
        if not grown:
            break
        wanted = indices_of(names)
        memo.clear()

    steps: list[Step] = []
    order: list[str] = []
    for version, before, after, before_date in versions:
        old = present(before)
        new = present(after)
        if not old and not new:
            continue
        for name, _ in old + new:
            if name not in order:
                order.append(name)
        items = _changes(history, before, after, old, new, names, diffs)
        for item in items:
            item = _attributed(history, item, proposals, events, (before_date, version.date))
            steps.append(Step(version, item, _context(version, item)))

    current = None
    if versions:
        newest = versions[-1][2]
        found = present(newest)
        if found:
            current = history.texts.provision(found[0][1])
    readings = _pinned_readings(history, events, wanted)
    statuses = proposal_statuses(list(proposals), list(events), ())
    mine = [p for p in proposals if p.target in names]
    mine_ids = {p.id for p in mine}
    concerning = [
        e
        for e in sorted(events, key=lambda e: (dates.sort_key(e.date), e.id))
        if names.intersection(e.provisions) or any(d.proposal in mine_ids for d in e.decisions)
    ]
    return ProvisionHistory(
        bill=history.bill,
        id=provision_id,
        ids=tuple(order),
        current=current,
        steps=tuple(steps),
        readings=readings,
        proposals=tuple(
            (p, statuses.get(p.id, ProposalStatus(PROPOSED)))
            for p in sorted(mine, key=lambda p: (dates.sort_key(p.date), p.id))
        ),
        events=tuple(concerning),
        notes=tuple(history.notes),
        truncated=history.truncated,
    )


def _changes(
    history: History,
    before: str | None,
    after: str | None,
    old: list[tuple[str, int]],
    new: list[tuple[str, int]],
    names: set[str],
    diffs: dict[tuple[str | None, str | None], BillDiff],
) -> list[ProvisionDiff]:
    """What happened to the provision between two versions (nothing when unchanged)."""
    if len(old) == 1 and len(new) == 1 and old[0][0] == new[0][0]:
        assert before is not None and after is not None
        (name, old_index), (_, new_index) = old[0], new[0]
        moved = history.moved(before, after)
        if moved is not None:
            return _own_change(history, name, before, old_index, after, new_index, name in moved)
    key = (before, after)
    if key not in diffs:
        diffs[key] = diff_bills(history.bill_at(before), history.bill_at(after))
    return [
        item
        for item in diffs[key].provisions
        if item.status != "unchanged" and (item.id in names or item.previous_id in names)
    ]


def _own_change(
    history: History,
    name: str,
    before: str,
    old_index: int,
    after: str,
    new_index: int,
    moved: bool,
) -> list[ProvisionDiff]:
    """The provision's change between two versions that neither add nor drop anything
    that could be a rename of it: its own fields, and its position from the ids alone."""
    item: ProvisionDiff | None = None
    if old_index != new_index:
        sub = diff_bills(
            history.texts.partial(before, [old_index]),
            history.texts.partial(after, [new_index]),
        )
        item = sub.provisions[0]
    if moved:
        if item is None or item.status == "unchanged":
            item = ProvisionDiff(
                name,
                "modified",
                history.texts.provision(old_index),
                history.texts.provision(new_index),
                ("position",),
            )
        else:
            changes = set(item.changes) | {"position"}
            item = replace(item, changes=tuple(c for c in CHANGE_ORDER if c in changes))
    return [item] if item is not None and item.status != "unchanged" else []


def _attributed(
    history: History,
    item: ProvisionDiff,
    proposals: Sequence[Proposal],
    events: Sequence[Event],
    window: tuple[str | None, str | None],
) -> ProvisionDiff:
    if not proposals and not events:
        return item
    found = explain(
        BillDiff(history.bill, (item,)),
        proposals=list(proposals),
        events=list(events),
        window=Window.between(*window),
    ).provisions[0]
    # A step of the history credits only the proposals that explain it (the ledger):
    # never a rejected one, nor a rewording for a renumbering it did not cause.
    if found.ledger is None:
        return found
    by = set(found.ledger.explained_by)
    return replace(found, proposals=tuple(p for p in found.proposals if p in by))


def _context(version: Version, item: ProvisionDiff) -> Context:
    if item.status == "dropped" and version.status == "deleted":
        return "bill-deleted"
    if item.status == "added" and version.status == "restored":
        return "bill-restored"
    if item.status == "added" and version.status == "boundary":
        return "boundary"
    return ""


def _pinned_readings(
    history: History, events: Sequence[Event], wanted: set[int]
) -> tuple[Pinned, ...]:
    readings = sorted(
        (e for e in events if e.version), key=lambda e: (dates.sort_key(e.date), e.id)
    )
    if not readings:
        return ()
    blobs = history.blobs_at([e.version for e in readings if e.version])
    pinned = []
    for event in readings:
        assert event.version is not None
        blob = blobs.get(event.version)
        found = _names_in(history, blob, wanted)
        if found:
            pinned.append(Pinned(event, found[0][0]))
    return tuple(pinned)


def _unknown(
    history: History,
    provision_id: str,
    versions: Sequence[tuple[Version, str | None, str | None, str | None]],
) -> str:
    known: set[str] = set()
    for _, _, blob, _ in versions:
        if history.readable(blob):
            assert blob is not None
            known.update(history.ids(blob))
    hint = suggest.did_you_mean(provision_id, known)
    return f"no provision {provision_id!r} in the history of {history.bill}{hint}"
