"""`proposal apply`: accepted proposals written into bill.yaml, only the provisions
concerned edited.

The loader knows where every provision's record starts; a provision's block runs from
its `- ` line to the line before the next one (comments and blank lines just above the
next provision stay with it). Applying a proposal rewrites only that block (replace,
renumber, a new heading), removes it (drop), or inserts a new one after the block of
the provision named by `after` (add; renumber with `after` moves the block). Every other
byte of the file, comments and formatting included, stays as it is. The would-be file is
checked by validate's own checks before the one atomic replacement, under an exclusive
lock. Refused: a proposal that is not accepted (its latest decision), one already in the
text, and one whose target changed since the proposal was made (its date), with the
redline of that change.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from billtrack import dates
from billtrack.errors import UsageError, WriteError
from billtrack.interrupts import held
from billtrack.model import Proposal, proposal_statuses
from billtrack.problems import ProblemError
from billtrack.record.checks import refusal, validate_with
from billtrack.record.transaction import Recorded, git_path, writer
from billtrack.record.workspace import Workspace
from billtrack.redline import normalise, redline
from billtrack.store.atomic import Edit, append_locked
from billtrack.store.layout import inside
from billtrack.store.repository import BillRepository
from billtrack.store.yamlio import Document, load
from billtrack.store.yamlwrite import dump

__all__ = ["apply_proposals", "apply_to_bytes"]


def apply_proposals(
    ws: Workspace,
    proposal_ids: Sequence[str],
    *,
    all_accepted: bool = False,
    commit: bool = False,
) -> Recorded:
    """Apply the proposals named (or every accepted one not yet in the text) to the
    working tree's bill.yaml, and commit it when asked."""
    statuses = proposal_statuses(ws.proposals, ws.events, ws.bill.stages)
    by_id = {p.id: p for p in ws.proposals}
    if all_accepted and proposal_ids:
        raise UsageError("name proposals or give --all-accepted, not both")
    if all_accepted:
        chosen = [
            p
            for p in sorted(ws.proposals, key=lambda p: (dates.sort_key(p.date), p.id))
            if statuses[p.id].status == "accepted"
        ]
    else:
        if not proposal_ids:
            raise UsageError("name the proposals to apply, or give --all-accepted")
        chosen = []
        for pid in proposal_ids:
            if pid not in by_id:
                raise UsageError(f"unknown proposal {pid!r}")
            status = statuses[pid].status
            if status != "accepted":
                raise WriteError(
                    f"{pid} is {status}, not accepted: only an accepted proposal is applied"
                )
            chosen.append(by_id[pid])
    path = inside(ws.root.path, ws.folder / "bill.yaml")
    shown = ws.shown(path)
    relative = f"{ws.bill_id}/bill.yaml"
    git = writer(ws.root, needed=commit)
    repo = BillRepository(ws.root, ws.bill_id)
    try:
        if git is not None:
            git.check_identity()
        applied: list[str] = []
        with held() as hold:

            def plan(old: bytes) -> Edit:
                hold.check()
                new, done = apply_to_bytes(
                    old, chosen, shown, skip_applied=all_accepted, earlier=_earlier(repo)
                )
                if not done:
                    raise WriteError("nothing to apply: every accepted proposal is in the text")
                problems = [
                    p
                    for p in validate_with(ws.root, ws.bill_id, {relative: new})
                    if p.path == shown and p.level == "error"
                ]
                if problems:
                    raise refusal(problems, Document(shown, None), {})
                applied.extend(done)
                return Edit(new, replace=True)

            append_locked(path, plan, shown=shown)
            hold.settle()
        sha = None
        if git is not None:
            name = git_path(ws.root, path)
            git.stage(name)
            sha = git.commit(name, f"Apply {', '.join(applied)} to {ws.bill_id}")
        return Recorded(
            what="bill", record_id=", ".join(applied), path=shown, created=False, commit=sha
        )
    finally:
        repo.close()
        if git is not None:
            git.close()


def _earlier(repo: BillRepository) -> Any:
    """The text of a provision as it stood at a date (None when git cannot say)."""

    def at(date: str, provision_id: str) -> str | None:
        found_date = dates.from_stamp(date)
        if found_date is None:
            return None
        try:
            side = repo.resolve("@" + dates.before(found_date))
            bill = repo.bill_at(side)
        except Exception:
            return None
        found = bill.provision(provision_id) if bill is not None else None
        return None if found is None else normalise(" ".join(found.texts().values()))

    return at


def apply_to_bytes(
    old: bytes,
    proposals: Sequence[Proposal],
    shown: str,
    *,
    skip_applied: bool = False,
    earlier: Any = None,
) -> tuple[bytes, list[str]]:
    """bill.yaml's bytes with the proposals applied in turn, and the ids applied."""
    data = old
    done: list[str] = []
    for proposal in proposals:
        try:
            doc = load(data, shown)
        except ProblemError as exc:
            raise WriteError(f"{exc.message} (fix bill.yaml first; nothing written)") from None
        provisions = doc.data.get("provisions") if isinstance(doc.data, dict) else None
        if not isinstance(provisions, list):
            raise WriteError(f"{shown} has no list of provisions to apply {proposal.id} to")
        index = {p.get("id"): k for k, p in enumerate(provisions) if isinstance(p, dict)}
        target = index.get(proposal.target)
        if _applied(proposal, provisions, target):
            if skip_applied:
                continue
            raise WriteError(f"{proposal.id} is already in the text of {proposal.target!r}")
        if target is None and proposal.action != "add":
            raise WriteError(f"{proposal.id}: no provision {proposal.target!r} in {shown}")
        if target is not None and earlier is not None and proposal.action != "add":
            then = earlier(proposal.date, proposal.target)
            now = normalise(" ".join(_texts(provisions[target]).values()))
            if then is not None and then != now:
                marks = "".join(
                    text if op == "=" else f"[-{text}-]" if op == "-" else f"{{+{text}+}}"
                    for op, text in redline(then, now)
                )
                raise WriteError(
                    f"{proposal.id}: {proposal.target!r} changed since the proposal was made "
                    f"({proposal.date}): {marks}"
                )
        lines = data.decode("utf-8").splitlines(True)
        edited = _edit(lines, doc, provisions, index, proposal)
        if proposal.action == "drop" and len(provisions) == 1:
            # The last provision gone: the list is written empty, not left as null.
            line = doc.pos(("provisions",), key=True)[0] - 1
            edited[line] = edited[line].rstrip("\r\n") + " []\n"
        data = "".join(edited).encode("utf-8")
        done.append(proposal.id)
    return data, done


def _texts(record: dict[str, Any]) -> dict[str, str]:
    text = record.get("text")
    if isinstance(text, dict):
        return {str(k): str(v) for k, v in text.items()}
    return {"": str(text or "")}


def _applied(proposal: Proposal, provisions: list[Any], target: int | None) -> bool:
    if proposal.action == "add":
        return target is not None
    if proposal.action == "drop":
        return target is None
    if target is None:
        return False
    record = provisions[target]
    if proposal.action == "replace" and proposal.text is not None:
        wanted = proposal.text if isinstance(proposal.text, str) else dict(proposal.text)
        have = record.get("text")
        if isinstance(wanted, str) and isinstance(have, str):
            return normalise(wanted) == normalise(have)
        return bool(wanted == have)
    if proposal.action == "renumber":
        return proposal.number is not None and record.get("number") == proposal.number
    return False


def _block(lines: list[str], doc: Document, provisions: list[Any], k: int) -> tuple[int, int]:
    """The 0-based [start, end) lines of provision k's block."""
    start = doc.pos(("provisions", k))[0] - 1
    if k + 1 < len(provisions):
        end = doc.pos(("provisions", k + 1))[0] - 1
    else:
        later = [
            line for path, (line, _) in doc.key_marks.items() if len(path) == 1 and line > start
        ]
        end = min(later) - 1 if later else len(lines)
    while end > start + 1 and (
        not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")
    ):
        end -= 1
    return start, end


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _render(record: dict[str, Any], column: int) -> list[str]:
    ordered: dict[str, Any] = {
        key: record[key] for key in ("id", "number", "heading", "text") if key in record
    }
    ordered.update(record)
    return [
        " " * column + line if line.strip() else line for line in dump([ordered]).splitlines(True)
    ]


def _edit(
    lines: list[str],
    doc: Document,
    provisions: list[Any],
    index: dict[Any, int],
    proposal: Proposal,
) -> list[str]:
    target = index.get(proposal.target)
    anchor = index.get(proposal.after) if proposal.after else None
    if proposal.after and anchor is None:
        raise WriteError(f"{proposal.id}: no provision {proposal.after!r} to put it after")
    some = target if target is not None else (anchor if anchor is not None else 0)
    column = _indent(lines[_block(lines, doc, provisions, some)[0]]) if provisions else 2
    # Blocks separated by a blank line get one before a new block too.
    spaced = len(provisions) > 1 and not lines[doc.pos(("provisions", 1))[0] - 2].strip()
    if proposal.action == "add":
        record: dict[str, Any] = {"id": proposal.target}
        for key in ("number", "heading"):
            if getattr(proposal, key) is not None:
                record[key] = getattr(proposal, key)
        record["text"] = (
            proposal.text if isinstance(proposal.text, str) else dict(proposal.text or {})
        )
        block = _render(record, column)
        if not provisions:
            # `provisions: []`: the flow list becomes a block list holding the new one.
            line = doc.pos(("provisions",), key=True)[0] - 1
            indent = lines[line][: _indent(lines[line])]
            return [*lines[:line], indent + "provisions:\n", *block, *lines[line + 1 :]]
        at = _block(lines, doc, provisions, anchor)[1] if anchor is not None else len(lines)
        if at == len(lines) and lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        return [*lines[:at], *(["\n"] if spaced else []), *block, *lines[at:]]
    assert target is not None
    start, end = _block(lines, doc, provisions, target)
    if proposal.action == "drop":
        gap = 1 if spaced and end < len(lines) and not lines[end].strip() else 0
        return [*lines[:start], *lines[end + gap :]]
    record = dict(provisions[target])
    if proposal.action == "replace" and proposal.text is not None:
        record["text"] = proposal.text if isinstance(proposal.text, str) else dict(proposal.text)
    if proposal.heading is not None:
        record["heading"] = proposal.heading
    if proposal.action == "renumber" and proposal.number is not None:
        record["number"] = proposal.number
    block = _render(record, _indent(lines[start]))
    if proposal.action == "renumber" and anchor is not None and anchor != target:
        rest = [
            *lines[:start],
            *lines[end + (1 if spaced and end < len(lines) and not lines[end].strip() else 0) :],
        ]
        moved = load("".join(rest).encode("utf-8"), "bill.yaml")
        kept = moved.data["provisions"]
        new_anchor = next(k for k, p in enumerate(kept) if p.get("id") == proposal.after)
        at = _block(rest, moved, kept, new_anchor)[1]
        return [*rest[:at], *(["\n"] if spaced else []), *block, *rest[at:]]
    return [*lines[:start], *block, *lines[end:]]
