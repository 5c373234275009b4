"""`billtrack validate`: schema checks and every cross-reference, as Problem records.

Each file is checked against its kind's JSON Schema (positions mapped back through the
loader's marks), then the records are checked against each other: ids, parties,
provisions, stages, proposals, decisions and the commits readings pin. This module
yields problems and never prints.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import marshal
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import CodeType
from typing import TYPE_CHECKING, Any

from billtrack.model import (
    Bill,
    Event,
    Party,
    Proposal,
    build_bill,
    build_event,
    build_parties,
    build_proposal,
)
from billtrack.problems import Problem, ProblemError
from billtrack.store.layout import BILL_FILE, BillFiles, Root, is_record_id
from billtrack.store.yamlio import Document, load

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

    from billtrack.store.cache import ParseCache
    from billtrack.store.git import Git

_DATE_DAY = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")


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


class _Checker:
    def __init__(self, root: Root, git: Git | None, overlay: Mapping[Path, bytes]) -> None:
        self.root = root
        self.git = git
        self.overlay = overlay
        self.report = Report()
        self._validators: dict[str, Validator] = {}
        self._fast: dict[str, Callable[[Any], Any]] = {}

    def emit(
        self, doc_path: str, pos: tuple[int, int], code: str, message: str, level: str = "error"
    ) -> None:
        self.report.problems.append(
            Problem(
                doc_path,
                pos[0],
                pos[1],
                "warning" if level == "warning" else "error",
                code,
                message,
            )
        )

    # --- one file ---------------------------------------------------------------------

    def load(self, path: Path, kind: str) -> Document | None:
        shown = self.root.display(path)
        self.report.files += 1
        try:
            raw = self.overlay[path] if path in self.overlay else path.read_bytes()
        except OSError as exc:
            self.emit(shown, (0, 0), "file-unreadable", exc.strerror or str(exc))
            return None
        try:
            doc = load(raw, shown)
        except ProblemError as exc:
            self.report.problems.append(exc.problem)
            return None
        if not self.check_schema(doc, kind):
            return None
        self.check_ambiguous(doc)
        self.check_dates(doc, kind)
        return doc

    def validator(self, kind: str) -> Validator:
        if kind not in self._validators:
            from jsonschema import Draft202012Validator

            from billtrack.schemas import inlined

            self._validators[kind] = Draft202012Validator(inlined(kind))
        return self._validators[kind]

    def fast_check(self, kind: str) -> Callable[[Any], Any]:
        """A compiled validator of the same schema: only says valid or not, ten times
        faster than jsonschema, which then explains the files that fail."""
        if kind not in self._fast:
            from billtrack.store.cache import ParseCache

            self._fast[kind] = fast_validator(kind, ParseCache.for_repo(self.root.repo))
        return self._fast[kind]

    def check_schema(self, doc: Document, kind: str) -> bool:
        import fastjsonschema

        try:
            self.fast_check(kind)(doc.data)
            return True
        except fastjsonschema.JsonSchemaException:
            pass
        errors = sorted(
            self.validator(kind).iter_errors(doc.data), key=lambda e: list(map(str, e.path))
        )
        for error in errors:
            for code, path, message, at_key in _describe(error):
                self.emit(doc.path, doc.pos(path, key=at_key), code, message)
        return not errors

    def check_ambiguous(self, doc: Document) -> None:
        for path, what in doc.ambiguous.items():
            if any(isinstance(p, str) and p.startswith("x-") for p in path):
                continue
            value = _get(doc.data, path)
            self.emit(
                doc.path,
                doc.pos(path),
                "yaml-ambiguous",
                f"{value} reads as a string here but as {what} in other YAML tools; "
                f'quote it: "{value}"',
                level="warning",
            )

    def check_dates(self, doc: Document, kind: str) -> None:
        key = "introduced" if kind == "bill" else "date"
        if not isinstance(doc.data, dict):
            return
        value = doc.data.get(key)
        if isinstance(value, str) and (m := _DATE_DAY.match(value)):
            try:
                dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                self.emit(
                    doc.path, doc.pos((key,)), "date-invalid", f"{value} is not a calendar date"
                )

    # --- the whole data root ----------------------------------------------------------

    def parties(self) -> dict[str, Party]:
        path = self.root.parties_file
        if not path.exists() and path not in self.overlay:
            self.emit(
                self.root.display(path),
                (0, 0),
                "file-missing",
                "parties.yaml is missing: every party reference needs it",
            )
            return {}
        doc = self.load(path, "parties")
        if doc is None:
            return {}
        parties: dict[str, Party] = {}
        for i, party in enumerate(build_parties(doc)):
            if party.id in parties:
                self.emit(
                    doc.path,
                    doc.pos((i, "id")),
                    "duplicate-id",
                    f"party {party.id!r} is listed twice",
                )
            parties[party.id] = party
        return parties

    def strays(self) -> None:
        """Files and folders validate would otherwise skip in silence: a bill folder
        without bill.yaml (`bill.yml`), a misspelt `event/`, a stray file."""
        if not self.root.path.is_dir():
            return
        for entry in sorted(self.root.path.iterdir()):
            if entry.name.startswith(".") or entry.name == "parties.yaml":
                continue
            if not entry.is_dir():
                self.emit(
                    self.root.display(entry),
                    (0, 0),
                    "file-unknown",
                    "not part of the data format (parties.yaml and bill folders); ignored",
                    level="warning",
                )
            elif not (entry / BILL_FILE).is_file():
                self.emit(
                    self.root.display(entry),
                    (0, 0),
                    "file-unknown",
                    f"a folder without {BILL_FILE}: not a bill; ignored",
                    level="warning",
                )

    def bill(self, bill_id: str, parties: dict[str, Party]) -> None:
        files = BillFiles(self.root.path / bill_id)
        self.report.bills.append(bill_id)
        for entry in sorted(files.folder.iterdir()):
            if entry.name.startswith(".") or entry.name in (BILL_FILE, "events", "proposals"):
                continue
            self.emit(
                self.root.display(entry),
                (0, 0),
                "file-unknown",
                "not part of a bill (bill.yaml, events/, proposals/); ignored",
                level="warning",
            )
        for folder in (files.folder / "events", files.folder / "proposals"):
            for entry in sorted(folder.iterdir()) if folder.is_dir() else ():
                if not entry.name.startswith(".") and entry.suffix not in (".yaml", ".yml"):
                    self.emit(
                        self.root.display(entry),
                        (0, 0),
                        "file-unknown",
                        "not a .yaml record; ignored",
                        level="warning",
                    )
        bill_doc = self.load(files.bill, "bill")
        bill = build_bill(bill_doc) if bill_doc else None
        events: list[tuple[Document, Event]] = []
        proposals: list[tuple[Document, Proposal]] = []
        for path in self.listing(files.events(), files.folder / "events"):
            if (doc := self.record(path, "event")) is not None:
                events.append((doc, build_event(doc, path.stem)))
        for path in self.listing(files.proposals(), files.folder / "proposals"):
            if (doc := self.record(path, "proposal", proposal=True)) is not None:
                proposals.append((doc, build_proposal(doc, path.stem)))
        if bill_doc is not None and bill is not None:
            self.check_bill(bill_doc, bill, bill_id, parties)
        existing = self.existing_provisions(bill, events)
        add_targets = {p.target for _, p in proposals if p.action == "add"}
        known = existing | add_targets
        stages = set(bill.stages) if bill else set()
        proposal_ids = {p.id for _, p in proposals}
        party_ref = _Refs(self, "ref-party", "party", parties)
        self.check_readings(events)
        decided: dict[str, tuple[str, int]] = {}
        for doc, event in events:
            refs: list[tuple[tuple[str | int, ...], str]] = (
                [(("body",), event.body)] if event.body else []
            )
            refs += [(("participants", i), p) for i, p in enumerate(event.participants)]
            refs += [(("positions", i, "party"), p.party) for i, p in enumerate(event.positions)]
            party_ref.check(doc, refs)
            if event.stage and stages and event.stage not in stages:
                self.emit(
                    doc.path,
                    doc.pos(("stage",)),
                    "ref-stage",
                    f"unknown stage {event.stage!r}; the bill's stages: "
                    + ", ".join(bill.stages if bill else ()),
                )
            for i, pid in enumerate(event.provisions):
                if pid not in known:
                    self.emit(
                        doc.path,
                        doc.pos(("provisions", i)),
                        "ref-provision",
                        f"unknown provision {pid!r}" + _candidates(pid, known),
                    )
            for i, decision in enumerate(event.decisions):
                pos = doc.pos(("decisions", i, "proposal"))
                if decision.proposal not in proposal_ids:
                    self.emit(
                        doc.path,
                        pos,
                        "ref-proposal",
                        f"unknown proposal {decision.proposal!r}"
                        + _candidates(decision.proposal, proposal_ids),
                    )
                elif decision.proposal in decided:
                    first, line = decided[decision.proposal]
                    self.emit(
                        doc.path,
                        pos,
                        "decided-twice",
                        f"proposal {decision.proposal!r} was already decided in "
                        f"{first}:{line}; a proposal is decided once",
                    )
                else:
                    decided[decision.proposal] = (doc.path, pos[0])
        for doc, proposal in proposals:
            party_ref.check(doc, [(("author",), proposal.author)])
            if proposal.action != "add" and proposal.target not in existing:
                self.emit(
                    doc.path,
                    doc.pos(("target",)),
                    "ref-provision",
                    f"{proposal.action} targets unknown provision {proposal.target!r}"
                    + _candidates(proposal.target, existing),
                )
            if proposal.after and proposal.after not in known:
                self.emit(
                    doc.path,
                    doc.pos(("after",)),
                    "ref-provision",
                    f"unknown provision {proposal.after!r} in 'after'"
                    + _candidates(proposal.after, known),
                )

    def listing(self, on_disk: list[Path], folder: Path) -> list[Path]:
        """The record files of a folder: those on disk and those about to be written."""
        extra = [p for p in self.overlay if p.parent == folder and p not in on_disk]
        return sorted([*on_disk, *extra], key=lambda p: p.name) if extra else on_disk

    def record(self, path: Path, kind: str, *, proposal: bool = False) -> Document | None:
        if not is_record_id(path.stem, proposal=proposal):
            self.emit(
                self.root.display(path),
                (0, 0),
                "file-name",
                f"{path.name}: the file name is the record id and must match "
                + ("[A-Za-z0-9][A-Za-z0-9._-]*" if proposal else "[a-z0-9][a-z0-9._-]*"),
            )
            return None
        return self.load(path, kind)

    def check_bill(self, doc: Document, bill: Bill, folder: str, parties: dict[str, Party]) -> None:
        if bill.id != folder:
            self.emit(
                doc.path,
                doc.pos(("id",)),
                "bill-id",
                f"bill id {bill.id!r} differs from its folder {folder!r}",
            )
        seen: dict[str, int] = {}
        for i, provision in enumerate(bill.provisions):
            if provision.id in seen:
                self.emit(
                    doc.path,
                    doc.pos(("provisions", i, "id")),
                    "duplicate-id",
                    f"provision id {provision.id!r} is used twice "
                    f"(first at line {seen[provision.id]})",
                )
            else:
                seen[provision.id] = doc.pos(("provisions", i, "id"))[0]
        if bill.initiator:
            _Refs(self, "ref-party", "party", parties).check(
                doc, [(("initiator",), bill.initiator)]
            )
        if len(set(bill.stages)) != len(bill.stages):
            self.emit(doc.path, doc.pos(("stages",)), "duplicate-id", "a stage is listed twice")

    def existing_provisions(
        self, bill: Bill | None, events: list[tuple[Document, Event]]
    ) -> set[str]:
        """Provision ids that exist or existed: in the text now or in any text a reading
        pinned (a dropped provision stays nameable by the records about it)."""
        known = {p.id for p in bill.provisions} if bill else set()
        if self.git is not None and self.root.repo is not None:
            try:
                bill_path = self.root.relative(self.root.path)
            except ValueError:
                bill_path = None
            folder = bill.id if bill else None
            if bill_path is not None and folder is not None:
                for _, event in events:
                    if event.version and event.kind == "reading":
                        known |= self._pinned_provisions(event.version, f"{bill_path}/{folder}")
        return known

    def _pinned_provisions(self, commit: str, folder: str) -> set[str]:
        assert self.git is not None
        blob = self.git.blob_at(commit, f"{folder}/{BILL_FILE}".lstrip("/"))
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

    def check_readings(self, events: list[tuple[Document, Event]]) -> None:
        pinned = [(doc, e) for doc, e in events if e.version]
        if not pinned:
            return
        if self.git is None:
            for doc, _ in pinned:
                self.emit(
                    doc.path,
                    doc.pos(("version",)),
                    "reading-version",
                    "the data root is not in a git repository, so this commit cannot be checked",
                    level="warning",
                )
            return
        missing = self.git.missing_objects(e.version for _, e in pinned if e.version)
        shallow = bool(missing) and self.git.is_shallow()
        for doc, event in pinned:
            if event.version not in missing:
                continue
            if shallow:
                self.emit(
                    doc.path,
                    doc.pos(("version",)),
                    "reading-version",
                    f"commit {event.version} is not in this shallow clone; "
                    "fetch it with `git fetch --unshallow`",
                    level="warning",
                )
            else:
                self.emit(
                    doc.path,
                    doc.pos(("version",)),
                    "reading-version",
                    f"commit {event.version} does not exist in this repository",
                )


class _Refs:
    def __init__(self, checker: _Checker, code: str, what: str, known: dict[str, Any]) -> None:
        self.checker, self.code, self.what, self.known = checker, code, what, known

    def check(self, doc: Document, refs: list[tuple[tuple[str | int, ...], str]]) -> None:
        for path, value in refs:
            if value not in self.known:
                self.checker.emit(
                    doc.path,
                    doc.pos(path),
                    self.code,
                    f"unknown {self.what} {value!r}" + _candidates(value, self.known),
                )


def _candidates(value: str, known: Iterable[str]) -> str:
    import difflib

    names = sorted(known)
    if not names:
        return ""
    close = difflib.get_close_matches(value, names, n=3)
    if close:
        return "; did you mean " + " or ".join(repr(c) for c in close) + "?"
    shown = names[:12]
    more = f", ... ({len(names)} in all)" if len(names) > 12 else ""
    return "; known: " + ", ".join(shown) + more


def _get(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


_JSON_TYPE = {dict: "a mapping", list: "a list", str: "a string", type(None): "nothing (null)"}
_ARTICLE = {"object": "a mapping", "array": "a list", "string": "a string"}
_DATE_PATTERN_HINT = "YYYY, YYYY-MM or YYYY-MM-DD"


def _describe(error: Any) -> Iterator[tuple[str, tuple[str | int, ...], str, bool]]:
    """(code, path, message, point-at-key) for one jsonschema error, in the user's words."""
    path = tuple(error.absolute_path)
    where = ".".join(str(p) for p in path) or "the file"
    validator = error.validator
    if validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = sorted(error.schema.get("properties", {}))
        for key in sorted(error.instance):
            if key not in allowed and not key.startswith("x-"):
                hint = _candidates(key, allowed)
                yield (
                    "schema-unknown-key",
                    (*path, key),
                    f"unknown key {key!r}{hint} (extensions start with 'x-')",
                    True,
                )
        return
    if validator == "required":
        yield ("schema-required", path, f"{where}: {error.message}", False)
        return
    if validator == "pattern" and error.schema.get("description", "").startswith("A date"):
        yield (
            "date-invalid",
            path,
            f"{error.instance!r} is not a date ({_DATE_PATTERN_HINT})",
            False,
        )
        return
    if validator == "oneOf" and path and path[-1] == "text":
        yield (
            "schema-text",
            path,
            "text must be a non-empty string or a mapping from language tag to string",
            False,
        )
        return
    if validator == "type":
        expected = error.validator_value
        wanted = " or ".join(expected) if isinstance(expected, list) else str(expected)
        found = _JSON_TYPE.get(type(error.instance), "a value")
        yield (
            "schema-type",
            path,
            f"{where}: expected {_ARTICLE.get(wanted, wanted)}, found {found}",
            False,
        )
        return
    message = error.message
    if len(message) > 200:
        message = message[:200] + "..."
    yield (f"schema-{validator}", path, f"{where}: {message}", False)


def fast_validator(kind: str, store: ParseCache | None = None) -> Callable[[Any], Any]:
    """fastjsonschema's validator of a kind's schema; raises JsonSchemaException.

    Generating and compiling the Python code of the four schemas takes ~70 ms, more
    than checking a thousand files with it; `store` (the repository's cache) keeps the
    compiled code, keyed by everything it depends on, for the next run.
    """
    import fastjsonschema

    from billtrack.schemas import inlined
    from billtrack.store.cache import blob_id

    # Once the references are inlined, every keyword the schemas use means the same in
    # draft 7 (what fastjsonschema compiles) as in 2020-12; a test holds the two
    # verdicts equal on the corpus and on generated records.
    draft7 = {**inlined(kind), "$schema": "http://json-schema.org/draft-07/schema#"}
    key = "schema-" + blob_id(
        json.dumps([fastjsonschema.VERSION, sys.version, draft7], sort_keys=True).encode()
    )
    cached = store.get(key) if store else None
    code: CodeType | None = None
    if isinstance(cached, bytes):
        with contextlib.suppress(Exception):  # another Python's marshal format: a miss
            loaded = marshal.loads(cached)
            code = loaded if isinstance(loaded, CodeType) else None
    if code is None:
        code = compile(fastjsonschema.compile_to_code(draft7), f"<{kind} schema>", "exec")
        if store:
            store.put(key, marshal.dumps(code))
    namespace: dict[str, Any] = {}
    exec(code, namespace)
    # The schema has no references left, so the code defines one validation function.
    found = [value for name, value in namespace.items() if name.startswith("validate_")]
    if len(found) != 1 or not callable(found[0]):
        return fastjsonschema.compile(draft7)
    validator: Callable[[Any], Any] = found[0]
    return validator


def validate(
    root: Root,
    bill_ids: list[str] | None = None,
    *,
    git: Git | None = None,
    overlay: Mapping[Path, bytes] | None = None,
) -> Report:
    """Validate the given bills (all when None) and parties.yaml under `root`.

    `overlay` maps paths under the root to contents that stand in for the files on disk
    (or are added to them): the write commands check a record before it exists.
    """
    checker = _Checker(root, git, overlay or {})
    if bill_ids is None:
        checker.strays()
    parties = checker.parties()
    for bill_id in bill_ids if bill_ids is not None else root.bill_ids():
        checker.bill(bill_id, parties)
    checker.report.problems.sort()
    return checker.report
