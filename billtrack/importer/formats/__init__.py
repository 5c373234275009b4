"""The readers of each document format: bytes in, provisions (`Unit`s) out.

`read(data, fmt)` picks the reader; `guess(name)` the format from a file name. A reader
never touches the network or the file system, and turns every way its input can be
malformed into a FormatError.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Literal

from billtrack.importer.units import Unit

Format = Literal["markdown", "text", "docx", "html", "akn", "uslm"]
FORMATS: tuple[Format, ...] = ("markdown", "text", "docx", "html", "akn", "uslm")
Side = Literal["new", "old"]

_READERS: dict[Format, str] = {
    "markdown": "markup:read_markdown",
    "text": "markup:read_text",
    "html": "markup:read_html",
    "docx": "office:read_docx",
    "akn": "xml:read_akn",
    "uslm": "xml:read_uslm",
}
_SUFFIXES: dict[str, Format] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".text": "text",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".akn": "akn",
}


class FormatError(ValueError):
    """The document cannot be read as the format it was given as."""


def guess(name: str, data: bytes) -> Format | None:
    """The format a file's name (or, for XML, its root element) says it is."""
    lowered = name.lower()
    for suffix, fmt in _SUFFIXES.items():
        if lowered.endswith(suffix):
            return fmt
    if lowered.endswith(".xml"):
        head = data[:2000]
        if b"akomaNtoso" in head:
            return "akn"
        if b"uslm" in head.lower():
            return "uslm"
    return None


def read(data: bytes, fmt: Format, *, side: Side = "new") -> list[Unit]:
    """The provisions of a document (for USLM, of its `side`: the reported text or the
    one it amends)."""
    module, _, name = _READERS[fmt].partition(":")
    reader: Callable[..., list[Unit]] = getattr(
        importlib.import_module(f"billtrack.importer.formats.{module}"), name
    )
    return reader(data, side=side) if fmt == "uslm" else reader(data)


def decode(data: bytes) -> str:
    """UTF-8 text (a BOM allowed), or a FormatError."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(f"not UTF-8 text (byte {exc.start})") from None
