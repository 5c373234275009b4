"""The comparative table of amendments (сравнительная таблица), as data.

`build_table` turns the proposals into the table's rows: each proposal with the
structural unit it targets, the text at the version the table quotes (FROM), the
proposed text, its author and rationale, and the decision on it, every label in the
requested language. Rows follow the text: a proposal stands where its target does (an
`add` after the provision it follows), then by date and id. File text is kept as
written, for each reporter to escape. Nothing here prints, and neither Typer nor rich
is imported.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from billtrack import dates, suggest
from billtrack.errors import UsageError
from billtrack.i18n.choose import choose, shown
from billtrack.model import (
    Bill,
    Event,
    Party,
    Proposal,
    ProposalStatus,
    Provision,
    proposal_statuses,
)
from billtrack.redline import Segment, redline
from billtrack.summary.naming import (
    bill_words,
    event_order,
    party_ref,
    pick_text,
    unit_label,
    version_ref,
)
from billtrack.summary.records import PartyRef, VersionRef
from billtrack.vocabulary import PROPOSAL_STATUSES

if TYPE_CHECKING:
    from billtrack.store.repository import Side


@dataclass(frozen=True, slots=True)
class TableRow:
    """One amendment proposal as a row of the comparative table."""

    proposal: str
    date: str
    target: str
    unit: str  # the structural unit in words: "1.9 “Heading”", "new, after 1.8 ..."
    number: str | None  # the target's number at FROM
    heading: str | None
    new: bool  # an `add` proposal
    after: str | None
    current_text: str | None  # the target's text at FROM (None: not in that version)
    current_language: str
    proposed_text: str | None
    proposed_language: str
    action: str
    action_text: str
    author: PartyRef
    rationale: str | None
    status: str
    status_text: str
    decision_event: str | None
    decision_date: str | None
    decision_body: PartyRef | None
    decision: str  # the decision cell in words: "accepted, November 2021, Government"
    decision_note: str | None = None  # why: the note of its latest decision
    # The proposed text's redline against the target's text in the same language as it
    # stood then (FROM, or the proposal's date); () where there is none to compare.
    redline: tuple[Segment, ...] = ()

    def cells(self) -> tuple[str | None, ...]:
        """The row's cells in column order; None for an empty one."""
        return (
            self.proposal,
            self.unit,
            self.current_text,
            self.proposed_text,
            self.action_text,
            self.author.name,
            self.rationale,
            self.decision,
        )


@dataclass(frozen=True, slots=True)
class Table:
    bill: str
    title: str
    lang: str
    version: VersionRef  # FROM: the version whose text the table quotes
    columns: tuple[str, ...]  # the column headings, in the order of TableRow.cells
    rows: tuple[TableRow, ...]


def proposal_stage(
    proposal: Proposal, status: ProposalStatus, events: Sequence[Event]
) -> str | None:
    """The stage a proposal belongs to for `table --stage`.

    A decided proposal belongs to the stage of the event that decided it. One that is
    not decided yet, or was decided by an event with no stage, belongs to the stage in
    progress on its date: the stage of the latest event with a stage dated on or before
    it, in (date, id) order (a month-only date counts from the month's start).
    """
    by_id = {e.id: e for e in events}
    deciding = by_id.get(status.event) if status.event else None
    if deciding is not None and deciding.stage:
        return deciding.stage
    current = None
    day = dates.sort_key(proposal.date)
    for event in sorted((e for e in events if e.stage), key=event_order):
        if dates.sort_key(event.date) > day:
            break
        current = event.stage
    return current


def build_table(
    bill: Bill | None,
    side: Side,
    *,
    bill_id: str,
    events: Sequence[Event],
    proposals: Sequence[Proposal],
    parties: Sequence[Party],
    lang: str = "en",
    statuses: Sequence[str] = (),
    authors: Sequence[str] = (),
    stage: str | None = None,
    primary_language: str | None = None,
    names: Bill | None = None,
    text_at: Callable[[str], Bill | None] | None = None,
) -> Table:
    """The comparative table of the proposals, quoting the text at `side` (FROM).

    Filters: `statuses` and `authors` (party ids) keep rows matching any value given;
    `stage` keeps the proposals of that stage (see `proposal_stage`). Unknown filter
    values are a UsageError naming what is known.
    """
    primary = primary_language or (bill.language if bill else None)
    # The title and the stages' names as the bill states them now (`names`, the working
    # tree's), since a reading's older bill.yaml may predate them; the text is FROM's.
    named = names or bill
    words = bill_words(lang, named.stage_labels if named else {}, primary)
    party_map = {p.id: p for p in parties}
    _check_filters(statuses, authors, stage, bill, events, proposals, party_map)
    primary = primary_language or (bill.language if bill else None)
    decided = proposal_statuses(list(proposals), list(events), bill.stages if bill else ())
    events_by_id = {e.id: e for e in events}
    provisions = bill.provisions if bill else ()
    index = {p.id: k for k, p in enumerate(provisions)}
    at_from = {p.id: p for p in provisions}

    rows: list[tuple[tuple[int, int, str, str], TableRow]] = []
    for proposal in proposals:
        status = decided[proposal.id]
        if statuses and status.status not in statuses:
            continue
        if authors and proposal.author not in authors:
            continue
        if stage is not None and proposal_stage(proposal, status, events) != stage:
            continue
        target = at_from.get(proposal.target)
        new = proposal.action == "add"
        then_target = None
        if text_at is not None and not new:
            # The text as it stood when the proposal was made (its date), not a later
            # version that may already read as it proposed; a new provision had none.
            then = text_at(proposal.date)
            then_target = then.provision(proposal.target) if then is not None else None
            if target is None and then_target is not None:
                target = then_target
        if new:
            after = at_from.get(proposal.after) if proposal.after else None
            after_label = unit_label(after, words) if after else proposal.after
            unit = words.new_after(after_label)
            position = (index.get(proposal.after, len(index)) if proposal.after else len(index), 1)
        elif target is not None:
            unit = unit_label(target, words)
            position = (index.get(target.id, len(index)), 0)
        else:
            unit = f"{proposal.target} ({words.labels.not_in_text})"
            position = (len(index), 0)
        if text_at is not None:
            target = then_target
        current_language, current_text = (
            pick_text(target.text, lang, primary) if target else ("", None)
        )
        proposed_language, proposed_text = (
            pick_text(proposal.text, lang, primary) if proposal.text is not None else ("", None)
        )
        deciding = events_by_id.get(status.event) if status.event else None
        body = party_ref(status.body, party_map, lang, primary) if status.body else None
        author = party_ref(proposal.author, party_map, lang, primary)
        note = shown(status.note, lang, primary=primary or "")
        row = TableRow(
            proposal=proposal.id,
            date=proposal.date,
            target=proposal.target,
            unit=unit,
            number=target.number if target else None,
            heading=target.heading if target else None,
            new=new,
            after=proposal.after,
            current_text=current_text,
            current_language=current_language,
            proposed_text=proposed_text,
            proposed_language=proposed_language,
            action=proposal.action,
            action_text=words.action(proposal.action),
            author=author,
            rationale=shown(proposal.rationale, lang, primary=primary or ""),
            status=status.status,
            status_text=words.status(status.status),
            decision_event=status.event,
            decision_date=status.date,
            decision_body=body,
            decision=words.decision_cell(
                words.status(status.status),
                deciding.date if deciding else None,
                body.name if body else None,
            )
            + (f" — {note}" if note else ""),
            decision_note=note,
            redline=_redline(target, proposed_language, proposed_text, primary) if not new else (),
        )
        rows.append(((*position, proposal.date, proposal.id), row))
    rows.sort(key=lambda pair: pair[0])
    version = version_ref(side, events, words)
    labels = words.labels
    return Table(
        bill=bill_id,
        title=choose(named.short_title or named.title, lang, primary=primary or "").shown
        if named
        else bill_id,
        lang=lang,
        version=version,
        columns=(
            labels.col_number,
            labels.col_unit,
            labels.col_text_then if text_at is not None else words.text_at(version.name),
            labels.col_proposed,
            labels.col_action,
            labels.col_author,
            labels.col_rationale,
            labels.col_decision,
        ),
        rows=tuple(row for _, row in rows),
    )


def _redline(
    target: Provision | None,
    language: str,
    proposed: str | None,
    primary: str | None,
) -> tuple[Segment, ...]:
    """The proposed text's redline against the target's text in the proposed text's
    language; () when either is missing or the target has no text in that language."""
    if target is None or proposed is None:
        return ()
    then_language, then_text = pick_text(target.text, language, primary)
    if then_language != language:
        return ()
    return redline(then_text, proposed)


def _check_filters(
    statuses: Sequence[str],
    authors: Sequence[str],
    stage: str | None,
    bill: Bill | None,
    events: Sequence[Event],
    proposals: Sequence[Proposal],
    parties: Mapping[str, Party],
) -> None:
    for status in statuses:
        if status not in PROPOSAL_STATUSES:
            raise UsageError(f"unknown status {status!r}{suggest.hint(status, PROPOSAL_STATUSES)}")
    known_authors = sorted(set(parties) | {p.author for p in proposals})
    for author in authors:
        if author not in known_authors:
            raise UsageError(f"unknown party {author!r}{suggest.hint(author, known_authors)}")
    if stage is not None:
        known = list(bill.stages if bill else ())
        known += sorted({e.stage for e in events if e.stage and e.stage not in known})
        if stage not in known:
            raise UsageError(f"unknown stage {stage!r}{suggest.hint(stage, known)}")
