"""The `markdown` table reporter: the comparative table as a GFM table.

Cells are escaped as in the summary (billtrack.render.markdown): `|` cannot
end a cell and a newline cannot end a row (it becomes `<br>`), and nothing from a file
becomes a link, emphasis or raw HTML.
"""

from __future__ import annotations

from typing import TextIO

from billtrack.i18n import language
from billtrack.render.markdown import escape, inline
from billtrack.render.table.view import TableOptions
from billtrack.table import Table


def _cell(value: str | None, none: str) -> str:
    return inline(value) if value else none


def render(table: Table, out: TextIO, options: TableOptions) -> None:
    words = language(table.lang)
    none = words.labels.none
    lines = [
        f"# {escape(table.title)}: {escape(words.labels.table_title)}",
        "",
        inline(table.version.label),
        "",
    ]
    if not table.rows:
        lines.append(inline(words.labels.no_proposals))
    else:
        lines.append("| " + " | ".join(escape(c) for c in table.columns) + " |")
        lines.append("|" + "|".join("---" for _ in table.columns) + "|")
        for row in table.rows:
            lines.append("| " + " | ".join(_cell(c, none) for c in row.cells()) + " |")
    out.write("\n".join(lines) + "\n")
