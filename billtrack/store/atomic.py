"""Atomic, create-only writes: a file appears whole or not at all, and never replaces another.

The content goes to a temporary file in the same folder, is fsynced, then hard-linked
to its name (link fails if the name exists, so two writers of the same id cannot both
win), the temporary name is removed and the folder fsynced. A process killed at any
moment leaves either no file or the whole file, plus at most a `.billtrack-tmp-*` file
that the next write in that folder removes if its writer is gone.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from billtrack.errors import WriteError

TEMP_PREFIX = ".billtrack-tmp-"


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


def create_file(path: Path, data: bytes) -> None:
    """Write `data` to `path`, which must not exist. Raises WriteError, never half-writes."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"cannot create folder {folder}: {exc.strerror or exc}") from None
    _sweep_stale(folder)
    temp = folder / f"{TEMP_PREFIX}{os.getpid()}-{os.urandom(4).hex()}"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except OSError as exc:
        raise WriteError(f"cannot write in {folder}: {exc.strerror or exc}") from None
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(temp, path)
        except FileExistsError:
            raise WriteError(f"{path} already exists; records are never overwritten") from None
        except OSError as exc:
            raise WriteError(f"cannot create {path}: {exc.strerror or exc}") from None
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    _fsync_dir(folder)
