"""The write side of git: resolving the version a reading pins, comparing the text on
disk with it, tagging and committing, through GitPython (imported here only, since it
costs ~0.2 s; the read path uses billtrack.store.git).

Every value that comes from the user reaches git after `--` or `--end-of-options`, or
as the argument of an option that takes one (`-m MESSAGE`). Errors are WriteError or
UsageError, never GitPython's own.
"""

from __future__ import annotations

import gc
import signal
import threading
from collections.abc import Sequence
from pathlib import Path

from billtrack.errors import UsageError, WriteError
from billtrack.store.git import check_revision

_GIT_ENV = {
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_PAGER": "cat",
    "PAGER": "cat",
    "GIT_EDITOR": "false",
    "LC_ALL": "C",
    "LANGUAGE": "C",
}


class GitWriter:
    """Resolving revisions, comparing the text on disk, tagging and committing, through
    GitPython. Every value that comes from the user reaches git after `--` or
    `--end-of-options`, or as the argument of an option that takes one (`-m MESSAGE`)."""

    def __init__(self, top: Path) -> None:
        import git

        try:
            self.repo = git.Repo(top)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise UsageError(f"{top} is not a git repository") from None
        self.repo.git.update_environment(**_GIT_ENV)

    def close(self) -> None:
        """Release the repository now, with Ctrl-C held off: GitPython's Repo.__del__
        would otherwise run wherever the last reference drops, and a Ctrl-C landing
        there is printed as an ignored exception with a traceback."""
        main = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
        try:
            self.repo.close()
            del self.repo
            gc.collect()  # the Repo sits in reference cycles: collect it here, held
        finally:
            if main:
                signal.signal(signal.SIGINT, previous if previous is not None else signal.SIG_DFL)

    def run(self, *args: str) -> str:
        import git

        try:
            out: str = self.repo.git.execute(["git", *args])
        except git.GitCommandError as exc:
            raise WriteError(f"git {args[0]} failed: {git_reason(exc)}") from None
        except git.GitCommandNotFound:
            raise WriteError("git is not installed or not on PATH") from None
        except OSError as exc:  # e.g. an argument longer than the system allows
            raise WriteError(f"git {args[0]} failed: {exc.strerror or exc}") from None
        return out

    def ok(self, *args: str) -> bool:
        try:
            self.run(*args)
        except WriteError:
            return False
        return True

    def resolve(self, rev: str) -> str:
        try:
            check_revision(rev)
        except UsageError:
            raise UsageError(f"--version {rev!r} is not a revision") from None
        try:
            return self.run(
                "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"
            ).strip()
        except WriteError:
            if rev == "HEAD":
                raise UsageError(
                    "the repository has no commits yet: commit the bill's text first "
                    "(a reading pins the commit that holds it)"
                ) from None
            raise UsageError(
                f"--version {rev!r} is not a commit of this repository "
                "(give a commit id, tag or branch; the default is HEAD)"
            ) from None

    def has_file(self, commit: str, path: str) -> bool:
        return self.ok("cat-file", "-e", f"{commit}:{path}")

    def changed(self, commit: str, paths: Sequence[str]) -> list[tuple[str, str]]:
        """Files under `paths` that differ on disk from `commit`: (path, how)."""
        out = self.run(
            "diff", "--name-status", "-z", "--no-renames", "--no-ext-diff", "--no-textconv",
            commit, "--", *paths,
        )  # fmt: skip
        fields = [f for f in out.split("\0") if f]
        changes = [
            (name, {"M": "modified", "D": "deleted", "A": "added"}.get(status[:1], "changed"))
            for status, name in zip(fields[::2], fields[1::2], strict=False)
        ]
        untracked = self.run("ls-files", "--others", "--exclude-standard", "-z", "--", *paths)
        changes += [(name, "untracked") for name in untracked.split("\0") if name]
        return changes

    def tag_target(self, name: str) -> str | None:
        try:
            return self.run("rev-parse", "--verify", "--quiet", f"refs/tags/{name}^{{}}").strip()
        except WriteError:
            return None

    def check_tag_name(self, name: str) -> None:
        if not self.ok("check-ref-format", f"refs/tags/{name}"):
            raise UsageError(f"{name!r} cannot be a git tag name; record it with --no-tag")

    def check_identity(self) -> None:
        if not self.ok("var", "GIT_COMMITTER_IDENT"):
            raise UsageError(
                "git does not know who you are, so it cannot tag or commit: set "
                "`git config user.name` and `git config user.email` first"
            )

    def create_tag(self, name: str, commit: str, message: str) -> str:
        """An annotated tag; returns the tag object's id (to undo exactly this tag)."""
        import git

        try:
            self.repo.create_tag(name, ref=commit, message=message)
        except git.GitCommandError as exc:
            raise WriteError(f"git tag failed: {git_reason(exc)}") from None
        except OSError as exc:
            raise WriteError(f"git tag failed: {exc.strerror or exc}") from None
        return self.run("rev-parse", "--verify", f"refs/tags/{name}").strip()

    def delete_tag(self, name: str, oid: str) -> None:
        # Only if it is still the tag we made (compare-and-delete).
        self.run("update-ref", "-d", f"refs/tags/{name}", oid)

    def stage(self, path: str) -> None:
        self.run("add", "--", path)

    def unstage(self, path: str) -> None:
        self.run("rm", "--cached", "--quiet", "--ignore-unmatch", "--", path)

    def commit(self, path: str, message: str) -> str:
        """Commit exactly `path` (already staged), whatever else is staged."""
        self.run("commit", "--quiet", "-m", message, "--only", "--", path)
        return self.run("rev-parse", "--verify", "HEAD").strip()


def git_reason(exc: Exception) -> str:
    stderr = str(getattr(exc, "stderr", "") or "").strip()
    if stderr.startswith("stderr:"):
        stderr = stderr[len("stderr:") :].strip().strip("'")
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    if lines:
        return lines[-1]
    return f"exit status {getattr(exc, 'status', '?')}"
