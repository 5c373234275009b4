"""The write side of git: resolving the commit a reading pins, comparing the text on
disk with it, tagging and committing, through GitPython (imported here only, since it
costs ~0.2 s; the read path uses billtrack.store.git).

Git runs in the environment billtrack.store.git gives it, for reads and writes alike.
Every value that comes from the user reaches git after `--` or `--end-of-options`, or
as the argument of an option that takes one (`-m MESSAGE`). Errors are WriteError or
UsageError, never GitPython's own; messages never name a command's options.
"""

from __future__ import annotations

import contextlib
import gc
import os
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from billtrack.errors import EXIT_INTERRUPTED, BilltrackError, UsageError, WriteError
from billtrack.interrupts import Hold, held
from billtrack.store.atomic import process_alive
from billtrack.store.git import git_env

# How long a git command waits for another git (or billtrack) that holds one of the
# repository's lock files (index.lock, a ref's .lock) before saying so.
LOCK_WAIT_SECONDS = 15.0


class GitInterrupted(BilltrackError):
    """git itself was stopped by a signal (Ctrl-C reaches the whole process group), so
    what it did is unknown until the repository is looked at. Not a WriteError: a
    look-up cut short is no answer ("no such commit"), it is an interruption."""

    exit_code = EXIT_INTERRUPTED


class GitBusy(WriteError):
    """Another git process held one of the repository's lock files for too long."""


def _pinned_environment() -> dict[str, str]:
    """What git_env() sets or changes. GitPython starts git with this process's own
    environment plus these, so the variables git_env() leaves out are not removed."""
    return {k: v for k, v in git_env().items() if os.environ.get(k) != v}


class GitWriter:
    """Resolving revisions, comparing the text on disk, tagging and committing, in the
    repository at `top`. close() it when done."""

    def __init__(self, top: Path) -> None:
        import git

        try:
            self.repo = git.Repo(top)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise UsageError(f"{top} is not a git repository") from None
        self.repo.git.update_environment(**_pinned_environment())

    def close(self) -> None:
        """Release the repository now, with Ctrl-C held off: GitPython's Repo.__del__
        would otherwise run wherever the last reference drops, and a Ctrl-C landing
        there is printed as an ignored exception with a traceback."""
        with held() as hold:
            self.repo.close()
            del self.repo
            gc.collect()  # the Repo sits in reference cycles: collect it here, held
            hold.settle()

    def _git(self, command: str, call: Callable[[], Any]) -> Any:
        """`call` (one GitPython operation), its failures as WriteError. While another
        git holds a lock file that `call` needs, it is tried again (a bounded wait)."""
        import git

        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                return call()
            except git.GitCommandError as exc:
                if isinstance(exc.status, int) and exc.status < 0:
                    raise GitInterrupted(f"git {command} was interrupted") from None
                if not _lock_held(exc):
                    raise WriteError(f"git {command} failed: {git_reason(exc)}") from None
                if time.monotonic() >= deadline:
                    raise GitBusy(
                        f"git {command} failed: another git command (or billtrack) is "
                        f"working in this repository and has held its lock for "
                        f"{LOCK_WAIT_SECONDS:.0f} s; try again when it has finished"
                    ) from None
                time.sleep(0.05)
            except git.GitCommandNotFound:
                raise WriteError("git is not installed or not on PATH") from None
            except OSError as exc:  # e.g. an argument longer than the system allows
                raise WriteError(f"git {command} failed: {exc.strerror or exc}") from None

    def _succeeds(self, command: str, call: Callable[[], Any]) -> bool:
        try:
            self._git(command, call)
        except WriteError:
            return False
        return True

    def serialized(self, hold: Hold) -> contextlib.AbstractContextManager[None]:
        """One billtrack writer at a time in this repository: the others wait here (a
        stop asked for while waiting is honoured, at `hold.check`)."""
        # A file that is only ever flock()ed, never removed (so not named *.lock).
        return _write_lock(Path(self.repo.common_dir) / "billtrack" / "writers", hold)

    def resolve(self, rev: str) -> str | None:
        """The full id of the commit `rev` names, or None when it names none. `rev` must
        have passed billtrack.store.git.check_revision."""
        try:
            out: str = self._git(
                "rev-parse",
                lambda: self.repo.git.rev_parse(
                    "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"
                ),
            )
        except WriteError:
            return None
        return out.strip()

    def has_file(self, commit: str, path: str) -> bool:
        return self._succeeds("cat-file", lambda: self.repo.git.cat_file("-e", f"{commit}:{path}"))

    def changed(self, commit: str, paths: Sequence[str]) -> list[tuple[str, str]]:
        """Files under `paths` that differ on disk from `commit`: (path, how)."""
        options = ("--name-status", "-z", "--no-renames", "--no-ext-diff", "--no-textconv")
        out: str = self._git("diff", lambda: self.repo.git.diff(*options, commit, "--", *paths))
        fields = [f for f in out.split("\0") if f]
        changes = [
            (name, {"M": "modified", "D": "deleted", "A": "added"}.get(status[:1], "changed"))
            for status, name in zip(fields[::2], fields[1::2], strict=False)
        ]
        untracked: str = self._git(
            "ls-files",
            lambda: self.repo.git.ls_files("--others", "--exclude-standard", "-z", "--", *paths),
        )
        changes += [(name, "untracked") for name in untracked.split("\0") if name]
        return changes

    def tag_target(self, name: str) -> str | None:
        """The commit the tag `name` points to, or None when there is no such tag."""
        try:
            out: str = self._git(
                "rev-parse",
                lambda: self.repo.git.rev_parse("--verify", "--quiet", f"refs/tags/{name}^{{}}"),
            )
        except WriteError:
            return None
        return out.strip()

    def is_tag_name(self, name: str) -> bool:
        return self._succeeds(
            "check-ref-format", lambda: self.repo.git.check_ref_format(f"refs/tags/{name}")
        )

    def check_identity(self) -> None:
        if not self._succeeds("var", lambda: self.repo.git.var("GIT_COMMITTER_IDENT")):
            raise UsageError(
                "git does not know who you are, so it cannot tag or commit: set "
                "`git config user.name` and `git config user.email` first"
            )

    def create_tag(self, name: str, commit: str, message: str) -> str:
        """An annotated tag; returns the tag object's id (to undo exactly this tag)."""
        self._git("tag", lambda: self.repo.create_tag(name, ref=commit, message=message))
        # rev-parse rather than the TagReference's object: that look-up starts a second
        # long-lived `git cat-file` process for one id.
        return self._rev_parse(f"refs/tags/{name}")

    def delete_tag(self, name: str, oid: str) -> None:
        # Only if it is still the tag we made (compare-and-delete), which GitPython's
        # TagReference.delete does not offer.
        self._git("update-ref", lambda: self.repo.git.update_ref("-d", f"refs/tags/{name}", oid))

    def stage(self, path: str) -> None:
        # git's own `add` (not GitPython's index writer): it applies the repository's
        # filters and attributes exactly as a user's `git add` would.
        self._git("add", lambda: self.repo.git.add("--", path))

    def unstage(self, path: str) -> None:
        self._git(
            "rm", lambda: self.repo.git.rm("--cached", "--quiet", "--ignore-unmatch", "--", path)
        )

    def commit(self, path: str, message: str) -> str:
        """Commit exactly `path` (already staged), whatever else is staged, running the
        repository's hooks (GitPython's index.commit would commit the whole index and skip
        the hooks)."""
        try:
            self._git(
                "commit",
                # No auto-maintenance after the commit: a Ctrl-C that reaches it there
                # leaves its .git/objects/maintenance.lock behind, and a record's commit
                # is no moment to repack (the user's own git commands still do).
                lambda: self.repo.git(c="maintenance.auto=false").commit(
                    "--quiet", "-m", message, "--only", "--", path
                ),
            )
        except BaseException:
            self._sweep_dead_temp_indexes()
            raise
        return self._rev_parse("HEAD")

    def _sweep_dead_temp_indexes(self) -> None:
        """`git commit --only` works on a temporary index, .git/next-index-PID.lock; a
        git killed at the wrong moment leaves it behind. Remove those of dead gits."""
        for temp in Path(self.repo.git_dir).glob("next-index-*.lock"):
            pid = temp.name[len("next-index-") : -len(".lock")]
            if pid.isdigit() and not process_alive(int(pid)):
                with contextlib.suppress(OSError):
                    temp.unlink()

    def head(self) -> str | None:
        """The commit HEAD names, or None on a branch with no commit yet."""
        return self.resolve("HEAD")

    def parents(self, commit: str) -> list[str]:
        out: str = self._git(
            "rev-list", lambda: self.repo.git.rev_list("--parents", "-n", "1", commit)
        )
        return out.split()[1:]

    def blob(self, commit: str, path: str) -> str | None:
        """The id of the blob `path` has in `commit`, or None when it has none."""
        try:
            out: str = self._git(
                "rev-parse",
                lambda: self.repo.git.rev_parse("--verify", "--quiet", f"{commit}:{path}"),
            )
        except WriteError:
            return None
        return out.strip() or None

    def staged_blob(self, path: str) -> str | None:
        """The id of the blob the index holds for `path`, or None when it holds none."""
        return self.blob("", path)

    def tag_oid(self, name: str) -> str | None:
        """The id of the tag object refs/tags/`name` holds, or None when there is none."""
        try:
            out: str = self._git(
                "rev-parse",
                lambda: self.repo.git.rev_parse("--verify", "--quiet", f"refs/tags/{name}"),
            )
        except WriteError:
            return None
        return out.strip() or None

    def _rev_parse(self, ref: str) -> str:
        out: str = self._git("rev-parse", lambda: self.repo.git.rev_parse("--verify", ref))
        return out.strip()


@contextlib.contextmanager
def _write_lock(path: Path, hold: Hold) -> Iterator[None]:
    import fcntl

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:  # a read-only .git: git itself will say what is wrong
        yield
        return
    try:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                hold.check()
                if time.monotonic() >= deadline:
                    raise GitBusy(
                        "another billtrack is committing in this repository and has not "
                        f"finished in {LOCK_WAIT_SECONDS:.0f} s; try again when it has"
                    ) from None
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)  # releases the lock


def _lock_held(exc: Exception) -> bool:
    """git refused because a lock file (index.lock, a ref's .lock) already exists."""
    stderr = str(getattr(exc, "stderr", "") or "")
    return ".lock" in stderr and "File exists" in stderr


def git_reason(exc: Exception) -> str:
    stderr = str(getattr(exc, "stderr", "") or "").strip()
    if stderr.startswith("stderr:"):
        stderr = stderr[len("stderr:") :].strip().strip("'")
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    if lines:
        return lines[-1]
    return f"exit status {getattr(exc, 'status', '?')}"
