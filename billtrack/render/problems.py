"""Reporters for validate's problems: text, json, github (workflow annotations)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TextIO

from billtrack.problems import Problem
from billtrack.render.terminal import clean, clean_line
from billtrack.validate import Report

PROBLEMS_SCHEMA = "billtrack/validate/1"


def render_text(report: Report, out: TextIO) -> None:
    for problem in report.problems:
        out.write(clean_line(problem.as_text()) + "\n")


def render_json(report: Report, out: TextIO) -> None:
    document = {
        "schema": PROBLEMS_SCHEMA,
        "bills": report.bills,
        "files": report.files,
        "errors": report.errors,
        "warnings": report.warnings,
        "problems": [p.as_dict() for p in report.problems],
    }
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _github_data(value: str) -> str:
    escaped = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    # File names and values are data: no control character or escape sequence reaches
    # the log raw (newlines are already %0A, as the workflow-command syntax wants).
    return clean(escaped)


def _github_property(value: str) -> str:
    return _github_data(value).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem) -> str:
    properties = [f"file={_github_property(problem.path)}"]
    if problem.line:
        properties += [f"line={problem.line}", f"col={problem.column}"]
    properties.append(f"title={_github_property('billtrack ' + problem.code)}")
    return f"::{problem.level} {','.join(properties)}::{_github_data(problem.message)}"


def render_github(report: Report, out: TextIO) -> None:
    for problem in report.problems:
        out.write(github_annotation(problem) + "\n")


REPORTERS: dict[str, Callable[[Report, TextIO], None]] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
}
