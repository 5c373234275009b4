"""What every output language provides: the fixed labels of the reports, the words
for the file format's vocabularies, and the sentences the summary and the table write.

Labels are the fields of a frozen `Labels` dataclass (mypy refuses a language that
leaves one out) and every sentence is a method of `Language`, because word order, case
and plural forms differ between languages and cannot be filled into one template.
Values from the files (party names, headings, stage and event ids) are inserted as
they are written; escaping them for an output format is the reporters' job. Nothing
here prints, and neither Typer nor rich is imported.
"""

from __future__ import annotations

import copy
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

Lang = Literal["en", "ru"]

# What a version (one side of a comparison) is, for the words that name it.
VersionKind = Literal["worktree", "reading", "date", "commit"]


@dataclass(frozen=True, slots=True)
class VersionName:
    """The facts a language needs to name a version; see billtrack.summary.records.VersionRef."""

    kind: VersionKind
    date: str | None = None  # reading: the event's date; date: what follows @; commit: its date
    stage: str | None = None  # reading: its stage, when it has one
    event: str | None = None  # reading: the event id
    commit: str | None = None


@dataclass(frozen=True, slots=True)
class Labels:
    """Every fixed label of the summary and the table, in one language."""

    # summary sections
    summary_title: str
    from_: str
    to: str
    dropped: str
    added: str
    reworded: str
    other: str
    events: str
    stances: str
    sources: str
    rationale: str
    # table columns
    table_title: str
    col_number: str
    col_unit: str
    col_proposed: str
    col_text_then: str  # the text as it stood when each proposal was made
    renamed_from: str  # a renamed provision: "{}" is its former id
    col_action: str
    col_author: str
    col_rationale: str
    col_decision: str
    no_proposals: str
    not_in_text: str
    none: str
    # the diff as a document (html, docx)
    diff_title: str
    col_provision: str
    col_status: str
    col_changes: str
    old_text: str
    new_text: str
    proposals: str
    no_differences: str
    coarse_redline: str  # under a redline aligned sentence by sentence (a long text)


class Language(ABC):
    """The words of one output language."""

    code: Lang
    labels: Labels
    event_kinds: Mapping[str, str]
    outcomes: Mapping[str, str]
    stances: Mapping[str, str]
    statuses: Mapping[str, str]
    actions: Mapping[str, str]
    changes: Mapping[str, str]
    diff_statuses: Mapping[str, str]  # a provision's status in a diff: added, dropped...
    # The bill's own names for its stages in this language (bill.yaml `{id, label}`).
    stage_labels: Mapping[str, str] = {}

    def for_stages(self, labels: Mapping[str, str]) -> Language:
        """These words, naming the bill's stages as its bill.yaml labels them."""
        if not labels:
            return self
        words = copy.copy(self)
        words.stage_labels = dict(labels)
        return words

    # --- values from a closed list: translated, or shown as written when unknown ----

    def event_kind(self, kind: str) -> str:
        return self.event_kinds.get(kind, kind)

    def outcome(self, outcome: str) -> str:
        return self.outcomes.get(outcome, outcome)

    def stance(self, stance: str) -> str:
        return self.stances.get(stance, stance)

    def status(self, status: str) -> str:
        return self.statuses.get(status, status)

    def action(self, action: str) -> str:
        return self.actions.get(action, action)

    def change(self, change: str) -> str:
        return self.changes.get(change, change)

    def diff_status(self, status: str) -> str:
        return self.diff_statuses.get(status, status)

    # --- numbers, lists, quotes, dates --------------------------------------------

    @abstractmethod
    def provisions(self, n: int) -> str:
        """`1 provision`, `5 положений`."""

    @abstractmethod
    def join(self, items: Sequence[str]) -> str:
        """`a, b and c` / `a, b и c`."""

    @abstractmethod
    def quote(self, text: str) -> str:
        """A heading or name quoted the way the language quotes."""

    @abstractmethod
    def date(self, value: str) -> str:
        """A partial date on its own: `15 September 2021`, `ноябрь 2021 г.`."""

    @abstractmethod
    def on_date(self, value: str) -> str:
        """A partial date in a sentence: `on 15 September 2021`, `в ноябре 2021 г.`."""

    # --- versions -----------------------------------------------------------------

    @abstractmethod
    def version(self, name: VersionName) -> str:
        """A version on its own (a caption): `first reading, 15 September 2021`."""

    @abstractmethod
    def stage(self, stage: str) -> str:
        """A stage in a sentence: `first reading`, `первое чтение`."""

    # --- sentences ----------------------------------------------------------------

    @abstractmethod
    def headline(
        self,
        old: VersionName,
        new: VersionName,
        *,
        dropped: int,
        added: int,
        reworded: int,
        renamed: int,
    ) -> str:
        """The opening sentence: the window and what changed in it."""

    @abstractmethod
    def other_changes(self, n: int) -> str:
        """The sentence about provisions changed only in number, position or details."""

    @abstractmethod
    def replaced_by(self, units: Sequence[str]) -> str:
        """`Replaced by 1.10 “Representative”.`"""

    @abstractmethod
    def renamed_as(self, unit: str, new_id: str, similarity: int | None) -> str:
        """A dropped provision that lives on, nearly unchanged, under another id."""

    @abstractmethod
    def replaces(self, units: Sequence[str]) -> str:
        """`In place of 1.9 “Local office”.`"""

    @abstractmethod
    def lede(
        self,
        dropped: str | None,
        added: str | None,
        *,
        replaced: bool,
        agreement: str | None,
        initiator: str | None,
    ) -> str:
        """The summary's opening: what was dropped and added, on what agreement, and who
        initiated the bill."""

    @abstractmethod
    def lede_event(
        self, kind: str, date: str, body: str | None, participants: Sequence[str]
    ) -> str:
        """The event behind a change, as the lede names it."""

    @abstractmethod
    def moved(self, after: str | None) -> str:
        """`moved: now after 1.3` (None: now the first provision)."""

    @abstractmethod
    def formerly(self, number: str) -> str:
        """`formerly 1.10`."""

    @abstractmethod
    def proposal_line(
        self, proposal: str, author: str, status: str, event_kind: str | None, date: str | None
    ) -> str:
        """`P-0001 (Government): accepted (negotiations, November 2021).`"""

    @abstractmethod
    def event_line(
        self, label: str, body: str | None, participants: Sequence[str], outcome: str | None
    ) -> str:
        """`Negotiations — Government, with Facebook and TikTok: agreement reached.`"""

    @abstractmethod
    def decision_line(self, proposal: str, author: str, action: str, unit: str, status: str) -> str:
        """`P-0001 (Government): drop 1.9 “Local office” — accepted.`"""

    @abstractmethod
    def stance_line(self, stance: str, event_kind: str, date: str) -> str:
        """`agrees (negotiations, November 2021)`."""

    @abstractmethod
    def decision_cell(self, status: str, date: str | None, body: str | None) -> str:
        """The table's decision cell: `accepted, November 2021, Government`."""

    @abstractmethod
    def new_after(self, unit: str | None) -> str:
        """The structural unit of an added provision: `new, after 1.8 “Form”`."""

    @abstractmethod
    def text_at(self, name: VersionName) -> str:
        """The column of the text at FROM: `Current text`, `Редакция на момент ...`."""


def replace_date(name: VersionName) -> VersionName:
    """The same version without its date (when the date is written separately)."""
    return VersionName(name.kind, None, name.stage, name.event, name.commit)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
