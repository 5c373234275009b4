"""Where things are on disk: the data root, the bills in it, and their record files.

Ids are never paths: every id that becomes a file name is checked against the id
pattern, and every resolved path is checked to stay inside the data root.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from billtrack.errors import DataError, UsageError
from billtrack.model import ID_PATTERN, PROPOSAL_ID_PATTERN, Party
from billtrack.problems import ProblemError
from billtrack.store.files import read_record
from billtrack.store.records import build_parties

DEFAULT_ROOT = "amendments"
PARTIES_FILE = "parties.yaml"
BILL_FILE = "bill.yaml"
EVENTS_DIR = "events"
PROPOSALS_DIR = "proposals"

_ID = re.compile(ID_PATTERN)
_PROPOSAL_ID = re.compile(PROPOSAL_ID_PATTERN)


def is_record_id(value: str, *, proposal: bool = False) -> bool:
    return bool((_PROPOSAL_ID if proposal else _ID).fullmatch(value))


def find_repo_top(start: Path) -> Path | None:
    """The work tree top of the git repository holding `start`, found without running git.

    Like git, the walk never goes up into a folder of GIT_CEILING_DIRECTORIES (`start`
    itself is always looked at): a test in a temporary folder never finds a repository
    that happens to hold that folder.
    """
    ceilings = _ceilings()
    for folder in (start, *start.parents):
        if folder != start and ceilings and _is_ceiling(folder, ceilings):
            return None
        if (folder / ".git").exists():
            return folder
    return None


def _ceilings() -> frozenset[Path]:
    """GIT_CEILING_DIRECTORIES as git reads it: absolute paths, empty entries skipped,
    each also with its symbolic links resolved."""
    found: set[Path] = set()
    for entry in os.environ.get("GIT_CEILING_DIRECTORIES", "").split(os.pathsep):
        if entry and Path(entry).is_absolute():
            found.add(Path(os.path.normpath(entry)))
            found.add(Path(os.path.realpath(entry)))
    return frozenset(found)


def _is_ceiling(folder: Path, ceilings: frozenset[Path]) -> bool:
    return folder in ceilings or Path(os.path.realpath(folder)) in ceilings


@dataclass(frozen=True, slots=True)
class Root:
    """The data root (holding parties.yaml and one folder per bill) and its repository."""

    path: Path
    repo: Path | None

    def display(self, path: Path) -> str:
        """A path as shown to users: relative to the repository top (or the cwd), POSIX style."""
        base = self.repo or Path.cwd()
        # Most paths are built from the root: resolve the root once, not every file.
        text, root = str(path), str(self.path)
        if text == root:
            return _display(self.path, base)
        if not text.startswith(root + os.sep):
            return _display(path, base)
        inner = text[len(root) + 1 :].replace(os.sep, "/")
        prefix = _display(self.path, base)
        return inner if prefix == "." else f"{prefix}/{inner}"

    def relative(self, path: Path) -> str:
        """A path relative to the repository top, as git names it."""
        if self.repo is None:
            raise UsageError(f"{self.path} is not inside a git repository")
        # The folder resolved, not the file: a symlinked record file is named as itself
        # (and refused when read), never as wherever it points.
        try:
            return (path.parent.resolve() / path.name).relative_to(self.repo.resolve()).as_posix()
        except ValueError:
            raise UsageError(f"{path} is outside the repository {self.repo}") from None

    @property
    def parties_file(self) -> Path:
        return self.path / PARTIES_FILE

    def bill_ids(self) -> list[str]:
        if not self.path.is_dir():
            return []
        return sorted(
            entry.name
            for entry in self.path.iterdir()
            if entry.is_dir() and (entry / BILL_FILE).is_file() and is_record_id(entry.name)
        )

    def bill_folder(self, bill_id: str) -> Path:
        if not is_record_id(bill_id):
            raise UsageError(
                f"{bill_id!r} is not a valid bill id (lowercase letters, digits, . _ -)"
            )
        folder = self.path / bill_id
        inside(self.path, folder)
        return folder

    def choose_bill(self, bill_id: str | None) -> str:
        """The bill a command works on: the one named, or the only one there is."""
        known = self.bill_ids()
        if bill_id is not None:
            if bill_id not in known:
                self.bill_folder(bill_id)  # refuses ids that are not ids
                listed = ", ".join(known) or "none"
                raise UsageError(f"no bill {bill_id!r} under {self.path} (bills: {listed})")
            return bill_id
        if not known:
            raise UsageError(
                f"no bill under {self.path}: create one with `billtrack init BILL` "
                "or point --root / BILLTRACK_ROOT at your data"
            )
        if len(known) > 1:
            raise UsageError(
                f"several bills under {self.path}; choose one with --bill: {', '.join(known)}"
            )
        return known[0]


@lru_cache(maxsize=64)
def _display(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def inside(root: Path, path: Path) -> Path:
    """`path`, refused unless it resolves (symlinks followed) to somewhere inside `root`."""
    resolved_root = root.resolve()
    resolved = path.resolve()
    if resolved != resolved_root and resolved_root not in resolved.parents:
        raise UsageError(f"{path} is outside the data root {root}; refused")
    return path


def find_root(option: str | os.PathLike[str] | None = None, *, must_exist: bool = True) -> Root:
    """The data root: --root, else BILLTRACK_ROOT, else ./amendments (or at the repo top)."""
    given = option if option is not None else os.environ.get("BILLTRACK_ROOT") or None
    cwd = Path.cwd()
    if given is not None:
        path = Path(given)
        if not path.is_absolute():
            path = cwd / path
    else:
        path = cwd / DEFAULT_ROOT
        if not path.is_dir():
            top = find_repo_top(cwd)
            if top is not None and (top / DEFAULT_ROOT).is_dir():
                path = top / DEFAULT_ROOT
    if must_exist and not path.is_dir():
        raise UsageError(
            f"no data root at {path}: run inside a billtrack project, pass --root DIR "
            "or set BILLTRACK_ROOT (or create one with `billtrack init BILL`)"
        )
    return Root(path=path, repo=find_repo_top(path if path.exists() else path.parent))


@dataclass(frozen=True, slots=True)
class BillFiles:
    """The record files of one bill in the working tree."""

    folder: Path

    @property
    def bill(self) -> Path:
        return self.folder / BILL_FILE

    def events(self) -> list[Path]:
        return _records(self.folder / EVENTS_DIR)

    def proposals(self) -> list[Path]:
        return _records(self.folder / PROPOSALS_DIR)

    def all(self) -> list[Path]:
        return [self.bill, *self.events(), *self.proposals()]


def _records(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        (
            p
            for p in folder.iterdir()
            if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")
        ),
        key=lambda p: p.name,
    )


def load_parties(root: Root) -> tuple[Party, ...]:
    """The parties in parties.yaml (none when it does not exist yet)."""
    path = root.parties_file
    if not path.exists():
        return ()
    try:
        from billtrack.store.yamlio import load  # PyYAML: kept off the warm diff's path

        return build_parties(load(read_record(path, root.path), root.display(path)))
    except OSError as exc:
        raise DataError(f"cannot read {root.display(path)}: {exc.strerror or exc}") from None
    except ProblemError as exc:
        raise DataError(f"{exc.message} (fix parties.yaml first)") from None
