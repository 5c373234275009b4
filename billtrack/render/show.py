"""Reporters for `billtrack show`: one provision at one version."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TextIO

from billtrack.model import Event, Proposal, ProposalStatus, Provision
from billtrack.render.terminal import clean
from billtrack.versions import Side


@dataclass(frozen=True, slots=True)
class ProvisionView:
    bill: str
    side: Side
    provision: Provision
    proposals: tuple[tuple[Proposal, ProposalStatus], ...]
    events: tuple[Event, ...]


def render_text(view: ProvisionView, out: TextIO, *, color: bool) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(
        file=out,
        force_terminal=color,
        no_color=not color,
        width=100,
        highlight=False,
        emoji=False,
        markup=False,
    )
    p = view.provision
    title = Text()
    title.append(clean(p.number or ""), "bold")
    if p.number:
        title.append(" ")
    title.append(clean(p.heading or p.id), "bold")
    console.print(title)
    meta = Text(f"{view.bill} / ", "dim")
    meta.append(clean(p.id), "dim")
    meta.append(f" at {clean(view.side.label or view.side.spec)}", "dim")
    if view.side.commit:
        meta.append(f" ({view.side.commit[:12]})", "dim")
    console.print(meta)
    console.print()
    for language, text in p.texts().items():
        block = Text()
        if language:
            block.append(f"[{clean(language)}] ", "cyan")
        block.append(clean(text))
        console.print(block)
    if p.amends:
        console.print(Text("amends: " + clean(p.amends)))
    if p.tags:
        console.print(Text("tags: " + ", ".join(clean(t) for t in p.tags)))
    for proposal, status in view.proposals:
        line = Text(f"proposal {clean(proposal.id)}: {proposal.action} by {clean(proposal.author)}")
        line.append(f", {status.status}")
        if status.event:
            line.append(f" ({clean(status.event)}, {clean(status.date or '')})")
        console.print(line)
    for event in view.events:
        line = Text(f"event {clean(event.id)}: {event.kind} ({clean(event.date)})")
        if event.outcome:
            line.append(f", {event.outcome}")
        console.print(line)


def render_json(view: ProvisionView, out: TextIO) -> None:
    document = {
        "schema": "billtrack/show/1",
        "bill": view.bill,
        "at": {"spec": view.side.spec, "commit": view.side.commit},
        "provision": dict(view.provision.raw),
        "proposals": [
            {
                "id": p.id,
                "action": p.action,
                "author": p.author,
                "status": s.status,
                "decided_in": s.event,
            }
            for p, s in view.proposals
        ],
        "events": [e.id for e in view.events],
    }
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")
