"""What validate's rules look at: the snapshot and git, and one bill's loaded records.

The checker builds these; rules read them and yield Problems. Nothing here reads files
or runs git by itself, and nothing prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from billtrack.model import Bill, Event, Party, Proposal
from billtrack.store.git import Git
from billtrack.store.snapshot import Snapshot
from billtrack.store.yamlio import Document


@dataclass(frozen=True, slots=True)
class Context:
    snapshot: Snapshot
    git: Git | None

    def display(self, path: Path) -> str:
        return self.snapshot.root.display(path)


@dataclass(slots=True)
class BillRecords:
    """One bill: its documents that loaded and passed their schema, and their model."""

    id: str
    bill_doc: Document | None
    bill: Bill | None
    events: list[tuple[Document, Event]]
    proposals: list[tuple[Document, Proposal]]
    parties: dict[str, Party]
    # Provision ids that exist or existed: in the text now or in any text a reading
    # pinned (a dropped provision stays nameable by the records about it).
    existing: set[str] = field(default_factory=set)
    # False when bill.yaml (or parties.yaml) is broken and has no committed version to
    # check against: references to its provisions and stages (or parties) are skipped,
    # with one note, rather than reported in every file that makes them.
    provisions_checked: bool = True
    parties_checked: bool = True
    # Readings whose pinned commit this shallow clone lacks: the provisions of their
    # texts are unknown, so a reference no other text explains cannot be judged.
    unfetched: set[str] = field(default_factory=set)
    # Every commit an event pins that is not in the repository (asked of git once).
    missing: set[str] = field(default_factory=set)
    # The bill.yaml each pinned commit holds (its parsed data), by commit id: what the
    # consistency rules compare readings by.
    pinned: dict[str, object] = field(default_factory=dict)

    @property
    def known_provisions(self) -> set[str]:
        """What a reference may name: existing provisions and those proposed for adding."""
        return self.existing | {p.target for _, p in self.proposals if p.action == "add"}
