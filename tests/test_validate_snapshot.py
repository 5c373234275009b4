"""The store boundary validate reads through: the Snapshot of a data root (what it holds,
what it names as strays or unreadable, and with_files standing in for files not yet
written), and finding the repository without walking past GIT_CEILING_DIRECTORIES."""

from __future__ import annotations

from pathlib import Path

import pytest

from billtrack.store.layout import Root, find_repo_top, find_root
from billtrack.store.snapshot import Snapshot
from billtrack.validate import validate
from tests.support.repos import PARTIES, Repo, bill_yaml

PROVISIONS = """
- id: scope
  text: This law applies to online platforms.
"""
PROPOSAL = """
date: "2021-12-02"
author: government
action: replace
target: scope
text: This law applies to every platform.
"""


@pytest.fixture
def root(git_repo: Repo) -> Root:
    git_repo.write("amendments/parties.yaml", PARTIES)
    git_repo.write("amendments/b1/bill.yaml", bill_yaml("b1", PROVISIONS))
    git_repo.write("amendments/b1/proposals/P-0001.yaml", PROPOSAL)
    git_repo.write("amendments/b1/proposals/notes.txt", "a note\n")
    git_repo.write("amendments/b1/event/2021-12-01.yaml", "date: x\n")
    git_repo.write("amendments/b2/bill.yaml", bill_yaml("b2", PROVISIONS))
    git_repo.write("amendments/b3/bill.yml", bill_yaml("b3", PROVISIONS))
    git_repo.write("amendments/README.md", "data\n")
    git_repo.write("amendments/.hidden", "ignored\n")
    git_repo.commit("data")
    return find_root()


def test_a_snapshot_holds_the_record_files_and_names_the_strays(root: Root) -> None:
    snapshot = Snapshot.read(root)
    names = {p.relative_to(root.path).as_posix() for p in snapshot.files}
    assert names == {"parties.yaml", "b1/bill.yaml", "b1/proposals/P-0001.yaml", "b2/bill.yaml"}
    assert snapshot.files[root.path / "b1" / "bill.yaml"] == (
        (root.path / "b1" / "bill.yaml").read_bytes()
    )
    strays = {p.relative_to(root.path).as_posix(): k for p, k in snapshot.strays.items()}
    assert strays == {
        "README.md": "file",
        "b3": "folder",
        "b1/event": "folder",
        "b1/proposals/notes.txt": "file",
    }
    assert snapshot.bill_ids() == ["b1", "b2"]
    assert snapshot.whole


def test_a_snapshot_of_some_bills_reads_only_them(root: Root) -> None:
    snapshot = Snapshot.read(root, ["b2"])
    names = {p.relative_to(root.path).as_posix() for p in snapshot.files}
    assert names == {"parties.yaml", "b2/bill.yaml"}
    assert snapshot.strays == {}
    assert not snapshot.whole
    assert Snapshot.read(root, []).bill_ids() == []


def test_a_file_that_cannot_be_read_is_named_with_the_reason(root: Root) -> None:
    (root.path / "b2" / "events" / "2021-12-01.yaml").mkdir(parents=True)
    snapshot = Snapshot.read(root, ["b2"])
    folder = root.path / "b2" / "events" / "2021-12-01.yaml"
    assert snapshot.unreadable == {folder: "a folder, not a regular file"}
    problems = validate(snapshot).problems
    assert [(p.code, p.path, p.message) for p in problems] == [
        ("file-unreadable", "amendments/b2/events/2021-12-01.yaml", "a folder, not a regular file")
    ]


def test_validate_reads_nothing_but_the_snapshot(root: Root) -> None:
    snapshot = Snapshot.read(root)
    # Once read, the disk can change: validate checks what was read.
    (root.path / "b1" / "proposals" / "P-0001.yaml").write_text("author: nobody\n")
    (root.path / "parties.yaml").unlink()
    report = validate(snapshot)
    assert report.bills == ["b1", "b2"]
    assert report.files == 4
    assert {p.code for p in report.problems} == {"file-unknown"}


def test_with_files_stands_in_for_files_not_yet_written(root: Root) -> None:
    new = root.path / "b1" / "proposals" / "P-0002.yaml"
    bad = PROPOSAL.replace("government", "goverment").lstrip("\n").encode()
    snapshot = Snapshot.read(root, ["b1"]).with_files({new: bad})
    assert not new.exists()
    assert snapshot.records("b1", "proposals")[-1] == new
    errors = [p for p in validate(snapshot).problems if p.level == "error"]
    assert [(p.path, p.line, p.code) for p in errors] == [
        ("amendments/b1/proposals/P-0002.yaml", 2, "ref-party")
    ]
    assert "did you mean 'government'?" in errors[0].message
    # A file given stands in for the one on disk, and a new bill.yaml makes a bill.
    replaced = Snapshot.read(root, ["b1"]).with_files(
        {root.path / "b1" / "bill.yaml": bill_yaml("b1", PROVISIONS).replace("b1", "bx").encode()}
    )
    assert [p.code for p in validate(replaced).problems if p.level == "error"] == ["bill-id"]
    added = Snapshot.read(root, []).with_files(
        {root.path / "b9" / "bill.yaml": bill_yaml("b9", PROVISIONS).encode()}
    )
    assert added.bill_ids() == ["b9"]
    assert validate(added).problems == []


def test_a_snapshot_without_parties_yaml_says_it_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "data").mkdir()
    monkeypatch.chdir(tmp_path)
    report = validate(Snapshot.read(Root(tmp_path / "data", None)))
    assert [(p.code, p.path) for p in report.problems] == [("file-missing", "data/parties.yaml")]
    report = validate(Snapshot.read(Root(tmp_path / "absent", None)))
    assert [p.code for p in report.problems] == ["file-missing"]


# --- finding the repository -------------------------------------------------------------


def test_the_repository_is_found_from_inside_it(tmp_path: Path) -> None:
    (tmp_path / "top" / ".git").mkdir(parents=True)
    (tmp_path / "top" / "a" / "b").mkdir(parents=True)
    assert find_repo_top(tmp_path / "top" / "a" / "b") == tmp_path / "top"


def test_the_walk_never_goes_up_into_a_ceiling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "top" / ".git").mkdir(parents=True)
    inner = tmp_path / "top" / "a" / "b"
    inner.mkdir(parents=True)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", f"/nonexistent::{tmp_path / 'top' / 'a'}")
    assert find_repo_top(inner) is None
    # Started at the ceiling itself, the walk ignores it, as git does.
    assert find_repo_top(tmp_path / "top" / "a") == tmp_path / "top"
    (tmp_path / "top" / "a" / ".git").mkdir()
    assert find_repo_top(tmp_path / "top" / "a") == tmp_path / "top" / "a"
    # A ceiling above the repository does not hide it; relative entries are ignored.
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", f"a:{tmp_path}")
    assert find_repo_top(inner) == tmp_path / "top" / "a"


def test_a_ceiling_named_through_a_symbolic_link_stops_the_walk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "top" / ".git").mkdir(parents=True)
    (tmp_path / "top" / "a").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "top")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path / "link"))
    assert find_repo_top(tmp_path / "top" / "a") is None


def test_a_data_root_in_a_temp_dir_has_no_repository_above_the_ceiling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The case the ceiling is for: a test's temp dir inside some other repository.
    (tmp_path / ".git").mkdir()
    (tmp_path / "work" / "amendments").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "work")
    assert find_root().repo == tmp_path
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert find_root().repo is None
