"""Write -> tag -> commit, all or nothing.

A planned record (its bytes already checked) is created atomically and create-only,
then its tag is made, then it is committed; if a later step fails, or Ctrl-C or SIGTERM
arrives, what this transaction made is removed again, and the error says so. The
signals are held (billtrack.interrupts) so that they land between steps, never inside
one. Nothing here knows a command or an option; nothing prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from billtrack.errors import EXIT_INTERRUPTED, BilltrackError, UsageError, WriteError
from billtrack.interrupts import held
from billtrack.store.atomic import create_file, discard
from billtrack.store.gitwrite import GitWriter
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
    """Write the file, then tag, then commit; undo what was done if a later step fails."""
    with held() as hold:
        create_file(plan.path, plan.data, shown=plan.shown)
        tag_oid: str | None = None
        staged = False
        commit: str | None = None
        try:
            hold.check()
            if plan.tag is not None:
                assert git is not None
                tag_oid = git.create_tag(plan.tag.name, plan.tag.commit, plan.tag.message)
                hold.check()
            if plan.commit_message is not None:
                assert git is not None
                relative = git_path(root, plan.path)
                staged = True
                git.stage(relative)
                hold.check()
                commit = git.commit(relative, plan.commit_message)
        except BaseException as exc:
            undone = _undo(root, plan, git, tag_oid, staged)
            if isinstance(exc, KeyboardInterrupt):
                raise Interrupted(f"interrupted; {undone}") from None
            if isinstance(exc, BilltrackError):
                raise WriteError(f"{exc.message}; {undone}") from None
            raise
        # Recorded for good: a stop asked for during the last step has nothing to stop.
        hold.settle()
    return Recorded(
        what=plan.what,
        record_id=plan.record_id,
        path=plan.shown,
        tag=plan.tag.name if plan.tag else None,
        commit=commit,
    )


def _undo(root: Root, plan: Plan, git: GitWriter | None, tag_oid: str | None, staged: bool) -> str:
    """Remove what this transaction made, and say what happened."""
    notes: list[str] = []
    # Nothing here may be interrupted half-way; the error that follows says what was
    # undone, so a stop asked for meanwhile adds nothing to it.
    with held() as hold:
        if staged and git is not None:
            try:
                git.unstage(git_path(root, plan.path))
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
