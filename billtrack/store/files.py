"""Reading one record file from the working tree: only a regular file inside the data
root, never through a symbolic link, never more than a bound.

A record file a pull request commits may be a symlink (out of the repository, or to
/dev/zero), and a FIFO or device never ends: each is refused with a reason in the
user's words, as an OSError, so that every reader handles it like any file it could not
read. This module never prints and never parses.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

# The largest record file read: far above any real bill (a whole code of law is a few
# MB), far below what would exhaust memory once parsed.
MAX_RECORD_BYTES = 64 * 1024 * 1024


def refused(path: Path, reason: str) -> OSError:
    return OSError(errno.EINVAL, reason, str(path))


def read_record(path: Path, root: Path, *, limit: int = MAX_RECORD_BYTES) -> bytes:
    """The bytes of the regular file `path`, which must be inside `root`.

    Raises FileNotFoundError when there is nothing there, and an OSError whose strerror
    says why for anything else that is not a readable regular file inside `root`.
    """
    return RecordReader(root, limit=limit).read(path)


class RecordReader:
    """Reads record files inside one root: what read_record does for one file, with the
    root's real path and each folder's verdict (inside the root, or reached through a
    symbolic link out of it) found once, not once a file (a thousand proposals in one
    folder cost a thousand path resolutions otherwise, a fifth of a validate run)."""

    __slots__ = ("_folders", "_limit", "_real_root")

    def __init__(self, root: Path, *, limit: int = MAX_RECORD_BYTES) -> None:
        self._real_root = os.path.realpath(root)
        self._limit = limit
        self._folders: dict[Path, bool] = {}

    def read(self, path: Path) -> bytes:
        before = os.lstat(path)  # FileNotFoundError when there is nothing there
        if stat.S_ISLNK(before.st_mode):
            raise refused(path, "a symbolic link, not a regular file (not followed)")
        if not stat.S_ISREG(before.st_mode):
            raise refused(path, f"{_kind(before.st_mode)}, not a regular file")
        if not self._inside(path.parent):
            raise refused(path, "outside the data root (through a symbolic link); not read")
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(path, flags)
        try:
            now = os.fstat(fd)
            # Swapped between the look and the open: refused like the swapped-in thing.
            if not stat.S_ISREG(now.st_mode) or (now.st_dev, now.st_ino) != (
                before.st_dev,
                before.st_ino,
            ):
                raise refused(path, "changed while being read; not read")
            limit = self._limit
            if now.st_size > limit:
                raise refused(path, f"{_size(now.st_size)}, larger than {_size(limit)}; not read")
            chunks: list[bytes] = []
            total = 0
            # One read of the whole file, then one that finds its end (or that it grew).
            while block := os.read(fd, max(now.st_size + 1, 1 << 16)):
                total += len(block)
                if total > limit:
                    raise refused(path, f"larger than {_size(limit)}; not read")
                chunks.append(block)
            return b"".join(chunks)
        finally:
            os.close(fd)

    def _inside(self, folder: Path) -> bool:
        verdict = self._folders.get(folder)
        if verdict is None:
            real = os.path.realpath(folder)
            verdict = os.path.commonpath([self._real_root, real]) == self._real_root
            self._folders[folder] = verdict
        return verdict


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _size(count: int) -> str:
    return f"{count / (1024 * 1024):.0f} MB"
