"""The reporters of `billtrack summary` and `billtrack table`, by format name.

Each reporter is imported only when called, so choosing one format never pays for the
others (rich, Jinja2). Reporters write only to the stream they are given.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from billtrack.summary import Summary, Table


def _summary_markdown(summary: Summary, out: TextIO) -> None:
    from billtrack.render.summary_markdown import render_markdown

    render_markdown(summary, out)


def _summary_html(summary: Summary, out: TextIO) -> None:
    from billtrack.render.summary_html import render_html

    render_html(summary, out)


def _summary_json(summary: Summary, out: TextIO) -> None:
    from billtrack.render.summary_json import render_json

    render_json(summary, out)


def _table_text(table: Table, out: TextIO) -> None:
    from billtrack.render.table_text import render_text

    render_text(table, out)


def _table_markdown(table: Table, out: TextIO) -> None:
    from billtrack.render.table_markdown import render_markdown

    render_markdown(table, out)


def _table_csv(table: Table, out: TextIO) -> None:
    from billtrack.render.table_csv import render_csv

    render_csv(table, out)


def _table_html(table: Table, out: TextIO) -> None:
    from billtrack.render.table_html import render_html

    render_html(table, out)


SummaryReporter = Callable[["Summary", TextIO], None]
TableReporter = Callable[["Table", TextIO], None]

SUMMARY_REPORTERS: dict[str, SummaryReporter] = {
    "markdown": _summary_markdown,
    "html": _summary_html,
    "json": _summary_json,
}
TABLE_REPORTERS: dict[str, TableReporter] = {
    "text": _table_text,
    "markdown": _table_markdown,
    "csv": _table_csv,
    "html": _table_html,
}
