"""What every format of `billtrack log`, `history` and `status` says the same way: the
options of these reports and the wording of counts, file notes, steps, events and
decisions.

Format-neutral: every string returned is still file text, escaped by each format for its
own medium. Nothing here writes, styles or imports a reporter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from billtrack.diff import STATUSES, Status
from billtrack.render.diff.view import similarity_text

if TYPE_CHECKING:
    from billtrack.history.provision import Step
    from billtrack.history.walk import Version
    from billtrack.model import Event, Proposal


@dataclass(frozen=True, slots=True, kw_only=True)
class HistoryOptions:
    """How a log, history or status report is written."""

    color: bool = False  # text only: ANSI styles (the caller decides: a terminal, no NO_COLOR)
    width: int | None = None  # text only: wrap width (default 100)
    patch: bool = False  # history: a word redline for each text change


def counts_mark(counts: Mapping[Status, int] | None) -> str:
    """`+2 -1 ~3` (and `>1` when provisions were renamed)."""
    if counts is None:
        return "(unreadable)"
    mark = f"+{counts.get('added', 0)} -{counts.get('dropped', 0)} ~{counts.get('modified', 0)}"
    if counts.get("renamed", 0):
        mark += f" >{counts['renamed']}"
    return mark


def file_note(version: Version) -> str:
    notes = {
        "deleted": "bill.yaml deleted",
        "restored": "bill.yaml restored",
        "boundary": "the history starts here (shallow clone)",
    }
    note = notes.get(version.status, "")
    if version.merge:
        note = f"{note}; merge" if note else "merge"
    return note


def step_label(step: Step) -> str:
    """`added`, `modified: text, number`, `renamed from OLD (92%)`, with the context."""
    item = step.change
    label: str = item.status
    if item.status == "renamed":
        label = f"renamed from {item.previous_id} ({similarity_text(item.similarity)})"
    if item.changes and item.status in ("modified", "renamed"):
        label += ": " + ", ".join(item.changes)
    context = {
        "bill-deleted": " (bill.yaml deleted)",
        "bill-restored": " (bill.yaml restored)",
        "boundary": " (already there where the history starts: shallow clone)",
    }.get(step.context, "")
    return label + context


def event_detail(event: Event) -> str:
    """`first-reading: approved, by mazhilis` (file text, not yet escaped)."""
    parts = []
    head = event.stage or ""
    if event.outcome:
        head = f"{head}: {event.outcome}" if head else event.outcome
    if head:
        parts.append(head)
    if event.body:
        parts.append(f"by {event.body}")
    if event.version:
        parts.append(f"pins {event.version[:12]}")
    return ", ".join(parts)


def decision_texts(event: Event, proposals: Mapping[str, Proposal]) -> list[str]:
    """`P-0001 (drop local-office) accepted` per decision (file text, not yet escaped)."""
    out = []
    for decision in event.decisions:
        proposal = proposals.get(decision.proposal)
        what = f" ({proposal.action} {proposal.target})" if proposal else ""
        out.append(f"{decision.proposal}{what} {decision.status}")
    return out


def version_line(version: Version) -> str:
    who = f" ({version.author})" if version.author else ""
    if version.commit is None:
        return "uncommitted changes in the working tree"
    return f"{version.subject or ''}{who}"


def counts_words(counts: Mapping[Status, int]) -> str:
    """`1 added, 0 dropped, 2 modified, 0 renamed, 9 unchanged`: every kind, always."""
    return ", ".join(f"{counts.get(status, 0)} {status}" for status in STATUSES)
