"""The sources a summary cites, numbered in the order the summary first cites them, so
each claim (a rationale, an event's account) can point at its footnotes. Never prints.
"""

from __future__ import annotations

from collections.abc import Iterable


class Sources:
    """Source entries in first-seen order, each once."""

    def __init__(self) -> None:
        self.seen: dict[str, None] = {}

    def add(self, entries: Iterable[str]) -> None:
        for entry in entries:
            entry = entry.strip()
            if entry:
                self.seen.setdefault(entry, None)

    def all(self) -> tuple[str, ...]:
        return tuple(self.seen)

    def numbers(self, entries: Iterable[str]) -> tuple[int, ...]:
        """The footnote numbers (1-based) of entries already added, in their order."""
        order = {entry: k for k, entry in enumerate(self.seen, start=1)}
        found = (order.get(entry.strip()) for entry in entries)
        return tuple(sorted({n for n in found if n is not None}))
