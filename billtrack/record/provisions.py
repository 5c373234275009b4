"""The use case of a new text: bill.yaml's `provisions` replaced, every other byte kept.

The new list is written in place of the old one: a provision whose record is unchanged
keeps its exact bytes (comments and layout included), a changed or new one is written
as billtrack writes records (billtrack.store.yamlwrite), and everything outside the
list (metadata, comments, x- keys) stays byte for byte. The would-be file must read back
as the old data with only the provisions replaced, and validate must find no error in
it that it did not find before; then it replaces bill.yaml atomically, under the lock
every writer takes, and only if bill.yaml is still what the caller planned against.
Optionally committed. Returns what it did; never prints.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from billtrack.errors import DataError, WriteError
from billtrack.interrupts import held
from billtrack.model import Bill
from billtrack.problems import Problem, ProblemError
from billtrack.record.checks import validate_with
from billtrack.record.transaction import git_path, writer
from billtrack.store.atomic import Edit, append_locked
from billtrack.store.layout import BILL_FILE, BillFiles, Root
from billtrack.store.yamlio import Document, load
from billtrack.store.yamlwrite import dump


@dataclass(frozen=True)
class Replaced:
    path: str  # as shown to users
    changed: bool
    commit: str | None = None


def _is_note(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


_KEY = re.compile(r"^provisions[ \t]*:(?P<rest>.*)$")
_ITEM = re.compile(r"^(?P<indent>[ ]*)-(?:[ \t]|$)")


def _is_top_key(line: str) -> bool:
    """A line at column 0 that starts a new top-level key (or ends the document)."""
    return (bool(line) and line[0] not in " \t\r\n#-") or line.startswith(("---", "..."))


def replace_provisions(
    old: bytes, records: Sequence[Mapping[str, Any]], shown: str, *, doc: Document | None = None
) -> bytes:
    """bill.yaml's bytes with its provisions replaced by `records` (see the module);
    `doc` is `old` already loaded (data only is enough), if the caller has it.

    The list is found by its layout, which YAML fixes: the top-level key `provisions:`
    at column 0, its items' dashes all at one indentation, everything inside an item
    indented deeper, the list ending at the next line at column 0. What is found is
    proved afterwards (plan_rewrite reads the result back), never trusted."""
    if doc is None:
        try:
            doc = load(old, shown, positions=False)
        except ProblemError as exc:
            raise DataError(f"{exc.message} (fix bill.yaml first; nothing written)") from None
    if not isinstance(doc.data, dict) or "provisions" not in doc.data:
        raise DataError(f"{shown} has no `provisions` list to replace (nothing written)")
    text = old.decode("utf-8-sig")
    bom = "\ufeff" if old.startswith(b"\xef\xbb\xbf") else ""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n"
    unusual = WriteError(
        f"{shown} holds its provisions in a layout billtrack does not edit in place (a "
        "top-level `provisions:` key with a block list `- id: ...` under it): nothing written"
    )
    key = next((n for n, line in enumerate(lines) if _KEY.match(line.rstrip("\r\n"))), None)
    if key is None:
        raise unusual
    rest = _KEY.match(lines[key].rstrip("\r\n"))
    inline = rest is not None and rest["rest"].strip() and not rest["rest"].strip().startswith("#")
    end = key + 1
    items = doc.data["provisions"]
    starts: list[int] = []
    dash = 0
    if not inline:
        first = next((n for n in range(key + 1, len(lines)) if not _is_note(lines[n])), None)
        found = _ITEM.match(lines[first]) if first is not None else None
        if found is None:
            raise unusual
        dash = len(found["indent"])
        n = key + 1
        count = len(lines)
        while n < count:
            line = lines[n]
            indent = len(line) - len(line.lstrip(" "))
            # A line deeper than the dashes is inside an item, note or not: most lines.
            if indent <= dash and not _is_note(line):
                if indent == dash and _ITEM.match(line):
                    starts.append(n)
                elif not (dash == 0 and line.startswith(" ")):
                    break
            n += 1
        end = n
        if not isinstance(items, list) or len(starts) != len(items):
            raise unusual
    if starts:
        while end > starts[-1] + 1 and _is_note(lines[end - 1]):
            end -= 1
        # Comment lines right above an item are about that item: they go with it.
        for i in range(1, len(starts)):
            while starts[i] - 1 > starts[i - 1] and lines[starts[i] - 1].strip().startswith("#"):
                starts[i] -= 1
        old_items = {
            i: "".join(lines[s : (starts[i + 1] if i + 1 < len(starts) else end)])
            for i, s in enumerate(starts)
        }
        head, tail = lines[: starts[0]], lines[end:]
    else:
        # An empty or flow-style list on the key's line: that line is written anew.
        if any(not _is_note(line) and not _is_top_key(line) for line in lines[key + 1 : key + 2]):
            raise unusual
        head = [*lines[:key], "provisions:\n"]
        tail = lines[key + 1 :]
        old_items = {}
    # An unchanged record keeps its bytes: found by its id (ids are unique in a valid
    # bill; a duplicate is simply written anew).
    reusable: dict[Any, int] = {}
    for i, item in enumerate(items or []):
        if i in old_items and isinstance(item, Mapping):
            reusable.setdefault(item.get("id"), i)
    body: list[str] = []
    for record in records:
        reused = reusable.pop(record.get("id"), None)
        if reused is not None and item_equal(items[reused], record):
            body.append(old_items[reused])
            continue
        block = dump([dict(record)])
        body.append(
            "".join(" " * dash + line if line.strip() else line for line in block.splitlines(True))
        )
    return (bom + "".join([*head, *body, *tail])).encode("utf-8")


def item_equal(a: Any, b: Any) -> bool:
    return isinstance(a, Mapping) and isinstance(b, Mapping) and list(a.items()) == list(b.items())


@dataclass(frozen=True)
class Rewrite:
    """bill.yaml before and after its provisions are replaced, both loaded."""

    shown: str
    old: bytes
    old_doc: Document
    new: bytes
    new_doc: Document


def plan_rewrite(
    old: bytes, old_doc: Document, records: Sequence[Mapping[str, Any]], shown: str
) -> Rewrite:
    """The new bill.yaml, proved to read back as the old data with only the provisions
    replaced."""
    new = replace_provisions(old, records, shown, doc=old_doc)
    try:
        # Data only: these bytes are not on disk, so no position in them is ever shown.
        new_doc = load(new, shown, positions=False)
    except ProblemError as exc:
        raise WriteError(
            f"the new {shown} would not read back ({exc.message}); nothing written"
        ) from None
    expected = {**old_doc.data, "provisions": [dict(r) for r in records]}
    if new_doc.data != expected:
        raise WriteError(f"the new {shown} would not read back as written; nothing written")
    return Rewrite(shown, old, old_doc, new, new_doc)


def check_new_bill(root: Root, bill_id: str, rewrite: Rewrite, built: Bill | None = None) -> None:
    """validate finds no error in the new bill that it did not find in the old one.
    `built`: the bill built from rewrite.new_doc, if the caller has it."""
    relative = f"{bill_id}/{BILL_FILE}"
    # The new text as plan_rewrite already loaded it: a few MB are not parsed again.
    loaded = {relative: rewrite.new_doc}
    bills = {relative: built} if built is not None else {}
    found = validate_with(root, bill_id, {relative: rewrite.new}, loaded=loaded, bills=bills)
    if not _errors(found):
        return
    # Only then again with positions, to say where, and the old text validated too: its
    # errors are not this import's.
    now = _errors(validate_with(root, bill_id, {relative: rewrite.new}))
    if now:
        was = set(validate_with(root, bill_id, {relative: rewrite.old}))
        now = [p for p in now if p not in was]
    if now:
        first = now[0]
        raise WriteError(
            f"the new text would make the bill invalid: {first.path}:{first.line}:{first.column}: "
            f"{first.message}; nothing written"
        )


def _errors(problems: Sequence[Problem]) -> list[Problem]:
    return [p for p in problems if p.level == "error"]


def write_provisions(
    root: Root,
    bill_id: str,
    rewrite: Rewrite,
    *,
    commit_message: str | None = None,
    built: Bill | None = None,
) -> Replaced:
    """Write `rewrite` (see the module's docstring): only if bill.yaml is still what it
    was planned from. `built`: the bill built from rewrite.new_doc, if the caller has it."""
    path = BillFiles(root.bill_folder(bill_id)).bill
    shown = rewrite.shown
    planned_from, new = rewrite.old, rewrite.new
    if new == planned_from:
        return Replaced(shown, changed=False)
    check_new_bill(root, bill_id, rewrite, built)
    git = writer(root, needed=commit_message is not None)
    try:
        if git is not None:
            git.check_identity()
        with held() as hold:

            def plan(current: bytes) -> Edit:
                hold.check()
                if current != planned_from:
                    raise WriteError(
                        f"{shown} changed while importing; nothing written: run it again"
                    )
                return Edit(new, replace=True)

            append_locked(path, plan, shown=shown)
            commit: str | None = None
            if git is not None and commit_message is not None:
                try:
                    hold.check()
                    relative = git_path(root, path)
                    git.stage(relative)
                    commit = git.commit(relative, commit_message)
                except BaseException:
                    # Not committed: bill.yaml goes back to what it was.
                    append_locked(path, lambda _: Edit(planned_from, replace=True), shown=shown)
                    raise
            hold.settle()
    finally:
        if git is not None:
            git.close()
    return Replaced(shown, changed=True, commit=commit)
