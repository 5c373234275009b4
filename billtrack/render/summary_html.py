"""The `html` summary reporter, and the Jinja2 set-up the table's HTML reporter shares.

One self-contained page: inline CSS, no scripts, nothing loaded from anywhere (a
Content-Security-Policy meta tag forbids it too). Templates are rendered with
autoescaping on and never mark a value safe, so file text is always text; every value
also passes through `clean` on its way out, so control characters are shown, not sent.
"""

from __future__ import annotations

import re
from importlib.resources import files
from typing import TYPE_CHECKING, Any, TextIO

from billtrack.i18n import language
from billtrack.render.terminal import clean
from billtrack.summary import Summary

if TYPE_CHECKING:
    import jinja2

# A language tag as the bill schema allows it; anything else is not put in a lang attribute.
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")


def _finalize(value: Any) -> Any:
    from markupsafe import Markup

    if value is None:
        return ""
    if isinstance(value, Markup):  # a macro's output: already escaped and cleaned
        return value
    if isinstance(value, str):
        return clean(value)
    return value


def _lang_attr(tag: str) -> str | None:
    return tag if LANGUAGE_TAG.match(tag or "") else None


def template(name: str) -> jinja2.Template:
    """A template from billtrack/render/templates, autoescaped, every value cleaned."""
    import jinja2  # only the HTML formats need it

    environment = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    environment.filters["lang_attr"] = _lang_attr
    source = (files("billtrack.render") / "templates" / name).read_text(encoding="utf-8")
    return environment.from_string(source)


def render_html(summary: Summary, out: TextIO) -> None:
    words = language(summary.lang)
    out.write(
        template("summary.html.j2").render(
            s=summary,
            labels=words.labels,
            formerly=words.formerly,
        )
    )
