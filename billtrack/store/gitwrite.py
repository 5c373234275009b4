"""The write side of git: resolving the commit a reading pins, comparing the text on
disk with it, tagging and committing, through GitPython (imported here only, since it
costs ~0.2 s; the read path uses billtrack.store.git).

Git runs in the environment billtrack.store.git gives it, for reads and writes alike.
Every value that comes from the user reaches git after `--` or `--end-of-options`, or
as the argument of an option that takes one (`-m MESSAGE`). Errors are WriteError or
UsageError, never GitPython's own; messages never name a command's options.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from billtrack.errors import UsageError, WriteError
from billtrack.interrupts import held
from billtrack.store.git import git_env


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
        """`call` (one GitPython operation), its failures as WriteError."""
        import git

        try:
            return call()
        except git.GitCommandError as exc:
            raise WriteError(f"git {command} failed: {git_reason(exc)}") from None
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
        self._git(
            "commit",
            lambda: self.repo.git.commit("--quiet", "-m", message, "--only", "--", path),
        )
        return self._rev_parse("HEAD")

    def _rev_parse(self, ref: str) -> str:
        out: str = self._git("rev-parse", lambda: self.repo.git.rev_parse("--verify", ref))
        return out.strip()


def git_reason(exc: Exception) -> str:
    stderr = str(getattr(exc, "stderr", "") or "").strip()
    if stderr.startswith("stderr:"):
        stderr = stderr[len("stderr:") :].strip().strip("'")
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    if lines:
        return lines[-1]
    return f"exit status {getattr(exc, 'status', '?')}"
