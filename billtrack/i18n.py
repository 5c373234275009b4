"""Labels and generated sentences of the reports, in English and Russian.

One class per language, both implementing `Language`: labels are the fields of a
frozen `Labels` dataclass (mypy refuses a language that leaves one out), and every
sentence is a method, because word order, case and plural forms differ between the
languages and cannot be filled into one template. Values from the files (party names,
headings, stage and event ids) are inserted as they are written; escaping them for an
output format is the reporters' job. This module never prints and imports neither
Typer nor rich.

Dates are the partial dates of the file format (`2021`, `2021-11`, `2021-11-29`, or a
longer ISO stamp): each language writes them its own way ("15 September 2021",
"15 сентября 2021 г.", "November 2021", "ноябрь 2021 г."). Anything that is not such
a date is shown as it is written.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, get_args

Lang = Literal["en", "ru"]
LANGS: tuple[str, ...] = get_args(Lang)

_DATE = re.compile(r"^\s*([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?(?:[T ].*)?$")


@dataclass(frozen=True, slots=True)
class DateParts:
    year: int
    month: int | None = None  # 1-12
    day: int | None = None


def parse_date(value: str) -> DateParts | None:
    """The parts of a partial date; None when it is not one (or names no real month)."""
    match = _DATE.match(value)
    if not match:
        return None
    year, month, day = match.groups()
    month_number = int(month) if month else None
    day_number = int(day) if day else None
    if month_number is not None and not 1 <= month_number <= 12:
        return None
    if day_number is not None and not 1 <= day_number <= 31:
        return None
    return DateParts(int(year), month_number, day_number)


# What a version (one side of a comparison) is, for the words that name it.
VersionKind = Literal["worktree", "reading", "date", "commit"]


@dataclass(frozen=True, slots=True)
class VersionName:
    """The facts a language needs to name a version; see summary.VersionRef."""

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
    col_action: str
    col_author: str
    col_rationale: str
    col_decision: str
    no_proposals: str
    not_in_text: str
    none: str


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


# --- English ------------------------------------------------------------------------

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
    "amends": "amended act changed",
    "tags": "tags changed",
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
        col_action="Action",
        col_author="Author",
        col_rationale="Rationale",
        col_decision="Decision",
        no_proposals="No amendment proposals match.",
        not_in_text="not in this version",
        none="—",
    )
    event_kinds = _EVENT_KINDS_EN
    outcomes = _OUTCOMES_EN
    stances = _STANCES_EN
    statuses = _STATUSES_EN
    actions = _ACTIONS_EN
    changes = _CHANGES_EN

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
        parts = parse_date(value)
        if parts is None:
            return value
        if parts.month is None:
            return str(parts.year)
        month = _MONTHS_EN[parts.month - 1]
        if parts.day is None:
            return f"{month} {parts.year}"
        return f"{parts.day} {month} {parts.year}"

    def on_date(self, value: str) -> str:
        parts = parse_date(value)
        if parts is None:
            return f"on {value}"
        return ("on " if parts.day else "in ") + self.date(value)

    def _stage(self, stage: str) -> str:
        return _STAGES_EN.get(stage) or f"{self.quote(stage)} stage"

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
        parts = parse_date(value)
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
        line = _capitalise(label)
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


# --- Russian ------------------------------------------------------------------------

_MONTHS_RU_NOMINATIVE = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)
_MONTHS_RU_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
_MONTHS_RU_PREPOSITIONAL = (
    "январе",
    "феврале",
    "марте",
    "апреле",
    "мае",
    "июне",
    "июле",
    "августе",
    "сентябре",
    "октябре",
    "ноябре",
    "декабре",
)

# A stage in the nominative, genitive and instrumental cases.
_STAGES_RU = {
    "first-reading": ("первое чтение", "первого чтения", "первым чтением"),
    "second-reading": ("второе чтение", "второго чтения", "вторым чтением"),
    "third-reading": ("третье чтение", "третьего чтения", "третьим чтением"),
    "government-conclusion": (
        "заключение Правительства",
        "заключения Правительства",
        "заключением Правительства",
    ),
    "committee": (
        "рассмотрение в комитете",
        "рассмотрения в комитете",
        "рассмотрением в комитете",
    ),
    "senate": ("рассмотрение в Сенате", "рассмотрения в Сенате", "рассмотрением в Сенате"),
    "signature": ("подписание", "подписания", "подписанием"),
    "publication": ("опубликование", "опубликования", "опубликованием"),
}

Case = Literal["nom", "gen", "ins"]
_CASE_INDEX: dict[Case, int] = {"nom": 0, "gen": 1, "ins": 2}


def plural_ru(n: int, one: str, few: str, many: str) -> str:
    """The Russian noun form for n: 1 положение, 2 положения, 5 положений, 21 положение."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


_EVENT_KINDS_RU: Mapping[str, str] = {
    "reading": "чтение",
    "committee": "заседание комитета",
    "consultation": "консультации",
    "negotiation": "переговоры",
    "conclusion": "заключение",
    "vote": "голосование",
    "signature": "подписание",
    "publication": "публикация",
    "other": "событие",
}

_OUTCOMES_RU: Mapping[str, str] = {
    "approved": "одобрено",
    "rejected": "отклонено",
    "returned": "возвращено",
    "agreed": "достигнуто согласие",
    "partial": "частичное согласие",
    "no-agreement": "согласие не достигнуто",
    "postponed": "отложено",
    "noted": "принято к сведению",
}

_STANCES_RU: Mapping[str, str] = {
    "agrees": "поддерживает",
    "partial": "поддерживает частично",
    "opposes": "возражает",
    "no-contact": "на контакт не идёт",
    "undecided": "позиция не определена",
}

_STATUSES_RU: Mapping[str, str] = {
    "proposed": "внесено",
    "accepted": "принято",
    "rejected": "отклонено",
    "withdrawn": "отозвано",
}

_ACTIONS_RU: Mapping[str, str] = {
    "add": "добавить",
    "drop": "исключить",
    "replace": "изложить в новой редакции",
    "renumber": "перенумеровать",
}

_CHANGES_RU: Mapping[str, str] = {
    "text": "изменена редакция",
    "heading": "изменён заголовок",
    "number": "изменён номер",
    "position": "перемещено",
    "amends": "изменена ссылка на изменяемый акт",
    "tags": "изменены метки",
}


class Russian(Language):
    code: Lang = "ru"
    labels = Labels(
        summary_title="Что изменилось",
        from_="Было",
        to="Стало",
        dropped="Исключены",
        added="Добавлены",
        reworded="Изменена редакция",
        other="Прочие изменения",
        events="Что происходило",
        stances="Позиции сторон",
        sources="Источники",
        rationale="Обоснование",
        table_title="Сравнительная таблица поправок",
        col_number="№ п/п",
        col_unit="Структурный элемент",
        col_proposed="Предлагаемая редакция",
        col_action="Вид поправки",
        col_author="Автор",
        col_rationale="Обоснование",
        col_decision="Решение",
        no_proposals="Подходящих предложений нет.",
        not_in_text="отсутствует в этой редакции",
        none="—",
    )
    event_kinds = _EVENT_KINDS_RU
    outcomes = _OUTCOMES_RU
    stances = _STANCES_RU
    statuses = _STATUSES_RU
    actions = _ACTIONS_RU
    changes = _CHANGES_RU

    def provisions(self, n: int) -> str:
        return f"{n} {plural_ru(n, 'положение', 'положения', 'положений')}"

    def _provisions_genitive(self, n: int) -> str:
        # After a numeral in the genitive: "у 1 положения", "у 2 положений", "21 положения".
        return f"{n} {plural_ru(n, 'положения', 'положений', 'положений')}"

    def join(self, items: Sequence[str]) -> str:
        items = list(items)
        if len(items) <= 1:
            return "".join(items)
        return ", ".join(items[:-1]) + " и " + items[-1]

    def quote(self, text: str) -> str:
        return f"«{text}»"

    def date(self, value: str) -> str:
        parts = parse_date(value)
        if parts is None:
            return value
        if parts.month is None:
            return f"{parts.year} г."
        if parts.day is None:
            return f"{_MONTHS_RU_NOMINATIVE[parts.month - 1]} {parts.year} г."
        return f"{parts.day} {_MONTHS_RU_GENITIVE[parts.month - 1]} {parts.year} г."

    def on_date(self, value: str) -> str:
        parts = parse_date(value)
        if parts is None:
            return value
        if parts.month is None:
            return f"в {parts.year} г."
        if parts.day is None:
            return f"в {_MONTHS_RU_PREPOSITIONAL[parts.month - 1]} {parts.year} г."
        return self.date(value)

    def _end_of(self, value: str) -> str:
        """`на 30 ноября 2021 г.`, `на конец ноября 2021 г.`, `на конец 2021 г.`."""
        parts = parse_date(value)
        if parts is None:
            return f"на {value}"
        if parts.month is None:
            return f"на конец {parts.year} г."
        if parts.day is None:
            return f"на конец {_MONTHS_RU_GENITIVE[parts.month - 1]} {parts.year} г."
        return f"на {self.date(value)}"

    def _stage(self, stage: str, case: Case) -> str:
        known = _STAGES_RU.get(stage)
        if known is not None:
            return known[_CASE_INDEX[case]]
        noun = {"nom": "стадия", "gen": "стадии", "ins": "стадией"}[case]
        return f"{noun} {self.quote(stage)}"

    def stage(self, stage: str) -> str:
        return self._stage(stage, "nom")

    def _version(self, name: VersionName, case: Case) -> str:
        """A version in a case; a reading's date follows as in a sentence."""
        text_word = {"nom": "редакция", "gen": "редакции", "ins": "редакцией"}[case]
        if name.kind == "worktree":
            return {"nom": "текущая", "gen": "текущей", "ins": "текущей"}[case] + " " + text_word
        if name.kind == "reading":
            if name.stage:
                label = self._stage(name.stage, case)
            else:
                noun = {"nom": "событие", "gen": "события", "ins": "событием"}[case]
                label = f"{noun} {self.quote(name.event or '?')}"
            return f"{label} {self.on_date(name.date)}" if name.date else label
        if name.kind == "date":
            return f"{text_word} {self._end_of(name.date or '')}"
        label = f"{text_word} коммита {(name.commit or '')[:7]}"
        return f"{label} от {self.date(name.date)}" if name.date else label

    def version(self, name: VersionName) -> str:
        if name.kind == "reading" and name.date:
            return f"{self._version(replace_date(name), 'nom')}, {self.date(name.date)}"
        return self._version(name, "nom")

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
        window = f"Между {self._version(old, 'ins')} и {self._version(new, 'ins')}"
        clauses = []
        # A neuter subject with a numeral takes the neuter singular verb:
        # "исключено 1 положение", "добавлено 2 положения", "исключено 5 положений".
        if dropped:
            clauses.append(f"исключено {self.provisions(dropped)}")
        if added:
            clauses.append(f"добавлено {self.provisions(added)}")
        if reworded:
            clauses.append(f"изменена редакция {self._provisions_genitive(reworded)}")
        if renamed:
            clauses.append(f"у {self._provisions_genitive(renamed)} сменился идентификатор")
        if not clauses:
            return f"{window} ни одно положение не было добавлено, исключено или изменено."
        return f"{window} {self.join(clauses)}."

    def other_changes(self, n: int) -> str:
        return (
            f"Ещё у {self._provisions_genitive(n)} изменились только номер, место "
            "или другие реквизиты."
        )

    def replaced_by(self, units: Sequence[str]) -> str:
        return f"Взамен: {self.join(units)}."

    def renamed_as(self, unit: str, new_id: str, similarity: int | None) -> str:
        alike = f", текст совпадает на {similarity}%" if similarity is not None else ""
        return f"Продолжено как {unit} под новым идентификатором {new_id}{alike}."

    def replaces(self, units: Sequence[str]) -> str:
        return f"Вместо {self.join(units)}."

    def formerly(self, number: str) -> str:
        return f"ранее {number}"

    def proposal_line(
        self, proposal: str, author: str, status: str, event_kind: str | None, date: str | None
    ) -> str:
        context = ", ".join(part for part in (event_kind, date and self.date(date)) if part)
        return (
            f"{proposal} (автор: {author}): {status}" + (f" ({context})" if context else "") + "."
        )

    def event_line(
        self, label: str, body: str | None, participants: Sequence[str], outcome: str | None
    ) -> str:
        line = _capitalise(label)
        if body:
            line += f" — {body}"
        if participants:
            line += f", с участием: {self.join(participants)}"
        if outcome:
            line += f"; итог: {outcome}"
        return line + "."

    def decision_line(self, proposal: str, author: str, action: str, unit: str, status: str) -> str:
        return f"{proposal} (автор: {author}): {action} {unit} — {status}."

    def stance_line(self, stance: str, event_kind: str, date: str) -> str:
        return f"{stance} ({event_kind}, {self.date(date)})"

    def decision_cell(self, status: str, date: str | None, body: str | None) -> str:
        return ", ".join(part for part in (status, date and self.date(date), body) if part)

    def new_after(self, unit: str | None) -> str:
        return f"новое, после {unit}" if unit else "новое"

    def text_at(self, name: VersionName) -> str:
        if name.kind == "worktree":
            return "Действующая редакция"
        if name.kind == "reading" and name.date:
            stage = self._version(replace_date(name), "gen")
            return f"Редакция на момент {stage} ({self.date(name.date)})"
        if name.kind == "reading":
            return f"Редакция на момент {self._version(name, 'gen')}"
        if name.kind == "date":
            return f"Редакция {self._end_of(name.date or '')}"
        return _capitalise(self._version(name, "nom"))


def replace_date(name: VersionName) -> VersionName:
    """The same version without its date (when the date is written separately)."""
    return VersionName(name.kind, None, name.stage, name.event, name.commit)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


_LANGUAGES: dict[str, Language] = {"en": English(), "ru": Russian()}


def language(code: str) -> Language:
    """The words of a language by its code (en, ru)."""
    try:
        return _LANGUAGES[code]
    except KeyError:
        raise ValueError(f"no such language {code!r}; languages: {', '.join(LANGS)}") from None
