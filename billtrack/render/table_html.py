"""The `html` table reporter: the comparative table as one self-contained page.

Rendered through the same autoescaping Jinja2 set-up as the summary's page
(billtrack.render.summary_html): inline CSS, no scripts, nothing loaded from outside.
"""

from __future__ import annotations

from typing import TextIO

from billtrack.i18n import language
from billtrack.render.summary_html import template
from billtrack.summary import Table


def render_html(table: Table, out: TextIO) -> None:
    words = language(table.lang)
    out.write(template("table.html.j2").render(t=table, labels=words.labels))
