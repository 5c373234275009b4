"""The `docx` table reporter: the comparative table (сравнительная таблица) as a Word
document in landscape, one row per proposal, through billtrack.render.docx. The
proposed text is its redline against the text it was made against, as tracked revisions
(`w:del`, `w:ins`) dated the proposal's date: accepting them gives the proposed text."""

from __future__ import annotations

from typing import IO

from docx.shared import Cm

from billtrack.render import docx as word
from billtrack.render.table.view import TableOptions
from billtrack.table import Table

# The column of the proposed text in TableRow.cells: its redline, as tracked revisions.
PROPOSED = 3
# The author Word shows on each revision: the tool, since the records decide nothing.
AUTHOR = "billtrack"

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
    revisions = word.Revisions(AUTHOR, word.timestamp("1970"))
    for row in table.rows:
        cells = grid.add_row().cells
        for index, (cell, value) in enumerate(zip(cells, row.cells(), strict=True)):
            if index == PROPOSED and row.redline:
                for op, text in row.redline:
                    if text:
                        revisions.add(cell.paragraphs[0], op, text, date=word.timestamp(row.date))
            elif value:
                word.cell_text(cell, value)
    for column, width in zip(grid.columns, WIDTHS, strict=True):
        for cell in column.cells:
            cell.width = Cm(width)
    word.save(document, out)
