"""Rules that need the ledger's view of proposals: an accepted proposal the text does not
show, and a rejected or withdrawn one the text shows anyway (billtrack.ledger's matching:
a wording is in the text when the texts are at least TEXT_MATCH similar); and a change
between two readings that nothing in the records explains (billtrack.ledger.explain on
the texts the readings pinned, which the checker parsed once: records.pinned)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from billtrack import dates
from billtrack.diff import ProvisionDiff, Window, diff_bills
from billtrack.ledger import TEXT_MATCH, explain, in_text
from billtrack.model import Bill, Proposal, in_order, proposal_statuses
from billtrack.problems import Problem, ProblemError
from billtrack.store.records import build_bill
from billtrack.store.yamlio import Document
from billtrack.validate.context import BillRecords, Context
from billtrack.validate.registry import problem, rule


def _superseded(proposal: Proposal, accepted: list[Proposal], order: dict[str, int]) -> bool:
    """A rewording (or renumbering) of a provision that a later accepted one of the same
    provision and action took the place of."""
    return any(
        other.id != proposal.id
        and other.target == proposal.target
        and other.action == proposal.action
        and order.get(other.id, -1) > order.get(proposal.id, -1)
        for other in accepted
    )


@rule("proposal-not-applied", "proposal-rejected-applied", scope="bill")
def proposals_in_the_text(ctx: Context, records: BillRecords) -> Iterator[Problem]:
    """An accepted proposal whose latest decision was taken at a reading (the chamber voted
    the text with it) is in the text, unless a later accepted proposal of the same
    provision took its place (decided elsewhere, it may wait for `proposal apply`); a
    rejected or withdrawn one is not (the text reads as it proposed, and no accepted
    proposal says so)."""
    bill = records.bill
    if bill is None:
        return
    proposals = [p for _, p in records.proposals]
    events = [e for _, e in records.events]
    statuses = proposal_statuses(proposals, events, bill.stages)
    # When each proposal was last decided, in the one order of events.
    place = {e.id: k for k, e in enumerate(in_order(events, bill.stages))}
    order = {pid: place.get(s.event or "", -1) for pid, s in statuses.items()}
    accepted = [p for p in proposals if statuses[p.id].status == "accepted"]
    readings = {e.id for e in events if e.version}
    for doc, proposal in records.proposals:
        state = statuses[proposal.id].status
        if state not in ("accepted", "rejected", "withdrawn"):
            continue  # pending: the text may or may not show it yet
        shown = in_text(proposal, bill)
        at_reading = statuses[proposal.id].event in readings
        if (
            state == "accepted"
            and at_reading
            and shown is False
            and not _superseded(proposal, accepted, order)
        ):
            yield problem(
                doc.path,
                doc.pos(("action",)),
                "proposal-not-applied",
                f"{proposal.id} is accepted but the text does not show it ({proposal.action} "
                f"{proposal.target!r}); apply it with `billtrack proposal apply {proposal.id}`",
            )
        elif state in ("rejected", "withdrawn") and shown and proposal.action in ("add", "replace"):
            if any(other.target == proposal.target and in_text(other, bill) for other in accepted):
                continue
            yield problem(
                doc.path,
                doc.pos(("action",)),
                "proposal-rejected-applied",
                f"{proposal.id} is {state}, yet the text of {proposal.target!r} reads as it "
                f"proposed (at least {TEXT_MATCH}% alike)",
            )


@rule("change-unexplained", scope="bill")
def unexplained_changes(ctx: Context, records: BillRecords) -> Iterator[Problem]:
    """Each change between two consecutive readings (by the bill's stage order, then
    date) that no accepted proposal decided between them and no agreeing event explains
    (billtrack.ledger): one warning a provision, on the later reading's `version`."""
    bill = records.bill
    if bill is None:
        return
    stages = bill.stages
    rank = {stage: k for k, stage in enumerate(stages)}
    readings = sorted(
        (
            (doc, e)
            for doc, e in records.events
            if e.kind == "reading" and e.version in records.pinned
        ),
        key=lambda pair: (
            rank.get(pair[1].stage or "", len(stages)),
            dates.sort_key(pair[1].date),
            pair[1].id,
        ),
    )
    if len(readings) < 2:
        return
    proposals = [p for _, p in records.proposals]
    events = [e for _, e in records.events]
    built: dict[int, Bill | None] = {}  # a text several readings pin is built once
    for (_, before), (doc, after) in pairwise(readings):
        assert before.version is not None and after.version is not None
        old = _pinned_bill(records, before.version, built)
        new = _pinned_bill(records, after.version, built)
        if old is None or new is None:
            continue
        window = Window.between(
            before.date,
            after.date,
            stages=stages,
            since_stage=before.stage,
            until_stage=after.stage,
        )
        diff = explain(
            diff_bills(old, new).changes_only(), proposals=proposals, events=events, window=window
        )
        for item in diff.provisions:
            if item.ledger is not None and item.ledger.unexplained:
                yield problem(
                    doc.path,
                    doc.pos(("version",)),
                    "change-unexplained",
                    f"provision {item.id!r} {_change(item)} between the readings {before.id} "
                    f"and {after.id}, and no accepted proposal or agreeing event explains it",
                )


def _pinned_bill(records: BillRecords, commit: str, built: dict[int, Bill | None]) -> Bill | None:
    """The bill a reading pinned, built from the data the checker parsed (None when its
    shape is too wrong to build)."""
    data = records.pinned[commit]
    key = id(data)
    if key not in built:
        try:
            built[key] = build_bill(Document(f"{commit[:12]}:bill.yaml", data))
        except ProblemError:
            built[key] = None
    return built[key]


def _change(item: ProvisionDiff) -> str:
    if item.status in ("added", "dropped"):
        return f"was {item.status}"
    changed = f" ({', '.join(item.changes)})" if item.changes else ""
    if item.status == "renamed":
        return f"was renamed from {item.previous_id!r}{changed}"
    return f"changed{changed}"
