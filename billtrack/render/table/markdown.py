"""The `markdown` table reporter: the comparative table as a GFM table.

Cells are escaped as in the summary (billtrack.render.markdown): `|` cannot
end a cell and a newline cannot end a row (it becomes `<br>`), and nothing from a file
becomes a link, emphasis or raw HTML. The proposed text is its redline against the text
it was made against (<del>/<ins>, as in the diff).
"""

from __future__ import annotations

from typing import TextIO

from billtrack.i18n import language
from billtrack.render.markdown import escape, inline, redline
from billtrack.render.table.view import TableOptions
from billtrack.table import Table, TableRow

# The column of the proposed text in TableRow.cells.
PROPOSED = 3


def _cell(value: str | None, none: str) -> str:
    return inline(value) if value else none


def _cells(row: TableRow, none: str) -> list[str]:
    """The row's cells, the proposed text as its redline where it has one."""
    cells = [_cell(c, none) for c in row.cells()]
    if row.redline:
        cells[PROPOSED] = redline(row.redline)
    return cells


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
            lines.append("| " + " | ".join(_cells(row, none)) + " |")
    out.write("\n".join(lines) + "\n")
