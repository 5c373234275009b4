"""English: the labels and sentences of the reports.

Dates are the partial dates of the file format, written the English way ("15 September
2021", "November 2021"); anything that is not such a date is shown as it is written.
Never prints.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from billtrack import dates
from billtrack.i18n.base import Labels, Lang, Language, VersionName, capitalise

_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# Stage names as parliaments commonly spell them; any other stage is quoted as written.
_STAGES_EN = {
    "first-reading": "first reading",
    "second-reading": "second reading",
    "third-reading": "third reading",
    "government-conclusion": "Government's conclusion",
    "committee": "committee stage",
    "senate": "Senate reading",
    "signature": "signature",
    "publication": "publication",
}


_EVENT_KINDS_EN: Mapping[str, str] = {
    "reading": "reading",
    "committee": "committee meeting",
    "consultation": "consultation",
    "negotiation": "negotiations",
    "conclusion": "conclusion",
    "vote": "vote",
    "signature": "signature",
    "publication": "publication",
    "other": "event",
}

_OUTCOMES_EN: Mapping[str, str] = {
    "approved": "approved",
    "rejected": "rejected",
    "returned": "returned",
    "agreed": "agreement reached",
    "partial": "partial agreement",
    "no-agreement": "no agreement",
    "postponed": "postponed",
    "noted": "noted",
}

_STANCES_EN: Mapping[str, str] = {
    "agrees": "agrees",
    "partial": "partly agrees",
    "opposes": "opposes",
    "no-contact": "no contact",
    "undecided": "undecided",
}

_STATUSES_EN: Mapping[str, str] = {
    "proposed": "proposed",
    "accepted": "accepted",
    "rejected": "rejected",
    "withdrawn": "withdrawn",
}

_ACTIONS_EN: Mapping[str, str] = {
    "add": "add",
    "drop": "drop",
    "replace": "reword",
    "renumber": "renumber",
}

_CHANGES_EN: Mapping[str, str] = {
    "text": "reworded",
    "heading": "heading changed",
    "number": "renumbered",
    "position": "moved",
    "path": "moved to another part or chapter",
    "amends": "amended act changed",
    "tags": "tags changed",
}


_DIFF_STATUSES_EN: Mapping[str, str] = {
    "added": "added",
    "dropped": "dropped",
    "modified": "modified",
    "renamed": "carried over under another id",
    "unchanged": "unchanged",
}


class English(Language):
    code: Lang = "en"
    labels = Labels(
        summary_title="What changed",
        from_="From",
        to="To",
        dropped="Dropped",
        added="Added",
        reworded="Reworded",
        other="Other changes",
        events="What happened",
        stances="Who stands where",
        sources="Sources",
        rationale="Rationale",
        table_title="Comparative table of amendments",
        col_number="No.",
        col_unit="Structural unit",
        col_proposed="Proposed text",
        col_text_then="Text when proposed",
        renamed_from="id changed (formerly {})",
        col_action="Action",
        col_author="Author",
        col_rationale="Rationale",
        col_decision="Decision",
        no_proposals="No amendment proposals match.",
        not_in_text="not in this version",
        none="—",
        diff_title="Comparison of versions",
        col_provision="Provision",
        col_status="Status",
        col_changes="Changes",
        old_text="Text as it stood",
        new_text="Text as it stands",
        proposals="Proposals",
        no_differences="No differences.",
        coarse_redline=(
            "A long text: aligned sentence by sentence, then word by word inside the"
            " changed sentences."
        ),
    )
    event_kinds = _EVENT_KINDS_EN
    outcomes = _OUTCOMES_EN
    stances = _STANCES_EN
    statuses = _STATUSES_EN
    actions = _ACTIONS_EN
    changes = _CHANGES_EN
    diff_statuses = _DIFF_STATUSES_EN

    def provisions(self, n: int) -> str:
        return f"{n} provision" if n == 1 else f"{n} provisions"

    def join(self, items: Sequence[str]) -> str:
        items = list(items)
        if len(items) <= 1:
            return "".join(items)
        return ", ".join(items[:-1]) + " and " + items[-1]

    def quote(self, text: str) -> str:
        return f"“{text}”"

    def date(self, value: str) -> str:
        parts = dates.from_stamp(value)
        if parts is None:
            return value
        if parts.month is None:
            return str(parts.year)
        month = _MONTHS_EN[parts.month - 1]
        if parts.day is None:
            return f"{month} {parts.year}"
        return f"{parts.day} {month} {parts.year}"

    def on_date(self, value: str) -> str:
        parts = dates.from_stamp(value)
        if parts is None:
            return f"on {value}"
        return ("on " if parts.day else "in ") + self.date(value)

    def _stage(self, stage: str) -> str:
        return self.stage_labels.get(stage) or _STAGES_EN.get(stage) or f"{self.quote(stage)} stage"

    def stage(self, stage: str) -> str:
        return self._stage(stage)

    def _reading(self, name: VersionName) -> str:
        if name.stage:
            return self._stage(name.stage)
        return f"event {self.quote(name.event or '?')}"

    def _phrase(self, name: VersionName) -> str:
        """A version inside a sentence: `the first reading on 15 September 2021`."""
        when = f" {self.on_date(name.date)}" if name.date else ""
        if name.kind == "worktree":
            return "the current text"
        if name.kind == "reading":
            return f"the {self._reading(name)}{when}"
        if name.kind == "date":
            return f"the text as of {self._as_of(name.date or '')}"
        return f"commit {(name.commit or '')[:7]}" + (
            f" of {self.date(name.date)}" if name.date else ""
        )

    def _as_of(self, value: str) -> str:
        parts = dates.from_stamp(value)
        if parts is not None and parts.day is None:
            return f"the end of {self.date(value)}"
        return self.date(value)

    def version(self, name: VersionName) -> str:
        if name.kind == "worktree":
            return "the current text"
        if name.kind == "reading":
            label = self._reading(name)
            return f"{label}, {self.date(name.date)}" if name.date else label
        if name.kind == "date":
            return f"as of {self._as_of(name.date or '')}"
        label = f"commit {(name.commit or '')[:7]}"
        return f"{label}, {self.date(name.date)}" if name.date else label

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
        window = f"Between {self._phrase(old)} and {self._phrase(new)}"
        parts = [
            (n, verb)
            for n, verb in (
                (dropped, "dropped"),
                (added, "added"),
                (reworded, "reworded"),
                (renamed, "carried over under a new id"),
            )
            if n
        ]
        if not parts:
            return f"{window}, no provision was added, dropped or reworded."
        clauses = []
        previous = ""
        for k, (n, verb) in enumerate(parts):
            aux = "was" if n == 1 else "were"
            subject = self.provisions(n) if k == 0 else str(n)
            last = k == len(parts) - 1 and k > 0
            # "..., 2 were added and 3 reworded": the last clause drops a repeated verb.
            shown_aux = "" if last and aux == previous else f" {aux}"
            clauses.append(f"{subject}{shown_aux} {verb}")
            previous = aux
        return f"{window}, {self.join(clauses)}."

    def other_changes(self, n: int) -> str:
        other = "other provision" if n == 1 else "other provisions"
        return f"{n} {other} changed only in number, position or other details."

    def replaced_by(self, units: Sequence[str]) -> str:
        return f"Replaced by {self.join(units)}."

    def renamed_as(self, unit: str, new_id: str, similarity: int | None) -> str:
        alike = f", {similarity}% of the text alike" if similarity is not None else ""
        return f"Continues as {unit} under the new id {new_id}{alike}."

    def replaces(self, units: Sequence[str]) -> str:
        return f"In place of {self.join(units)}."

    def lede(
        self,
        dropped: str | None,
        added: str | None,
        *,
        replaced: bool,
        agreement: str | None,
        initiator: str | None,
    ) -> str:
        if dropped and added:
            what = f"provision {dropped} was dropped from the bill and {added} added" + (
                " in its place" if replaced else ""
            )
        elif dropped:
            what = f"provision {dropped} was dropped from the bill"
        else:
            what = f"provision {added} was added to the bill"
        line = capitalise(what) + (f", as agreed in {agreement}" if agreement else "") + "."
        return line + (f" The bill was initiated by {initiator}." if initiator else "")

    def lede_event(
        self, kind: str, date: str, body: str | None, participants: Sequence[str]
    ) -> str:
        line = f"the {self.event_kind(kind)} of {self.date(date)}"
        who = [body] if body else []
        if participants:
            who.append("with " + self.join(participants))
        return line + (f" ({', '.join(who)})" if who else "")

    def moved(self, after: str | None) -> str:
        return f"moved: now after {after}" if after else "moved: now the first provision"

    def formerly(self, number: str) -> str:
        return f"formerly {number}"

    def proposal_line(
        self, proposal: str, author: str, status: str, event_kind: str | None, date: str | None
    ) -> str:
        context = ", ".join(part for part in (event_kind, date and self.date(date)) if part)
        return f"{proposal} ({author}): {status}" + (f" ({context})" if context else "") + "."

    def event_line(
        self, label: str, body: str | None, participants: Sequence[str], outcome: str | None
    ) -> str:
        line = capitalise(label)
        if body:
            line += f" — {body}"
        if participants:
            line += f", with {self.join(participants)}"
        if outcome:
            line += f": {outcome}"
        return line + "."

    def decision_line(self, proposal: str, author: str, action: str, unit: str, status: str) -> str:
        return f"{proposal} ({author}): {action} {unit} — {status}."

    def stance_line(self, stance: str, event_kind: str, date: str) -> str:
        return f"{stance} ({event_kind}, {self.date(date)})"

    def decision_cell(self, status: str, date: str | None, body: str | None) -> str:
        return ", ".join(part for part in (status, date and self.date(date), body) if part)

    def new_after(self, unit: str | None) -> str:
        return f"new, after {unit}" if unit else "new"

    def text_at(self, name: VersionName) -> str:
        if name.kind == "worktree":
            return "Current text"
        return f"Text at {self._phrase(name)}"
