"""A persistent cache under the repository's .git/ folder: parsed versions keyed by git
blob id, and diffs keyed by the pair of blob ids.

A blob id names exact bytes, so an entry never goes stale; the cache folder carries a
format number and the billtrack version so that a change to the model never reads an
old shape. The cache is an optimisation only: any failure to read or write it is
ignored. An entry is plain data (JSON, see billtrack.store.plain), never a pickle: a
read command reads it, and reading it must not be able to run anything.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

from billtrack import __version__
from billtrack.store.atomic import create_file

# Entries are JSON of the model's classes (billtrack.store.plain): bump the number when
# one of them changes shape (tests/test_cache.py pins their fields).
CACHE_FORMAT = f"v12-{__version__}"


def blob_id(data: bytes) -> str:
    """The id git gives these bytes as a blob (SHA-1 object format)."""
    digest = hashlib.sha1(b"blob %d\0" % len(data), usedforsecurity=False)
    digest.update(data)
    return digest.hexdigest()


def git_dir(top: Path) -> Path | None:
    dot_git = top / ".git"
    if dot_git.is_dir():
        return dot_git
    if dot_git.is_file():  # a linked worktree or submodule: "gitdir: PATH"
        with contextlib.suppress(OSError, UnicodeDecodeError):
            text = dot_git.read_text(encoding="utf-8").strip()
            if text.startswith("gitdir:"):
                linked = Path(text[7:].strip())
                linked = linked if linked.is_absolute() else top / linked
                common = linked / "commondir"
                if common.is_file():
                    shared = Path(common.read_text(encoding="utf-8").strip())
                    return shared if shared.is_absolute() else linked / shared
                return linked
    return None


class ParseCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def for_repo(cls, top: Path | None) -> ParseCache | None:
        if top is None or os.environ.get("BILLTRACK_NO_CACHE"):
            return None
        found = git_dir(top)
        return cls(found / "billtrack" / "cache" / CACHE_FORMAT) if found else None

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> object | None:
        """The plain data (JSON) stored under `key`, or None."""
        try:
            with self._path(key).open("rb") as handle:
                value: object = json.loads(handle.read().decode("utf-8"))
                return value
        except Exception:  # a missing, partial or foreign entry is a miss
            return None

    def put(self, key: str, value: object) -> None:
        # Through the atomic writer: an entry appears whole or not at all, and a writer
        # killed half-way leaves no partial file behind (an unnamed file on Linux).
        with contextlib.suppress(Exception):
            data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
            create_file(self._path(key), data, durable=False)  # taken: the same bytes
