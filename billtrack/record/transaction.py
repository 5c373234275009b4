"""Write -> tag -> commit, all or nothing.

A planned record (its bytes already checked) is created atomically and create-only,
then its tag is made, then it is committed; if a later step fails, or Ctrl-C or SIGTERM
arrives, what this transaction made is removed again, and the error says so. The
signals are held (billtrack.interrupts) so that they land between steps, never inside
one. Nothing here knows a command or an option; nothing prints.
"""

from __future__ import annotations

import contextlib
import dataclasses
from dataclasses import dataclass
from pathlib import Path

from billtrack.errors import EXIT_INTERRUPTED, BilltrackError, UsageError, WriteError
from billtrack.interrupts import Hold, held
from billtrack.record import journal
from billtrack.store.atomic import create_file, discard
from billtrack.store.cache import blob_id
from billtrack.store.gitwrite import GitInterrupted, GitWriter
from billtrack.store.layout import Root


class Interrupted(BilltrackError):
    """Ctrl-C (or SIGTERM) arrived; whatever this command had made was removed."""

    exit_code = EXIT_INTERRUPTED


@dataclass(frozen=True)
class Recorded:
    """What a write command did, for the CLI to report one line per thing done."""

    what: str  # "event", "proposal" or "party"
    record_id: str
    path: str  # as shown to users: relative to the repository top
    created: bool = True  # False when appended to an existing file
    tag: str | None = None
    commit: str | None = None
    # Ctrl-C arrived once the record was committed: it stays; the CLI says so, exit 130.
    interrupted: bool = False
    # What was found half done by a writer that is gone, and finished or undone first.
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Tag:
    name: str
    commit: str
    message: str


@dataclass(frozen=True)
class Plan:
    """A record ready to be written: its file's bytes, and what git should do with it."""

    what: str
    record_id: str
    path: Path
    shown: str
    data: bytes
    tag: Tag | None = None
    commit_message: str | None = None


def git_path(root: Root, path: Path) -> str:
    """`path` relative to the repository top, as git names it."""
    try:
        return root.relative(path)
    except ValueError:
        raise UsageError(f"{root.display(path)} is outside the git repository") from None


def writer(root: Root, *, needed: bool) -> GitWriter | None:
    """A git writer when one is `needed` (the caller closes it)."""
    if not needed:
        return None
    if root.repo is None:
        raise UsageError(f"{root.display(root.path)} is not inside a git repository")
    return GitWriter(root.repo)


def carry_out(root: Root, plan: Plan, git: GitWriter | None) -> Recorded:
    """Write the file, then tag, then commit; undo what was done if a later step fails.

    One billtrack writer at a time per repository (the others wait, bounded). When a
    git step is cut short (Ctrl-C reaches git too), what git actually did is looked up:
    a tag it made is undone with the rest; a commit it made is kept and the result is
    marked `interrupted`, since undoing a commit would rewrite the user's history.
    """
    with held() as hold:
        lock = git.serialized(hold) if git is not None else contextlib.nullcontext()
        with lock:
            notes = journal.recover(git) if git is not None else []
            entry = journal.begin(git, _entry(root, plan)) if git is not None else None
            try:
                result = _carry_out(root, plan, git, hold)
            finally:
                if entry is not None:  # done or undone: nothing left to recover
                    journal.end(entry)
            if notes:
                result = dataclasses.replace(result, notes=tuple(notes))
            # Recorded for good: a stop asked for during the last step has nothing to
            # stop; the result says it came (the CLI exits 130 after reporting).
            hold.settle()
    return result


def _entry(root: Root, plan: Plan) -> journal.Entry:
    return journal.Entry(
        path=str(plan.path),
        relative=git_path(root, plan.path),
        shown=plan.shown,
        blob=blob_id(plan.data),
        tag=plan.tag.name if plan.tag else None,
        tag_commit=plan.tag.commit if plan.tag else None,
        commit=plan.commit_message is not None,
    )


def _carry_out(root: Root, plan: Plan, git: GitWriter | None, hold: Hold) -> Recorded:
    hold.check()  # nothing made yet: stopping here needs no undo
    create_file(plan.path, plan.data, shown=plan.shown)
    tag_oid: str | None = None
    staged = False
    commit: str | None = None
    interrupted = False
    try:
        hold.check()
        if plan.tag is not None:
            assert git is not None
            try:
                tag_oid = git.create_tag(plan.tag.name, plan.tag.commit, plan.tag.message)
            except BaseException:
                tag_oid = _tag_made(git, plan.tag)  # so that the undo removes it
                raise
            hold.check()
        if plan.commit_message is not None:
            assert git is not None
            relative = git_path(root, plan.path)
            staged = True
            git.stage(relative)
            blob = git.staged_blob(relative)  # what a commit will hold, filters applied
            head_before = git.head()
            hold.check()
            try:
                commit = git.commit(relative, plan.commit_message)
            except BaseException as exc:
                commit = _commit_made(git, head_before, relative, blob)
                if commit is None:
                    raise
                interrupted = _is_stop(exc) or hold.received is not None
    except BaseException as exc:
        undone = _undo(root, plan, git, tag_oid, staged)
        if _is_stop(exc):
            raise Interrupted(f"interrupted; {undone}") from None
        if isinstance(exc, BilltrackError):
            raise WriteError(f"{exc.message}; {undone}") from None
        raise
    return Recorded(
        what=plan.what,
        record_id=plan.record_id,
        path=plan.shown,
        tag=plan.tag.name if plan.tag else None,
        commit=commit,
        interrupted=interrupted,
    )


def _is_stop(exc: BaseException) -> bool:
    return isinstance(exc, KeyboardInterrupt | GitInterrupted)


def _tag_made(git: GitWriter, tag: Tag) -> str | None:
    """The tag object's id if `git tag`, though it failed, made the tag we asked for
    (the name was free before: the plan checked)."""
    if git.tag_target(tag.name) != tag.commit:
        return None
    return git.tag_oid(tag.name)


def _commit_made(
    git: GitWriter, head_before: str | None, path: str, blob: str | None
) -> str | None:
    """The commit `git commit`, though it failed, made: HEAD moved one commit on from
    `head_before` and holds `path` as it was staged (`blob`). None when it made none."""
    head = git.head()
    if head is None or head == head_before:
        return None
    if git.parents(head) != ([head_before] if head_before else []):
        return None
    found = git.blob(head, path)
    return head if found is not None and found == (blob or found) else None


def _undo(root: Root, plan: Plan, git: GitWriter | None, tag_oid: str | None, staged: bool) -> str:
    """Remove what this transaction made, and say what happened."""
    notes: list[str] = []
    # Nothing here may be interrupted half-way; the error that follows says what was
    # undone, so a stop asked for meanwhile adds nothing to it.
    with held() as hold:
        # Only what the index really holds: `git add` may have failed (another git's
        # lock) or been cut short before it wrote the index.
        relative = git_path(root, plan.path)
        if staged and git is not None and git.staged_blob(relative) is not None:
            try:
                git.unstage(relative)
            except BilltrackError:
                notes.append(f"could not unstage {plan.shown}")
        try:
            discard(plan.path)
            notes.insert(0, f"removed {plan.shown}")
        except OSError as exc:
            notes.insert(0, f"could not remove {plan.shown} ({exc.strerror or exc}): remove it")
        if tag_oid is not None and plan.tag is not None and git is not None:
            try:
                git.delete_tag(plan.tag.name, tag_oid)
                notes.append(f"deleted tag {plan.tag.name}")
            except BilltrackError:
                notes.append(f"could not delete tag {plan.tag.name}: delete it with git tag -d")
        hold.settle()
    return ", ".join(notes) + "; nothing recorded"
