"""The ids of new records: slugs from free text, derived event ids, the next proposal
number, and the checks of an id a user gives.

An id is a file name, never a path. Pure functions over strings, except `with_free_id`,
which retries a write under the next derived id when another writer took one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

from billtrack.record.fields import Field, FieldError, NoFreeId, invalid
from billtrack.store.atomic import RecordExistsError
from billtrack.store.layout import is_record_id

_PROPOSAL_NUMBER = re.compile(r"^P-([0-9]+)$")
# How many derived ids to try when others take them at the same moment.
_ID_ATTEMPTS = 20


class IdTaken(FieldError, RecordExistsError):
    """The id given is already a record's; records are never overwritten."""


_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia", "ә": "a", "ғ": "g", "қ": "q", "ң": "n", "ө": "o", "ұ": "u", "ү": "u",
    "һ": "h", "і": "i", "є": "ie", "ї": "i", "ґ": "g", "ў": "u",
}  # fmt: skip
_STOPWORDS = frozenset(
    {
        *("a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with"),
        *("and", "or", "its", "is", "was", "were", "be", "been"),
        *("и", "в", "во", "на", "с", "со", "о", "об", "по", "к", "ко", "за", "из", "от"),
        *("для", "что", "а", "но"),
    }
)
_SLUG_WORDS = 4
SLUG_LENGTH = 40


def slugify(text: str) -> str:
    """The first few words of `text` as an id part: ASCII, lowercase, dashes ('' if none).

    Cyrillic (Russian, Kazakh, Ukrainian) is transliterated; other scripts fall back to
    their ASCII decomposition, or to nothing.
    """
    words: list[str] = []
    for raw in re.findall(r"[^\W_]+", text.lower()):
        if raw in _STOPWORDS:
            continue
        spelled = "".join(_CYRILLIC.get(ch, ch) for ch in raw)
        ascii_ = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode()
        word = re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")
        if not word:
            continue
        if words and len("-".join([*words, word])) > SLUG_LENGTH:
            break
        words.append(word[:SLUG_LENGTH].strip("-"))
        if len(words) == _SLUG_WORDS:
            break
    return "-".join(words)


def _unique(base: str, taken: Iterable[str]) -> str:
    return unique_among(base, {t.lower() for t in taken})


def unique_among(base: str, lowered: set[str]) -> str:
    """`base` (cut to 76 characters), or `base-2`, `base-3`...: the first whose lowercase
    is not in `lowered`, the taken ids in lowercase (a caller naming many keeps that set
    itself rather than have it rebuilt for each name)."""
    base = base[:76].rstrip("-._")
    candidate, n = base, 1
    while candidate.lower() in lowered:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def derive_event_id(
    date: str, *texts: str | None, taken: Iterable[str] = (), slug: str | None = None
) -> str:
    """`DATE-slug`: `slug` as it is, or from the first of `texts` that gives one; `-2`,
    `-3`... when taken."""
    if not slug:
        slug = next((s for t in texts if t and (s := slugify(t))), "event")
    return _unique(f"{date}-{slug}", taken)


def next_proposal_id(taken: Iterable[str]) -> str:
    """The next free `P-NNNN`: one past the highest number in use (gaps are not reused)."""
    numbers = [int(m[1]) for t in taken if (m := _PROPOSAL_NUMBER.match(t))]
    return f"P-{(max(numbers, default=0) + 1):04d}"


def check_id(value: str, field: str, *, proposal: bool = False) -> str:
    """`value` if it can name a record (a proposal's may hold capitals)."""
    if not is_record_id(value, proposal=proposal):
        allowed = "letters, digits" if proposal else "lowercase letters, digits"
        raise invalid(
            field,
            f"{value!r} is not a valid id: {allowed}, '.', '_' and '-', starting "
            "with a letter or digit, at most 80 characters (an id is a name, never a path)",
        )
    return value


def check_free(value: str, taken: Iterable[str], shown_folder: str) -> None:
    """Refuse an id that differs from a taken one only in case (file systems may not)."""
    lowered = value.lower()
    for other in taken:
        if other.lower() == lowered:
            raise IdTaken(
                f"{shown_folder}/{other}.yaml already exists; records are never overwritten "
                "(choose another ",
                Field("id"),
                ")",
            )


def split_ids(values: Iterable[str]) -> list[str]:
    """Repeated and comma-separated ids, in order, each once."""
    out: list[str] = []
    for value in values:
        for part in value.split(","):
            part = part.strip()
            if part and part not in out:
                out.append(part)
    return out


Done = TypeVar("Done")


def with_free_id(
    given: str | None, derive: Callable[[], str], attempt: Callable[[str], Done]
) -> Done:
    """Run `attempt` with the given id, or with derived ones until one is free (another
    command may take a derived id at the same moment: then the next one is used)."""
    if given is not None:
        return attempt(given)
    for _ in range(_ID_ATTEMPTS):
        try:
            return attempt(derive())
        except RecordExistsError:
            continue
    raise NoFreeId("could not find a free id: give one with ", Field("id"))
