"""What a write that tags or commits is doing, written down before it starts, so that a
writer killed outright (SIGKILL, power loss) is finished or undone by the next one.

A journal entry lives under the repository's .git/billtrack/pending/ from before the
record file is created until the write is complete or undone. Entries are only read
under the writer lock (billtrack.store.gitwrite), so any entry found there belongs to a
writer that is gone. What it made is then undone exactly as an interruption would be,
except a commit git has made: that is kept (undoing it would rewrite history). Each
thing done is returned as a note for the user.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from billtrack.errors import BilltrackError
from billtrack.store.atomic import create_file, discard
from billtrack.store.cache import blob_id
from billtrack.store.gitwrite import LOCK_WAIT_SECONDS, GitWriter


@dataclass(frozen=True)
class Entry:
    path: str  # absolute, the record file
    relative: str  # as git names it
    shown: str
    blob: str  # the record's bytes as a git blob id
    tag: str | None
    tag_commit: str | None
    commit: bool


def folder(git: GitWriter) -> Path:
    return Path(git.repo.common_dir) / "billtrack" / "pending"


def begin(git: GitWriter, entry: Entry) -> Path | None:
    """Write the entry down (durably) before anything is made; returns its file. None
    when it cannot be written (a full disk): the write itself then says what is wrong,
    in the terms of its own file, and has only a kill to fear without it."""
    path = folder(git) / f"{os.getpid()}-{os.urandom(4).hex()}.json"
    try:
        create_file(path, json.dumps(asdict(entry)).encode())
    except BilltrackError:
        return None
    return path


def end(path: Path) -> None:
    with contextlib.suppress(OSError):
        discard(path)


def recover(git: GitWriter) -> list[str]:
    """Finish or undo what writers that are gone left half done; say what was done."""
    pending = sorted(folder(git).glob("*.json")) if folder(git).is_dir() else []
    if not pending:
        return []
    # A git the dead writer started may still be committing: let it finish first.
    index_lock = Path(git.repo.git_dir) / "index.lock"
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while index_lock.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    notes: list[str] = []
    for journal in pending:
        try:
            entry = Entry(**json.loads(journal.read_bytes()))
        except (OSError, ValueError, TypeError):
            end(journal)  # not ours to read: nothing to act on
            continue
        with contextlib.suppress(BilltrackError, OSError):
            notes += _settle(git, entry)
            end(journal)
    return notes


def _settle(git: GitWriter, entry: Entry) -> list[str]:
    # A record's path is new (records are create-only): if HEAD or the index holds it,
    # the dead writer put it there (compared by path: filters may change the bytes).
    if entry.commit and git.blob("HEAD", entry.relative) is not None:
        return []  # git committed it: recorded, the tag (if any) with it
    notes: list[str] = []
    path = Path(entry.path)
    if git.staged_blob(entry.relative) is not None:
        git.unstage(entry.relative)
    if path.is_file() and not path.is_symlink() and blob_id(path.read_bytes()) == entry.blob:
        discard(path)
        notes.append(f"removed {entry.shown}")
    if entry.tag is not None and git.tag_target(entry.tag) == entry.tag_commit:
        oid = git.tag_oid(entry.tag)
        if oid is not None:
            git.delete_tag(entry.tag, oid)
            notes.append(f"deleted tag {entry.tag}")
    return notes
