"""Resolving versions of a bill (store/repository.py) on a real repository: @DATE as
the end of a partial date, the first commit of a bill, the did-you-mean of an unknown
version, and the git look-ups behind them (store/git.py)."""

from __future__ import annotations

import pytest

from billtrack.errors import UsageError
from billtrack.store.git import Git
from billtrack.store.layout import find_root
from billtrack.store.repository import BillRepository
from billtrack.suggest import did_you_mean
from tests.support.repos import PARTIES, Repo, bill_yaml

PROVISIONS = """
- id: scope
  text: This law applies to online platforms.
"""
READING = """
date: "2021-11-10"
kind: reading
stage: first-reading
version: "{commit}"
"""


@pytest.fixture
def history(git_repo: Repo) -> dict[str, str]:
    """Three commits: an unrelated one, the bill (October 2021), a change (December)."""
    git_repo.write("README.md", "notes\n")
    first = git_repo.commit("readme", date="2021-09-01T12:00:00+00:00")
    git_repo.write("amendments/parties.yaml", PARTIES)
    git_repo.write("amendments/b1/bill.yaml", bill_yaml("b1", PROVISIONS))
    bill = git_repo.commit("the bill", date="2021-10-15T12:00:00+00:00")
    git_repo.write("amendments/b1/bill.yaml", bill_yaml("b1", PROVISIONS, short_title="B"))
    change = git_repo.commit("a change", date="2021-12-02T12:00:00+00:00")
    return {"readme": first, "bill": bill, "change": change}


def test_git_lists_the_first_parent_line_with_dates(
    git_repo: Repo, history: dict[str, str]
) -> None:
    with Git(git_repo.path) as git:
        assert git.first_parent_dates() == [
            (history["change"], "2021-12-02"),
            (history["bill"], "2021-10-15"),
            (history["readme"], "2021-09-01"),
        ]
        assert git.first_commit("amendments/b1/bill.yaml") == history["bill"]
        assert git.first_commit("amendments/none.yaml") is None
        with pytest.raises(UsageError, match="outside the repository"):
            git.first_commit("../elsewhere")


@pytest.mark.parametrize(
    ("spec", "commit"),
    [
        ("@2021-10-15", "bill"),
        ("@2021-10", "bill"),  # the end of October
        ("@2021-12-01", "bill"),
        ("@2021-12", "change"),
        ("@2021", "change"),
        ("@2021-09-30", "readme"),
    ],
)
def test_a_date_names_the_state_at_its_end(history: dict[str, str], spec: str, commit: str) -> None:
    with BillRepository(find_root(), "b1") as repo:
        side = repo.resolve(spec)
    assert side.commit == history[commit]
    assert side.label == f"as of {spec[1:]}"


@pytest.mark.parametrize("spec", ["@2021-02-30", "@2021-13", "@0000", "@21-11", "@2021-1"])
def test_a_date_that_is_not_one_is_refused(history: dict[str, str], spec: str) -> None:
    with BillRepository(find_root(), "b1") as repo, pytest.raises(UsageError) as caught:
        repo.resolve(spec)
    assert str(caught.value) == f"{spec!r}: expected a date as @YYYY, @YYYY-MM or @YYYY-MM-DD"


def test_a_date_before_every_commit_is_refused(history: dict[str, str]) -> None:
    with BillRepository(find_root(), "b1") as repo, pytest.raises(UsageError, match="no commit"):
        repo.resolve("@2020")


def test_without_a_reading_the_old_side_is_the_bills_first_commit(
    history: dict[str, str],
) -> None:
    with BillRepository(find_root(), "b1") as repo:
        side = repo.default_old()
        assert repo.first_commit() == history["bill"]
    assert side.commit == history["bill"]
    assert side.label == "the bill's first commit"


def test_an_unknown_version_is_offered_the_close_reading(
    git_repo: Repo, history: dict[str, str]
) -> None:
    git_repo.write("amendments/b1/events/2021-11-10.yaml", READING.format(commit=history["bill"]))
    with BillRepository(find_root(), "b1") as repo, pytest.raises(UsageError) as caught:
        repo.resolve("first")
    # Looser than elsewhere: `first` is one word of `first-reading`.
    assert did_you_mean("first", ["first-reading"]) == ""
    assert "did you mean 'first-reading'?" in str(caught.value)
    assert "a stage or reading: 2021-11-10, first-reading" in str(caught.value)
