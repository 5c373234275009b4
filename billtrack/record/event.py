"""Events: writing any new event, and the use case for those that pin no text
(consultations, negotiations, conclusions, committee meetings...).

A reading pins the text read and goes through billtrack.record.reading; a decision on
proposals through billtrack.record.proposal. Returns what it did; never prints.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from billtrack.errors import UsageError
from billtrack.record.checks import plan_record
from billtrack.record.draft import EventDraft
from billtrack.record.ids import derive_event_id, with_free_id
from billtrack.record.transaction import Recorded, Tag, carry_out, writer
from billtrack.record.workspace import Workspace
from billtrack.store.gitwrite import GitWriter
from billtrack.store.layout import EVENTS_DIR, BillFiles


def details(*parts: str | None) -> str:
    """The parenthesised details of a commit subject: `2021-11, approved`."""
    return ", ".join(p for p in parts if p)


def check_event(ws: Workspace, draft: EventDraft) -> None:
    """What the event refers to exists, and its id (if given) is free."""
    ws.check_parties(draft.named_parties)
    ws.check_decisions(draft.decisions, stage=draft.stage, date=draft.date)
    ws.check_new_event_id(draft.event_id)


def write_event(
    ws: Workspace,
    draft: EventDraft,
    *,
    git: GitWriter | None,
    subject: Callable[[str], str],
    slug_texts: Sequence[str | None],
    slug: str | None = None,
    version: str | None = None,
    tag: tuple[str, str] | None = None,  # name, commit
    commit: bool = False,
) -> Recorded:
    """Write the event (checked by validate first), tag it and commit it as asked, under
    the draft's id or a derived `DATE-slug` one."""
    record = draft.record(version=version)

    def attempt(record_id: str) -> Recorded:
        plan = plan_record(ws, what="event", folder=EVENTS_DIR, record_id=record_id, record=record)
        message = subject(record_id)
        # The tag message is the event itself, without its editor modeline.
        body = "".join(
            line for line in plan.data.decode("utf-8").splitlines(True) if not line.startswith("#")
        )
        plan = replace(
            plan,
            tag=Tag(tag[0], tag[1], f"{message}\n\n{body}") if tag else None,
            commit_message=message if commit else None,
        )
        return carry_out(ws.root, plan, git)

    def derive() -> str:
        taken = {p.stem for p in BillFiles(ws.folder).events()}
        return derive_event_id(draft.date, *slug_texts, taken=taken, slug=slug)

    return with_free_id(draft.event_id, derive, attempt)


def write_other_event(
    ws: Workspace,
    draft: EventDraft,
    *,
    subject: Callable[[str], str],
    slug_texts: Sequence[str | None],
    slug: str | None = None,
    commit: bool = False,
) -> Recorded:
    """An event that pins no text, checked against the bill, then written."""
    if draft.kind == "reading":
        raise UsageError("a reading pins the text read: record it with `billtrack reading record`")
    check_event(ws, draft)
    git = writer(ws.root, needed=commit)
    try:
        if git is not None:
            git.check_identity()
        return write_event(
            ws, draft, git=git, subject=subject, slug_texts=slug_texts, slug=slug, commit=commit
        )
    finally:
        if git is not None:
            git.close()


def record_event(ws: Workspace, draft: EventDraft, *, commit: bool = False) -> Recorded:
    """A consultation, negotiation, conclusion, committee meeting or any other event that
    pins no text (a reading goes through billtrack.record.reading)."""
    return write_other_event(
        ws,
        draft,
        commit=commit,
        slug_texts=[draft.summary, draft.kind],
        subject=lambda record_id: (
            f"Record {draft.kind} {record_id} of {ws.bill_id} "
            f"({details(draft.date, draft.outcome)})"
        ),
    )
