"""Labels and generated sentences of the reports, one module a language (en, ru).

`language(tag)` gives the words of one language; billtrack.i18n.base says what every
language provides. Never prints.
"""

from __future__ import annotations

from billtrack.i18n.base import Language
from billtrack.i18n.en import English
from billtrack.i18n.ru import Russian

_LANGUAGES: dict[str, Language] = {"en": English(), "ru": Russian()}
LANGS: tuple[str, ...] = tuple(_LANGUAGES)


def language(tag: str) -> Language:
    """The words of a language by its tag (en, ru)."""
    try:
        return _LANGUAGES[tag]
    except KeyError:
        raise ValueError(f"no such language {tag!r}; languages: {', '.join(LANGS)}") from None
