"""What is not a record, read by the read commands (issue 15, items 7-10): whole-string
patterns, files that are not regular files inside the data root, invalid records in
history. Each case names the file and the problem; none is a traceback or exit 3."""

from __future__ import annotations

import json
import tracemalloc

import pytest
from typer.testing import CliRunner

from billtrack.store import git as git_store
from tests.support.cli import invoke
from tests.support.records import FOLDER, make_project
from tests.support.repos import Repo


@pytest.fixture
def project(git_repo: Repo) -> Repo:
    make_project(git_repo)
    return git_repo


# --- 8: a pattern matches the whole string ------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["reading", "record", "--stage", "first-reading", "--date", "2021-11\n"],
        ["party", "add", "meta", "--name", "Meta", "--kind", "company", "--country", "KZ\n"],
        ["party", "add", "meta", "--name", "Meta", "--kind", "company", "--extension", "x-a\n=b"],
    ],
)
def test_a_trailing_newline_is_refused_on_the_command_line(
    project: Repo, cli: CliRunner, args: list[str]
) -> None:
    before = project.git("status", "--porcelain")
    code, out, err = invoke(cli, *args)
    assert code == 2, out + err
    assert project.git("status", "--porcelain") == before


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_a_trailing_newline_in_a_file_is_a_problem(project: Repo, cli: CliRunner, fmt: str) -> None:
    head = project.git("rev-parse", "HEAD")
    project.write(
        f"{FOLDER}/events/2021-first.yaml",
        f"""
        date: "2021-11"
        kind: reading
        stage: first-reading
        version: "{head}\\n"
        """,
    )
    code, out, err = invoke(cli, "validate", "--format", fmt)
    assert code == 1, out + err
    assert "2021-first.yaml" in out and "schema-pattern" in out
    assert "\\Z" not in out
    if fmt == "json":
        json.loads(out)


def test_the_two_validators_agree_on_a_final_newline() -> None:
    from billtrack.validate.schema import fast_validator, full_validator

    record = {"id": "p", "name": "P", "kind": "company", "country": "KZ\n"}
    with pytest.raises(ValueError):
        fast_validator("parties")([record])
    assert list(full_validator("parties").iter_errors([record]))


# --- 7: only regular files inside the data root are read ------------------------------


def _plant(project: Repo, name: str, make: str, outside: str) -> None:
    import os

    target = project.path / f"{FOLDER}/proposals/{name}"
    if make == "symlink-out":
        target.symlink_to(outside)
    elif make == "dev-zero":
        target.symlink_to("/dev/zero")
    elif make == "fifo":
        os.mkfifo(target)


@pytest.mark.parametrize("make", ["symlink-out", "dev-zero", "fifo"])
@pytest.mark.parametrize("fmt", ["text", "github"])
def test_validate_names_what_is_not_a_regular_file(
    project: Repo, cli: CliRunner, tmp_path: object, make: str, fmt: str
) -> None:
    from pathlib import Path

    secret = Path(str(tmp_path)) / "secret.yaml"
    secret.write_text("id: P-1\nauthor: TOP-SECRET-VALUE\n", encoding="utf-8")
    _plant(project, "P-1.yaml", make, str(secret))
    code, out, err = invoke(cli, "validate", "--format", fmt)
    assert code == 1, out + err
    assert "P-1.yaml" in out
    assert "file-unreadable" in out
    assert "TOP-SECRET-VALUE" not in out + err


@pytest.mark.parametrize("make", ["symlink-out", "dev-zero", "fifo"])
@pytest.mark.parametrize("command", [["diff"], ["status"], ["log"], ["table"]])
def test_read_commands_never_follow_hang_or_exhaust(
    project: Repo, cli: CliRunner, tmp_path: object, make: str, command: list[str]
) -> None:
    from pathlib import Path

    secret = Path(str(tmp_path)) / "secret.yaml"
    secret.write_text("id: P-1\nauthor: TOP-SECRET-VALUE\n", encoding="utf-8")
    _plant(project, "P-1.yaml", make, str(secret))
    code, out, err = invoke(cli, *command)
    assert code in (0, 1, 2), out + err
    assert "TOP-SECRET-VALUE" not in out + err
    if code:
        assert "P-1.yaml" in err


def test_a_symlinked_bill_file_is_refused(project: Repo, cli: CliRunner, tmp_path: object) -> None:
    from pathlib import Path

    bill = project.path / f"{FOLDER}/bill.yaml"
    copy = Path(str(tmp_path)) / "elsewhere.yaml"
    copy.write_bytes(bill.read_bytes())
    bill.unlink()
    bill.symlink_to(copy)
    for command in ("diff", "status", "log", "history local-office", "summary", "validate"):
        code, out, err = invoke(cli, *command.split())
        assert code == 1, (command, out + err)
        assert "bill.yaml" in out + err and "symbolic link" in out + err, command


def test_a_record_file_past_the_bound_is_refused(tmp_path: object) -> None:
    from pathlib import Path

    from billtrack.store.files import read_record

    root = Path(str(tmp_path))
    big = root / "big.yaml"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(OSError, match="larger than"):
        read_record(big, root, limit=1000)
    assert read_record(big, root, limit=4000) == b"x" * 2000


def test_text_file_dev_zero_is_a_clean_error(project: Repo, cli: CliRunner) -> None:
    code, out, err = invoke(
        cli, "proposal", "new", "--action", "replace", "--target", "local-office",
        "--author", "government", "--date", "2021-11-01", "--text-file", "/dev/zero",
    )  # fmt: skip
    assert code == 2, out + err
    assert "/dev/zero" in err and "larger than" in err


# --- 9-10: read commands degrade on invalid records --------------------------------------

READ_COMMANDS = [
    ["diff"],
    ["diff", "--format", "json"],
    ["summary"],
    ["log"],
    ["history", "local-office"],
    ["status"],
    ["show", "local-office"],
    ["table"],
]


def _tags_broken_then_fixed(project: Repo) -> None:
    bill = project.path / f"{FOLDER}/bill.yaml"
    good = bill.read_text(encoding="utf-8")
    bill.write_text(
        good.replace('    number: "1.1"\n', '    number: "1.1"\n    tags: [[a], {k: v}]\n', 1),
        encoding="utf-8",
    )
    project.commit("tags that are not strings")
    bill.write_text(good, encoding="utf-8")
    project.commit("put right")


@pytest.mark.parametrize("command", READ_COMMANDS)
def test_a_committed_and_reverted_mistake_never_crashes(
    project: Repo, cli: CliRunner, command: list[str]
) -> None:
    _tags_broken_then_fixed(project)
    code, out, err = invoke(cli, *command)
    assert code in (0, 1), out + err
    if command[0] in ("log", "history"):
        assert code == 0 and "'tags' must be" in out + err


@pytest.mark.parametrize("command", READ_COMMANDS)
def test_a_mistake_in_the_working_tree_is_named(
    project: Repo, cli: CliRunner, command: list[str]
) -> None:
    bill = project.path / f"{FOLDER}/bill.yaml"
    bill.write_text(
        bill.read_text(encoding="utf-8").replace(
            '    number: "1.1"\n', '    number: "1.1"\n    tags: [[a]]\n', 1
        ),
        encoding="utf-8",
    )
    code, out, err = invoke(cli, *command)
    assert code in (0, 1), out + err
    if code:
        assert "bill.yaml" in err and "tags" in err


@pytest.mark.parametrize("command", READ_COMMANDS)
def test_invalid_events_and_proposals_are_named_and_skipped(
    project: Repo, cli: CliRunner, command: list[str]
) -> None:
    head = project.git("rev-parse", "HEAD")
    project.write(
        f"{FOLDER}/events/r1.yaml",
        f"""
        date: "2021-13-45"
        kind: reading
        stage: first-reading
        version: {head}
        """,
    )
    project.write(f"{FOLDER}/proposals/P-1.yaml", "id: [\n")
    project.write(f"{FOLDER}/proposals/P-2.yaml", "- a list\n")
    code, out, err = invoke(cli, *command)
    assert code == 0, out + err
    assert "r1.yaml: date '2021-13-45' is not a date" in err
    assert "P-1.yaml" in err and "P-2.yaml" in err and "skipped" in err


def test_log_flags_an_impossible_date(project: Repo, cli: CliRunner) -> None:
    head = project.git("rev-parse", "HEAD")
    project.write(
        f"{FOLDER}/events/r1.yaml",
        f"""
        date: "2021-13-45"
        kind: reading
        stage: first-reading
        version: {head}
        """,
    )
    code, _, err = invoke(cli, "log")
    assert code == 0
    assert "2021-13-45" in err and "not a date" in err


def test_records_without_a_bill_are_an_error(project: Repo, cli: CliRunner) -> None:
    project.write("amendments/lost/proposals/P-1.yaml", "id: P-1\n")
    code, out, err = invoke(cli, "validate")
    assert code == 1, out + err
    assert "amendments/lost/bill.yaml" in out and "file-missing" in out
    project.write("amendments/empty/notes.txt", "")
    code, out, err = invoke(cli, "validate")
    assert "amendments/empty: " in out or "amendments/empty:0:0" in out


# --- 7/9: a blob at a commit past the bound ------------------------------------------

BOUND = 100_000  # the tests' MAX_BLOB_BYTES: the sample bill fits, the padded one not


def _huge_then_put_right(project: Repo) -> tuple[str, str]:
    """A commit whose bill.yaml is 2 MB (a comment), then one that puts it right."""
    bill = project.path / f"{FOLDER}/bill.yaml"
    good = bill.read_text(encoding="utf-8")
    bill.write_text(good + "# " + "x" * 2_000_000 + "\n", encoding="utf-8")
    huge = project.commit("a huge bill")
    bill.write_text(good, encoding="utf-8")
    return huge, project.commit("put right")


@pytest.mark.parametrize("command", READ_COMMANDS)
def test_a_huge_blob_at_a_commit_is_refused_or_skipped(
    project: Repo, cli: CliRunner, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    huge, _ = _huge_then_put_right(project)
    monkeypatch.setattr(git_store, "MAX_BLOB_BYTES", BOUND)
    code, out, err = invoke(cli, *command)
    assert code in (0, 1), out + err
    if command[0] in ("log", "history"):  # walks: the version is skipped with a note
        assert code == 0, out + err
        note = f"{huge[:12]}:{FOLDER}/bill.yaml: 2 MB, larger than 100000 bytes; not read"
        assert note + " (this version is skipped)" in " ".join((out + err).split())
    code, out, err = invoke(cli, *command[:1], f"rev:{huge}", "HEAD", *command[1:])
    if command[0] == "diff":  # the huge version asked for by name: refused, one line
        assert code == 1, out + err
        assert err.strip().splitlines() == [
            f"billtrack: error: {FOLDER}/bill.yaml at commit {huge[:12]}: "
            "2 MB, larger than 100000 bytes; not read"
        ]


def test_git_reads_a_huge_blob_never(project: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    huge, good = _huge_then_put_right(project)
    monkeypatch.setattr(git_store, "MAX_BLOB_BYTES", BOUND)
    path = f"{FOLDER}/bill.yaml"
    oids = [project.git("rev-parse", f"{c}:{path}") for c in (huge, good)]
    tracemalloc.start()
    try:
        with git_store.Git(project.path) as git:
            with pytest.raises(git_store.BlobTooLarge, match=f"{path} at commit {huge[:12]}"):
                git.blob_at(huge, path)
            found = git.blob_at(good, path)  # the process still answers, in step
            assert found is not None and found.oid == oids[1]
            read = list(git.blobs([oids[0], oids[1], "0" * 40, oids[0], oids[1]], window=2))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [type(data).__name__ for _, data in read] == [
        "TooLarge",
        "bytes",
        "NoneType",
        "TooLarge",
        "bytes",
    ]
    assert [oid for oid, _ in read] == [oids[0], oids[1], "0" * 40, oids[0], oids[1]]
    assert read[1][1] == (project.path / path).read_bytes()
    assert peak < 1_000_000  # the 2 MB blob was never read
