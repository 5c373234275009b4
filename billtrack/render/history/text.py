"""The `text` reporters of `billtrack log`, `history` and `status`, written through
billtrack.render.text: file text cleaned (escape sequences shown, not run), lines wrapped
to the width with their continuation hanging past the date column, styles only in colour.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, TextIO

from billtrack.render.diff.view import text_parts
from billtrack.render.history.view import (
    HistoryOptions,
    counts_mark,
    counts_words,
    decision_texts,
    event_detail,
    file_note,
    step_label,
    version_line,
)
from billtrack.render.text import (
    BOLD,
    CYAN,
    DELETED,
    DIM,
    GREEN,
    INSERTED,
    MAGENTA,
    RED,
    YELLOW,
    Page,
    Run,
    clean_line,
    redline_runs,
)
from billtrack.vocabulary import PROPOSAL_STATUSES

if TYPE_CHECKING:
    from billtrack.history.provision import ProvisionHistory
    from billtrack.history.status import BillStatus
    from billtrack.history.timeline import Entry, Timeline
    from billtrack.model import Proposal

DEFAULT_WIDTH = 100
DATE_WIDTH = 10
INDENT = " " * (DATE_WIDTH + 2)
STATUS_STYLE: dict[str, str] = {
    "added": GREEN,
    "dropped": RED,
    "modified": YELLOW,
    "renamed": CYAN,
}
# A proposal's status by its colour, in the vocabulary's order: proposed, accepted,
# rejected, withdrawn (a status added to the schema stops this import until it has one).
STATUS_OF_PROPOSAL = dict(zip(PROPOSAL_STATUSES, (YELLOW, GREEN, RED, DIM), strict=True))


class _Writer:
    """Lines of plain (already clean) strings and (string, style) pairs, each wrapped
    to the width with its continuation lines indented past the date."""

    def __init__(self, options: HistoryOptions) -> None:
        self.page = Page(color=options.color, width=max(options.width or DEFAULT_WIDTH, 40))

    def line(self, *parts: str | tuple[str, str]) -> None:
        runs: list[Run] = []
        for part in parts:
            if isinstance(part, tuple):
                runs.append((part[0], self.page.style(part[1])))
            else:
                runs.append((part, ""))
        self.page.hanging(runs, INDENT)

    def text(self, runs: list[Run]) -> None:
        self.page.hanging(runs, INDENT)

    def blank(self) -> None:
        self.page.line()

    def close(self, out: TextIO) -> None:
        self.page.close(out)


def _date_cell(date: str | None) -> str:
    return (date or "(worktree)").ljust(DATE_WIDTH)


def _notes(writer: _Writer, notes: Iterable[str]) -> None:
    for note in notes:
        writer.line(("note: ", YELLOW), clean_line(note))


def _log(writer: _Writer, timeline: Timeline, options: HistoryOptions) -> None:
    order = "newest first" if timeline.newest_first else "oldest first"
    writer.line((clean_line(timeline.bill), BOLD), f" — timeline, {order}")
    _notes(writer, timeline.notes)
    if not timeline.entries:
        writer.line("(nothing in this range)")
    for entry in timeline.entries:
        _entry_text(writer, entry, timeline.proposals)


def _entry_text(writer: _Writer, entry: Entry, proposals: Mapping[str, Proposal]) -> None:
    date = _date_cell(entry.date)
    if entry.version is not None:
        version = entry.version
        note = file_note(version)
        writer.line(
            date + "  ",
            ("commit", BOLD),
            "  ",
            (version.label, YELLOW),
            "  ",
            (counts_mark(entry.counts), CYAN),
            "  ",
            clean_line(version_line(version)),
            (f"  [{note}]" if note else "", DIM),
        )
        return
    event = entry.event
    assert event is not None
    detail = event_detail(event)
    writer.line(
        date + "  ",
        (clean_line(event.kind), BOLD),
        "  ",
        (clean_line(event.id), MAGENTA),
        "  " + clean_line(detail) if detail else "",
    )
    if event.participants:
        writer.line(INDENT + "with " + clean_line(", ".join(event.participants)))
    if event.positions:
        stances = "; ".join(f"{p.party} {p.stance}" for p in event.positions)
        writer.line(INDENT + "positions: " + clean_line(stances))
    decisions = decision_texts(event, proposals)
    if decisions:
        writer.line(INDENT + "decided: " + clean_line("; ".join(decisions)))


def _redline_text(writer: _Writer, segments: Iterable[tuple[str, str]], label: str) -> list[Run]:
    return [(INDENT + label, ""), *redline_runs(segments, color=writer.page.color)]


def _history(writer: _Writer, result: ProvisionHistory, options: HistoryOptions) -> None:
    writer.line((clean_line(result.id), BOLD), "  (" + clean_line(result.bill) + ")")
    if len(result.ids) > 1:
        writer.line("ids: " + clean_line(" → ".join(result.ids)))
    if result.current is not None:
        current = result.current
        label = " ".join(x for x in (current.number, current.heading) if x) or current.id
        writer.line("now: " + clean_line(label) + f" (as {clean_line(current.id)})")
    else:
        writer.line("now: not in the bill")
    _notes(writer, result.notes)
    for step in result.steps:
        version = step.version
        item = step.change
        writer.blank()
        writer.line(
            _date_cell(version.date) + "  ",
            (version.label, YELLOW),
            "  ",
            (clean_line(step_label(step)), STATUS_STYLE.get(item.status, "")),
        )
        writer.line(INDENT + clean_line(version_line(version)))
        provision = item.after or item.before
        if item.status in ("added", "dropped") and provision is not None:
            label = " ".join(x for x in (provision.number, provision.heading) if x)
            if label:
                writer.line(INDENT + clean_line(label))
        if item.before is not None and item.after is not None:
            for name in ("number", "heading"):
                if name in item.changes:
                    old = getattr(item.before, name) or "(none)"
                    new = getattr(item.after, name) or "(none)"
                    writer.line(
                        INDENT + f"{name}: ",
                        (clean_line(old), DELETED),
                        " → ",
                        (clean_line(new), INSERTED),
                    )
        if item.proposals:
            writer.line(INDENT + "proposals: " + clean_line(", ".join(item.proposals)))
        if item.events:
            writer.line(INDENT + "events: " + clean_line(", ".join(item.events)))
        if options.patch:
            for kind, lang, content in text_parts(item):
                label = f"[{clean_line(lang)}] " if lang else ""
                if kind == "redline" and not isinstance(content, str):
                    writer.text(_redline_text(writer, content, label))
                elif isinstance(content, str):
                    op = "+" if kind == "added" else "-"
                    writer.text(_redline_text(writer, [(op, content)], label))
    if result.readings:
        writer.blank()
        writer.line(("readings that pinned a version containing it:", BOLD))
        for pinned in result.readings:
            event = pinned.event
            detail = event_detail(event)
            writer.line(
                "  " + _date_cell(event.date) + "  ",
                (clean_line(event.id), MAGENTA),
                "  " + clean_line(detail),
                f" (as {clean_line(pinned.provision_id)})"
                if pinned.provision_id != result.id
                else "",
            )
    if result.proposals:
        writer.blank()
        writer.line(("proposals:", BOLD))
        for proposal, status in result.proposals:
            decided = f" in {status.event} ({status.date})" if status.event else ""
            writer.line(
                "  " + clean_line(proposal.id) + "  ",
                clean_line(f"{proposal.action} {proposal.target} by {proposal.author}"),
                f" ({clean_line(proposal.date)})  ",
                (clean_line(status.status + decided), STATUS_OF_PROPOSAL.get(status.status, "")),
            )
    if result.events:
        writer.blank()
        writer.line(("events:", BOLD))
        for event in result.events:
            detail = event_detail(event)
            writer.line(
                "  " + _date_cell(event.date) + "  ",
                clean_line(event.kind) + "  ",
                (clean_line(event.id), MAGENTA),
                "  " + clean_line(detail) if detail else "",
            )


def _status(writer: _Writer, status: BillStatus, options: HistoryOptions) -> None:
    writer.line((clean_line(status.bill), BOLD), " — " + clean_line(status.title))
    _notes(writer, status.notes)
    if status.stage is not None:
        event = status.stage
        outcome = event.outcome or "no outcome recorded"
        writer.line(
            "stage: ",
            (clean_line(event.stage or ""), BOLD),
            ", " + clean_line(outcome),
            f" ({clean_line(event.id)}, {clean_line(event.date)})",
        )
    else:
        writer.line("stage: no event records a stage yet")
    if status.reading is not None:
        event = status.reading
        writer.line(
            "last reading: ",
            clean_line(event_detail(event)),
            f" ({clean_line(event.id)}, {clean_line(event.date)})",
        )
    else:
        writer.line("last reading: none recorded")
    line = f"provisions: {status.provisions}"
    if status.since_reading is not None:
        line += "; since the last reading: " + counts_words(status.since_reading)
    writer.line(line)
    total = sum(len(ids) for ids in status.proposals.values())
    writer.line(f"proposals: {total}")
    for name, ids in status.proposals.items():
        if ids:
            writer.line(
                "  ",
                (f"{name}: {len(ids)}", STATUS_OF_PROPOSAL.get(name, "")),
                "  " + clean_line(", ".join(ids)),
            )
    if status.stances:
        writer.line("positions (each party's latest):")
        width = max(len(clean_line(s.party)) for s in status.stances)
        for stance in status.stances:
            writer.line(
                "  " + clean_line(stance.party).ljust(width) + "  ",
                (clean_line(stance.stance).ljust(10), BOLD),
                f"  {clean_line(stance.event)} ({clean_line(stance.date)})",
            )
    pending = []
    if status.pending_proposals:
        pending.append("proposals not decided: " + ", ".join(status.pending_proposals))
    if status.pending_stages:
        pending.append("stages with no event yet: " + ", ".join(status.pending_stages))
    writer.line("pending: " + clean_line("; ".join(pending) if pending else "nothing"))


def render_log(timeline: Timeline, out: TextIO, options: HistoryOptions) -> None:
    writer = _Writer(options)
    _log(writer, timeline, options)
    writer.close(out)


def render_history(result: ProvisionHistory, out: TextIO, options: HistoryOptions) -> None:
    writer = _Writer(options)
    _history(writer, result, options)
    writer.close(out)


def render_status(status: BillStatus, out: TextIO, options: HistoryOptions) -> None:
    writer = _Writer(options)
    _status(writer, status, options)
    writer.close(out)
