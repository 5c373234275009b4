"""The `markdown` reporters of `billtrack log`, `history` and `status`: file text
escaped by billtrack.render.markdown, so it can never become markup."""

from __future__ import annotations

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
from billtrack.render.markdown import escape_line as md
from billtrack.render.markdown import inline, redline

if TYPE_CHECKING:
    from billtrack.history.provision import ProvisionHistory
    from billtrack.history.status import BillStatus
    from billtrack.history.timeline import Timeline


def render_log(timeline: Timeline, out: TextIO, options: HistoryOptions) -> None:
    order = "newest first" if timeline.newest_first else "oldest first"
    lines = [f"# Timeline of {md(timeline.bill)}", "", f"_{order}_", ""]
    for note in timeline.notes:
        lines += [f"> **Note:** {md(note)}", ""]
    if not timeline.entries:
        lines += ["Nothing in this range.", ""]
    for entry in timeline.entries:
        date = md(entry.date or "uncommitted")
        if entry.version is not None:
            version = entry.version
            note = file_note(version)
            lines.append(
                f"- **{date}** commit `{version.label}` "
                f"{md(counts_mark(entry.counts))} {md(version_line(version))}"
                + (f" _({md(note)})_" if note else "")
            )
            continue
        event = entry.event
        assert event is not None
        detail = event_detail(event)
        lines.append(
            f"- **{date}** {md(event.kind)} **{md(event.id)}**"
            + (f": {md(detail)}" if detail else "")
        )
        if event.participants:
            lines.append(f"  - with {md(', '.join(event.participants))}")
        for position in event.positions:
            lines.append(f"  - {md(position.party)}: {md(position.stance)}")
        for decision in decision_texts(event, timeline.proposals):
            lines.append(f"  - decided: {md(decision)}")
    out.write("\n".join(lines).rstrip() + "\n")


def render_history(result: ProvisionHistory, out: TextIO, options: HistoryOptions) -> None:
    lines = [f"# History of {md(result.id)} in {md(result.bill)}", ""]
    if len(result.ids) > 1:
        lines += [f"Ids: {md(' → '.join(result.ids))}", ""]
    if result.current is not None:
        current = result.current
        label = " ".join(x for x in (current.number, current.heading) if x) or current.id
        lines += [f"Now: {md(label)}", ""]
    else:
        lines += ["Now: not in the bill", ""]
    for note in result.notes:
        lines += [f"> **Note:** {md(note)}", ""]
    lines += ["## Changes", ""]
    for step in result.steps:
        version = step.version
        item = step.change
        lines.append(
            f"- **{md(version.date or 'uncommitted')}** `{version.label}` "
            f"{md(step_label(step))}: {md(version_line(version))}"
        )
        if item.proposals:
            lines.append(f"  - proposals: {md(', '.join(item.proposals))}")
        if item.events:
            lines.append(f"  - events: {md(', '.join(item.events))}")
        if options.patch:
            for kind, lang, content in text_parts(item):
                label = f"\\[{md(lang)}\\] " if lang else ""
                if kind == "redline" and not isinstance(content, str):
                    lines.append(f"  - {label}{redline(content)}")
                elif isinstance(content, str):
                    op = "+" if kind == "added" else "-"
                    lines.append(f"  - {label}{redline([(op, content)])}")
    if result.readings:
        lines += ["", "## Readings that pinned a version containing it", ""]
        for pinned in result.readings:
            event = pinned.event
            lines.append(
                f"- **{md(event.date)}** {md(event.id)}: {md(event_detail(event))}"
                + (f" (as {md(pinned.provision_id)})" if pinned.provision_id != result.id else "")
            )
    if result.proposals:
        lines += ["", "## Proposals", ""]
        for proposal, status in result.proposals:
            decided = f" in {status.event} ({status.date})" if status.event else ""
            lines.append(
                f"- **{md(proposal.id)}** {md(proposal.action)} {md(proposal.target)} "
                f"by {md(proposal.author)} ({md(proposal.date)}): "
                f"{md(status.status + decided)}"
            )
    if result.events:
        lines += ["", "## Events", ""]
        for event in result.events:
            detail = event_detail(event)
            lines.append(
                f"- **{md(event.date)}** {md(event.kind)} {md(event.id)}"
                + (f": {md(detail)}" if detail else "")
            )
    out.write("\n".join(lines).rstrip() + "\n")


def render_status(status: BillStatus, out: TextIO, options: HistoryOptions) -> None:
    lines = [f"# Status of {md(status.bill)}", "", inline(status.title), ""]
    for note in status.notes:
        lines += [f"> **Note:** {md(note)}", ""]
    if status.stage is not None:
        event = status.stage
        lines.append(
            f"- **Stage:** {md(event.stage or '')}, "
            f"{md(event.outcome or 'no outcome recorded')} ({md(event.id)}, {md(event.date)})"
        )
    else:
        lines.append("- **Stage:** no event records a stage yet")
    if status.reading is not None:
        event = status.reading
        lines.append(
            f"- **Last reading:** {md(event_detail(event))} ({md(event.id)}, {md(event.date)})"
        )
    else:
        lines.append("- **Last reading:** none recorded")
    since = ""
    if status.since_reading is not None:
        since = f"; since the last reading: {counts_words(status.since_reading)}"
    lines.append(f"- **Provisions:** {status.provisions}{since}")
    lines += ["", "## Proposals", ""]
    for name, ids in status.proposals.items():
        lines.append(f"- {name}: {len(ids)}" + (f" ({md(', '.join(ids))})" if ids else ""))
    if status.stances:
        lines += ["", "## Positions", "", "| party | stance | event | date |", "|---|---|---|---|"]
        for stance in status.stances:
            lines.append(
                f"| {md(stance.party)} | {md(stance.stance)} | {md(stance.event)} "
                f"| {md(stance.date)} |"
            )
    lines += ["", "## Pending", ""]
    if status.pending_proposals:
        lines.append(f"- proposals not decided: {md(', '.join(status.pending_proposals))}")
    if status.pending_stages:
        lines.append(f"- stages with no event yet: {md(', '.join(status.pending_stages))}")
    if not status.pending_proposals and not status.pending_stages:
        lines.append("- nothing")
    out.write("\n".join(lines).rstrip() + "\n")
