"""The ledger: what explains each change between two versions of a bill.

For every changed provision of a diff it works out, from the records alone:

- the proposals that target it (by its id, its previous id, or `replaces`), each with
  its status at the newer version and the event of its latest decision;
- the events in the window (billtrack.diff.Window's rule) that name it or decide one
  of its proposals;
- `explained_by`: the records that explain the change. An accepted proposal decided in
  the window explains it when its effect matches the change: drop -> the provision was
  dropped; add -> the provision was added (or renamed from the one it `replaces`);
  replace -> the new text is the proposed wording, allowing for later edits: the
  normalised texts are at least TEXT_MATCH similar (rapidfuzz's ratio, 0-100);
  renumber -> the new number (and, given `after`, the new position) is the proposed
  one; a proposal's `heading` explains a heading it matches. Of several accepted
  rewordings of one provision, only those closest to its new text explain it (a later
  wording supersedes an earlier one). An event in the window that names the provision
  with an outcome that agrees (approved, agreed, returned) explains whatever changed
  in it. Rejected, withdrawn and pending
  proposals never explain anything.
- `consequential`: a change of number or position alone that nothing explains, in a
  version where provisions were inserted, dropped or moved before it (a renumbering
  caused by an insertion);
- `unexplained`: a change that is neither. Exactly one of explained (`explained_by`
  not empty), consequential and unexplained holds for every changed provision.

Pure functions over the model; never prints.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from billtrack.diff import BillDiff, Change, Explanation, ProposalRef, ProvisionDiff, Window
from billtrack.model import Bill, Event, Proposal, Provision, Text, proposal_statuses
from billtrack.redline import normalise

__all__ = ["TEXT_MATCH", "Explanation", "ProposalRef", "explain", "in_text"]

# The least similarity (rapidfuzz ratio of the normalised texts) at which a provision's
# new text is a proposal's wording: 90 allows a word or two of later drafting edits in
# a provision of a few lines, and keeps apart two rewordings of the same provision.
TEXT_MATCH = 90
# Outcomes of an event that agree with a change it names (a reading approved, talks
# agreed, a bill returned with the amendments it names); partial, noted and the others
# do not say that the change was agreed.
AGREEING = frozenset({"approved", "agreed", "returned"})
_LAYOUT: frozenset[Change] = frozenset({"number", "position"})


def explain(
    diff: BillDiff,
    *,
    proposals: Sequence[Proposal],
    events: Sequence[Event],
    window: Window,
) -> BillDiff:
    """The same diff with each changed provision's `ledger` (and its `proposals` and
    `events` ids) filled in."""
    upto = replace(window, low=None, low_stage=None)
    statuses = proposal_statuses(proposals, upto.events(events), window.stages)
    held = window.events(events)
    held_ids = {event.id for event in held}
    decided_in_window: dict[str, set[str]] = {}  # proposal -> events of the window deciding it
    accepted_in_window: dict[str, set[str]] = {}
    naming: dict[str, list[Event]] = {}
    for event in held:
        for decision in event.decisions:
            decided_in_window.setdefault(decision.proposal, set()).add(event.id)
            if decision.status == "accepted":
                accepted_in_window.setdefault(decision.proposal, set()).add(event.id)
        for provision_id in event.provisions:
            naming.setdefault(provision_id, []).append(event)
    targeting: dict[str, list[Proposal]] = {}
    for proposal in proposals:
        targeting.setdefault(proposal.target, []).append(proposal)
        if proposal.replaces:
            targeting.setdefault(proposal.replaces, []).append(proposal)

    predecessor: dict[str, str | None] = {}
    if any(p.action == "renumber" and p.after for p in proposals):
        new_order = [item.after.id for item in diff.provisions if item.after is not None]
        predecessor = {pid: new_order[k - 1] if k else None for k, pid in enumerate(new_order)}
    # Whether something before a provision was inserted, dropped or moved.
    shifted_before: dict[str, bool] = {}
    shifted = False
    for item in diff.provisions:
        if item.status == "unchanged":
            continue
        shifted_before[item.id] = shifted
        if item.status in ("added", "dropped") or "position" in item.changes:
            shifted = True

    items: list[ProvisionDiff] = []
    for item in diff.provisions:
        if item.status == "unchanged":
            items.append(item)
            continue
        names = [item.id] if item.previous_id is None else [item.id, item.previous_id]
        mine: dict[str, Proposal] = {}
        for name in names:
            for proposal in targeting.get(name, ()):
                mine.setdefault(proposal.id, proposal)
        refs = tuple(
            ProposalRef(pid, statuses[pid].status, statuses[pid].event)
            for pid in sorted(mine)
            if pid in statuses
        )
        event_ids: set[str] = set()
        for name in names:
            event_ids.update(event.id for event in naming.get(name, ()))
        for pid in mine:
            event_ids |= decided_in_window.get(pid, set())
        event_ids &= held_ids

        covered: set[Change] = set()
        whole = False  # the provision's coming or going is explained
        by: list[str] = []
        live = [
            mine[pid]
            for pid in sorted(mine)
            if statuses[pid].status == "accepted" and pid in accepted_in_window
        ]
        best = _closest_rewordings(live, item.after)
        for proposal in live:
            pid = proposal.id
            if proposal.action == "replace" and pid not in best:
                continue
            found, all_of = _effect(proposal, item, predecessor)
            found &= set(item.changes)  # only what changed needs explaining
            if found or all_of:
                covered |= found
                whole = whole or all_of
                by.append(pid)
        for name in names:
            for event in naming.get(name, ()):
                # The older version's own reading is about the text before the change.
                if event.version and event.stage and event.stage == window.low_stage:
                    continue
                if event.outcome in AGREEING and event.id not in by:
                    by.append(event.id)
                    covered |= set(item.changes)
                    whole = True
        leftover = set(item.changes) - covered
        if item.status in ("added", "dropped") and not whole:
            leftover.add("text")
        layout_only = leftover <= _LAYOUT and shifted_before.get(item.id, False)
        if by and (not leftover or layout_only):
            ledger = Explanation(refs, tuple(sorted(event_ids)), tuple(by))
        elif not by and leftover and layout_only and item.status == "modified":
            ledger = Explanation(refs, tuple(sorted(event_ids)), consequential=True)
        else:
            ledger = Explanation(refs, tuple(sorted(event_ids)), unexplained=True)
        decided = tuple(ref.id for ref in refs if ref.id in decided_in_window)
        # Built directly (dataclasses.replace costs a fifth of the ledger's time).
        items.append(
            ProvisionDiff(
                item.id, item.status, item.before, item.after, item.changes,
                item.previous_id, item.redlines, item.similarity, decided, ledger.events,
                ledger,
            )
        )  # fmt: skip
    return replace(diff, provisions=tuple(items))


def _effect(
    proposal: Proposal, item: ProvisionDiff, predecessor: Mapping[str, str | None]
) -> tuple[set[Change], bool]:
    """The changes of `item` an accepted proposal accounts for, and whether it accounts
    for the provision's coming or going as a whole."""
    before, after = item.before, item.after
    covered: set[Change] = set()
    heading = proposal.heading
    # A multilingual heading agrees when one of its languages is the heading now.
    headings = (
        () if heading is None else (heading,) if isinstance(heading, str) else heading.values()
    )
    if after is not None and any(normalise(h) == normalise(after.heading or "") for h in headings):
        covered.add("heading")
    action = proposal.action
    if action == "drop":
        return covered, item.status == "dropped" and proposal.target == item.id
    if action == "add":
        if after is None or proposal.target != after.id:
            return covered, False
        if item.status == "added" or (
            item.status == "renamed" and proposal.replaces == item.previous_id
        ):
            if proposal.text is not None and not _same_text(proposal.text, after):
                return covered, False
            return covered, True
        return covered, False
    if action == "replace":
        if after is not None and proposal.text is not None and _same_text(proposal.text, after):
            covered.add("text")
        return covered, False
    if action == "renumber" and after is not None and before is not None:
        number_ok = proposal.number is None or normalise(proposal.number) == normalise(
            after.number or ""
        )
        place_ok = proposal.after is None or predecessor.get(after.id) == proposal.after
        if number_ok and place_ok:
            covered |= {"number", "position"}
    return covered, False


def _closest_rewordings(live: Sequence[Proposal], after: Provision | None) -> set[str]:
    """The ids of the rewordings (replace) whose text is closest to the new text."""
    rewordings = [p for p in live if p.action == "replace" and p.text is not None]
    if after is None or len(rewordings) < 2:
        return {p.id for p in rewordings}
    scores = {p.id: _score(p.text, after) for p in rewordings if p.text is not None}
    top = max(scores.values())
    return {pid for pid, score in scores.items() if score == top}


def _score(proposed: Text, provision: Provision) -> float:
    """How alike a proposed wording and a provision's text are (mean over languages)."""
    from rapidfuzz import fuzz

    have = provision.texts()
    wanted = {"": proposed} if isinstance(proposed, str) else dict(proposed)
    pairs = [(wanted[k], have[k]) for k in wanted if k in have] or [
        (a, b) for a in wanted.values() for b in have.values()
    ]
    return max(float(fuzz.ratio(normalise(a), normalise(b))) for a, b in pairs)


def _same_text(proposed: Text, provision: Provision) -> bool:
    """Whether the provision reads as proposed, allowing for later edits (TEXT_MATCH)."""
    if proposed == provision.text:
        return True  # applied as proposed: the common case needs no comparison
    from rapidfuzz import fuzz  # only when a wording is to be matched

    have = provision.texts()
    wanted = {"": proposed} if isinstance(proposed, str) else dict(proposed)
    if "" in wanted and "" not in have:
        return any(_ratio(fuzz, wanted[""], text) for text in have.values())
    if "" in have and "" not in wanted:
        return any(_ratio(fuzz, text, have[""]) for text in wanted.values())
    shared = [lang for lang in wanted if lang in have]
    return bool(shared) and all(_ratio(fuzz, wanted[lang], have[lang]) for lang in shared)


def _ratio(fuzz: object, a: str, b: str) -> bool:
    a, b = normalise(a), normalise(b)
    if a == b:
        return True
    # The ratio is at most 200 * min / (len a + len b): texts of too different lengths
    # cannot reach the threshold, and need no alignment.
    if 200 * min(len(a), len(b)) < TEXT_MATCH * (len(a) + len(b)):
        return False
    ratio = fuzz.ratio  # type: ignore[attr-defined]
    return bool(ratio(a, b, score_cutoff=TEXT_MATCH) >= TEXT_MATCH)


def in_text(proposal: Proposal, bill: Bill) -> bool | None:
    """Whether `bill` reads as the proposal would have it: add -> the provision is there
    (with the proposed wording); drop -> it is gone; replace -> its text is the proposed
    wording (TEXT_MATCH); renumber -> its number is the proposed one. None when the
    proposal says too little to tell (a renumber with no number)."""
    found = bill.provision(proposal.target)
    if proposal.action == "drop":
        return found is None
    if found is None:
        return False
    if proposal.action in ("add", "replace"):
        return proposal.text is None or _same_text(proposal.text, found)
    if proposal.number is None:
        return None
    return normalise(proposal.number) == normalise(found.number or "")
