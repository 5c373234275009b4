"""DOCX through python-docx: heading styles ("Heading 1".."Heading 9", "Title") give
the structure, list paragraphs (Word numbering) join the paragraph before them.
python-docx is imported only here, when a DOCX is read."""

from __future__ import annotations

import io
import re

from billtrack.importer.formats import FormatError
from billtrack.importer.units import Block, NoProvisions, Unit, from_blocks

_HEADING_STYLE = re.compile(r"^(?:heading|заголовок|überschrift|titre)\s*(\d)$", re.IGNORECASE)


def docx_blocks(data: bytes) -> list[Block]:
    import zipfile

    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise FormatError("not a Word document (.docx): not a zip archive") from None
    except Exception as exc:
        # python-docx and lxml raise many kinds of error for a damaged package (missing
        # parts, bad XML, wrong content types): each is a document billtrack cannot read.
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise FormatError(f"not a readable Word document (.docx): {reason}") from None
    blocks: list[Block] = []
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        style = paragraph.style.name if paragraph.style is not None else ""
        style = style or ""
        level = None
        if (match := _HEADING_STYLE.match(style)) is not None:
            level = int(match.group(1))
        numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
        item = level is None and (numbered or style.lower().startswith("list"))
        blocks.append(Block(text, level, item=item))
    return blocks


def read_docx(data: bytes) -> list[Unit]:
    try:
        return from_blocks(docx_blocks(data))
    except NoProvisions as exc:
        raise FormatError(str(exc)) from None
