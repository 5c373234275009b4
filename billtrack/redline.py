"""The word-level redline of two texts: what was kept, deleted and inserted, word by word.

Texts are compared with their whitespace normalised, so a YAML block that was only
reflowed is not a change. The unit of the redline is the token: a run of letters and
digits (`\\w`, which covers Cyrillic and Kazakh letters such as ә ғ қ ң ө ұ ү һ і), a
run of whitespace, or one other character (punctuation such as « » — “ ” …).

The texts are aligned in two passes, both on a longest common subsequence (rapidfuzz's
Indel opcodes, in C): first word by word, on the words that normalising the whitespace
has already cut (most of a reworded provision is whole words kept), then token by token
inside each edit, which finds what a word kept of itself ("сети," -> "сети;",
"закон" -> "«закон»"). The result is then tidied the way a reader expects: an
equality that carries less than the edits on either side of it (a space, a comma, "и")
is folded into them, and each run of edits reads as one deletion followed by one
insertion. Two texts that keep no word in common read as the old one struck out whole
and the new one inserted whole.

Concatenating the "=" and "-" segments gives the old text (normalised), the "=" and "+"
segments the new one. This module never prints.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Hashable, Sequence
from typing import Literal, cast

# One redline segment: "=" kept, "-" deleted, "+" inserted; the text includes its spacing.
Op = Literal["=", "-", "+"]
Segment = tuple[Op, str]

# A run of the redline: kept text, or an edit as (deleted, inserted).
Run = str | tuple[str, str]

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
_WORD = re.compile(r"\w")
_PUNCTUATION = re.compile(r"[^\w\s]")


def normalise(text: str) -> str:
    """The text with every run of whitespace one space and none at either end."""
    return " ".join(text.split())


def redline(old: str, new: str) -> tuple[Segment, ...]:
    """A word-level redline of two texts; whitespace-only differences are not changes."""
    return redline_words(old.split(), new.split())


def redline_words(old_words: list[str], new_words: list[str]) -> tuple[Segment, ...]:
    """`redline` of two texts given as their words (`text.split()`), which the diff has
    already cut when it compared the texts."""
    old = " ".join(old_words)
    new = " ".join(new_words)
    if old == new:
        return (("=", old),) if old else ()
    if not old:
        return (("+", new),)
    if not new:
        return (("-", old),)
    runs = _fold_small_equalities(_refined(_aligned_words(old_words, new_words)))
    if not any(isinstance(run, str) and _WORD.search(run) for run in runs):
        return (("-", old), ("+", new))
    segments: list[Segment] = []
    for run in runs:
        if isinstance(run, str):
            segments.append(("=", run))
            continue
        if run[0]:
            segments.append(("-", run[0]))
        if run[1]:
            segments.append(("+", run[1]))
    return tuple(segments)


def _aligned_words(old_words: list[str], new_words: list[str]) -> list[Run]:
    """Runs of two texts, given as words, aligned word by word.

    The space between two words is kept when both sides have it, and otherwise goes
    with the edit next to it, so the runs put together give back each text exactly.
    """
    runs: list[Run] = []
    old_started = new_started = False  # whether a word of that side was given yet
    for tag, old_start, old_end, new_start, new_end in _blocks(old_words, new_words):
        old_part = " ".join(old_words[old_start:old_end])
        new_part = " ".join(new_words[new_start:new_end])
        old_space = old_started and bool(old_part)
        new_space = new_started and bool(new_part)
        old_started = old_started or bool(old_part)
        new_started = new_started or bool(new_part)
        if tag == "equal":
            if old_space and new_space:
                runs.append(" " + old_part)
            else:
                # Only one side had words before: an edit precedes, and takes the space.
                last = runs[-1] if runs else None
                if isinstance(last, tuple):
                    runs[-1] = (last[0] + " " * old_space, last[1] + " " * new_space)
                runs.append(old_part)
        elif old_space and new_space:
            # Both sides had words before, so a kept run precedes: the space stays kept.
            runs[-1] = f"{runs[-1]} "
            runs.append((old_part, new_part))
        else:
            runs.append((" " * old_space + old_part, " " * new_space + new_part))
    return runs


def _refined(runs: list[Run]) -> list[Run]:
    """The runs with each edit that both deletes and inserts aligned again, token by token.

    Two edited runs of whole words share no word (the alignment would have kept it) and
    only spaces, which the tidying folds back: only punctuation can make a difference.
    """
    out: list[Run] = []
    for run in runs:
        if (
            isinstance(run, tuple)
            and run[0]
            and run[1]
            and (_PUNCTUATION.search(run[0]) or _PUNCTUATION.search(run[1]))
        ):
            for part in _aligned_tokens(_TOKEN.findall(run[0]), _TOKEN.findall(run[1])):
                _append(out, part)
        else:
            _append(out, run)
    return out


def _aligned_tokens(old_tokens: list[str], new_tokens: list[str]) -> list[Run]:
    """Runs of two token lists aligned on a longest common subsequence."""
    runs: list[Run] = []
    for tag, old_start, old_end, new_start, new_end in _blocks(old_tokens, new_tokens):
        if tag == "equal":
            _append(runs, "".join(old_tokens[old_start:old_end]))
        else:
            deleted = "".join(old_tokens[old_start:old_end])
            inserted = "".join(new_tokens[new_start:new_end])
            _append(runs, (deleted, inserted))
    return runs


def _blocks(old: list[str], new: list[str]) -> list[tuple[str, int, int, int, int]]:
    """The alignment as alternating "equal" and "edit" blocks (rapidfuzz gives a deletion
    and an insertion at one place as two opcodes)."""
    blocks: list[tuple[str, int, int, int, int]] = []
    for tag, old_start, old_end, new_start, new_end in _opcodes(old, new):
        if tag != "equal" and blocks and blocks[-1][0] == "edit":
            blocks[-1] = ("edit", blocks[-1][1], old_end, blocks[-1][3], new_end)
        else:
            blocks.append(
                ("equal" if tag == "equal" else "edit", old_start, old_end, new_start, new_end)
            )
    return blocks


# The most cells (items of one side x items of the other) aligned at once: rapidfuzz's
# alignment keeps a bit matrix of that many bits (2e8 bits: 25 MB). Two texts whose
# differing middle is larger are aligned by sentence first (COARSE), and a pair of
# changed sentence runs still too large is one deletion and one insertion.
MAX_CELLS = 200_000_000
_SENTENCE_END = re.compile(r"[.;:!?…]\W*$")


def coarse(old: str, new: str) -> bool:
    """Whether the redline of these texts is by sentence rather than word by word: the
    words that differ, between the common start and end, are too many to align."""
    if len(old) * len(new) <= MAX_CELLS:  # fewer words than characters: no need to look
        return False
    old_words, new_words = old.split(), new.split()
    head, tail = _common_ends(old_words, new_words)
    return (len(old_words) - head - tail) * (len(new_words) - head - tail) > MAX_CELLS


def _common_ends(old: Sequence[object], new: Sequence[object]) -> tuple[int, int]:
    """The length of the common start and of the common end (not overlapping)."""
    most = min(len(old), len(new))
    head = 0
    while head < most and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < most - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return head, tail


def _opcodes(old: list[str], new: list[str]) -> list[tuple[str, int, int, int, int]]:
    """The alignment of two string lists as (tag, old start, old end, new start, new end):
    the common start and end kept, the middle aligned within MAX_CELLS (by sentence, or
    as one replacement, past it), so time and memory stay bounded for any text."""
    head, tail = _common_ends(old, new)
    old_end, new_end = len(old) - tail, len(new) - tail
    opcodes: list[tuple[str, int, int, int, int]] = []
    if head:
        opcodes.append(("equal", 0, head, 0, head))
    middle = _bounded(old, new, head, old_end, head, new_end)
    opcodes.extend(middle)
    if tail:
        opcodes.append(("equal", old_end, len(old), new_end, len(new)))
    return opcodes


def _bounded(
    old: list[str], new: list[str], a0: int, a1: int, b0: int, b1: int
) -> list[tuple[str, int, int, int, int]]:
    """old[a0:a1] aligned with new[b0:b1], as opcodes in the whole lists' positions."""
    if a0 == a1 and b0 == b1:
        return []
    if a0 == a1 or b0 == b1:
        return [("delete" if b0 == b1 else "insert", a0, a1, b0, b1)]
    if (a1 - a0) * (b1 - b0) <= MAX_CELLS:
        return [
            (tag, a + a0, b + a0, c + b0, d + b0)
            for tag, a, b, c, d in _exact(old[a0:a1], new[b0:b1])
        ]
    old_cuts, new_cuts = _sentences(old, a0, a1), _sentences(new, b0, b1)
    if len(old_cuts) == 2 and len(new_cuts) == 2:
        return [("replace", a0, a1, b0, b1)]
    old_units = [" ".join(old[x:y]) for x, y in itertools.pairwise(old_cuts)]
    new_units = [" ".join(new[x:y]) for x, y in itertools.pairwise(new_cuts)]
    if (len(old_units)) * (len(new_units)) <= MAX_CELLS:
        units = _exact(old_units, new_units)
    else:
        units = _anchored(old_units, new_units)
    out: list[tuple[str, int, int, int, int]] = []
    for tag, a, b, c, d in units:
        x0, x1, y0, y1 = old_cuts[a], old_cuts[b], new_cuts[c], new_cuts[d]
        if tag == "equal":
            out.append(("equal", x0, x1, y0, y1))
        elif (x1 - x0) * (y1 - y0) <= MAX_CELLS:
            out.extend(_bounded(old, new, x0, x1, y0, y1))
        else:
            out.append(("replace", x0, x1, y0, y1))
    return out


def _anchored(old: list[str], new: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Two long lists aligned in linear space on their anchors: the items that occur
    once on each side, kept where they keep their order (a longest increasing run, as
    patience diff does); everything between two anchors is one replacement."""
    once_old = _once(old)
    once_new = _once(new)
    pairs = [(i, once_new[item]) for i, item in enumerate(old) if item in once_new]
    pairs = [(i, j) for i, j in pairs if once_old.get(old[i]) == i]
    kept = _longest_increasing([j for _, j in pairs])
    anchors = [pairs[k] for k in kept]
    out: list[tuple[str, int, int, int, int]] = []
    a = b = 0
    for i, j in [*anchors, (len(old), len(new))]:
        if i > a or j > b:
            tag = "replace" if i > a and j > b else ("delete" if i > a else "insert")
            out.append((tag, a, i, b, j))
        if i < len(old):
            out.append(("equal", i, i + 1, j, j + 1))
        a, b = i + 1, j + 1
    return out


def _once(items: list[str]) -> dict[str, int]:
    """The items that occur once, with their position."""
    seen: dict[str, int] = {}
    twice: set[str] = set()
    for k, item in enumerate(items):
        if item in seen:
            twice.add(item)
        seen[item] = k
    return {item: k for item, k in seen.items() if item not in twice}


def _longest_increasing(values: list[int]) -> list[int]:
    """The positions of a longest strictly increasing subsequence (n log n)."""
    tails: list[int] = []  # values
    tail_at: list[int] = []  # their positions
    before = [-1] * len(values)
    for k, value in enumerate(values):
        where = bisect.bisect_left(tails, value)
        if where == len(tails):
            tails.append(value)
            tail_at.append(k)
        else:
            tails[where] = value
            tail_at[where] = k
        before[k] = tail_at[where - 1] if where else -1
    found = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        found.append(k)
        k = before[k]
    return found[::-1]


def _sentences(words: list[str], start: int, end: int) -> list[int]:
    """Where the sentences of words[start:end] start, and `end`."""
    cuts = [start]
    for k in range(start, end - 1):
        if _SENTENCE_END.search(words[k]):
            cuts.append(k + 1)
    cuts.append(end)
    return cuts


def _exact(old: Sequence[str], new: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """rapidfuzz's alignment of two string lists.

    rapidfuzz compares strings longer than a character by their hashes: should two
    different strings ever share one, small integers standing for them are aligned instead.
    """
    opcodes = _indel(old, new)
    if any(tag == "equal" and old[a:b] != new[c:d] for tag, a, b, c, d in opcodes):
        codes: dict[str, int] = {}
        opcodes = _indel(
            [codes.setdefault(item, len(codes)) for item in old],
            [codes.setdefault(item, len(codes)) for item in new],
        )
    return opcodes


def _indel(
    old: Sequence[Hashable], new: Sequence[Hashable]
) -> list[tuple[str, int, int, int, int]]:
    # Imported here: a warm diff read from the cache never aligns text.
    from rapidfuzz.distance import Indel

    return cast(list[tuple[str, int, int, int, int]], Indel.opcodes(old, new).as_list())


def _append(runs: list[Run], run: Run) -> None:
    """Add a run, merged into the last one when both are kept text or both are edits."""
    if not run or run == ("", ""):
        return
    last = runs[-1] if runs else None
    if isinstance(run, str) and isinstance(last, str):
        runs[-1] = last + run
    elif isinstance(run, tuple) and isinstance(last, tuple):
        runs[-1] = (last[0] + run[0], last[1] + run[1])
    else:
        runs.append(run)


def _fold_small_equalities(runs: list[Run]) -> list[Run]:
    """Fold each kept string between two edits that is no longer than the larger side of
    the edit before it and of the edit after it into those edits, until none is left.

    An alignment on the longest common subsequence keeps every shared space and comma;
    a reader wants "-the old clause+the new clause", not five interleaved fragments.
    """
    folded = True
    while folded:
        folded = False
        out: list[Run] = []
        k = 0
        while k < len(runs):
            run = runs[k]
            before = out[-1] if out else None
            after = runs[k + 1] if k + 1 < len(runs) else None
            if (
                isinstance(run, str)
                and isinstance(before, tuple)
                and isinstance(after, tuple)
                and len(run) <= max(len(before[0]), len(before[1]))
                and len(run) <= max(len(after[0]), len(after[1]))
            ):
                out[-1] = (before[0] + run + after[0], before[1] + run + after[1])
                folded = True
                k += 2
                continue
            out.append(run)
            k += 1
        runs = out
    return runs
