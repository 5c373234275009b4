"""DOCX through python-docx: heading styles ("Heading 1".."Heading 9", "Title") give
the structure, list paragraphs (Word numbering) join the paragraph before them, and
the labels Word's numbering shows ("Статья 5.", "1)", `wordlists`) start their text as
a typed label would. python-docx is imported only here, when a DOCX is read."""

from __future__ import annotations

import io
import re
from typing import Any

from billtrack.importer.formats import FormatError
from billtrack.importer.numbering import split_label
from billtrack.importer.units import Block, NoProvisions, Unit, from_blocks

_HEADING_STYLE = re.compile(r"^(?:heading|заголовок|überschrift|titre)\s*(\d)$", re.IGNORECASE)


def docx_blocks(data: bytes) -> list[Block]:
    import zipfile

    import docx

    from billtrack.importer.formats.wordlists import list_labels

    try:
        document = docx.Document(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise FormatError("not a Word document (.docx): not a zip archive") from None
    except Exception as exc:
        # python-docx and lxml raise many kinds of error for a damaged package (missing
        # parts, bad XML, wrong content types): each is a document billtrack cannot read.
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise FormatError(f"not a readable Word document (.docx): {reason}") from None
    labels = list_labels(
        document.element.body, _root(document, "numbering"), _root(document, "styles")
    )
    blocks: list[Block] = []
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if labels is None:  # numbering that cannot be read: no labels, lists as marked
            numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
        else:
            label = labels.get(paragraph._p)
            numbered = label is not None
            text = _labelled(label, text) if label else text
        if not text:
            continue
        style = paragraph.style.name if paragraph.style is not None else ""
        style = style or ""
        level = None
        if (match := _HEADING_STYLE.match(style)) is not None:
            level = int(match.group(1))
        item = level is None and (numbered or style.lower().startswith("list"))
        blocks.append(Block(text, level, item=item))
    return blocks


def _root(document: Any, part: str) -> Any | None:
    """The root element of the document's numbering or styles part, if it has one."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.part import XmlPart

    reltype = RT.NUMBERING if part == "numbering" else RT.STYLES
    try:
        found = document.part.part_related_by(reltype)
    except (KeyError, ValueError):
        return None
    return found.element if isinstance(found, XmlPart) else None


def _labelled(label: str, text: str) -> str:
    """The paragraph as Word shows it: its number's label, then its text. A text that
    already starts with a label of the same kind ("1)" typed in a numbered "1." list, a
    list style put over typed numbers) keeps only its own: Word shows both, and the typed
    one is the number its author wrote."""
    kind = _kind(label)
    if text and kind is not None and kind == _kind(text):
        return text
    return (label + text).strip()


def _kind(line: str) -> str | None:
    """The word of a label ("статья", "§"; "" for a bare number), None for no label."""
    found = split_label(line, bare=True)
    if found is None:
        return None
    return found[0].partition(found[1])[0].strip().lower()


def read_docx(data: bytes) -> list[Unit]:
    try:
        return from_blocks(docx_blocks(data))
    except NoProvisions as exc:
        raise FormatError(str(exc)) from None
