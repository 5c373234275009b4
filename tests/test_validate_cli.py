"""`billtrack validate` as users and CI run it: output formats, exit codes, the files
pre-commit passes, and every command's --help; in-process and as a real subprocess."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

import billtrack
from billtrack.cli import build_app
from billtrack.problems import Problem
from billtrack.render.problems.github import annotation
from tests.support.cli import invoke, run_billtrack
from tests.support.repos import PARTIES, Repo, bill_yaml

PROJECT = Path(billtrack.__file__).resolve().parent.parent

PROVISIONS = """
- id: scope
  text: This law applies to online platforms.
- id: local-office
  text: A platform opens an office in Kazakhstan.
"""
BAD_PROPOSAL = """
date: "2021-12-02"
author: goverment
action: drop
target: local-office
"""
BAD_LINE = (
    "amendments/test-bill/proposals/P-0001.yaml:2:9: error ref-party "
    "unknown party 'goverment'; did you mean 'government'?"
)
BAD_GITHUB = (
    "::error file=amendments/test-bill/proposals/P-0001.yaml,line=2,col=9,"
    "title=billtrack ref-party::unknown party 'goverment'; did you mean 'government'?"
)


def write_bill(repo: Repo, bill_id: str = "test-bill", *, bad: bool = False) -> None:
    if not (repo.path / "amendments" / "parties.yaml").exists():
        repo.write("amendments/parties.yaml", PARTIES)
    repo.write(f"amendments/{bill_id}/bill.yaml", bill_yaml(bill_id, PROVISIONS))
    if bad:
        repo.write(f"amendments/{bill_id}/proposals/P-0001.yaml", BAD_PROPOSAL)


def run(*args: str, cwd: Path) -> tuple[int, str, str]:
    """The CLI as a subprocess, importable from this checkout whether or not installed."""
    path = os.pathsep.join(p for p in (str(PROJECT), os.environ.get("PYTHONPATH")) if p)
    done = run_billtrack(*args, cwd=cwd, env={"PYTHONPATH": path})
    assert "Traceback" not in done.stdout + done.stderr
    return done.returncode, done.stdout, done.stderr


# --- formats -------------------------------------------------------------------------


def test_a_clean_bill_prints_nothing_and_exits_0(git_repo: Repo, cli: CliRunner) -> None:
    write_bill(git_repo)
    git_repo.commit()
    assert invoke(cli, "validate") == (
        0,
        "",
        "2 files in 1 bill: 0 errors, 0 warnings\n",
    )


def test_text_is_one_line_a_problem_and_exit_1(git_repo: Repo, cli: CliRunner) -> None:
    write_bill(git_repo, bad=True)
    code, out, err = invoke(cli, "validate", "--format", "text")
    assert (code, out) == (1, BAD_LINE + "\n")
    assert err == "3 files in 1 bill: 1 error, 0 warnings\n"


def test_text_paths_are_from_the_repository_top_wherever_it_runs(
    git_repo: Repo, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_bill(git_repo, bad=True)
    monkeypatch.chdir(git_repo.path / "amendments" / "test-bill" / "proposals")
    assert invoke(cli, "validate")[:2] == (1, BAD_LINE + "\n")


def test_json_is_one_versioned_document(git_repo: Repo, cli: CliRunner) -> None:
    write_bill(git_repo, bad=True)
    code, out, err = invoke(cli, "validate", "--format", "json")
    assert code == 1
    assert err == ""
    assert json.loads(out) == {
        "schema": "billtrack/validate/1",
        "bills": ["test-bill"],
        "files": 3,
        "errors": 1,
        "warnings": 0,
        "notes": 0,
        "problems": [
            {
                "path": "amendments/test-bill/proposals/P-0001.yaml",
                "line": 2,
                "column": 9,
                "level": "error",
                "code": "ref-party",
                "message": "unknown party 'goverment'; did you mean 'government'?",
            }
        ],
    }


def test_json_when_clean(git_repo: Repo, cli: CliRunner) -> None:
    write_bill(git_repo)
    code, out, _ = invoke(cli, "validate", "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert (document["errors"], document["warnings"], document["problems"]) == (0, 0, [])


def test_github_prints_workflow_commands(git_repo: Repo, cli: CliRunner) -> None:
    write_bill(git_repo, bad=True)
    git_repo.write("amendments/test-bill/events/2021-committee.yaml", "date: 2021\nkind: other\n")
    code, out, err = invoke(cli, "validate", "--format", "github")
    assert code == 1
    assert err == ""
    assert out.splitlines() == [
        "::warning file=amendments/test-bill/events/2021-committee.yaml,line=1,col=7,"
        "title=billtrack yaml-ambiguous::2021 reads as a string here but as a number in "
        'other YAML tools; quote it: "2021"',
        BAD_GITHUB,
    ]


def test_github_escapes_properties_and_data() -> None:
    problem = Problem("a,b:c%.yaml", 3, 4, "warning", "some-code", "50% done\r\nnext: a,b")
    assert annotation(problem) == (
        "::warning file=a%2Cb%3Ac%25.yaml,line=3,col=4,title=billtrack some-code"
        "::50%25 done%0D%0Anext: a,b"
    )


def test_github_names_a_whole_file_without_line_and_column() -> None:
    problem = Problem("x.yaml", 0, 0, "error", "file-missing", "gone")
    assert annotation(problem) == "::error file=x.yaml,title=billtrack file-missing::gone"


def test_github_escapes_a_file_name_from_the_repository(git_repo: Repo, cli: CliRunner) -> None:
    write_bill(git_repo)
    git_repo.write("amendments/test-bill/events/a,b:c%.yaml", 'date: "2021"\nkind: other\n')
    code, out, _ = invoke(cli, "validate", "--format", "github")
    assert code == 1
    assert out.startswith(
        "::error file=amendments/test-bill/events/a%2Cb%3Ac%25.yaml,title=billtrack file-name"
        "::a,b:c%25.yaml: the file name is the record id"
    )


@pytest.mark.parametrize("output_format", ["text", "json", "github"])
def test_no_format_lets_a_terminal_escape_from_a_file_name_through(
    git_repo: Repo, cli: CliRunner, output_format: str
) -> None:
    write_bill(git_repo)
    git_repo.write("amendments/test-bill/events/\x1b[31mred.yaml", 'date: "2021"\nkind: other\n')
    code, out, _ = invoke(cli, "validate", "--format", output_format)
    assert code == 1
    assert "\x1b" not in out
    assert "[31mred.yaml" in out


# --- exit codes ----------------------------------------------------------------------


def test_warnings_alone_exit_0_and_1_with_strict(git_repo: Repo, cli: CliRunner) -> None:
    write_bill(git_repo)
    git_repo.write("amendments/test-bill/events/2021-committee.yaml", "date: 2021\nkind: other\n")
    code, out, err = invoke(cli, "validate")
    assert (code, len(out.splitlines())) == (0, 1)
    assert "0 errors, 1 warning" in err
    # --strict makes the warning an error, and says so.
    assert invoke(cli, "validate", "--strict")[:2] == (1, out.replace(": warning ", ": error "))


def test_no_data_root_is_a_usage_error(
    tmp_path: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = invoke(cli, "validate")
    assert (code, out) == (2, "")
    assert err.startswith("billtrack: error: no data root at ")
    assert len(err.splitlines()) == 1


def test_a_missing_root_option_is_a_usage_error(git_repo: Repo, cli: CliRunner) -> None:
    write_bill(git_repo)
    code, _, err = invoke(cli, "validate", "--root", "elsewhere")
    assert code == 2
    assert "no data root at" in err


def test_an_unknown_path_is_a_usage_error(git_repo: Repo, cli: CliRunner) -> None:
    write_bill(git_repo)
    code, out, err = invoke(cli, "validate", "amendments/test-bill/nope.yaml")
    assert (code, out) == (2, "")
    assert err == "billtrack: error: no such file: amendments/test-bill/nope.yaml\n"


def test_an_unknown_format_is_a_usage_error(git_repo: Repo, cli: CliRunner) -> None:
    write_bill(git_repo)
    code, out, err = invoke(cli, "validate", "--format", "xml")
    assert (code, out) == (2, "")
    assert "'xml' is not one of" in err


def test_outside_git_a_pinned_reading_cannot_be_checked(
    tmp_path: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = Repo(tmp_path)  # only its write helper: no git here
    folder.write("amendments/parties.yaml", PARTIES)
    folder.write("amendments/test-bill/bill.yaml", bill_yaml("test-bill", PROVISIONS))
    folder.write(
        "amendments/test-bill/events/first-reading.yaml",
        f'date: "2021-11"\nkind: reading\nstage: first-reading\nversion: "{"a" * 40}"\n',
    )
    code, out, _ = invoke(cli, "validate")
    assert code == 0
    assert out == (
        "amendments/test-bill/events/first-reading.yaml:4:10: note reading-version "
        "the data root is not in a git repository, so this commit cannot be checked\n"
    )


# --- the files pre-commit passes ----------------------------------------------------


@pytest.fixture
def two_bills(git_repo: Repo) -> Repo:
    """`test-bill` with an unknown party in a proposal, `good-bill` clean."""
    write_bill(git_repo, bad=True)
    write_bill(git_repo, "good-bill")
    git_repo.commit()
    return git_repo


def test_a_file_of_a_clean_bill_checks_that_bill_only(two_bills: Repo, cli: CliRunner) -> None:
    code, out, err = invoke(cli, "validate", "amendments/good-bill/bill.yaml")
    assert (code, out) == (0, "")
    assert err == "2 files in 1 bill: 0 errors, 0 warnings\n"


def test_any_file_of_a_bill_checks_the_whole_bill(two_bills: Repo, cli: CliRunner) -> None:
    code, out, err = invoke(cli, "validate", "amendments/test-bill/bill.yaml")
    assert (code, out) == (1, BAD_LINE + "\n")
    assert "in 1 bill" in err


@pytest.mark.parametrize(
    "paths",
    [
        ["amendments/parties.yaml"],
        ["amendments"],
        ["."],
        ["amendments/good-bill/bill.yaml", "amendments/test-bill/proposals/P-0001.yaml"],
    ],
    ids=["parties", "data-root", "repo-top", "one-file-each"],
)
def test_these_paths_check_every_bill(paths: list[str], two_bills: Repo, cli: CliRunner) -> None:
    code, out, err = invoke(cli, "validate", *paths)
    assert (code, out) == (1, BAD_LINE + "\n")
    assert "4 files in 2 bills: 1 error," in err


def test_a_yaml_file_outside_the_data_root_checks_no_bill(two_bills: Repo, cli: CliRunner) -> None:
    two_bills.write(".pre-commit-config.yaml", "repos: []\n")
    code, out, err = invoke(cli, "validate", ".pre-commit-config.yaml")
    assert (code, out) == (0, "")
    assert "in 0 bills" in err


# --- as a subprocess -----------------------------------------------------------------


def test_subprocess_text(git_repo: Repo) -> None:
    write_bill(git_repo, bad=True)
    code, out, err = run("validate", cwd=git_repo.path)
    assert (code, out) == (1, BAD_LINE + "\n")
    assert err == "3 files in 1 bill: 1 error, 0 warnings\n"


def test_subprocess_json(git_repo: Repo) -> None:
    write_bill(git_repo, bad=True)
    code, out, _ = run("validate", "--format", "json", cwd=git_repo.path)
    assert code == 1
    assert [p["code"] for p in json.loads(out)["problems"]] == ["ref-party"]


def test_subprocess_github(git_repo: Repo) -> None:
    write_bill(git_repo, bad=True)
    assert run("validate", "--format", "github", cwd=git_repo.path)[:2] == (1, BAD_GITHUB + "\n")


def test_subprocess_unreadable_bytes_are_one_line(git_repo: Repo) -> None:
    write_bill(git_repo)
    (git_repo.path / "amendments/test-bill/events").mkdir()
    (git_repo.path / "amendments/test-bill/events/e.yaml").write_bytes(b"date: \xe9t\xe9\n")
    code, out, _ = run("validate", cwd=git_repo.path)
    assert (code, out) == (
        1,
        "amendments/test-bill/events/e.yaml:1:7: error yaml-encoding "
        "not UTF-8: byte 0xe9 cannot be decoded; save the file as UTF-8\n",
    )


def test_subprocess_usage_error(tmp_path: Path) -> None:
    code, out, err = run("validate", cwd=tmp_path)
    assert (code, out) == (2, "")
    assert err.startswith("billtrack: error: no data root")


# --- help ----------------------------------------------------------------------------


def _subcommands(command: Any) -> dict[str, Any]:
    """A group's commands by name; {} for a command. (Typer vendors its own Click, so
    groups are told by their `commands`, not by a Click class.)"""
    return dict(getattr(command, "commands", None) or {})


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in sorted(_subcommands(group).items()):
        found.append((*prefix, name))
        found += _commands(command, (*prefix, name))
    return found


ROOT_GROUP = typer.main.get_command(build_app())
COMMANDS = _commands(ROOT_GROUP)


def _is_group(command: tuple[str, ...]) -> bool:
    found = ROOT_GROUP
    for name in command:
        found = _subcommands(found)[name]
    return bool(_subcommands(found))


def test_the_foundation_commands_are_there() -> None:
    assert {("init",), ("schema",), ("validate",)} <= set(COMMANDS)


@pytest.mark.parametrize("command", [(), *COMMANDS], ids=["billtrack", *map(" ".join, COMMANDS)])
def test_every_command_has_help_with_an_example(command: tuple[str, ...], cli: CliRunner) -> None:
    code, out, err = invoke(cli, *command, "--help")
    assert (code, err) == (0, "")
    assert out.startswith(f"Usage: {' '.join(('billtrack', *command))} ")
    if command and _is_group(command):
        # A group (`billtrack reading`) lists its commands, whose help has the examples.
        assert "Commands:" in out
    else:
        assert "Example" in out


def test_files_validate_would_skip_are_warned_about(git_repo: Repo, cli: CliRunner) -> None:
    write_bill(git_repo)
    git_repo.write("amendments/draft-bill/bill.yml", "id: draft-bill\n")
    git_repo.write("amendments/test-bill/event/2021-01-x.yaml", "date: '2021'\n")
    git_repo.write("amendments/test-bill/events/notes.txt", "todo\n")
    git_repo.write("amendments/README.md", "# data\n")
    code, out, _ = run("validate", cwd=git_repo.path)
    assert code == 0
    assert out.splitlines() == [
        "amendments/README.md:0:0: warning file-unknown not part of the data format "
        "(parties.yaml and bill folders); ignored",
        "amendments/draft-bill:0:0: warning file-unknown a folder without bill.yaml: "
        "not a bill; ignored",
        "amendments/test-bill/event:0:0: warning file-unknown not part of a bill "
        "(bill.yaml, events/, proposals/); ignored",
        "amendments/test-bill/events/notes.txt:0:0: warning file-unknown not a .yaml "
        "record; ignored",
    ]
    assert run("validate", "--strict", cwd=git_repo.path)[0] == 1


def test_a_reading_missing_from_a_shallow_clone_is_a_note_saying_how_to_fetch_it(
    git_repo: Repo, tmp_path: Path
) -> None:
    write_bill(git_repo)
    first = git_repo.commit("the bill", date="2021-11-01T12:00:00")
    git_repo.write(
        "amendments/test-bill/events/2021-11-first-reading.yaml",
        f'date: "2021-11-24"\nkind: reading\nstage: first-reading\nversion: "{first}"\n',
    )
    git_repo.commit("the first reading")
    clone = tmp_path / "clone"
    git_repo.git("clone", "-q", "--depth", "1", f"file://{git_repo.path}", str(clone))

    code, out, err = run("validate", "--strict", cwd=clone)

    # What the clone cannot check is a note, never a failure, even with --strict.
    assert out == (
        "amendments/test-bill/events/2021-11-first-reading.yaml:4:10: note reading-version "
        f"commit {first} is not in this shallow clone, so this reading cannot be checked; "
        "fetch the history with `git fetch --unshallow`\n"
    )
    assert (code, "0 errors, 0 warnings, 1 note" in err) == (0, True)
    # In the full repository the same reading is fine.
    assert run("validate", "--strict", cwd=git_repo.path)[:2] == (0, "")
