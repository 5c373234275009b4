"""Choosing one language of a multilingual field, and marking when it had to fall back.

Every human-readable field of the format may be a string or a mapping from language tag
to string (the form provision `text` has always had). `choose` is the one place that
decides which language a report shows: the requested one, else the bill's own
language, else English, else the first the field has; anything but the requested
language is a fallback and `shown` marks it (`Hong Kong [en]`), so a reader sees that
the record lacks a translation instead of meeting a silent switch of language. A plain
string is taken to be in every language: the format cannot say which it is. Never prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from billtrack.model import Text


@dataclass(frozen=True, slots=True)
class Chosen:
    text: str
    lang: str  # the tag of the language shown; "" for a plain string
    fallback: bool  # the requested language was missing

    @property
    def shown(self) -> str:
        """The text, with the tag of its language after it when it is a fallback."""
        return f"{self.text} [{self.lang}]" if self.fallback else self.text


def choose(value: Text, lang: str, *, primary: str = "") -> Chosen:
    """The text of `value` in `lang`, else in `primary` (the bill's language), else in
    English, else in the first language the field has."""
    if isinstance(value, str):
        return Chosen(value, "", False)
    if lang in value:
        return Chosen(value[lang], lang, False)
    for tag in (primary, primary.split("-")[0], "en"):
        if tag and tag in value:
            return Chosen(value[tag], tag, True)
    for tag, text in value.items():
        if tag.split("-")[0] == lang.split("-")[0]:
            return Chosen(text, tag, False)
    tag, text = next(iter(value.items()))
    return Chosen(text, tag, True)


def shown(value: Text | None, lang: str, *, primary: str = "") -> str | None:
    """`choose(...).shown`, passing None through: the field as a report prints it."""
    return None if value is None else choose(value, lang, primary=primary).shown


def languages(value: Text | None) -> tuple[str, ...]:
    """The language tags a field has (() for a plain string or None)."""
    return tuple(value) if isinstance(value, Mapping) else ()
