"""The corpus under tests/data (see its README): every valid case validates clean, every
invalid case prints exactly the problems its expected.txt lists, quickly and without a
traceback. Each case runs in a fresh git repository, as `amendments/`."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.support.cli import invoke
from tests.support.corpus import (
    DATA,
    EXPECTED,
    INVALID,
    VALID,
    expected_problems,
    install_case,
    parse_problem,
)
from tests.support.repos import Repo


def run_validate(cli: CliRunner, *args: str) -> tuple[int, list[str], str, float]:
    start = time.perf_counter()
    code, out, err = invoke(cli, "validate", *args)
    elapsed = time.perf_counter() - start
    assert "Traceback" not in out + err
    return code, out.splitlines(), err, elapsed


def test_the_corpus_is_complete() -> None:
    assert len(VALID) >= 4
    assert len(INVALID) >= 20
    for case in VALID + INVALID:
        assert (case / "parties.yaml").is_file(), case.name
        assert list(case.glob("*/bill.yaml")), f"{case.name} has no bill folder"
    for case in VALID:
        assert not (case / EXPECTED).exists(), f"valid case {case.name} expects problems"
    for case in INVALID:
        assert expected_problems(case), f"invalid case {case.name} lists no problem"


@pytest.mark.parametrize("case", VALID, ids=[c.name for c in VALID])
def test_valid_case(case: Path, git_repo: Repo, cli: CliRunner) -> None:
    install_case(git_repo, case)
    code, lines, err, _ = run_validate(cli)
    assert lines == []
    assert code == 0
    assert "0 errors, 0 warnings" in err
    # Nothing to warn about either: valid means valid for every YAML tool.
    code, lines, _, _ = run_validate(cli, "--strict")
    assert (code, lines) == (0, [])


@pytest.mark.parametrize("case", INVALID, ids=[c.name for c in INVALID])
def test_invalid_case(case: Path, git_repo: Repo, cli: CliRunner) -> None:
    expected = expected_problems(case)
    install_case(git_repo, case)

    code, lines, err, elapsed = run_validate(cli)

    actual = [parse_problem(line) for line in lines]
    assert [p.where for p in actual] == [p.where for p in expected]
    for want, got in zip(expected, actual, strict=True):
        assert want.message in got.message, f"{got.path}:{got.line}: {got.message!r}"
    errors = sum(p.level == "error" for p in expected)
    warnings = sum(p.level == "warning" for p in expected)
    assert code == (1 if errors else 0)
    assert f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}" in err
    assert elapsed < 1.0, f"validate took {elapsed:.2f} s"

    # --strict reports the warnings as errors; notes (what could not be checked) stay.
    strict_code, strict_lines, _, _ = run_validate(cli, "--strict")
    assert strict_lines == [line.replace(": warning ", ": error ", 1) for line in lines]
    assert strict_code == (1 if errors or warnings else 0)


@pytest.mark.parametrize(
    "case", ["unknown-party", "reading-missing-commit"], ids=["unknown-party", "missing-commit"]
)
def test_a_bill_file_given_as_pre_commit_passes_it_validates_the_whole_bill(
    case: str, git_repo: Repo, cli: CliRunner
) -> None:
    source = DATA / "invalid" / case
    install_case(git_repo, source)
    # Only bill.yaml is named, but the problems are in the bill's other files.
    code, lines, _, _ = run_validate(cli, "amendments/test-bill/bill.yaml")
    assert [parse_problem(line).where for line in lines] == [
        p.where for p in expected_problems(source)
    ]
    assert code == 1
