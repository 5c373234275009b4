"""The chunk cutter: one version of bill.yaml cut into provision-sized pieces.

A version is cut into chunks: one per item of the top-level `provisions:` list (an item
starts at a line `- ` at the list's indentation and runs to the next one), and one
header chunk (everything before the first item and after the list). Most of a version
is the version before it, so `resplit` does not even look at most of it: the two are
compared byte-wise (common prefix and suffix, memcmp speed), and between the first and
the last changed byte `align` compares chunks at the same place by halves (a few
memcmps find the few that changed).

The cut is byte work only: it parses nothing, and says None (the caller then parses the
file whole) whenever the file is not in the plain block layout it understands. It never
reads files and never prints.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

import yaml

# The top-level key, alone on its line (a comment may follow).
_PROVISIONS_KEY = re.compile(rb"^provisions:(?:[ \t]+(?:#[^\n]*)?)?\r?\n", re.M)
# Blank and comment lines, then the first item's `-`: group 1 is the list's indentation.
_FIRST_ITEM = re.compile(rb"(?:[ \t]*(?:#[^\n]*)?\r?\n)*( *)-(?=[ \r\n])")
# Line breaks libyaml knows that a cut at LF would not see: NEL, LS, PS, a lone CR.
_OTHER_BREAKS = re.compile(rb"\xc2\x85|\xe2\x80[\xa8\xa9]|\r(?!\n)")
# At column 0 of a dedented item these would mean something they did not mean in place.
_COLUMN_ZERO = re.compile(rb"^(?:%|(?:---|\.\.\.)(?=[ \t\r\n]|\Z))", re.M)
_BOM = b"\xef\xbb\xbf"


@lru_cache(maxsize=16)
def _item_start(indent: int) -> re.Pattern[bytes]:
    """A line that starts a list item at this indentation (match at its newline)."""
    return re.compile(rb"\n" + b" " * indent + rb"-(?=[ \r\n])")


@lru_cache(maxsize=16)
def _list_end(indent: int) -> re.Pattern[bytes]:
    """A line that ends the list: content (not a comment) less indented than the items,
    or, for a list at column 0, anything at column 0 that is not an item."""
    if indent == 0:
        return re.compile(rb"\n(?:[^ \r\n#-]|-[^ \r\n])")
    return re.compile(rb"\n {0,%d}[^ \r\n#]" % (indent - 1))


@lru_cache(maxsize=16)
def _less_indented(indent: int) -> re.Pattern[bytes]:
    return re.compile(rb"\n {0,%d}[^ ]" % (indent - 1))


@lru_cache(maxsize=16)
def _dedent_re(indent: int) -> re.Pattern[bytes]:
    return re.compile(rb"^ {%d}" % indent, re.M)


@dataclass(slots=True)
class Layout:
    """Where the pieces of one version are: the chunks' start offsets, the list's end,
    and (once known) each chunk's provision index and the header's index."""

    raw: bytes
    indent: int
    first: int  # offset of the first item (the header's prefix ends here)
    end: int  # offset where the list ends (the header's tail starts here)
    starts: list[int]
    index: list[int | None]  # provision index per chunk; None: not yet known; -1: bad
    header: int | None = None
    sequence: int | None = None  # the id sequence, once every chunk is known

    def chunk(self, i: int) -> bytes:
        stop = self.starts[i + 1] if i + 1 < len(self.starts) else self.end
        return self.raw[self.starts[i] : stop]

    def header_bytes(self) -> bytes:
        return self.raw[: self.first] + self.raw[self.end :]


def split(raw: bytes) -> Layout | None:
    """Cut a whole version into its pieces; None when the file is not in the plain
    block layout the cut understands (the caller then parses the file whole)."""
    found = _PROVISIONS_KEY.search(raw)
    if found is None or _PROVISIONS_KEY.search(raw, found.end()) is not None:
        return None
    item = _FIRST_ITEM.match(raw, found.end())
    if item is None:
        return None
    indent = len(item.group(1))
    first = item.start(1)
    ending = _list_end(indent).search(raw, first)
    end = ending.start() + 1 if ending else len(raw)
    starts = [first]
    starts.extend(m.start() + 1 for m in _item_start(indent).finditer(raw, first, end))
    return Layout(raw, indent, first, end, starts, [None] * len(starts))


def common_prefix(a: bytes, b: bytes) -> int:
    """The length of the longest common prefix, by binary search over memcmp."""
    lo, hi = 0, min(len(a), len(b))
    view = memoryview(b)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a.startswith(view[lo:mid], lo):
            lo = mid
        else:
            hi = mid - 1
    return lo


def common_suffix(a: bytes, b: bytes, limit: int) -> int:
    """The length of the longest common suffix, at most `limit`."""
    lo, hi = 0, limit
    la, lb = len(a), len(b)
    view = memoryview(b)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a.endswith(view[lb - mid : lb - lo], 0, la - lo):
            lo = mid
        else:
            hi = mid - 1
    return lo


def resplit(prev: Layout, raw: bytes) -> tuple[Layout, int, int] | None:
    """Cut `raw` reusing the pieces of a similar version: the chunks before the first
    changed byte and after the last one keep their provision indices. Returns the new
    layout and the range [k, j) of `prev`'s chunks that were replaced; None when the
    change reaches the header, the first item's marker or the list's end (the caller
    then cuts the whole file)."""
    old = prev.raw
    prefix = common_prefix(old, raw)
    indent, starts = prev.indent, prev.starts
    marker = indent + 2  # a chunk boundary needs `\n`, the indent, `-` and what follows
    if prefix < starts[0] + marker:
        return None
    suffix = common_suffix(old, raw, min(len(old), len(raw)) - prefix)
    changed_end = len(old) - suffix
    if prev.end < len(old) and changed_end > prev.end - 1:
        return None
    delta = len(raw) - len(old)
    k = bisect_right(starts, prefix - marker) - 1
    j = bisect_left(starts, changed_end + 1, k + 1)
    region_start = starts[k]
    region_end = (starts[j] if j < len(starts) else prev.end) + delta
    if _list_end(indent).search(raw, region_start, region_end) is not None:
        return None
    region = [region_start]
    region += [m.start() + 1 for m in _item_start(indent).finditer(raw, region_start, region_end)]
    layout = Layout(
        raw,
        indent,
        prev.first,
        prev.end + delta,
        starts[:k] + region + [s + delta for s in starts[j:]],
        prev.index[:k] + [None] * len(region) + prev.index[j:],
        prev.header,
    )
    return layout, k, j


def align(layout: Layout, prev: Layout, k: int, j: int) -> list[int]:
    """Copy the provision indices of the chunks in [k, j) that are byte for byte those of
    `prev` at the same positions, comparing halves (memcmp) so that a few changed chunks
    among many cost a few comparisons. Returns the positions that differ."""
    new_raw, old_raw = layout.raw, memoryview(prev.raw)
    new_starts, old_starts = layout.starts, prev.starts
    new_last, old_last = len(new_starts), len(old_starts)
    changed: list[int] = []
    stack = [(k, j)]
    while stack:
        lo, hi = stack.pop()
        new_from = new_starts[lo]
        new_to = new_starts[hi] if hi < new_last else layout.end
        old_from = old_starts[lo]
        old_to = old_starts[hi] if hi < old_last else prev.end
        if new_to - new_from == old_to - old_from and new_raw.startswith(
            old_raw[old_from:old_to], new_from
        ):
            layout.index[lo:hi] = prev.index[lo:hi]
        elif hi - lo == 1:
            changed.append(lo)
        else:
            mid = (lo + hi) // 2
            stack.append((mid, hi))
            stack.append((lo, mid))
    return changed


def dedent(chunk: bytes, indent: int) -> bytes | None:
    """An item moved to column 0, so it parses alone as it did in place; None when a line
    is less indented than the item and is neither blank nor a comment."""
    if indent == 0:
        out = chunk
    elif _less_indented(indent).search(chunk) is None:
        out = _dedent_re(indent).sub(b"", chunk)
    else:
        prefix = b" " * indent
        lines = []
        for line in chunk.split(b"\n"):
            if line.startswith(prefix):
                lines.append(line[indent:])
                continue
            stripped = line.lstrip(b" ")
            # A blank line stays blank; a comment goes to column 0, where it is still
            # less indented than any content it might follow.
            if stripped in (b"", b"\r") or stripped.startswith(b"#"):
                lines.append(stripped)
            else:
                return None
        out = b"\n".join(lines)
    if indent and _COLUMN_ZERO.search(out):
        return None
    return out


def _has_alias(text: bytes) -> bool:
    """True when the YAML text uses an alias (an anchor reused elsewhere)."""
    if b"*" not in text:
        return False
    try:
        return any(
            isinstance(token, yaml.AliasToken)
            for token in yaml.scan(text.decode("utf-8", "replace"), Loader=yaml.CSafeLoader)
        )
    except yaml.YAMLError:
        return True


def safe_piece(piece: bytes) -> bool:
    """A piece the cut can parse alone with the same result as in place."""
    return _OTHER_BREAKS.search(piece) is None and _BOM not in piece[1:] and not _has_alias(piece)
