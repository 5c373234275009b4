"""The `html` diff reporter: one self-contained page, rendered through the one Jinja2
environment (billtrack.render.html: autoescaped, every value cleaned, no scripts, nothing
loaded from outside). The template never marks a value safe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from billtrack.diff import STATUSES, ProvisionDiff, Segment
from billtrack.i18n import language
from billtrack.i18n.base import Language
from billtrack.render.diff.view import (
    DiffOptions,
    bill_field_text,
    coarse_redline,
    field_changes,
    proposal_ids,
    proposal_labels,
    shown,
    side_text,
    similarity_text,
    status_label,
    text_parts,
    verdict,
)
from billtrack.render.html import lang_attr, template
from billtrack.render.text import clean, clean_line

if TYPE_CHECKING:
    from billtrack.comparison import Comparison
    from billtrack.render.diff.context import DiffContext

TEMPLATE = "diff.html.j2"
_ANCHOR_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


@dataclass(frozen=True, slots=True)
class _TextBlock:
    kind: str  # redline, added, dropped
    lang: str  # "" for a plain-string text
    lang_attr: str | None  # the lang attribute, when the tag is a valid one
    segments: tuple[Segment, ...]  # for a whole text, one "+" or "-" segment
    coarse: bool = False  # a redline aligned sentence by sentence first (a long text)


@dataclass(frozen=True, slots=True)
class _Entry:
    """One provision as the template shows it; every string is still unescaped data."""

    anchor: str
    id: str
    unit: str  # "1.11 «Heading»" in the bill's words; the id when it has neither
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


def _entry(
    item: ProvisionDiff, taken: set[str], words: Language, context: DiffContext | None
) -> _Entry:
    facts: list[tuple[str, str, str | None]] = []
    provision = item.after or item.before
    if context is None and item.status in ("added", "dropped") and provision is not None:
        for name, value in (("number", provision.number), ("heading", provision.heading)):
            if value:
                facts.append((name, clean_line(value), None))
    facts += [
        (words.change(name) if context else name, clean_line(old), clean_line(new))
        for name, old, new in field_changes(item)
    ]
    if context is not None and "position" in item.changes:
        facts.append((clean_line(words.moved(context.follows.get(item.id))), "", None))
    texts = []
    for kind, lang, content in text_parts(item):
        if context and lang and lang != context.lang and _has(item, context.lang):
            continue  # a multilingual text: the output language's only, where it has one
        if isinstance(content, str):
            segments: tuple[Segment, ...] = (("+" if kind == "added" else "-", clean(content)),)
        else:
            segments = tuple((op, clean(chunk)) for op, chunk in content if chunk)
        coarse = kind == "redline" and coarse_redline(item, lang)
        texts.append(_TextBlock(kind, clean_line(lang), lang_attr(lang), segments, coarse))
    unit = context.units.get(item.id, item.id) if context else item.id
    label = status_label(item)
    if context is not None:
        label = words.diff_status(item.status)
        if item.status == "renamed":
            label += f" ({item.previous_id}, {similarity_text(item.similarity)})"
    return _Entry(
        anchor=_anchor(item.id, taken),
        id=clean_line(item.id),
        unit=clean_line(unit),
        status=item.status,
        label=clean_line(label),
        changes=tuple(words.change(c) for c in item.changes) if context else item.changes,
        facts=tuple(facts),
        texts=tuple(texts),
        proposals=tuple(
            clean_line(context.proposals.get(pid, label) if context else label)
            for pid, label in zip(proposal_ids(item), proposal_labels(item), strict=True)
        ),
        events=tuple(clean_line(i) for i in item.events),
        verdict=clean_line(said) if (said := verdict(item)) is not None else None,
        unexplained=bool(item.ledger and item.ledger.unexplained),
    )


def _has(item: ProvisionDiff, lang: str) -> bool:
    before = item.before.texts() if item.before else {}
    after = item.after.texts() if item.after else {}
    return lang in before or lang in after


def render(comparison: Comparison, out: TextIO, options: DiffOptions) -> None:
    context = options.context
    words = context.words if context else language("en")
    taken: set[str] = set()
    entries = [_entry(item, taken, words, context) for item in shown(comparison, options)]
    if context is not None:
        lang = context.lang
        title, old, new = context.title, context.old, context.new
    else:
        lang = lang_attr(comparison.language) or "en"
        title, old, new = comparison.bill, side_text(comparison.old), side_text(comparison.new)
    out.write(
        template(TEMPLATE).render(
            lang=lang,
            text_lang=lang_attr(comparison.language),
            bill=clean_line(comparison.bill),
            title=clean_line(title),
            running=f"{title} — {old} → {new}",
            documented=context is not None,
            labels=words.labels,
            old=clean_line(old),
            new=clean_line(new),
            counts=comparison.diff.counts(),
            status_words={s: words.diff_status(s) if context else s for s in STATUSES},
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
            side_by_side=options.layout == "side-by-side",
        )
    )
