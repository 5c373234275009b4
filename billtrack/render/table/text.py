"""The `text` table reporter: the comparative table on the terminal.

Where the eight columns fit (GRID_WIDTH cells and more), a rich Table; narrower (80 or
100 columns, a pipe), one record per proposal, each column a labelled line and the two
texts indented paragraphs, because eight columns in 80 cells fold words letter by letter.

Every cell is a rich Text built from plain strings, never markup, so file text cannot
style the output or break the table; control characters are made visible first. A
table of cells is the one thing rich still draws here (billtrack.render.text wraps
lines, not grids). Colour only where the caller asks for it. The proposed text is its
redline against the text it was made against, in the text engine's DELETED and
INSERTED styles (without colour, [-deleted-] and {+inserted+}, as the diff shows it).
"""

from __future__ import annotations

from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from billtrack.i18n import language
from billtrack.render.table.view import TableOptions
from billtrack.render.text import Run, clean, clean_line, paint, redline_runs, wrap, wrap_runs
from billtrack.table import Table, TableRow

# The narrowest width at which the grid keeps words whole in every column.
GRID_WIDTH = 150

# How the width is shared: the two texts get most of it. The table always fits the
# terminal (rich wraps, and folds words longer than a column), so nothing is cropped.
_RATIOS = (2, 3, 6, 6, 2, 3, 4, 3)
# The column of the proposed text in TableRow.cells: its redline where the row has one.
PROPOSED = 3


def _styled(runs: list[Run], *, color: bool) -> Text:
    """Runs of the text engine as a rich Text (its styles, read back from SGR)."""
    if color:
        return Text.from_ansi(paint(runs))
    return Text("".join(text for text, _ in runs))


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
        width=options.width,
    )
    console.print(Text(f"{clean_line(table.title)}: {words.labels.table_title}", style="bold"))
    console.print(Text(clean_line(table.version.label)))
    if not table.rows:
        console.print(Text(words.labels.no_proposals))
        return
    if console.width < GRID_WIDTH:
        for row in table.rows:
            _record(console, table, row, color=color)
        return
    grid = RichTable(
        box=box.SQUARE, show_lines=True, expand=True, header_style="bold" if color else ""
    )
    for heading, ratio in zip(table.columns, _RATIOS, strict=True):
        grid.add_column(Text(heading), ratio=ratio, overflow="fold")
    none = words.labels.none
    for row in table.rows:
        cells = [Text(clean(cell) if cell else none) for cell in row.cells()]
        if row.redline:
            cells[PROPOSED] = _styled(redline_runs(row.redline, color=color), color=color)
        grid.add_row(*cells)
    console.print(grid)


def _record(console: Console, table: Table, row: TableRow, *, color: bool) -> None:
    """One proposal as a block: a title line, then each column as `Label: value`, the
    texts as indented paragraphs wrapped to the width."""
    words = language(table.lang)
    none = words.labels.none
    width = max(console.width, 40)
    cells = row.cells()
    console.print(Text(""))
    console.print(
        Text(f"{clean_line(row.proposal)} · {clean_line(row.unit)}", style="bold" if color else "")
    )
    for index, (label, value) in enumerate(zip(table.columns, cells, strict=True)):
        if index in (0, 1):
            continue
        text = clean(value) if value else none
        if index == PROPOSED and row.redline:
            console.print(Text(f"  {clean_line(label)}:", style="bold" if color else ""))
            marked = redline_runs(row.redline, color=color)
            for runs in wrap_runs(marked, width - 4):
                console.print(_styled([("    ", ""), *runs], color=color), soft_wrap=True)
        elif index in (2, 3, 6):  # the texts and the rationale: paragraphs under a label
            console.print(Text(f"  {clean_line(label)}:", style="bold" if color else ""))
            for line in wrap(text, width - 4):
                console.print(Text("    " + line), soft_wrap=True)
        else:
            lines = wrap(f"{clean_line(label)}: {text}", width - 2)
            for line in lines:
                console.print(Text("  " + line), soft_wrap=True)
