"""Promises the README makes that no other test pinned: each test here fails when the
behaviour is mutated (checked by hand, mutant by mutant), through the CLI or the public
functions, on both sides of each boundary.

- validate in a shallow clone: a reading's pinned commit that was not fetched is a
  warning, where a commit that does not exist at all is an error;
- keys starting with `x-` (and everything under them) are exempt from `yaml-ambiguous`;
- a blank heading counts as absent in a diff;
- the redline folds a kept run between two edits into them exactly when it is no longer
  than the larger side of the edit before it and of the edit after it;
- when a proposal is decided more than once, the earliest decision by date stands.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from billtrack.redline import redline
from tests.support.cli import invoke
from tests.support.repos import PARTIES, Repo, bill_yaml

PROVISIONS = """
- id: scope
  heading: "Scope"
  text: This law applies to online platforms.
- id: local-office
  text: A platform opens an office in Kazakhstan.
"""


def _project(repo: Repo, provisions: str = PROVISIONS) -> None:
    repo.write("amendments/parties.yaml", PARTIES)
    repo.write(
        "amendments/test-bill/bill.yaml",
        bill_yaml("test-bill", provisions).replace(
            "provisions:", "stages: [first-reading, second-reading]\nprovisions:", 1
        ),
    )


def _validate(cli: CliRunner) -> tuple[int, list[dict[str, Any]]]:
    code, out, _ = invoke(cli, "validate", "--format", "json")
    problems: list[dict[str, Any]] = json.loads(out)["problems"]
    return code, problems


# --- validate in a shallow clone ------------------------------------------------------


def _reading(version: str) -> str:
    return f"""
        date: "2021-09-15"
        kind: reading
        stage: first-reading
        body: mazhilis
        outcome: approved
        version: "{version}"
        """


def test_a_pinned_commit_missing_from_a_shallow_clone_is_a_note(
    git_repo: Repo, cli: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _project(git_repo)
    pinned = git_repo.commit("first reading text", date="2021-09-01T12:00:00")
    git_repo.write("amendments/test-bill/events/2021-09-first-reading.yaml", _reading(pinned))
    git_repo.commit("the reading", date="2021-09-15T12:00:00")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", git_repo.path.as_uri(), str(clone)], check=True
    )
    monkeypatch.chdir(clone)

    code, problems = _validate(cli)
    assert code == 0
    assert [(p["level"], p["code"]) for p in problems] == [("note", "reading-version")]
    assert "shallow clone" in problems[0]["message"]
    # What cannot be checked never fails a run, not even a strict one.
    assert invoke(cli, "validate", "--strict")[0] == 0


def test_a_pinned_commit_that_does_not_exist_is_an_error(git_repo: Repo, cli: CliRunner) -> None:
    _project(git_repo)
    git_repo.write("amendments/test-bill/events/2021-09-first-reading.yaml", _reading("f" * 40))
    git_repo.commit("a reading of a commit that never was")

    code, problems = _validate(cli)
    assert code == 1
    assert [(p["level"], p["code"]) for p in problems] == [("error", "reading-version")]


# --- x- keys and yaml-ambiguous ---------------------------------------------------------


def test_x_keys_and_what_is_under_them_are_exempt_from_ambiguity_warnings(
    git_repo: Repo, cli: CliRunner
) -> None:
    _project(git_repo)
    git_repo.write(
        "amendments/test-bill/proposals/P-0001.yaml",
        """
        date: "2021-11-02"
        author: government
        action: drop
        target: local-office
        x-urgent: yes
        x-tracking:
          priority: 1.10
          seen: 2021-11-03
        """,
    )
    assert _validate(cli) == (0, [])


def test_the_same_values_outside_x_keys_are_ambiguity_warnings(
    git_repo: Repo, cli: CliRunner
) -> None:
    _project(git_repo)
    git_repo.write(
        "amendments/test-bill/proposals/P-0001.yaml",
        """
        date: "2021-11-02"
        author: government
        action: drop
        target: local-office
        rationale: yes
        """,
    )
    code, problems = _validate(cli)
    assert code == 0
    assert [(p["line"], p["level"], p["code"]) for p in problems] == [
        (5, "warning", "yaml-ambiguous")
    ]


# --- a blank heading in a diff ----------------------------------------------------------


def _diff_statuses(cli: CliRunner) -> dict[str, tuple[str, list[str]]]:
    code, out, _ = invoke(cli, "diff", "HEAD~1", "HEAD", "--format", "json", "--all")
    assert code == 0, out
    return {p["id"]: (p["status"], p["changes"]) for p in json.loads(out)["provisions"]}


@pytest.mark.parametrize("blank", ['"  "', '" \\t "'])
def test_a_blank_heading_is_no_heading(git_repo: Repo, cli: CliRunner, blank: str) -> None:
    _project(git_repo, PROVISIONS.replace('heading: "Scope"', f"heading: {blank}"))
    git_repo.commit("a blank heading")
    _project(git_repo, PROVISIONS.replace('  heading: "Scope"\n', ""))
    git_repo.commit("no heading")
    assert _diff_statuses(cli)["scope"] == ("unchanged", [])


def test_a_heading_that_appears_is_a_change(git_repo: Repo, cli: CliRunner) -> None:
    _project(git_repo, PROVISIONS.replace('heading: "Scope"', 'heading: "  "'))
    git_repo.commit("a blank heading")
    _project(git_repo)
    git_repo.commit("a real heading")
    assert _diff_statuses(cli)["scope"] == ("modified", ["heading"])


# --- the redline's folding boundary -----------------------------------------------------

# " XX " (four characters with its spaces) is kept between two edits; the words after
# the second edit stay kept either way, so the redline never falls back to striking
# the whole text.
TAIL = " and the rest"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("aaaa XX bbbb", "cccc XX dddd"),  # as long as the edits on both sides: folded
        ("aa XX bbbb", "cccc XX dd"),  # the larger side of each edit counts
    ],
)
def test_a_kept_run_no_longer_than_the_edits_around_it_is_folded(old: str, new: str) -> None:
    assert redline(old + TAIL, new + TAIL) == (("-", old), ("+", new), ("=", TAIL))


@pytest.mark.parametrize(
    ("old", "new", "before", "after"),
    [
        ("aaa XX bbb", "ccc XX ddd", ("aaa", "ccc"), ("bbb", "ddd")),  # one longer: kept
        ("aaa XX bbbb", "ccc XX dddd", ("aaa", "ccc"), ("bbbb", "dddd")),  # the edit before
        ("aaaa XX bbb", "cccc XX ddd", ("aaaa", "cccc"), ("bbb", "ddd")),  # the edit after
    ],
)
def test_a_kept_run_longer_than_an_edit_beside_it_stays(
    old: str, new: str, before: tuple[str, str], after: tuple[str, str]
) -> None:
    assert redline(old + TAIL, new + TAIL) == (
        ("-", before[0]),
        ("+", before[1]),
        ("=", " XX "),
        ("-", after[0]),
        ("+", after[1]),
        ("=", TAIL),
    )


# --- which decision stands --------------------------------------------------------------


def _decision(date: str, status: str) -> str:
    return f"""
        date: "{date}"
        kind: committee
        body: mazhilis
        decisions:
          - proposal: P-0001
            status: {status}
        """


def test_the_latest_decision_by_date_stands(git_repo: Repo, cli: CliRunner) -> None:
    _project(git_repo)
    git_repo.write(
        "amendments/test-bill/proposals/P-0001.yaml",
        """
        date: "2021-11-02"
        author: government
        action: drop
        target: local-office
        """,
    )
    # The ids sort the other way round from the dates, and the later one was written first.
    git_repo.write("amendments/test-bill/events/a-later.yaml", _decision("2021-12-10", "rejected"))
    git_repo.commit("a later decision")
    git_repo.write(
        "amendments/test-bill/events/b-earlier.yaml", _decision("2021-11-20", "accepted")
    )
    git_repo.commit("an earlier decision")

    # A proposal may be decided again later (issue 11): its status is its latest decision,
    # whichever file was written first.
    assert [p["code"] for p in _validate(cli)[1]] == []
    code, out, _ = invoke(cli, "table", "--format", "csv")
    assert code == 0, out
    (row,) = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert row["Decision"].startswith("rejected, 10 December 2021, Mazhilis"), row
    for status, listed in (("accepted", False), ("rejected", True)):
        code, out, _ = invoke(cli, "table", "--format", "csv", "--status", status)
        assert code == 0, out
        assert ("P-0001," in out) is listed, (status, out)
