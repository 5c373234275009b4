"""`billtrack text --format markdown`: a heading per provision, its text escaped, one
paragraph a line (`<br>` for line breaks), so that `billtrack import` reads it back
exactly."""

from __future__ import annotations

from typing import TextIO

from billtrack.render.bill.view import BillText, container_changes, heading_line
from billtrack.render.markdown import escape_line, inline


def render(view: BillText, out: TextIO) -> None:
    depth = max((len(e.path) for e in view.entries), default=0)
    lines = [f"# {escape_line(view.title)}", "", inline(view.version_text), ""]
    previous: tuple[str, ...] = ()
    for entry in view.entries:
        for level, heading in container_changes(previous, entry.path):
            lines += ["#" * (2 + level) + " " + escape_line(heading), ""]
        previous = entry.path
        lines += ["#" * min(6, 2 + depth) + " " + escape_line(heading_line(entry)), ""]
        lines += [inline(entry.text), ""]
    out.write("\n".join(lines))
