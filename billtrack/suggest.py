"""Did you mean: the one way billtrack suggests a name for a mistyped one.

Every message that rejects an unknown name (a provision, party, stage, version, status)
asks this module for its hint, so the wording and the closeness rule are the same
everywhere. Pure functions over strings.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

# How many known names a message lists at the most before it says how many there are.
SHOW_AT_MOST = 12


# How alike two names must be (difflib's ratio) for one to be offered for the other.
CUTOFF = 0.6


def close_matches(
    value: str, known: Iterable[str], *, limit: int = 3, cutoff: float = CUTOFF
) -> list[str]:
    """The known names closest to `value`, closest first (none when none is close)."""
    return difflib.get_close_matches(value, sorted(set(known)), n=limit, cutoff=cutoff)


def did_you_mean(value: str, known: Iterable[str], *, cutoff: float = CUTOFF) -> str:
    """`; did you mean 'a' or 'b'?`, or '' when no known name is close."""
    close = close_matches(value, known, cutoff=cutoff)
    if not close:
        return ""
    return "; did you mean " + " or ".join(repr(name) for name in close) + "?"


def listing(values: Iterable[str], *, at_most: int = SHOW_AT_MOST) -> str:
    """`a, b, c` (cut after `at_most` names, saying how many there are), or `none`."""
    names = list(values)
    if not names:
        return "none"
    shown = ", ".join(names[:at_most])
    more = f", ... ({len(names)} in all)" if len(names) > at_most else ""
    return shown + more


def hint(value: str, known: Iterable[str]) -> str:
    """`; did you mean 'a'?` when a known name is close, else `; known: a, b, c`."""
    names = sorted(set(known))
    return did_you_mean(value, names) or f"; known: {listing(names)}"
