"""validate's `change-unexplained` (issue 11): each change between two consecutive
readings, in the bill's stage order, that the ledger cannot explain is one warning on
the later reading's `version`; what the records explain is not reported."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from tests.support.cli import invoke
from tests.support.repos import PARTIES, Repo

BILL = "amendments/test-bill"


def _bill(removal: str) -> str:
    return (
        "id: test-bill\ntitle: A test bill\njurisdiction: KZ\nlanguage: ru\n"
        "stages: [first-reading, second-reading, senate]\nprovisions:\n"
        '  - id: scope\n    number: "1"\n    text: Закон применяется к платформам.\n'
        f'  - id: removal\n    number: "2"\n    text: {removal}\n'
    )


@pytest.fixture
def readings(git_repo: Repo) -> tuple[Repo, str, str]:
    """A first reading, and a second whose text rewords `removal` as P-0001 proposed."""
    repo = git_repo
    repo.write("amendments/parties.yaml", PARTIES)
    repo.write(f"{BILL}/bill.yaml", _bill("Платформа удаляет контент незамедлительно."))
    v1 = repo.commit("first reading", date="2022-01-15T12:00:00")
    repo.write(
        f"{BILL}/proposals/P-0001.yaml",
        'date: "2022-01-20"\nauthor: government\naction: replace\ntarget: removal\n'
        "text: Платформа удаляет контент в течение суток.\n",
    )
    repo.write(f"{BILL}/bill.yaml", _bill("Платформа удаляет контент в течение суток."))
    v2 = repo.commit("second reading", date="2022-03-09T12:00:00")
    repo.write(
        f"{BILL}/events/2022-01-first-reading.yaml",
        'date: "2022-01-15"\nkind: reading\nstage: first-reading\nbody: mazhilis\n'
        f"outcome: approved\nversion: {v1}\n",
    )
    return repo, v1, v2


def _second_reading(repo: Repo, v2: str, status: str) -> None:
    repo.write(
        f"{BILL}/events/2022-03-second-reading.yaml",
        'date: "2022-03-09"\nkind: reading\nstage: second-reading\nbody: mazhilis\n'
        f"outcome: approved\nversion: {v2}\ndecisions:\n"
        f"  - proposal: P-0001\n    status: {status}\n",
    )
    repo.commit("records", date="2022-03-10T12:00:00")


def test_a_change_an_accepted_proposal_explains_is_not_reported(
    readings: tuple[Repo, str, str], cli: CliRunner
) -> None:
    repo, _, v2 = readings
    _second_reading(repo, v2, "accepted")
    # The Senate's reading, dated only "2022", pins the same text: by date alone it
    # would come first and every change would read as undone and redone.
    repo.write(
        f"{BILL}/events/2022-senate-reading.yaml",
        f'date: "2022"\nkind: reading\nstage: senate\nbody: mazhilis\nversion: {v2}\n',
    )
    repo.commit("senate", date="2022-03-11T12:00:00")
    code, out, err = invoke(cli, "validate", "--strict")
    assert (code, out) == (0, ""), out + err


def test_a_change_a_rejected_proposal_asked_for_is_unexplained(
    readings: tuple[Repo, str, str], cli: CliRunner
) -> None:
    repo, _, v2 = readings
    _second_reading(repo, v2, "rejected")
    code, out, err = invoke(cli, "validate")
    assert code == 0, err  # a warning
    lines = [line for line in out.splitlines() if "change-unexplained" in line]
    assert lines == [
        f"{BILL}/events/2022-03-second-reading.yaml:6:10: warning change-unexplained "
        "provision 'removal' changed (text) between the readings 2022-01-first-reading and "
        "2022-03-second-reading, and no accepted proposal or agreeing event explains it"
    ], out + err
    assert invoke(cli, "validate", "--strict")[0] == 1
