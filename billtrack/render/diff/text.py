"""The `text` diff reporter: a terminal redline, wrapped to the width.

In colour, deletions are red and struck through, insertions green and underlined;
without colour, git's word-diff markers `[-old-]{+new+}`. File text is cleaned of control
characters (shown as `\\x1b`, not run) before anything else sees it, and is only ever
data: the sole escape sequences written are the styles of billtrack.render.text, which
also wraps the lines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from rich.cells import cell_len

from billtrack.diff import ProvisionDiff, Segment, Status
from billtrack.render.diff.view import (
    COARSE_NOTE,
    DiffOptions,
    bill_field_text,
    coarse_redline,
    counts_line,
    field_changes,
    proposal_labels,
    shown,
    side_text,
    status_text,
    text_parts,
    verdict,
)
from billtrack.render.text import (
    BOLD,
    CYAN,
    DELETED,
    DIM,
    GREEN,
    INSERTED,
    RED,
    YELLOW,
    Page,
    Run,
    clean,
    clean_line,
    redline_runs,
)

if TYPE_CHECKING:
    from billtrack.comparison import Comparison

DEFAULT_WIDTH = 100
INDENT = "    "

STATUS_MARK: dict[Status, str] = {
    "added": "+",
    "dropped": "-",
    "modified": "~",
    "renamed": ">",
    "unchanged": "=",
}
STATUS_STYLE: dict[Status, str] = {
    "added": GREEN,
    "dropped": RED,
    "modified": YELLOW,
    "renamed": CYAN,
    "unchanged": DIM,
}


def _redline(writer: Page, segments: tuple[Segment, ...], label: str) -> list[Run]:
    return [(label, ""), *redline_runs(segments, color=writer.color)]


def _provision(writer: Page, item: ProvisionDiff) -> None:
    colour = STATUS_STYLE[item.status]
    style = writer.style(colour)
    # All in the status's colour, the id bold as well; each run ends in a reset of its
    # own. Without an id, the mark and the gap are one stretch of colour.
    mark, ident = STATUS_MARK[item.status], clean_line(item.id)
    head = [(mark + " ", style), (ident, writer.style(BOLD, colour)), ("  ", style)]
    writer.line(
        [*(head if ident else [(mark + "   ", style)]), (clean_line(status_text(item)), style)]
    )

    provision = item.after or item.before
    if item.status in ("added", "dropped") and provision is not None:
        for name, value in (("number", provision.number), ("heading", provision.heading)):
            if value:
                writer.block([(f"{name}: {clean_line(value)}", "")], prefix=INDENT)
    for name, old, new in field_changes(item):
        writer.block(
            [
                (f"{name}: ", ""),
                (clean_line(old), writer.style(DELETED)),
                (" → ", ""),
                (clean_line(new), writer.style(INSERTED)),
            ],
            prefix=INDENT,
        )

    for kind, lang, content in text_parts(item):
        label = f"[{clean_line(lang)}] " if lang else ""
        if kind == "redline" and not isinstance(content, str):
            writer.block(_redline(writer, content, label), prefix=INDENT)
            if coarse_redline(item, lang):
                writer.block([(COARSE_NOTE, writer.style(DIM))], prefix=INDENT)
        elif isinstance(content, str):
            sign = "+ " if kind == "added" else "- "
            colour = GREEN if kind == "added" else RED
            body = [(label + clean(content), writer.style(colour))]
            writer.block(body, prefix=INDENT + sign, prefix_style=colour)

    for name, ids in (("proposals", proposal_labels(item)), ("events", list(item.events))):
        if ids:
            writer.block([(f"{name}: " + ", ".join(clean_line(i) for i in ids), "")], prefix=INDENT)
    said = verdict(item)
    if said is not None:
        style = writer.style(BOLD, RED) if item.ledger and item.ledger.unexplained else ""
        writer.block([(clean_line(said), style)], prefix=INDENT)


def _bill_changes(writer: Page, comparison: Comparison) -> None:
    for name, before, after in comparison.diff.bill_changes:
        writer.line()
        writer.line([("~ ", writer.style(YELLOW)), (f"bill {name}", writer.style(BOLD, YELLOW))])
        writer.block(
            [
                (clean_line(bill_field_text(before)), writer.style(DELETED)),
                (" → ", ""),
                (clean_line(bill_field_text(after)), writer.style(INSERTED)),
            ],
            prefix=INDENT,
        )


def _stat(writer: Page, comparison: Comparison, options: DiffOptions) -> None:
    for name, _, _ in comparison.diff.bill_changes:
        writer.line([("  ", ""), ("~", writer.style(YELLOW)), (f" bill {name}", "")])
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


def render(comparison: Comparison, out: TextIO, options: DiffOptions) -> None:
    writer = Page(color=options.color, width=max(options.width or DEFAULT_WIDTH, 20))
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
    _bill_changes(writer, comparison)
    items = shown(comparison, options)
    for item in items:
        writer.line()
        _provision(writer, item)
    if not items and not comparison.diff.bill_changes:
        writer.line()
        writer.line([("no differences", "")])
    writer.line()
    writer.line([(counts_line(comparison), bold)])
    writer.close(out)
