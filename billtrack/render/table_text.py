"""The `text` table reporter: the comparative table as a rich Table on the terminal.

Every cell is a rich Text built from plain strings, never markup, so file text cannot
style the output or break the table; control characters are made visible first.
Colour only where the stream is a terminal and NO_COLOR is not set.
"""

from __future__ import annotations

import os
from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from billtrack.i18n import language
from billtrack.render.terminal import clean, clean_line
from billtrack.summary import Table

# How the width is shared: the two texts get most of it. The table always fits the
# terminal (rich wraps, and folds words longer than a column), so nothing is cropped.
_RATIOS = (2, 3, 6, 6, 2, 3, 4, 3)


def _color(out: TextIO) -> bool:
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("NO_COLOR")


def render_text(table: Table, out: TextIO) -> None:
    words = language(table.lang)
    color = _color(out)
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
