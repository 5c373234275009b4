"""Rules that need the ledger's view of proposals: an accepted proposal the text does not
show, and a rejected or withdrawn one the text shows anyway (billtrack.ledger's matching:
a wording is in the text when the texts are at least TEXT_MATCH similar)."""

from __future__ import annotations

from collections.abc import Iterator

from billtrack.ledger import TEXT_MATCH, in_text
from billtrack.model import Proposal, in_order, proposal_statuses
from billtrack.problems import Problem
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
