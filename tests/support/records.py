"""Helpers shared by the tests of the write commands (no tests here).

A project is a real git repository (the `git_repo` fixture) holding parties.yaml and one
bill with stages, committed, so that a reading can pin HEAD.
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from billtrack.store.yamlio import load
from tests.support.cli import invoke
from tests.support.repos import PARTIES, Repo

BILL = "test-bill"
ROOT = "amendments"
FOLDER = f"{ROOT}/{BILL}"

BILL_TEXT = f"""
# A hand-written bill: billtrack never rewrites it.
id: {BILL}
title: A test bill
jurisdiction: KZ
language: ru
stages: [first-reading, government-conclusion, second-reading]
provisions:
  - id: local-office
    number: "1.1"
    text: A foreign platform opens an office in the country.
  - id: removal-on-request
    number: "1.2"
    text: The platform removes unlawful content at the authority's request.
  - id: reporting-form
    number: "1.3"
    text: The authority sets the form of reports.
"""


def make_project(repo: Repo, *, commit: bool = True) -> None:
    """parties.yaml and one bill; committed unless told not to."""
    repo.write(f"{ROOT}/parties.yaml", "# Parties (hand-written).\n" + PARTIES.lstrip("\n"))
    repo.write(f"{FOLDER}/bill.yaml", BILL_TEXT)
    repo.write(f"{FOLDER}/events/.gitkeep", "")
    repo.write(f"{FOLDER}/proposals/.gitkeep", "")
    if commit:
        # Dated before the readings the tests record, as a text that was read must be
        # (event-chronology warns about a reading pinning a commit authored after it).
        repo.commit("The bill's text", date="2021-01-01T12:00:00")


def assert_valid(runner: CliRunner) -> None:
    """`billtrack validate --strict` passes: no errors and no warnings."""
    code, out, err = invoke(runner, "validate", "--strict")
    assert code == 0, out + err


def read_record(path: Path) -> object:
    """A record file's data, loaded the way billtrack loads it."""
    return load(path.read_bytes(), str(path)).data


def files_under(folder: Path) -> list[str]:
    """Every file under `folder` (hidden ones too, but not git's own), relative, sorted."""
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if (p.is_file() or p.is_symlink()) and ".git" not in p.relative_to(folder).parts
    )


def temp_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob(".billtrack-tmp-*"))
