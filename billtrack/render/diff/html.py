"""The `html` diff reporter: one self-contained page, rendered through the one Jinja2
environment (billtrack.render.html: autoescaped, every value cleaned, no scripts, nothing
loaded from outside). The template never marks a value safe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from billtrack.diff import ProvisionDiff, Segment
from billtrack.render.diff.view import (
    DiffOptions,
    bill_field_text,
    counts_line,
    field_changes,
    proposal_labels,
    shown,
    side_text,
    status_label,
    text_parts,
    verdict,
)
from billtrack.render.html import lang_attr, template
from billtrack.render.text import clean, clean_line

if TYPE_CHECKING:
    from billtrack.comparison import Comparison

TEMPLATE = "diff.html.j2"
_ANCHOR_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


@dataclass(frozen=True, slots=True)
class _TextBlock:
    kind: str  # redline, added, dropped
    lang: str  # "" for a plain-string text
    lang_attr: str | None  # the lang attribute, when the tag is a valid one
    segments: tuple[Segment, ...]  # for a whole text, one "+" or "-" segment


@dataclass(frozen=True, slots=True)
class _Entry:
    """One provision as the template shows it; every string is still unescaped data."""

    anchor: str
    id: str
    status: str
    label: str
    changes: tuple[str, ...]
    facts: tuple[tuple[str, str, str | None], ...]  # (field, old or value, new or None)
    texts: tuple[_TextBlock, ...] = ()
    proposals: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    verdict: str | None = None
    unexplained: bool = False


def _anchor(provision_id: str, taken: set[str]) -> str:
    anchor = "provision-" + _ANCHOR_UNSAFE.sub("_", provision_id)
    candidate, n = anchor, 1
    while candidate in taken:
        n += 1
        candidate = f"{anchor}-{n}"
    taken.add(candidate)
    return candidate


def _entry(item: ProvisionDiff, taken: set[str]) -> _Entry:
    facts: list[tuple[str, str, str | None]] = []
    provision = item.after or item.before
    if item.status in ("added", "dropped") and provision is not None:
        for name, value in (("number", provision.number), ("heading", provision.heading)):
            if value:
                facts.append((name, clean_line(value), None))
    facts += [(name, clean_line(old), clean_line(new)) for name, old, new in field_changes(item)]
    texts = []
    for kind, lang, content in text_parts(item):
        if isinstance(content, str):
            segments: tuple[Segment, ...] = (("+" if kind == "added" else "-", clean(content)),)
        else:
            segments = tuple((op, clean(chunk)) for op, chunk in content if chunk)
        texts.append(_TextBlock(kind, clean_line(lang), lang_attr(lang), segments))
    return _Entry(
        anchor=_anchor(item.id, taken),
        id=clean_line(item.id),
        status=item.status,
        label=clean_line(status_label(item)),
        changes=item.changes,
        facts=tuple(facts),
        texts=tuple(texts),
        proposals=tuple(clean_line(i) for i in proposal_labels(item)),
        events=tuple(clean_line(i) for i in item.events),
        verdict=clean_line(said) if (said := verdict(item)) is not None else None,
        unexplained=bool(item.ledger and item.ledger.unexplained),
    )


def render(comparison: Comparison, out: TextIO, options: DiffOptions) -> None:
    taken: set[str] = set()
    entries = [_entry(item, taken) for item in shown(comparison, options)]
    out.write(
        template(TEMPLATE).render(
            lang=lang_attr(comparison.language) or "en",
            bill=clean_line(comparison.bill),
            old=clean_line(side_text(comparison.old)),
            new=clean_line(side_text(comparison.new)),
            counts=comparison.diff.counts(),
            counts_line=counts_line(comparison),
            entries=entries,
            bill_changes=[
                (
                    clean_line(name),
                    clean_line(bill_field_text(old)),
                    clean_line(bill_field_text(new)),
                )
                for name, old, new in comparison.diff.bill_changes
            ],
            stat=options.stat,
        )
    )
