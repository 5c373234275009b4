"""Comparing two versions of a bill: the diff between them, attributed to the proposals
and events of the window, and narrowed to the provisions asked for.

The core use of billtrack.store.repository: it resolves and reads, this module diffs.
A diff of two blobs is cached by their ids under .git/ (blobs never change). Nothing
here prints.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass

from billtrack.diff import BillDiff, Window, diff_bills
from billtrack.errors import UsageError
from billtrack.ledger import explain
from billtrack.store import cache, plain
from billtrack.store.repository import WORKTREE, BillRepository, Side


@dataclass(frozen=True, slots=True)
class Comparison:
    """A diff between two versions of one bill, with what it was computed from."""

    bill: str
    old: Side
    new: Side
    diff: BillDiff
    language: str | None = None  # the bill's primary language (newest side that has one)


def provisions_filter(
    diff: BillDiff, *, ids: Sequence[str] = (), tags: Sequence[str] = ()
) -> BillDiff:
    """Only the provisions named (by id or previous id) or carrying one of the tags
    (of a full diff: a changes-only one has no unchanged provisions to find)."""
    if not ids and not tags:
        return diff
    if diff.unlisted:
        raise ValueError("provisions_filter needs a diff that lists unchanged provisions")
    wanted_ids, wanted_tags = set(ids), set(tags)
    kept = []
    for item in diff.provisions:
        names = {item.id, item.previous_id}
        item_tags = set(item.after.tags if item.after else ()) | set(
            item.before.tags if item.before else ()
        )
        if names & wanted_ids or item_tags & wanted_tags:
            kept.append(item)
    return BillDiff(diff.bill, tuple(kept), bill_changes=diff.bill_changes)


def compare(
    repo: BillRepository,
    old_spec: str | None,
    new_spec: str | None,
    *,
    rename_threshold: int | None,
    unchanged: bool = True,
) -> Comparison:
    """Resolve both sides, read the bill at each, diff them and attribute the changes.

    With `unchanged` False the diff is changes only (BillDiff.changes_only): unchanged
    provisions are counted, not listed, which is all a report of changes needs and
    makes a warm run of a large bill several times cheaper to read from the cache."""
    old = repo.resolve(old_spec) if old_spec is not None else repo.default_old()
    new = repo.resolve(new_spec if new_spec is not None else WORKTREE)
    old_blob, new_blob = repo.blob_at(old), repo.blob_at(new)
    if old_blob is None and new_blob is None:
        raise UsageError(f"bill {repo.bill_id!r} exists at neither {old.spec} nor {new.spec}")
    # The diff of two blobs never changes either: a warm run reads it instead of both
    # versions (plain data, billtrack.store.plain: reading it runs nothing).
    form = "diff" if unchanged else "changes"
    key = f"{form}-" + cache.blob_id(
        f"{old_blob and old_blob[0]} {new_blob and new_blob[0]} {rename_threshold}".encode()
    )
    store = cache.ParseCache.for_repo(repo.root.repo)
    hit = store.get(key) if store else None
    cached: tuple[BillDiff, str | None] | None = None
    if hit is not None:
        with contextlib.suppress(ValueError):
            cached = plain.diff_from_plain(hit)
    if cached is not None:
        diff, language = cached
    else:
        old_bill, new_bill = repo.bill_at(old), repo.bill_at(new)
        diff = diff_bills(old_bill, new_bill, rename_threshold=rename_threshold)
        if not unchanged:
            diff = diff.changes_only()
        newest = new_bill if new_bill is not None else old_bill
        language = newest.language if newest else None
        if store:
            store.put(key, plain.diff_to_plain(diff, language))
    window = Window.between(
        old.date, new.date, stages=repo.stages(), since_stage=old.stage, until_stage=new.stage
    )
    diff = explain(diff, proposals=repo.proposals(), events=repo.events(), window=window)
    return Comparison(repo.bill_id, old, new, diff, language)
