"""The boundary with git for reading: revisions, commits, and blobs through one long-lived
`git cat-file --batch` process.

Git runs with no pager, no external diff driver, no textconv and no prompts. A revision
is never passed where git could read it as an option, and a `REV:path` look-up only ever
names paths inside the repository. GitPython is deliberately not imported here: it costs
~0.2 s at start-up, and the read path needs only these few plumbing commands.
"""

from __future__ import annotations

import os
import signal
import subprocess
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from billtrack.errors import DataError, UsageError
from billtrack.store.files import MAX_RECORD_BYTES

# The largest object read from git: the bound on working-tree files (store.files). A larger
# one is never read: cat-file's header gives its size before its content, and the batch
# process is restarted rather than drained.
MAX_BLOB_BYTES = MAX_RECORD_BYTES


class GitError(DataError):
    """git failed or is missing."""


def git_env() -> dict[str, str]:
    """The environment git runs in: nothing that could run user programs or wait for input."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("GIT_")
        or k in ("GIT_DIR", "GIT_WORK_TREE", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM")
        or k.startswith(("GIT_AUTHOR_", "GIT_COMMITTER_"))
    }
    env.update(
        GIT_PAGER="cat",
        PAGER="cat",
        GIT_TERMINAL_PROMPT="0",
        GIT_OPTIONAL_LOCKS="0",
        LC_ALL="C",
        LANGUAGE="C",
    )
    return env


_SAFE_CONFIG = ("-c", "core.quotepath=off", "-c", "diff.external=", "-c", "core.pager=cat")


@dataclass(frozen=True, slots=True)
class Blob:
    oid: str
    data: bytes


@dataclass(frozen=True, slots=True)
class TooLarge:
    """An object larger than MAX_BLOB_BYTES, not read: what `Git.blobs` gives for it."""

    size: int
    limit: int

    def text(self) -> str:
        return f"{_megabytes(self.size)}, larger than {_megabytes(self.limit)}; not read"


class BlobTooLarge(DataError):
    """An object larger than MAX_BLOB_BYTES was asked for; it was not read."""

    def __init__(self, message: str, found: TooLarge) -> None:
        super().__init__(message)
        self.found = found


def refuse_large(size: int, what: str) -> None:
    """Raise BlobTooLarge, naming `what` (`PATH at commit C`), for a size over the bound."""
    if size > MAX_BLOB_BYTES:
        found = TooLarge(size, MAX_BLOB_BYTES)
        raise BlobTooLarge(f"{what}: {found.text()}", found)


def _megabytes(count: int) -> str:
    return f"{count / (1024 * 1024):.0f} MB" if count >= 1024 * 1024 else f"{count} bytes"


ZERO_OID = "0" * 40


@dataclass(frozen=True, slots=True)
class FileChange:
    """One commit that changed one file, as `git log --raw` reports it."""

    commit: str
    parents: tuple[str, ...]
    date: str  # the author date, YYYY-MM-DD
    author: str
    subject: str
    old: str | None  # the file's blob id before the commit; None when it did not exist
    new: str | None  # after; None when the commit deleted it


class Git:
    """Read access to one repository. Use as a context manager to stop the batch process."""

    def __init__(self, top: Path) -> None:
        self.top = top
        self._batch: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Git:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._batch is not None:
            for stream in (self._batch.stdin, self._batch.stdout):
                if stream is not None:
                    stream.close()
            self._batch.wait()
            self._batch = None

    # --- plain commands -------------------------------------------------------------

    def run(self, *args: str, check: bool = True, input_: bytes | None = None) -> str:
        try:
            done = subprocess.run(
                ["git", *_SAFE_CONFIG, *args],
                cwd=self.top,
                env=git_env(),
                input=input_,
                capture_output=True,
                check=False,
            )
        except FileNotFoundError:
            raise GitError("git is not installed or not on PATH") from None
        if done.returncode < 0 and -done.returncode in (signal.SIGINT, signal.SIGTERM):
            raise KeyboardInterrupt  # Ctrl-C reached git too: an interruption, not an error
        if check and done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise GitError(f"git {args[0]} failed: {message[-1] if message else done.returncode}")
        return done.stdout.decode("utf-8", "replace")

    def resolve_commit(self, rev: str) -> str | None:
        """The full commit id `rev` names, or None. Never lets `rev` act as an option:
        it is read by the batch process from its input, never from its arguments."""
        check_revision(rev)
        found = self.info(f"{rev}^{{commit}}")
        return found[0] if found is not None and found[1] == "commit" else None

    def author_date(self, commit: str) -> str | None:
        """The commit's author date (YYYY-MM-DD in the author's time zone), as `%as`."""
        found = self.object(commit)
        if found is None or found[1] != "commit":
            return None
        for line in found[2].split(b"\n"):
            if not line:
                break  # the end of the headers
            if line.startswith(b"author "):
                return _ident_date(line.decode("utf-8", "replace"))
        return None

    def is_shallow(self) -> bool:
        return self.run("rev-parse", "--is-shallow-repository", check=False).strip() == "true"

    def has_commits(self) -> bool:
        return self.resolve_commit("HEAD") is not None

    def shallow_commits(self) -> frozenset[str]:
        """The boundary commits of a shallow clone (their parents are not here)."""
        name = self.run("rev-parse", "--git-path", "shallow", check=False).strip()
        if not name:
            return frozenset()
        path = Path(name) if Path(name).is_absolute() else self.top / name
        try:
            return frozenset(path.read_text(encoding="ascii", errors="replace").split())
        except OSError:
            return frozenset()

    def file_log(self, path: str, *, first_parent: bool = True) -> list[FileChange]:
        """The commits reachable from HEAD that changed `path`, newest first, each with
        the file's blob id before and after. First-parent history by default; otherwise
        merged branches too (a merge compared with its first parent)."""
        if path.startswith(("/", "../")) or "/../" in path or path == "..":
            raise UsageError(f"path {path!r} is outside the repository")
        out = self.run(
            "log",
            "--first-parent" if first_parent else "--diff-merges=first-parent",
            "--no-abbrev",
            "--raw",
            "--no-renames",
            "--no-ext-diff",
            "--no-textconv",
            "-z",
            "--format=%x01%H%x00%P%x00%as%x00%an%x00%s%x00",
            "HEAD",
            "--",
            f":(literal){path}",
        )
        return _parse_file_log(out, path)

    def first_parent_dates(self) -> list[tuple[str, str]]:
        """(commit, author date YYYY-MM-DD) of each commit on HEAD's first-parent line,
        newest first: the states a branch has been in, as the @DATE resolver reads them."""
        out = self.run("log", "--first-parent", "--format=%H %as", "HEAD", "--")
        found = []
        for line in out.splitlines():
            commit, date = line.split()
            found.append((commit, date))
        return found

    def first_commit(self, path: str) -> str | None:
        """The oldest commit on HEAD's first-parent line that touches `path` (relative to
        the repository top), or None."""
        if path.startswith(("/", "../")) or "/../" in path or path == "..":
            raise UsageError(f"path {path!r} is outside the repository")
        out = self.run("rev-list", "--first-parent", "--reverse", "HEAD", "--", path).split()
        return out[0] if out else None

    def missing_objects(self, oids: Iterable[str], kind: str = "commit") -> set[str]:
        """Which of these object ids are not objects of `kind` in this repository."""
        wanted = [oid for oid in oids if oid]
        if not wanted:
            return set()
        out = self.run(
            "cat-file", "--batch-check", input_="".join(f"{o}\n" for o in wanted).encode()
        )
        missing = set()
        for oid, line in zip(wanted, out.splitlines(), strict=False):
            parts = line.split()
            if len(parts) < 2 or parts[1] != kind:
                missing.add(oid)
        return missing

    # --- blobs through one cat-file process ------------------------------------------

    def _stream(self) -> tuple[IO[bytes], IO[bytes]]:
        if self._batch is None:
            try:
                # --batch-command (git 2.36): `info` answers without sending the
                # content, so a cached version costs no read of its blob at all.
                self._batch = subprocess.Popen(
                    ["git", *_SAFE_CONFIG, "cat-file", "--batch-command"],
                    cwd=self.top,
                    env=git_env(),
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                )
            except FileNotFoundError:
                raise GitError("git is not installed or not on PATH") from None
        assert self._batch.stdin is not None and self._batch.stdout is not None
        return self._batch.stdin, self._batch.stdout

    def _ask(self, command: str, spec: str) -> tuple[str, str, int] | None:
        if any(c in spec for c in "\0\n\r"):
            raise UsageError(f"invalid object name {spec!r}")
        stdin, stdout = self._stream()
        stdin.write(f"{command} {spec}\n".encode())
        stdin.flush()
        header = stdout.readline().decode("utf-8", "replace").split()
        if len(header) != 3:  # "<spec> missing" or "ambiguous"
            return None
        return header[0], header[1], int(header[2])

    def info(self, spec: str) -> tuple[str, str, int] | None:
        """(oid, type, size) of `spec` (an oid, `COMMIT:path`, `REV^{commit}`), or None."""
        return self._ask("info", spec)

    def object(self, spec: str) -> tuple[str, str, bytes] | None:
        """(oid, type, content) of `spec` (an oid or `COMMIT:path`), or None when absent.
        Raises BlobTooLarge, without reading it, for an object over MAX_BLOB_BYTES."""
        header = self._ask("contents", spec)
        if header is None:
            return None
        oid, kind, size = header
        if size > MAX_BLOB_BYTES:
            self.close()  # its content is still in the pipe: never read it
            refuse_large(size, spec)
        assert self._batch is not None and self._batch.stdout is not None
        data = self._batch.stdout.read(size)
        self._batch.stdout.read(1)  # the newline after the content
        return oid, kind, data

    def blobs(
        self, oids: Sequence[str], *, window: int = 64
    ) -> Iterator[tuple[str, bytes | TooLarge | None]]:
        """(oid, content) of each blob, in order, through the one cat-file process, with up
        to `window` requests in flight so that git never waits for us between objects.
        None for a missing one; TooLarge, not read, for one over MAX_BLOB_BYTES."""
        if not oids:
            return
        for oid in oids:
            if not oid or any(c in oid for c in "\n\r "):
                raise UsageError(f"invalid object name {oid!r}")
        stdin, stdout = self._stream()
        pending: deque[str] = deque()
        ahead = iter(oids)

        def send(count: int) -> None:
            batch = []
            for oid in ahead:
                batch.append(oid)
                if len(batch) >= count:
                    break
            if batch:
                pending.extend(batch)
                stdin.write("".join(f"contents {oid}\n" for oid in batch).encode())
                stdin.flush()

        send(window)
        try:
            while pending:
                oid = pending.popleft()
                header = stdout.readline().decode("utf-8", "replace").split()
                if len(header) == 3 and int(header[2]) > MAX_BLOB_BYTES:
                    # Never read it: a fresh process is asked again for those in flight.
                    self.close()
                    stdin, stdout = self._stream()
                    stdin.write("".join(f"contents {o}\n" for o in pending).encode())
                    stdin.flush()
                    yield oid, TooLarge(int(header[2]), MAX_BLOB_BYTES)
                elif len(header) == 3:
                    data = stdout.read(int(header[2]))
                    stdout.read(1)
                    yield oid, (data if header[1] == "blob" else None)
                else:
                    yield oid, None
                send(1)
        except GeneratorExit:
            # Abandoned half-way: the answers still in the pipe would be read as the next
            # request's, so stop the process (the next request starts a fresh one).
            self.close()
            raise

    def object_ids(self, specs: Sequence[str]) -> list[str | None]:
        """The object id each spec (`COMMIT:path`, an oid) names, or None when absent."""
        if not specs:
            return []
        for spec in specs:
            if any(c in spec for c in "\0\n\r") or spec.startswith("-"):
                raise UsageError(f"invalid object name {spec!r}")
        out = self.run(
            "cat-file",
            "--batch-check=%(objectname) %(objecttype)",
            input_="".join(f"{spec}\n" for spec in specs).encode(),
            check=False,
        )
        found: list[str | None] = []
        for line in out.splitlines()[: len(specs)]:
            parts = line.split()
            found.append(parts[0] if len(parts) == 2 and parts[1] != "missing" else None)
        found.extend([None] * (len(specs) - len(found)))
        return found

    def committed(self, path: str) -> bytes | None:
        """The file at `path` (relative to the repository top) as the last commit (HEAD)
        has it, or None: what validate falls back on when the working copy is broken."""
        if not self.has_commits():
            return None
        found = self.blob_at("HEAD", path)
        return found.data if found is not None else None

    def blob_at(self, commit: str, path: str) -> Blob | None:
        """The blob at `path` (relative to the repository top) in `commit`, or None."""
        if path.startswith(("/", "../")) or "/../" in path or path == "..":
            raise UsageError(f"path {path!r} is outside the repository")
        try:
            found = self.object(f"{commit}:{path}")
        except BlobTooLarge as exc:
            message = f"{path} at commit {commit[:12]}: {exc.found.text()}"
            raise BlobTooLarge(message, exc.found) from None
        if found is None or found[1] != "blob":
            return None
        return Blob(found[0], found[2])


def _parse_file_log(out: str, path: str) -> list[FileChange]:
    """Parse `git log -z --raw --format=%x01%H%x00%P%x00%as%x00%an%x00%s%x00` output."""
    changes = []
    for record in out.split("\x01"):
        if not record:
            continue
        fields = record.split("\0")
        if len(fields) < 5:
            continue
        commit, parents, date, author, subject = fields[:5]
        old: str | None = None
        new: str | None = None
        seen = False
        rest = fields[5:]
        for at, token in enumerate(rest):
            meta = token.lstrip("\n")
            if not meta.startswith(":") or at + 1 >= len(rest) or rest[at + 1] != path:
                continue
            parts = meta[1:].split()
            if len(parts) >= 5:
                old = None if parts[2] == ZERO_OID else parts[2]
                new = None if parts[3] == ZERO_OID else parts[3]
                seen = True
                break
        if seen:
            changes.append(
                FileChange(commit, tuple(parents.split()), date, author, subject, old, new)
            )
    return changes


def _ident_date(line: str) -> str | None:
    """YYYY-MM-DD of an `author NAME <EMAIL> SECONDS +HHMM` line, in that time zone."""
    import datetime as dt

    parts = line.rsplit(" ", 2)
    if len(parts) != 3 or not parts[1].lstrip("-").isdigit():
        return None
    zone = parts[2]
    try:
        sign = -1 if zone.startswith("-") else 1
        offset = dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5])) * sign
        when = dt.datetime.fromtimestamp(int(parts[1]), dt.timezone(offset))
    except (ValueError, OverflowError, OSError):
        return None
    return when.date().isoformat()


def check_revision(rev: str) -> None:
    """Refuse what git could take for an option or that cannot be a revision."""
    if not rev or rev.startswith("-") or any(c in rev for c in "\0\n\r"):
        raise UsageError(f"{rev!r} is not a revision")


def init_repository(path: Path) -> None:
    """`git init` in `path` (created if needed)."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GitError(f"cannot create {path}: {exc.strerror or exc}") from None
    Git(path).run("init", "--quiet")
