"""The Word medium: the one writer of .docx files, whatever the report.

Built on python-docx. Text from the records is data: every string passes through
`xml_text`, which makes control characters visible (as every medium does) and replaces
the few characters XML 1.0 cannot hold, so no record can break the document. Tracked
changes are real Word revisions, `w:ins` and `w:del` elements around runs, which
python-docx has no API for: they are built here as lxml elements through python-docx's
oxml layer, never as concatenated markup, so reviewers can accept or reject each one.
Imported only when a docx report is asked for (python-docx and lxml are heavy).
"""

from __future__ import annotations

import itertools
import re
from typing import IO, TYPE_CHECKING, Literal

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from billtrack.render.text import clean

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph

# Not allowed in XML 1.0 even after clean(): surrogates and the two non-characters.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")

Revision = Literal["=", "-", "+"]


def xml_text(text: str) -> str:
    """Record text as a document may hold it, every character visible."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", clean(text))


def new_document(*, landscape: bool = False, lang: str = "") -> Document:
    """An empty document in a plain style; `lang` tags its text for spelling and fonts."""
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    if lang:
        rpr = normal.element.get_or_add_rPr()
        tag = OxmlElement("w:lang")
        tag.set(qn("w:val"), lang)
        rpr.append(tag)
    if landscape:
        section = document.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    return document


def header_text(document: Document, text: str) -> None:
    """A running header on every page."""
    document.sections[0].header.paragraphs[0].text = xml_text(text)


class Revisions:
    """Tracked changes by one author on one date, numbered uniquely in the document."""

    def __init__(self, author: str, date: str) -> None:
        self.author = xml_text(author)
        self.date = date  # ISO 8601, as w:date wants
        self._ids = itertools.count(1)

    def add(
        self,
        paragraph: Paragraph,
        op: Revision,
        text: str,
        *,
        bold: bool = False,
        date: str | None = None,
    ) -> None:
        """Append `text` to the paragraph: plain ("="), a deletion ("-") or an insertion
        ("+") Word shows as a tracked change (dated `date`, else the revisions' date)."""
        run = OxmlElement("w:r")
        if bold:
            rpr = OxmlElement("w:rPr")
            rpr.append(OxmlElement("w:b"))
            run.append(rpr)
        piece = OxmlElement("w:delText" if op == "-" else "w:t")
        piece.set(qn("xml:space"), "preserve")
        piece.text = xml_text(text)
        run.append(piece)
        if op == "=":
            paragraph._p.append(run)
            return
        change = OxmlElement("w:del" if op == "-" else "w:ins")
        change.set(qn("w:id"), str(next(self._ids)))
        change.set(qn("w:author"), self.author)
        change.set(qn("w:date"), date or self.date)
        change.append(run)
        paragraph._p.append(change)


def timestamp(date: str) -> str:
    """A record's date (YYYY, YYYY-MM or YYYY-MM-DD) as the timestamp w:date wants."""
    parts = [*date[:10].split("-"), "01", "01"][:3]
    return f"{parts[0]}-{parts[1]:0>2}-{parts[2]:0>2}T00:00:00Z"


def cell_text(cell: _Cell, text: str, *, bold: bool = False) -> None:
    """A table cell holding `text` (record text made safe)."""
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(xml_text(text))
    run.bold = bold


def save(document: Document, out: IO[bytes]) -> None:
    document.save(out)
