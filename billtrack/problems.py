"""The one record of a finding: where it is, how bad, which rule, what to do.

Every output format (text, JSON, GitHub annotations) renders these; the core yields
them and never prints. Lines and columns are 1-based; 0 means "the whole file".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from billtrack.errors import DataError

# A note says what could not be checked (history a shallow clone lacks, a file that fell
# back to its committed version): it never fails a run, not even with --strict.
Level = Literal["error", "warning", "note"]


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    level: Level
    code: str
    message: str

    def as_text(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.level} {self.code} {self.message}"

    def as_dict(self) -> dict[str, str | int]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "level": self.level,
            "code": self.code,
            "message": self.message,
        }


class ProblemError(DataError):
    """A file cannot be read at all; carries the problem, which is also the message."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.as_text())
        self.problem = problem
