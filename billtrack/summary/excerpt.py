"""Short redlines for a summary: long unchanged stretches cut around each change.

Pure functions over redline segments; never prints.
"""

from __future__ import annotations

from collections.abc import Sequence

from billtrack.redline import Segment

# Words of unchanged text kept on either side of a change in a short redline.
REDLINE_CONTEXT = 8
ELLIPSIS = "…"


def short_redline(
    segments: Sequence[Segment], context: int = REDLINE_CONTEXT
) -> tuple[Segment, ...]:
    """The redline with long unchanged stretches cut to `context` words either side of
    each change ("…" marks a cut); a redline without changes is returned as it is."""
    if not any(op != "=" for op, _ in segments):
        return tuple(segments)
    out: list[Segment] = []
    last = len(segments) - 1
    for k, (op, chunk) in enumerate(segments):
        core = chunk.strip().split()
        if op != "=" or len(core) <= 2 * context or (k == 0 and k == last):
            out.append((op, chunk))
            continue
        lead = chunk[: len(chunk) - len(chunk.lstrip())]
        trail = chunk[len(chunk.rstrip()) :]
        head = " ".join(core[:context])
        tail = " ".join(core[-context:])
        if k == 0:
            out.append(("=", f"{ELLIPSIS} {tail}{trail}"))
        elif k == last:
            out.append(("=", f"{lead}{head} {ELLIPSIS}"))
        else:
            out.append(("=", f"{lead}{head} {ELLIPSIS} {tail}{trail}"))
    return tuple(out)
