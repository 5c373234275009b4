"""Writing new records as YAML that reads back exactly, whatever the text.

Every string value is written double-quoted with JSON-compatible escapes, plus escapes
for the characters YAML may not hold raw, so `no`, `1.10`, `#`, `: ` or a newline inside
a value can never change its type or inject a key. Keys are billtrack's own field names.
Only billtrack's new files are written this way: a hand-written file is never rewritten.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

# Outside YAML's printable set: must be escaped inside a double-quoted scalar.
_NOT_PRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufeff\ufffe\uffff]"
)
_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


def quote(value: str) -> str:
    text = json.dumps(value, ensure_ascii=False)
    # U+2028/2029 are printable to YAML but break lines in many editors: escape them too.
    text = text.replace("\u2028", "\\L").replace("\u2029", "\\P")
    return _NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _key(key: str) -> str:
    return key if _PLAIN_KEY.match(key) else quote(key)


def _lines(value: Any, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(value, Mapping):
        if not value:
            return [pad + "{}"]
        out = []
        for key, item in value.items():
            if isinstance(item, (Mapping, list, tuple)) and item:
                out.append(f"{pad}{_key(key)}:")
                out.extend(_lines(item, indent + 2))
            else:
                out.append(f"{pad}{_key(key)}: {_scalar(item)}")
        return out
    if isinstance(value, (list, tuple)):
        if not value:
            return [pad + "[]"]
        out = []
        for item in value:
            if isinstance(item, Mapping) and item:
                inner = _lines(item, indent + 2)
                out.append(pad + "- " + inner[0][indent + 2 :])
                out.extend(inner[1:])
            elif isinstance(item, (list, tuple)) and item:
                out.append(pad + "-")
                out.extend(_lines(item, indent + 2))
            else:
                out.append(pad + "- " + _scalar(item))
        return out
    return [pad + _scalar(value)]


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, Mapping):
        return "{}"
    if isinstance(value, Sequence) and not isinstance(value, str):
        return "[]"
    return quote(str(value))


def dump(value: Any, *, header: Sequence[str] = ()) -> str:
    """A YAML document for `value` (mappings, lists and strings), with comment lines on top."""
    comments = [f"# {line}".rstrip() for line in header]
    return "\n".join([*comments, *_lines(value, 0)]) + "\n"
