"""validate as CI runs it (issue 12): a depth-1 clone passes, one mistake is one error,
and the messages speak the user's terms. Real git repositories and real clones."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

import billtrack
from tests.support.cli import invoke
from tests.support.repos import GIT_ENV, PARTIES, Repo, bill_yaml

PROJECT = Path(billtrack.__file__).resolve().parent.parent

PROVISIONS = """
- id: scope
  heading: Purpose
  text: This law applies to online platforms.
- id: local-office
  text: A platform opens an office in Kazakhstan.
"""
BILL = bill_yaml("test-bill", PROVISIONS)
EVENTS = {
    f"amendments/test-bill/events/2021-1{i}-talk-{i}.yaml": (
        f'date: "2021-1{i}"\nkind: consultation\nparticipants: [government]\n'
        "provisions: [local-office]\n"
    )
    for i in range(3)
}
PROPOSAL = (
    'date: "2021-12-01"\nauthor: government\naction: drop\ntarget: local-office\n'
    "rationale: Too costly.\n"
)


def _project(repo: Repo) -> None:
    repo.write("amendments/parties.yaml", PARTIES)
    repo.write("amendments/test-bill/bill.yaml", BILL)
    for path, content in EVENTS.items():
        repo.write(path, content)
    repo.write("amendments/test-bill/proposals/P-0001.yaml", PROPOSAL)
    repo.commit("the bill and its records")


def _lines(cli: CliRunner, *args: str) -> tuple[int, list[str], str]:
    code, out, err = invoke(cli, "validate", *args)
    assert "Traceback" not in out + err
    return code, out.splitlines(), err


def _clone(source: Path, to: Path) -> Path:
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", source.as_uri(), str(to)],
        check=True,
        env={**os.environ, **GIT_ENV},
    )
    return to


# --- 1. shallow clones ------------------------------------------------------------------


def _dropped_in_a_later_commit(repo: Repo) -> str:
    """A reading pins a text with `local-office`; a later commit drops it, and records
    still name it: valid in the full history, unknowable in a depth-1 clone."""
    _project(repo)
    pinned = repo.commit("first reading text", date="2021-09-01T12:00:00")
    repo.write(
        "amendments/test-bill/events/2021-09-first-reading.yaml",
        f'date: "2021-09-15"\nkind: reading\nstage: first-reading\nversion: "{pinned}"\n'
        "provisions: [local-office]\n",
    )
    repo.write(
        "amendments/test-bill/bill.yaml", bill_yaml("test-bill", PROVISIONS.split("- id: local")[0])
    )
    repo.commit("second reading text drops local-office", date="2022-03-01T12:00:00")
    return pinned


def test_a_depth_1_clone_notes_what_it_cannot_check_and_passes_strict(
    git_repo: Repo, cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pinned = _dropped_in_a_later_commit(git_repo)
    assert _lines(cli, "--strict")[:2] == (0, [])
    monkeypatch.chdir(_clone(git_repo.path, tmp_path / "clone"))

    code, lines, err = _lines(cli, "--strict")

    assert code == 0, lines
    # One note a record, each saying what is missing and how to fetch it; no error.
    assert [line.split(" ", 2)[1] for line in lines] == ["note"] * 5
    assert sorted({line.split(":", 1)[0] for line in lines}) == sorted(
        [
            *EVENTS,
            "amendments/test-bill/events/2021-09-first-reading.yaml",
            "amendments/test-bill/proposals/P-0001.yaml",
        ]
    )
    assert all("git fetch --unshallow" in line for line in lines)
    assert any(f"commit {pinned} is not in this shallow clone" in line for line in lines)
    assert "0 errors, 0 warnings, 5 notes" in err
    # In a workflow, notes are notices: nothing on the pull request reads as a failure.
    code, annotations, _ = _lines(cli, "--strict", "--format", "github")
    assert code == 0
    assert [line.split(" ", 1)[0] for line in annotations] == ["::notice"] * 5


@pytest.mark.slow
def test_the_sample_passes_strict_in_a_depth_1_clone_of_this_repository(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    top = subprocess.run(
        ["git", "rev-parse", "--show-toplevel"], cwd=PROJECT, capture_output=True, text=True
    )
    if top.returncode != 0:
        pytest.skip("not run from a git checkout")
    clone = _clone(Path(top.stdout.strip()), tmp_path / "clone")
    assert (clone / ".git" / "shallow").is_file()
    monkeypatch.chdir(clone)
    code, lines, _ = _lines(cli, "--strict")
    assert code == 0, lines
    assert not [line for line in lines if " error " in line or " warning " in line]


# --- 2. one mistake, one error ------------------------------------------------------------


@pytest.mark.parametrize(
    ("broken", "code"),
    [
        ("    heading: Цель: общие положения\n", "yaml-syntax"),
        ("    texts: An unknown key.\n", "schema-unknown-key"),
        ("    text: {}\n", "schema-text"),
    ],
    ids=["colon-in-heading", "unknown-key", "empty-text"],
)
def test_a_broken_bill_yaml_is_one_error_and_references_use_the_committed_one(
    git_repo: Repo, cli: CliRunner, broken: str, code: str
) -> None:
    _project(git_repo)
    lines_of_bill = BILL.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines_of_bill) if "heading: Purpose" in line)
    if code == "schema-text":
        at = next(i for i, line in enumerate(lines_of_bill) if "text: This law" in line)
    lines_of_bill[at] = broken
    git_repo.write("amendments/test-bill/bill.yaml", "".join(lines_of_bill))

    status, lines, _ = _lines(cli)

    assert status == 1
    assert [line.split(" ")[2] for line in lines] == ["references-fallback", code]
    assert lines[0] == (
        "amendments/test-bill/bill.yaml:0:0: note references-fallback references to "
        "provisions and stages were checked against the last committed bill.yaml until "
        "this one is fixed"
    )
    assert all(line.startswith("amendments/test-bill/bill.yaml:") for line in lines)


def test_a_new_broken_bill_yaml_skips_provision_references_with_one_note(
    git_repo: Repo, cli: CliRunner
) -> None:
    git_repo.write("amendments/parties.yaml", PARTIES)
    git_repo.write("amendments/test-bill/bill.yaml", BILL.replace("Purpose", "Цель: общие"))
    for path, content in EVENTS.items():
        git_repo.write(path, content)
    status, lines, _ = _lines(cli)
    assert status == 1
    assert [line.split(" ")[2] for line in lines] == ["references-fallback", "yaml-syntax"]
    assert "were not checked: fix bill.yaml first" in lines[0]


def test_a_broken_parties_yaml_is_one_error(git_repo: Repo, cli: CliRunner) -> None:
    _project(git_repo)
    git_repo.write("amendments/parties.yaml", PARTIES + "- id: Bad Id\n  name: X\n  kind: other\n")
    status, lines, _ = _lines(cli)
    assert status == 1
    assert [line.split(" ")[2] for line in lines] == ["references-fallback", "schema-pattern"]
    assert all(line.startswith("amendments/parties.yaml:") for line in lines)


def test_a_file_with_a_schema_error_gets_its_reference_checks_in_the_same_run(
    git_repo: Repo, cli: CliRunner
) -> None:
    _project(git_repo)
    git_repo.write(
        "amendments/test-bill/proposals/P-0001.yaml",
        PROPOSAL.replace("government", "goverment") + "rationnale: typo\n",
    )
    status, lines, _ = _lines(cli)
    assert status == 1
    assert [line.split(" ")[2] for line in lines] == ["ref-party", "schema-unknown-key"]


def test_a_value_the_schema_refused_is_not_reported_again_as_a_reference(
    git_repo: Repo, cli: CliRunner
) -> None:
    _project(git_repo)
    git_repo.write(
        "amendments/test-bill/proposals/P-0001.yaml",
        PROPOSAL.replace("local-office", "Local Office"),
    )
    status, lines, _ = _lines(cli)
    assert status == 1
    assert [line.split(" ")[2] for line in lines] == ["schema-pattern"]


# --- 3. messages in the user's terms -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        (
            "heading: Цель: общие положения\n",
            "1:14",
            'put the whole value in quotes: heading: "Цель',
        ),
        ("id: x\n\ttitle: y\n", "2:1", "a tab character: YAML indents with spaces only"),
        ('id: "x\ntitle: y\n', "1:5", 'the quote " opened here is never closed'),
        ("id: x\n  title: y\n", "2:8", "a key indented under a value"),
        ("a:\n  b: 1\n c: 2\n", "3:2", "not indented like the keys above it"),
    ],
    ids=["colon", "tab", "quote", "indent-under-value", "indent-between"],
)
def test_yaml_mistakes_are_said_in_the_users_terms(
    git_repo: Repo, cli: CliRunner, text: str, where: str, words: str
) -> None:
    _project(git_repo)
    path = "amendments/test-bill/events/2021-12-meeting.yaml"
    git_repo.write(path, text)
    status, lines, _ = _lines(cli)
    assert status == 1
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}:{where}: error yaml-syntax ")
    assert words in lines[0]
    assert "mapping values are not allowed" not in lines[0]


def test_a_list_where_a_mapping_belongs_says_so(git_repo: Repo, cli: CliRunner) -> None:
    _project(git_repo)
    git_repo.write("amendments/test-bill/events/2021-12-meeting.yaml", "- date: 2021\n")
    _, lines, _ = _lines(cli)
    assert lines == [
        "amendments/test-bill/events/2021-12-meeting.yaml:1:1: error schema-type "
        "the file: expected a mapping, found a list"
    ]


def test_a_pattern_failure_says_what_the_value_must_be_and_what_fills_it(
    git_repo: Repo, cli: CliRunner
) -> None:
    _project(git_repo)
    git_repo.write(
        "amendments/test-bill/events/2021-12-first-reading.yaml",
        'date: "2024-13-01"\nkind: reading\nstage: first-reading\nversion: HEAD\n',
    )
    _, lines, _ = _lines(cli)
    assert lines == [
        "amendments/test-bill/events/2021-12-first-reading.yaml:1:7: error date-invalid "
        "'2024-13-01' is not a date: month 13 does not exist",
        "amendments/test-bill/events/2021-12-first-reading.yaml:4:10: error schema-pattern "
        "version: 'HEAD' is not a commit id: a reading pins the full 40-character id of the "
        "commit holding the text read; `billtrack reading record --version REV` fills it in "
        "(or `git rev-parse REV`)",
    ]


def test_counts_are_plural_only_when_plural(git_repo: Repo, cli: CliRunner) -> None:
    _project(git_repo)
    assert _lines(cli)[2] == "6 files in 1 bill: 0 errors, 0 warnings\n"
    git_repo.write("amendments/test-bill/events/2021-12-x.yaml", "date: 2021\nkind: other\n")
    assert _lines(cli)[2] == "7 files in 1 bill: 0 errors, 1 warning\n"


def test_strict_reports_warnings_as_errors(git_repo: Repo, cli: CliRunner) -> None:
    _project(git_repo)
    git_repo.write("amendments/test-bill/events/2021-12-x.yaml", "date: 2021\nkind: other\n")
    code, lines, err = _lines(cli, "--strict")
    assert code == 1
    assert lines[0].startswith(
        "amendments/test-bill/events/2021-12-x.yaml:1:7: error yaml-ambiguous"
    )
    assert "1 error, 0 warnings" in err


def test_select_and_ignore_choose_codes(git_repo: Repo, cli: CliRunner) -> None:
    _project(git_repo)
    git_repo.write("amendments/test-bill/events/2021-12-x.yaml", "date: 2021\nkind: other\n")
    git_repo.write(
        "amendments/test-bill/proposals/P-0002.yaml", PROPOSAL.replace("government", "nobody")
    )

    def codes(*args: str) -> list[str]:
        return [line.split(" ")[2] for line in _lines(cli, *args)[1]]

    assert codes() == ["yaml-ambiguous", "ref-party"]
    assert codes("--select", "ref-party") == ["ref-party"]
    assert codes("--ignore", "ref-party,yaml-ambiguous") == []
    assert _lines(cli, "--ignore", "yaml-ambiguous", "--strict")[0] == 1
    assert _lines(cli, "--select", "yaml-ambiguous")[0] == 0
    code, _, err = invoke(cli, "validate", "--select", "ref-partty")
    assert code == 2
    assert "unknown code 'ref-partty'; did you mean 'ref-party'?" in err
