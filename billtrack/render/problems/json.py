"""The `json` problems reporter: the versioned document `billtrack/validate/1`,
{schema, bills, files, errors, warnings, notes, problems}, written by billtrack.render.json."""

from __future__ import annotations

from typing import TextIO

from billtrack.render.json import write
from billtrack.validate import Report

PROBLEMS_SCHEMA = "billtrack/validate/1"


def render(report: Report, out: TextIO) -> None:
    write(
        {
            "schema": PROBLEMS_SCHEMA,
            "bills": report.bills,
            "files": report.files,
            "errors": report.errors,
            "warnings": report.warnings,
            "notes": report.notes,
            "problems": [p.as_dict() for p in report.problems],
        },
        out,
    )
