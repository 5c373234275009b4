"""Rules a clerk would run on the record of events: dates that contradict each other,
and pending proposals that cannot both be applied. Warnings (errors with --strict)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from billtrack import dates
from billtrack.model import Event, Proposal
from billtrack.problems import Problem
from billtrack.store.layout import BILL_FILE
from billtrack.store.yamlio import Document
from billtrack.validate.context import BillRecords, Context
from billtrack.validate.registry import problem, rule


@rule("event-chronology", scope="bill")
def chronology(ctx: Context, records: BillRecords) -> Iterator[Problem]:
    """Dates that cannot all be true: a reading dated before the reading of an earlier
    stage; a record dated before the bill's `introduced`; a reading that pins a commit
    authored after the reading's date; a date in the future. Partial dates are
    intervals: only dates whose whole intervals contradict are reported."""
    today = dt.date.today()
    bill = records.bill
    introduced = dates.parse_or_none(bill.introduced) if bill else None
    if records.bill_doc is not None and introduced is not None and introduced.start > today:
        yield _future(records.bill_doc, ("introduced",), introduced)
    dated: list[tuple[Document, Event | Proposal]] = [*records.events, *records.proposals]
    parsed: dict[str, dates.PartialDate | None] = {}  # records share dates: parse each once
    for doc, item in dated:
        if item.date not in parsed:
            parsed[item.date] = dates.parse_or_none(item.date)
        when = parsed[item.date]
        if when is None:
            continue  # the schema or date-invalid says why
        if when.start > today:
            yield _future(doc, ("date",), when)
        elif introduced is not None and when.end < introduced.start:
            yield problem(
                doc.path,
                doc.pos(("date",)),
                "event-chronology",
                f"dated {when}, before the bill was introduced ({introduced})",
            )
    yield from _stage_order(records)
    yield from _pinned_after(ctx, records)


def _future(doc: Document, path: tuple[str, ...], when: dates.PartialDate) -> Problem:
    return problem(doc.path, doc.pos(path), "event-chronology", f"{when} is in the future")


def _stage_order(records: BillRecords) -> Iterator[Problem]:
    """A reading of a later stage whose whole date lies before an earlier stage's."""
    stages = records.bill.stages if records.bill else ()
    order = {stage: i for i, stage in enumerate(stages)}
    readings = [
        (doc, event, when)
        for doc, event in records.events
        if event.kind == "reading"
        and event.stage in order
        and (when := dates.parse_or_none(event.date)) is not None
    ]
    for doc, event, when in readings:
        assert event.stage is not None
        earlier = [
            (other, other_when)
            for _, other, other_when in readings
            if order[other.stage or ""] < order[event.stage] and when.end < other_when.start
        ]
        if earlier:
            other, other_when = max(earlier, key=lambda pair: pair[1].start)
            yield problem(
                doc.path,
                doc.pos(("date",)),
                "event-chronology",
                f"the {event.stage} reading is dated {when}, before the {other.stage} "
                f"reading ({other.id}, {other_when}), an earlier stage of the bill",
            )


def _pinned_after(ctx: Context, records: BillRecords) -> Iterator[Problem]:
    """A reading cannot have read a text first committed after it took place. The text's
    date is that of the first commit that held it (a later commit with the same
    bill.yaml, such as one recording another event, pins the same text)."""
    git, root = ctx.git, ctx.snapshot.root
    if git is None or root.repo is None:
        return
    first_held: dict[str, dates.PartialDate | None] | None = None
    for doc, event in records.events:
        if event.kind != "reading" or not event.version or event.version in records.unfetched:
            continue
        when = dates.parse_or_none(event.date)
        authored = dates.parse_or_none(git.author_date(event.version))
        if when is None or authored is None or authored.start <= when.end:
            continue
        try:
            path = f"{root.relative(root.path)}/{records.id}/{BILL_FILE}".removeprefix("./")
        except ValueError:
            return
        found = git.info(f"{event.version}:{path}")
        if found is None:
            continue
        if first_held is None:
            first_held = {}
            for change in reversed(git.file_log(path)):  # oldest first
                if change.new and change.new not in first_held:
                    first_held[change.new] = dates.parse_or_none(change.date)
        since = first_held.get(found[0]) or authored
        if since.start > when.end:
            yield problem(
                doc.path,
                doc.pos(("version",)),
                "event-chronology",
                f"the reading of {when} pins commit {event.version[:12]}, whose text was "
                f"first committed {since}, after the reading; pin the commit holding the "
                "text that was read",
            )


@rule("proposals-collide", scope="bill")
def colliding_proposals(ctx: Context, records: BillRecords) -> Iterator[Problem]:
    """Pending proposals (no decision yet) on one provision that cannot both apply: a
    drop and a rewording, or two different rewordings. Reported on the later one."""
    decided = {d.proposal for _, event in records.events for d in event.decisions}
    seen: dict[str, list[Proposal]] = {}
    for doc, proposal in records.proposals:
        if proposal.id in decided or proposal.action not in ("drop", "replace"):
            continue
        for other in seen.get(proposal.target, []):
            clash = _clash(other, proposal)
            if clash:
                yield problem(
                    doc.path,
                    doc.pos(("target",)),
                    "proposals-collide",
                    f"{clash} of {proposal.target!r}: this proposal and {other.id} are "
                    "both pending and cannot both apply",
                )
                break
        seen.setdefault(proposal.target, []).append(proposal)


def _clash(first: Proposal, second: Proposal) -> str:
    actions = {first.action, second.action}
    if actions == {"drop", "replace"}:
        return "a drop and a rewording"
    if actions == {"replace"} and first.text != second.text:
        return "two different rewordings"
    return ""
