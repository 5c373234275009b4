"""Reporters for `billtrack diff`: the registry, the options they share, and the
format-neutral pieces every reporter renders the same way (which provisions are shown,
status and counts wording, the languages of a provision's text).

Reporters are imported only when called, so choosing one format never pays for the
others (rich, Jinja2). Reporters write only to the stream they are given; file text is
data in every format and is escaped by each reporter for its own medium.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TextIO

from billtrack.diff import STATUSES, ProvisionDiff, Segment, Status

if TYPE_CHECKING:
    from billtrack.versions import Comparison, Side

DIFF_SCHEMA = "billtrack/diff/1"

# A language tag as the bill schema allows it; anything else is not put in a lang attribute.
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")

STATUS_MARK: dict[Status, str] = {
    "added": "+",
    "dropped": "-",
    "modified": "~",
    "renamed": ">",
    "unchanged": "=",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class DiffOptions:
    """How a diff is reported."""

    stat: bool = False  # a line per changed provision and the counts, no text
    show_all: bool = False  # unchanged provisions too
    # Text format only: ANSI styles instead of [-old-]{+new+} markers. The caller decides
    # (a terminal, and NO_COLOR unset); reporters never look at the environment.
    color: bool = False
    width: int | None = None  # text format only: wrap width (default 100)


# --- what every format shows the same way ----------------------------------------------


def shown(comparison: Comparison, options: DiffOptions) -> tuple[ProvisionDiff, ...]:
    """The provisions a report lists: the changed ones, or all with show_all."""
    if options.show_all and comparison.diff.unlisted:
        raise ValueError("show_all needs a diff that lists unchanged provisions")
    return tuple(
        item
        for item in comparison.diff.provisions
        if options.show_all or item.status != "unchanged"
    )


def counts_line(comparison: Comparison) -> str:
    """`1 added, 1 dropped, 2 modified, 0 renamed, 9 unchanged`: every kind, always."""
    counts = comparison.diff.counts()
    return ", ".join(f"{counts[status]} {status}" for status in STATUSES)


def similarity_text(similarity: float | None) -> str:
    """A rename's similarity as git shows it: whole percent, never rounded up to 100."""
    if similarity is None:
        return "?%"
    return f"{int(max(0.0, min(100.0, similarity)))}%"


def status_label(item: ProvisionDiff) -> str:
    """`added`, `modified`, `renamed from OLD (92%)` (file text, not yet escaped)."""
    if item.status == "renamed":
        return f"renamed from {item.previous_id} ({similarity_text(item.similarity)})"
    return item.status


def status_text(item: ProvisionDiff) -> str:
    """`added`, `modified: text, number`, `renamed from OLD (92%): text`."""
    label = status_label(item)
    if item.changes and item.status in ("modified", "renamed"):
        label += ": " + ", ".join(item.changes)
    return label


def side_text(side: Side) -> str:
    """`first-reading c614352 — the first reading (2021-09-15)`; not yet escaped."""
    text = side.spec
    if side.commit:
        text += " " + side.commit[:7]
    if side.label or side.date:
        text += " — " + (side.label or side.date or "")
    return text


# (kind, language, content): a redline's segments, or a whole added or dropped text.
TextPart = tuple[Literal["redline", "added", "dropped"], str, tuple[Segment, ...] | str]


def text_parts(item: ProvisionDiff) -> Iterator[TextPart]:
    """What a report shows of a provision's text, language by language ('' for a plain
    string): a redline where a language's text changed on both sides, the whole text
    where it exists on one side only. Unchanged languages are left out."""
    before = item.before.texts() if item.before is not None else {}
    after = item.after.texts() if item.after is not None else {}
    if item.status == "unchanged" or (before and after and "text" not in item.changes):
        return
    languages = list(before) + [lang for lang in after if lang not in before]
    for lang in languages:
        segments = item.redlines.get(lang)
        if segments is not None:
            if any(op != "=" for op, _ in segments):
                yield ("redline", lang, tuple(segments))
        elif lang in before and lang in after:
            # No redline for a language on both sides: unchanged, unless its words differ
            # (whitespace alone is never a change).
            if before[lang].split() != after[lang].split():
                yield ("dropped", lang, before[lang])
                yield ("added", lang, after[lang])
        elif lang in after:
            yield ("added", lang, after[lang])
        else:
            yield ("dropped", lang, before[lang])


def field_changes(item: ProvisionDiff) -> Iterator[tuple[str, str, str]]:
    """(field, old, new) for the one-line fields the diff found changed: number, heading,
    amends, tags (file text, not yet escaped)."""
    if item.before is None or item.after is None:
        return
    old, new = item.before, item.after
    pairs = {
        "number": (old.number, new.number),
        "heading": (old.heading, new.heading),
        "amends": (old.amends, new.amends),
        "tags": (", ".join(old.tags) or None, ", ".join(new.tags) or None),
    }
    for name, (before, after) in pairs.items():
        if name in item.changes:
            yield (name, before if before is not None else "(none)", after or "(none)")


def language_of(comparison: Comparison) -> str | None:
    """The bill's language when the comparison carries one, and it is a valid tag."""
    language = comparison.language
    return language if language and LANGUAGE_TAG.fullmatch(language) else None


# --- the registry ------------------------------------------------------------------------


def _text(comparison: Comparison, out: TextIO, options: DiffOptions) -> None:
    from billtrack.render.diff_text import render_text

    render_text(comparison, out, options)


def _markdown(comparison: Comparison, out: TextIO, options: DiffOptions) -> None:
    from billtrack.render.diff_markdown import render_markdown

    render_markdown(comparison, out, options)


def _json(comparison: Comparison, out: TextIO, options: DiffOptions) -> None:
    from billtrack.render.diff_json import render_json

    render_json(comparison, out, options)


def _html(comparison: Comparison, out: TextIO, options: DiffOptions) -> None:
    from billtrack.render.diff_html import render_html

    render_html(comparison, out, options)


DiffReporter = Callable[["Comparison", TextIO, DiffOptions], None]

DIFF_REPORTERS: dict[str, DiffReporter] = {
    "text": _text,
    "markdown": _markdown,
    "json": _json,
    "html": _html,
}
