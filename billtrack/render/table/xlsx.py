"""The `xlsx` table reporter: the comparative table as an Excel workbook, one row per
proposal, through billtrack.render.xlsx (every cell text, never a formula)."""

from __future__ import annotations

from typing import IO

from billtrack.render import xlsx
from billtrack.render.table.view import TableOptions
from billtrack.table import Table

# Column widths in characters: the texts wide, the short facts narrow.
WIDTHS = (9, 24, 60, 60, 16, 22, 48, 28)


def render(table: Table, out: IO[bytes], options: TableOptions) -> None:
    xlsx.sheet(
        table.title,
        table.columns,
        [row.cells() for row in table.rows],
        WIDTHS,
        out,
    )
