"""The `csv` table reporter: the comparative table for a spreadsheet.

UTF-8 with a byte-order mark (so Excel reads Cyrillic right), RFC 4180 quoting by the
csv module (CRLF line ends, quotes doubled, cells with commas, quotes or newlines
quoted), one header row of column labels in the output language. A cell that a
spreadsheet would run as a formula gets a leading apostrophe, which spreadsheets read
as "this is text": one that starts with =, +, -, @ or their full-width forms (＝ ＋ －
＠), or with anything a spreadsheet may skip before them (whitespace of any kind, line
breaks, NBSP, the ideographic space, zero-width characters, a BOM).
Control characters other than tab and newline are made visible. Empty cells are empty.
"""

from __future__ import annotations

import csv
import re
from typing import TextIO

from billtrack.render import INVISIBLE
from billtrack.render.table.view import TableOptions
from billtrack.render.text import clean
from billtrack.table import Table

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\u2212")
# What a spreadsheet may skip at the start of a cell: str.isspace (tabs, line breaks,
# NBSP, U+3000 ...) and the characters that take no room.
_SKIPPED = re.compile(f"[\\s{INVISIBLE}]")


def guard(value: str) -> str:
    """A cell value a spreadsheet will show as text, never evaluate."""
    if value.startswith(_FORMULA_START) or _SKIPPED.match(value):
        value = "'" + value
    return clean(value)


def render(table: Table, out: TextIO, options: TableOptions) -> None:
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([guard(c) for c in table.columns])
    for row in table.rows:
        writer.writerow([guard(c) if c else "" for c in row.cells()])
