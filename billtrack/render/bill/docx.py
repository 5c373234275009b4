"""`billtrack text --format docx`: a Word document (python-docx), heading styles for the
containers and provisions, so that `billtrack import` reads it back. Bytes, not text:
written only to a file."""

from __future__ import annotations

from typing import IO

from billtrack.render.bill.view import BillText, container_changes, heading_line
from billtrack.render.docx import new_document, save, xml_text


def render(view: BillText, out: IO[bytes]) -> None:
    document = new_document(lang=view.language or view.bill.language)
    document.add_heading(xml_text(view.title), level=1)
    document.add_paragraph(xml_text(view.version_text))
    depth = max((len(e.path) for e in view.entries), default=0)
    previous: tuple[str, ...] = ()
    for entry in view.entries:
        for level, heading in container_changes(previous, entry.path):
            document.add_heading(xml_text(heading), level=min(9, 2 + level))
        previous = entry.path
        document.add_heading(xml_text(heading_line(entry)), level=min(9, 2 + depth))
        for paragraph in entry.text.split("\n\n"):
            if paragraph.strip():
                document.add_paragraph(xml_text(paragraph))
    save(document, out)
