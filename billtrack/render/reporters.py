"""The registry of reporters: for each report and format, the function that writes it.

The CLI picks a reporter here by `--format`; no reporter imports this module. A
reporter's module is imported only when it is picked, so choosing one format never pays
for the others (rich's tables, Jinja2). Every reporter takes the report's data, the
stream to write to and, where the report has them, its options; it writes only to that
stream.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, Literal

Report = Literal["diff", "show", "log", "history", "status", "summary", "table", "problems", "bill"]

# "module:function" under billtrack.render, by report and format, in the order help
# lists the formats.
REPORTERS: dict[Report, dict[str, str]] = {
    "diff": {
        "text": "diff.text:render",
        "markdown": "diff.markdown:render",
        "json": "diff.json:render",
        "html": "diff.html:render",
        "docx": "diff.docx:render",
    },
    "show": {
        "text": "show.text:render",
        "json": "show.json:render",
    },
    "log": {
        "text": "history.text:render_log",
        "markdown": "history.markdown:render_log",
        "json": "history.json:render_log",
    },
    "history": {
        "text": "history.text:render_history",
        "markdown": "history.markdown:render_history",
        "json": "history.json:render_history",
    },
    "status": {
        "text": "history.text:render_status",
        "markdown": "history.markdown:render_status",
        "json": "history.json:render_status",
    },
    "summary": {
        "markdown": "summary.markdown:render",
        "html": "summary.html:render",
        "json": "summary.json:render",
    },
    "table": {
        "text": "table.text:render",
        "markdown": "table.markdown:render",
        "csv": "table.csv:render",
        "html": "table.html:render",
        "docx": "table.docx:render",
        "xlsx": "table.xlsx:render",
    },
    "problems": {
        "text": "problems.text:render",
        "json": "problems.json:render",
        "github": "problems.github:render",
    },
    # `billtrack text`: the whole bill at a version.
    "bill": {
        "markdown": "bill.markdown:render",
        "html": "bill.html:render",
        "docx": "bill.docx:render",
    },
}


# Formats whose reporters write bytes to a binary stream (never to a terminal).
BINARY_FORMATS = frozenset({"docx", "xlsx"})


def formats(report: Report) -> tuple[str, ...]:
    """The formats a report is written in."""
    return tuple(REPORTERS[report])


def reporter(report: Report, fmt: str) -> Callable[..., None]:
    """The function that writes `report` in format `fmt` (a KeyError for an unknown one)."""
    module, function = REPORTERS[report][fmt].split(":")
    found: Callable[..., Any] = getattr(
        importlib.import_module(f"billtrack.render.{module}"), function
    )
    return found
