"""A snapshot of a data root: the bytes of its record files, read once, for validate.

validate never walks the disk: it checks a Snapshot. The snapshot holds parties.yaml,
each bill's bill.yaml, events/ and proposals/ records, the record files that could not
be read (and why), and the entries that are not part of the data format (strays), so
that validate can name them. A write command checks a record before it exists by
adding it: `Snapshot.read(root, [bill]).with_files({path: data})`.

This module reads and never writes, never parses YAML and never prints.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from billtrack.store.files import RecordReader
from billtrack.store.layout import (
    BILL_FILE,
    EVENTS_DIR,
    PARTIES_FILE,
    PROPOSALS_DIR,
    Root,
)

# "orphans": a folder without bill.yaml that holds events/ or proposals/ records.
StrayKind = Literal["file", "folder", "orphans"]
RECORD_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a data root held when it was read, plus any files a caller added."""

    root: Root
    # Record files by path (under root.path): parties.yaml, bill.yaml, events, proposals.
    files: Mapping[Path, bytes] = field(default_factory=dict)
    # Record files that exist but could not be read: path -> the reason.
    unreadable: Mapping[Path, str] = field(default_factory=dict)
    # Entries that are not part of the data format: path -> what it is.
    strays: Mapping[Path, StrayKind] = field(default_factory=dict)
    # Whether the whole data root was read (its own strays listed), or only some bills.
    whole: bool = True

    @classmethod
    def read(cls, root: Root, bill_ids: Iterable[str] | None = None) -> Snapshot:
        """Read parties.yaml and the given bills (every bill when None)."""
        files: dict[Path, bytes] = {}
        unreadable: dict[Path, str] = {}
        strays: dict[Path, StrayKind] = {}

        reader = RecordReader(root.path)

        def take(path: Path) -> None:
            try:
                files[path] = reader.read(path)
            except OSError as exc:
                unreadable[path] = exc.strerror or str(exc)

        if os.path.lexists(root.parties_file):  # a symlink is named, not taken as missing
            take(root.parties_file)
        if bill_ids is None:
            for entry in _entries(root.path):
                if entry.name == PARTIES_FILE:
                    continue
                if not entry.is_dir():
                    strays[entry] = "file"
                elif not (entry / BILL_FILE).is_file():
                    strays[entry] = "orphans" if _holds_records(entry) else "folder"
        for bill_id in root.bill_ids() if bill_ids is None else bill_ids:
            folder = root.path / bill_id
            take(folder / BILL_FILE)
            for entry in _entries(folder):
                if entry.name not in (BILL_FILE, EVENTS_DIR, PROPOSALS_DIR):
                    strays[entry] = "folder" if entry.is_dir() else "file"
            for records in (folder / EVENTS_DIR, folder / PROPOSALS_DIR):
                for entry in _entries(records) if records.is_dir() else ():
                    if entry.suffix in RECORD_SUFFIXES:
                        take(entry)
                    else:
                        strays[entry] = "folder" if entry.is_dir() else "file"
        return cls(root, files, unreadable, strays, whole=bill_ids is None)

    def with_files(self, added: Mapping[Path, bytes]) -> Snapshot:
        """This snapshot with `added` (paths under the data root) standing in for the
        files on disk, or added to them: what validate would see once they are written."""
        files = {**self.files, **added}
        unreadable = {p: why for p, why in self.unreadable.items() if p not in added}
        return replace(self, files=files, unreadable=unreadable)

    def has(self, path: Path) -> bool:
        """Whether `path` is a record file here (read or not)."""
        return path in self.files or path in self.unreadable

    def bill_ids(self) -> list[str]:
        """The bills the snapshot holds, by folder name."""
        found = {
            path.parent.name
            for path in (*self.files, *self.unreadable)
            if path.name == BILL_FILE and path.parent.parent == self.root.path
        }
        return sorted(found)

    def records(self, bill_id: str, folder: str) -> list[Path]:
        """The record files of one bill's events/ or proposals/, by file name."""
        where = self.root.path / bill_id / folder
        return sorted(
            (p for p in (*self.files, *self.unreadable) if p.parent == where),
            key=lambda p: p.name,
        )


def _holds_records(folder: Path) -> bool:
    return any(
        entry.suffix in RECORD_SUFFIXES
        for records in (folder / EVENTS_DIR, folder / PROPOSALS_DIR)
        for entry in _entries(records)
    )


def _entries(folder: Path) -> list[Path]:
    """A folder's entries, sorted, dot-files left out (editors and git keep theirs there)."""
    try:
        # By name: comparing the strings is cheaper than comparing the paths.
        entries = [entry for entry in folder.iterdir() if not entry.name.startswith(".")]
    except OSError:
        return []
    return sorted(entries, key=lambda entry: entry.name)
