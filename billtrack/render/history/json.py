"""The `json` reporters of `billtrack log`, `history` and `status`, written by
billtrack.render.json (the characters a terminal could act on \\u-escaped).

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

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TextIO

from billtrack.render.diff.view import provision_entry, record
from billtrack.render.history.view import HistoryOptions
from billtrack.render.json import write

if TYPE_CHECKING:
    from billtrack.history.provision import ProvisionHistory
    from billtrack.history.status import BillStatus
    from billtrack.history.timeline import Timeline
    from billtrack.history.walk import Version
    from billtrack.model import Event, Proposal

LOG_SCHEMA = "billtrack/log/1"
HISTORY_SCHEMA = "billtrack/history/1"
STATUS_SCHEMA = "billtrack/status/1"


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
                **provision_entry(step.change, stat=False),
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


def render_log(timeline: Timeline, out: TextIO, options: HistoryOptions) -> None:
    write(log_document(timeline), out)


def render_history(result: ProvisionHistory, out: TextIO, options: HistoryOptions) -> None:
    write(history_document(result), out)


def render_status(status: BillStatus, out: TextIO, options: HistoryOptions) -> None:
    write(status_document(status), out)
