"""Rules over one loaded document that passed its schema: values other tools misread,
and dates the calendar does not have."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from billtrack import dates
from billtrack.problems import Problem
from billtrack.store.yamlio import Document
from billtrack.validate.context import Context
from billtrack.validate.registry import problem, rule

# The key holding each kind's own date (the schema checks its form, not the calendar).
_DATE_KEY = {"bill": "introduced", "event": "date", "proposal": "date"}


@rule("yaml-ambiguous", scope="document")
def ambiguous_scalars(ctx: Context, doc: Document, kind: str) -> Iterator[Problem]:
    """A plain value billtrack reads as a string but YAML 1.1 or 1.2 tools read as a
    number, boolean or date: quote it so that every tool agrees (x- keys exempt)."""
    for path, what in doc.ambiguous.items():
        if any(isinstance(p, str) and p.startswith("x-") for p in path):
            continue
        value = _get(doc.data, path)
        yield problem(
            doc.path,
            doc.pos(path),
            "yaml-ambiguous",
            f"{value} reads as a string here but as {what} in other YAML tools; "
            f'quote it: "{value}"',
        )


@rule("date-invalid", scope="document")
def calendar_dates(ctx: Context, doc: Document, kind: str) -> Iterator[Problem]:
    """A record's date of the right form must also be a day of the calendar (the
    schema's pattern cannot know that February has no 30th)."""
    key = _DATE_KEY.get(kind)
    if key is None or not isinstance(doc.data, dict):
        return
    value = doc.data.get(key)
    if isinstance(value, str):
        try:
            dates.parse(value)
        except dates.DateError as exc:
            yield problem(doc.path, doc.pos((key,)), "date-invalid", str(exc))


def _get(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        data = data[part]
    return data
