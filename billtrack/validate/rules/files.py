"""Rules about files and folders: what is not part of the data format, and file names."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from billtrack.problems import Problem
from billtrack.store.layout import BILL_FILE, is_record_id
from billtrack.validate.context import Context
from billtrack.validate.registry import problem, rule

_ID_SHAPE = "[a-z0-9][a-z0-9._-]*"
_PROPOSAL_ID_SHAPE = "[A-Za-z0-9][A-Za-z0-9._-]*"


@rule("file-unknown", scope="snapshot")
def strays(ctx: Context) -> Iterator[Problem]:
    """Files and folders validate would otherwise skip in silence: a bill folder without
    bill.yaml (`bill.yml`), a misspelt `event/`, a stray file, a record not in .yaml."""
    root = ctx.snapshot.root.path
    for path, kind in ctx.snapshot.strays.items():
        if kind == "orphans":
            continue  # orphaned_records
        if path.parent == root:
            message = (
                "not part of the data format (parties.yaml and bill folders); ignored"
                if kind == "file"
                else f"a folder without {BILL_FILE}: not a bill; ignored"
            )
        elif path.parent.parent == root:
            message = "not part of a bill (bill.yaml, events/, proposals/); ignored"
        else:
            message = "not a .yaml record; ignored"
        yield problem(ctx.display(path), (0, 0), "file-unknown", message)


@rule("file-missing", scope="snapshot")
def orphaned_records(ctx: Context) -> Iterator[Problem]:
    """A folder that holds events or proposals but no bill.yaml: its records belong to
    no bill, and nothing else would check them."""
    for path, kind in ctx.snapshot.strays.items():
        if kind == "orphans":
            yield problem(
                ctx.display(path / BILL_FILE),
                (0, 0),
                "file-missing",
                f"{path.name}/ holds events or proposals but no {BILL_FILE}: its records "
                "belong to no bill (add bill.yaml, or move them into a bill folder)",
            )


@rule("file-missing", scope="snapshot")
def parties_file(ctx: Context) -> Iterator[Problem]:
    """parties.yaml exists: every party reference is checked against it (without it,
    each reference would be reported instead of the one missing file)."""
    path = ctx.snapshot.root.parties_file
    if not ctx.snapshot.has(path):
        yield problem(
            ctx.display(path),
            (0, 0),
            "file-missing",
            "parties.yaml is missing: every party reference needs it",
        )


@rule("file-name", scope="file")
def record_file_name(ctx: Context, path: Path, kind: str) -> Iterator[Problem]:
    """An event's or proposal's file name is its id: it must be a valid one (a file
    that fails is not read further)."""
    proposal = kind == "proposal"
    if not is_record_id(path.stem, proposal=proposal):
        yield problem(
            ctx.display(path),
            (0, 0),
            "file-name",
            f"{path.name}: the file name is the record id and must match "
            + (_PROPOSAL_ID_SHAPE if proposal else _ID_SHAPE),
        )
