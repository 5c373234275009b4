"""`billtrack text --format docx`: a Word document (python-docx), heading styles for the
containers and provisions, so that `billtrack import` reads it back. Bytes, not text:
written only to a file."""

from __future__ import annotations

import io

from billtrack.render.bill.view import BillText, container_changes, heading_line
from billtrack.render.text import clean

# XML 1.0 cannot hold most control characters: shown as U+FFFD, never a broken file.
_XML_BAD = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)], 0xFFFD)


def _safe(text: str) -> str:
    return clean(text).translate(_XML_BAD)


def render_bytes(view: BillText) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(_safe(view.bill.title), level=1)
    document.add_paragraph(_safe(f"Version: {view.version}"))
    depth = max((len(e.path) for e in view.entries), default=0)
    previous: tuple[str, ...] = ()
    for entry in view.entries:
        for level, heading in container_changes(previous, entry.path):
            document.add_heading(_safe(heading), level=min(9, 2 + level))
        previous = entry.path
        document.add_heading(_safe(heading_line(entry)), level=min(9, 2 + depth))
        for paragraph in entry.text.split("\n\n"):
            if paragraph.strip():
                document.add_paragraph(_safe(paragraph))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
