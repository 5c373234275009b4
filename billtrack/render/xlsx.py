"""The Excel medium: the one writer of .xlsx workbooks, whatever the report.

Built on openpyxl. Every cell is written as a string cell (never a formula, whatever it
starts with: a record's "=HYPERLINK(...)" stays text) and passes through `cell_text`,
which makes control characters visible as every medium does (openpyxl refuses them).
Imported only when an xlsx report is asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from billtrack.render.text import clean


def cell_text(text: str) -> str:
    return clean(text)


def sheet(
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence[str | None]],
    widths: Sequence[int],
    out: IO[bytes],
) -> None:
    """One worksheet: a bold, frozen header row, wrapped cells, set column widths."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    # A sheet title may not hold []:*?/\ and is at most 31 characters.
    ws.title = "".join(c for c in title if c not in "[]:*?/\\")[:31] or "Sheet"
    for r, values in enumerate([header, *rows], start=1):
        for c, value in enumerate(values, start=1):
            if value is None or value == "":
                continue
            cell = ws.cell(row=r, column=c)
            cell.value = cell_text(value)
            cell.data_type = "s"  # text, never a formula
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if r == 1:
                cell.font = Font(bold=True)
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = "A2"
    book.save(out)
