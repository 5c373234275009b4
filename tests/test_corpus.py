"""The corpus under tests/data (see its README): every valid case validates clean, every
invalid case prints exactly the problems its expected.txt lists, quickly and without a
traceback. Each case runs in a fresh git repository, as `amendments/`."""

from __future__ import annotations

import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import Repo, invoke

DATA = Path(__file__).parent / "data"
VALID = sorted(p for p in (DATA / "valid").iterdir() if p.is_dir())
INVALID = sorted(p for p in (DATA / "invalid").iterdir() if p.is_dir())
EXPECTED = "expected.txt"
# Stands for "the commit holding this case" in a reading's version (see data/README.md).
PIN = "c0ffee" * 6 + "c0ff"

_PROBLEM = re.compile(
    r"^(?P<path>.+?):(?P<line>[0-9]+):(?P<column>[0-9]+): "
    r"(?P<level>error|warning) (?P<code>[a-z0-9-]+)(?: (?P<message>.*))?$"
)


@dataclass(frozen=True)
class Line:
    """One problem as printed by `validate` (or expected by a corpus case)."""

    path: str
    line: int
    column: int
    level: str
    code: str
    message: str

    @property
    def where(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.level, self.code)


def parse_problem(text: str) -> Line:
    match = _PROBLEM.match(text)
    assert match, f"not a problem line: {text!r}"
    return Line(
        match["path"],
        int(match["line"]),
        int(match["column"]),
        match["level"],
        match["code"],
        match["message"] or "",
    )


def expected_problems(case: Path) -> list[Line]:
    text = (case / EXPECTED).read_text(encoding="utf-8")
    return [
        parse_problem(line)
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    ]


def case_files(case: Path) -> list[Path]:
    """The YAML files of a case (what check-jsonschema and editors would see)."""
    return sorted(p for p in case.rglob("*") if p.is_file() and p.name != EXPECTED)


def install_case(repo: Repo, case: Path) -> None:
    """Copy the case to `amendments/` and commit it; a pinned reading gets that commit."""
    target = repo.path / "amendments"
    shutil.copytree(case, target, ignore=shutil.ignore_patterns(EXPECTED))
    head = repo.commit(f"case {case.name}")
    pinned = [p for p in target.rglob("*.yaml") if PIN.encode() in p.read_bytes()]
    for path in pinned:
        path.write_bytes(path.read_bytes().replace(PIN.encode(), head.encode()))
    if pinned:
        repo.commit("pin the reading")


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
    assert "0 error(s), 0 warning(s)" in err
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
    warnings = len(expected) - errors
    assert code == (1 if errors else 0)
    assert f"{errors} error(s), {warnings} warning(s)" in err
    assert elapsed < 1.0, f"validate took {elapsed:.2f} s"

    strict_code, strict_lines, _, _ = run_validate(cli, "--strict")
    assert strict_lines == lines
    assert strict_code == 1


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
