"""Atomic, create-only writes: a file appears whole or not at all, and never replaces another.

The content goes to a file in the same folder that has no name yet (O_TMPFILE, on
Linux), is fsynced, then hard-linked to its name (link fails if the name exists, so two
writers of the same id cannot both win) and the folder fsynced. A process killed at any
moment leaves either no file or the whole file, and nothing else: an unnamed file
vanishes with its process. Where the OS offers no such file, a `.billtrack-tmp-PID-*`
file stands in, and the next write in that folder removes it once PID is gone.

`append_locked` is the one way an existing file is changed: under an exclusive lock,
new bytes are appended in one write (the existing bytes are never rewritten), and a
failed write is truncated back to the original length.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from billtrack.errors import WriteError

TEMP_PREFIX = ".billtrack-tmp-"


class RecordExistsError(WriteError):
    """The name is taken: another record (or another writer, just now) has it."""


def _shown(path: Path, shown: str | None) -> str:
    return shown if shown is not None else str(path)


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _folder_of(path: Path, shown: str | None) -> str:
    if shown is not None and "/" in shown:
        return shown.rpartition("/")[0]
    return str(path.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _sweep_stale(folder: Path) -> None:
    """Remove temp files left by writers that were killed (their pid is gone)."""
    for entry in folder.glob(TEMP_PREFIX + "*"):
        pid_text = entry.name[len(TEMP_PREFIX) :].split("-", 1)[0]
        if pid_text.isdigit() and not process_alive(int(pid_text)):
            with contextlib.suppress(OSError):
                entry.unlink()


def process_alive(pid: int) -> bool:
    """Whether a process of that id exists (one of another user's counts as alive)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _anonymous_file(folder: Path, shown_folder: str) -> int | None:
    """A file in `folder` that has no name yet (Linux's O_TMPFILE): it vanishes with its
    process, whatever kills it. None where the OS or the file system offers none."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or _UNNAMED_UNLINKABLE:
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY, 0o644)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT):
            return None  # a file system (or kernel) without it: the named way
        raise WriteError(f"cannot write in {shown_folder}: {_reason(exc)}") from None


# Set once giving an unnamed file a name failed here (both ways): the named way from then on.
_UNNAMED_UNLINKABLE: list[bool] = []
# errno values that mean "this way of linking is not available here", not "cannot write".
_NOT_OFFERED = (
    errno.EXDEV,
    errno.ENOENT,
    errno.EPERM,
    errno.EINVAL,
    errno.EOPNOTSUPP,
    errno.ENOSYS,
)
_AT_FDCWD = -100
_AT_EMPTY_PATH = 0x1000


def _link_unnamed(fd: int, path: Path) -> bool:
    """Give the unnamed file `fd` the name `path`: through /proc/self/fd (unprivileged,
    where /proc is mounted alike), else linkat(AT_EMPTY_PATH). False when neither is
    offered here; FileExistsError when the name is taken; OSError for other failures."""
    try:
        os.link(f"/proc/self/fd/{fd}", path, follow_symlinks=True)
        return True
    except OSError as exc:
        if exc.errno not in _NOT_OFFERED:
            raise
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.linkat(fd, b"", _AT_FDCWD, os.fsencode(path), _AT_EMPTY_PATH) == 0:
        return True
    code = ctypes.get_errno()
    if code in _NOT_OFFERED:
        _UNNAMED_UNLINKABLE.append(True)
        return False
    raise OSError(code, os.strerror(code), str(path))


def _fill(fd: int, data: bytes, durable: bool) -> None:
    try:
        _write_all(fd, data)
        if durable:
            os.fsync(fd)
    except BaseException:
        os.close(fd)
        raise


def _named_temp(folder: Path, shown_folder: str) -> tuple[Path, int]:
    temp = folder / f"{TEMP_PREFIX}{os.getpid()}-{os.urandom(4).hex()}"
    try:
        return temp, os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except OSError as exc:
        raise WriteError(f"cannot write in {shown_folder}: {_reason(exc)}") from None


class _Content:
    """`data`, written and fsynced in `folder` under no final name yet: an unnamed
    file where the OS offers one, else a `.billtrack-tmp-PID-*` file (swept by a later
    write once PID is gone). `link_to` gives it its name, create-only; `close` drops
    whatever is left."""

    def __init__(
        self,
        folder: Path,
        data: bytes,
        shown_folder: str,
        *,
        unnamed: bool = True,
        durable: bool = True,
    ) -> None:
        self.temp: Path | None = None
        self.data = data
        self.folder = folder
        self.shown_folder = shown_folder
        self.durable = durable
        _sweep_stale(folder)  # what killed writers left where no unnamed file was offered
        fd = _anonymous_file(folder, shown_folder) if unnamed else None
        if fd is None:
            self.temp, fd = _named_temp(folder, shown_folder)
        self.fd = fd
        try:
            _fill(fd, data, durable)
        except BaseException as exc:
            self.fd = -1
            self.close()
            if isinstance(exc, OSError):
                raise WriteError(f"cannot write in {shown_folder}: {_reason(exc)}") from None
            raise

    def link_to(self, path: Path) -> None:
        """Give the content the name `path`; FileExistsError if it is taken."""
        if self.temp is not None:
            os.link(self.temp, path)
        elif not _link_unnamed(self.fd, path):
            # Not offered here after all: the same content, the named way.
            self.close()
            named = _Content(
                self.folder, self.data, self.shown_folder, unnamed=False, durable=self.durable
            )
            self.temp, self.fd = named.temp, named.fd
            os.link(self.temp, path)  # type: ignore[arg-type]

    def close(self) -> None:
        if self.fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = -1
        if self.temp is not None:
            with contextlib.suppress(OSError):
                self.temp.unlink()
            self.temp = None


def create_file(path: Path, data: bytes, *, shown: str | None = None, durable: bool = True) -> None:
    """Write `data` to `path`, which must not exist. Raises WriteError (RecordExistsError
    when the name is taken), never half-writes. `shown` names the path in messages.
    `durable=False` skips the fsyncs (for a cache, which a crash may lose)."""
    folder = path.parent
    name = _shown(path, shown)
    shown_folder = _folder_of(path, shown)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"cannot create folder {shown_folder}: {_reason(exc)}") from None
    content = _Content(folder, data, shown_folder, durable=durable)
    try:
        content.link_to(path)
    except FileExistsError:
        raise RecordExistsError(f"{name} already exists; records are never overwritten") from None
    except OSError as exc:
        raise WriteError(f"cannot create {name}: {_reason(exc)}") from None
    finally:
        content.close()
    if durable:
        _fsync_dir(folder)


def discard(path: Path) -> None:
    """Remove a file this process created (undoing create_file), durably."""
    path.unlink()
    _fsync_dir(path.parent)


@dataclass(frozen=True, slots=True)
class Edit:
    """What to do to a locked file: append `data`, or (only when the file cannot be
    extended, such as an empty flow list `[]`) replace it whole with `data`."""

    data: bytes
    replace: bool = False


def append_locked(
    path: Path, plan: Callable[[bytes], Edit], *, shown: str | None = None
) -> tuple[bytes, Edit]:
    """Lock `path` exclusively, read it, ask `plan` what to write, and write it.

    `plan` sees the bytes as they are under the lock (so two writers never both plan
    against the same content) and may raise to refuse; nothing is written then. An
    append is one write after which the file is fsynced; if it fails the file is
    truncated back to its old length. A replacement goes through a temp file and a
    rename, so it is atomic too. Returns (the old bytes, the edit made).
    """
    import fcntl

    name = _shown(path, shown)
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_APPEND)
        except OSError as exc:
            raise WriteError(f"cannot open {name}: {_reason(exc)}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            # Another writer may have replaced the file while we waited for the lock:
            # then our descriptor holds the old inode; start again on the new one.
            try:
                current = path.stat()
            except FileNotFoundError:
                continue
            if os.fstat(fd).st_ino != current.st_ino:
                continue
            size = os.fstat(fd).st_size
            old = os.pread(fd, size, 0) if size else b""
            edit = plan(old)
            if edit.replace:
                _replace(path, fd, edit.data, name)
            else:
                _append(fd, size, edit.data, name)
            return old, edit
        finally:
            os.close(fd)


def _append(fd: int, size: int, data: bytes, name: str) -> None:
    try:
        _write_all(fd, data)
        os.fsync(fd)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, size)
            os.fsync(fd)
        if isinstance(exc, OSError):
            raise WriteError(
                f"cannot write {name}: {_reason(exc)}; it was left as it was"
            ) from None
        raise


def _replace(path: Path, fd: int, data: bytes, name: str) -> None:
    folder = path.parent
    content = _Content(folder, data, _folder_of(path, name))
    try:
        with contextlib.suppress(OSError):
            os.fchmod(content.fd, os.fstat(fd).st_mode & 0o7777)
        if content.temp is None:  # an unnamed file: a name for the rename, briefly
            temp = folder / f"{TEMP_PREFIX}{os.getpid()}-{os.urandom(4).hex()}"
            content.link_to(temp)
            content.temp = temp
        assert content.temp is not None
        content.temp.replace(path)
        content.temp = None
    except OSError as exc:
        raise WriteError(f"cannot write {name}: {_reason(exc)}; it was left as it was") from None
    finally:
        content.close()
    _fsync_dir(folder)
