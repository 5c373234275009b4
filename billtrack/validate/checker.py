"""The engine of validate: load each record file of a snapshot, check it against its
schema, build the model, and run every registered rule of each scope over it.

Rules live in billtrack.validate.rules; this module only decides what each scope is
given and in what order files are loaded. It never reads the working tree (the
snapshot holds the bytes) and never prints; git is asked only for pinned texts.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from billtrack.model import Bill, Event, Party
from billtrack.problems import Problem, ProblemError
from billtrack.store.git import Git
from billtrack.store.layout import BILL_FILE, EVENTS_DIR, PROPOSALS_DIR
from billtrack.store.records import build_bill, build_event, build_parties, build_proposal
from billtrack.store.snapshot import Snapshot
from billtrack.store.yamlio import Document, load
from billtrack.validate import rules, schema
from billtrack.validate.context import BillRecords, Context
from billtrack.validate.registry import Rule, problem, rules_of

# Importing the rules registers them; the engine asks the registry, never the modules.
RULE_MODULES = rules.__all__


class Checker:
    """One run of validate over a snapshot: the problems found and what was looked at."""

    def __init__(self, snapshot: Snapshot, git: Git | None) -> None:
        self.snapshot = snapshot
        self.context = Context(snapshot, git)
        self.problems: list[Problem] = []
        self.files = 0
        self.bills: list[str] = []

    def run(self) -> None:
        for each in rules_of("snapshot"):
            self._collect(each, each.check(self.context))
        parties = self.parties()
        for bill_id in self.snapshot.bill_ids():
            self.bill(bill_id, parties)
        self.problems.sort()

    def _collect(self, source: Rule, found: Iterable[Problem]) -> int:
        count = 0
        for item in found:
            # A rule emits only the codes it was registered with: the table stays true.
            assert item.code in source.codes, (source.name, item.code)
            self.problems.append(item)
            count += 1
        return count

    # --- one file ---------------------------------------------------------------------

    def load(self, path: Path, kind: str) -> Document | None:
        """The document, or None (with its problems) when it cannot be read, parsed or
        fails its schema; the document rules run on the ones that pass."""
        shown = self.context.display(path)
        self.files += 1
        if path not in self.snapshot.files:
            why = self.snapshot.unreadable.get(path, "No such file or directory")
            self.problems.append(problem(shown, (0, 0), "file-unreadable", why))
            return None
        try:
            doc = load(self.snapshot.files[path], shown)
        except ProblemError as exc:
            self.problems.append(exc.problem)
            return None
        found = schema.check(doc, kind)
        if found:
            self.problems.extend(found)
            return None
        for each in rules_of("document"):
            self._collect(each, each.check(self.context, doc, kind))
        return doc

    def record(self, path: Path, kind: str) -> Document | None:
        """An event or proposal file: its name is checked before its content."""
        refused = sum(
            self._collect(each, each.check(self.context, path, kind)) for each in rules_of("file")
        )
        return None if refused else self.load(path, kind)

    # --- the whole data root ----------------------------------------------------------

    def parties(self) -> dict[str, Party]:
        path = self.snapshot.root.parties_file
        if not self.snapshot.has(path):
            return {}  # the file-missing rule says so
        doc = self.load(path, "parties")
        if doc is None:
            return {}
        return {party.id: party for party in build_parties(doc)}

    def bill(self, bill_id: str, parties: dict[str, Party]) -> None:
        self.bills.append(bill_id)
        folder = self.snapshot.root.path / bill_id
        bill_doc = self.load(folder / BILL_FILE, "bill")
        bill = build_bill(bill_doc) if bill_doc else None
        records = BillRecords(bill_id, bill_doc, bill, [], [], parties)
        for path in self.snapshot.records(bill_id, EVENTS_DIR):
            if (doc := self.record(path, "event")) is not None:
                records.events.append((doc, build_event(doc, path.stem)))
        for path in self.snapshot.records(bill_id, PROPOSALS_DIR):
            if (doc := self.record(path, "proposal")) is not None:
                records.proposals.append((doc, build_proposal(doc, path.stem)))
        records.existing = self.existing_provisions(bill, [e for _, e in records.events])
        for each in rules_of("bill"):
            self._collect(each, each.check(self.context, records))

    def existing_provisions(self, bill: Bill | None, events: list[Event]) -> set[str]:
        """Provision ids that exist or existed: in the text now or in any text a reading
        pinned (a dropped provision stays nameable by the records about it)."""
        known = {p.id for p in bill.provisions} if bill else set()
        root = self.snapshot.root
        if self.context.git is not None and root.repo is not None and bill is not None:
            try:
                data_root = root.relative(root.path)
            except ValueError:
                return known
            for event in events:
                if event.version and event.kind == "reading":
                    known |= self._pinned_provisions(event.version, f"{data_root}/{bill.id}")
        return known

    def _pinned_provisions(self, commit: str, folder: str) -> set[str]:
        assert self.context.git is not None
        blob = self.context.git.blob_at(commit, f"{folder}/{BILL_FILE}".lstrip("/"))
        if blob is None:
            return set()
        try:
            data = load(blob.data, folder, positions=False).data
        except ProblemError:
            return set()
        provisions = data.get("provisions") if isinstance(data, dict) else None
        return {
            p["id"]
            for p in provisions or []
            if isinstance(p, dict) and isinstance(p.get("id"), str)
        }
