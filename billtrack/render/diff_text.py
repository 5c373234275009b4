"""The `text` diff reporter: a terminal redline through rich.

In colour, deletions are red and struck through, insertions green and underlined;
without colour, git's word-diff markers `[-old-]{+new+}`. File text never goes through
rich markup: it is cleaned of control characters (shown as `\\x1b`, not run) and appended
to rich Text objects with an explicit style.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

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

STATUS_STYLE = {
    "added": "green",
    "dropped": "red",
    "modified": "yellow",
    "renamed": "cyan",
    "unchanged": "dim",
}
DELETED = "red strike"
INSERTED = "green underline"


class _Writer:
    """Wraps and writes lines; styles only in colour, markers only without."""

    def __init__(self, out: TextIO, options: DiffOptions) -> None:
        self.color = options.color
        self.width = max(options.width or DEFAULT_WIDTH, 20)
        self.console = Console(
            file=out,
            force_terminal=self.color,
            force_jupyter=False,
            no_color=not self.color,
            # A fixed colour system: red and green need no more, and output does not
            # depend on TERM or COLORTERM.
            color_system="standard" if self.color else None,
            width=self.width,
            highlight=False,
            emoji=False,
            markup=False,
            soft_wrap=True,
        )
        self.lines: list[Text] = []

    def style(self, style: str) -> str:
        return style if self.color else ""

    def line(self, text: Text | None = None) -> None:
        """One line of output, wrapped to the width when it is longer."""
        self.block(text or Text(), prefix="")

    def block(self, text: Text, *, prefix: str = INDENT, prefix_style: str = "") -> None:
        """Text wrapped to the width, every line behind the same prefix."""
        room = max(self.width - cell_len(prefix), 10)
        for piece in text.wrap(self.console, room, overflow="fold"):
            piece.rstrip()
            # No trailing spaces, even on a blank line of a text behind "+ ".
            lead = prefix if piece.plain else prefix.rstrip()
            if lead:
                piece = Text.assemble((lead, self.style(prefix_style)), piece)
            self.lines.append(piece)

    def close(self) -> None:
        """Print every line at once: one console.print per line costs 0.2 ms, a second
        for a thousand changed provisions. Already wrapped: rich must not wrap, crop or
        pad them again."""
        if self.lines:
            self.console.print(Text("\n").join(self.lines), soft_wrap=True)
            self.lines.clear()


def _redline(writer: _Writer, segments: tuple[Segment, ...], label: str) -> Text:
    text = Text(label)
    for op, chunk in segments:
        if not chunk:
            continue
        chunk = clean(chunk)
        if op == "=":
            text.append(chunk)
        elif writer.color:
            text.append(chunk, style=DELETED if op == "-" else INSERTED)
        elif op == "-":
            text.append(f"[-{chunk}-]")
        else:
            text.append(f"{{+{chunk}+}}")
    return text


def _provision(writer: _Writer, item: ProvisionDiff) -> None:
    style = STATUS_STYLE[item.status]
    head = Text(STATUS_MARK[item.status] + " ", style=writer.style(style))
    head.append(clean_line(item.id), style=writer.style("bold"))
    head.append("  ")
    head.append(clean_line(status_text(item)), style=writer.style(style))
    writer.line(head)

    provision = item.after or item.before
    if item.status in ("added", "dropped") and provision is not None:
        for name, value in (("number", provision.number), ("heading", provision.heading)):
            if value:
                writer.block(Text(f"{name}: {clean_line(value)}"))
    for name, old, new in field_changes(item):
        writer.block(
            Text.assemble(
                f"{name}: ",
                (clean_line(old), writer.style(DELETED)),
                " → ",
                (clean_line(new), writer.style(INSERTED)),
            )
        )

    for kind, lang, content in text_parts(item):
        label = f"[{clean_line(lang)}] " if lang else ""
        if kind == "redline" and not isinstance(content, str):
            writer.block(_redline(writer, content, label))
        elif isinstance(content, str):
            mark = "+ " if kind == "added" else "- "
            colour = "green" if kind == "added" else "red"
            body = Text(label + clean(content), style=writer.style(colour))
            writer.block(body, prefix=INDENT + mark, prefix_style=colour)

    for name, ids in (("proposals", item.proposals), ("events", item.events)):
        if ids:
            writer.block(Text(f"{name}: " + ", ".join(clean_line(i) for i in ids)))


def _stat(writer: _Writer, comparison: Comparison, options: DiffOptions) -> None:
    items = shown(comparison, options)
    ids = [clean_line(item.id) for item in items]
    pad = max((cell_len(i) for i in ids), default=0)
    for item, ident in zip(items, ids, strict=True):
        # A modified provision's status is its mark; the others say what happened.
        detail = ", ".join(item.changes) if item.status == "modified" else status_text(item)
        style = writer.style(STATUS_STYLE[item.status])
        line = Text("  ")
        line.append(STATUS_MARK[item.status], style=style)
        line.append(" " + ident + " " * (pad - cell_len(ident)) + "   ")
        line.append(clean_line(detail))
        writer.line(line)
    writer.line(Text(counts_line(comparison)))


def render_text(comparison: Comparison, out: TextIO, options: DiffOptions) -> None:
    writer = _Writer(out, options)
    if options.stat:
        _stat(writer, comparison, options)
        writer.close()
        return
    bold = writer.style("bold")
    for name, value in (
        ("bill", comparison.bill),
        ("from", side_text(comparison.old)),
        ("to  ", side_text(comparison.new)),
    ):
        writer.line(Text.assemble((name + " ", bold), clean_line(value)))
    items = shown(comparison, options)
    for item in items:
        writer.line()
        _provision(writer, item)
    if not items:
        writer.line()
        writer.line(Text("no differences"))
    writer.line()
    writer.line(Text(counts_line(comparison), style=bold))
    writer.close()
