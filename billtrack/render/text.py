"""The terminal as an output medium: cleaning file text, wrapping it, styling it.

Every text reporter (diff, log, history, status, show, problems) writes through this
module. File text is cleaned before anything else sees it (control characters and
escape sequences shown as `\\x1b`, never run), so the only escape sequences a report
writes are the styles asked for here, and only when the caller says colour is wanted:
the CLI decides that once (a terminal, NO_COLOR unset, --color) and passes a bool down.
It never looks at the environment and never prints on its own.

Lines are wrapped to a width in terminal cells. Cells are measured as rich measures them
(`rich.cells`), so wide and zero-width characters take the room they take on screen;
rich's Text and Console are not used (they took most of the time of a large report,
much of it cleaning again text already cleaned). The rules: a line breaks before a word
(with the spaces after it) that does not fit what is left of the line, a word longer
than a whole line is folded, tabs move to the next multiple of 8 cells, and no text is
ever lost; a line is at most the width unless one unbreakable piece is wider.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from itertools import pairwise
from typing import TextIO

from rich.cells import cell_len, chop_cells, get_character_cell_size

from billtrack.render import INVISIBLE

# --- cleaning --------------------------------------------------------------------------

# C0 controls except tab and newline, DEL, C1 controls, the line and paragraph
# separators (a line break to some programs, nothing to a terminal), the bidi
# overrides and isolates that can make a line read differently from what it is, and
# the characters that take no room at all (zero-width space, joiners, the LRM, RLM and
# ALM marks, the word joiner and invisible operators, the zero-width no-break space):
# two texts that look the same must not read the same when they differ.
_UNSAFE = re.compile(
    f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069{INVISIBLE}]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: str) -> str:
    """Text with every control character made visible (tabs and newlines kept)."""
    return _UNSAFE.sub(_escape, text)


def clean_line(text: str) -> str:
    """One line: also newlines made visible, so a message never spans lines."""
    return clean(text).replace("\r", "\\r").replace("\n", "\\n")


# --- styles ----------------------------------------------------------------------------

# Styles as the parameters of an SGR sequence: an attribute, then one of the eight
# standard colours, so any terminal that shows colour shows these.
BOLD = "1"
DIM = "2"
RED = "31"
GREEN = "32"
YELLOW = "33"
MAGENTA = "35"
CYAN = "36"
DELETED = "9;31"  # red, struck through
INSERTED = "4;32"  # green, underlined

# A piece of a line and its style ("" for none). Styled runs are never merged, even
# with a neighbour of the same style: each ends in a reset of its own.
Run = tuple[str, str]

TAB_SIZE = 8

# A word and the whitespace after it (\s is str.isspace).
_WORD = re.compile(r"\s*\S+\s*")


def redline_runs(segments: Iterable[tuple[str, str]], *, color: bool) -> list[Run]:
    """A redline as runs: deletions and insertions in the DELETED and INSERTED styles,
    or, without colour, as [-deleted-] and {+inserted+} (wdiff's marks)."""
    runs: list[Run] = []
    for op, chunk in segments:
        if not chunk:
            continue
        chunk = clean(chunk)
        if op == "=":
            runs.append((chunk, ""))
        elif color:
            runs.append((chunk, DELETED if op == "-" else INSERTED))
        elif op == "-":
            runs.append((f"[-{chunk}-]", ""))
        else:
            runs.append((f"{{+{chunk}+}}", ""))
    return runs


def paint(runs: Iterable[Run]) -> str:
    """The runs as one string, each styled run between its SGR sequence and a reset."""
    return "".join(f"\x1b[{style}m{text}\x1b[0m" if style else text for text, style in runs if text)


# --- wrapping --------------------------------------------------------------------------


def wrap(text: str, width: int) -> list[str]:
    """The lines of `text` wrapped to `width` cells, words longer than that folded, each
    line without trailing whitespace. `text` must be cleaned first."""
    return ["".join(part for part, _ in line) for line in wrap_runs([(text, "")], width)]


def wrap_runs(runs: Sequence[Run], width: int, *, keep_spaces: bool = False) -> list[list[Run]]:
    """Styled text wrapped as `wrap` does, each line's runs cut where it breaks.

    With `keep_spaces`, a line keeps the whitespace at its end as far as it fits the
    width (what a terminal shows the same either way, and what `show` always wrote)."""
    lines = []
    for line in _split_lines(runs):
        if any("\t" in text for text, _ in line):
            line = _expand_tabs(line)
        plain = "".join(text for text, _ in line)
        lines += [_cut(line, start, end) for start, end in _pieces(plain, width, keep_spaces)]
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
    """Tabs as spaces to the next multiple of 8 cells. The line is cut after every tab,
    so a style running over a tab ends after its spaces and starts again (in colour, a
    reset there)."""
    spaces = []
    position = 0
    for part in "".join(text for text, _ in line).split("\t")[:-1]:
        # the part with its tab as one space, then padded to the tab stop
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


def _pieces(line: str, width: int, keep_spaces: bool) -> list[tuple[int, int]]:
    """(start, end) of each wrapped piece of one line."""
    measure = len if _one_cell_each(line) else cell_len
    # A line that fits has no break: a word never takes more cells alone than it takes
    # in the whole line (the property tests hold the two ways of measuring together).
    if measure(line) <= width:
        bounds = [0, len(line)]
    else:
        bounds = [0, *_breaks(line, width, measure), len(line)]
    kept = _kept_within(width) if keep_spaces else _kept
    return [(start, start + kept(line[start:end])) for start, end in pairwise(bounds)]


# Characters that measure one cell each, and the others, as met: a string of the first
# kind only is as many cells as characters, and measuring it by len() instead of word
# by word halves the time of a large report. Both sets are bounded by the characters
# in use.
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
    """Where a line breaks: before a word (with the spaces after it) that does not fit
    what is left of the line, and inside a word longer than a whole line. Spaces at the
    start stay with the first word. A folded word is folded with its spaces, so a long
    run of them after it becomes blank lines and indents the next word."""
    if measure is len and width > 0 and line[:1] and not line[0].isspace():
        found = _greedy_breaks(line, width)
        if found is not None:
            return found
    return _word_breaks(line, width, measure)


@cache
def _line_of(width: int) -> tuple[re.Pattern[str], re.Pattern[str]]:
    # A wrapped line: from a word's first character, as many characters as fit the width
    # and end where a word ends, then the spaces after it; and a word too long to fit,
    # looked for from word starts only (from every character, a line of words just
    # shorter than the width would cost width steps a character).
    return (
        re.compile(rf"\S.{{0,{width - 1}}}(?!\S)\s*"),
        re.compile(rf"(?<!\S)\S{{{width + 1}}}"),
    )


def _greedy_breaks(line: str, width: int) -> list[int] | None:
    """The breaks _word_breaks finds, found by the regex engine a line at a time rather
    than a word at a time: for a line of one-cell characters that starts with a word and
    holds no word longer than the width (else None). The two are held equal by a test."""
    wrapped, too_long = _line_of(width)
    if too_long.search(line):
        return None
    return [match.start() for match in wrapped.finditer(line)][1:]


def _word_breaks(line: str, width: int, measure: Callable[[str], int]) -> list[int]:
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
    """How much of a piece is kept: all but its trailing whitespace. Nothing else is
    ever cropped: a line a cell too wide (an emoji selector widening the emoji before
    it) is better than a lost word."""
    return len(piece.rstrip())


def _kept_within(width: int) -> Callable[[str], int]:
    def kept(piece: str) -> int:
        """All of a piece but the trailing whitespace that takes it past the width."""
        excess = len(piece) - width
        if excess <= 0:
            return len(piece)
        return len(piece) - min(len(piece) - len(piece.rstrip()), excess)

    return kept


def _cut(line: Sequence[Run], start: int, end: int) -> list[Run]:
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


def length(runs: Iterable[Run]) -> int:
    """How many characters the runs hold."""
    return sum(len(text) for text, _ in runs)


# --- writing ---------------------------------------------------------------------------


# A line that a CI runner reads as a command rather than output: GitHub Actions' `::name
# ...::` (`::error`, `::stop-commands::`, `::add-mask::`) and its older `##[name]`, both
# after any leading whitespace. Its first character is written as an escape, as control
# characters are, so a provision's text can never act on the build that prints it.
_WORKFLOW_COMMAND = re.compile(r"^([ \t]*)(:(?=:)|#(?=#\[))", re.MULTILINE)


def _defuse(match: re.Match[str]) -> str:
    return f"{match.group(1)}\\x{ord(match.group(2)):02x}"


class Page:
    """The lines of one text report: wrapped, styled only in colour, written at the end.

    `style` gives the style asked for in colour and none without, so a reporter writes
    each line once for both."""

    def __init__(self, *, color: bool, width: int) -> None:
        self.color = color
        self.width = width
        self.lines: list[str] = []

    def style(self, *styles: str) -> str:
        """Styles combined (an attribute and one colour), or none without colour."""
        return ";".join(styles) if self.color else ""

    def line(self, runs: Sequence[Run] = ()) -> None:
        """One line of output, wrapped to the width when it is longer."""
        self.block(runs, prefix="")

    def block(self, runs: Sequence[Run], *, prefix: str = "", prefix_style: str = "") -> None:
        """Text wrapped to the width, every line behind the same prefix (none on a
        blank line, so no line ends in spaces)."""
        room = max(self.width - cell_len(prefix), 10)
        for piece in wrap_runs(runs, room):
            lead = prefix if piece else prefix.rstrip()
            if lead:
                piece.insert(0, (lead, self.style(prefix_style)))
            self.lines.append(paint(piece))

    def hanging(self, runs: Sequence[Run], indent: str) -> None:
        """A line whose continuation lines hang behind `indent`: the first line is
        wrapped to the width; what is left (its leading whitespace, line breaks included,
        dropped) is wrapped to the room behind the indent. A line that fits is written
        as it is."""
        pieces = wrap_runs(runs, self.width)
        if len(pieces) <= 1:
            line = list(runs)
            if any("\t" in text for text, _ in line):
                line = _expand_tabs(line)
            self.lines.append(paint(line))
            return
        first = pieces[0]
        self.lines.append(paint(first))
        rest = _cut(runs, length(first), length(runs))
        plain = "".join(text for text, _ in rest)
        rest = _cut(rest, len(plain) - len(plain.lstrip()), len(plain))
        for piece in wrap_runs(rest, self.width - cell_len(indent)):
            self.lines.append(indent + paint(piece))

    def wrapped(self, runs: Sequence[Run]) -> None:
        """Text wrapped to the width, keeping the spaces at a line's end that fit."""
        for piece in wrap_runs(runs, self.width, keep_spaces=True):
            self.lines.append(paint(piece))

    def close(self, out: TextIO) -> None:
        text = "".join(line + "\n" for line in self.lines)
        text = _WORKFLOW_COMMAND.sub(_defuse, text)
        self.lines.clear()
        # In pieces: a Windows console can fail on one write of more than 32 KB
        # (https://github.com/python/cpython/issues/82052).
        for start in range(0, len(text), 8192):
            out.write(text[start : start + 8192])
