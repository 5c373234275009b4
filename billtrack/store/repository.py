"""One bill in its repository: resolving what the user names as a version (WORKTREE, a
stage, an event id, @DATE, a git revision, rev:REV) to a commit, and reading the bill
as it was there.

Reading a version costs one blob read and one parse; a parse is cached by blob id under
.git/ (blobs never change, so the cache never goes stale). Every git command goes
through billtrack.store.git. Nothing here prints.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from billtrack import dates
from billtrack.errors import DataError, UsageError
from billtrack.model import Bill, Event, Proposal
from billtrack.problems import ProblemError
from billtrack.store import cache, plain
from billtrack.store.files import read_record
from billtrack.store.git import Git, refuse_large
from billtrack.store.layout import BILL_FILE, BillFiles, Root
from billtrack.store.records import build_bill, build_event, build_proposal, stages_of
from billtrack.suggest import did_you_mean

if TYPE_CHECKING:
    from billtrack.store.yamlio import Document

WORKTREE = "WORKTREE"
_Record = TypeVar("_Record", Event, Proposal)
_FULL_ID = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a comparison, as the user named it and as it resolved."""

    spec: str  # what the user wrote: "first-reading", "WORKTREE", "HEAD~2", "@2021-11"
    commit: str | None  # the full commit id; None for the working tree
    date: str | None = None  # the date the version stands for (event date, @DATE, commit date)
    label: str | None = None  # a human name: "reading first-reading (2021-09-15)"
    stage: str | None = None  # the stage of the reading that pins it, when one does


class BillRepository:
    """One bill in its data root, with git behind it when there is a repository.

    Records (events, proposals) are read from the working tree: they are only ever
    added, so the newest set is the whole record. The bill text is read at any version.
    """

    def __init__(self, root: Root, bill_id: str) -> None:
        self.root = root
        self.bill_id = bill_id
        self.files = BillFiles(root.path / bill_id)
        self._git: Git | None = None
        self._events: list[Event] | None = None
        self._proposals: list[Proposal] | None = None
        self._parsed: dict[str, Bill] = {}  # by blob id: each version is parsed once
        self._stages: tuple[str, ...] | None = None
        # What a read command should tell the user about the records it read around.
        self.warnings: list[str] = []

    def close(self) -> None:
        if self._git is not None:
            self._git.close()

    def __enter__(self) -> BillRepository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def git(self) -> Git:
        if self.root.repo is None:
            raise UsageError(
                f"{self.root.path} is not in a git repository: only WORKTREE can be read"
            )
        if self._git is None:
            self._git = Git(self.root.repo)
        return self._git

    @property
    def bill_path(self) -> str:
        """bill.yaml's path relative to the repository top, as git names it."""
        return self.root.relative(self.files.bill)

    # --- records ----------------------------------------------------------------------

    def events(self) -> list[Event]:
        if self._events is None:
            self._events = self._records(self.files.events(), build_event)
        return self._events

    def proposals(self) -> list[Proposal]:
        if self._proposals is None:
            self._proposals = self._records(self.files.proposals(), build_proposal)
        return self._proposals

    def _records(
        self, paths: list[Path], build: Callable[[Document, str], _Record]
    ) -> list[_Record]:
        """The records that can be read; each that cannot is skipped with a warning
        naming its file and problem, and one whose date is not a date is kept with one
        (a read command degrades on what validate refuses, and never stops)."""
        found = []
        for path in paths:
            try:
                record = build(self._load(path), path.stem)
            except DataError as exc:
                self.warnings.append(f"{exc.message}; this record is skipped")
                continue
            if dates.parse_or_none(record.date) is None:
                self.warnings.append(
                    f"{self.root.display(path)}: date {record.date!r} is not a date "
                    f"({dates.HINT}); its place in time is unknown (billtrack validate)"
                )
            found.append(record)
        return found

    def _load(self, path: Path) -> Document:
        from billtrack.store.yamlio import load  # PyYAML: ~20 ms, off a warm diff's path

        shown = self.root.display(path)
        try:
            raw = read_record(path, self.root.path)
        except OSError as exc:
            raise DataError(f"{shown}: {exc.strerror or exc}") from None
        return load(raw, shown)

    def worktree_bytes(self) -> bytes | None:
        """bill.yaml's bytes in the working tree; None when there is none. Raises
        DataError when it is there but not a regular file inside the data root."""
        try:
            return read_record(self.files.bill, self.root.path)
        except FileNotFoundError:
            return None
        except OSError as exc:
            shown = self.root.display(self.files.bill)
            raise DataError(f"{shown}: {exc.strerror or exc}") from None

    # --- versions ---------------------------------------------------------------------

    def readings(self) -> list[Event]:
        """Events that pin a version, oldest first (by date, then id)."""
        return sorted((e for e in self.events() if e.version), key=lambda e: (e.date, e.id))

    def resolve(self, spec: str) -> Side:
        """What `spec` names. Raises UsageError listing what it could have meant."""
        if spec == WORKTREE:
            return Side(spec, None, None, "the working tree")
        if spec.startswith("rev:"):
            return self._revision(spec, spec[4:])
        if spec.startswith("@"):
            return self._at_date(spec)
        events = {e.id: e for e in self.events()}
        if spec in events:
            event = events[spec]
            if not event.version:
                raise UsageError(f"event {spec!r} pins no version (only readings do)")
            return self._pinned(spec, event, f"{event.id} ({event.date})")
        by_stage = [e for e in self.readings() if e.stage == spec]
        if by_stage:
            event = by_stage[-1]
            return self._pinned(spec, event, f"{spec} ({event.date})")
        # A full commit id is never a stage name: no need to read the bill to know.
        declared = not _FULL_ID.fullmatch(spec) and spec in self._declared_stages()
        if self.root.repo is not None and not declared and not spec.startswith("-"):
            commit = self.git.resolve_commit(spec)
            if commit is not None:
                return Side(spec, commit, self._commit_date(commit), spec)
        if declared:
            raise UsageError(f"no reading of stage {spec!r} is recorded yet")
        raise UsageError(f"unknown version {spec!r}{self._suggest(spec)}")

    def _revision(self, spec: str, rev: str) -> Side:
        commit = self.git.resolve_commit(rev)
        if commit is None:
            raise UsageError(f"{rev!r} is not a commit of this repository")
        return Side(spec, commit, self._commit_date(commit), rev)

    def _pinned(self, spec: str, event: Event, label: str) -> Side:
        assert event.version is not None
        if self.git.missing_objects([event.version]):
            if self.git.is_shallow():
                raise UsageError(
                    f"{event.id} pins commit {event.version}, which this shallow clone "
                    f"does not have; fetch it with `git fetch --unshallow` "
                    f"(or `git fetch origin {event.version}`)"
                )
            raise UsageError(f"{event.id} pins commit {event.version}, which does not exist")
        return Side(spec, event.version, event.date, label, event.stage)

    def _at_date(self, spec: str) -> Side:
        try:
            when = dates.parse(spec[1:])
        except dates.DateError:
            raise UsageError(
                f"{spec!r}: expected a date as @YYYY, @YYYY-MM or @YYYY-MM-DD"
            ) from None
        # A partial date means its end: @2021-11 is the state at the end of November.
        end = when.end.isoformat()
        if not self.git.has_commits():
            raise UsageError("the repository has no commits yet")
        for commit, date in self.git.first_parent_dates():
            if date <= end:
                return Side(spec, commit, date, f"as of {spec[1:]}")
        raise UsageError(f"no commit on this branch at or before {spec[1:]}")

    def _commit_date(self, commit: str) -> str | None:
        return self.git.author_date(commit)

    def stages(self) -> tuple[str, ...]:
        """The bill's stage order, as bill.yaml in the working tree declares it."""
        return self._declared_stages()

    def _declared_stages(self) -> tuple[str, ...]:
        """The stages bill.yaml declares, read from its head only (the part before the
        provisions: a large bill's text is not read to resolve a revision)."""
        if self._stages is None:
            self._stages = ()
            from billtrack.store.yamlio import load  # PyYAML, as in _load

            try:
                head = read_record(self.files.bill, self.root.path)
                head = head.split(b"\nprovisions:", 1)[0]
                data = load(head, self.root.display(self.files.bill), positions=False).data
            except (OSError, ProblemError):
                return self._stages
            if isinstance(data, dict):
                self._stages = stages_of(data)[0]
        return self._stages

    def _suggest(self, spec: str) -> str:
        names = sorted(
            {e.stage for e in self.readings() if e.stage} | {e.id for e in self.readings()}
        )
        # Looser than the usual closeness: a version name is short, and a stage named
        # with one word of two (`first` for `first-reading`) should still be offered.
        hint = did_you_mean(spec, names, cutoff=0.5)
        known = ", ".join(names) if names else "no readings recorded"
        return (
            f"{hint} (a version is WORKTREE, a stage or reading: {known}; @DATE; "
            "or a git revision, which rev:REV forces)"
        )

    def first_commit(self) -> str | None:
        """The first commit that holds the bill's text."""
        if self.root.repo is None or not self.git.has_commits():
            return None
        return self.git.first_commit(self.bill_path)

    def default_old(self) -> Side:
        """The latest recorded reading, else the bill's first commit."""
        readings = self.readings()
        if readings:
            latest = readings[-1]
            return self._pinned(latest.id, latest, f"{latest.id} ({latest.date})")
        first = self.first_commit()
        if first is None:
            raise UsageError(
                "nothing to compare with: no reading is recorded and the bill has no commit"
            )
        return Side(first[:12], first, self._commit_date(first), "the bill's first commit")

    # --- reading the text -------------------------------------------------------------

    def current_bill(self) -> Bill | None:
        """The bill in the working tree, None when it has no bill.yaml there: its title,
        stage names and initiator are how reports name the bill at any version. A
        working tree bill.yaml that cannot be read is None too: naming falls back to the
        versions compared, which are read (and reported on) as usual."""
        try:
            return self.bill_at(Side(WORKTREE, None))
        except ProblemError:
            return None

    def worktree_bill(self) -> Bill:
        bill = self.bill_at(Side(WORKTREE, None))
        if bill is None:
            raise UsageError(f"no {BILL_FILE} for bill {self.bill_id!r}")
        return bill

    def blob_at(self, side: Side) -> tuple[str, Callable[[], bytes]] | None:
        """bill.yaml's blob id at `side` and a way to read its bytes (only called when
        they must be parsed); None when it does not exist there."""
        if side.commit is None:
            raw = self.worktree_bytes()
            if raw is None:
                return None
            return cache.blob_id(raw), lambda: raw
        found = self.git.info(f"{side.commit}:{self.bill_path}")
        if found is None or found[1] != "blob":
            return None
        oid = found[0]
        refuse_large(found[2], f"{self.bill_path} at commit {side.commit[:12]}")

        def read() -> bytes:
            blob = self.git.object(oid)
            return blob[2] if blob is not None else b""

        return oid, read

    def bill_at(self, side: Side) -> Bill | None:
        """The bill as it reads at `side`; None when its bill.yaml does not exist there."""
        blob = self.blob_at(side)
        if blob is None:
            return None
        shown = (
            self.root.display(self.files.bill)
            if side.commit is None
            else f"{side.commit[:12]}:{self.bill_path}"
        )
        return self._parse(blob[1], blob[0], shown)

    def _parse(self, read: Callable[[], bytes], oid: str, shown: str) -> Bill:
        """The bill in blob `oid`: from memory, else the cache, else parsed (and cached).
        `read` gives the bytes, and is only called when they must be parsed."""
        if oid in self._parsed:
            return self._parsed[oid]
        store = cache.ParseCache.for_repo(self.root.repo)
        hit = store.get(oid) if store else None
        bill: Bill | None = None
        if hit is not None:
            with contextlib.suppress(ValueError):
                bill = plain.bill_from_plain(hit, shown)
        if bill is None:
            from billtrack.store.yamlio import load  # PyYAML, as in _load

            bill = build_bill(load(read(), shown, positions=False))
            if store:
                store.put(oid, plain.bill_to_plain(bill))
        self._parsed[oid] = bill
        return bill
