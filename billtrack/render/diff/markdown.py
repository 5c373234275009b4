"""The `markdown` diff reporter: a redline for GitHub and other CommonMark renderers.

The redline uses `<del>`/`<ins>` rather than `~~`/`**`: a segment keeps its spacing and
often starts or ends with a space or punctuation (`«`, `(`), where CommonMark's
flanking rules would leave `**` or `~~` as literal asterisks and tildes. GitHub renders
both tags (struck through, underlined) and its sanitizer keeps them.

File text can never become markup: every Markdown-significant character is
backslash-escaped, so nothing from a file makes a link, an image, raw HTML, a heading,
a list or a table cell break; control characters are made visible; each paragraph of
file text is kept on one source line with `<br>` for its line breaks, so no line of it
can start a block of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from billtrack.diff import ProvisionDiff
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
    status_label,
    status_text,
    text_parts,
    verdict,
)
from billtrack.render.markdown import cell, escape, escape_line, paragraph
from billtrack.render.markdown import redline as _redline

if TYPE_CHECKING:
    from billtrack.comparison import Comparison


def _provision(item: ProvisionDiff) -> list[str]:
    lines = [f"## {escape_line(item.id)}", "", f"**{escape_line(status_text(item))}**", ""]
    facts = []
    provision = item.after or item.before
    if item.status in ("added", "dropped") and provision is not None:
        for name, value in (("number", provision.number), ("heading", provision.heading)):
            if value:
                facts.append(f"- {name}: {escape_line(value)}")
    for name, old, new in field_changes(item):
        facts.append(f"- {name}: {escape_line(old)} → {escape_line(new)}")
    if facts:
        lines += [*facts, ""]

    for kind, lang, content in text_parts(item):
        label = f"**\\[{escape_line(lang)}\\]** " if lang else ""
        if isinstance(content, str):
            tag = "ins" if kind == "added" else "del"
            body = f"<{tag}>{escape(content)}</{tag}>"
        else:
            body = _redline(content)
        lines += [paragraph(label + body), ""]
        if not isinstance(content, str) and coarse_redline(item, lang):
            lines += [paragraph(escape(COARSE_NOTE)), ""]

    refs = [
        f"- {name}: " + ", ".join(escape_line(i) for i in ids)
        for name, ids in (("proposals", proposal_labels(item)), ("events", list(item.events)))
        if ids
    ]
    said = verdict(item)
    if said is not None:
        shown_verdict = escape_line(said)
        refs.append(
            f"- **{shown_verdict}**"
            if item.ledger and item.ledger.unexplained
            else f"- {shown_verdict}"
        )
    if refs:
        lines += [*refs, ""]
    return lines


def _header(comparison: Comparison) -> list[str]:
    return [
        f"# Changes to {escape_line(comparison.bill)}",
        "",
        f"- from: {escape_line(side_text(comparison.old))}",
        f"- to: {escape_line(side_text(comparison.new))}",
        "",
        f"**{counts_line(comparison)}**",
        "",
        *(
            f"- bill {name}: {escape_line(bill_field_text(old))} → "
            f"{escape_line(bill_field_text(new))}"
            for name, old, new in comparison.diff.bill_changes
        ),
        *([""] if comparison.diff.bill_changes else []),
    ]


def _stat(comparison: Comparison, options: DiffOptions) -> list[str]:
    items = shown(comparison, options)
    if not items:
        return ["No differences.", ""]
    lines = ["| provision | status | changes |", "|---|---|---|"]
    for item in items:
        changes = ", ".join(item.changes)
        lines.append(f"| {cell(item.id)} | {cell(status_label(item))} | {cell(changes)} |")
    return [*lines, ""]


def render(comparison: Comparison, out: TextIO, options: DiffOptions) -> None:
    lines = _header(comparison)
    if options.stat:
        lines += _stat(comparison, options)
    else:
        items = shown(comparison, options)
        for item in items:
            lines += _provision(item)
        if not items:
            lines += ["No differences.", ""]
    while lines and lines[-1] == "":
        lines.pop()
    out.write("\n".join(lines) + "\n")
