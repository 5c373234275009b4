"""Reporters for `billtrack log`, `history` and `status`: text (rich Text objects, never
markup strings), Markdown and JSON.

File text is data in every format: in text it goes through billtrack.render.terminal's
clean (control characters and escape sequences shown, not run), in Markdown it is
escaped so it can never become markup, in JSON it is written as strings with the
characters a terminal could act on \\u-escaped.

JSON documents (versioned; keys keep this order):

- `billtrack/log/1`: {schema, bill, order ("newest-first" or "oldest-first"), truncated
  (the shallow boundary commit or null), notes, entries}. An entry is either
  {kind: "commit", date, commit (null for the working tree), author, subject, file
  (added, modified, deleted, restored, boundary), merge, counts {added, dropped,
  modified, renamed, unchanged}} or {kind: the event's kind, date, id, stage, body,
  outcome, version, participants, provisions, positions [{party, stance, note}],
  decisions [{proposal, status, note, action, target}], summary, sources}.
- `billtrack/history/1`: {schema, bill, id, ids (every id it had), current (the record
  as it reads now, or null), truncated, notes, steps, readings, proposals, events}. A step
  is {commit, date, author, subject, context ("", bill-deleted, bill-restored,
  boundary)} followed by the provision's entry as in `billtrack/diff/1` (id, status,
  previous_id and similarity when renamed, changes, before, after, redline, proposals,
  events). A reading is {id, date, stage, outcome, version, as (the id it had there)}; a
  proposal {id, date, author, action, target, status, decided_in, decided_on}; an event
  {id, date, kind, stage, outcome}.
- `billtrack/status/1`: {schema, bill, title, stage {id, date, kind, stage, outcome} or
  null, reading (the same) or null, provisions, since_reading (counts or null),
  proposals {status: [ids]}, positions [{party, stance, event, date, note}], pending
  {proposals, stages}, notes}.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from billtrack.diff import STATUSES, Status
from billtrack.render.terminal import clean, clean_line

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from billtrack.history import (
        BillStatus,
        Entry,
        ProvisionHistory,
        Step,
        Timeline,
        Version,
    )
    from billtrack.model import Event, Proposal

LOG_SCHEMA = "billtrack/log/1"
HISTORY_SCHEMA = "billtrack/history/1"
STATUS_SCHEMA = "billtrack/status/1"

DEFAULT_WIDTH = 100
DATE_WIDTH = 10
INDENT = " " * (DATE_WIDTH + 2)
DELETED = "red strike"
INSERTED = "green underline"
STATUS_STYLE: dict[str, str] = {
    "added": "green",
    "dropped": "red",
    "modified": "yellow",
    "renamed": "cyan",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class HistoryOptions:
    """How a log, history or status report is written."""

    color: bool = False  # text only: ANSI styles (the caller decides: a terminal, no NO_COLOR)
    width: int | None = None  # text only: wrap width (default 100)
    patch: bool = False  # history: a word redline for each text change


# --- words shared by every format ----------------------------------------------------------


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
        similarity = "?" if item.similarity is None else str(int(item.similarity))
        label = f"renamed from {item.previous_id} ({similarity}%)"
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


def _version_line(version: Version) -> str:
    who = f" ({version.author})" if version.author else ""
    if version.commit is None:
        return "uncommitted changes in the working tree"
    return f"{version.subject or ''}{who}"


# --- text -------------------------------------------------------------------------------


class _Writer:
    def __init__(self, out: TextIO, options: HistoryOptions) -> None:
        from rich.console import Console

        self.color = options.color
        self.console: Console = Console(
            file=out,
            force_terminal=self.color,
            force_jupyter=False,
            no_color=not self.color,
            color_system="standard" if self.color else None,
            width=max(options.width or DEFAULT_WIDTH, 40),
            highlight=False,
            emoji=False,
            markup=False,
        )

    def style(self, style: str) -> str:
        return style if self.color else ""

    def line(self, *parts: str | tuple[str, str]) -> None:
        """One line from (already clean) plain strings and (string, style) pairs."""
        from rich.text import Text

        text = Text()
        for part in parts:
            if isinstance(part, tuple):
                text.append(part[0], self.style(part[1]))
            else:
                text.append(part)
        self.text(text)

    def text(self, text: Text) -> None:
        """A line wrapped to the width, its continuation lines indented past the date."""
        width = self.console.width
        pieces = text.wrap(self.console, width, overflow="fold")
        if len(pieces) <= 1:
            self.console.print(text, soft_wrap=True)
            return
        first = pieces[0]
        first.rstrip()
        self.console.print(first, soft_wrap=True)
        from rich.text import Text

        rest = text[len(first.plain) :]
        rest = rest[len(rest.plain) - len(rest.plain.lstrip()) :]
        for piece in rest.wrap(self.console, width - len(INDENT), overflow="fold"):
            piece.rstrip()
            self.console.print(Text(INDENT) + piece, soft_wrap=True)

    def blank(self) -> None:
        self.console.print()


def _date_cell(date: str | None) -> str:
    return (date or "(worktree)").ljust(DATE_WIDTH)


def _notes(writer: _Writer, notes: Iterable[str]) -> None:
    for note in notes:
        writer.line(("note: ", "yellow"), clean_line(note))


def _log_text(timeline: Timeline, out: TextIO, options: HistoryOptions) -> None:
    writer = _Writer(out, options)
    order = "newest first" if timeline.newest_first else "oldest first"
    writer.line((clean_line(timeline.bill), "bold"), f" — timeline, {order}")
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
            ("commit", "bold"),
            "  ",
            (version.label, "yellow"),
            "  ",
            (counts_mark(entry.counts), "cyan"),
            "  ",
            clean_line(_version_line(version)),
            (f"  [{note}]" if note else "", "dim"),
        )
        return
    event = entry.event
    assert event is not None
    detail = event_detail(event)
    writer.line(
        date + "  ",
        (clean_line(event.kind), "bold"),
        "  ",
        (clean_line(event.id), "magenta"),
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


def _redline_text(writer: _Writer, segments: Iterable[tuple[str, str]], label: str) -> Text:
    from rich.text import Text

    text = Text(INDENT + label)
    for op, chunk in segments:
        if not chunk:
            continue
        chunk = clean(chunk)
        if op == "=":
            text.append(chunk)
        elif writer.color:
            text.append(chunk, style=DELETED if op == "-" else INSERTED)
        elif op == "-":
            text.append(f"[-{chunk}-]")
        else:
            text.append(f"{{+{chunk}+}}")
    return text


def _history_text(result: ProvisionHistory, out: TextIO, options: HistoryOptions) -> None:
    from billtrack.render.diff import text_parts

    writer = _Writer(out, options)
    writer.line((clean_line(result.id), "bold"), "  (" + clean_line(result.bill) + ")")
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
            (version.label, "yellow"),
            "  ",
            (clean_line(step_label(step)), STATUS_STYLE.get(item.status, "")),
        )
        writer.line(INDENT + clean_line(_version_line(version)))
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
        writer.line(("readings that pinned a version containing it:", "bold"))
        for pinned in result.readings:
            event = pinned.event
            detail = event_detail(event)
            writer.line(
                "  " + _date_cell(event.date) + "  ",
                (clean_line(event.id), "magenta"),
                "  " + clean_line(detail),
                f" (as {clean_line(pinned.provision_id)})"
                if pinned.provision_id != result.id
                else "",
            )
    if result.proposals:
        writer.blank()
        writer.line(("proposals:", "bold"))
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
        writer.line(("events:", "bold"))
        for event in result.events:
            detail = event_detail(event)
            writer.line(
                "  " + _date_cell(event.date) + "  ",
                clean_line(event.kind) + "  ",
                (clean_line(event.id), "magenta"),
                "  " + clean_line(detail) if detail else "",
            )


STATUS_OF_PROPOSAL = {
    "proposed": "yellow",
    "accepted": "green",
    "rejected": "red",
    "withdrawn": "dim",
}


def _counts_words(counts: Mapping[Status, int]) -> str:
    return ", ".join(f"{counts.get(status, 0)} {status}" for status in STATUSES)


def _status_text(status: BillStatus, out: TextIO, options: HistoryOptions) -> None:
    writer = _Writer(out, options)
    writer.line((clean_line(status.bill), "bold"), " — " + clean_line(status.title))
    _notes(writer, status.notes)
    if status.stage is not None:
        event = status.stage
        outcome = event.outcome or "no outcome recorded"
        writer.line(
            "stage: ",
            (clean_line(event.stage or ""), "bold"),
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
        line += "; since the last reading: " + _counts_words(status.since_reading)
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
                (clean_line(stance.stance).ljust(10), "bold"),
                f"  {clean_line(stance.event)} ({clean_line(stance.date)})",
            )
    pending = []
    if status.pending_proposals:
        pending.append("proposals not decided: " + ", ".join(status.pending_proposals))
    if status.pending_stages:
        pending.append("stages with no event yet: " + ", ".join(status.pending_stages))
    writer.line("pending: " + clean_line("; ".join(pending) if pending else "nothing"))


# --- Markdown ------------------------------------------------------------------------------


def _md(text: str) -> str:
    from billtrack.render.markdown import escape_line

    return escape_line(text)


def _md_block(text: str) -> str:
    from billtrack.render.markdown import escape, paragraph

    return paragraph(escape(text))


def _md_redline(segments: Iterable[tuple[str, str]]) -> str:
    from billtrack.render.markdown import redline

    return redline(segments)


def _log_markdown(timeline: Timeline, out: TextIO, options: HistoryOptions) -> None:
    order = "newest first" if timeline.newest_first else "oldest first"
    lines = [f"# Timeline of {_md(timeline.bill)}", "", f"_{order}_", ""]
    for note in timeline.notes:
        lines += [f"> **Note:** {_md(note)}", ""]
    if not timeline.entries:
        lines += ["Nothing in this range.", ""]
    for entry in timeline.entries:
        date = _md(entry.date or "uncommitted")
        if entry.version is not None:
            version = entry.version
            note = file_note(version)
            lines.append(
                f"- **{date}** commit `{version.label}` "
                f"{_md(counts_mark(entry.counts))} {_md(_version_line(version))}"
                + (f" _({_md(note)})_" if note else "")
            )
            continue
        event = entry.event
        assert event is not None
        detail = event_detail(event)
        lines.append(
            f"- **{date}** {_md(event.kind)} **{_md(event.id)}**"
            + (f": {_md(detail)}" if detail else "")
        )
        if event.participants:
            lines.append(f"  - with {_md(', '.join(event.participants))}")
        for position in event.positions:
            lines.append(f"  - {_md(position.party)}: {_md(position.stance)}")
        for decision in decision_texts(event, timeline.proposals):
            lines.append(f"  - decided: {_md(decision)}")
    out.write("\n".join(lines).rstrip() + "\n")


def _history_markdown(result: ProvisionHistory, out: TextIO, options: HistoryOptions) -> None:
    from billtrack.render.diff import text_parts

    lines = [f"# History of {_md(result.id)} in {_md(result.bill)}", ""]
    if len(result.ids) > 1:
        lines += [f"Ids: {_md(' → '.join(result.ids))}", ""]
    if result.current is not None:
        current = result.current
        label = " ".join(x for x in (current.number, current.heading) if x) or current.id
        lines += [f"Now: {_md(label)}", ""]
    else:
        lines += ["Now: not in the bill", ""]
    for note in result.notes:
        lines += [f"> **Note:** {_md(note)}", ""]
    lines += ["## Changes", ""]
    for step in result.steps:
        version = step.version
        item = step.change
        lines.append(
            f"- **{_md(version.date or 'uncommitted')}** `{version.label}` "
            f"{_md(step_label(step))}: {_md(_version_line(version))}"
        )
        if item.proposals:
            lines.append(f"  - proposals: {_md(', '.join(item.proposals))}")
        if item.events:
            lines.append(f"  - events: {_md(', '.join(item.events))}")
        if options.patch:
            for kind, lang, content in text_parts(item):
                label = f"\\[{_md(lang)}\\] " if lang else ""
                if kind == "redline" and not isinstance(content, str):
                    lines.append(f"  - {label}{_md_redline(content)}")
                elif isinstance(content, str):
                    op = "+" if kind == "added" else "-"
                    lines.append(f"  - {label}{_md_redline([(op, content)])}")
    if result.readings:
        lines += ["", "## Readings that pinned a version containing it", ""]
        for pinned in result.readings:
            event = pinned.event
            lines.append(
                f"- **{_md(event.date)}** {_md(event.id)}: {_md(event_detail(event))}"
                + (f" (as {_md(pinned.provision_id)})" if pinned.provision_id != result.id else "")
            )
    if result.proposals:
        lines += ["", "## Proposals", ""]
        for proposal, status in result.proposals:
            decided = f" in {status.event} ({status.date})" if status.event else ""
            lines.append(
                f"- **{_md(proposal.id)}** {_md(proposal.action)} {_md(proposal.target)} "
                f"by {_md(proposal.author)} ({_md(proposal.date)}): "
                f"{_md(status.status + decided)}"
            )
    if result.events:
        lines += ["", "## Events", ""]
        for event in result.events:
            detail = event_detail(event)
            lines.append(
                f"- **{_md(event.date)}** {_md(event.kind)} {_md(event.id)}"
                + (f": {_md(detail)}" if detail else "")
            )
    out.write("\n".join(lines).rstrip() + "\n")


def _status_markdown(status: BillStatus, out: TextIO, options: HistoryOptions) -> None:
    lines = [f"# Status of {_md(status.bill)}", "", _md_block(status.title), ""]
    for note in status.notes:
        lines += [f"> **Note:** {_md(note)}", ""]
    if status.stage is not None:
        event = status.stage
        lines.append(
            f"- **Stage:** {_md(event.stage or '')}, "
            f"{_md(event.outcome or 'no outcome recorded')} ({_md(event.id)}, {_md(event.date)})"
        )
    else:
        lines.append("- **Stage:** no event records a stage yet")
    if status.reading is not None:
        event = status.reading
        lines.append(
            f"- **Last reading:** {_md(event_detail(event))} ({_md(event.id)}, {_md(event.date)})"
        )
    else:
        lines.append("- **Last reading:** none recorded")
    since = ""
    if status.since_reading is not None:
        since = f"; since the last reading: {_counts_words(status.since_reading)}"
    lines.append(f"- **Provisions:** {status.provisions}{since}")
    lines += ["", "## Proposals", ""]
    for name, ids in status.proposals.items():
        lines.append(f"- {name}: {len(ids)}" + (f" ({_md(', '.join(ids))})" if ids else ""))
    if status.stances:
        lines += ["", "## Positions", "", "| party | stance | event | date |", "|---|---|---|---|"]
        for stance in status.stances:
            lines.append(
                f"| {_md(stance.party)} | {_md(stance.stance)} | {_md(stance.event)} "
                f"| {_md(stance.date)} |"
            )
    lines += ["", "## Pending", ""]
    if status.pending_proposals:
        lines.append(f"- proposals not decided: {_md(', '.join(status.pending_proposals))}")
    if status.pending_stages:
        lines.append(f"- stages with no event yet: {_md(', '.join(status.pending_stages))}")
    if not status.pending_proposals and not status.pending_stages:
        lines.append("- nothing")
    out.write("\n".join(lines).rstrip() + "\n")


# --- JSON ------------------------------------------------------------------------------

_TERMINAL_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _write_json(document: dict[str, Any], out: TextIO) -> None:
    text = json.dumps(document, ensure_ascii=False, indent=2)
    # Only inside JSON strings, where \uXXXX means the same character.
    text = _TERMINAL_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    out.write(text + "\n")


def _event_summary(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "date": event.date,
        "kind": event.kind,
        "stage": event.stage,
        "outcome": event.outcome,
    }


def _event_document(event: Event, proposals: Mapping[str, Proposal]) -> dict[str, Any]:
    decisions = []
    for decision in event.decisions:
        proposal = proposals.get(decision.proposal)
        decisions.append(
            {
                "proposal": decision.proposal,
                "status": decision.status,
                "note": decision.note,
                "action": proposal.action if proposal else None,
                "target": proposal.target if proposal else None,
            }
        )
    return {
        "kind": event.kind,
        "date": event.date,
        "id": event.id,
        "stage": event.stage,
        "body": event.body,
        "outcome": event.outcome,
        "version": event.version,
        "participants": list(event.participants),
        "provisions": list(event.provisions),
        "positions": [
            {"party": p.party, "stance": p.stance, "note": p.note} for p in event.positions
        ],
        "decisions": decisions,
        "summary": event.summary,
        "sources": list(event.sources),
    }


def _commit_document(version: Version) -> dict[str, Any]:
    return {
        "commit": version.commit,
        "date": version.date,
        "author": version.author,
        "subject": version.subject,
    }


def log_document(timeline: Timeline) -> dict[str, Any]:
    entries = []
    for entry in timeline.entries:
        if entry.version is not None:
            version = entry.version
            entries.append(
                {
                    "kind": "commit",
                    **_commit_document(version),
                    "file": version.status,
                    "merge": version.merge,
                    "counts": dict(entry.counts) if entry.counts is not None else None,
                }
            )
        else:
            assert entry.event is not None
            entries.append(_event_document(entry.event, timeline.proposals))
    return {
        "schema": LOG_SCHEMA,
        "bill": timeline.bill,
        "order": "newest-first" if timeline.newest_first else "oldest-first",
        "truncated": timeline.truncated,
        "notes": list(timeline.notes),
        "entries": entries,
    }


def history_document(result: ProvisionHistory) -> dict[str, Any]:
    from billtrack.render.diff_json import provision_document, record

    return {
        "schema": HISTORY_SCHEMA,
        "bill": result.bill,
        "id": result.id,
        "ids": list(result.ids),
        "current": record(result.current),
        "truncated": result.truncated,
        "notes": list(result.notes),
        "steps": [
            {
                **_commit_document(step.version),
                "context": step.context,
                **provision_document(step.change, stat=False),
            }
            for step in result.steps
        ],
        "readings": [
            {
                "id": pinned.event.id,
                "date": pinned.event.date,
                "stage": pinned.event.stage,
                "outcome": pinned.event.outcome,
                "version": pinned.event.version,
                "as": pinned.provision_id,
            }
            for pinned in result.readings
        ],
        "proposals": [
            {
                "id": proposal.id,
                "date": proposal.date,
                "author": proposal.author,
                "action": proposal.action,
                "target": proposal.target,
                "status": status.status,
                "decided_in": status.event,
                "decided_on": status.date,
            }
            for proposal, status in result.proposals
        ],
        "events": [_event_summary(event) for event in result.events],
    }


def status_document(status: BillStatus) -> dict[str, Any]:
    return {
        "schema": STATUS_SCHEMA,
        "bill": status.bill,
        "title": status.title,
        "stage": _event_summary(status.stage) if status.stage else None,
        "reading": (
            {**_event_summary(status.reading), "version": status.reading.version}
            if status.reading
            else None
        ),
        "provisions": status.provisions,
        "since_reading": dict(status.since_reading) if status.since_reading else None,
        "proposals": {name: list(ids) for name, ids in status.proposals.items()},
        "positions": [
            {
                "party": s.party,
                "stance": s.stance,
                "event": s.event,
                "date": s.date,
                "note": s.note,
            }
            for s in status.stances
        ],
        "pending": {
            "proposals": list(status.pending_proposals),
            "stages": list(status.pending_stages),
        },
        "notes": list(status.notes),
    }


def _log_json(timeline: Timeline, out: TextIO, options: HistoryOptions) -> None:
    _write_json(log_document(timeline), out)


def _history_json(result: ProvisionHistory, out: TextIO, options: HistoryOptions) -> None:
    _write_json(history_document(result), out)


def _status_json(status: BillStatus, out: TextIO, options: HistoryOptions) -> None:
    _write_json(status_document(status), out)


# --- the registries ----------------------------------------------------------------------

LOG_REPORTERS: dict[str, Callable[[Timeline, TextIO, HistoryOptions], None]] = {
    "text": _log_text,
    "markdown": _log_markdown,
    "json": _log_json,
}
HISTORY_REPORTERS: dict[str, Callable[[ProvisionHistory, TextIO, HistoryOptions], None]] = {
    "text": _history_text,
    "markdown": _history_markdown,
    "json": _history_json,
}
STATUS_REPORTERS: dict[str, Callable[[BillStatus, TextIO, HistoryOptions], None]] = {
    "text": _status_text,
    "markdown": _status_markdown,
    "json": _status_json,
}
