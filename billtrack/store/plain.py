"""The caches' contents as plain data: JSON of what the records hold, never code.

A cache entry under .git/billtrack/ is read by every read command, so it must not be
able to run anything when read (a pickle can: a planted entry would run on `billtrack
diff`). Entries are JSON, and every object is rebuilt here by its builder from the data
a YAML file gives (mappings, lists, strings, None) or from plain tuples of values: a
bill is its record (rebuilt by build_bill, exactly as a parse builds it), a diff is
its provisions' records, statuses, changes and redline segments.

Decoding a damaged or foreign entry raises ValueError: the caller takes it as a miss.
This module never prints and never touches the disk.
"""

from __future__ import annotations

import base64
import json
import sys
from array import array
from collections.abc import Mapping
from typing import Any, cast

from billtrack.diff import STATUSES, BillDiff, ProvisionDiff
from billtrack.model import Bill, Provision
from billtrack.problems import Problem
from billtrack.store.records import build_bill
from billtrack.store.yamlio import Document

_OPS = frozenset({"=", "-", "+"})
_CHANGES = frozenset({"text", "heading", "number", "position", "amends", "tags"})


def dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def loads(data: bytes) -> Any:
    """JSON; ValueError (json's own, or for bytes that are not UTF-8) when it is not."""
    return json.loads(data.decode("utf-8"))


def bill_to_plain(bill: Bill) -> Any:
    return bill.raw


def bill_from_plain(data: Any, shown: str = "(cache)") -> Bill:
    try:
        return build_bill(Document(shown, data))
    except Exception as exc:
        raise ValueError(f"not a cached bill: {exc}") from None


def _provision(raw: Any) -> Provision | None:
    """A provision from its record, as build_provision builds a valid one (without its
    Document and error paths: a warm diff rebuilds a thousand of these)."""
    if raw is None:
        return None
    text = raw["text"]
    if isinstance(text, dict):
        text = dict(text)
    elif not isinstance(text, str):
        raise ValueError("a cached provision's text is neither a string nor a mapping")
    get = raw.get
    number, heading, amends, tags = get("number"), get("heading"), get("amends"), get("tags")
    return Provision(
        _str(raw["id"]),
        text,
        number if isinstance(number, str) else None,
        heading if isinstance(heading, str) else None,
        amends if isinstance(amends, str) else None,
        tuple(tags) if isinstance(tags, list) else (),
        raw,
    )


def diff_to_plain(diff: BillDiff, language: str | None) -> Any:
    return {
        "bill": diff.bill,
        "unlisted": diff.unlisted,
        "language": language,
        # The bill's own changes: (field, old, new), the values as YAML gave them.
        "bill_changes": [list(change) for change in diff.bill_changes],
        "provisions": [
            [
                item.id,
                item.status,
                item.before.raw if item.before else None,
                item.after.raw if item.after else None,
                list(item.changes),
                item.previous_id,
                {lang: [list(s) for s in segments] for lang, segments in item.redlines.items()},
                item.similarity,
                list(item.proposals),
                list(item.events),
            ]
            for item in diff.provisions
        ],
    }


def diff_from_plain(data: Any) -> tuple[BillDiff, str | None]:
    """The diff and the bill's language; ValueError when `data` is not one."""
    try:
        items = []
        for row in data["provisions"]:
            pid, status, before, after, changes, previous, redlines, similarity, props, evs = row
            if status not in STATUSES or not set(changes) <= _CHANGES:
                raise ValueError(f"unknown status or change in {row!r}")
            segments = {str(lang): tuple(map(_segment, run)) for lang, run in redlines.items()}
            items.append(
                ProvisionDiff(
                    id=_str(pid),
                    status=status,
                    before=_provision(before),
                    after=_provision(after),
                    changes=tuple(changes),
                    previous_id=None if previous is None else _str(previous),
                    redlines=segments,
                    similarity=None if similarity is None else float(similarity),
                    proposals=tuple(map(_str, props)),
                    events=tuple(map(_str, evs)),
                )
            )
        language = data["language"]
        bill_changes = tuple((_str(f), old, new) for f, old, new in data["bill_changes"])
        diff = BillDiff(_str(data["bill"]), tuple(items), int(data["unlisted"]), bill_changes)
        return diff, None if language is None else _str(language)
    except ValueError:
        raise
    except Exception as exc:
        raise ValueError(f"not a cached diff: {exc!r}") from None


def pack_records(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Records (mappings of YAML values) with each string stored once: a key or a string
    value is an index into one table, any other value (a mapping, a list, None) is kept
    as JSON inside a one-item list. A renumbering wave repeats every later provision's
    text in a new record: stored once, the history benchmark's cache is 5 MB, not 16,
    and its warm run reads it in half the memory."""
    table: dict[str, int] = {}
    index = table.setdefault
    rows = []
    for record in records:
        row: list[Any] = []
        for key, value in record.items():
            row.append(index(key, len(table)))
            row.append(index(value, len(table)) if type(value) is str else [value])
        rows.append(row)
    return {"strings": list(table), "rows": rows}


def unpack_records(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The records `pack_records` stored; raises (anything) when `data` is not that."""
    strings = data["strings"]
    if not all(type(item) is str for item in strings):
        raise ValueError("a string table holding something else")
    records = []
    for row in data["rows"]:
        pairs = zip(row[::2], row[1::2], strict=True)
        records.append({strings[k]: strings[v] if type(v) is int else v[0] for k, v in pairs})
    return records


def pack_indices(indices: array[int]) -> str:
    """An array of unsigned 32-bit indices as base64 of its little-endian bytes: a JSON
    list of half a million integers takes ten times as long to read."""
    if sys.byteorder != "little":
        indices = array("I", indices)
        indices.byteswap()
    return base64.b64encode(indices.tobytes()).decode("ascii")


def unpack_indices(text: str) -> array[int]:
    rows = array("I")
    if rows.itemsize != 4:
        raise ValueError("no 32-bit unsigned array on this platform")
    rows.frombytes(base64.b64decode(text, validate=True))
    if sys.byteorder != "little":
        rows.byteswap()
    return rows


def problem_to_plain(problem: Problem) -> Any:
    return problem.as_dict()


def problem_from_plain(data: Mapping[str, Any]) -> Problem:
    level = data["level"]
    if level not in ("error", "warning"):
        raise ValueError(f"unknown level {level!r}")
    return Problem(
        _str(data["path"]),
        int(data["line"]),
        int(data["column"]),
        level,
        _str(data["code"]),
        _str(data["message"]),
    )


def _segment(value: Any) -> tuple[Any, str]:
    op, text = value
    if op not in _OPS or not isinstance(text, str):
        raise ValueError(f"not a redline segment: {value!r}")
    return cast(Any, op), text


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, found {type(value).__name__}")
    return value
