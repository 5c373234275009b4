"""Atomic, create-only writes: a file appears whole or not at all, and never replaces another.

The content goes to a temporary file in the same folder, is fsynced, then hard-linked
to its name (link fails if the name exists, so two writers of the same id cannot both
win), the temporary name is removed and the folder fsynced. A process killed at any
moment leaves either no file or the whole file, plus at most a `.billtrack-tmp-*` file
that the next write in that folder removes if its writer is gone.

`append_locked` is the one way an existing file is changed: under an exclusive lock,
new bytes are appended in one write (the existing bytes are never rewritten), and a
failed write is truncated back to the original length.
"""

from __future__ import annotations

import contextlib
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
        if pid_text.isdigit() and not _alive(int(pid_text)):
            with contextlib.suppress(OSError):
                entry.unlink()


def _alive(pid: int) -> bool:
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


def _temp_file(folder: Path, data: bytes, shown_folder: str) -> Path:
    """A fsynced temporary file holding `data` in `folder`."""
    temp = folder / f"{TEMP_PREFIX}{os.getpid()}-{os.urandom(4).hex()}"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except OSError as exc:
        raise WriteError(f"cannot write in {shown_folder}: {_reason(exc)}") from None
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, OSError):
            raise WriteError(f"cannot write in {shown_folder}: {_reason(exc)}") from None
        raise
    return temp


def create_file(path: Path, data: bytes, *, shown: str | None = None) -> None:
    """Write `data` to `path`, which must not exist. Raises WriteError (RecordExistsError
    when the name is taken), never half-writes. `shown` names the path in messages."""
    folder = path.parent
    name = _shown(path, shown)
    shown_folder = _folder_of(path, shown)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"cannot create folder {shown_folder}: {_reason(exc)}") from None
    _sweep_stale(folder)
    temp = _temp_file(folder, data, shown_folder)
    try:
        os.link(temp, path)
    except FileExistsError:
        raise RecordExistsError(f"{name} already exists; records are never overwritten") from None
    except OSError as exc:
        raise WriteError(f"cannot create {name}: {_reason(exc)}") from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
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
    _sweep_stale(folder)
    temp = _temp_file(folder, data, _folder_of(path, name))
    try:
        with contextlib.suppress(OSError):
            temp.chmod(os.fstat(fd).st_mode & 0o7777)
        temp.replace(path)
    except OSError as exc:
        raise WriteError(f"cannot write {name}: {_reason(exc)}; it was left as it was") from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    _fsync_dir(folder)
