"""The `text` problems reporter: one line a problem, `path:line:col: level: message (code)`,
cleaned so that nothing from a file reaches the terminal raw or spans lines."""

from __future__ import annotations

from typing import TextIO

from billtrack.render.text import clean_line
from billtrack.validate import Report


def render(report: Report, out: TextIO) -> None:
    for problem in report.problems:
        out.write(clean_line(problem.as_text()) + "\n")
