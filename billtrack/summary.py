"""The journalist's change summary, as data, and the small pieces the comparative
table (billtrack.table) shares with it: names of versions, parties and provisions.

`build_summary` turns a Comparison (the diff between two versions, with its proposals
and events attributed) plus the bill's records and parties into a `Summary`: a headline
with the window and the counts, the dropped provisions (and what replaced them), the
added and reworded ones, what happened in the window, where each party stands, and the
sources. It is deterministic, generated from the data alone, with every label and
sentence in the requested language (billtrack.i18n); file text is kept as written, for
each reporter to escape. Nothing here prints, and neither Typer nor rich is imported.

Rules the output follows:
- The window is diff's (diff.Window.holds): an event belongs to it when its date (a
  partial date, as an interval) overlaps [old side's date, new side's date], the
  working tree being open.
- A dropped provision is "replaced by" an added one when the data links them: the
  diff carried it over under another id (a rename), or some event in the window names
  both (in its `provisions` or by deciding proposals about both) and the added one
  takes the dropped one's place (it follows the same surviving provision, or its `add`
  proposal names the dropped one as `after`). The place condition keeps unrelated
  changes decided at one sitting from being presented as replacements.
- Each party's stance is its latest position in the window's events, in the order
  they happened (in_timeline_order).
- Sources are every `sources` entry of the proposals and events the summary shows,
  deduplicated, in the order the summary first shows them.
- Provision and proposal text is shown in the output language when the text has it,
  else in the bill's primary language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from billtrack import dates
from billtrack.diff import ProvisionDiff, Segment, Window
from billtrack.i18n import language
from billtrack.i18n.base import Language, VersionKind, VersionName
from billtrack.model import (
    Event,
    Party,
    Proposal,
    ProposalStatus,
    Provision,
    Text,
    proposal_statuses,
)

if TYPE_CHECKING:
    from billtrack.versions import Comparison, Side

SUMMARY_SCHEMA = "billtrack/summary/1"
# Words of unchanged text kept on either side of a change in a short redline.
REDLINE_CONTEXT = 8
ELLIPSIS = "…"


# --- the summary's data ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VersionRef:
    """One side of the window: what the user named, what it is, and its name in words."""

    spec: str
    commit: str | None
    kind: VersionKind
    date: str | None
    stage: str | None
    event: str | None
    label: str  # in the output language: "first reading, 15 September 2021"

    @property
    def name(self) -> VersionName:
        return VersionName(self.kind, self.date, self.stage, self.event, self.commit)


@dataclass(frozen=True, slots=True)
class PartyRef:
    id: str
    name: str  # from parties.yaml; the id when the party is not listed there


@dataclass(frozen=True, slots=True)
class ProvisionRef:
    id: str
    number: str | None
    heading: str | None
    label: str  # "1.9 “Heading”", or the id when it has neither number nor heading


@dataclass(frozen=True, slots=True)
class ProposalRef:
    """A proposal behind a change, with the decision on it in the window."""

    id: str
    author: PartyRef
    action: str
    status: str
    event: str | None  # the event that decided it
    date: str | None  # that event's date
    rationale: str | None
    sentence: str


@dataclass(frozen=True, slots=True)
class Dropped:
    provision: ProvisionRef
    text: str  # as it stood, in `language`
    language: str  # the language tag of `text` ("" when unknown)
    replaced_by: tuple[ProvisionRef, ...]
    renamed: bool  # carried over under another id (replaced_by holds that one)
    similarity: int | None
    redline: tuple[Segment, ...]  # a rename's short redline; () otherwise
    sentence: str | None  # "Replaced by ..." / "Continues as ..."
    proposals: tuple[ProposalRef, ...]
    events: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Added:
    provision: ProvisionRef
    text: str
    language: str
    replaces: tuple[ProvisionRef, ...]
    sentence: str | None  # "In place of ..."
    proposals: tuple[ProposalRef, ...]
    events: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Reworded:
    provision: ProvisionRef
    previous_number: str | None  # when it was renumbered too
    language: str
    redline: tuple[Segment, ...]  # short: long unchanged stretches cut to "…"
    changes: tuple[str, ...]  # the other changes, as diff names them (number, heading, ...)
    changes_text: tuple[str, ...]
    proposals: tuple[ProposalRef, ...]
    events: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OtherChange:
    """A provision changed only in number, position, heading, amends or tags."""

    provision: ProvisionRef
    previous_number: str | None
    changes: tuple[str, ...]
    changes_text: tuple[str, ...]
    proposals: tuple[ProposalRef, ...]


@dataclass(frozen=True, slots=True)
class DecisionEntry:
    proposal: str
    status: str
    author: PartyRef | None  # None when the proposal file is not there
    action: str | None
    target: str | None
    note: str | None
    sentence: str


@dataclass(frozen=True, slots=True)
class PositionEntry:
    party: PartyRef
    stance: str
    note: str | None


@dataclass(frozen=True, slots=True)
class EventEntry:
    id: str
    date: str
    date_text: str
    kind: str
    stage: str | None
    body: PartyRef | None
    participants: tuple[PartyRef, ...]
    outcome: str | None
    sentence: str
    summary: str | None
    decisions: tuple[DecisionEntry, ...]
    positions: tuple[PositionEntry, ...]


@dataclass(frozen=True, slots=True)
class StanceEntry:
    party: PartyRef
    stance: str
    stance_text: str
    note: str | None
    event: str
    event_kind: str
    date: str
    sentence: str  # "agrees (negotiations, November 2021)"


@dataclass(frozen=True, slots=True)
class Counts:
    dropped: int
    added: int
    reworded: int
    renamed: int
    other: int
    unchanged: int


@dataclass(frozen=True, slots=True)
class Summary:
    bill: str
    title: str
    lang: str
    text_language: str  # the bill's primary language
    old: VersionRef
    new: VersionRef
    counts: Counts
    headline: str
    other_sentence: str | None
    dropped: tuple[Dropped, ...]
    added: tuple[Added, ...]
    reworded: tuple[Reworded, ...]
    other: tuple[OtherChange, ...]
    events: tuple[EventEntry, ...]
    stances: tuple[StanceEntry, ...]
    sources: tuple[str, ...]
    schema: str = SUMMARY_SCHEMA


# --- small pieces shared by the summary and the table ---------------------------------


def version_ref(side: Side, events: Sequence[Event], words: Language) -> VersionRef:
    """What a resolved side is, read the way BillRepository.resolve read the spec."""
    kind: VersionKind
    stage = event_id = None
    date = side.date
    if side.commit is None:
        kind = "worktree"
    elif side.spec.startswith("@"):
        kind, date = "date", side.spec[1:]
    else:
        reading = _reading_for(side, events)
        if reading is not None:
            kind, stage, event_id, date = "reading", reading.stage, reading.id, reading.date
        else:
            kind = "commit"
    name = VersionName(kind, date, stage, event_id, side.commit)
    return VersionRef(side.spec, side.commit, kind, date, stage, event_id, words.version(name))


def _reading_for(side: Side, events: Sequence[Event]) -> Event | None:
    if side.spec.startswith("rev:"):
        return None
    pinned = [e for e in events if e.version and e.version == side.commit]
    for event in pinned:
        if event.id == side.spec:
            return event
    by_stage = sorted((e for e in pinned if e.stage == side.spec), key=event_order)
    return by_stage[-1] if by_stage else None


def event_label(event: Event, words: Language) -> str:
    """What an event was, in words: a reading by its stage, anything else by its kind."""
    if event.kind == "reading" and event.stage:
        return words.stage(event.stage)
    return words.event_kind(event.kind)


def event_order(event: Event) -> tuple[tuple[int, dt.date, int, str], str]:
    """Events by date, as their texts sort (billtrack.dates.text_order), then id."""
    return (dates.text_order(event.date), event.id)


def in_timeline_order(events: Iterable[Event], stages: Sequence[str]) -> list[Event]:
    """Events in the order they happened, as far as the data tells.

    A partial date ("2022") stands for an interval; where the bill declares its stages
    in order, an event of a later stage cannot come before one of an earlier stage, which
    narrows the interval (a "2022" Senate reading falls between the second reading of
    9 March and the agreement of 20 April). Events sort by the narrowed interval's
    start, then its end, then id: deterministic, and for full dates simply by date.
    """
    events = list(events)
    rank = {stage: k for k, stage in enumerate(stages)}
    spans = {e.id: dates.from_stamp(e.date) for e in events}
    staged = [
        (rank[e.stage], span.start, span.end)
        for e in events
        if e.stage in rank and (span := spans[e.id]) is not None
    ]

    def key(event: Event) -> tuple[int, dt.date, dt.date, str, str]:
        span = spans[event.id]
        if span is None:  # a date that cannot be read: after the others, as written
            return (1, dt.date.max, dt.date.max, event.date, event.id)
        start, end = span.start, span.end
        k = rank.get(event.stage or "")
        if k is not None:
            start = max([start, *(s for r, s, _ in staged if r < k)])
            end = min([end, *(e for r, _, e in staged if r > k)])
            end = max(start, end)  # contradictory data: keep an interval
        return (0, start, end, "", event.id)

    return sorted(events, key=key)


def pick_text(text: Text, lang: str, primary: str | None) -> tuple[str, str]:
    """(language tag, text): the output language when the text has it, else the bill's
    primary language, else the first one written. A plain string is in the primary one."""
    if isinstance(text, str):
        return (primary or "", text)
    for wanted in (lang, primary):
        if wanted and wanted in text:
            return (wanted, text[wanted])
    for key, value in text.items():
        return (key, value)
    return (primary or "", "")


def provision_ref(provision: Provision, words: Language) -> ProvisionRef:
    return ProvisionRef(
        provision.id, provision.number, provision.heading, unit_label(provision, words)
    )


def unit_label(provision: Provision, words: Language) -> str:
    parts = [provision.number or "", words.quote(provision.heading) if provision.heading else ""]
    return " ".join(part for part in parts if part) or provision.id


def party_ref(party_id: str, parties: Mapping[str, Party]) -> PartyRef:
    """A party by its id, named as parties.yaml names it (by its id when not listed)."""
    found = parties.get(party_id)
    return PartyRef(party_id, found.name if found else party_id)


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


class _Sources:
    """Source entries in first-seen order, each once."""

    def __init__(self) -> None:
        self.seen: dict[str, None] = {}

    def add(self, entries: Iterable[str]) -> None:
        for entry in entries:
            entry = entry.strip()
            if entry:
                self.seen.setdefault(entry, None)

    def all(self) -> tuple[str, ...]:
        return tuple(self.seen)


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
    sources: _Sources = field(default_factory=_Sources)

    def proposal_refs(self, ids: Iterable[str]) -> tuple[ProposalRef, ...]:
        refs = []
        for proposal_id in ids:
            proposal = self.proposals.get(proposal_id)
            if proposal is None:
                continue
            self.sources.add(proposal.sources)
            status = self.statuses.get(proposal_id)
            author = party_ref(proposal.author, self.parties)
            event = self.events.get(status.event) if status and status.event else None
            state = status.status if status else "proposed"
            refs.append(
                ProposalRef(
                    id=proposal.id,
                    author=author,
                    action=proposal.action,
                    status=state,
                    event=event.id if event else None,
                    date=event.date if event else None,
                    rationale=proposal.rationale,
                    sentence=self.words.proposal_line(
                        proposal.id,
                        author.name,
                        self.words.status(state),
                        event_label(event, self.words) if event else None,
                        event.date if event else None,
                    ),
                )
            )
        return tuple(refs)

    def event_ids(self, ids: Iterable[str]) -> tuple[str, ...]:
        known = sorted((self.events[i] for i in ids if i in self.events), key=self._place)
        for event in known:
            self.sources.add(event.sources)
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
    title: str | None = None,
    stages: Sequence[str] = (),
) -> Summary:
    """The change summary of a comparison, in language `lang` (en or ru); `stages` is
    the bill's declared stage order, which places events with partial dates."""
    words = language(lang)
    try:
        window = Window.between(comparison.old.date, comparison.new.date)
    except dates.DateError:
        window = Window()  # a side whose date cannot be read: every event may belong
    in_window = in_timeline_order((e for e in events if window.holds(e.date)), stages)
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
        statuses=proposal_statuses(list(proposals), in_window),
        order={e.id: k for k, e in enumerate(in_window)},
        units=units,
    )
    replacements = _replacements(items, proposals)
    replaced: dict[str, list[ProvisionRef]] = {}
    for dropped_id, added_ids in replacements.items():
        for added_id in added_ids:
            replaced.setdefault(added_id, []).append(units[dropped_id])

    dropped = tuple(
        _dropped(item, replacements.get(item.id, ()), ctx)
        for item in items
        if item.status in ("dropped", "renamed")
    )
    added = tuple(
        _added(item, tuple(replaced.get(item.id, ())), ctx)
        for item in items
        if item.status == "added"
    )
    reworded = tuple(
        _reworded(item, ctx)
        for item in items
        if item.status == "modified" and "text" in item.changes
    )
    other = tuple(
        _other(item, ctx)
        for item in items
        if item.status == "modified" and "text" not in item.changes
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
        title=title or comparison.bill,
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
    )


def _replacements(
    items: Sequence[ProvisionDiff], proposals: Sequence[Proposal]
) -> dict[str, tuple[str, ...]]:
    """Dropped provision id -> the added provisions the data says replaced it."""
    # Each provision's place: the nearest provision before it present in both versions.
    place: dict[tuple[str, str], str | None] = {}
    anchor: str | None = None
    for item in items:
        if item.before is not None and item.after is not None:
            anchor = item.id
        else:
            place[(item.status, item.id)] = anchor
    follows: dict[str, set[str]] = {}  # added id -> the ids its add proposals follow
    for proposal in proposals:
        if proposal.action == "add" and proposal.after:
            follows.setdefault(proposal.target, set()).add(proposal.after)
    added = [item for item in items if item.status == "added"]
    out: dict[str, tuple[str, ...]] = {}
    for item in items:
        if item.status != "dropped" or not item.events:
            continue
        mine = set(item.events)
        found = tuple(
            new.id
            for new in added
            if mine & set(new.events)
            and (
                place[("added", new.id)] == place[("dropped", item.id)]
                or item.id in follows.get(new.id, ())
            )
        )
        if found:
            out[item.id] = found
    return out


def _dropped(item: ProvisionDiff, replaced_by: Sequence[str], ctx: _Context) -> Dropped:
    assert item.before is not None
    language_tag, text = ctx.text(item.before)
    proposal_ids = list(item.proposals)
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
        proposals=ctx.proposal_refs(item.proposals),
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
    return Reworded(
        provision=provision_ref(item.after, ctx.words),
        previous_number=_previous_number(item),
        language=language_tag,
        redline=segments,
        changes=changes,
        changes_text=tuple(ctx.words.change(c) for c in changes),
        proposals=ctx.proposal_refs(item.proposals),
        events=ctx.event_ids(item.events),
    )


def _other(item: ProvisionDiff, ctx: _Context) -> OtherChange:
    assert item.after is not None
    return OtherChange(
        provision=provision_ref(item.after, ctx.words),
        previous_number=_previous_number(item),
        changes=item.changes,
        changes_text=tuple(ctx.words.change(c) for c in item.changes),
        proposals=ctx.proposal_refs(item.proposals),
    )


def _event_entry(event: Event, ctx: _Context) -> EventEntry:
    words = ctx.words
    label = event_label(event, words)
    body = party_ref(event.body, ctx.parties) if event.body else None
    participants = tuple(party_ref(p, ctx.parties) for p in event.participants)
    decisions = []
    for decision in event.decisions:
        proposal = ctx.proposals.get(decision.proposal)
        author = party_ref(proposal.author, ctx.parties) if proposal else None
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
                note=decision.note,
                sentence=sentence,
            )
        )
    ctx.sources.add(event.sources)
    for decision in event.decisions:
        proposal = ctx.proposals.get(decision.proposal)
        if proposal is not None:
            ctx.sources.add(proposal.sources)
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
        summary=event.summary,
        decisions=tuple(decisions),
        positions=tuple(
            PositionEntry(party_ref(p.party, ctx.parties), p.stance, p.note)
            for p in event.positions
        ),
    )


def _stances(in_window: Sequence[Event], ctx: _Context) -> tuple[StanceEntry, ...]:
    latest: dict[str, tuple[Event, str, str | None]] = {}
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
                party=party_ref(party_id, ctx.parties),
                stance=stance,
                stance_text=stance_text,
                note=note,
                event=event.id,
                event_kind=event.kind,
                date=event.date,
                sentence=ctx.words.stance_line(stance_text, kind, event.date),
            )
        )
    return tuple(entries)
