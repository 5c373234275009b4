"""`billtrack text --format html`: one page, through the autoescaping template."""

from __future__ import annotations

from typing import TextIO

from billtrack.render.bill.view import BillText, container_changes, heading_line
from billtrack.render.html import lang_attr, template


def render(view: BillText, out: TextIO) -> None:
    depth = max((len(e.path) for e in view.entries), default=0)
    items = []
    previous: tuple[str, ...] = ()
    for entry in view.entries:
        containers = [(2 + level, h) for level, h in container_changes(previous, entry.path)]
        previous = entry.path
        items.append(
            {
                "containers": containers,
                "level": min(6, 2 + depth),
                "heading": heading_line(entry),
                "paragraphs": [p for p in entry.text.split("\n") if p.strip()],
                "id": entry.id,
                "lang": lang_attr(entry.fallback) if entry.fallback else None,
            }
        )
    out.write(
        template("bill.html.j2").render(
            title=view.title,
            title_lang=lang_attr(view.title_lang),
            version=view.version_text,
            lang=lang_attr(view.language or view.bill.language),
            items=items,
        )
    )
