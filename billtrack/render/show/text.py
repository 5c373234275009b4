"""The `text` show reporter: the provision's number, heading and text, then its
proposals and events, wrapped to 100 cells. Every value from a file is cleaned (escape
sequences shown, not run), whatever its field and whether or not a schema checked it."""

from __future__ import annotations

from typing import TextIO

from billtrack.render.show.view import ProvisionView, ShowOptions
from billtrack.render.text import BOLD, CYAN, DIM, Page, Run, clean

WIDTH = 100


def render(view: ProvisionView, out: TextIO, options: ShowOptions) -> None:
    page = Page(color=options.color, width=WIDTH)
    bold, dim = page.style(BOLD), page.style(DIM)
    p = view.provision
    title: list[Run] = [(clean(p.number or ""), bold)]
    if p.number:
        title.append((" ", ""))
    title.append((clean(p.heading or p.id), bold))
    page.wrapped(title)
    meta = [(f"{view.bill} / ", dim), (clean(p.id), dim)]
    meta.append((f" at {clean(view.side.label or view.side.spec)}", dim))
    if view.side.commit:
        meta.append((f" ({view.side.commit[:12]})", dim))
    page.wrapped(meta)
    page.line()
    for language, text in p.texts().items():
        block: list[Run] = []
        if language:
            block.append((f"[{clean(language)}] ", page.style(CYAN)))
        block.append((clean(text), ""))
        page.wrapped(block)
    if p.amends:
        page.wrapped([("amends: " + clean(p.amends), "")])
    if p.tags:
        page.wrapped([("tags: " + ", ".join(clean(t) for t in p.tags), "")])
    for proposal, status in view.proposals:
        line = (
            f"proposal {clean(proposal.id)}: {clean(proposal.action)} by {clean(proposal.author)}"
        )
        line += f", {clean(status.status)}"
        if status.event:
            line += f" ({clean(status.event)}, {clean(status.date or '')})"
        page.wrapped([(line, "")])
    for event in view.events:
        line = f"event {clean(event.id)}: {clean(event.kind)} ({clean(event.date)})"
        if event.outcome:
            line += f", {clean(event.outcome)}"
        page.wrapped([(line, "")])
    page.close(out)
