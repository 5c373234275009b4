"""The `docx` table reporter: the comparative table (сравнительная таблица) as a Word
document in landscape, one row per proposal, through billtrack.render.docx."""

from __future__ import annotations

from typing import IO

from docx.shared import Cm

from billtrack.render import docx as word
from billtrack.render.table.view import TableOptions
from billtrack.table import Table

# Relative column widths: the current and the proposed text get the room.
WIDTHS = (1.6, 2.8, 6.0, 6.0, 2.0, 2.4, 4.2, 2.8)


def render(table: Table, out: IO[bytes], options: TableOptions) -> None:
    document = word.new_document(landscape=True, lang=table.lang)
    heading = f"{table.title}: {table.version.label}"
    word.header_text(document, heading)
    document.add_heading(word.xml_text(f"{table.title}"), level=1)
    document.add_paragraph(word.xml_text(table.version.label))
    grid = document.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    for cell, label in zip(grid.rows[0].cells, table.columns, strict=True):
        word.cell_text(cell, label, bold=True)
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row.cells(), strict=True):
            if value:
                word.cell_text(cell, value)
    for column, width in zip(grid.columns, WIDTHS, strict=True):
        for cell in column.cells:
            cell.width = Cm(width)
    word.save(document, out)
