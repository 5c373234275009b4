"""`billtrack validate`: schema checks and every cross-reference, as Problem records.

Each record file of a snapshot is checked against its kind's JSON Schema (positions
mapped back through the loader's marks), then the records are checked against each
other by the registered rules (billtrack.validate.rules): ids, parties, provisions,
stages, proposals, decisions and the commits readings pin. registry.CODES is the table
of every code. This package yields problems; it never prints and never walks the disk
(billtrack.store.snapshot reads the files).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from billtrack.model import Bill
from billtrack.problems import Problem
from billtrack.store.git import Git
from billtrack.store.layout import Root
from billtrack.store.snapshot import Snapshot
from billtrack.store.yamlio import Document
from billtrack.validate.checker import Checker


@dataclass
class Report:
    """What validate found, and what it looked at."""

    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    bills: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.level == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.level == "warning")

    @property
    def notes(self) -> int:
        return sum(1 for p in self.problems if p.level == "note")


@dataclass(frozen=True, slots=True)
class Selection:
    """Which codes a run reports (`--select`, `--ignore`) and whether warnings are
    errors (`--strict`). Notes (what could not be checked) are never made errors."""

    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    strict: bool = False

    def keeps(self, code: str) -> bool:
        return (not self.select or code in self.select) and code not in self.ignore

    def apply(self, problems: Iterable[Problem]) -> list[Problem]:
        kept = [p for p in problems if self.keeps(p.code)]
        if self.strict:
            kept = [replace(p, level="error") if p.level == "warning" else p for p in kept]
        return kept


def validate(
    snapshot: Snapshot,
    *,
    git: Git | None = None,
    selection: Selection | None = None,
    loaded: Mapping[Path, Document] | None = None,
    bills: Mapping[Path, Bill] | None = None,
) -> Report:
    """Validate parties.yaml and every bill of the snapshot (and, for a snapshot of the
    whole data root, what lies there that is not part of the format).

    A write command checks a record before writing it:
    `validate(Snapshot.read(root, [bill_id]).with_files({path: data}), git=git)`.
    `loaded` holds files of the snapshot the caller already loaded from the same bytes,
    which are then not parsed again. Loaded with data only, the problems found in them
    have no position (1:1): enough to know whether there are any, not to show them.
    `bills`: the bill the caller built from a loaded bill.yaml (build_bill of it).
    """
    checker = Checker(snapshot, git, loaded, bills)
    checker.run()
    problems = (selection or Selection()).apply(checker.problems)
    return Report(problems, checker.files, checker.bills)


def bills_for_paths(root: Root, paths: Iterable[Path]) -> tuple[list[str], bool]:
    """The bills the given files belong to, and whether parties.yaml is among them.

    pre-commit passes the changed files; a bill is always validated whole because a
    change in one file can break a reference in another.
    """
    bills: set[str] = set()
    parties = False
    root_resolved = root.path.resolve()
    known = set(root.bill_ids())
    for path in paths:
        resolved = path.resolve()
        if resolved == root_resolved / "parties.yaml":
            parties = True
            continue
        if resolved == root_resolved or resolved in root_resolved.parents:
            # The data root or a folder holding it (`billtrack validate .`): everything.
            bills.update(known)
            parties = True
            continue
        try:
            relative = resolved.relative_to(root_resolved)
        except ValueError:
            continue
        if relative.parts and relative.parts[0] in known:
            bills.add(relative.parts[0])
    if parties:
        bills.update(known)
    return sorted(bills), parties
