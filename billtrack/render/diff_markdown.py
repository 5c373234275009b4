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

import re
from typing import TYPE_CHECKING, TextIO

from billtrack.diff import ProvisionDiff, Segment
from billtrack.render.diff import (
    DiffOptions,
    counts_line,
    field_changes,
    shown,
    side_text,
    status_label,
    status_text,
    text_parts,
)
from billtrack.render.terminal import clean, clean_line

if TYPE_CHECKING:
    from billtrack.versions import Comparison

# Characters that start Markdown or GFM inline syntax anywhere in a line: escapes, code,
# emphasis, strikethrough, links and images, raw HTML and autolinks, entities, table
# cells, math ($), heading closers.
_INLINE = re.compile(r"([\\`*_\[\]<>&|~$#])")
# What starts a block at the beginning of a line once the inline characters are
# escaped: list items (-, +, 1. or 1)), setext underlines and thematic breaks (=, -).
_LINE_START = re.compile(r"^([-+=])|^(\d{1,9})([.)])")
_NEWLINES = re.compile(r"\r\n|\r|\n")


def escape(text: str) -> str:
    """File text as literal Markdown inline text, on one line (newlines become <br>)."""
    text = clean(text).replace("\t", " ")
    text = _INLINE.sub(r"\\\1", text)
    text = _NEWLINES.sub("<br>", text)
    return text


def escape_line(text: str) -> str:
    """A one-line value (an id, a number, a heading): line breaks shown, not kept."""
    return escape(clean_line(text))


def paragraph(text: str) -> str:
    """Escaped inline text made safe as the start of a paragraph or a list item."""
    text = text.lstrip(" ")  # four spaces would make an indented code block
    return _LINE_START.sub(
        lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), text
    )


def cell(text: str) -> str:
    """File text for a table cell: escaped (including |), on one line."""
    return escape_line(text)


def _redline(segments: tuple[Segment, ...]) -> str:
    parts = []
    for op, chunk in segments:
        if not chunk:
            continue
        if op == "=":
            parts.append(escape(chunk))
        else:
            tag = "del" if op == "-" else "ins"
            parts.append(f"<{tag}>{escape(chunk)}</{tag}>")
    return "".join(parts)


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

    refs = [
        f"- {name}: " + ", ".join(escape_line(i) for i in ids)
        for name, ids in (("proposals", item.proposals), ("events", item.events))
        if ids
    ]
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


def render_markdown(comparison: Comparison, out: TextIO, options: DiffOptions) -> None:
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
