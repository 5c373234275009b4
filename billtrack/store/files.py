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
    try:
        before = os.lstat(path)
    except FileNotFoundError:
        raise
    if stat.S_ISLNK(before.st_mode):
        raise refused(path, "a symbolic link, not a regular file (not followed)")
    if not stat.S_ISREG(before.st_mode):
        raise refused(path, f"{_kind(before.st_mode)}, not a regular file")
    real_root = os.path.realpath(root)
    real = os.path.realpath(path)
    if os.path.commonpath([real_root, real]) != real_root:
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
        if now.st_size > limit:
            raise refused(path, f"{_size(now.st_size)}, larger than {_size(limit)}; not read")
        chunks: list[bytes] = []
        total = 0
        while block := os.read(fd, 1 << 20):
            total += len(block)
            if total > limit:
                raise refused(path, f"larger than {_size(limit)}; not read")
            chunks.append(block)
        return b"".join(chunks)
    finally:
        os.close(fd)


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
