"""Safe YAML loading that never misreads a file and always knows where a value came from.

libyaml's C parser composes the node graph; a small walker turns it into plain data
(dict, list, str, None). Every plain scalar stays the string the user wrote: there are
no implicit resolvers, so `1.10`, `no`, `010` and `2021-11` are strings, as the file
format promises. `null`, `~` and an empty value are None (YAML 1.2 agrees).

Refused, each as one Problem: bytes that are not UTF-8, an empty file, syntax errors,
duplicate keys, non-string keys, any tag but str/seq/map (so no `!!python/object`),
aliases that would expand past a bound (checked on the graph, never by expanding), and
nesting deeper than any record needs.

This module must never raise anything but ProblemError for bad input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from billtrack.problems import Problem, ProblemError
from billtrack.store.yamlerrors import explain

Path = tuple[str | int, ...]
Pos = tuple[int, int]

MAX_DEPTH = 64
# How many nodes aliases may add beyond the document's own nodes. A bill never needs
# aliases at all; this admits reasonable reuse and refuses "billion laughs" at once.
MAX_ALIAS_EXPANSION = 10_000

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


class _Loader(yaml.CSafeLoader):
    """The C loader with every implicit resolver removed: plain scalars are strings."""


_Loader.yaml_implicit_resolvers = {}


def _default_tag(self: _Loader, kind: type, value: object, implicit: object) -> str:
    # The composer asks for every untagged node; with no implicit resolvers the answer is
    # always the default tag, and answering directly saves a fifth of a large parse.
    if kind is yaml.ScalarNode:
        return _STR
    return _SEQ if kind is yaml.SequenceNode else _MAP


_Loader.resolve = _default_tag  # type: ignore[method-assign,assignment]


def _no_path_resolvers(self: _Loader, *args: object) -> None:
    # The composer also tells the resolver each step down and up the tree, for path
    # resolvers, of which there are none: two calls a node, answered at once.
    return None


_Loader.descend_resolver = _no_path_resolvers  # type: ignore[method-assign,assignment]
_Loader.ascend_resolver = _no_path_resolvers  # type: ignore[method-assign,assignment]


@dataclass(slots=True)
class Document:
    """One parsed file: the data and where each part of it came from."""

    path: str
    data: Any
    # 1-based (line, column) of each value, by its path from the root; () is the root.
    marks: dict[Path, Pos] = field(default_factory=dict)
    # Position of the key of each mapping entry, by the path of its value.
    key_marks: dict[Path, Pos] = field(default_factory=dict)
    # Plain scalars that another YAML tool would type differently: path -> what it would be.
    ambiguous: dict[Path, str] = field(default_factory=dict)

    def pos(self, path: Path, *, key: bool = False) -> Pos:
        """The position of `path`, or of its nearest located ancestor."""
        table = self.key_marks if key else self.marks
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if key and probe in self.marks:
                return self.marks[probe]
            probe = probe[:-1]
        return self.marks.get((), (1, 1))


def decode(raw: bytes, path: str) -> str:
    """UTF-8 (a leading BOM allowed) or a Problem at the first bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ProblemError(
            Problem(
                path,
                line,
                column,
                "error",
                "yaml-encoding",
                f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded; save the file as UTF-8",
            )
        ) from None


def load(raw: bytes, path: str, *, positions: bool = True) -> Document:
    """Parse one YAML file. With positions=False only the data is built (the fast path)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # libyaml would read it as UTF-16
        decode(raw, path)  # raises: not UTF-8
    if _holds_nothing(raw):
        decode(raw, path)  # bytes that are not UTF-8 are that, before they are empty
        raise ProblemError(Problem(path, 1, 1, "error", "yaml-empty", "the file is empty"))
    try:
        # libyaml reads the bytes as they are, and refuses any that are not UTF-8; the
        # text is decoded only to word a problem (given text, libyaml would encode it
        # back to UTF-8 first, and a few MB cost a few ms each way).
        node = yaml.compose(raw, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        text = decode(raw, path)
        line, column, what = explain(exc, text)
        code = "yaml-syntax"
        if "maximum nesting depth" in what:
            # libyaml's own depth limit (1000) stops the parse before our walker's does:
            # the same problem, so the same code and words.
            code, what = "yaml-nesting", f"nested deeper than {MAX_DEPTH} levels"
        raise ProblemError(
            Problem(path, line, column, "error", code, what or "invalid YAML")
        ) from None
    except yaml.YAMLError as exc:  # ReaderError: bytes not UTF-8, or a refused character
        decode(raw, path)  # not UTF-8: said as such
        offset = getattr(exc, "position", 0) or 0  # in bytes
        line = raw.count(b"\n", 0, offset) + 1
        start = raw.rfind(b"\n", 0, offset) + 1
        column = len(raw[start:offset].decode("utf-8-sig", "replace")) + 1
        reason = getattr(exc, "reason", "") or "unreadable"
        raise ProblemError(
            Problem(path, line, column, "error", "yaml-syntax", f"{reason} character")
        ) from None
    if node is None:
        raise ProblemError(Problem(path, 1, 1, "error", "yaml-empty", "the file is empty"))
    if b"*" in raw:
        _check_aliases(node, path)
    doc = Document(path, None)
    builder = _Builder(doc, positions)
    doc.data = builder.build(node, (), 0)
    if doc.data is None:  # a lone `---`, `~` or `null`: nothing to read
        raise ProblemError(Problem(path, 1, 1, "error", "yaml-empty", "the file holds no data"))
    return doc


def _holds_nothing(raw: bytes) -> bool:
    """Whether the file holds only blank lines and comments (a BOM and any Unicode
    space count as blank); read up to the first line that holds something."""
    for line in raw.splitlines():
        stripped = line.strip()
        if stripped.isascii():
            if stripped and not stripped.startswith(b"#"):
                return False
            continue
        # Beyond ASCII, a line may hold Unicode spaces, or line breaks bytes do not see.
        for part in stripped.decode("utf-8", "replace").lstrip("\ufeff").splitlines():
            text = part.strip()
            if text and not text.startswith("#"):
                return False
    return True


def _check_aliases(root: yaml.Node, path: str) -> None:
    """Refuse alias bombs by counting the expanded size on the graph, without expanding."""
    sizes: dict[int, int] = {}
    unique = 0
    # Iterative post-order over the graph; a node reached twice is an alias.
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            total = 1
            for child in _children(node):
                total += sizes[id(child)]
            sizes[key] = min(total, 1 << 62)
            continue
        if key in sizes:
            continue
        unique += 1
        sizes[key] = -1  # placeholder while children are pending
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)
        if len(stack) > 1_000_000:
            break
    expanded = sizes.get(id(root), 0)
    if expanded < 0 or expanded - unique > MAX_ALIAS_EXPANSION:
        mark = root.start_mark
        raise ProblemError(
            Problem(
                path,
                mark.line + 1,
                mark.column + 1,
                "error",
                "yaml-aliases",
                f"anchors and aliases expand to {expanded:,} nodes from {unique:,}; refused "
                f"(at most {MAX_ALIAS_EXPANSION:,} added nodes)",
            )
        )


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


# Plain scalars that YAML 1.1 (PyYAML, many editors) or 1.2 core (ruamel.yaml,
# check-jsonschema) would not read as a string. Used only to warn.
_ELSEWHERE = [
    (
        "a boolean",
        re.compile(
            r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE"
            r"|on|On|ON|off|Off|OFF)$"
        ),
    ),
    (
        "a number",
        re.compile(
            r"^[-+]?(?:0|[1-9][0-9_]*|0[0-7_]+|0o[0-7]+|0x[0-9a-fA-F_]+|0b[01_]+"
            r"|[1-9][0-9_]*(?::[0-5]?[0-9])+)$"
        ),
    ),
    (
        "a number",
        re.compile(
            r"^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?$"
            r"|^[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+$"
            r"|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$"
        ),
    ),
    (
        "a date",
        re.compile(
            r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
            r"(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
            r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$"
        ),
    ),
]
_ELSEWHERE_FIRST = frozenset("0123456789-+.yYnNtTfFoO")


def reads_elsewhere_as(value: str) -> str | None:
    """What another YAML tool would make of this plain scalar, if not a string."""
    if not value or value[0] not in _ELSEWHERE_FIRST:
        return None
    for what, pattern in _ELSEWHERE:
        if pattern.match(value):
            return what
    return None


class _Builder:
    __slots__ = ("doc", "positions")

    def __init__(self, doc: Document, positions: bool) -> None:
        self.doc = doc
        self.positions = positions

    def _fail(self, node: yaml.Node, code: str, message: str) -> ProblemError:
        mark = node.start_mark
        return ProblemError(
            Problem(self.doc.path, mark.line + 1, mark.column + 1, "error", code, message)
        )

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise self._fail(node, "yaml-nesting", f"nested deeper than {MAX_DEPTH} levels")
        if self.positions:
            mark = node.start_mark
            self.doc.marks[path] = (mark.line + 1, mark.column + 1)
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            if tag != _STR:
                raise self._fail(node, "yaml-tag", f"tag {tag!r} is not allowed; use plain values")
            value: str = node.value
            if not node.style:
                if value in _NULLS:
                    return None
                if self.positions:
                    elsewhere = reads_elsewhere_as(value)
                    if elsewhere:
                        self.doc.ambiguous[path] = elsewhere
            return value
        if isinstance(node, yaml.SequenceNode):
            if tag != _SEQ:
                raise self._fail(node, "yaml-tag", f"tag {tag!r} is not allowed on a list")
            depth += 1
            return [self.build(item, (*path, i), depth) for i, item in enumerate(node.value)]
        if tag != _MAP:
            raise self._fail(node, "yaml-tag", f"tag {tag!r} is not allowed on a mapping")
        result: dict[str, Any] = {}
        depth += 1
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                raise self._fail(key_node, "yaml-key", "a key must be a plain string")
            key = key_node.value
            if key in result:
                first = self.doc.key_marks.get((*path, key))
                where = f" (first at line {first[0]})" if first else ""
                raise self._fail(key_node, "yaml-duplicate-key", f"duplicate key {key!r}{where}")
            child = (*path, key)
            if self.positions:
                mark = key_node.start_mark
                self.doc.key_marks[child] = (mark.line + 1, mark.column + 1)
            result[key] = self.build(value_node, child, depth)
        return result
