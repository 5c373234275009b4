"""Writing new records as YAML that reads back exactly, whatever the text.

Every string value is written double-quoted with JSON-compatible escapes, plus escapes
for the characters YAML may not hold raw or reads as line breaks (NEL, LS, PS), so `no`,
`1.10`, `#`, `: ` or a newline inside a value can never change its type or inject a key.
A multi-line value of a mapping key is written as a literal block (`|`) when, and only
when, that block has been parsed back to exactly the same string; otherwise it is quoted.
Keys are billtrack's own field names. Only billtrack's new files (and the entries it
appends to parties.yaml) are written this way: a hand-written file is never rewritten.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from billtrack.problems import ProblemError
from billtrack.store.yamlio import load

# Outside YAML's printable set: must be escaped inside a double-quoted scalar.
_NOT_PRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufeff\ufffe\uffff]"
)
# Characters a literal block cannot hold as they are: anything that needs an escape,
# carriage returns and the characters YAML 1.1 (libyaml) reads as line breaks.
_NOT_IN_BLOCK = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
)
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
# Literal blocks only for values worth reading as text; longer ones are always fine.
_BLOCK_MAX = 100_000


def quote(value: str) -> str:
    """`value` as a double-quoted YAML scalar that reads back as exactly `value`."""
    text = json.dumps(value, ensure_ascii=False)
    # NEL, LS and PS are printable to YAML but read as line breaks (folded to a space or
    # a newline) inside a quoted scalar, and break lines in many editors: escape them.
    text = text.replace("\x85", "\\N").replace("\u2028", "\\L").replace("\u2029", "\\P")
    return _NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# Plain names that YAML tools read as something else (null, booleans) are quoted too.
_TYPED_KEYS = frozenset({"null", "true", "false", "yes", "no", "on", "off", "y", "n"})


def _key(key: str) -> str:
    # fullmatch: `$` would also match before a final newline ("a\n" is not a plain name).
    if _PLAIN_KEY.fullmatch(key) and key.lower() not in _TYPED_KEYS:
        return key
    return quote(key)


def literal_block(value: str) -> list[str] | None:
    """The lines of `value` as a literal block scalar (header first, content indented by
    2 relative to the key), or None when a block could not hold it exactly.

    The block is proved, not assumed: it is parsed with billtrack's own loader and used
    only when that gives back exactly `value`.
    """
    if "\n" not in value or len(value) > _BLOCK_MAX or _NOT_IN_BLOCK.search(value):
        return None
    body = value.rstrip("\n")
    if not body.strip():
        return None
    trailing = len(value) - len(body)
    chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
    lines = body.split("\n") + [""] * (trailing - 1 if trailing > 1 else 0)
    # An explicit indentation indicator only where the first line would mislead the
    # parser's guess (it starts with a space, or the value with empty lines).
    header = f"|2{chomp}" if body.startswith((" ", "\n")) else f"|{chomp}"
    content = [("  " + line) if line else "" for line in lines]
    if not _reads_back(header, content, value):
        return None
    return [header, *content]


def _reads_back(header: str, content: list[str], value: str) -> bool:
    probe = "\n".join([f"k: {header}", *content, "z: end"]) + "\n"
    try:
        data = load(probe.encode("utf-8"), "<literal block>", positions=False).data
    except ProblemError:
        return False
    return isinstance(data, dict) and data == {"k": value, "z": "end"}


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
            elif isinstance(item, str) and (block := literal_block(item)) is not None:
                out.append(f"{pad}{_key(key)}: {block[0]}")
                out.extend((pad + line) if line else "" for line in block[1:])
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
