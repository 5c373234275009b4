"""`billtrack diff` and `show` end to end on real temporary git repositories: every way
of naming a version, every kind of change, the options, and bad input."""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.support.cli import invoke, run_billtrack
from tests.support.repos import PARTIES, Repo, bill_yaml

BILL = "amendments/test-bill/bill.yaml"

FIRST = """
- id: scope
  number: "1"
  text: "Закон применяется к социальным сетям."
- id: local-office
  number: "2"
  heading: "Представительство"
  text: "Иностранная социальная сеть открывает представительство в Казахстане."
- id: removal
  number: "3"
  text: "Сеть удаляет противоправный контент незамедлительно."
- id: hotline
  number: "4"
  text:
    kk: "Сенім телефоны тәулік бойы жұмыс істейді."
    ru: "Линия доверия работает круглосуточно."
"""

SECOND = """
- id: scope
  number: "1"
  text: >-
    Закон применяется
    к социальным сетям.
- id: representative
  number: "2"
  heading: "Представитель"
  text: "Сеть назначает представителя, который может находиться за рубежом."
- id: removal
  number: "3"
  text: "Сеть удаляет противоправный контент в течение суток."
- id: hotline
  number: "4"
  text:
    kk: "Сенім телефоны тәулік бойы жұмыс істейді."
    ru: "Линия доверия работает ежедневно и круглосуточно."
"""

READING = """
date: "2021-09-15"
kind: reading
stage: first-reading
body: mazhilis
outcome: approved
version: "{commit}"
"""

COMPROMISE = """
date: "2021-11"
kind: negotiation
body: government
participants: [facebook]
provisions: [local-office]
decisions:
  - proposal: P-0001
    status: accepted
"""

PROPOSAL = """
date: "2021-11"
author: government
action: drop
target: local-office
"""


@pytest.fixture
def story(git_repo: Repo) -> dict[str, str]:
    """First text, a reading pinning it, a negotiation deciding a proposal, new text."""
    git_repo.write("amendments/parties.yaml", PARTIES)
    git_repo.write(BILL, bill_yaml(provisions=FIRST, stages="x"))
    # bill_yaml writes stages as a string; declare them as a list instead.
    text = (
        (git_repo.path / BILL)
        .read_text(encoding="utf-8")
        .replace('stages: "x"', "stages: [first-reading, second-reading]")
    )
    (git_repo.path / BILL).write_text(text, encoding="utf-8")
    first = git_repo.commit("first text", date="2021-09-10T12:00:00+06:00")
    git_repo.write(
        "amendments/test-bill/events/2021-09-first-reading.yaml", READING.format(commit=first)
    )
    git_repo.write("amendments/test-bill/events/2021-11-compromise.yaml", COMPROMISE)
    git_repo.write("amendments/test-bill/proposals/P-0001.yaml", PROPOSAL)
    records = git_repo.commit("records", date="2021-11-20T12:00:00+06:00")
    (git_repo.path / BILL).write_text(
        text.replace(text[text.index("provisions:") :], "provisions:\n")
        + "\n".join("  " + line for line in SECOND.strip("\n").splitlines())
        + "\n",
        encoding="utf-8",
    )
    second = git_repo.commit("compromise text", date="2021-12-01T12:00:00+06:00")
    return {"first": first, "records": records, "second": second}


def diff_json(cli: CliRunner, *args: str) -> dict[str, Any]:
    code, out, err = invoke(cli, "diff", *args, "--format", "json")
    assert code == 0, err
    document: dict[str, Any] = json.loads(out)
    return document


def statuses(document: dict[str, object]) -> dict[str, str]:
    provisions = document["provisions"]
    assert isinstance(provisions, list)
    return {p["id"]: p["status"] for p in provisions}


# --- naming versions ---------------------------------------------------------------------


def test_default_compares_the_latest_reading_with_the_working_tree(
    story: dict[str, str], cli: CliRunner
) -> None:
    document = diff_json(cli)
    assert document["from"] == {"spec": "2021-09-first-reading", "commit": story["first"]}
    assert document["to"] == {"spec": "WORKTREE", "commit": None}
    assert statuses(document) == {
        "local-office": "dropped",
        "representative": "added",
        "removal": "modified",
        "hotline": "modified",
    }


@pytest.mark.parametrize(
    "spec", ["first-reading", "2021-09-first-reading", "@2021-09", "@2021-10-31", "HEAD~2"]
)
def test_every_way_of_naming_the_first_text(
    story: dict[str, str], cli: CliRunner, spec: str
) -> None:
    document = diff_json(cli, spec, "HEAD")
    assert document["from"] == {"spec": spec, "commit": story["first"]}
    assert document["to"] == {"spec": "HEAD", "commit": story["second"]}
    assert statuses(document)["local-office"] == "dropped"


def test_rev_prefix_forces_a_git_revision(story: dict[str, str], cli: CliRunner) -> None:
    git = subprocess.run(["git", "tag", "first-reading", story["second"]], check=True)
    assert git.returncode == 0
    # The stage wins over the tag of the same name; rev: asks for the tag.
    assert diff_json(cli, "first-reading")["from"]["commit"] == story["first"]
    assert diff_json(cli, "rev:first-reading")["from"]["commit"] == story["second"]


def test_a_version_with_itself_is_no_change(story: dict[str, str], cli: CliRunner) -> None:
    code, out, _ = invoke(cli, "diff", "HEAD", "HEAD", "--exit-code")
    assert code == 0
    assert "no differences" in out


def test_exit_code_is_1_when_anything_differs(story: dict[str, str], cli: CliRunner) -> None:
    assert invoke(cli, "diff", "first-reading", "HEAD", "--exit-code")[0] == 1
    assert invoke(cli, "diff", "first-reading", "HEAD")[0] == 0


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        ("frist-reading", "did you mean 'first-reading'"),
        ("second-reading", "no reading of stage 'second-reading' is recorded yet"),
        ("-x", "unknown version '-x'"),
        ("--output=/tmp/x", "unknown version"),
        ("@2021-13", "expected a date as @YYYY"),
        ("@1999", "no commit on this branch at or before 1999"),
        ("rev:nope", "'nope' is not a commit"),
        ("HEAD:amendments", "unknown version"),
    ],
)
def test_bad_versions_are_usage_errors(
    story: dict[str, str], cli: CliRunner, spec: str, words: str
) -> None:
    code, out, err = invoke(cli, "diff", "--", spec)
    assert code == 2
    assert words in err
    assert out == ""
    assert len(err.strip().splitlines()) == 1


def test_a_pinned_commit_missing_from_a_shallow_clone_says_how_to_fetch_it(
    story: dict[str, str], cli: CliRunner, tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pathlib import Path

    clone = Path(str(tmp_path)) / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{Path.cwd()}", str(clone)], check=True
    )
    monkeypatch.chdir(clone)
    code, _, err = invoke(cli, "diff", "first-reading")
    assert code == 2
    assert "shallow clone" in err
    assert "git fetch --unshallow" in err


# --- what is reported ----------------------------------------------------------------------


def test_changes_redline_and_attribution(story: dict[str, str], cli: CliRunner) -> None:
    document = diff_json(cli, "first-reading", "HEAD", "--no-renames")
    by_id = {p["id"]: p for p in document["provisions"]}
    removal = by_id["removal"]
    assert removal["changes"] == ["text"]
    assert removal["redline"] == [
        ["=", "Сеть удаляет противоправный контент "],
        ["-", "незамедлительно"],
        ["+", "в течение суток"],
        ["=", "."],
    ]
    hotline = by_id["hotline"]
    assert set(hotline["redline"]) == {"ru"}  # only the language that changed
    dropped = by_id["local-office"]
    assert dropped["after"] is None
    assert dropped["proposals"] == [
        {"id": "P-0001", "status": "accepted", "decided_in": "2021-11-compromise"}
    ]
    assert dropped["events"] == ["2021-11-compromise"]
    # The folded block reflows the same words: not a change.
    assert "scope" not in by_id
    assert document["counts"] == {
        "added": 1, "dropped": 1, "modified": 2, "renamed": 0, "unchanged": 1,
    }  # fmt: skip


def test_a_rewritten_provision_under_a_new_id_is_a_rename_at_a_low_threshold(
    story: dict[str, str], cli: CliRunner
) -> None:
    assert "renamed" not in statuses(diff_json(cli, "first-reading", "HEAD"))
    renamed = diff_json(cli, "first-reading", "HEAD", "--find-renames", "10")
    assert statuses(renamed)["representative"] == "renamed"
    entry = next(p for p in renamed["provisions"] if p["id"] == "representative")
    assert entry["previous_id"] == "local-office"


def test_filters_and_all(story: dict[str, str], cli: CliRunner) -> None:
    only = diff_json(cli, "first-reading", "HEAD", "--provision", "removal")
    assert statuses(only) == {"removal": "modified"}
    everything = diff_json(cli, "first-reading", "HEAD", "--all")
    assert statuses(everything)["scope"] == "unchanged"
    code, _, err = invoke(cli, "diff", "first-reading", "--provision", "nope")
    assert code == 2
    assert "no provision 'nope'" in err


def test_stat_counts_and_lines(story: dict[str, str], cli: CliRunner) -> None:
    code, out, _ = invoke(cli, "diff", "first-reading", "HEAD", "--stat")
    assert code == 0
    assert out.splitlines()[-1] == "1 added, 1 dropped, 2 modified, 0 renamed, 1 unchanged"
    assert any(line.split()[:2] == ["-", "local-office"] for line in out.splitlines())


def test_text_without_colour_uses_word_diff_markers(story: dict[str, str], cli: CliRunner) -> None:
    code, out, _ = invoke(cli, "diff", "first-reading", "HEAD", "--format", "text")
    assert code == 0
    assert "[-незамедлительно-]{+в течение суток+}" in out
    assert "\x1b[" not in out


def test_a_bill_absent_at_one_version_is_all_added(git_repo: Repo, cli: CliRunner) -> None:
    git_repo.write("README", "nothing yet\n")
    empty = git_repo.commit("before the bill")
    git_repo.write("amendments/parties.yaml", PARTIES)
    git_repo.write(BILL, bill_yaml(provisions=FIRST))
    git_repo.commit("the bill")
    document = diff_json(cli, empty, "HEAD")
    assert set(statuses(document).values()) == {"added"}
    assert diff_json(cli, "HEAD", empty)["counts"]["dropped"] == 4


def test_no_reading_compares_the_first_commit(git_repo: Repo, cli: CliRunner) -> None:
    git_repo.write("amendments/parties.yaml", PARTIES)
    git_repo.write(BILL, bill_yaml(provisions=FIRST))
    first = git_repo.commit("the bill")
    document = diff_json(cli)
    assert document["from"]["commit"] == first


def test_hostile_text_is_data_in_every_format(git_repo: Repo, cli: CliRunner) -> None:
    git_repo.write("amendments/parties.yaml", PARTIES)
    git_repo.write(BILL, bill_yaml(provisions='- id: a\n  text: "plain"\n'))
    git_repo.commit("the bill")
    hostile = "[bold red]x[/] \\x1b[31mred <script>alert(1)</script> | [l](javascript:x)"
    git_repo.write(BILL, bill_yaml(provisions=f'- id: a\n  text: "{hostile}"\n'))
    code, out, _ = invoke(cli, "diff", "HEAD", "--format", "text", "--color", "always")
    assert code == 0
    assert "\x1b[31mred" not in out and "\\x1b[31mred" in out
    assert "[bold red]x[/]" in out
    code, out, _ = invoke(cli, "diff", "HEAD", "--format", "html")
    assert "<script>" not in out and "&lt;script&gt;" in out
    code, out, _ = invoke(cli, "diff", "HEAD", "--format", "markdown")
    assert "\\<script\\>" in out and "\\[l\\](javascript:x)" in out and "\\|" in out


# --- show ----------------------------------------------------------------------------------


def test_show_a_provision_at_a_version(story: dict[str, str], cli: CliRunner) -> None:
    code, out, _ = invoke(cli, "show", "local-office", "--at", "first-reading")
    assert code == 0
    assert "Иностранная социальная сеть открывает представительство" in out
    assert "proposal P-0001: drop by government, accepted (2021-11-compromise, 2021-11)" in out
    code, _, err = invoke(cli, "show", "local-office")
    assert code == 2
    assert "no provision 'local-office' at WORKTREE" in err


def test_show_json(story: dict[str, str], cli: CliRunner) -> None:
    code, out, _ = invoke(cli, "show", "hotline", "--at", "HEAD", "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["provision"]["text"]["kk"] == "Сенім телефоны тәулік бойы жұмыс істейді."
    assert document["at"]["commit"] == story["second"]


def test_diff_as_a_subprocess(story: dict[str, str]) -> None:
    from pathlib import Path

    done = run_billtrack("diff", "first-reading", "--stat", cwd=Path.cwd())
    assert done.returncode == 0, done.stderr
    assert "1 added, 1 dropped, 2 modified" in done.stdout
    bad = run_billtrack("diff", "nope", cwd=Path.cwd())
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr
