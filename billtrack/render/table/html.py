"""The `html` table reporter: the comparative table as one self-contained page, rendered
through the one Jinja2 environment (billtrack.render.html)."""

from __future__ import annotations

from typing import TextIO

from billtrack.i18n import language
from billtrack.render.html import template
from billtrack.render.table.view import TableOptions
from billtrack.table import Table


def render(table: Table, out: TextIO, options: TableOptions) -> None:
    words = language(table.lang)
    out.write(template("table.html.j2").render(t=table, labels=words.labels))
