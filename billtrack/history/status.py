"""Where the bill stands: its furthest stage, its text since the last reading,
proposals by derived status, each party's latest stance, and what is pending.
Reads the records through the repository's store; never prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from billtrack import dates
from billtrack.diff import Status
from billtrack.history.walk import COMMIT_ID, History
from billtrack.i18n.choose import choose, shown
from billtrack.model import Event, ProposalStatus, in_order, proposal_statuses
from billtrack.store.cache import blob_id
from billtrack.store.chunks import ChunkCache
from billtrack.store.repository import BillRepository
from billtrack.vocabulary import PROPOSAL_STATUSES, PROPOSED


@dataclass(frozen=True, slots=True)
class Stance:
    """A party's latest stance, and the event it comes from."""

    party: str
    stance: str
    event: str
    date: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class BillStatus:
    bill: str
    title: str
    # The event that records the furthest stage reached: furthest in the declared stage
    # order (a partial date such as `2022` says too little to order by), then by date.
    stage: Event | None
    reading: Event | None  # the latest reading (an event that pins a version)
    provisions: int  # in the working tree
    since_reading: Mapping[Status, int] | None  # reading -> working tree
    proposals: Mapping[str, tuple[str, ...]]  # derived status -> proposal ids
    statuses: Mapping[str, ProposalStatus]
    stances: tuple[Stance, ...]  # by party id
    pending_proposals: tuple[str, ...]
    pending_stages: tuple[str, ...]  # declared stages no event records yet
    notes: tuple[str, ...] = ()


def bill_status(repo: BillRepository) -> BillStatus:
    """Where the bill stands: latest stage, counts since the last reading, proposals by
    derived status, each party's latest stance, what is pending."""
    worktree = repo.worktree_bill()
    events = in_order(repo.events(), worktree.stages)
    proposals = sorted(repo.proposals(), key=lambda p: (dates.sort_key(p.date), p.id))
    readings = [e for e in events if e.version]
    order = {stage: n for n, stage in enumerate(worktree.stages)}
    # `events` is in date order already, and sorted() keeps it among equal stages.
    staged = sorted((e for e in events if e.stage), key=lambda e: order.get(e.stage or "", -1))
    notes: list[str] = []

    reading = readings[-1] if readings else None
    since: dict[Status, int] | None = None
    if reading is not None and reading.version:
        since = _since(repo, reading, notes)

    statuses = proposal_statuses(proposals, events, worktree.stages)
    by_status: dict[str, list[str]] = {status: [] for status in PROPOSAL_STATUSES}
    for proposal in proposals:
        by_status.setdefault(statuses[proposal.id].status, []).append(proposal.id)

    latest: dict[str, Stance] = {}
    for event in events:
        for position in event.positions:
            latest[position.party] = Stance(
                position.party,
                position.stance,
                event.id,
                event.date,
                shown(position.note, worktree.language, primary=worktree.language),
            )
    recorded = {e.stage for e in staged}
    return BillStatus(
        bill=repo.bill_id,
        title=choose(worktree.title, worktree.language).shown,
        stage=staged[-1] if staged else None,
        reading=reading,
        provisions=len(worktree.provisions),
        since_reading=since,
        proposals={status: tuple(ids) for status, ids in by_status.items()},
        statuses=statuses,
        stances=tuple(latest[party] for party in sorted(latest)),
        pending_proposals=tuple(by_status.get(PROPOSED, ())),
        pending_stages=tuple(stage for stage in worktree.stages if stage not in recorded),
        notes=tuple(notes),
    )


def _since(repo: BillRepository, reading: Event, notes: list[str]) -> dict[Status, int] | None:
    """Counts of the diff from the reading's pinned version to the working tree."""
    assert reading.version is not None
    if repo.root.repo is None:
        notes.append(f"not in a git repository: {reading.id}'s version cannot be read")
        return None
    path = repo.bill_path
    history = History(repo.bill_id, path, (), ChunkCache.for_bill(repo.root.repo, path), repo=repo)
    blob = history.blobs_at([reading.version])[reading.version]
    if not COMMIT_ID.fullmatch(reading.version):
        notes.append(f"{reading.id}'s version is not a commit id")
        return None
    if blob is None:
        if repo.git.missing_objects([reading.version]):
            shallow = " (this is a shallow clone: `git fetch --unshallow`)"
            notes.append(
                f"{reading.id} pins commit {reading.version[:12]}, which this repository "
                f"does not have{shallow if repo.git.is_shallow() else ''}"
            )
        else:
            notes.append(f"{reading.id}'s version has no {path}")
        return None
    if not history.readable(blob):
        notes.append(f"{reading.id}'s version of {path} does not parse")
        return None
    raw = repo.worktree_bytes()
    if raw is None:
        return None
    worktree = blob_id(raw)
    history.texts.add(worktree, raw, repo.root.display(repo.files.bill), keep=False)
    if not history.readable(worktree):
        return None
    counts = history.counts(blob, worktree)
    history.texts.save()
    return counts
