"""The use case of a new party: an entry appended to parties.yaml, its existing bytes
(comments, layout) kept exactly as they are.

The would-be file is checked whole in memory (it must read as the old list plus the
entry, and validate must find nothing new in it), then the entry is appended under an
exclusive lock (billtrack.store.atomic). Returns what it did; never prints.
"""

from __future__ import annotations

from typing import Any

from billtrack.errors import DataError, UsageError, WriteError
from billtrack.interrupts import held
from billtrack.problems import ProblemError
from billtrack.record.checks import refusal, validate_with
from billtrack.record.draft import PartyDraft
from billtrack.record.fields import refused
from billtrack.record.transaction import Recorded
from billtrack.store.atomic import Edit, RecordExistsError, append_locked, create_file
from billtrack.store.layout import Root, inside
from billtrack.store.records import build_parties
from billtrack.store.yamlio import Document, load
from billtrack.store.yamlwrite import dump


def add_party(root: Root, draft: PartyDraft) -> Recorded:
    """Append a party to parties.yaml. Its existing bytes stay exactly as they are: the new
    entry is appended under an exclusive lock, after the would-be file has been checked
    whole in memory. A missing parties.yaml is created."""
    entry = draft.entry()
    if not root.path.is_dir():
        raise UsageError(f"no data root at {root.path}: create one with `billtrack init BILL`")
    path = inside(root.path, root.parties_file)
    shown = root.display(path)
    block = dump([entry]).encode("utf-8")
    # The entry alone must pass the schema; this also loads the checking machinery
    # before the lock is taken, so that the lock is held as briefly as possible.
    alone = validate_with(Root(path=root.path, repo=None), None, {root.parties_file.name: block})
    if any(p.level == "error" for p in alone):
        raise refused([(None, "; ".join(p.message for p in alone))])
    done = Recorded(what="party", record_id=draft.party_id, path=shown, created=False)
    with held() as hold:
        if not path.exists():
            _check_parties_bytes(root, None, block, [entry], shown)
            hold.check()
            try:
                create_file(path, block, shown=shown)
                hold.settle()
                return Recorded(what="party", record_id=draft.party_id, path=shown)
            except RecordExistsError:
                pass  # created by someone else just now: append to theirs

        def plan(old: bytes) -> Edit:
            hold.check()
            return _party_edit(root, old, entry, shown)

        append_locked(path, plan, shown=shown)
        hold.settle()
    return done


def _party_edit(root: Root, old: bytes, entry: dict[str, Any], shown: str) -> Edit:
    """How to add `entry` to parties.yaml holding `old`, checked whole before it is done."""
    try:
        doc = load(old, shown)
        existing = build_parties(doc)
    except ProblemError as exc:
        raise DataError(f"{exc.message} (fix parties.yaml first; nothing written)") from None
    for i, party in enumerate(existing):
        if party.id == entry["id"]:
            line = doc.pos((i, "id"))[0]
            raise WriteError(f"party {party.id!r} is already in {shown} (line {line})")
    column = doc.pos(())[1] - 1
    block = dump([entry])
    if doc.data == [] and not old.lstrip().startswith(b"-"):
        # An empty flow list (`[]`, as `billtrack init` writes) cannot be extended: that
        # line alone is replaced by the entry, every other byte kept.
        new = _replace_empty_list(old, doc, block, shown)
        edit = Edit(new, replace=True)
    else:
        indented = "".join(" " * column + line if line else line for line in block.splitlines(True))
        separator = b"" if not old or old.endswith(b"\n") else b"\n"
        new = old + separator + indented.encode("utf-8")
        edit = Edit(separator + indented.encode("utf-8"))
    _check_parties_bytes(root, old, new, [*doc.data, entry], shown)
    return edit


def _replace_empty_list(old: bytes, doc: Document, block: str, shown: str) -> bytes:
    line_no = doc.pos(())[0]
    lines = old.decode("utf-8-sig").splitlines(True)
    line = lines[line_no - 1] if 0 < line_no <= len(lines) else ""
    if line.strip() != "[]":
        raise WriteError(
            f"{shown} holds its list in flow style ([...]) and billtrack appends only to a block "
            "list (`- id: ...`) so as never to rewrite it: turn it into one by hand first"
        )
    bom = b"\xef\xbb\xbf" if old.startswith(b"\xef\xbb\xbf") else b""
    lines[line_no - 1] = block
    return bom + "".join(lines).encode("utf-8")


def _check_parties_bytes(
    root: Root, old: bytes | None, new: bytes, expected: list[Any], shown: str
) -> None:
    """The would-be parties.yaml reads as the old list plus the entry (nothing else moved),
    and validate finds nothing in it that it did not find before."""
    try:
        doc = load(new, shown)
    except ProblemError as exc:
        raise WriteError(
            f"appending would make {shown} unreadable ({exc.message}); it is left as it was: "
            "check its end by hand"
        ) from None
    if doc.data != expected:
        raise WriteError(
            f"appending to {shown} would change what its existing lines mean; it is left as "
            "it was: check its end by hand"
        )
    # The old lines keep their places, so what validate found in them before it finds
    # again, identically: anything else comes from the new entry.
    before = set(validate_with(root, None, {root.parties_file.name: old})) if old else set()
    after = validate_with(root, None, {root.parties_file.name: new})
    fresh = [p for p in after if p.path == shown and p not in before]
    if fresh:
        raise refusal(fresh, Document(shown, None), {})
