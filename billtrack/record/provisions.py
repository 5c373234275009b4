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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from billtrack.errors import DataError, WriteError
from billtrack.interrupts import held
from billtrack.problems import ProblemError
from billtrack.record.checks import validate_with
from billtrack.record.transaction import git_path, writer
from billtrack.store.atomic import Edit, append_locked
from billtrack.store.layout import BILL_FILE, BillFiles, Root
from billtrack.store.yamlio import load
from billtrack.store.yamlwrite import dump


@dataclass(frozen=True)
class Replaced:
    path: str  # as shown to users
    changed: bool
    commit: str | None = None


def _is_note(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def replace_provisions(old: bytes, records: Sequence[Mapping[str, Any]], shown: str) -> bytes:
    """bill.yaml's bytes with its provisions replaced by `records` (see the module)."""
    try:
        doc = load(old, shown)
    except ProblemError as exc:
        raise DataError(f"{exc.message} (fix bill.yaml first; nothing written)") from None
    if not isinstance(doc.data, dict) or "provisions" not in doc.data:
        raise DataError(f"{shown} has no `provisions` list to replace (nothing written)")
    text = old.decode("utf-8-sig")
    bom = "\ufeff" if old.startswith(b"\xef\xbb\xbf") else ""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n"
    key_line = doc.pos(("provisions",), key=True)[0]
    later = sorted(
        pos[0] for path, pos in doc.key_marks.items() if len(path) == 1 and pos[0] > key_line
    )
    end = later[0] - 1 if later else len(lines)  # 0-based, exclusive
    items = doc.data["provisions"]
    starts: list[int] = []
    if isinstance(items, list) and items:
        for i in range(len(items)):
            line, column = doc.pos(("provisions", i))
            prefix = lines[line - 1][: column - 1]
            if prefix.strip() != "-":
                starts = []
                break
            starts.append(line - 1)
    if starts:
        while end > starts[-1] + 1 and _is_note(lines[end - 1]):
            end -= 1
        # Comment lines right above an item are about that item: they go with it.
        for i in range(1, len(starts)):
            while starts[i] - 1 > starts[i - 1] and lines[starts[i] - 1].strip().startswith("#"):
                starts[i] -= 1
        dash = lines[starts[0]].index("-")
        old_items = {
            i: "".join(lines[s : (starts[i + 1] if i + 1 < len(starts) else end)])
            for i, s in enumerate(starts)
        }
        head, tail = lines[: starts[0]], lines[end:]
    else:
        # An empty or flow-style list: the key's lines are written anew.
        first_value = doc.pos(("provisions",))[0]
        if first_value != key_line or (
            later
            and later[0] != key_line + 1
            and not all(_is_note(line) for line in lines[key_line : later[0] - 1])
        ):
            raise WriteError(
                f"{shown} holds its provisions in flow style over several lines; billtrack "
                "replaces only a block list (`- id: ...`): turn it into one by hand first"
            )
        key_text = lines[key_line - 1]
        indent = len(key_text) - len(key_text.lstrip())
        head = [*lines[: key_line - 1], " " * indent + "provisions:\n"]
        tail = lines[key_line:]
        dash, old_items = indent, {}
    # An unchanged record keeps its bytes: found by its id (ids are unique in a valid
    # bill; a duplicate is simply written anew).
    reusable: dict[Any, int | None] = {}
    for i, item in enumerate(items or []):
        if i in old_items and isinstance(item, Mapping):
            reusable.setdefault(item.get("id"), i)
    body: list[str] = []
    for record in records:
        i = reusable.pop(record.get("id"), None)
        if i is not None and item_equal(items[i], record):
            body.append(old_items[i])
            continue
        block = dump([dict(record)])
        body.append(
            "".join(" " * dash + line if line.strip() else line for line in block.splitlines(True))
        )
    return (bom + "".join([*head, *body, *tail])).encode("utf-8")


def item_equal(a: Any, b: Any) -> bool:
    return isinstance(a, Mapping) and isinstance(b, Mapping) and list(a.items()) == list(b.items())


def check_new_bill(
    root: Root,
    bill_id: str,
    old: bytes,
    new: bytes,
    records: Sequence[Mapping[str, Any]],
    shown: str,
) -> None:
    """The would-be bill.yaml reads as the old data with only the provisions replaced, and
    validate finds no new error in the bill."""
    try:
        before, after = load(old, shown).data, load(new, shown).data
    except ProblemError as exc:
        raise WriteError(
            f"the new {shown} would not read back ({exc.message}); nothing written"
        ) from None
    expected = {**before, "provisions": [dict(r) for r in records]}
    if after != expected:
        raise WriteError(f"the new {shown} would not read back as written; nothing written")
    relative = f"{bill_id}/{BILL_FILE}"
    was = {p for p in validate_with(root, bill_id, {relative: old}) if p.level == "error"}
    now = [
        p
        for p in validate_with(root, bill_id, {relative: new})
        if p.level == "error" and p not in was
    ]
    if now:
        first = now[0]
        raise WriteError(
            f"the new text would make the bill invalid: {first.path}:{first.line}:{first.column}: "
            f"{first.message}; nothing written"
        )


def write_provisions(
    root: Root,
    bill_id: str,
    planned_from: bytes,
    records: Sequence[Mapping[str, Any]],
    *,
    commit_message: str | None = None,
) -> Replaced:
    """Replace the provisions of bill `bill_id` by `records` (see the module's docstring).
    `planned_from` is bill.yaml as the caller read it: if it changed since, nothing is
    written."""
    path = BillFiles(root.bill_folder(bill_id)).bill
    shown = root.display(path)
    new = replace_provisions(planned_from, records, shown)
    if new == planned_from:
        return Replaced(shown, changed=False)
    check_new_bill(root, bill_id, planned_from, new, records, shown)
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
