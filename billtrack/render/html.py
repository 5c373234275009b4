"""HTML as an output medium: the one Jinja2 environment of every HTML page billtrack writes.

Pages are self-contained (inline CSS, no scripts, nothing loaded from anywhere; each
template's Content-Security-Policy meta tag forbids it too). Templates are rendered with
autoescaping on and never mark a value safe, so file text is always text; every value
also passes through `clean` on its way out, so control characters are shown, not sent,
and None prints as nothing. A language tag reaches a lang attribute only when it is a
valid one. Jinja2 is imported only when a page is rendered.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from billtrack.render.text import clean

if TYPE_CHECKING:
    import jinja2

# A language tag as the bill schema allows it; anything else is not put in a lang attribute.
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")


def lang_attr(tag: str | None) -> str | None:
    """The tag when it may be a lang attribute's value, else None."""
    return tag if tag and LANGUAGE_TAG.fullmatch(tag) else None


def css_string(text: str) -> str:
    """The inside of a CSS string (between double quotes) that shows `text`: letters and
    digits as they are, every other character (spaces too: CSS swallows a space after
    an escape) a six-digit hex escape, so nothing in it can end the string, the rule or
    the <style> element, and autoescaping leaves it be.
    Used for the printed page's running header (@page margin boxes take only strings)."""
    return "".join(char if char.isalnum() else f"\\{ord(char):06x}" for char in clean(text))


def _finalize(value: Any) -> Any:
    from markupsafe import Markup

    if value is None:
        return ""
    if isinstance(value, Markup):  # a macro's output: already escaped and cleaned
        return value
    if isinstance(value, str):
        return clean(value)
    return value


@cache
def _environment() -> jinja2.Environment:
    import jinja2  # only the HTML formats need it

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("billtrack.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    environment.filters["lang_attr"] = lang_attr
    environment.filters["css_string"] = css_string
    return environment


def template(name: str) -> jinja2.Template:
    """A template from billtrack/render/templates, autoescaped, every value cleaned."""
    return _environment().get_template(name)
