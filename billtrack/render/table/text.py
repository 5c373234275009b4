"""The `text` table reporter: the comparative table as a rich Table on the terminal.

Every cell is a rich Text built from plain strings, never markup, so file text cannot
style the output or break the table; control characters are made visible first. A
table of cells is the one thing rich still draws here (billtrack.render.text wraps
lines, not grids). Colour only where the caller asks for it.
"""

from __future__ import annotations

from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from billtrack.i18n import language
from billtrack.render.table.view import TableOptions
from billtrack.render.text import clean, clean_line
from billtrack.table import Table

# How the width is shared: the two texts get most of it. The table always fits the
# terminal (rich wraps, and folds words longer than a column), so nothing is cropped.
_RATIOS = (2, 3, 6, 6, 2, 3, 4, 3)


def render(table: Table, out: TextIO, options: TableOptions) -> None:
    words = language(table.lang)
    color = options.color
    console = Console(
        file=out,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        markup=False,
    )
    console.print(Text(f"{clean_line(table.title)}: {words.labels.table_title}", style="bold"))
    console.print(Text(clean_line(table.version.label)))
    if not table.rows:
        console.print(Text(words.labels.no_proposals))
        return
    grid = RichTable(
        box=box.SQUARE, show_lines=True, expand=True, header_style="bold" if color else ""
    )
    for heading, ratio in zip(table.columns, _RATIOS, strict=True):
        grid.add_column(Text(heading), ratio=ratio, overflow="fold")
    none = words.labels.none
    for row in table.rows:
        grid.add_row(*(Text(clean(cell) if cell else none) for cell in row.cells()))
    console.print(grid)
