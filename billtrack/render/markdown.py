"""Markdown escaping shared by every Markdown reporter (diff, summary, table, history).

File text can never become markup: every character that starts Markdown or GFM inline
syntax is backslash-escaped (so nothing from a file makes a link, an image, emphasis,
raw HTML, an entity, math or a table-cell break), bare URLs, e-mail addresses and
@mentions are broken with a zero-width space (GitHub links and notifies them with no
markup), control characters are made visible,
and each paragraph of file text stays on one source line with `<br>` for its line
breaks, so no line of it can start a block of its own. What would still start a block
at the beginning of a line (a list marker, a quote, a setext underline) is escaped there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from billtrack.render.text import clean, clean_line

# Characters that start Markdown or GFM inline syntax anywhere in a line: escapes, code,
# emphasis, strikethrough, links and images, raw HTML and autolinks, entities, table
# cells, math ($), heading closers.
_INLINE = re.compile(r"([\\`*_\[\]<>&|~$#!])")
# What starts a block at the beginning of a line once the inline characters are
# escaped: list items (-, +, 1. or 1)), quotes (>), setext underlines and breaks (=, -).
_LINE_START = re.compile(r"^([-+=>])|^(\d{1,9})([.)])")
_NEWLINES = re.compile(r"\r\n|\r|\n")
# What GitHub turns into a link or a notification with no markup at all: URLs (www.,
# scheme://), e-mail addresses and @user / @org/team mentions. A zero-width space (as an
# entity, so the source stays ASCII there) after "@", inside "://" and after "www"
# breaks each, and reads the same.
_AUTOLINK = re.compile(r"@|:(?=//)|www(?=\.)", re.IGNORECASE)
ZWSP = "&#8203;"


def _unlink(match: re.Match[str]) -> str:
    return match.group() + ZWSP


def escape(text: str) -> str:
    """File text as literal Markdown inline text, on one line (newlines become <br>)."""
    text = clean(text).replace("\t", " ")
    text = _INLINE.sub(r"\\\1", text)
    text = _AUTOLINK.sub(_unlink, text)
    return _NEWLINES.sub("<br>", text)


def escape_line(text: str) -> str:
    """A one-line value (an id, a number, a heading): line breaks shown, not kept."""
    return escape(clean_line(text))


def paragraph(text: str) -> str:
    """Escaped inline text made safe as the start of a paragraph, list item or quote."""
    text = text.lstrip(" ")  # four spaces would make an indented code block
    return _LINE_START.sub(
        lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), text
    )


def inline(text: str) -> str:
    """File text escaped for a line of its own."""
    return paragraph(escape(text))


def cell(text: str) -> str:
    """File text for a table cell: escaped (including |), on one line."""
    return escape_line(text)


def redline(segments: Iterable[tuple[str, str]]) -> str:
    """A redline as inline Markdown: deletions in <del>, insertions in <ins> (GitHub
    renders both; `~~`/`**` would stay literal next to spaces and punctuation)."""
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
