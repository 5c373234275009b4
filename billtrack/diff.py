"""The provision diff and the word-level redline: pure functions over the model.

Provisions are matched by id. A provision present on both sides may differ in its
text (per language), heading, number, position (moved relative to the others, from the
longest common subsequence of the shared ids), amends or tags. A dropped and an added
provision whose texts are nearly the same are one renamed provision (like git's rename
detection). This module imports neither git, Typer nor rich, and never prints.

Whitespace is normalised before anything is compared (a reflowed YAML block is not a
change), and tags are compared as a set (reordering them is not a change).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from billtrack import dates
from billtrack.model import Bill, Event, Provision, in_order
from billtrack.redline import Op, Segment, normalise, redline, redline_words
from billtrack.renames import find_renames

__all__ = [
    "BILL_FIELDS",
    "CHANGE_ORDER",
    "DEFAULT_RENAME_THRESHOLD",
    "STATUSES",
    "BillDiff",
    "Change",
    "Explanation",
    "Op",
    "ProposalRef",
    "ProvisionDiff",
    "Segment",
    "Status",
    "Window",
    "diff_bills",
    "normalise",
    "redline",
]

Status = Literal["added", "dropped", "modified", "renamed", "unchanged"]
Change = Literal["text", "heading", "number", "position", "path", "amends", "tags"]
CHANGE_ORDER: tuple[Change, ...] = (
    "text",
    "heading",
    "number",
    "position",
    "path",
    "amends",
    "tags",
)
STATUSES: tuple[Status, ...] = ("added", "dropped", "modified", "renamed", "unchanged")

DEFAULT_RENAME_THRESHOLD = 80
# The bill's own fields a diff compares, besides its provisions.
BILL_FIELDS = (
    "title",
    "short_title",
    "jurisdiction",
    "language",
    "introduced",
    "initiator",
    "stages",
)


@dataclass(frozen=True, slots=True)
class ProposalRef:
    """A proposal about a provision, as it stands at the newer version."""

    id: str
    status: str  # proposed, accepted, rejected, withdrawn
    decided_in: str | None  # the event of its latest decision (up to the newer version)


@dataclass(frozen=True, slots=True)
class Explanation:
    """What the records say about one changed provision."""

    proposals: tuple[ProposalRef, ...] = ()
    events: tuple[str, ...] = ()
    explained_by: tuple[str, ...] = ()
    consequential: bool = False
    unexplained: bool = False


@dataclass(frozen=True, slots=True)
class ProvisionDiff:
    """What happened to one provision between two versions."""

    id: str
    status: Status
    before: Provision | None
    after: Provision | None
    changes: tuple[Change, ...] = ()
    previous_id: str | None = None
    # Redline of the text, by language ("" for a plain-string text). Only for text that
    # exists on both sides; wholly new or deleted text is shown whole, from before/after.
    redlines: Mapping[str, tuple[Segment, ...]] = field(default_factory=dict)
    similarity: float | None = None  # renamed: how alike the texts are, 0-100
    proposals: tuple[str, ...] = ()  # ids of proposals decided in the window about it
    events: tuple[str, ...] = ()  # ids of events in the window that name it
    ledger: Explanation | None = None  # what explains the change (billtrack.ledger)


@dataclass(frozen=True, slots=True)
class BillDiff:
    """A provision-by-provision comparison of two versions of one bill."""

    bill: str
    provisions: tuple[ProvisionDiff, ...]  # in the newer version's order, dropped ones in place
    # Unchanged provisions counted but not listed in `provisions` (see changes_only).
    unlisted: int = 0
    # The bill's own fields that changed: (field, old, new), in BILL_FIELDS order.
    bill_changes: tuple[tuple[str, Any, Any], ...] = ()

    def counts(self) -> dict[Status, int]:
        counts: dict[Status, int] = dict.fromkeys(STATUSES, 0)
        for item in self.provisions:
            counts[item.status] += 1
        counts["unchanged"] += self.unlisted
        return counts

    def changes_only(self) -> BillDiff:
        """The same diff with its unchanged provisions counted but not listed: what a
        report of changes needs, a fraction of the size of a large bill's full diff."""
        kept = tuple(item for item in self.provisions if item.status != "unchanged")
        unlisted = self.unlisted + len(self.provisions) - len(kept)
        return BillDiff(self.bill, kept, unlisted, self.bill_changes)

    @property
    def changed(self) -> bool:
        return bool(self.bill_changes) or any(
            item.status != "unchanged" for item in self.provisions
        )


def diff_bills(
    old: Bill | None,
    new: Bill | None,
    *,
    rename_threshold: int | None = DEFAULT_RENAME_THRESHOLD,
) -> BillDiff:
    """Compare two versions of a bill; None stands for "the bill does not exist there".

    `rename_threshold` is the least similarity (0-100, rapidfuzz's ratio on the
    normalised texts) at which a dropped and an added provision are one renamed
    provision; None turns rename detection off.
    """
    if rename_threshold is not None and not 0 <= rename_threshold <= 100:
        raise ValueError(f"rename threshold must be between 0 and 100, not {rename_threshold}")
    old_provisions = old.provisions if old else ()
    new_provisions = new.provisions if new else ()
    old_keys = _keys(old_provisions)
    new_keys = _keys(new_provisions)
    new_index = {key: j for j, key in enumerate(new_keys)}

    # partner[i]: the index in the new version of old provision i, when it survived.
    partner: dict[int, int] = {}
    dropped: list[int] = []
    for i, key in enumerate(old_keys):
        j = new_index.get(key)
        if j is None:
            dropped.append(i)
        else:
            partner[i] = j
    paired = set(partner.values())
    added = [j for j in range(len(new_keys)) if j not in paired]
    renames: dict[int, float] = {}  # new index of a renamed provision -> similarity
    if rename_threshold is not None and dropped and added:
        for i, j, score in find_renames(
            old_provisions, dropped, new_provisions, added, rename_threshold
        ):
            partner[i] = j
            renames[j] = score
        dropped = [i for i in dropped if i not in partner]

    # The survivors in old order, by their new index: those outside the longest increasing
    # run are the ones that moved (fewest moves that explain the new order).
    survivors = [partner[i] for i in range(len(old_keys)) if i in partner]
    in_place = _longest_increasing(survivors)
    origin = {j: i for i, j in partner.items()}

    entries: list[ProvisionDiff] = []
    for j, after in enumerate(new_provisions):
        source = origin.get(j)
        if source is None:
            entries.append(ProvisionDiff(after.id, "added", None, after))
            continue
        before = old_provisions[source]
        moved = j not in in_place
        if j in renames:
            changes, redlines = _compare(before, after, moved=moved)
            entries.append(
                ProvisionDiff(
                    after.id,
                    "renamed",
                    before,
                    after,
                    changes,
                    previous_id=before.id,
                    redlines=redlines,
                    similarity=round(renames[j], 1),
                )
            )
        elif not moved and before == after:
            entries.append(ProvisionDiff(after.id, "unchanged", before, after))
        else:
            changes, redlines = _compare(before, after, moved=moved)
            status: Status = "modified" if changes else "unchanged"
            entries.append(
                ProvisionDiff(after.id, status, before, after, changes, redlines=redlines)
            )

    if dropped:
        entries = _place_dropped(entries, old_provisions, partner)
    bill_id = new.id if new else old.id if old else ""
    return BillDiff(bill_id, tuple(entries), bill_changes=_bill_changes(old, new))


def _bill_changes(old: Bill | None, new: Bill | None) -> tuple[tuple[str, Any, Any], ...]:
    """The bill's own fields that differ (whitespace normalised) when both sides exist."""
    if old is None or new is None:
        return ()
    found = []
    for name in BILL_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if _normalised(before) == _normalised(after):
            continue
        plain = [list(v) if isinstance(v, tuple) else v for v in (before, after)]
        found.append((name, plain[0], plain[1]))
    return tuple(found)


def _normalised(value: Any) -> Any:
    """A field as compared: text whitespace-normalised (per language in a language map),
    blank as absent; anything else as it is."""
    if isinstance(value, str):
        return _label(value)
    if isinstance(value, Mapping):
        return {key: _normalised(text) for key, text in value.items()}
    return value


@dataclass(frozen=True, slots=True)
class Window:
    """The days between two versions, inclusive; None is open. `holds` is the one rule
    of which dated record belongs to a window (billtrack.dates.in_window): inside it,
    yes; straddling a bound, its stage decides by the bill's stage order; otherwise no.
    The diff's attribution, the ledger, the summary and the log's --since/--until all
    ask it."""

    low: dt.date | None = None
    high: dt.date | None = None
    low_stage: str | None = None  # the stage of the older version's reading
    high_stage: str | None = None  # the stage of the newer version's reading
    stages: tuple[str, ...] = ()  # the bill's stage order

    @classmethod
    def between(
        cls,
        since: str | None,
        until: str | None,
        *,
        stages: Sequence[str] = (),
        since_stage: str | None = None,
        until_stage: str | None = None,
    ) -> Window:
        """From the first day `since` may stand for to the last day `until` may (partial
        dates, or longer ISO stamps). A bound that is not a date leaves its side open:
        a report on records validate would reject degrades instead of failing."""
        low = dates.from_stamp(since)
        high = dates.from_stamp(until)
        return cls(
            low.start if low else None,
            high.end if high else None,
            since_stage,
            until_stage,
            tuple(stages),
        )

    def holds(
        self, date: str | None, stage: str | None = None, span: dates.Span | None = None
    ) -> bool:
        """Whether a record dated `date` (of `stage`; `span` its narrowed interval, when
        known) belongs to the window. No date is now (the working tree: only in a window
        open at its end); a date that cannot be read is only in a window open at both
        ends."""
        if date is None:
            return self.high is None
        if span is None:
            parsed = dates.from_stamp(date)
            if parsed is None:
                return self.low is None and self.high is None
            span = (parsed.start, parsed.end)
        return dates.in_window(
            span,
            stage,
            low=self.low,
            high=self.high,
            low_stage=self.low_stage,
            high_stage=self.high_stage,
            stages=self.stages,
        )

    def events(self, events: Sequence[Event]) -> list[Event]:
        """The events in the window, in the one chronological order (billtrack.dates),
        each judged by its date narrowed by the stage order."""
        spans = dates.narrowed(((e.id, e.date, e.stage) for e in events), self.stages)
        ordered = in_order(events, self.stages)
        return [e for e in ordered if self.holds(e.date, e.stage, spans[e.id])]


# --- matching -----------------------------------------------------------------------


def _keys(provisions: Sequence[Provision]) -> list[str]:
    """A key per provision: its id, and for a repeated id (an invalid bill, which the diff
    still reads) the id with its occurrence, so that the second matches the second."""
    keys = [provision.id for provision in provisions]
    if len(set(keys)) == len(keys):
        return keys
    seen: dict[str, int] = {}
    unique = []
    for key in keys:
        count = seen.get(key, 0)
        seen[key] = count + 1
        unique.append(key if count == 0 else f"{key}\x00{count}")
    return unique


def _longest_increasing(values: list[int]) -> set[int]:
    """The members of one longest strictly increasing subsequence (patience sorting,
    O(n log n)); the values are distinct."""
    tails: list[int] = []  # tails[k]: position of the least value ending a run of k + 1
    tail_values: list[int] = []
    back = [-1] * len(values)
    for position, value in enumerate(values):
        k = bisect_left(tail_values, value)
        if k:
            back[position] = tails[k - 1]
        if k == len(tails):
            tails.append(position)
            tail_values.append(value)
        else:
            tails[k] = position
            tail_values[k] = value
    members: set[int] = set()
    position = tails[-1] if tails else -1
    while position >= 0:
        members.add(values[position])
        position = back[position]
    return members


def _place_dropped(
    entries: list[ProvisionDiff],
    old_provisions: Sequence[Provision],
    partner: dict[int, int],
) -> list[ProvisionDiff]:
    """Put each dropped provision right after the nearest provision before it (in the old
    version) that survived, or first when none did."""
    after_entry: dict[int, list[ProvisionDiff]] = {}  # new index of the anchor (-1: start)
    anchor = -1
    for i, provision in enumerate(old_provisions):
        if i in partner:
            anchor = partner[i]
        else:
            after_entry.setdefault(anchor, []).append(
                ProvisionDiff(provision.id, "dropped", provision, None)
            )
    placed = list(after_entry.get(-1, ()))
    for j, entry in enumerate(entries):
        placed.append(entry)
        placed.extend(after_entry.get(j, ()))
    return placed


def _compare(
    before: Provision, after: Provision, *, moved: bool
) -> tuple[tuple[Change, ...], dict[str, tuple[Segment, ...]]]:
    """What differs between two records of one provision, and the redlines of its text."""
    changes: list[Change] = []
    redlines: dict[str, tuple[Segment, ...]] = {}
    # The same words are the same normalised text.
    if isinstance(before.text, str) and isinstance(after.text, str):
        if before.text != after.text:
            old_words, new_words = before.text.split(), after.text.split()
            if old_words != new_words:
                changes.append("text")
                redlines[""] = redline_words(old_words, new_words)
    elif before.text != after.text:
        old_texts = _words(before)
        new_texts = _words(after)
        if old_texts != new_texts:
            changes.append("text")
            for language, words in old_texts.items():
                other = new_texts.get(language)
                if other is not None and other != words:
                    redlines[language] = redline_words(words, other)
    if before.heading != after.heading and _label(before.heading) != _label(after.heading):
        changes.append("heading")
    if before.number != after.number and _label(before.number) != _label(after.number):
        changes.append("number")
    if moved:
        changes.append("position")
    if containers(before) != containers(after):
        changes.append("path")
    if before.amends != after.amends and _label(before.amends) != _label(after.amends):
        changes.append("amends")
    if before.tags != after.tags and set(before.tags) != set(after.tags):
        changes.append("tags")
    return tuple(changes), redlines


def containers(provision: Provision) -> tuple[str, ...]:
    """The containers (part, chapter...) a provision sits in, from its optional `path`."""
    path = provision.raw.get("path")
    if not isinstance(path, list):
        return ()
    return tuple(normalise(str(item)) for item in path)


def _words(provision: Provision) -> dict[str, list[str]]:
    """The words of the text by language; a plain string is under the key ''."""
    text = provision.text
    if isinstance(text, str):
        return {"": text.split()}
    return {language: value.split() for language, value in text.items()}


def _label(value: str | None) -> str | None:
    """A heading, number or amends as compared: whitespace normalised, blank as absent."""
    if value is None:
        return None
    return normalise(value) or None
