"""The corpus of valid and invalid data roots under tests/data, and the problems each
invalid case must produce (its expected.txt)."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from tests.support.repos import Repo

DATA = Path(__file__).parents[1] / "data"

VALID = sorted(p for p in (DATA / "valid").iterdir() if p.is_dir())

INVALID = sorted(p for p in (DATA / "invalid").iterdir() if p.is_dir())


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


def expected_problems(case: Path) -> list[Line]:
    text = (case / EXPECTED).read_text(encoding="utf-8")
    return [
        parse_problem(line)
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    ]


def case_files(case: Path) -> list[Path]:
    """The YAML files of a case (what check-jsonschema and editors would see); an
    `earlier/` state of the case is history, not one of its files."""
    return sorted(
        p
        for p in case.rglob("*")
        if p.is_file() and p.name != EXPECTED and EARLIER not in p.relative_to(case).parts
    )


def install_case(repo: Repo, case: Path) -> None:
    """Copy the case to `amendments/` and commit it; a pinned reading gets that commit.
    When the case has an `earlier/` folder, that state is committed first and
    EARLIER_PIN stands for its commit. Commits are dated COMMIT_DATE, so that a
    reading's date and its commit's agree (event-chronology)."""
    target = repo.path / "amendments"
    earlier = ""
    if (case / EARLIER).is_dir():
        shutil.copytree(case / EARLIER, target)
        earlier = repo.commit(f"case {case.name}, earlier", date=COMMIT_DATE)
        shutil.rmtree(target)
    shutil.copytree(case, target, ignore=shutil.ignore_patterns(EXPECTED, EARLIER))
    head = repo.commit(f"case {case.name}", date=COMMIT_DATE)
    pins = {PIN: head, EARLIER_PIN: earlier}
    pinned = [
        p for p in target.rglob("*.yaml") if any(pin.encode() in p.read_bytes() for pin in pins)
    ]
    for path in pinned:
        data = path.read_bytes()
        for pin, commit in pins.items():
            data = data.replace(pin.encode(), commit.encode())
        path.write_bytes(data)
    if pinned:
        repo.commit("pin the reading", date=COMMIT_DATE)


EXPECTED = "expected.txt"
EARLIER = "earlier"
COMMIT_DATE = "2001-01-01T12:00:00"

# Stands for "the commit holding this case" in a reading's version (see data/README.md).
PIN = "c0ffee" * 6 + "c0ff"
# Stands for "the commit holding the case's earlier/ state".
EARLIER_PIN = "ea7e1e" * 6 + "ea7e"


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


_PROBLEM = re.compile(
    r"^(?P<path>.+?):(?P<line>[0-9]+):(?P<column>[0-9]+): "
    r"(?P<level>error|warning|note) (?P<code>[a-z0-9-]+)(?: (?P<message>.*))?$"
)
