"""The labels Word shows before its automatically numbered paragraphs ("Статья 5.", "1)",
"1.1.", "а)"), which a paragraph's text (python-docx's `paragraph.text`) leaves out.

A .docx keeps no numbers: a numbered paragraph names a list (`w:numId`) and a level
(`w:ilvl`), itself or through its style, and the reader counts, as Word does, over the
paragraphs in document order. `list_labels` does that count on python-docx's oxml (lxml)
elements and gives each numbered paragraph the text Word puts before it. A numbering it
cannot read gives no labels at all: a wrong number would mislead the matcher more than
none. Imported only when a DOCX is read (it needs python-docx's `qn`); never raises on
a document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from docx.oxml.ns import qn

# Cyrillic list letters as Word counts them (russianLower): no ё, й, ъ, ь.
_RUSSIAN = "абвгдежзиклмнопрстуфхцчшщыэюя"
_LATIN = "abcdefghijklmnopqrstuvwxyz"
_ALPHABETS = {
    "lowerLetter": _LATIN,
    "upperLetter": _LATIN.upper(),
    "russianLower": _RUSSIAN,
    "russianUpper": _RUSSIAN.upper(),
}
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip
_SUFFIXES = {"tab": " ", "space": " ", "nothing": ""}
_PLACEHOLDER = re.compile(r"%([1-9])")
# Formats that show no number: the paragraph is in a list, but has no label.
_UNLABELLED = {"bullet", "none"}
# Letters and Roman numerals past this show as decimal: the largest Roman number written
# the usual way, and a bound on the label a hostile w:start can ask for.
_SPELLED_UP_TO = 3999


class DamagedNumbering(ValueError):
    """The numbering definitions or a paragraph's reference to them cannot be read."""


@dataclass(frozen=True, slots=True)
class _Level:
    """One `w:lvl`: how a level counts and what it shows."""

    start: int
    fmt: str
    template: str | None  # w:lvlText; None when the level shows nothing
    # w:lvlRestart: restart after a use of any level above this one-based level (0:
    # never); None for Word's default, after any level above this one.
    restart: int | None
    suffix: str
    legal: bool  # w:isLgl: the levels above shown in decimal
    style: str | None  # w:pStyle: the paragraph style this level belongs to


@dataclass(frozen=True, slots=True)
class _List:
    """One `w:num`: its levels, and the counters it counts with."""

    levels: dict[int, _Level]
    # Lists of one abstract definition share their counters (Word continues the
    # numbering across them) unless one restarts with a w:startOverride.
    counters: str


def list_labels(body: Any, numbering: Any | None, styles: Any | None) -> dict[Any, str] | None:
    """What Word shows before each numbered paragraph under `body` (the label and its
    suffix; "" for a bullet or an unnumbered level), by paragraph element; None when the
    numbering cannot be read. `numbering` and `styles` are the root elements of the
    numbering and styles parts, when the document has them."""
    try:
        return _count(body, numbering, styles)
    except DamagedNumbering:
        return None


def _count(body: Any, numbering: Any | None, styles: Any | None) -> dict[Any, str]:
    style_numbering = _Styles(styles)
    lists = _lists(numbering, style_numbering) if numbering is not None else {}
    counters: dict[str, dict[int, int]] = {}
    labels: dict[Any, str] = {}
    for paragraph in _paragraphs(body):
        found = style_numbering.of(paragraph, lists)
        if found is None:
            continue
        numbered, ilvl = found
        level = numbered.levels.get(ilvl)
        if level is None:
            continue
        values = counters.setdefault(numbered.counters, {})
        values[ilvl] = values[ilvl] + 1 if ilvl in values else level.start
        for deeper in [m for m in values if m > ilvl]:
            rule = numbered.levels[deeper].restart if deeper in numbered.levels else None
            if ilvl < (deeper if rule is None else rule):
                del values[deeper]
        labels[paragraph] = _label(numbered, ilvl, values)
    return labels


def _paragraphs(body: Any) -> Iterator[Any]:
    """The paragraphs Word counts, in order: the body's and its tables', not those of
    text boxes (which a drawing may hold twice, as its choice and its fallback)."""
    box = qn("w:txbxContent")
    for paragraph in body.iter(qn("w:p")):
        if next(paragraph.iterancestors(box), None) is None:
            yield paragraph


def _label(numbered: _List, ilvl: int, values: dict[int, int]) -> str:
    level = numbered.levels[ilvl]
    if level.fmt in _UNLABELLED or not level.template:
        return ""

    def number(match: re.Match[str]) -> str:
        at = int(match.group(1)) - 1
        other = numbered.levels.get(at)
        if other is None:
            return ""
        fmt = "decimal" if level.legal and at < ilvl and other.fmt != "none" else other.fmt
        return format_number(values.get(at, other.start), fmt)

    label = _PLACEHOLDER.sub(number, level.template).strip()
    return label + level.suffix if label else ""


def format_number(value: int, fmt: str) -> str:
    """A counter's value as a level's w:numFmt shows it; unknown formats as decimal."""
    if fmt in _UNLABELLED:
        return ""
    spelled = 1 <= value <= _SPELLED_UP_TO
    if spelled and fmt in _ALPHABETS:
        alphabet = _ALPHABETS[fmt]
        # Past the last letter Word doubles it: y, z, aa, bb.
        turn, index = divmod(value - 1, len(alphabet))
        return alphabet[index] * (turn + 1)
    if spelled and fmt in ("lowerRoman", "upperRoman"):
        roman = ""
        for amount, digits in _ROMAN:
            count, value = divmod(value, amount)
            roman += digits * count
        return roman.upper() if fmt == "upperRoman" else roman
    return f"{value:02d}" if fmt == "decimalZero" else str(value)


def _lists(numbering: Any, styles: _Styles) -> dict[int, _List]:
    abstracts = {
        _number(a.get(qn("w:abstractNumId"))): a for a in numbering.iterfind(qn("w:abstractNum"))
    }
    nums = {_number(n.get(qn("w:numId"))): n for n in numbering.iterfind(qn("w:num"))}
    links = styles.list_styles()
    lists: dict[int, _List] = {}
    for num_id, num in nums.items():
        abstract_id = _number(_val(num.find(qn("w:abstractNumId"))))
        abstract = _abstract(abstract_id, abstracts, nums, links)
        levels = {
            _number(lvl.get(qn("w:ilvl"))): _level(lvl) for lvl in abstract.iterfind(qn("w:lvl"))
        }
        restarts = False
        for override in num.iterfind(qn("w:lvlOverride")):
            ilvl = _number(override.get(qn("w:ilvl")))
            lvl = override.find(qn("w:lvl"))
            if lvl is not None:
                levels[ilvl] = _level(lvl)
            start = override.find(qn("w:startOverride"))
            if start is not None and ilvl in levels:
                levels[ilvl] = replace(levels[ilvl], start=_number(_val(start)))
                restarts = True
        shared = f"num {num_id}" if restarts else f"abstract {abstract.get(qn('w:abstractNumId'))}"
        lists[num_id] = _List(levels, shared)
    return lists


def _abstract(abstract_id: int, abstracts: dict[int, Any], nums: dict[int, Any],
              links: dict[str, int]) -> Any:  # fmt: skip
    """The abstract definition that holds the levels: one with a w:numStyleLink takes
    them from the list its numbering style names."""
    seen: set[int] = set()
    while abstract_id not in seen:
        seen.add(abstract_id)
        abstract = abstracts.get(abstract_id)
        if abstract is None:
            raise DamagedNumbering(f"no abstract numbering {abstract_id}")
        link = abstract.find(qn("w:numStyleLink"))
        if link is None:
            return abstract
        num = nums.get(links.get(_val(link) or "", -1))
        if num is None:
            raise DamagedNumbering(f"no list for numbering style {_val(link)}")
        abstract_id = _number(_val(num.find(qn("w:abstractNumId"))))
    raise DamagedNumbering("numbering styles that link to each other")


def _level(lvl: Any) -> _Level:
    start = lvl.find(qn("w:start"))
    fmt = _val(lvl.find(qn("w:numFmt"))) or "decimal"
    restart = lvl.find(qn("w:lvlRestart"))
    legal = lvl.find(qn("w:isLgl"))
    return _Level(
        start=_number(_val(start)) if start is not None else 0,
        fmt=fmt,
        template=_val(lvl.find(qn("w:lvlText"))),
        restart=_number(_val(restart)) if restart is not None else None,
        suffix=_SUFFIXES.get(_val(lvl.find(qn("w:suff"))) or "tab", " "),
        legal=legal is not None and _val(legal) not in ("0", "false", "off"),
        style=_val(lvl.find(qn("w:pStyle"))),
    )


class _Styles:
    """The numbering paragraph styles give (w:pPr/w:numPr, inherited through w:basedOn)."""

    def __init__(self, styles: Any | None) -> None:
        self._by_id: dict[str, Any] = {}
        self._default: str | None = None
        self._chains: dict[str | None, tuple[int | None, int | None]] = {}
        if styles is None:
            return
        for style in styles.iterfind(qn("w:style")):
            if style.get(qn("w:type")) not in (None, "paragraph", "numbering"):
                continue
            style_id = style.get(qn("w:styleId"))
            if style_id is None:
                continue
            self._by_id.setdefault(style_id, style)
            if (
                style.get(qn("w:default")) in ("1", "true", "on")
                and style.get(qn("w:type")) == "paragraph"
            ):
                self._default = self._default or style_id

    def list_styles(self) -> dict[str, int]:
        """The list each numbering style (a w:numStyleLink's target) stands for."""
        found: dict[str, int] = {}
        for style_id in self._by_id:
            num_id, _ = self._numbering(style_id)
            if num_id is not None:
                found[style_id] = num_id
        return found

    def _numbering(self, style_id: str | None) -> tuple[int | None, int | None]:
        """(numId, ilvl) of a style, each from the nearest style of its chain that has it."""
        if style_id not in self._chains:
            self._chains[style_id] = self._inherited(style_id)
        return self._chains[style_id]

    def _inherited(self, style_id: str | None) -> tuple[int | None, int | None]:
        num_id = ilvl = None
        seen: set[str] = set()
        while style_id is not None and style_id not in seen and style_id in self._by_id:
            seen.add(style_id)
            style = self._by_id[style_id]
            num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if num_pr is not None:
                num_id = num_id if num_id is not None else _child_number(num_pr, "w:numId")
                ilvl = ilvl if ilvl is not None else _child_number(num_pr, "w:ilvl")
            based = style.find(qn("w:basedOn"))
            style_id = _val(based) if based is not None else None
        return num_id, ilvl

    def of(self, paragraph: Any, lists: dict[int, _List]) -> tuple[_List, int] | None:
        """The list and level of a paragraph, if it is numbered."""
        p_pr = paragraph.find(qn("w:pPr"))
        own = p_pr.find(qn("w:numPr")) if p_pr is not None else None
        p_style = p_pr.find(qn("w:pStyle")) if p_pr is not None else None
        style_id = _val(p_style) if p_style is not None else self._default
        num_id = ilvl = None
        if own is not None:
            num_id, ilvl = _child_number(own, "w:numId"), _child_number(own, "w:ilvl")
        if num_id is None or ilvl is None:
            style_num, style_ilvl = self._numbering(style_id)
            num_id = num_id if num_id is not None else style_num
            ilvl = ilvl if ilvl is not None else style_ilvl
        if not num_id:  # none, or 0: "no numbering", even over a style's
            return None
        numbered = lists.get(num_id)
        if numbered is None:
            return None
        if ilvl is None:
            # A style's list without a level: the level that names the style, else the top.
            ilvl = next((i for i, lvl in numbered.levels.items() if lvl.style == style_id), 0)
        return numbered, ilvl


def _val(element: Any) -> str | None:
    if element is None:
        return None
    value = element.get(qn("w:val"))
    return str(value) if value is not None else None


def _child_number(parent: Any, tag: str) -> int | None:
    child = parent.find(qn(tag))
    return _number(_val(child)) if child is not None else None


def _number(text: str | None) -> int:
    try:
        return int(text or "")
    except ValueError:
        raise DamagedNumbering(f"not a number: {text!r}") from None
