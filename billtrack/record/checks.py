"""Checking a would-be file with exactly the checks `billtrack validate` runs, before
anything exists, and saying what is wrong in terms of the record's fields.

`validate_with` is the one place the write side calls billtrack.validate. Nothing here
writes or prints.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from billtrack.errors import WriteError
from billtrack.model import Bill
from billtrack.problems import Problem, ProblemError
from billtrack.record.fields import Refused, refused
from billtrack.record.transaction import Plan
from billtrack.record.workspace import Workspace
from billtrack.scaffold import SCHEMA_MODELINE, SCHEMAS_DIR
from billtrack.store.git import Git
from billtrack.store.layout import Root, inside
from billtrack.store.snapshot import Snapshot
from billtrack.store.yamlio import Document, load
from billtrack.store.yamlwrite import dump
from billtrack.suggest import listing
from billtrack.validate import validate


def validate_with(
    root: Root,
    bill_id: str | None,
    files: Mapping[str, bytes],
    *,
    loaded: Mapping[str, Document] | None = None,
    bills: Mapping[str, Bill] | None = None,
) -> list[Problem]:
    """What `billtrack validate` would report if `files` (relative to the data root) were
    written: parties.yaml and the bill `bill_id` (or parties.yaml alone). `loaded` and
    `bills`: some of `files` already loaded (and built), not parsed again (see
    billtrack.validate.validate)."""
    snapshot = Snapshot.read(root, [bill_id] if bill_id else []).with_files(
        {root.path / relative: data for relative, data in files.items()}
    )
    git = Git(root.repo) if root.repo is not None else None
    try:
        report = validate(
            snapshot,
            git=git,
            loaded={root.path / relative: doc for relative, doc in (loaded or {}).items()},
            bills={root.path / relative: bill for relative, bill in (bills or {}).items()},
        )
    finally:
        if git is not None:
            git.close()
    return report.problems


def _field_at(doc: Document, line: int) -> str | None:
    """The top-level key whose value holds `line` in a record we wrote."""
    best: tuple[int, str] | None = None
    for path, (key_line, _) in doc.key_marks.items():
        if len(path) == 1 and key_line <= line and (best is None or key_line >= best[0]):
            best = (key_line, str(path[0]))
    return best[1] if best else None


def refusal(problems: Sequence[Problem], doc: Document, known: Mapping[str, str]) -> Refused:
    """Problems of a would-be record, each with the field it is in and what is known."""
    findings: list[tuple[str | None, str]] = []
    for problem in problems:
        field = _field_at(doc, problem.line) if problem.line else None
        message = problem.message
        extra = known.get(problem.code)
        if extra and "known:" not in message:
            message += f" (known: {extra})"
        findings.append((field, message))
    return refused(findings)


def _reads_back(data: bytes, record: Any, shown: str) -> Document:
    """Prove the bytes load back as exactly the record (no value changed, no key added)."""
    try:
        doc = load(data, shown)
    except ProblemError as exc:  # pragma: no cover - yamlwrite always writes valid YAML
        raise WriteError(f"internal error: {shown} would not load ({exc}); not written") from None
    if doc.data != record:  # pragma: no cover - the same guarantee, checked on every write
        raise WriteError(f"internal error: {shown} would not read back as written; nothing written")
    return doc


def _header(root: Root, kind: str) -> list[str]:
    """The yaml-language-server schema line, when the project keeps schema copies."""
    if (root.path / SCHEMAS_DIR / f"{kind}.schema.json").is_file():
        return [SCHEMA_MODELINE.format(up="../../", kind=kind)]
    return []


def _known(ws: Workspace) -> dict[str, str]:
    return {
        "ref-party": listing(ws.party_ids),
        "ref-provision": listing(ws.provision_ids),
        "ref-proposal": listing(sorted(p.id for p in ws.proposals)),
    }


def plan_record(
    ws: Workspace, *, what: str, folder: str, record_id: str, record: dict[str, Any]
) -> Plan:
    """The file for a new record (`what`: event or proposal), checked by validate's own
    checks before anything exists."""
    path: Path = inside(ws.root.path, ws.folder / folder / f"{record_id}.yaml")
    shown = ws.shown(path)
    data = dump(record, header=_header(ws.root, what)).encode("utf-8")
    doc = _reads_back(data, record, shown)
    relative = f"{ws.bill_id}/{folder}/{record_id}.yaml"
    # Errors refuse the record; a warning (a reading pinning a commit authored after
    # it, say) is validate's to report, not a reason to refuse what the user asked for.
    problems = [
        p
        for p in validate_with(ws.root, ws.bill_id, {relative: data})
        if p.path == shown and p.level == "error"
    ]
    if problems:
        raise refusal(problems, doc, _known(ws))
    return Plan(what=what, record_id=record_id, path=path, shown=shown, data=data)
