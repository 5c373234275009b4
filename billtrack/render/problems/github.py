"""The `github` problems reporter: one workflow command a problem, which GitHub Actions
shows as an annotation on the file and line."""

from __future__ import annotations

from typing import TextIO

from billtrack.problems import Problem
from billtrack.render.text import clean
from billtrack.validate import Report


def _data(value: str) -> str:
    escaped = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    # File names and values are data: no control character or escape sequence reaches
    # the log raw (newlines are already %0A, as the workflow-command syntax wants).
    return clean(escaped)


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem) -> str:
    """`::error file=F,line=L,col=C,title=billtrack CODE::message`."""
    properties = [f"file={_property(problem.path)}"]
    if problem.line:
        properties += [f"line={problem.line}", f"col={problem.column}"]
    properties.append(f"title={_property('billtrack ' + problem.code)}")
    command = "notice" if problem.level == "note" else problem.level
    return f"::{command} {','.join(properties)}::{_data(problem.message)}"


def render(report: Report, out: TextIO) -> None:
    for problem in report.problems:
        out.write(annotation(problem) + "\n")
