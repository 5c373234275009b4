"""`billtrack log`, `history` and `status` through the CLI: every format, the options,
file text kept as data, clean errors for bad input, and once as a real subprocess."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.support.cli import invoke, run_billtrack
from tests.support.history import BILL, TEXT_A, TEXT_N, make_life
from tests.support.repos import Repo

HOSTILE = "[bold red]markup[/] \x1b[31mred\x1b[0m <script>x</script> *star* _u_ | # [l](u)"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "repo"
    path.mkdir()
    repo = Repo(path)
    repo.git("init", "-q", "-b", "main")
    make_life(repo)
    return path


@pytest.fixture
def project(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    target = tmp_path / "project"
    shutil.copytree(template, target, symlinks=True)
    monkeypatch.chdir(target)
    return Repo(target)


def hostile(project: Repo) -> None:
    """An uncommitted version whose text tries markup, escapes and Markdown."""
    bill = project.path / BILL / "bill.yaml"
    text = bill.read_text(encoding="utf-8")
    text = text.replace(
        f"text: {TEXT_A}", f"heading: {json.dumps(HOSTILE)}\n    text: {TEXT_A} now"
    )
    bill.write_text(text, encoding="utf-8")


# --- log -------------------------------------------------------------------------------------


def test_log_text(cli: CliRunner, project: Repo) -> None:
    code, out, err = invoke(cli, "log")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("test-bill — timeline, newest first")
    assert "2022-04-01  commit" in lines[1] and "+3 -0 ~0" in lines[1]
    assert "[bill.yaml restored]" in lines[1]
    assert any("+1 -0 ~2" in line and "Insert n and renumber" in line for line in lines)
    assert any("+0 -0 ~0 >1" in line for line in lines)  # the rename
    reading = next(line for line in lines if "2021-09-first-reading" in line)
    assert "first-reading: approved, by mazhilis, pins" in reading
    assert any("decided: P-0001 (drop b) accepted" in line for line in lines)
    assert any("positions: facebook agrees" in line for line in lines)
    assert any("with government, facebook" in line for line in lines)


def test_log_options(cli: CliRunner, project: Repo) -> None:
    code, out, _ = invoke(cli, "log", "--reverse", "--kind", "commit", "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["schema"] == "billtrack/log/1"
    assert document["order"] == "oldest-first"
    subjects = [entry["subject"] for entry in document["entries"]]
    assert subjects[0] == "First text" and subjects[-1] == "Restore the bill"
    first = document["entries"][0]
    assert first["counts"] == {
        "added": 3,
        "dropped": 0,
        "modified": 0,
        "renamed": 0,
        "unchanged": 0,
    }
    assert first["file"] == "added" and len(first["commit"]) == 40

    code, out, _ = invoke(
        cli, "log", "--since", "2021-10", "--until", "2021-12", "--format", "json"
    )
    dates = [entry["date"] for entry in json.loads(out)["entries"]]
    assert dates and all("2021-10" <= date[:7] <= "2021-12" for date in dates)

    code, out, _ = invoke(cli, "log", "--kind", "negotiation", "--format", "json")
    events = json.loads(out)["entries"]
    assert [e["id"] for e in events] == ["2022-talks", "2021-10-talks"]
    assert events[1]["positions"] == [{"party": "facebook", "stance": "opposes", "note": None}]


def test_log_markdown(cli: CliRunner, project: Repo) -> None:
    hostile(project)
    code, out, _ = invoke(cli, "log", "--format", "markdown")
    assert code == 0
    assert out.startswith("# Timeline of test-bill")
    assert "- **uncommitted** commit `WORKTREE`" in out
    assert "- **2021-12-20** committee **2021-12-committee**: agreed, by mazhilis" in out


@pytest.mark.parametrize(
    "args",
    [
        ["log", "--since", "yesterday"],
        ["log", "--until", "2021-02-30"],
        ["log", "--kind", "meeting"],
        ["history", "nothing-like-it"],
        ["history", "c22"],
        ["log", "--bill", "../etc"],
        ["status", "--root", "/nonexistent/place"],
    ],
)
def test_bad_input_is_one_line_and_exit_2(cli: CliRunner, project: Repo, args: list[str]) -> None:
    code, out, err = invoke(cli, *args)
    assert code == 2, (out, err)
    assert "Traceback" not in out + err
    if args[0] == "history" and args[1] == "c22":
        assert "did you mean 'c2'" in err


# --- history ---------------------------------------------------------------------------------


def test_history_text_with_patch(cli: CliRunner, project: Repo) -> None:
    code, out, err = invoke(cli, "history", "c2", "--patch")
    assert code == 0, err
    assert out.startswith("c2  (test-bill)\nids: c → c2\nnow: 2 (as c2)")
    assert "renamed from c (9" in out
    assert "(bill.yaml deleted)" in out and "(bill.yaml restored)" in out
    assert "{+.+}" in out  # the rename's redline
    assert "number: 3 → 4" in out
    assert "readings that pinned a version containing it:" in out
    assert "2021-09-first-reading  first-reading: approved" in out
    assert "(as c)" in out
    code, plain, _ = invoke(cli, "history", "c2")
    assert "{+" not in plain


def test_history_json(cli: CliRunner, project: Repo) -> None:
    code, out, _ = invoke(cli, "history", "b", "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["schema"] == "billtrack/history/1"
    assert document["ids"] == ["b"] and document["current"] is None
    statuses = [(step["subject"], step["status"], step["changes"]) for step in document["steps"]]
    assert statuses == [
        ("First text", "added", []),
        ("Reword b", "modified", ["text"]),
        ("Insert n and renumber", "modified", ["number"]),
        ("Drop b", "dropped", []),
    ]
    reword = document["steps"][1]
    assert reword["redline"][-1] == ["+", " within a day"]
    assert reword["before"]["id"] == "b" and reword["after"]["number"] == "2"
    assert document["steps"][-1]["proposals"] == ["P-0001"]
    assert document["proposals"][0] == {
        "id": "P-0001",
        "date": "2021-12",
        "author": "government",
        "action": "drop",
        "target": "b",
        "status": "accepted",
        "decided_in": "2021-12-committee",
        "decided_on": "2021-12-20",
    }
    assert [r["id"] for r in document["readings"]] == ["2021-09-first-reading"]


def test_history_keeps_file_text_as_data(cli: CliRunner, project: Repo) -> None:
    hostile(project)
    code, out, _ = invoke(cli, "history", "a", "--patch", "--color", "always")
    assert code == 0
    assert "\x1b[31mred" not in out
    assert "\\x1b[31mred" in out
    assert "[bold red]markup[/]" in out  # shown, not interpreted

    code, out, _ = invoke(cli, "history", "a", "--format", "markdown", "--patch")
    assert code == 0
    assert "<script>" not in out and "\\<script\\>" in out
    assert "\\*star\\*" in out
    assert "<ins>" in out  # the redline of the uncommitted rewording

    code, out, _ = invoke(cli, "history", "a", "--format", "json")
    assert "\x1b" not in out
    after = json.loads(out)["steps"][-1]["after"]
    assert after["heading"] == HOSTILE


def test_history_all_parents(cli: CliRunner, project: Repo) -> None:
    code, first_parent, _ = invoke(cli, "history", "n", "--format", "json")
    code, everything, _ = invoke(cli, "history", "n", "--all-parents", "--format", "json")
    assert code == 0
    assert json.loads(first_parent)["steps"] == json.loads(everything)["steps"]  # no merges here


# --- status ----------------------------------------------------------------------------------


def test_status_every_format(cli: CliRunner, project: Repo) -> None:
    code, out, err = invoke(cli, "status")
    assert code == 0, err
    assert out.startswith("test-bill — A test bill\n")
    assert "stage: first-reading, approved (2021-09-first-reading, 2021-09-15)" in out
    assert "provisions: 3; since the last reading: 1 added, 1 dropped, 1 modified, 1 renamed" in out
    assert "accepted: 1  P-0001" in out and "proposed: 1  P-0002" in out
    assert "facebook  agrees" in out and "2022-talks (2022)" in out
    assert "pending: proposals not decided: P-0002" in out

    code, out, _ = invoke(cli, "status", "--format", "json")
    document = json.loads(out)
    assert document["schema"] == "billtrack/status/1"
    assert document["pending"] == {"proposals": ["P-0002"], "stages": []}
    assert document["positions"][0]["note"] == "a compromise"
    assert document["reading"]["version"] is not None

    code, out, _ = invoke(cli, "status", "--format", "markdown")
    assert out.startswith("# Status of test-bill")
    assert "| facebook | agrees | 2022\\-talks | 2022 |" in out or "| facebook | agrees |" in out


# --- help and the real thing -------------------------------------------------------------------


@pytest.mark.parametrize("command", ["log", "history", "status"])
def test_help_has_an_example(cli: CliRunner, command: str) -> None:
    code, out, _ = invoke(cli, command, "--help")
    assert code == 0
    assert "Example" in out and f"billtrack {command}" in out


def test_as_a_subprocess(project: Repo) -> None:
    project.write(
        f"{BILL}/bill.yaml",
        (project.path / BILL / "bill.yaml").read_text(encoding="utf-8").replace(TEXT_N, "Changed"),
    )
    done = run_billtrack("history", "n", "--format", "json", cwd=project.path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no progress bar when stderr is not a terminal
    steps = json.loads(done.stdout)["steps"]
    assert steps[-1]["commit"] is None and steps[-1]["changes"] == ["text"]
    bad = run_billtrack("log", "--since", "2021-13", cwd=project.path)
    assert bad.returncode == 2
    assert bad.stderr.startswith("billtrack: error:") and "Traceback" not in bad.stderr
