"""Building a change summary from a comparison: which events belong to its window and in
what order they happened, what replaced each dropped provision, each
party's latest stance, the sources. The rules are the package's (billtrack.summary).
Never prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from billtrack.diff import ProvisionDiff, Segment, Window
from billtrack.i18n.base import Language
from billtrack.i18n.choose import shown
from billtrack.model import (
    Event,
    Party,
    Proposal,
    ProposalStatus,
    Provision,
    Text,
    in_order,
    proposal_statuses,
)
from billtrack.summary.excerpt import short_redline
from billtrack.summary.lede import lede
from billtrack.summary.naming import (
    bill_words,
    event_label,
    party_ref,
    pick_text,
    provision_ref,
    version_ref,
)
from billtrack.summary.records import (
    Added,
    Counts,
    DecisionEntry,
    Dropped,
    EventEntry,
    OtherChange,
    PositionEntry,
    ProposalRef,
    ProvisionRef,
    Reworded,
    StanceEntry,
    Summary,
)
from billtrack.summary.sources import Sources
from billtrack.vocabulary import PROPOSED

if TYPE_CHECKING:
    from billtrack.comparison import Comparison


def in_timeline_order(events: Iterable[Event], stages: Sequence[str]) -> list[Event]:
    """Events in the order they happened, as far as the data tells: the one order of
    billtrack.model.in_order (a partial date's interval narrowed by the stage order: a
    "2022" Senate reading falls between the second reading of 9 March and the agreement
    of 20 April)."""
    return in_order(list(events), stages)


# --- building the summary --------------------------------------------------------------


@dataclass
class _Context:
    words: Language
    lang: str
    primary: str | None
    parties: Mapping[str, Party]
    proposals: Mapping[str, Proposal]
    events: Mapping[str, Event]
    statuses: Mapping[str, ProposalStatus]  # decided by events in the window
    units: Mapping[str, ProvisionRef]  # every provision on either side, by id
    order: Mapping[str, int]  # the window's events in timeline order
    sources: Sources = field(default_factory=Sources)

    def proposal_refs(self, ids: Iterable[str]) -> tuple[ProposalRef, ...]:
        refs = []
        for proposal_id in ids:
            proposal = self.proposals.get(proposal_id)
            if proposal is None:
                continue
            cited = self.local_all(proposal.sources)
            self.sources.add(cited)
            status = self.statuses.get(proposal_id)
            author = party_ref(proposal.author, self.parties, self.lang, self.primary)
            event = self.events.get(status.event) if status and status.event else None
            state = status.status if status else PROPOSED
            refs.append(
                ProposalRef(
                    id=proposal.id,
                    author=author,
                    action=proposal.action,
                    status=state,
                    event=event.id if event else None,
                    date=event.date if event else None,
                    rationale=self.local(proposal.rationale),
                    sentence=self.words.proposal_line(
                        proposal.id,
                        author.name,
                        self.words.status(state),
                        event_label(event, self.words) if event else None,
                        event.date if event else None,
                    ),
                    notes=self.sources.numbers(cited),
                )
            )
        return tuple(refs)

    def local_all(self, values: Iterable[Text]) -> list[str]:
        return [shown(value, self.lang, primary=self.primary or "") or "" for value in values]

    def local(self, value: Text | None) -> str | None:
        """A human-readable field in the output language, a fallback marked."""
        return shown(value, self.lang, primary=self.primary or "")

    def event_ids(self, ids: Iterable[str]) -> tuple[str, ...]:
        known = sorted((self.events[i] for i in ids if i in self.events), key=self._place)
        for event in known:
            self.sources.add(self.local_all(event.sources))
        return tuple(event.id for event in known)

    def _place(self, event: Event) -> int:
        return self.order[event.id]

    def text(self, provision: Provision) -> tuple[str, str]:
        return pick_text(provision.text, self.lang, self.primary)

    def redline(self, item: ProvisionDiff) -> tuple[str, tuple[Segment, ...]]:
        """(language, short redline) in the language the text is shown in, else the
        first language whose text changed."""
        redlines = item.redlines
        if not redlines:
            return ("", ())
        if "" in redlines:
            return (self.primary or "", short_redline(redlines[""]))
        for wanted in (self.lang, self.primary):
            if wanted and wanted in redlines:
                return (wanted, short_redline(redlines[wanted]))
        key = sorted(redlines)[0]
        return (key, short_redline(redlines[key]))


def build_summary(
    comparison: Comparison,
    *,
    events: Sequence[Event],
    proposals: Sequence[Proposal],
    parties: Sequence[Party],
    lang: str = "en",
    title: Text | None = None,
    stages: Sequence[str] = (),
    stage_labels: Mapping[str, Text] | None = None,
    initiator: str | None = None,
) -> Summary:
    """The change summary of a comparison, in language `lang` (en or ru); `stages` is
    the bill's declared stage order, which places events with partial dates."""
    words = bill_words(lang, stage_labels or {}, comparison.language)
    window = Window.between(
        comparison.old.date,
        comparison.new.date,
        stages=stages,
        since_stage=comparison.old.stage,
        until_stage=comparison.new.stage,
    )
    in_window = window.events(events)
    items = comparison.diff.provisions
    units: dict[str, ProvisionRef] = {}
    for item in items:
        # A provision is named as it reads in the newer version, where it is there.
        for provision in (item.after, item.before):
            if provision is not None:
                units.setdefault(provision.id, provision_ref(provision, words))
    ctx = _Context(
        words=words,
        lang=lang,
        primary=comparison.language,
        parties={p.id: p for p in parties},
        proposals={p.id: p for p in proposals},
        events={e.id: e for e in in_window},
        statuses=proposal_statuses(list(proposals), in_window, stages),
        order={e.id: k for k, e in enumerate(in_window)},
        units=units,
    )
    replacements = _replacements(items, proposals)
    replaced: dict[str, list[ProvisionRef]] = {}
    for dropped_id, added_ids in replacements.items():
        for added_id in added_ids:
            replaced.setdefault(added_id, []).append(units[dropped_id])

    # A renamed provision is the same provision under a new id: never "dropped"
    # (issue 11); it is listed with the rewordings or the other changes.
    dropped = tuple(
        _dropped(item, replacements.get(item.id, ()), ctx)
        for item in items
        if item.status == "dropped"
    )
    added = tuple(
        _added(item, tuple(replaced.get(item.id, ())), ctx)
        for item in items
        if item.status == "added"
    )
    reworded = tuple(
        _reworded(item, ctx)
        for item in items
        if item.status in ("modified", "renamed") and "text" in item.changes
    )
    other = tuple(
        _other(item, ctx)
        for item in items
        if (item.status == "modified" and "text" not in item.changes)
        or (item.status == "renamed" and "text" not in item.changes)
    )
    timeline = tuple(_event_entry(event, ctx) for event in in_window)
    stances = _stances(in_window, ctx)

    diff_counts = comparison.diff.counts()
    counts = Counts(
        dropped=diff_counts["dropped"],
        added=diff_counts["added"],
        reworded=len(reworded),
        renamed=diff_counts["renamed"],
        other=len(other),
        unchanged=diff_counts["unchanged"],
    )
    old = version_ref(comparison.old, events, words)
    new = version_ref(comparison.new, events, words)
    return Summary(
        bill=comparison.bill,
        title=shown(title, lang, primary=comparison.language or "") or comparison.bill,
        lang=lang,
        text_language=comparison.language or "",
        old=old,
        new=new,
        counts=counts,
        headline=words.headline(
            old.name,
            new.name,
            dropped=counts.dropped,
            added=counts.added,
            reworded=counts.reworded,
            renamed=counts.renamed,
        ),
        other_sentence=words.other_changes(counts.other) if counts.other else None,
        dropped=dropped,
        added=added,
        reworded=reworded,
        other=other,
        events=timeline,
        stances=stances,
        sources=ctx.sources.all(),
        lede=lede(
            dropped,
            added,
            timeline,
            party_ref(initiator, ctx.parties, lang, ctx.primary) if initiator else None,
            words,
        ),
    )


def _replacements(
    items: Sequence[ProvisionDiff], proposals: Sequence[Proposal]
) -> dict[str, tuple[str, ...]]:
    """Dropped provision id -> the added provisions the records say took its place: an
    add proposal's `replaces` (issue 11). Being in the same place, or decided at the same
    meeting, is no evidence: a wastewater fee is not "replaced" by a notice."""
    dropped = {item.id for item in items if item.status == "dropped"}
    added = [item.id for item in items if item.status == "added"]
    takes_place: dict[str, set[str]] = {}  # added id -> the ids its proposals replace
    for proposal in proposals:
        if proposal.action == "add" and proposal.replaces:
            takes_place.setdefault(proposal.target, set()).add(proposal.replaces)
    out: dict[str, tuple[str, ...]] = {}
    for old in sorted(dropped):
        found = tuple(new for new in added if old in takes_place.get(new, ()))
        if found:
            out[old] = found
    return out


def _causes(item: ProvisionDiff) -> tuple[str, ...]:
    """The proposals a summary names under a change: those the ledger says explain it
    (never a rejected, withdrawn or pending one); all decided ones without a ledger."""
    if item.ledger is None:
        return item.proposals
    by = set(item.ledger.explained_by)
    return tuple(p for p in item.proposals if p in by)


def _dropped(item: ProvisionDiff, replaced_by: Sequence[str], ctx: _Context) -> Dropped:
    assert item.before is not None
    language_tag, text = ctx.text(item.before)
    proposal_ids = list(_causes(item))
    if item.status == "renamed":
        assert item.after is not None
        successor = ctx.units[item.after.id]
        similarity = int(item.similarity) if item.similarity is not None else None
        _, segments = ctx.redline(item)
        return Dropped(
            provision=ctx.units[item.before.id],
            text=text,
            language=language_tag,
            replaced_by=(successor,),
            renamed=True,
            similarity=similarity,
            redline=segments,
            sentence=ctx.words.renamed_as(successor.label, successor.id, similarity),
            proposals=ctx.proposal_refs(proposal_ids),
            events=ctx.event_ids(item.events),
        )
    successors = tuple(ctx.units[i] for i in replaced_by)
    return Dropped(
        provision=ctx.units[item.id],
        text=text,
        language=language_tag,
        replaced_by=successors,
        renamed=False,
        similarity=None,
        redline=(),
        sentence=ctx.words.replaced_by([s.label for s in successors]) if successors else None,
        proposals=ctx.proposal_refs(proposal_ids),
        events=ctx.event_ids(item.events),
    )


def _added(item: ProvisionDiff, replaces: tuple[ProvisionRef, ...], ctx: _Context) -> Added:
    assert item.after is not None
    language_tag, text = ctx.text(item.after)
    return Added(
        provision=ctx.units[item.id],
        text=text,
        language=language_tag,
        replaces=replaces,
        sentence=ctx.words.replaces([r.label for r in replaces]) if replaces else None,
        proposals=ctx.proposal_refs(_causes(item)),
        events=ctx.event_ids(item.events),
    )


def _previous_number(item: ProvisionDiff) -> str | None:
    if "number" in item.changes and item.before is not None:
        return item.before.number
    return None


def _reworded(item: ProvisionDiff, ctx: _Context) -> Reworded:
    assert item.after is not None
    language_tag, segments = ctx.redline(item)
    if not segments and item.before is not None:
        # Changed without a redline (a language added or removed): show the new text.
        language_tag, text = ctx.text(item.after)
        segments = (("+", text),)
    changes = tuple(c for c in item.changes if c != "text")
    renamed = _renamed_text(item, ctx)
    return Reworded(
        provision=provision_ref(item.after, ctx.words),
        previous_number=_previous_number(item),
        language=language_tag,
        redline=segments,
        changes=changes,
        changes_text=(*renamed, *(ctx.words.change(c) for c in changes)),
        proposals=ctx.proposal_refs(_causes(item)),
        events=ctx.event_ids(item.events),
    )


def _other(item: ProvisionDiff, ctx: _Context) -> OtherChange:
    assert item.after is not None
    return OtherChange(
        provision=provision_ref(item.after, ctx.words),
        previous_number=_previous_number(item),
        changes=item.changes,
        changes_text=(*_renamed_text(item, ctx), *(ctx.words.change(c) for c in item.changes)),
        proposals=ctx.proposal_refs(_causes(item)),
    )


def _renamed_text(item: ProvisionDiff, ctx: _Context) -> tuple[str, ...]:
    """`id changed (formerly contact-person)` for a renamed provision, else nothing."""
    if item.status != "renamed" or item.previous_id is None:
        return ()
    return (ctx.words.labels.renamed_from.format(item.previous_id),)


def _event_entry(event: Event, ctx: _Context) -> EventEntry:
    words = ctx.words
    label = event_label(event, words)
    body = party_ref(event.body, ctx.parties, ctx.lang, ctx.primary) if event.body else None
    participants = tuple(
        party_ref(p, ctx.parties, ctx.lang, ctx.primary) for p in event.participants
    )
    decisions = []
    for decision in event.decisions:
        proposal = ctx.proposals.get(decision.proposal)
        author = (
            party_ref(proposal.author, ctx.parties, ctx.lang, ctx.primary) if proposal else None
        )
        if proposal is not None:
            unit = ctx.units.get(proposal.target)
            sentence = words.decision_line(
                proposal.id,
                author.name if author else proposal.author,
                words.action(proposal.action),
                unit.label if unit else proposal.target,
                words.status(decision.status),
            )
        else:
            sentence = f"{decision.proposal} — {words.status(decision.status)}."
        decisions.append(
            DecisionEntry(
                proposal=decision.proposal,
                status=decision.status,
                author=author,
                action=proposal.action if proposal else None,
                target=proposal.target if proposal else None,
                note=ctx.local(decision.note),
                sentence=sentence,
            )
        )
    cited = ctx.local_all(event.sources)
    ctx.sources.add(cited)
    for decision in event.decisions:
        proposal = ctx.proposals.get(decision.proposal)
        if proposal is not None:
            ctx.sources.add(ctx.local_all(proposal.sources))
    return EventEntry(
        id=event.id,
        date=event.date,
        date_text=words.date(event.date),
        kind=event.kind,
        stage=event.stage,
        body=body,
        participants=participants,
        outcome=event.outcome,
        sentence=words.event_line(
            label,
            body.name if body else None,
            [p.name for p in participants],
            words.outcome(event.outcome) if event.outcome else None,
        ),
        summary=ctx.local(event.summary),
        decisions=tuple(decisions),
        positions=tuple(
            PositionEntry(
                party_ref(p.party, ctx.parties, ctx.lang, ctx.primary), p.stance, ctx.local(p.note)
            )
            for p in event.positions
        ),
        notes=ctx.sources.numbers(cited),
    )


def _stances(in_window: Sequence[Event], ctx: _Context) -> tuple[StanceEntry, ...]:
    latest: dict[str, tuple[Event, str, Text | None]] = {}
    for event in in_window:  # already in timeline order: later ones win
        for position in event.positions:
            latest[position.party] = (event, position.stance, position.note)
    order = {party_id: k for k, party_id in enumerate(ctx.parties)}
    entries = []
    for party_id in sorted(latest, key=lambda p: (order.get(p, len(order)), p)):
        event, stance, note = latest[party_id]
        kind = event_label(event, ctx.words)
        stance_text = ctx.words.stance(stance)
        entries.append(
            StanceEntry(
                party=party_ref(party_id, ctx.parties, ctx.lang, ctx.primary),
                stance=stance,
                stance_text=stance_text,
                note=ctx.local(note),
                event=event.id,
                event_kind=event.kind,
                date=event.date,
                sentence=ctx.words.stance_line(stance_text, kind, event.date),
            )
        )
    return tuple(entries)
