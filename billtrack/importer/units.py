"""A provision as a document presents it, and the one way every format's blocks become
provisions.

Every reader turns its document into `Block`s (a heading with its level, or a paragraph);
`from_blocks` decides which headings are provisions and which are containers, so that
Markdown, HTML and DOCX follow one rule: the provisions are the headings of the deepest
level at which labelled headings ("Статья 5.", "§ 12") stand (the deepest level of all
when none is labelled); higher headings are containers, kept as the provision's `path`;
a lone top heading is the document's title. When no heading is labelled but paragraphs
are ("Статья 5. Цель" typed in bold under chapter headings), those paragraphs start the
provisions and every heading is a container. A document without headings is read line
by line: a line that starts with a label starts a provision. Pure functions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from billtrack.importer.numbering import heading_label, is_container, is_repealed, split_label


@dataclass(frozen=True, slots=True)
class Unit:
    """One provision of the imported text."""

    text: str
    number: str | None = None
    heading: str | None = None
    path: tuple[str, ...] = ()
    # An identifier the document gives the unit (Akoma Ntoso eId or GUID): evidence only.
    evidence: str | None = None

    @property
    def repealed(self) -> bool:
        return is_repealed(self.text)


@dataclass(frozen=True, slots=True)
class Block:
    """A heading (`level` 1 for the top) or a paragraph (`level` None) of a document."""

    text: str
    level: int | None = None
    # A list paragraph, joined to the paragraph before it by a line break.
    item: bool = False


# A heading that is only a number, or starts with one: "1.1", "1.", "2) Heading".
_NUMERIC = re.compile(r"^(\d+(?:[.-]\d+)*)[.)]?(?:\s+(.*))?$")


class NoProvisions(ValueError):
    """The document holds nothing that reads as a provision."""


def split_heading(line: str) -> tuple[str | None, str | None]:
    """(number, heading) of a provision's heading line: "Статья 5. Title" ->
    ("Статья 5", "Title"); billtrack's own `NUMBER — HEADING` is split at the dash."""
    line = " ".join(line.split())
    # The dash between a number and its heading first: a heading may be a dash itself
    # ("5. — —", a placeholder) or end with one. A number alone that would read back as
    # a number and a heading is written with a dash after it ("ст. 1 п. 4 —"); a number
    # that holds " — " itself cannot be told from a heading.
    number, dash, heading = line.partition(" — ")
    if dash and any(ch.isdigit() for ch in number) and len(number) <= 40:
        return number, heading or None
    if line.endswith(" —"):
        return line[:-2] or None, None
    found = split_label(line)
    if found is not None:
        return found[0], found[2] or None
    numeric = _NUMERIC.match(line)
    if numeric is not None:
        return numeric.group(1), numeric.group(2) or None
    return None, line or None


def _paragraphs(blocks: Sequence[Block]) -> str:
    out: list[str] = []
    for block in blocks:
        if out and block.item:
            out[-1] += "\n" + block.text
        else:
            out.append(block.text)
    return "\n\n".join(t for t in out if t.strip()).strip()


def from_blocks(blocks: Sequence[Block]) -> list[Unit]:
    """The provisions of a document's blocks (see the module's docstring)."""
    headings = [b for b in blocks if b.level is not None]
    if not headings:
        return from_lines([b.text for b in blocks])
    labelled = any(split_label(b.text) is not None for b in headings)
    tops = [b for b in headings if b.level == 1]
    if not labelled:
        first = headings[0]
        lone = (
            first if len(tops) == 1 and first is tops[0] and not is_container(first.text) else None
        )
        if _labelled_paragraphs(blocks, [h for h in headings if h is not lone]):
            return _from_labelled_paragraphs(blocks, lone)
    deepest = max(b.level or 0 for b in headings)
    title = tops[0] if len(tops) == 1 and headings[0] is tops[0] and len(headings) > 1 else None
    units: list[Unit] = []
    stack: list[tuple[int, str]] = []
    current: Block | None = None
    body: list[Block] = []

    def close() -> None:
        if current is None:
            return
        number, heading = split_heading(current.text)
        text = _paragraphs(body) or heading or number or current.text
        units.append(Unit(text, number, heading, tuple(h for _, h in stack)))

    for block in blocks:
        level = block.level
        if level is None:
            if current is not None:
                body.append(block)
            continue
        provision = split_label(block.text) is not None if labelled else level == deepest
        if not provision and current is not None and level > (current.level or 0):
            body.append(Block(block.text))  # a sub-heading inside a provision
            continue
        close()
        current, body = None, []
        if provision:
            current = block
            while stack and stack[-1][0] >= level:
                stack.pop()
            continue
        if block is title:
            continue
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, " ".join(block.text.split())))
    close()
    if not units:
        raise NoProvisions("no provisions found: no heading or line starts with a label")
    return units


def _labelled_paragraphs(blocks: Sequence[Block], headings: Sequence[Block]) -> bool:
    """Whether the provisions are paragraphs that start with a worded label ("Статья 5.
    Цель"), under headings that carry none (chapters set as headings, articles typed as
    bold paragraphs, as many parliaments' Word files are): more such paragraphs than
    headings (the title aside), or only containers ("Глава 1") among the headings."""
    starts = sum(
        1 for b in blocks if b.level is None and not b.item and heading_label(b.text) is not None
    )
    return starts >= 2 and (starts > len(headings) or all(is_container(h.text) for h in headings))


def _from_labelled_paragraphs(blocks: Sequence[Block], title: Block | None) -> list[Unit]:
    """Provisions started by labelled paragraphs; headings are containers by level."""
    units: list[Unit] = []
    stack: list[tuple[int, str]] = []
    label: tuple[str, str] | None = None  # (number, heading or '')
    body: list[Block] = []

    def close() -> None:
        if label is not None:
            number, heading = label
            text = _paragraphs(body) or heading or number
            units.append(Unit(text, number, heading or None, tuple(h for _, h in stack)))

    for block in blocks:
        found = heading_label(block.text) if block.level is None and not block.item else None
        if block.level is not None:
            close()
            label, body = None, []
            if block is not title:
                while stack and stack[-1][0] >= block.level:
                    stack.pop()
                stack.append((block.level, " ".join(block.text.split())))
        elif found is not None:
            close()
            label, body = (found[0], found[2]), []
        elif label is not None:
            body.append(block)
    close()
    return units


def from_lines(lines: Sequence[str]) -> list[Unit]:
    """Plain text: a line that starts with a label ("Статья 5.", "§ 12", or a bare "1."
    when no line has a worded label) starts a provision; container lines set its path."""
    rows = [line.rstrip() for text in lines for line in text.splitlines()]
    worded = any(split_label(row) is not None for row in rows)
    units: list[Unit] = []
    path: list[tuple[str, str]] = []  # (container word, line)
    label: tuple[str, str] | None = None  # (number, heading or '')
    body: list[str] = []

    def close() -> None:
        if label is None:
            return
        paragraphs = "\n".join(body).strip()
        text = "\n\n".join(" ".join(p.split()) for p in paragraphs.split("\n\n") if p.strip())
        units.append(
            Unit(text or label[0], label[0], label[1] or None, tuple(line for _, line in path))
        )

    for row in rows:
        found = split_label(row, bare=not worded)
        if found is not None:
            close()
            if worded:
                label, body = (found[0], found[2]), []
            else:
                label, body = (found[0], ""), [found[2]]
            continue
        if is_container(row):
            close()
            label, body = None, []
            word = row.split()[0].lower()
            while any(w == word for w, _ in path):
                path.pop()
            path.append((word, " ".join(row.split())))
            continue
        if label is not None:
            body.append(row)
    close()
    if not units:
        raise NoProvisions("no provisions found: no line starts with a label")
    return units
