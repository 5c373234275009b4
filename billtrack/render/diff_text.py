"""The `text` diff reporter: a terminal redline, wrapped to the width.

In colour, deletions are red and struck through, insertions green and underlined;
without colour, git's word-diff markers `[-old-]{+new+}`. File text is cleaned of control
characters (shown as `\\x1b`, not run) before anything else sees it, and is only ever
data: the sole escape sequences written are this module's own colours.

It wraps and styles lines itself, byte for byte as rich did when this reporter was
built on `Text.wrap(console, width, overflow="fold")` and a Console with the "standard"
colour system (tests/test_diff_text_wrap.py holds it to that, quirks included, but for
one: where rich dropped words, this keeps them). Rich's
Text objects took 0.4 s of the 0.7 s a thousand changed provisions took to report, much
of it cleaning again text we had cleaned; only its cell widths are kept (`rich.cells`),
so wide and zero-width characters measure as rich measures them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, TextIO

from rich.cells import cell_len, chop_cells, get_character_cell_size

from billtrack.diff import ProvisionDiff, Segment
from billtrack.render.diff import (
    STATUS_MARK,
    DiffOptions,
    counts_line,
    field_changes,
    shown,
    side_text,
    status_text,
    text_parts,
)
from billtrack.render.terminal import clean, clean_line

if TYPE_CHECKING:
    from billtrack.versions import Comparison

DEFAULT_WIDTH = 100
INDENT = "    "
TAB_SIZE = 8

# Styles as the parameters of an SGR sequence, the ones rich's "standard" colour system
# gives: attributes in rich's order (bold 1, dim 2, underline 4, strike 9), then the colour.
BOLD = "1"
RED = "31"
GREEN = "32"
STATUS_STYLE = {
    "added": GREEN,
    "dropped": RED,
    "modified": "33",  # yellow
    "renamed": "36",  # cyan
    "unchanged": "2",  # dim
}
DELETED = "9;31"  # red, struck through
INSERTED = "4;32"  # green, underlined

# A piece of a line and its style ("" for none). Styled runs are never merged, even
# with a neighbour of the same style: rich resets after each of its spans, and so do we.
Run = tuple[str, str]

# A word and the spaces after it, as rich's wrap finds words (\s is str.isspace).
_WORD = re.compile(r"\s*\S+\s*")


# --- wrapping, as rich wraps -----------------------------------------------------------


def wrap(text: str, width: int) -> list[str]:
    """The lines of `text` wrapped to `width` cells, words longer than that folded, each
    line without trailing whitespace; what rich's `Text.wrap(console, width,
    overflow="fold")` gives, each line then `rstrip`ped. `text` must be cleaned first."""
    return ["".join(part for part, _ in line) for line in wrap_runs([(text, "")], width)]


def wrap_runs(runs: Sequence[Run], width: int) -> list[list[Run]]:
    """Styled text wrapped as `wrap` does, each line's runs cut where rich cut its spans."""
    lines = []
    for line in _split_lines(runs):
        if any("\t" in text for text, _ in line):
            line = _expand_tabs(line)
        plain = "".join(text for text, _ in line)
        lines += [_cut(line, start, end) for start, end in _pieces(plain, width)]
    return lines


def _split_lines(runs: Iterable[Run]) -> list[list[Run]]:
    lines: list[list[Run]] = [[]]
    for text, style in runs:
        first, *rest = text.split("\n")
        if first:
            lines[-1].append((first, style))
        lines += [[(part, style)] if part else [] for part in rest]
    return lines


def _expand_tabs(line: list[Run]) -> list[Run]:
    """Tabs as spaces to the next multiple of 8 cells, as rich expands them. Rich splits
    the line after every tab and joins the parts again, so a style span running over a
    tab ends after its spaces and a new one starts: in colour, a reset there."""
    spaces = []
    position = 0
    for part in "".join(text for text, _ in line).split("\t")[:-1]:
        # measured as rich does: the part with its tab as one space, then padded
        position += cell_len(part + " ")
        pad = -position % TAB_SIZE
        position += pad
        spaces.append(" " * (1 + pad))
    tabs = iter(spaces)
    expanded = []
    for text, style in line:
        first, *rest = text.split("\t")
        for part in rest:
            expanded.append((first + next(tabs), style))
            first = part
        if first:
            expanded.append((first, style))
    return expanded


def _pieces(line: str, width: int) -> list[tuple[int, int]]:
    """(start, end) of each wrapped piece of one line, trailing whitespace left out."""
    measure = len if _one_cell_each(line) else cell_len
    # A line that fits has no break: rich's word loop agrees, as a word's cells never
    # exceed the cells it takes in the whole line (checked by the property tests).
    if measure(line) <= width:
        bounds = [0, len(line)]
    else:
        bounds = [0, *_breaks(line, width, measure), len(line)]
    return [(start, start + _kept(line[start:end])) for start, end in pairwise(bounds)]


# Characters rich measures as one cell each, and the others, as met: a string of the
# first kind only is as many cells as characters, and measuring it by len() instead of
# word by word through rich.cells halves the time of a large report. Both sets are
# bounded by the characters in use.
_ONE_CELL: set[str] = set()
_NOT_ONE_CELL: set[str] = set()


def _one_cell_each(text: str) -> bool:
    if _ONE_CELL.issuperset(text):
        return True
    unknown = set(text) - _ONE_CELL
    if not _NOT_ONE_CELL.isdisjoint(unknown):
        return False
    for character in unknown:
        # the joiner and the emoji selector change the width of their neighbours
        one = character not in "\u200d\ufe0f" and get_character_cell_size(character) == 1
        (_ONE_CELL if one else _NOT_ONE_CELL).add(character)
    return _NOT_ONE_CELL.isdisjoint(unknown)


def _breaks(line: str, width: int, measure: Callable[[str], int]) -> list[int]:
    """Where rich's `divide_line(line, width, fold=True)` breaks a line: before a word
    (with the spaces after it) that does not fit what is left of the line, and inside a
    word longer than a whole line. Spaces at the start stay with the first word. A
    folded word is folded with its spaces, so a long run of them after it becomes blank
    lines and indents the next word: odd, but what rich printed."""
    breaks: list[int] = []
    used = 0  # cells on the current line
    for match in _WORD.finditer(line):
        start, word = match.start(), match.group()
        length = measure(word.rstrip())
        if width - used >= length:
            used += measure(word)
        elif length > width:
            folded = chop_cells(word, width)
            for count, piece in enumerate(folded, 1):
                if start:
                    breaks.append(start)
                if count == len(folded):
                    used = measure(piece)
                else:
                    start += len(piece)
        elif used and start:
            breaks.append(start)
            used = measure(word)
    return breaks


def _kept(piece: str) -> int:
    """How much of a piece is kept: all but its trailing whitespace.

    Rich also cropped a piece that measured more cells than its words did one by one
    (an emoji selector opening a word after a zero-width space such as U+2028 widens the
    emoji before it), dropping words. Text is data: here the line is a cell too wide
    instead. File text never gets there: clean() shows U+2028 and U+2029 escaped."""
    return len(piece.rstrip())


def _cut(line: list[Run], start: int, end: int) -> list[Run]:
    """The runs of line[start:end]."""
    runs: list[Run] = []
    if start >= end:
        return runs
    position = 0
    for text, style in line:
        after = position + len(text)
        if after > start:
            if position >= end:
                break
            runs.append((text[max(start - position, 0) : end - position], style))
        position = after
    return runs


# --- the report ------------------------------------------------------------------------


def _render(runs: Iterable[Run]) -> str:
    return "".join(f"\x1b[{style}m{text}\x1b[0m" if style else text for text, style in runs)


class _Writer:
    """Wraps and collects lines; styles only in colour, markers only without."""

    def __init__(self, options: DiffOptions) -> None:
        self.color = options.color
        self.width = max(options.width or DEFAULT_WIDTH, 20)
        self.lines: list[str] = []

    def style(self, *styles: str) -> str:
        """Styles combined as rich combines them: here an attribute and one colour."""
        return ";".join(styles) if self.color else ""

    def line(self, runs: Sequence[Run] = ()) -> None:
        """One line of output, wrapped to the width when it is longer."""
        self.block(runs, prefix="")

    def block(self, runs: Sequence[Run], *, prefix: str = INDENT, prefix_style: str = "") -> None:
        """Text wrapped to the width, every line behind the same prefix."""
        room = max(self.width - cell_len(prefix), 10)
        for piece in wrap_runs(runs, room):
            # No trailing spaces, even on a blank line of a text behind "+ ".
            lead = prefix if piece else prefix.rstrip()
            if lead:
                piece.insert(0, (lead, self.style(prefix_style)))
            self.lines.append(_render(piece))

    def close(self, out: TextIO) -> None:
        text = "\n".join(self.lines) + "\n"
        self.lines.clear()
        # In pieces, as rich wrote: a Windows console can fail on one write of more
        # than 32 KB (https://github.com/python/cpython/issues/82052).
        for start in range(0, len(text), 8192):
            out.write(text[start : start + 8192])


def _redline(writer: _Writer, segments: tuple[Segment, ...], label: str) -> list[Run]:
    runs = [(label, "")]
    for op, chunk in segments:
        if not chunk:
            continue
        chunk = clean(chunk)
        if op == "=":
            runs.append((chunk, ""))
        elif writer.color:
            runs.append((chunk, DELETED if op == "-" else INSERTED))
        elif op == "-":
            runs.append((f"[-{chunk}-]", ""))
        else:
            runs.append((f"{{+{chunk}+}}", ""))
    return runs


def _provision(writer: _Writer, item: ProvisionDiff) -> None:
    colour = STATUS_STYLE[item.status]
    style = writer.style(colour)
    # The line as rich drew it: all in the status's colour, with the id (bold as well)
    # and the status as spans of their own, each ending in a reset. Without an id, the
    # mark and the gap were one stretch of colour.
    mark, ident = STATUS_MARK[item.status], clean_line(item.id)
    head = [(mark + " ", style), (ident, writer.style(BOLD, colour)), ("  ", style)]
    writer.line(
        [*(head if ident else [(mark + "   ", style)]), (clean_line(status_text(item)), style)]
    )

    provision = item.after or item.before
    if item.status in ("added", "dropped") and provision is not None:
        for name, value in (("number", provision.number), ("heading", provision.heading)):
            if value:
                writer.block([(f"{name}: {clean_line(value)}", "")])
    for name, old, new in field_changes(item):
        writer.block(
            [
                (f"{name}: ", ""),
                (clean_line(old), writer.style(DELETED)),
                (" → ", ""),
                (clean_line(new), writer.style(INSERTED)),
            ]
        )

    for kind, lang, content in text_parts(item):
        label = f"[{clean_line(lang)}] " if lang else ""
        if kind == "redline" and not isinstance(content, str):
            writer.block(_redline(writer, content, label))
        elif isinstance(content, str):
            sign = "+ " if kind == "added" else "- "
            colour = GREEN if kind == "added" else RED
            body = [(label + clean(content), writer.style(colour))]
            writer.block(body, prefix=INDENT + sign, prefix_style=colour)

    for name, ids in (("proposals", item.proposals), ("events", item.events)):
        if ids:
            writer.block([(f"{name}: " + ", ".join(clean_line(i) for i in ids), "")])


def _stat(writer: _Writer, comparison: Comparison, options: DiffOptions) -> None:
    items = shown(comparison, options)
    ids = [clean_line(item.id) for item in items]
    pad = max((cell_len(i) for i in ids), default=0)
    for item, ident in zip(items, ids, strict=True):
        # A modified provision's status is its mark; the others say what happened.
        detail = ", ".join(item.changes) if item.status == "modified" else status_text(item)
        writer.line(
            [
                ("  ", ""),
                (STATUS_MARK[item.status], writer.style(STATUS_STYLE[item.status])),
                (" " + ident + " " * (pad - cell_len(ident)) + "   ", ""),
                (clean_line(detail), ""),
            ]
        )
    writer.line([(counts_line(comparison), "")])


def render_text(comparison: Comparison, out: TextIO, options: DiffOptions) -> None:
    writer = _Writer(options)
    if options.stat:
        _stat(writer, comparison, options)
        writer.close(out)
        return
    bold = writer.style(BOLD)
    for name, value in (
        ("bill", comparison.bill),
        ("from", side_text(comparison.old)),
        ("to  ", side_text(comparison.new)),
    ):
        writer.line([(name + " ", bold), (clean_line(value), "")])
    items = shown(comparison, options)
    for item in items:
        writer.line()
        _provision(writer, item)
    if not items:
        writer.line()
        writer.line([("no differences", "")])
    writer.line()
    writer.line([(counts_line(comparison), bold)])
    writer.close(out)
