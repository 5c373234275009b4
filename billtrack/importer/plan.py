"""The provisions a bill will hold once a text is imported: each unit of the document,
under the id of the provision it was matched with (its other fields, `amends`, `tags`
and `x-` extensions, kept), or under a new id derived from its heading or number.

Pure: takes the bill and the units, returns the records and how each was matched.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from billtrack.errors import UsageError
from billtrack.importer.matching import How, Pair, Side, match
from billtrack.importer.numbering import core
from billtrack.importer.units import Unit
from billtrack.model import Bill, Provision
from billtrack.record.ids import slugify, unique_among
from billtrack.suggest import did_you_mean


@dataclass(frozen=True, slots=True)
class Row:
    """How one provision of the new text was matched, for the preview."""

    id: str
    number: str | None
    heading: str | None
    how: How | None  # None: a new provision
    confidence: float | None
    old_number: str | None = None


@dataclass(frozen=True, slots=True)
class ImportPlan:
    records: tuple[dict[str, Any], ...]
    rows: tuple[Row, ...]
    dropped: tuple[str, ...]  # ids of the bill's provisions the new text does not hold

    @property
    def unchanged(self) -> bool:
        return not self.dropped and all(r.how == "unchanged" for r in self.rows)


def text_in(provision: Provision, language: str | None) -> str:
    """The provision's text in `language` (or its first one)."""
    texts = provision.texts()
    if language and language in texts:
        return texts[language]
    return next(iter(texts.values()))


def _forced(units: Sequence[Unit], bill: Bill, overrides: Sequence[str]) -> dict[int, str]:
    """`--map OLD=NEW` pairs: OLD a provision id, NEW a number of the new text."""
    forced: dict[int, str] = {}
    ids = [p.id for p in bill.provisions]
    for override in overrides:
        old_id, sep, number = override.partition("=")
        old_id, number = old_id.strip(), number.strip()
        if not sep or not old_id or not number:
            raise UsageError(f"--map takes OLD=NEW (a provision id = a number), not {override!r}")
        if old_id not in ids:
            raise UsageError(
                f"--map: no provision {old_id!r} in the bill{did_you_mean(old_id, ids)}"
            )
        wanted = core(number)
        hits = [j for j, u in enumerate(units) if u.number == number or core(u.number) == wanted]
        if len(hits) != 1:
            numbers = [u.number for u in units if u.number]
            what = "no provision" if not hits else "more than one provision"
            raise UsageError(
                f"--map: {what} numbered {number!r} in the new text{did_you_mean(number, numbers)}"
            )
        forced[hits[0]] = old_id
    return forced


def plan_import(
    bill: Bill, units: Sequence[Unit], *, language: str | None = None, overrides: Sequence[str] = ()
) -> ImportPlan:
    language = language or bill.language
    old = [Side(p.id, text_in(p, language), p.number, p.heading, None) for p in bill.provisions]
    new = [Side(str(j), u.text, u.number, u.heading, u.evidence) for j, u in enumerate(units)]
    pairs: Mapping[int, Pair] = match(old, new, forced=_forced(units, bill, overrides))
    taken = {p.id.lower() for p in bill.provisions}
    records: list[dict[str, Any]] = []
    rows: list[Row] = []
    kept: set[str] = set()
    by_id = {p.id: p for p in bill.provisions}
    for j, unit in enumerate(units):
        pair = pairs.get(j)
        before = by_id.get(pair.old) if pair is not None else None
        if pair is not None and before is not None:
            record = _updated(dict(before.raw), unit, language)
            kept.add(before.id)
            rows.append(
                Row(before.id, unit.number, unit.heading, pair.how, pair.confidence, before.number)
            )
        else:
            slug = slugify(unit.heading or "") or slugify(unit.number or "") or "provision"
            new_id = unique_among(slug, taken)
            taken.add(new_id.lower())
            record = _updated({"id": new_id}, unit, language)
            rows.append(Row(new_id, unit.number, unit.heading, None, None))
        records.append(record)
    dropped = tuple(p.id for p in bill.provisions if p.id not in kept)
    return ImportPlan(tuple(records), tuple(rows), dropped)


_ORDER = ("id", "number", "heading", "text", "path")


def _updated(record: dict[str, Any], unit: Unit, language: str | None) -> dict[str, Any]:
    """`record` with the unit's number, heading, text and path; other fields kept. A
    text in several languages keeps its other languages."""
    values: dict[str, Any] = {
        "number": unit.number,
        "heading": unit.heading,
        "path": list(unit.path) or None,
    }
    text = record.get("text")
    if isinstance(text, Mapping) and language and len(text) > 1:
        values["text"] = {**text, language: unit.text}
    elif isinstance(text, Mapping) and language in text:
        values["text"] = {language: unit.text}
    else:
        values["text"] = unit.text
    out: dict[str, Any] = {}
    for key in _ORDER:
        if key in record or values.get(key) is not None:
            value = record[key] if key == "id" else values[key]
            if value is not None:
                out[key] = value
    for key, value in record.items():
        if key not in out and key not in values:
            out[key] = value
    # Keep the record's own key order where it had the keys.
    order = [k for k in record if k in out] + [k for k in out if k not in record]
    return {k: out[k] for k in order}
