"""JSON as an output medium: the one writer of every JSON document billtrack prints.

Strings are the data exactly as in the files. JSON escapes C0 controls by itself; the
characters a terminal or an editor could still act on when the document is shown (DEL,
C1 controls, the line and paragraph separators, bidi overrides and isolates, and the
zero-width characters and marks of billtrack.render.INVISIBLE) are
written as \\u escapes too, which decode to the same strings. A reporter builds its
document as plain data and hands it here; it never calls `json.dump` itself.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from billtrack.render import INVISIBLE

_TERMINAL_UNSAFE = re.compile(f"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069{INVISIBLE}]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def dumps(value: Any, *, indent: int | None = 2) -> str:
    """The value as JSON text, unsafe characters escaped."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    # These characters can only occur inside JSON strings, where \uXXXX means the same.
    return _TERMINAL_UNSAFE.sub(_escape, text)


def write(document: Mapping[str, Any], out: TextIO) -> None:
    """The document, indented, and a final newline."""
    out.write(dumps(document) + "\n")


def write_with_items(
    document: Mapping[str, Any], key: str, items: Sequence[Any], out: TextIO
) -> None:
    """The document indented, with the list under `key` (its last key) one item a line.

    json's C encoder writes an item on one line (an indented dump runs in pure Python, a
    quarter of a second for 1,000 changed provisions), and an item a line still reads
    and greps well."""
    head = dumps(document)
    out.write(head[: head.rindex("}")].rstrip() + f",\n  {dumps(key)}: [")
    for n, item in enumerate(items):
        out.write(("\n    " if n == 0 else ",\n    ") + dumps(item, indent=None))
    out.write("\n  ]\n}\n" if items else "]\n}\n")
