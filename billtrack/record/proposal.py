"""The use cases of proposals: a new amendment proposal, and the decision on one or
more (a new event: a proposal file is never edited). Returns what it did; never prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from billtrack.errors import UsageError
from billtrack.model import Decision
from billtrack.record.checks import plan_record
from billtrack.record.draft import EventDraft, ProposalDraft, check_choice
from billtrack.record.event import details, write_other_event
from billtrack.record.fields import Field, Rejected
from billtrack.record.ids import SLUG_LENGTH, next_proposal_id, split_ids, with_free_id
from billtrack.record.transaction import Recorded, carry_out, writer
from billtrack.record.workspace import Workspace
from billtrack.store.layout import PROPOSALS_DIR, BillFiles
from billtrack.suggest import listing
from billtrack.vocabulary import DECISION_STATUSES


def new_proposal(ws: Workspace, draft: ProposalDraft, *, commit: bool = False) -> Recorded:
    """A new amendment proposal, `P-NNNN` numbered unless the draft names its id. Its
    status is `proposed` until an event decides it."""
    if draft.action == "add" and draft.target in {p.id for p in ws.bill.provisions}:
        raise Rejected(
            f"provision {draft.target!r} is already in the text: an add proposal names the id "
            "the new provision will have (to change an existing one, use ",
            Field("action"),
            " replace)",
        )
    ws.check_new_proposal_id(draft.proposal_id)
    ws.check_parties([draft.author])
    record = draft.record()
    git = writer(ws.root, needed=commit)
    try:
        if git is not None:
            git.check_identity()

        def attempt(record_id: str) -> Recorded:
            plan = plan_record(
                ws, what="proposal", folder=PROPOSALS_DIR, record_id=record_id, record=record
            )
            message = (
                f"Record proposal {record_id} of {ws.bill_id} "
                f"({draft.action} {draft.target}, by {draft.author})"
            )
            plan = replace(plan, commit_message=message if commit else None)
            return carry_out(ws.root, plan, git)

        def derive() -> str:
            return next_proposal_id(p.stem for p in BillFiles(ws.folder).proposals())

        return with_free_id(draft.proposal_id, derive, attempt)
    finally:
        if git is not None:
            git.close()


def decide(
    ws: Workspace,
    proposal_ids: Sequence[str],
    draft: EventDraft,
    *,
    status: str,
    note: str | None = None,
    commit: bool = False,
) -> Recorded:
    """A new event (the draft: who decided, when) deciding one or more proposals. The
    event names the provisions the proposals concern, then any others the draft names."""
    ids = split_ids(proposal_ids)
    if not ids:
        raise UsageError("name the proposal to decide (open: " + listing(ws.open_proposals()) + ")")
    check_choice(status, DECISION_STATUSES, "status")
    decisions = [Decision(proposal=pid, status=status, note=note or None) for pid in ids]
    ws.check_decisions(decisions, stage=draft.stage, date=draft.date)
    by_id = {p.id: p for p in ws.proposals}
    draft = replace(
        draft,
        decisions=decisions,
        provisions=[*(by_id[pid].target for pid in ids), *draft.provisions],
    )
    return write_other_event(
        ws,
        draft,
        commit=commit,
        slug_texts=[draft.summary],
        slug=f"{'-'.join(ids)}-{status}".lower()[:SLUG_LENGTH].strip("-._"),
        subject=lambda _: (
            f"Record decision on {', '.join(ids)} of {ws.bill_id} ({details(status, draft.date)})"
        ),
    )
