"""Markdown, plain text and HTML: the text formats.

Markdown is read as billtrack's own `text --format markdown` writes it and as people
write it (ATX headings, YAML front matter, backslash escapes, `<br>` line breaks,
entities); HTML through the standard library's tokenizer (no network, no scripts run:
only the text of headings and blocks is kept).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from billtrack.importer.formats import FormatError, decode
from billtrack.importer.units import Block, NoProvisions, Unit, from_blocks, from_lines

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_ITEM = re.compile(r"^ {0,3}(?:[-+*]|\d{1,9}[.)]|\(\w{1,4}\))[ \t]")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])|&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,31});")
# The zero-width space billtrack's own Markdown writes to break autolinks and mentions.
_UNLINK = "&#8203;"
_BREAK = re.compile(r"<br\s*/?>|\\\n", re.IGNORECASE)


def unescape(text: str) -> str:
    """Markdown inline text as the text it stands for: escapes undone, entities read.

    A zero-width space written as an entity is dropped: billtrack's Markdown puts one
    after "@", "www" and ":" of "://" so that GitHub neither links nor mentions
    (render/markdown.py), and shows a zero-width space of the text itself as a visible
    escape, so the entity never stands for the text."""
    if "\\" not in text and "&" not in text and "<" not in text:
        return text  # nothing to undo: most lines of a law
    text = _BREAK.sub("\n", text).replace(_UNLINK, "")
    return _ESCAPE.sub(
        lambda m: m.group(1) if m.group(1) is not None else html.unescape(m.group(0)), text
    )


def _front_matter(lines: list[str]) -> list[str]:
    if lines and lines[0].strip() == "---":
        for i, line in enumerate(lines[1:], 1):
            if line.strip() in ("---", "..."):
                return lines[i + 1 :]
    return lines


def markdown_blocks(source: str) -> list[Block]:
    lines = _front_matter(source.splitlines())
    blocks: list[Block] = []
    paragraph: list[str] = []
    item = False
    fence: str | None = None

    def flush() -> None:
        nonlocal item
        if paragraph:
            # Source lines of one paragraph join with a space, except after a hard break.
            text = ""
            for line in paragraph:
                part = unescape(line.strip())
                text += part if not text or text.endswith("\n") else " " + part
            blocks.append(Block(text.strip(" "), item=item))
            paragraph.clear()
        item = False

    for line in lines:
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            else:
                paragraph.append(line)
            continue
        if not line.strip():
            flush()
            continue
        first = line.lstrip(" ")[:1]
        # Only a line whose first character can start one is tried as a fence, a
        # heading or an item (most lines of a law are none of them).
        if first in "`~" and (opened := _FENCE.match(line)) is not None:
            flush()
            fence = opened.group(1)
            continue
        heading = _ATX.match(line) if first == "#" else None
        if heading is not None:
            flush()
            blocks.append(Block(unescape(heading.group(2) or "").strip(), len(heading.group(1))))
            continue
        if paragraph and (first in "-+*(" or first.isdecimal()) and _ITEM.match(line):
            flush()
            item = True
        paragraph.append(line)
    flush()
    return blocks


def read_markdown(data: bytes) -> list[Unit]:
    try:
        return from_blocks(markdown_blocks(decode(data)))
    except NoProvisions as exc:
        raise FormatError(str(exc)) from None


def read_text(data: bytes) -> list[Unit]:
    try:
        return from_lines([decode(data)])
    except NoProvisions as exc:
        raise FormatError(str(exc)) from None


_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BLOCKS = frozenset(
    {"p", "div", "li", "dd", "dt", "td", "th", "blockquote", "pre", "section", "article", "tr"}
)
_SKIPPED = frozenset({"script", "style", "template", "head", "title", "noscript"})


class _Blocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._text: list[str] = []
        self._level: int | None = None
        self._item = False
        self._skipping = 0

    def _flush(self) -> None:
        text = "\n".join(" ".join(part.split()) for part in "".join(self._text).split("\n"))
        text = text.strip()
        if text:
            self.blocks.append(Block(text, self._level, item=self._item and self._level is None))
        self._text, self._level, self._item = [], None, False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in _HEADINGS or tag in _BLOCKS:
            self._flush()
            self._level = _HEADINGS.get(tag)
            self._item = tag == "li"
        elif tag == "br":
            self._text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _HEADINGS or tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._text.append(data)


def read_html(data: bytes) -> list[Unit]:
    parser = _Blocks()
    try:
        parser.feed(decode(data))
        parser.close()
    except (ValueError, AssertionError) as exc:
        raise FormatError(f"not readable as HTML: {exc}") from None
    parser._flush()
    try:
        return from_blocks(parser.blocks)
    except NoProvisions as exc:
        raise FormatError(str(exc)) from None
