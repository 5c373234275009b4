"""Reading the bill across commits: the versions that changed its text, each parsed once.

Walking reads only what git says changed: `git log --raw` names bill.yaml's blob in each
commit, a blob already parsed (the chunk cache under .git/billtrack/) is not read again,
and a new one is parsed from cached provision chunks (billtrack.store.chunks). Two
versions are compared through their provision indices first: equal indices are equal
provisions, so only what differs goes through diff_bills.

Semantics: the first-parent history of the current branch by default, merged branches
too with `all_parents` (each commit compared with its first parent); a deleted and
restored bill file shows as such; a shallow clone's history stops at its boundary, said
so; with no commits, or no repository, the history is the working tree alone. Git is
reached through the repository's store only; this module never prints.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from billtrack.diff import BillDiff, Status, diff_bills
from billtrack.model import Bill, Provision
from billtrack.store.cache import blob_id
from billtrack.store.chunks import ChunkCache
from billtrack.store.git import TooLarge
from billtrack.store.repository import BillRepository

# What may name a commit (a pinned version is looked up only when it can be one).
COMMIT_ID = re.compile(r"[0-9a-fA-F]{4,64}")

# A commit of the walk, as the callback sees it: (versions parsed so far, versions to parse).
Progress = Callable[[int, int], None]

FileStatus = Literal["added", "modified", "deleted", "restored", "boundary"]


@dataclass(frozen=True, slots=True)
class Version:
    """One version of the bill's text: a commit that changed bill.yaml, or the working
    tree when it differs from HEAD."""

    seq: int  # position in the walk, oldest first
    commit: str | None  # None: the working tree (uncommitted changes)
    date: str | None  # author date, YYYY-MM-DD; None for the working tree
    author: str | None
    subject: str | None
    blob: str | None  # bill.yaml's blob id; None: the commit deleted it
    before: str | None  # the blob it replaced; None: there was none
    status: FileStatus = "modified"  # what happened to bill.yaml itself
    merge: bool = False

    @property
    def label(self) -> str:
        return self.commit[:12] if self.commit else "WORKTREE"


@dataclass
class History:
    """The versions of one bill's text, oldest first, and their parsed provisions."""

    bill: str
    path: str  # bill.yaml as git names it (or as shown, without a repository)
    versions: tuple[Version, ...]
    texts: ChunkCache
    notes: list[str] = field(default_factory=list)
    truncated: str | None = None  # the shallow clone's boundary commit, when there is one
    repo: BillRepository | None = field(default=None, repr=False)
    unreadable: dict[str, str] = field(default_factory=dict)  # blob -> its problem
    _orders: dict[tuple[int, int], bool] = field(default_factory=dict, repr=False)
    _moves: dict[tuple[int, int], frozenset[str] | None] = field(default_factory=dict, repr=False)

    # --- reading versions ----------------------------------------------------------------

    def readable(self, blob: str | None) -> bool:
        return blob is not None and blob in self.texts and self.texts.error(blob) is None

    def bill_at(self, blob: str | None) -> Bill | None:
        """The bill as a version reads; None when bill.yaml does not exist (or does not
        parse) there."""
        if not self.readable(blob):
            return None
        assert blob is not None
        return self.texts.bill(blob)

    def ids(self, blob: str) -> tuple[str, ...]:
        return self.texts.ids(blob)

    def same_ids(self, old: str, new: str) -> bool:
        """Both versions have the same provision ids in the same order."""
        return self.texts.sequence(old) == self.texts.sequence(new)

    def moved(self, old: str, new: str) -> frozenset[str] | None:
        """The ids whose position changed between two versions, when that follows from
        the ids alone; None when a full diff must say.

        It follows when one version only adds provisions or only drops some (or
        neither): then no dropped provision can pair with an added one as a rename, so
        the provisions matched are exactly those with the same id, and where they stand
        relative to each other decides their position (diff_bills reads ids only for
        that, so a diff of two bills of those ids with one same text says it)."""
        key = (self.texts.sequence(old), self.texts.sequence(new))
        if key in self._moves:
            return self._moves[key]
        found: frozenset[str] | None = frozenset()
        if not self.same_order(old, new):
            ids_old, ids_new = self.ids(old), self.ids(new)
            before, after = Counter(ids_old), Counter(ids_new)
            if before - after and after - before:
                found = None
            else:
                diff = diff_bills(_skeleton(self.bill, ids_old), _skeleton(self.bill, ids_new))
                found = frozenset(item.id for item in diff.provisions if "position" in item.changes)
        self._moves[key] = found
        return found

    def same_order(self, old: str, new: str) -> bool:
        """The ids both versions have come in the same order: nothing moved."""
        key = (self.texts.sequence(old), self.texts.sequence(new))
        found = self._orders.get(key)
        if found is None:
            found = self._orders[key] = key[0] == key[1] or _same_shared_order(
                self.ids(old), self.ids(new)
            )
        return found

    def blobs_at(self, commits: Sequence[str]) -> dict[str, str | None]:
        """bill.yaml's blob in each commit (parsed and cached); None when it has none or
        the commit is not in this repository."""
        if self.repo is None or self.repo.root.repo is None or not commits:
            return dict.fromkeys(commits)
        git = self.repo.git
        wanted = [c for c in commits if COMMIT_ID.fullmatch(c)]
        oids = git.object_ids([f"{commit}:{self.path}" for commit in wanted])
        found: dict[str, str | None] = dict.fromkeys(commits)
        found.update(zip(wanted, oids, strict=True))
        self._read([(oid, f"{commit[:12]}:{self.path}") for commit, oid in found.items() if oid])
        return found

    def _read(self, wanted: Sequence[tuple[str, str]], progress: Progress | None = None) -> None:
        """Parse the blobs not cached yet, in order, through one cat-file process."""
        todo: dict[str, str] = {}
        for oid, shown in wanted:
            if oid not in self.texts and oid not in todo:
                todo[oid] = shown
        if not todo or self.repo is None:
            return
        total = len(todo)
        for done, (oid, data) in enumerate(self.repo.git.blobs(list(todo)), 1):
            if data is None:
                self.unreadable[oid] = "the object is missing from this repository"
            elif isinstance(data, TooLarge):
                self.unreadable[oid] = f"{todo[oid]}: {data.text()}"
            else:
                self.texts.add(oid, data, todo[oid])
                problem = self.texts.error(oid)
                if problem is not None:
                    self.unreadable[oid] = problem.as_text()
            if progress is not None:
                progress(done, total)
        self.texts.save()

    # --- comparing versions --------------------------------------------------------------

    def diff(self, old: str | None, new: str | None) -> BillDiff:
        """The provision diff between two versions (None: no bill there). When both have
        the same ids in the same order only the changed provisions are listed."""
        if self.readable(old) and self.readable(new):
            assert old is not None and new is not None
            if self.same_ids(old, new):
                return self._same_ids_diff(old, new)
        return diff_bills(self.bill_at(old), self.bill_at(new))

    def _same_ids_diff(self, old: str, new: str) -> BillDiff:
        a, b = self.texts.indices(old), self.texts.indices(new)
        differ = [k for k in range(len(a)) if a[k] != b[k]]
        return diff_bills(
            self.texts.partial(old, [a[k] for k in differ]),
            self.texts.partial(new, [b[k] for k in differ]),
        )

    def counts(self, old: str | None, new: str | None) -> dict[Status, int]:
        """How many provisions were added, dropped, modified, renamed, unchanged."""
        if self.readable(old) and self.readable(new):
            assert old is not None and new is not None
            if self.same_ids(old, new):
                counts = self._same_ids_diff(old, new).counts()
                counts["unchanged"] = len(self.ids(new)) - counts["modified"]
                return counts
        return diff_bills(self.bill_at(old), self.bill_at(new)).counts()


def _skeleton(bill: str, ids: Sequence[str]) -> Bill:
    """A bill of these ids with one same text each: its diff shows only moves."""
    return Bill(bill, "", "", "", tuple(Provision(pid, "-") for pid in ids))


def _same_shared_order(a: Sequence[str], b: Sequence[str]) -> bool:
    """True when the ids both versions have come in the same order (nothing moved)."""
    in_a, in_b = set(a), set(b)
    return [x for x in a if x in in_b] == [x for x in b if x in in_a]


# --- walking -------------------------------------------------------------------------------


def walk(
    repo: BillRepository,
    *,
    all_parents: bool = False,
    progress: Progress | None = None,
) -> History:
    """The versions of the bill's text, oldest first, each parsed (from the cache when it
    can be). The working tree is the last version when it differs from HEAD."""
    root = repo.root
    notes: list[str] = []
    worktree_raw: bytes | None = None
    worktree_raw = repo.worktree_bytes()
    if root.repo is None:
        path = root.display(repo.files.bill)
        history = History(repo.bill_id, path, (), ChunkCache(), notes, repo=repo)
        notes.append("not in a git repository: the history is the working tree alone")
        return _with_worktree(history, worktree_raw, head=None)
    path = repo.bill_path
    texts = ChunkCache.for_bill(root.repo, path)
    history = History(repo.bill_id, path, (), texts, notes, repo=repo)
    git = repo.git
    if not git.has_commits():
        notes.append("the repository has no commits yet: the history is the working tree alone")
        return _with_worktree(history, worktree_raw, head=None)

    changes = git.file_log(path, first_parent=not all_parents)
    changes.reverse()
    shallow = git.shallow_commits()
    versions: list[Version] = []
    existed = False
    for change in changes:
        if change.old == change.new:
            continue  # a mode change: the text is the same
        status: FileStatus
        if change.new is None:
            status = "deleted"
        elif change.old is not None:
            status = "modified"
        elif change.commit in shallow:
            status = "boundary"
        else:
            status = "restored" if existed else "added"
        existed = existed or change.new is not None
        versions.append(
            Version(
                len(versions),
                change.commit,
                change.date,
                change.author,
                change.subject,
                change.new,
                change.old,
                status,
                merge=len(change.parents) > 1,
            )
        )
    history.versions = tuple(versions)
    if shallow:
        boundary = next((v.commit for v in versions if v.status == "boundary"), None)
        history.truncated = boundary or sorted(shallow)[0]
        notes.append(
            f"this is a shallow clone: the history is truncated at "
            f"{history.truncated[:12]}; `git fetch --unshallow` fetches the rest"
        )
    wanted: list[tuple[str, str]] = []
    for version in versions:
        shown = f"{version.label}:{path}"
        for oid in (version.before, version.blob):
            if oid is not None:
                wanted.append((oid, shown))
    history._read(wanted, progress)
    head = git.object_ids([f"HEAD:{path}"])[0]
    history = _with_worktree(history, worktree_raw, head=head)
    for version in history.versions:
        if version.blob is not None and version.blob in history.unreadable:
            notes.append(
                f"{version.label}: {history.unreadable[version.blob]} (this version is skipped)"
            )
    return history


def _with_worktree(history: History, raw: bytes | None, *, head: str | None) -> History:
    """The history with the working tree as its newest version, when it differs."""
    if raw is None:
        return history
    oid = blob_id(raw)
    if oid == head:
        return history
    display = history.path
    if history.repo is not None:
        display = history.repo.root.display(history.repo.files.bill)
    history.texts.add(oid, raw, display, keep=False)
    problem = history.texts.error(oid)
    if problem is not None:
        history.unreadable[oid] = problem.as_text()
    status: FileStatus = "modified" if head is not None else "added"
    version = Version(len(history.versions), None, None, None, None, oid, head, status)
    history.versions = (*history.versions, version)
    return history


def pairs(history: History) -> list[tuple[Version, str | None, str | None, str | None]]:
    """(version, blob before, blob after, date of the version before) for each version
    whose text can be read; an unreadable version is skipped and the next one is
    compared with the last readable one."""
    found = []
    last: str | None = None
    last_date: str | None = None
    dated: dict[str | None, str | None] = {}
    for version in history.versions:
        if version.blob is not None and not history.readable(version.blob):
            continue
        before = version.before
        if before is not None and not history.readable(before):
            before = last
        found.append((version, before, version.blob, dated.get(before, last_date)))
        last = version.blob
        last_date = version.date
        if version.blob is not None:
            dated.setdefault(version.blob, version.date)
    return found
