"""One bill as it is on disk, as the write commands see it: what a new record may refer
to (parties, stages, provisions, proposals) and which ids are taken.

Reads files through billtrack.store; never writes and never prints.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from billtrack.errors import DataError, UsageError, WriteError
from billtrack.model import Bill, Decision, Event, Party, Proposal, in_order
from billtrack.problems import ProblemError
from billtrack.record.ids import check_free
from billtrack.store.files import read_record
from billtrack.store.layout import (
    EVENTS_DIR,
    PROPOSALS_DIR,
    BillFiles,
    Root,
    is_record_id,
    load_parties,
)
from billtrack.store.records import build_bill, build_event, build_proposal
from billtrack.store.yamlio import Document, load
from billtrack.suggest import did_you_mean, listing
from billtrack.vocabulary import PROPOSED


@dataclass(frozen=True)
class Workspace:
    """One bill as it is on disk: what a new record may refer to."""

    root: Root
    bill_id: str
    folder: Path
    bill: Bill
    parties: tuple[Party, ...]
    events: tuple[Event, ...]
    proposals: tuple[Proposal, ...]
    # The ids of every record file present, readable or not (so no id is reused).
    event_ids: frozenset[str]
    proposal_ids: frozenset[str]

    @property
    def party_ids(self) -> list[str]:
        return [p.id for p in self.parties]

    @property
    def stages(self) -> list[str]:
        return list(self.bill.stages)

    @property
    def provision_ids(self) -> list[str]:
        """The provisions in the text now, then the ones pending add proposals will create."""
        ids = [p.id for p in self.bill.provisions]
        ids += [p.target for p in self.proposals if p.action == "add" and p.target not in ids]
        return ids

    def decisions(self) -> dict[str, tuple[Event, Decision]]:
        """Each decided proposal, with the event of its latest decision (the one order
        of billtrack.model.in_order: a committee's recommendation, then the vote)."""
        decided: dict[str, tuple[Event, Decision]] = {}
        for event in in_order(self.events, self.bill.stages):
            for decision in event.decisions:
                decided[decision.proposal] = (event, decision)
        return decided

    def proposal_status(self, proposal_id: str) -> str:
        found = self.decisions().get(proposal_id)
        return found[1].status if found else PROPOSED

    def open_proposals(self) -> list[str]:
        decided = self.decisions()
        return [p.id for p in self.proposals if p.id not in decided]

    def shown(self, path: Path) -> str:
        return self.root.display(path)

    # --- what a new record may refer to ---------------------------------------------

    def check_parties(self, parties: Iterable[str]) -> None:
        """Party ids, refused with the known ones listed before anything else."""
        known = self.party_ids
        for party in parties:
            if party not in known:
                raise WriteError(
                    f"unknown party {party!r}{did_you_mean(party, known)} (known parties: "
                    f"{listing(known)}; add one with `billtrack party add`)"
                )

    def check_decisions(
        self, decisions: Sequence[Decision], *, stage: str | None = None, date: str = ""
    ) -> None:
        """Each proposal exists, is decided once in this event, and is not decided the
        other way at the same stage on the same date (a later decision is its life: a
        committee's recommendation, then the chamber's vote)."""
        known = {p.id for p in self.proposals}
        decided = {
            (decision.proposal, event.stage, event.date): (event, decision)
            for event in self.events
            for decision in event.decisions
        }
        seen: set[str] = set()
        for decision in decisions:
            pid = decision.proposal
            if pid not in known:
                raise WriteError(
                    f"unknown proposal {pid!r}; known proposals: "
                    + listing(f"{p.id} ({self.proposal_status(p.id)})" for p in self.proposals)
                )
            found = decided.get((pid, stage, date))
            if found is not None and found[1].status != decision.status:
                event, earlier = found
                raise WriteError(
                    f"proposal {pid} was already {earlier.status} in {event.path} at the "
                    f"same stage on the same date; record a later decision with its own date "
                    "or stage"
                )
            if pid in seen:
                raise UsageError(f"proposal {pid} is decided twice in this command")
            seen.add(pid)

    def check_new_event_id(self, event_id: str | None) -> None:
        if event_id is not None:
            check_free(event_id, self.event_ids, self.shown(self.folder / EVENTS_DIR))

    def check_new_proposal_id(self, proposal_id: str | None) -> None:
        if proposal_id is not None:
            check_free(proposal_id, self.proposal_ids, self.shown(self.folder / PROPOSALS_DIR))


def _read(root: Root, path: Path, shown: str | None = None) -> Document:
    shown = shown if shown is not None else root.display(path)
    try:
        raw = read_record(path, root.path)
    except OSError as exc:
        raise DataError(f"cannot read {shown}: {exc.strerror or exc}") from None
    return load(raw, shown)


def open_bill(root: Root, bill_id: str | None) -> Workspace:
    """The bill a write command works on: the one named, or the only one there is.

    bill.yaml and parties.yaml must be readable (a new record is checked against them);
    an unreadable event or proposal is skipped here and reported by validate.
    """
    bill_id = root.choose_bill(bill_id)
    folder = root.bill_folder(bill_id)
    files = BillFiles(folder)
    try:
        bill = build_bill(_read(root, files.bill))
    except ProblemError as exc:
        raise DataError(f"{exc.message} (fix bill.yaml first)") from None
    parties = load_parties(root)
    events: list[Event] = []
    proposals: list[Proposal] = []
    shown = root.display(folder)  # once: resolving every record's path costs
    for path in files.events():
        if is_record_id(path.stem):
            with contextlib.suppress(ProblemError, DataError):
                doc = _read(root, path, f"{shown}/{EVENTS_DIR}/{path.name}")
                events.append(build_event(doc, path.stem))
    for path in files.proposals():
        if is_record_id(path.stem, proposal=True):
            with contextlib.suppress(ProblemError, DataError):
                doc = _read(root, path, f"{shown}/{PROPOSALS_DIR}/{path.name}")
                proposals.append(build_proposal(doc, path.stem))
    return Workspace(
        root=root,
        bill_id=bill_id,
        folder=folder,
        bill=bill,
        parties=parties,
        events=tuple(events),
        proposals=tuple(proposals),
        event_ids=frozenset(p.stem for p in files.events()),
        proposal_ids=frozenset(p.stem for p in files.proposals()),
    )
