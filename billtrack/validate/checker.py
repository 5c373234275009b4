"""The engine of validate: load each record file of a snapshot, check it against its
schema, build the model, and run every registered rule of each scope over it.

Rules live in billtrack.validate.rules; this module only decides what each scope is
given and in what order files are loaded. It never reads the working tree (the
snapshot holds the bytes) and never prints; git is asked only for pinned texts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from billtrack.errors import DataError
from billtrack.model import Bill, Party
from billtrack.problems import Problem, ProblemError
from billtrack.store.git import Git
from billtrack.store.layout import BILL_FILE, EVENTS_DIR, PROPOSALS_DIR
from billtrack.store.records import build_bill, build_event, build_parties, build_proposal
from billtrack.store.snapshot import Snapshot
from billtrack.store.yamlio import Document, load
from billtrack.validate import rules, schema
from billtrack.validate.context import BillRecords, Context
from billtrack.validate.registry import Rule, Scope, problem, rules_of

# Importing the rules registers them; the engine asks the registry, never the modules.
RULE_MODULES = rules.__all__

_COMMIT = re.compile(r"[0-9a-f]{40}([0-9a-f]{24})?")
T = TypeVar("T")


class Checker:
    """One run of validate over a snapshot: the problems found and what was looked at."""

    def __init__(
        self,
        snapshot: Snapshot,
        git: Git | None,
        loaded: Mapping[Path, Document] | None = None,
        bills: Mapping[Path, Bill] | None = None,
    ) -> None:
        self.snapshot = snapshot
        # Files of the snapshot the caller has already loaded from its very bytes, and
        # the bill it built from a loaded bill.yaml.
        self.loaded = loaded or {}
        self.bills_built = bills or {}
        self.context = Context(snapshot, git)
        self.problems: list[Problem] = []
        self.files = 0
        self.bills: list[str] = []
        # The rules of each scope, asked of the registry once a run, not once a file.
        self.rules: dict[Scope, list[Rule]] = {
            scope: rules_of(scope) for scope in ("snapshot", "file", "document", "bill")
        }

    def run(self) -> None:
        for each in self.rules["snapshot"]:
            self._collect(each, each.check(self.context))
        parties = self.parties()
        for bill_id in self.snapshot.bill_ids():
            self.bill(bill_id, parties)
        self.problems = _one_a_place(self.problems)

    def _collect(self, source: Rule, found: Iterable[Problem]) -> int:
        count = 0
        for item in found:
            # A rule emits only the codes it was registered with: the table stays true.
            assert item.code in source.codes, (source.name, item.code)
            self.problems.append(item)
            count += 1
        return count

    # --- one file ---------------------------------------------------------------------

    def load(self, path: Path, kind: str) -> tuple[Document | None, bool]:
        """The document (None, with its problems, when it cannot be read or parsed) and
        whether it passed its schema; the document rules run on the ones that pass, the
        reference rules on every one that can be read."""
        shown = self.context.display(path)
        self.files += 1
        if path not in self.snapshot.files:
            why = self.snapshot.unreadable.get(path, "No such file or directory")
            self.problems.append(problem(shown, (0, 0), "file-unreadable", why))
            return None, False
        doc = self.loaded.get(path)
        if doc is None:
            try:
                doc = load(self.snapshot.files[path], shown)
            except ProblemError as exc:
                self.problems.append(exc.problem)
                return None, False
        found = schema.check(doc, kind)
        if found:
            self.problems.extend(found)
            return doc, False
        for each in self.rules["document"]:
            self._collect(each, each.check(self.context, doc, kind))
        return doc, True

    def record(self, path: Path, kind: str) -> Document | None:
        """An event or proposal file: its name is checked before its content."""
        refused = sum(
            self._collect(each, each.check(self.context, path, kind)) for each in self.rules["file"]
        )
        return None if refused else self.load(path, kind)[0]

    def committed(self, path: Path, kind: str) -> Document | None:
        """The last committed version of a record file, when it loads and passes its
        schema: what references are checked against while the working copy is broken."""
        git = self.context.git
        if git is None or self.snapshot.root.repo is None:
            return None
        try:
            data = git.committed(self.snapshot.root.relative(path))
        except (ValueError, DataError):
            return None
        if data is None:
            return None
        try:
            doc = load(data, self.context.display(path))
        except ProblemError:
            return None
        return None if schema.check(doc, kind) else doc

    def fallback(self, path: Path, kind: str, what: str) -> Document | None:
        """The committed version of a broken bill.yaml or parties.yaml, with one note
        saying which the references were checked against (or that they were not)."""
        doc = self.committed(path, kind)
        shown = self.context.display(path)
        if doc is not None:
            message = (
                f"{what} were checked against the last committed {path.name} "
                "until this one is fixed"
            )
        else:
            message = f"{what} were not checked: fix {path.name} first"
        self.problems.append(problem(shown, (0, 0), "references-fallback", message))
        return doc

    # --- the whole data root ----------------------------------------------------------

    def parties(self) -> dict[str, Party] | None:
        """The parties references are checked against; None when there are none to
        check against (the file is missing, or broken with no committed version)."""
        path = self.snapshot.root.parties_file
        if not self.snapshot.has(path):
            return None  # the file-missing rule says so
        doc, valid = self.load(path, "parties")
        if not valid:
            doc = self.fallback(path, "parties", "references to parties")
        built = _build(build_parties, doc)
        return None if built is None else {party.id: party for party in built}

    def bill(self, bill_id: str, parties: dict[str, Party] | None) -> None:
        self.bills.append(bill_id)
        folder = self.snapshot.root.path / bill_id
        path = folder / BILL_FILE
        bill_doc, valid = self.load(path, "bill")
        bill = (self.bills_built.get(path) or _build(build_bill, bill_doc)) if valid else None
        if not valid:
            bill_doc = None
            committed = self.fallback(path, "bill", "references to provisions and stages")
            bill = _build(build_bill, committed)
        records = BillRecords(bill_id, bill_doc, bill, [], [], parties or {})
        records.parties_checked = parties is not None
        records.provisions_checked = bill is not None
        for path in self.snapshot.records(bill_id, EVENTS_DIR):
            doc = self.record(path, "event")
            if (event := _build(build_event, doc, path.stem)) is not None and doc is not None:
                if event.version and not _COMMIT.fullmatch(event.version):
                    event = replace(event, version=None)  # the schema said what is wrong
                records.events.append((doc, event))
        for path in self.snapshot.records(bill_id, PROPOSALS_DIR):
            doc = self.record(path, "proposal")
            if (proposal := _build(build_proposal, doc, path.stem)) is not None and doc:
                records.proposals.append((doc, proposal))
        self.existing_provisions(records)
        for each in self.rules["bill"]:
            self._collect(each, each.check(self.context, records))

    def existing_provisions(self, records: BillRecords) -> None:
        """Provision ids that exist or existed: in the text now or in any text a reading
        pinned (a dropped provision stays nameable by the records about it). Pinned
        commits a shallow clone lacks are listed in records.unfetched."""
        bill = records.bill
        records.existing = {p.id for p in bill.provisions} if bill else set()
        root = self.snapshot.root
        git = self.context.git
        if git is None or root.repo is None:
            return
        versions = {e.version for _, e in records.events if e.version}
        # Through the one cat-file process the pinned texts are read by (a separate
        # `git cat-file --batch-check` would cost a process start per run).
        records.missing = {
            v for v in versions if (found := git.info(v)) is None or found[1] != "commit"
        }
        if records.missing and git.is_shallow():
            records.unfetched = records.missing
        if bill is None:
            return
        try:
            folder = f"{root.relative(root.path)}/{records.id}"
        except ValueError:
            return
        missing = records.missing
        pinned = {e.version for _, e in records.events if e.version and e.kind == "reading"}
        # A reading usually pins a text that another reading, or the working copy, also
        # holds: each blob is parsed once (the working copy's parse is reused).
        by_blob: dict[str, dict[str, object] | None] = {}
        working = self.snapshot.files.get(self.snapshot.root.path / records.id / BILL_FILE)
        doc = records.bill_doc
        parsed = doc.data if doc is not None and isinstance(doc.data, dict) else None
        for commit in sorted(pinned - missing):
            found = git.info(f"{commit}:{folder}/{BILL_FILE}".replace(":/", ":"))
            if found is None or found[1] != "blob":
                continue
            if found[0] not in by_blob:
                by_blob[found[0]] = self._pinned_bill(commit, folder, working, parsed)
            data = by_blob[found[0]]
            if data is None:
                continue
            records.pinned[commit] = data
            provisions = data.get("provisions")
            records.existing |= {
                p["id"]
                for p in (provisions if isinstance(provisions, list) else [])
                if isinstance(p, dict) and isinstance(p.get("id"), str)
            }

    def _pinned_bill(
        self,
        commit: str,
        folder: str,
        working: bytes | None,
        parsed: dict[str, object] | None,
    ) -> dict[str, object] | None:
        """The data of bill.yaml as `commit` has it; the working copy's parse when the
        bytes are the same."""
        assert self.context.git is not None
        blob = self.context.git.blob_at(commit, f"{folder}/{BILL_FILE}".lstrip("/"))
        if blob is None:
            return None
        if parsed is not None and blob.data == working:
            return parsed
        try:
            data = load(blob.data, folder, positions=False).data
        except ProblemError:
            return None
        return data if isinstance(data, dict) else None


def _build(builder: Callable[..., T], doc: Document | None, *args: str) -> T | None:
    """The model of a document, or None when its shape is too wrong to build (its
    schema problems already say why)."""
    if doc is None:
        return None
    try:
        return builder(doc, *args)
    except ProblemError:
        return None


def _one_a_place(problems: list[Problem]) -> list[Problem]:
    """Sorted, and one problem a place: a value the schema or the parser already
    refused is not reported again by a rule that reads it as a reference."""
    refused = {
        (p.path, p.line, p.column)
        for p in problems
        if p.code.startswith(("schema", "yaml-")) and p.level == "error" and p.line
    }
    return sorted(
        p
        for p in problems
        if (p.path, p.line, p.column) not in refused
        or p.code.startswith(("schema", "yaml-", "date-", "file-"))
    )
