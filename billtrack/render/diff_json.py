"""The `json` diff reporter: the versioned contract of DESIGN.md section 3.

Document: {"schema": "billtrack/diff/1", "bill", "from": {"spec", "commit"}, "to",
"counts": {added, dropped, modified, renamed, unchanged}, "provisions": [...]}. Each
provision: id, status, previous_id and similarity (renamed only), changes, before and
after (the records as in the files, null when absent), redline (where the text changed
on both sides: a list of [op, text] for a plain-string text, an object of such lists by
language for a multilingual one; only the languages that changed), proposals, events.
`--stat` leaves out before, after and redline. Keys keep this order. The shape is
billtrack/schemas/diff-output.schema.json; a change to it is a new schema version.

Strings are the data exactly as in the files. JSON already escapes C0 controls; the
characters a terminal could still act on (DEL, C1 controls, bidi overrides, line
separators) are written as \\u escapes too, which decode to the same strings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TextIO

from billtrack.diff import ProvisionDiff, Segment
from billtrack.model import Provision
from billtrack.render.diff import DIFF_SCHEMA, DiffOptions, shown

if TYPE_CHECKING:
    from billtrack.versions import Comparison, Side

_TERMINAL_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _plain(value: Any) -> Any:
    """A loaded YAML value as JSON data (mappings and sequences copied, scalars kept)."""
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, str | bool | int | float):
        return value
    return str(value)


def record(provision: Provision | None) -> dict[str, Any] | None:
    """The provision as in its file; rebuilt from its fields when it was made in code."""
    if provision is None:
        return None
    if isinstance(provision.raw, dict) and provision.raw:
        # The loader's output is JSON data already (str keys; dict, list, str, None).
        return provision.raw
    if provision.raw:
        plain: dict[str, Any] = _plain(provision.raw)
        return plain
    rebuilt: dict[str, Any] = {"id": provision.id}
    for key in ("number", "heading"):
        if getattr(provision, key) is not None:
            rebuilt[key] = getattr(provision, key)
    rebuilt["text"] = _plain(provision.text)
    if provision.amends is not None:
        rebuilt["amends"] = provision.amends
    if provision.tags:
        rebuilt["tags"] = list(provision.tags)
    return rebuilt


def _segments(segments: tuple[Segment, ...]) -> list[list[str]]:
    return [[op, text] for op, text in segments if text]


def redline(item: ProvisionDiff) -> list[list[str]] | dict[str, list[list[str]]] | None:
    changed = {
        lang: segments
        for lang, segments in item.redlines.items()
        if any(op != "=" and text for op, text in segments)
    }
    if not changed or item.before is None or item.after is None:
        return None
    if set(changed) == {""}:
        return _segments(changed[""])
    return {lang: _segments(segments) for lang, segments in changed.items()}


def provision_document(item: ProvisionDiff, *, stat: bool) -> dict[str, Any]:
    document: dict[str, Any] = {"id": item.id, "status": item.status}
    if item.status == "renamed":
        document["previous_id"] = item.previous_id
        similarity = item.similarity
        document["similarity"] = None if similarity is None else round(similarity, 1)
    document["changes"] = list(item.changes)
    if not stat:
        document["before"] = record(item.before)
        document["after"] = record(item.after)
        lines = redline(item)
        if lines is not None:
            document["redline"] = lines
    document["proposals"] = list(item.proposals)
    document["events"] = list(item.events)
    return document


def _side(side: Side) -> dict[str, Any]:
    return {"spec": side.spec, "commit": side.commit}


def diff_document(comparison: Comparison, options: DiffOptions) -> dict[str, Any]:
    """The JSON document as Python data (what `diff --format json` writes)."""
    return {
        "schema": DIFF_SCHEMA,
        "bill": comparison.bill,
        "from": _side(comparison.old),
        "to": _side(comparison.new),
        "counts": dict(comparison.diff.counts()),
        "provisions": [
            provision_document(item, stat=options.stat) for item in shown(comparison, options)
        ],
    }


def _escape_unsafe(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def _dumps(value: Any, *, indent: int | None) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    # These characters can only occur inside JSON strings, where \uXXXX means the same.
    return _TERMINAL_UNSAFE.sub(_escape_unsafe, text)


def render_json(comparison: Comparison, out: TextIO, options: DiffOptions) -> None:
    """The document, indented, with each provision on one line: json's C encoder writes
    those (an indented dump runs in pure Python, a quarter of a second for 1,000
    changed provisions), and a provision a line still reads and greps well."""
    document = diff_document(comparison, options)
    provisions = document.pop("provisions")
    head = _dumps(document, indent=2)
    out.write(head[: head.rindex("}")].rstrip() + ',\n  "provisions": [')
    for n, provision in enumerate(provisions):
        out.write(("\n    " if n == 0 else ",\n    ") + _dumps(provision, indent=None))
    out.write("\n  ]\n}\n" if provisions else "]\n}\n")
