"""The `json` summary reporter: the versioned contract billtrack/summary/1.

The shape is billtrack/schemas/summary-output.schema.json; removing or changing a field
is a new schema version, adding an optional one is not (`lede` and `notes` were added so:
a document without them is still a valid summary/1). `notes` are footnote numbers, as
the Markdown and HTML summaries print them: note n is `sources[n - 1]`. Keys keep the
order written here. Strings are the data exactly as in the files, or the generated
sentences in the requested language (`lang`). Written by billtrack.render.json, which
escapes what a terminal could act on.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from billtrack.diff import Segment
from billtrack.render.json import write
from billtrack.summary.records import PartyRef, ProposalRef, ProvisionRef, Summary, VersionRef


def _version(ref: VersionRef) -> dict[str, Any]:
    return {
        "spec": ref.spec,
        "commit": ref.commit,
        "kind": ref.kind,
        "date": ref.date,
        "stage": ref.stage,
        "event": ref.event,
        "label": ref.label,
    }


def _party(ref: PartyRef | None) -> dict[str, Any] | None:
    return None if ref is None else {"id": ref.id, "name": ref.name}


def _provision(ref: ProvisionRef) -> dict[str, Any]:
    return {"id": ref.id, "number": ref.number, "heading": ref.heading, "label": ref.label}


def _proposals(refs: Sequence[ProposalRef]) -> list[dict[str, Any]]:
    return [
        {
            "id": ref.id,
            "author": _party(ref.author),
            "action": ref.action,
            "status": ref.status,
            "event": ref.event,
            "date": ref.date,
            "rationale": ref.rationale,
            "sentence": ref.sentence,
            "notes": list(ref.notes),
        }
        for ref in refs
    ]


def _redline(segments: Sequence[Segment]) -> list[list[str]]:
    return [[op, chunk] for op, chunk in segments]


def document(summary: Summary) -> dict[str, Any]:
    """The summary as JSON data, in the schema's key order."""
    counts = summary.counts
    return {
        "schema": summary.schema,
        "bill": summary.bill,
        "title": summary.title,
        "lang": summary.lang,
        "text_language": summary.text_language,
        "from": _version(summary.old),
        "to": _version(summary.new),
        "counts": {
            "dropped": counts.dropped,
            "added": counts.added,
            "reworded": counts.reworded,
            "renamed": counts.renamed,
            "other": counts.other,
            "unchanged": counts.unchanged,
        },
        "lede": summary.lede,
        "headline": summary.headline,
        "other_changes": summary.other_sentence,
        "dropped": [
            {
                **_provision(item.provision),
                "text": item.text,
                "language": item.language,
                "renamed": item.renamed,
                "similarity": item.similarity,
                "replaced_by": [_provision(ref) for ref in item.replaced_by],
                "redline": _redline(item.redline) if item.redline else None,
                "sentence": item.sentence,
                "proposals": _proposals(item.proposals),
                "events": list(item.events),
            }
            for item in summary.dropped
        ],
        "added": [
            {
                **_provision(item.provision),
                "text": item.text,
                "language": item.language,
                "replaces": [_provision(ref) for ref in item.replaces],
                "sentence": item.sentence,
                "proposals": _proposals(item.proposals),
                "events": list(item.events),
            }
            for item in summary.added
        ],
        "reworded": [
            {
                **_provision(item.provision),
                "previous_number": item.previous_number,
                "language": item.language,
                "redline": _redline(item.redline),
                "changes": list(item.changes),
                "proposals": _proposals(item.proposals),
                "events": list(item.events),
            }
            for item in summary.reworded
        ],
        "other": [
            {
                **_provision(item.provision),
                "previous_number": item.previous_number,
                "changes": list(item.changes),
                "proposals": _proposals(item.proposals),
            }
            for item in summary.other
        ],
        "events": [
            {
                "id": event.id,
                "date": event.date,
                "date_text": event.date_text,
                "kind": event.kind,
                "stage": event.stage,
                "body": _party(event.body),
                "participants": [_party(p) for p in event.participants],
                "outcome": event.outcome,
                "sentence": event.sentence,
                "summary": event.summary,
                "notes": list(event.notes),
                "decisions": [
                    {
                        "proposal": d.proposal,
                        "status": d.status,
                        "author": _party(d.author),
                        "action": d.action,
                        "target": d.target,
                        "note": d.note,
                        "sentence": d.sentence,
                    }
                    for d in event.decisions
                ],
                "positions": [
                    {"party": _party(p.party), "stance": p.stance, "note": p.note}
                    for p in event.positions
                ],
            }
            for event in summary.events
        ],
        "stances": [
            {
                "party": _party(stance.party),
                "stance": stance.stance,
                "note": stance.note,
                "event": stance.event,
                "event_kind": stance.event_kind,
                "date": stance.date,
                "sentence": stance.sentence,
            }
            for stance in summary.stances
        ],
        "sources": list(summary.sources),
    }


def render(summary: Summary, out: TextIO) -> None:
    write(document(summary), out)
