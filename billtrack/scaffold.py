"""`billtrack init`: a new bill folder with a valid skeleton, in a git repository, all or
nothing: checked first, never through a symbolic link, never `git init` unless asked."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from pathlib import Path

from billtrack.errors import BilltrackError, UsageError, WriteError
from billtrack.interrupts import held
from billtrack.record.fields import invalid
from billtrack.record.transaction import Interrupted
from billtrack.schemas import KINDS, schema, schema_text
from billtrack.store.atomic import create_file, discard
from billtrack.store.git import init_repository
from billtrack.store.layout import (
    BILL_FILE,
    EVENTS_DIR,
    PROPOSALS_DIR,
    Root,
    find_repo_top,
    inside,
    is_record_id,
)
from billtrack.store.yamlwrite import dump

# Editors (yaml-language-server) read the schema from a copy beside the data, so they
# work offline; `billtrack schema KIND` prints the current one.
SCHEMAS_DIR = ".schemas"
SCHEMA_MODELINE = "yaml-language-server: $schema={up}" + SCHEMAS_DIR + "/{kind}.schema.json"
SCHEMA_HINT = "Validate with `billtrack validate`; print the schema with `billtrack schema {kind}`."


def init_bill(
    root: Root,
    bill_id: str,
    *,
    title: str | None,
    jurisdiction: str,
    language: str,
    create_git: bool = False,
) -> list[str]:
    """Create the skeleton, all or nothing; returns what was created, as shown to users.

    Everything is checked before anything is made. A git repository is created only
    when asked (`create_git`), in the current folder, which must hold the data root. If
    anything fails or Ctrl-C arrives, everything made is removed again (a retry works).
    """
    _check_values(bill_id, jurisdiction, language)
    folder = root.path / bill_id
    files = _files(root, folder, bill_id, title, jurisdiction, language)
    for path in [root.path / SCHEMAS_DIR, folder, *(path for path, _ in files)]:
        _refuse_links(root, path)
    if (folder / BILL_FILE).exists():
        raise UsageError(f"{root.display(folder / BILL_FILE)} already exists")
    new_repo = _repository_to_create(root, create_git)
    _check_writable(new_repo or folder)
    made = _Made()
    with held() as hold:
        try:
            if new_repo is not None:
                made.folders(new_repo / ".git")
                made.repository = new_repo / ".git"  # checked above: there is none yet
                init_repository(new_repo)
                root = Root(path=root.path, repo=new_repo)
                hold.check()
            created = [f"created git repository {new_repo}"] if new_repo is not None else []
            for path, data in files:
                if path.exists():  # the schemas, parties.yaml, .gitkeep a bill shares
                    continue
                made.folders(path.parent)
                create_file(path, data, shown=root.display(path))
                made.files.append(path)
                created.append(f"created {root.display(path)}")
                hold.check()
        except BaseException as exc:
            made.undo()
            if isinstance(exc, KeyboardInterrupt):
                raise Interrupted("interrupted; nothing was created") from None
            if isinstance(exc, BilltrackError):
                raise WriteError(f"{exc.message}; nothing was created") from None
            raise
        hold.settle()
    return created


def _check_values(bill_id: str, jurisdiction: str, language: str) -> None:
    if not is_record_id(bill_id):
        raise UsageError(
            f"{bill_id!r} is not a valid bill id: lowercase letters, digits, '.', '_' and '-', "
            "starting with a letter or digit, at most 80 characters"
        )
    # The values must give a bill.yaml the schema accepts (A1 is upper-case, not a code).
    fields = schema("bill")["properties"]
    if not re.fullmatch(fields["jurisdiction"]["pattern"], jurisdiction):
        raise invalid("jurisdiction", f"{jurisdiction!r}: expected an ISO 3166-1 alpha-2 code")
    if not re.fullmatch(fields["language"]["pattern"], language):
        raise invalid("language", f"{language!r}: expected a BCP 47 tag such as ru, kk or en-GB")


def _files(
    root: Root, folder: Path, bill_id: str, title: str | None, jurisdiction: str, language: str
) -> list[tuple[Path, bytes]]:
    """Every file of the skeleton and its bytes, in the order they are made."""
    files = [
        (root.path / SCHEMAS_DIR / f"{kind}.schema.json", schema_text(kind).encode())
        for kind in KINDS
    ]
    parties_header = [
        SCHEMA_MODELINE.format(up="", kind="parties"),
        "Who takes part: a list of {id, name, kind, country?, note?}.",
        SCHEMA_HINT.format(kind="parties"),
    ]
    files.append((root.parties_file, dump([], header=parties_header).encode()))
    bill = {
        "id": bill_id,
        "title": title or bill_id.replace("-", " ").capitalize(),
        "jurisdiction": jurisdiction,
        "language": language,
        "provisions": [],
    }
    bill_header = [
        SCHEMA_MODELINE.format(up="../", kind="bill"),
        "The bill's metadata and its provisions, in order; a provision's id never changes.",
        SCHEMA_HINT.format(kind="bill"),
    ]
    # bill.yaml last: it makes the folder a bill, so a writer killed before it leaves
    # only files a retry keeps and completes.
    files += [(folder / sub / ".gitkeep", b"") for sub in (EVENTS_DIR, PROPOSALS_DIR)]
    files.append((folder / BILL_FILE, dump(bill, header=bill_header).encode()))
    return files


def _refuse_links(root: Root, path: Path) -> None:
    """Nothing is written through a symbolic link, nor outside the data root."""
    for step in (path, *path.parents):
        if step == root.path or root.path.is_relative_to(step):
            break
        if step.is_symlink():
            raise UsageError(f"{root.display(step)} is a symbolic link; refused")
    if path.exists() or path.is_symlink():
        inside(root.path, path)


def _repository_to_create(root: Root, create_git: bool) -> Path | None:
    """The folder where `git init` is to run, or None when a repository holds the root."""
    start = root.path if root.path.exists() else _existing_ancestor(root.path)
    if root.repo is not None or find_repo_top(start) is not None:
        return None
    here = Path.cwd()
    if not create_git:
        raise UsageError(
            f"{root.path} is not inside a git repository: run `git init` where it should "
            f"be, or pass --git to create one here ({here})"
        )
    if not root.path.resolve().is_relative_to(here.resolve()):
        raise UsageError(
            f"--git creates the repository here ({here}), which does not hold the data "
            f"root {root.path}: run it from the folder that should hold the repository"
        )
    return here


def _existing_ancestor(path: Path) -> Path:
    for step in (path, *path.parents):
        if step.exists():
            return step
    return Path("/")


def _check_writable(target: Path) -> None:
    """Fail before anything is made when the nearest existing folder cannot take it."""
    existing = _existing_ancestor(target)
    if not existing.is_dir():
        raise UsageError(f"{existing} is not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise WriteError(f"cannot write in {existing}: Permission denied")


class _Made:
    """What init made so far, to remove it again: files, the folders created for them
    and the repository."""

    def __init__(self) -> None:
        self.files: list[Path] = []
        self.new_folders: list[Path] = []
        self.repository: Path | None = None

    def folders(self, folder: Path) -> None:
        """Note the folders that making `folder` (and its parents) will create."""
        missing = [step for step in (folder, *folder.parents) if not step.exists()]
        self.new_folders += [step for step in reversed(missing) if step not in self.new_folders]

    def undo(self) -> None:
        with held() as hold:
            for path in reversed(self.files):
                with contextlib.suppress(OSError):
                    discard(path)
            if self.repository is not None:
                shutil.rmtree(self.repository, ignore_errors=True)
            for folder in reversed(self.new_folders):
                with contextlib.suppress(OSError):
                    folder.rmdir()  # only when empty: nothing that is not ours
            hold.settle()
