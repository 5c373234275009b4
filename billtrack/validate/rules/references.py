"""Rules about references between records: parties, stages, provisions, proposals."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from billtrack.problems import Problem
from billtrack.store.yamlio import Document, Path
from billtrack.suggest import hint
from billtrack.validate.context import BillRecords, Context
from billtrack.validate.registry import problem, rule


def _unknown(value: str, known: Collection[str]) -> str:
    # With nothing known (parties.yaml missing) the message says no more than that.
    return hint(value, known) if known else ""


@rule("ref-party", scope="bill")
def party_references(ctx: Context, records: BillRecords) -> Iterator[Problem]:
    """Every party a record names (initiator, body, participants, positions, author)
    is listed in parties.yaml."""
    refs: list[tuple[Document, Path, str]] = []
    if records.bill is not None and records.bill_doc is not None and records.bill.initiator:
        refs.append((records.bill_doc, ("initiator",), records.bill.initiator))
    for doc, event in records.events:
        if event.body:
            refs.append((doc, ("body",), event.body))
        refs += [(doc, ("participants", i), p) for i, p in enumerate(event.participants)]
        refs += [(doc, ("positions", i, "party"), p.party) for i, p in enumerate(event.positions)]
    for doc, proposal in records.proposals:
        refs.append((doc, ("author",), proposal.author))
    if not records.parties_checked:
        return  # parties.yaml is missing or broken: one problem there says so
    for doc, path, value in refs:
        if value not in records.parties:
            yield problem(
                doc.path,
                doc.pos(path),
                "ref-party",
                f"unknown party {value!r}" + _unknown(value, records.parties),
            )


@rule("ref-stage", scope="bill")
def stage_references(ctx: Context, records: BillRecords) -> Iterator[Problem]:
    """An event's stage is one of the stages its bill declares (when it declares any)."""
    stages = records.bill.stages if records.bill and records.provisions_checked else ()
    for doc, event in records.events:
        if event.stage and stages and event.stage not in stages:
            yield problem(
                doc.path,
                doc.pos(("stage",)),
                "ref-stage",
                f"unknown stage {event.stage!r}; the bill's stages: " + ", ".join(stages),
            )


@rule("ref-provision", "history-missing", scope="bill")
def provision_references(ctx: Context, records: BillRecords) -> Iterator[Problem]:
    """Events and proposals name provisions that exist, existed in a pinned reading, or
    are proposed for adding; what a proposal changes or drops must already exist. In a
    shallow clone that lacks a pinned reading, a name no text here explains cannot be
    judged: one note for the record, not an error."""
    if not records.provisions_checked:
        return  # bill.yaml is broken and has no committed version: one note says so
    existing, known = records.existing, records.known_provisions
    found: list[tuple[Document, Path, str, str]] = []
    for doc, event in records.events:
        if event.version in records.unfetched:
            continue  # the reading-version note covers this record
        for i, pid in enumerate(event.provisions):
            if pid not in known:
                found.append((doc, ("provisions", i), pid, f"unknown provision {pid!r}"))
    for doc, proposal in records.proposals:
        if proposal.action != "add" and proposal.target not in existing:
            found.append(
                (
                    doc,
                    ("target",),
                    proposal.target,
                    f"{proposal.action} targets unknown provision {proposal.target!r}",
                )
            )
        if proposal.after and proposal.after not in known:
            message = f"unknown provision {proposal.after!r} in 'after'"
            found.append((doc, ("after",), proposal.after, message))
    if records.unfetched:
        by_file: dict[str, list[tuple[Document, Path, str, str]]] = {}
        for item in found:
            by_file.setdefault(item[0].path, []).append(item)
        for items in by_file.values():
            doc, path, _, _ = items[0]
            names = sorted({repr(pid) for _, _, pid, _ in items})
            what = (
                f"provision {names[0]} is"
                if len(names) == 1
                else (f"provisions {', '.join(names)} are")
            )
            yield problem(
                doc.path,
                doc.pos(path),
                "history-missing",
                f"{what} in no text this shallow clone holds (a reading's "
                "commit is not fetched), so it cannot be checked; fetch the history with "
                "`git fetch --unshallow`",
            )
        return
    for doc, path, pid, message in found:
        pool = existing if path == ("target",) else known
        yield problem(doc.path, doc.pos(path), "ref-provision", message + _unknown(pid, pool))


@rule("ref-proposal", "decided-twice", scope="bill")
def decisions(ctx: Context, records: BillRecords) -> Iterator[Problem]:
    """A decision names a recorded proposal. A proposal may be decided several times (a
    committee's recommendation, then the chamber's vote), but not two different ways at
    the same stage on the same date (the first in file order stands; the other is the
    problem)."""
    proposal_ids = {p.id for _, p in records.proposals}
    decided: dict[tuple[str, str | None, str], tuple[str, str, int]] = {}
    for doc, event in records.events:
        for i, decision in enumerate(event.decisions):
            pos = doc.pos(("decisions", i, "proposal"))
            if decision.proposal not in proposal_ids:
                yield problem(
                    doc.path,
                    pos,
                    "ref-proposal",
                    f"unknown proposal {decision.proposal!r}"
                    + _unknown(decision.proposal, proposal_ids),
                )
                continue
            key = (decision.proposal, event.stage, event.date)
            found = decided.get(key)
            if found is not None and found[0] != decision.status:
                status, first, line = found
                yield problem(
                    doc.path,
                    pos,
                    "decided-twice",
                    f"proposal {decision.proposal!r} was already {status} in "
                    f"{first}:{line}, at the same stage on the same date",
                )
            elif found is None:
                decided[key] = (decision.status, doc.path, pos[0])
