"""Short redlines for a summary: long unchanged stretches cut around each change.

Pure functions over redline segments; never prints.
"""

from __future__ import annotations

from collections.abc import Sequence

from billtrack.redline import Segment

# Words of unchanged text kept on either side of a change in a short redline.
REDLINE_CONTEXT = 8
# A quoted norm up to this many words is shown whole: an ellipsis inside a quoted law
# reads as censorship, and a norm this short is read at a glance anyway.
WHOLE_NORM_WORDS = 80
ELLIPSIS = "…"


def short_redline(
    segments: Sequence[Segment],
    context: int = REDLINE_CONTEXT,
    *,
    whole: int = WHOLE_NORM_WORDS,
) -> tuple[Segment, ...]:
    """The redline with long unchanged stretches cut to `context` words either side of
    each change ("…" marks a cut). Never cut: a redline without changes, a text of at
    most `whole` words, and a stretch whose cut would be shorter than the context kept
    around it (cutting three words to keep sixteen saves nothing and hides the norm)."""
    if not any(op != "=" for op, _ in segments):
        return tuple(segments)
    if sum(len(chunk.split()) for _, chunk in segments) <= whole:
        return tuple(segments)
    out: list[Segment] = []
    last = len(segments) - 1
    for k, (op, chunk) in enumerate(segments):
        core = chunk.strip().split()
        inner = 0 < k < last  # cut in the middle, `context` words kept on each side
        if op != "=" or len(core) <= (3 if inner else 2) * context or (k == 0 and k == last):
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
