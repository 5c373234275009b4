"""How parliaments label provisions and containers, in the languages billtrack meets.

A label is what starts a provision ("Статья 5.", "§ 9a", "Article 11 quater A",
"Section 3.", "1-1.") or a container ("Глава 2.", "Abschnitt 3", "Chapter IV"). `core`
reduces a label to what identifies it whatever the word ("§ 9a" and "Art. 9a" -> "9a"),
`sort_key` orders labels that do not sort as numbers (9 < 9a < 9b < 10; 3 < 3 bis < 3 ter),
and `is_repealed` recognises the placeholder left where a unit was repealed. Pure
functions over strings.
"""

from __future__ import annotations

import re
import unicodedata

# Latin ordinal adverbs of French (and Belgian, Italian) numbering, in their order.
_ADVERBS = [
    *("bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "nonies", "novies"),
    *("decies", "undecies", "duodecies", "terdecies", "quaterdecies", "quindecies"),
    *("sexdecies", "septdecies", "octodecies"),
]
_ADVERB = "|".join(_ADVERBS)
# A number as printed: 5, 1-1, 12.3, 9a, 1er, IV, 3 bis, 11 quater A, L. 123-4.
_NUMBER = (
    r"(?:[A-Z]{1,2}\.?\s?)?(?:\d+(?:[-.]\d+)*(?:er|re)?[a-zа-я]?|[IVXLC]+(?:er|re)?\b)"
    rf"(?:\s+(?:{_ADVERB})\b(?:\s+[A-Z]\b)?)?"
)
# The words that start a provision, by language (case-insensitive).
_PROVISION_WORDS = (
    r"статья|ст\.|бап|пункт|подпункт|"  # ru, kk
    r"section|sec\.|clause|article|art\.|artikel|"  # en, fr, de
    r"§§?"
)
_CONTAINER_WORDS = (
    r"раздел|глава|часть|параграф|бөлім|тарау|кітап|"  # ru, kk
    r"part|chapter|title|subtitle|division|subdivision|book|"  # en
    r"teil|buch|kapitel|abschnitt|unterabschnitt|titel|untertitel|"  # de
    r"livre|titre|chapitre|section\s+\d+\s+du\s+chapitre|sous-section"  # fr
)
# A labelled provision: the word, the number, then a separator or the heading.
PROVISION_LABEL = re.compile(
    rf"^\s*(?P<label>(?:{_PROVISION_WORDS})\s*(?P<core>{_NUMBER})|(?P<kk>\d+(?:-\d+)?)-бап)"
    r"(?P<rest>(?:[.:)]|\s|$).*)$",
    re.IGNORECASE | re.DOTALL,
)
# A bare number that starts a provision in a text without labelled ones: "1.", "1)", "1-1.".
BARE_LABEL = re.compile(r"^\s*(?P<label>(?P<core>\d+(?:-\d+)*)[.)])(?P<rest>\s.*|)$", re.DOTALL)
CONTAINER_LABEL = re.compile(
    rf"^\s*(?P<label>(?:{_CONTAINER_WORDS})\s*{_NUMBER}|{_NUMBER}\s*-?(?:бөлім|тарау))"
    r"(?:[.:)]|\s|$)",
    re.IGNORECASE,
)
_SEPARATORS = " \t.:)-–—"
# Placeholders printed where a unit was repealed and its number kept.
_REPEALED = re.compile(
    r"^[\s(\[]*(?:weggefallen|aufgehoben|entfällt|supprimé|abrogé|abrogée|repealed|deleted|"
    r"omitted|reserved|утратил[аио]?\s+силу|исключен[аоы]?|күші\s+жойылды)[\s.)\]]*$",
    re.IGNORECASE,
)


_ORDINAL = re.compile(r"(?<=\d)(?:er|re)\b")  # French "1er", "1re"
_SPACES = re.compile(r"\s+")


def split_label(line: str, *, bare: bool = False) -> tuple[str, str, str] | None:
    """(label as printed, its core, the rest) when `line` starts with a provision label;
    bare numbers ("1.", "1)") only when `bare`."""
    match = PROVISION_LABEL.match(line)
    if match is not None:
        core = match["core"] or match["kk"]
        return match["label"].strip(), core.strip(), _rest(match["rest"])
    if bare:
        match = BARE_LABEL.match(line)
        if match is not None:
            return match["label"], match["core"], _rest(match["rest"])
    return None


def heading_label(line: str) -> tuple[str, str, str] | None:
    """split_label's answer for a line that starts a provision rather than a sentence
    that cites one: after the label comes punctuation, the end, or a heading that starts
    with a capital or a digit ("Статья 5. Цель", "§ 12 Anwendungsbereich"), never a
    lowercase word ("Статья 1 настоящего Закона применяется...")."""
    match = PROVISION_LABEL.match(line)
    if match is None:
        return None
    rest = match["rest"]
    after = rest.lstrip()
    if rest[:1] not in ".:)" and after[:1].islower():
        return None
    return split_label(line)


def _rest(text: str) -> str:
    return text.lstrip(_SEPARATORS).rstrip(" \t.:")


def is_container(line: str) -> bool:
    return CONTAINER_LABEL.match(line) is not None


def core(number: str | None) -> str | None:
    """What identifies a printed label whatever its word and punctuation: "Статья 5." and
    "Art. 5" -> "5", "Article 1er" -> "1", "§ 9a" -> "9a"."""
    if not number:
        return None
    found = split_label(number, bare=True)
    value = found[1] if found is not None else number
    value = unicodedata.normalize("NFKC", value).lower().strip(_SEPARATORS)
    value = _ORDINAL.sub("", value)
    return _SPACES.sub(" ", value) or None


def sort_key(number: str | None) -> tuple[tuple[int, int | str], ...]:
    """A key that orders labels as a reader does: 9 < 9a < 10, 3 < 3 bis < 3 ter < 4,
    1.2 < 1.10; letters and Roman numerals after the numbers they follow."""
    value = core(number) or ""
    key: list[tuple[int, int | str]] = []
    for part in re.findall(r"\d+|[^\W\d_]+", value):
        if part.isdigit():
            key.append((0, int(part)))
        elif part in _ADVERBS:
            key.append((1, _ADVERBS.index(part)))
        else:
            key.append((2, part))
    return tuple(key)


def is_repealed(text: str) -> bool:
    """Whether `text` is only the placeholder of a repealed unit ("(weggefallen)")."""
    return len(text) < 60 and _REPEALED.match(text) is not None
