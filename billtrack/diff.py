"""The provision diff and the word-level redline: pure functions over the model.

Provisions are matched by id. A provision present on both sides may differ in its
text (per language), heading, number, position (moved relative to the others, from the
longest common subsequence of the shared ids), amends or tags. A dropped and an added
provision whose texts are nearly the same are one renamed provision (like git's rename
detection). This module imports neither git, Typer nor rich, and never prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from billtrack.model import Bill, Event, Proposal, Provision

Status = Literal["added", "dropped", "modified", "renamed", "unchanged"]
Change = Literal["text", "heading", "number", "position", "amends", "tags"]
CHANGE_ORDER: tuple[Change, ...] = ("text", "heading", "number", "position", "amends", "tags")
STATUSES: tuple[Status, ...] = ("added", "dropped", "modified", "renamed", "unchanged")

# One redline segment: "=" kept, "-" deleted, "+" inserted; the text includes its spacing.
Op = Literal["=", "-", "+"]
Segment = tuple[Op, str]

DEFAULT_RENAME_THRESHOLD = 80


@dataclass(frozen=True, slots=True)
class ProvisionDiff:
    """What happened to one provision between two versions."""

    id: str
    status: Status
    before: Provision | None
    after: Provision | None
    changes: tuple[Change, ...] = ()
    previous_id: str | None = None
    # Redline of the text, by language ("" for a plain-string text). Only for text that
    # exists on both sides; wholly new or deleted text is shown whole, from before/after.
    redlines: Mapping[str, tuple[Segment, ...]] = field(default_factory=dict)
    similarity: float | None = None  # renamed: how alike the texts are, 0-100
    proposals: tuple[str, ...] = ()  # ids of proposals decided in the window about it
    events: tuple[str, ...] = ()  # ids of events in the window that name it


@dataclass(frozen=True, slots=True)
class BillDiff:
    """A provision-by-provision comparison of two versions of one bill."""

    bill: str
    provisions: tuple[ProvisionDiff, ...]  # in the newer version's order, dropped ones in place

    def counts(self) -> dict[Status, int]:
        counts: dict[Status, int] = dict.fromkeys(STATUSES, 0)
        for item in self.provisions:
            counts[item.status] += 1
        return counts

    @property
    def changed(self) -> bool:
        return any(item.status != "unchanged" for item in self.provisions)


def diff_bills(
    old: Bill | None,
    new: Bill | None,
    *,
    rename_threshold: int | None = DEFAULT_RENAME_THRESHOLD,
) -> BillDiff:
    """Compare two versions of a bill; None stands for "the bill does not exist there"."""
    raise NotImplementedError


def redline(old: str, new: str) -> tuple[Segment, ...]:
    """A word-level redline of two texts; whitespace-only differences are not changes."""
    raise NotImplementedError


def attribute(
    diff: BillDiff,
    *,
    proposals: list[Proposal],
    events: list[Event],
    window: tuple[str | None, str | None],
) -> BillDiff:
    """The same diff with each changed provision's proposals and events filled in."""
    raise NotImplementedError


def _unused(_: Any) -> None:
    return None
