"""Versions of a bill: resolving what the user names (WORKTREE, a stage, an event id,
@DATE, a git revision, rev:REV) to a commit, and reading the bill as it was there.

Reading a version costs one blob read and one parse, and a parse is cached by blob id
under .git/ (blobs never change, so the cache never goes stale).
"""

from __future__ import annotations

from dataclasses import dataclass

from billtrack.diff import BillDiff

WORKTREE = "WORKTREE"


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a comparison, as the user named it and as it resolved."""

    spec: str  # what the user wrote: "first-reading", "WORKTREE", "HEAD~2", "@2021-11"
    commit: str | None  # the full commit id; None for the working tree
    date: str | None = None  # the date the version stands for (event date, @DATE, commit date)
    label: str | None = None  # a human name: "the first reading (2021-09-15)"


@dataclass(frozen=True, slots=True)
class Comparison:
    """A diff between two versions of one bill, with what it was computed from."""

    bill: str
    old: Side
    new: Side
    diff: BillDiff
