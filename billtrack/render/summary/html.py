"""The `html` summary reporter: one self-contained page, rendered through the one Jinja2
environment (billtrack.render.html: autoescaped, every value cleaned, no scripts, nothing
loaded from outside). The template never marks a value safe.
"""

from __future__ import annotations

from typing import TextIO

from billtrack.i18n import language
from billtrack.render.html import template
from billtrack.summary.records import Summary


def render(summary: Summary, out: TextIO) -> None:
    words = language(summary.lang)
    out.write(
        template("summary.html.j2").render(
            s=summary,
            labels=words.labels,
            formerly=words.formerly,
        )
    )
