"""What a document for readers outside the project needs besides the diff itself: the
bill's title, its provisions named by number and heading, the proposals behind each
change with author, decision and date, and the two versions in words, all in the output
language. Built from the records by the CLI and handed to the docx and html reporters;
format-neutral (nothing is escaped here) and it never prints.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from billtrack.i18n.base import Language
from billtrack.i18n.choose import choose
from billtrack.model import Bill, Event, Party, Proposal, proposal_statuses
from billtrack.summary.naming import bill_words, event_label, party_ref, unit_label, version_ref

if TYPE_CHECKING:
    from billtrack.comparison import Comparison


@dataclass(frozen=True, slots=True)
class DiffContext:
    title: str
    lang: str
    words: Language
    old: str  # the older version in words: "первое чтение, 15 сентября 2021 г."
    new: str
    units: Mapping[str, str]  # provision id -> "1.11 «Heading»" as it reads (newest side)
    proposals: Mapping[str, str]  # proposal id -> "P-0001 (автор: ...): принято (...)."
    # provision id -> the provision it follows in the newer version (None: the first)
    follows: Mapping[str, str | None]


def diff_context(
    comparison: Comparison,
    *,
    bill: Bill | None,
    events: Sequence[Event],
    proposals: Sequence[Proposal],
    parties: Sequence[Party],
    lang: str,
) -> DiffContext:
    primary = comparison.language or (bill.language if bill else "")
    words = bill_words(lang, bill.stage_labels if bill else {}, primary)
    party_map = {p.id: p for p in parties}
    statuses = proposal_statuses(list(proposals), list(events))
    by_id = {e.id: e for e in events}
    lines: dict[str, str] = {}
    for proposal in proposals:
        status = statuses[proposal.id]
        event = by_id.get(status.event) if status.event else None
        lines[proposal.id] = words.proposal_line(
            proposal.id,
            party_ref(proposal.author, party_map, lang, primary).name,
            words.status(status.status),
            event_label(event, words) if event else None,
            event.date if event else None,
        )
    units: dict[str, str] = {}
    for item in comparison.diff.provisions:
        for provision in (item.after, item.before):
            if provision is not None:
                units.setdefault(provision.id, unit_label(provision, words))
    follows: dict[str, str | None] = {}
    if bill is not None:
        previous: str | None = None
        for provision in bill.provisions:
            follows[provision.id] = previous
            previous = provision.number or unit_label(provision, words)
    title = (
        choose(bill.short_title or bill.title, lang, primary=primary or "").shown
        if bill
        else comparison.bill
    )
    return DiffContext(
        title=title,
        lang=lang,
        words=words,
        old=version_ref(comparison.old, events, words).label,
        new=version_ref(comparison.new, events, words).label,
        units=units,
        proposals=lines,
        follows=follows,
    )
