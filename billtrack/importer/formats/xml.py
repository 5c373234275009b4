"""Akoma Ntoso and USLM, parsed safely: defusedxml refuses DTDs with entities, external
entities and entity expansion outright, so no file can make billtrack fetch anything
or blow up in memory.

Akoma Ntoso: the provisions are the `article`s (the `section`s where there are none),
each with its `num`, `heading` and text; the hierarchy above them (part, chapter,
section...) is the path; an `eId` or `GUID` is kept as evidence, never required.
USLM: the provisions are the `section`s; a reported bill's `changed="deleted"` and
`changed="added"` markup gives the two versions (`side`), as do `<del>`/`<ins>`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from billtrack.importer.formats import FormatError, Side
from billtrack.importer.units import Unit

_AKN_CONTAINERS = frozenset(
    {"book", "part", "title", "subtitle", "chapter", "subchapter", "section", "subsection",
     "division", "subdivision", "tome"}
)  # fmt: skip
_USLM_CONTAINERS = frozenset(
    {"title", "subtitle", "division", "subdivision", "part", "subpart", "chapter", "subchapter"}
)
_BLOCKS = frozenset({"p", "content", "chapeau", "continuation", "paragraph", "subsection",
                     "clause", "subclause", "item", "point", "list", "intro", "wrapUp",
                     "subparagraph", "alinea", "proviso"})  # fmt: skip


def _local(tag: Any) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _parse(data: bytes) -> Any:
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        return fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise FormatError(f"refused: {exc} (entities are not allowed)") from None
    except ParseError as exc:
        raise FormatError(f"not well-formed XML: {exc}") from None


def _kept(element: Any, side: Side) -> bool:
    changed = element.get("changed")
    if side == "new":
        return changed != "deleted" and _local(element.tag) != "del"
    return changed != "added" and _local(element.tag) != "ins"


def _text(element: Any, side: Side, skip: frozenset[str]) -> str:
    """The text of `element`, a line per block, leaving out the children named in `skip`."""
    lines: list[list[str]] = [[]]
    numbered: set[int] = set()  # lines holding only a number so far

    def walk(node: Any) -> None:
        if not _kept(node, side):
            if node.tail:
                lines[-1].append(node.tail)
            return
        block = _local(node.tag) in _BLOCKS
        if block and lines[-1] and len(lines) - 1 not in numbered:
            lines.append([])
        if _local(node.tag) == "num":
            # A point's number begins the line of the text that follows it.
            if lines[-1]:
                lines.append([])
            lines[-1].append("".join(_kept_text(node, side)).strip() + " ")
            numbered.add(len(lines) - 1)
            if node.tail:
                lines[-1].append(node.tail)
            return
        if node.text:
            lines[-1].append(node.text)
            if node.text.strip():
                numbered.discard(len(lines) - 1)
        for child in node:
            walk(child)
        if block:
            lines.append([])
        if node.tail:
            lines[-1].append(node.tail)

    lines[-1].append(element.text or "")
    for child in element:
        if _local(child.tag) in skip:
            if child.tail:
                lines[-1].append(child.tail)
            continue
        walk(child)
    out = (" ".join("".join(parts).split()) for parts in lines)
    return "\n".join(line for line in out if line)


def _child(element: Any, name: str, side: Side) -> str | None:
    for child in element:
        if _local(child.tag) == name and _kept(child, side):
            text = " ".join("".join(_kept_text(child, side)).split())
            return text.rstrip(" .") if name == "num" else text or None
    return None


def _kept_text(element: Any, side: Side) -> Iterator[str]:
    if element.text:
        yield element.text
    for child in element:
        if _kept(child, side):
            yield from _kept_text(child, side)
        if child.tail:
            yield child.tail


def _units(
    root: Any, unit: str, containers: frozenset[str], side: Side, evidence: tuple[str, ...]
) -> list[Unit]:
    units: list[Unit] = []

    def walk(node: Any, path: tuple[str, ...]) -> None:
        for child in node:
            if not _kept(child, side):
                continue
            name = _local(child.tag)
            if name == unit:
                number, heading = _child(child, "num", side), _child(child, "heading", side)
                text = _text(child, side, frozenset({"num", "heading"}))
                found = next((child.get(a) for a in evidence if child.get(a)), None)
                units.append(Unit(text or heading or number or "—", number, heading, path, found))
            elif name in containers:
                label = " ".join(
                    x for x in (_child(child, "num", side), _child(child, "heading", side)) if x
                )
                walk(child, (*path, label) if label else path)
            else:
                walk(child, path)

    walk(root, ())
    return units


def read_akn(data: bytes) -> list[Unit]:
    root = _parse(data)
    has_articles = any(_local(e.tag) == "article" for e in root.iter())
    unit = "article" if has_articles else "section"
    containers = _AKN_CONTAINERS - {unit}
    units = _units(root, unit, containers, "new", ("eId", "GUID", "id"))
    if not units:
        raise FormatError("no provisions found: no <article> or <section> in the document")
    return units


def read_uslm(data: bytes, *, side: Side = "new") -> list[Unit]:
    root = _parse(data)
    units = _units(root, "section", _USLM_CONTAINERS, side, ("identifier", "id"))
    if not units:
        raise FormatError("no provisions found: no <section> in the document")
    return units
