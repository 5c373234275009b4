"""A bill's life across its git history: the versions that changed its text, one
provision's life (added, changed, renamed, dropped), the timeline of events and text
changes, and where the bill stands.

Walking reads only what git says changed: `git log --raw` names bill.yaml's blob in each
commit, a blob already parsed (the chunk cache under .git/billtrack/) is not read again,
and a new one is parsed from cached provision chunks (billtrack.store.chunks). Two
versions are compared through their provision indices first: equal indices are equal
provisions, so only what differs goes through diff_bills.

Semantics: the first-parent history of the current branch by default, merged branches
too with `all_parents` (each commit compared with its first parent); a deleted and
restored bill file shows as such; a shallow clone's history stops at its boundary, said
so; with no commits, or no repository, the history is the working tree alone.

Dates are compared as strings, so a partial date sorts by its start (`2022` before
`2022-03-09`). This module imports neither Typer nor rich and never prints.
"""

from __future__ import annotations

import calendar
import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from billtrack.diff import CHANGE_ORDER, BillDiff, ProvisionDiff, Status, attribute, diff_bills
from billtrack.errors import UsageError
from billtrack.model import Bill, Event, Proposal, ProposalStatus, Provision, proposal_statuses
from billtrack.store.cache import blob_id
from billtrack.store.chunks import ChunkCache
from billtrack.versions import BillRepository, no_gc

_COMMIT_ID = re.compile(r"[0-9a-fA-F]{4,64}")

# A commit of the walk, as the callback sees it: (versions parsed so far, versions to parse).
Progress = Callable[[int, int], None]

FileStatus = Literal["added", "modified", "deleted", "restored", "boundary"]
EVENT_KINDS = (
    "reading",
    "committee",
    "consultation",
    "negotiation",
    "conclusion",
    "vote",
    "signature",
    "publication",
    "other",
)
ENTRY_KINDS = ("commit", *EVENT_KINDS)
PROPOSAL_ORDER = ("proposed", "accepted", "rejected", "withdrawn")


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
        wanted = [c for c in commits if _COMMIT_ID.fullmatch(c)]
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
        with no_gc():
            for done, (oid, data) in enumerate(self.repo.git.blobs(list(todo)), 1):
                if data is None:
                    self.unreadable[oid] = "the object is missing from this repository"
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
    try:
        worktree_raw = repo.files.bill.read_bytes()
    except FileNotFoundError:
        worktree_raw = None
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


# --- one provision's life ------------------------------------------------------------------

Context = Literal["", "bill-deleted", "bill-restored", "boundary"]


@dataclass(frozen=True, slots=True)
class Step:
    """A version in which the provision was added, changed, renamed or dropped."""

    version: Version
    change: ProvisionDiff  # status, what changed, before/after, redlines, proposals, events
    context: Context = ""  # the bill file itself deleted, restored, or the history's start


@dataclass(frozen=True, slots=True)
class Pinned:
    """A reading that pinned a version containing the provision."""

    event: Event
    provision_id: str  # the id it had in that version


@dataclass(frozen=True, slots=True)
class ProvisionHistory:
    bill: str
    id: str  # the id asked for
    ids: tuple[str, ...]  # every id it had, in the order they appeared
    current: Provision | None  # as it reads in the newest version; None once dropped
    steps: tuple[Step, ...]  # oldest first
    readings: tuple[Pinned, ...]
    proposals: tuple[tuple[Proposal, ProposalStatus], ...]
    events: tuple[Event, ...]
    notes: tuple[str, ...] = ()
    truncated: str | None = None


def _pairs(history: History) -> list[tuple[Version, str | None, str | None, str | None]]:
    """(version, blob before, blob after, date of the version before) for each version
    whose text can be read; an unreadable version is skipped and the next one is
    compared with the last readable one."""
    pairs = []
    last: str | None = None
    last_date: str | None = None
    dates: dict[str | None, str | None] = {}
    for version in history.versions:
        if version.blob is not None and not history.readable(version.blob):
            continue
        before = version.before
        if before is not None and not history.readable(before):
            before = last
        pairs.append((version, before, version.blob, dates.get(before, last_date)))
        last = version.blob
        last_date = version.date
        if version.blob is not None:
            dates.setdefault(version.blob, version.date)
    return pairs


def _names_in(history: History, blob: str | None, wanted: set[int]) -> list[tuple[str, int]]:
    """(id, provision index) of the provisions of a version that are among `wanted`, in
    the version's order."""
    if not history.readable(blob):
        return []
    assert blob is not None
    indices = history.texts.indices(blob)
    found = wanted.intersection(indices)  # at C speed: most versions have one or none
    if not found:
        return []
    ids = history.texts.provision_ids()
    if len(found) == 1:
        index = next(iter(found))
        return [(ids[index], index)]
    return [(ids[i], i) for i in sorted(found, key=indices.index)]


def provision_history(
    history: History,
    provision_id: str,
    *,
    proposals: Sequence[Proposal] = (),
    events: Sequence[Event] = (),
) -> ProvisionHistory:
    """Every version in which the provision (under any of its ids, following renames
    both ways) was added, changed or dropped, with the proposals and events behind each
    change, the readings that pinned a version containing it, and all that concerns it."""
    pairs = _pairs(history)
    all_ids = history.texts.provision_ids()

    def indices_of(names: set[str]) -> set[int]:
        return {i for i, pid in enumerate(all_ids) if pid in names}

    names = {provision_id}
    wanted = indices_of(names)
    memo: dict[str | None, list[tuple[str, int]]] = {}

    def present(blob: str | None) -> list[tuple[str, int]]:
        found = memo.get(blob)
        if found is None:
            found = memo[blob] = _names_in(history, blob, wanted)
        return found

    if not any(present(blob) for _, _, blob, _ in pairs):
        raise UsageError(_unknown(history, provision_id, pairs))

    # Follow renames, both ways, until no new id joins.
    diffs: dict[tuple[str | None, str | None], BillDiff] = {}
    while True:
        grown = False
        for _, before, after, _ in pairs:
            had = {n for n, _ in present(before)}
            has = {n for n, _ in present(after)}
            if had == has:
                continue
            key = (before, after)
            if key not in diffs:
                diffs[key] = diff_bills(history.bill_at(before), history.bill_at(after))
            for item in diffs[key].provisions:
                if item.status == "renamed" and item.previous_id is not None:
                    pair = {item.id, item.previous_id}
                    if pair & names and not pair <= names:
                        names |= pair
                        grown = True
        if not grown:
            break
        wanted = indices_of(names)
        memo.clear()

    steps: list[Step] = []
    order: list[str] = []
    for version, before, after, before_date in pairs:
        old = present(before)
        new = present(after)
        if not old and not new:
            continue
        for name, _ in old + new:
            if name not in order:
                order.append(name)
        items = _changes(history, before, after, old, new, names, diffs)
        for item in items:
            item = _attributed(history, item, proposals, events, (before_date, version.date))
            steps.append(Step(version, item, _context(version, item)))

    current = None
    if pairs:
        newest = pairs[-1][2]
        found = present(newest)
        if found:
            current = history.texts.provision(found[0][1])
    readings = _pinned_readings(history, events, wanted)
    statuses = proposal_statuses(list(proposals), list(events))
    mine = [p for p in proposals if p.target in names]
    mine_ids = {p.id for p in mine}
    concerning = [
        e
        for e in sorted(events, key=lambda e: (e.date, e.id))
        if names.intersection(e.provisions) or any(d.proposal in mine_ids for d in e.decisions)
    ]
    return ProvisionHistory(
        bill=history.bill,
        id=provision_id,
        ids=tuple(order),
        current=current,
        steps=tuple(steps),
        readings=readings,
        proposals=tuple(
            (p, statuses.get(p.id, ProposalStatus("proposed")))
            for p in sorted(mine, key=lambda p: (p.date, p.id))
        ),
        events=tuple(concerning),
        notes=tuple(history.notes),
        truncated=history.truncated,
    )


def _changes(
    history: History,
    before: str | None,
    after: str | None,
    old: list[tuple[str, int]],
    new: list[tuple[str, int]],
    names: set[str],
    diffs: dict[tuple[str | None, str | None], BillDiff],
) -> list[ProvisionDiff]:
    """What happened to the provision between two versions (nothing when unchanged)."""
    if len(old) == 1 and len(new) == 1 and old[0][0] == new[0][0]:
        assert before is not None and after is not None
        (name, old_index), (_, new_index) = old[0], new[0]
        moved = history.moved(before, after)
        if moved is not None:
            return _own_change(history, name, before, old_index, after, new_index, name in moved)
    key = (before, after)
    if key not in diffs:
        diffs[key] = diff_bills(history.bill_at(before), history.bill_at(after))
    return [
        item
        for item in diffs[key].provisions
        if item.status != "unchanged" and (item.id in names or item.previous_id in names)
    ]


def _own_change(
    history: History,
    name: str,
    before: str,
    old_index: int,
    after: str,
    new_index: int,
    moved: bool,
) -> list[ProvisionDiff]:
    """The provision's change between two versions that neither add nor drop anything
    that could be a rename of it: its own fields, and its position from the ids alone."""
    item: ProvisionDiff | None = None
    if old_index != new_index:
        sub = diff_bills(
            history.texts.partial(before, [old_index]),
            history.texts.partial(after, [new_index]),
        )
        item = sub.provisions[0]
    if moved:
        if item is None or item.status == "unchanged":
            item = ProvisionDiff(
                name,
                "modified",
                history.texts.provision(old_index),
                history.texts.provision(new_index),
                ("position",),
            )
        else:
            changes = set(item.changes) | {"position"}
            item = replace(item, changes=tuple(c for c in CHANGE_ORDER if c in changes))
    return [item] if item is not None and item.status != "unchanged" else []


def _attributed(
    history: History,
    item: ProvisionDiff,
    proposals: Sequence[Proposal],
    events: Sequence[Event],
    window: tuple[str | None, str | None],
) -> ProvisionDiff:
    if not proposals and not events:
        return item
    found = attribute(
        BillDiff(history.bill, (item,)),
        proposals=list(proposals),
        events=list(events),
        window=window,
    )
    return found.provisions[0]


def _context(version: Version, item: ProvisionDiff) -> Context:
    if item.status == "dropped" and version.status == "deleted":
        return "bill-deleted"
    if item.status == "added" and version.status == "restored":
        return "bill-restored"
    if item.status == "added" and version.status == "boundary":
        return "boundary"
    return ""


def _pinned_readings(
    history: History, events: Sequence[Event], wanted: set[int]
) -> tuple[Pinned, ...]:
    readings = sorted((e for e in events if e.version), key=lambda e: (e.date, e.id))
    if not readings:
        return ()
    blobs = history.blobs_at([e.version for e in readings if e.version])
    pinned = []
    for event in readings:
        assert event.version is not None
        blob = blobs.get(event.version)
        found = _names_in(history, blob, wanted)
        if found:
            pinned.append(Pinned(event, found[0][0]))
    return tuple(pinned)


def _unknown(
    history: History,
    provision_id: str,
    pairs: Sequence[tuple[Version, str | None, str | None, str | None]],
) -> str:
    known: set[str] = set()
    for _, _, blob, _ in pairs:
        if history.readable(blob):
            assert blob is not None
            known.update(history.ids(blob))
    close = difflib.get_close_matches(provision_id, sorted(known), n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    return f"no provision {provision_id!r} in the history of {history.bill}{hint}"


# --- the timeline ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the timeline: a commit that changed the text, or an event."""

    kind: str  # "commit" or the event's kind
    date: str | None  # None: uncommitted changes in the working tree (newest of all)
    version: Version | None = None
    counts: Mapping[Status, int] | None = None  # what the commit changed
    event: Event | None = None


@dataclass(frozen=True, slots=True)
class Timeline:
    bill: str
    entries: tuple[Entry, ...]  # in the order asked for (newest first by default)
    proposals: Mapping[str, Proposal]  # by id, for the decisions events record
    newest_first: bool = True
    notes: tuple[str, ...] = ()
    truncated: str | None = None


_DATE_ARGUMENT = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")


def date_bound(text: str, *, end: bool) -> str:
    """A --since/--until date (YYYY, YYYY-MM or YYYY-MM-DD) as the first (or last) day it
    stands for; UsageError when it is not a calendar date."""
    match = _DATE_ARGUMENT.match(text.strip())
    if not match:
        raise UsageError(f"{text!r} is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    if month is not None and not 1 <= month <= 12:
        raise UsageError(f"{text!r} is not a date: no month {month}")
    if day is not None:
        assert month is not None
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise UsageError(f"{text!r} is not a date: no day {day} in that month")
    if end:
        month = month or 12
        day = day or calendar.monthrange(year, month)[1]
    else:
        month, day = month or 1, day or 1
    return f"{year:04d}-{month:02d}-{day:02d}"


def _span(date: str) -> tuple[str, str]:
    """The first and last day a (possibly partial) date may stand for, as comparable
    strings: `2021-11` spans `2021-11` to `2021-11-99`."""
    return date, date + "-99" * max(0, 2 - date.count("-"))


def _sort_key(entry: Entry) -> tuple[str, int, int, str]:
    if entry.version is not None:
        date = entry.date if entry.date is not None else "\uffff"
        return (date, 0, entry.version.seq, "")
    assert entry.event is not None
    return (entry.event.date, 1, 0, entry.event.id)


def timeline(
    history: History,
    *,
    events: Sequence[Event],
    proposals: Sequence[Proposal] = (),
    since: str | None = None,
    until: str | None = None,
    kinds: Iterable[str] = (),
    newest_first: bool = True,
) -> Timeline:
    """Events and the commits that changed the text, interleaved by date.

    Entries sort by date; a partial date sorts by its start (`2022` before `2022-03-09`);
    on one date the commits come first, in history order, then the events by id.
    Uncommitted changes in the working tree come last. `since`/`until` keep the entries
    whose date (as the span a partial date stands for) overlaps the range.
    """
    low = date_bound(since, end=False) if since else None
    high = date_bound(until, end=True) if until else None
    wanted = set(kinds)
    unknown = wanted - set(ENTRY_KINDS)
    if unknown:
        raise UsageError(f"unknown kind {sorted(unknown)[0]!r}; kinds are {', '.join(ENTRY_KINDS)}")

    def keep(kind: str, date: str | None) -> bool:
        if wanted and kind not in wanted:
            return False
        if date is None:  # the working tree: now
            return high is None
        start, end = _span(date)
        return (low is None or end >= low) and (high is None or start <= high)

    entries: list[Entry] = []
    for version, before, after, _ in _pairs(history):
        if keep("commit", version.date):
            entries.append(Entry("commit", version.date, version, history.counts(before, after)))
    for event in events:
        if keep(event.kind, event.date):
            entries.append(Entry(event.kind, event.date, event=event))
    entries.sort(key=_sort_key, reverse=newest_first)
    return Timeline(
        bill=history.bill,
        entries=tuple(entries),
        proposals={p.id: p for p in proposals},
        newest_first=newest_first,
        notes=tuple(history.notes),
        truncated=history.truncated,
    )


# --- where the bill stands -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Stance:
    """A party's latest stance, and the event it comes from."""

    party: str
    stance: str
    event: str
    date: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class BillStatus:
    bill: str
    title: str
    # The event that records the furthest stage reached: furthest in the declared stage
    # order (a partial date such as `2022` says too little to order by), then by date.
    stage: Event | None
    reading: Event | None  # the latest reading (an event that pins a version)
    provisions: int  # in the working tree
    since_reading: Mapping[Status, int] | None  # reading -> working tree
    proposals: Mapping[str, tuple[str, ...]]  # derived status -> proposal ids
    statuses: Mapping[str, ProposalStatus]
    stances: tuple[Stance, ...]  # by party id
    pending_proposals: tuple[str, ...]
    pending_stages: tuple[str, ...]  # declared stages no event records yet
    notes: tuple[str, ...] = ()


def bill_status(repo: BillRepository) -> BillStatus:
    """Where the bill stands: latest stage, counts since the last reading, proposals by
    derived status, each party's latest stance, what is pending."""
    worktree = repo.worktree_bill()
    events = sorted(repo.events(), key=lambda e: (e.date, e.id))
    proposals = sorted(repo.proposals(), key=lambda p: (p.date, p.id))
    readings = [e for e in events if e.version]
    order = {stage: n for n, stage in enumerate(worktree.stages)}
    staged = sorted(
        (e for e in events if e.stage), key=lambda e: (order.get(e.stage or "", -1), e.date, e.id)
    )
    notes: list[str] = []

    reading = readings[-1] if readings else None
    since: dict[Status, int] | None = None
    if reading is not None and reading.version:
        since = _since(repo, reading, notes)

    statuses = proposal_statuses(proposals, events)
    by_status: dict[str, list[str]] = {status: [] for status in PROPOSAL_ORDER}
    for proposal in proposals:
        by_status.setdefault(statuses[proposal.id].status, []).append(proposal.id)

    latest: dict[str, Stance] = {}
    for event in events:
        for position in event.positions:
            latest[position.party] = Stance(
                position.party, position.stance, event.id, event.date, position.note
            )
    recorded = {e.stage for e in staged}
    return BillStatus(
        bill=repo.bill_id,
        title=worktree.title,
        stage=staged[-1] if staged else None,
        reading=reading,
        provisions=len(worktree.provisions),
        since_reading=since,
        proposals={status: tuple(ids) for status, ids in by_status.items()},
        statuses=statuses,
        stances=tuple(latest[party] for party in sorted(latest)),
        pending_proposals=tuple(by_status.get("proposed", ())),
        pending_stages=tuple(stage for stage in worktree.stages if stage not in recorded),
        notes=tuple(notes),
    )


def _since(repo: BillRepository, reading: Event, notes: list[str]) -> dict[Status, int] | None:
    """Counts of the diff from the reading's pinned version to the working tree."""
    assert reading.version is not None
    if repo.root.repo is None:
        notes.append(f"not in a git repository: {reading.id}'s version cannot be read")
        return None
    path = repo.bill_path
    history = History(repo.bill_id, path, (), ChunkCache.for_bill(repo.root.repo, path), repo=repo)
    blob = history.blobs_at([reading.version])[reading.version]
    if not _COMMIT_ID.fullmatch(reading.version):
        notes.append(f"{reading.id}'s version is not a commit id")
        return None
    if blob is None:
        if repo.git.missing_objects([reading.version]):
            shallow = " (this is a shallow clone: `git fetch --unshallow`)"
            notes.append(
                f"{reading.id} pins commit {reading.version[:12]}, which this repository "
                f"does not have{shallow if repo.git.is_shallow() else ''}"
            )
        else:
            notes.append(f"{reading.id}'s version has no {path}")
        return None
    if not history.readable(blob):
        notes.append(f"{reading.id}'s version of {path} does not parse")
        return None
    try:
        raw = repo.files.bill.read_bytes()
    except FileNotFoundError:
        return None
    worktree = blob_id(raw)
    history.texts.add(worktree, raw, repo.root.display(repo.files.bill), keep=False)
    if not history.readable(worktree):
        return None
    counts = history.counts(blob, worktree)
    history.texts.save()
    return counts
