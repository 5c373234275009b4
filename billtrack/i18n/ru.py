"""Russian: the labels and sentences of the reports, with their cases and plurals.

Dates are the partial dates of the file format, written the Russian way ("15 сентября
2021 г.", "ноябрь 2021 г.", "в ноябре 2021 г."); anything that is not such a date is
shown as it is written. Never prints.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from billtrack import dates
from billtrack.i18n.base import (
    Labels,
    Lang,
    Language,
    VersionName,
    capitalise,
    replace_date,
)

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
    "path": "перенесено в другую главу или раздел",
    "amends": "изменена ссылка на изменяемый акт",
    "tags": "изменены метки",
}


_DIFF_STATUSES_RU: Mapping[str, str] = {
    "added": "добавлено",
    "dropped": "исключено",
    "modified": "изменено",
    "renamed": "перенесено под другим идентификатором",
    "unchanged": "без изменений",
}


class Russian(Language):
    code: Lang = "ru"
    labels = Labels(
        summary_title="что изменилось",  # after a colon: lower case
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
        table_title="сравнительная таблица поправок",  # after a colon: lower case
        col_number="№ п/п",
        col_unit="Структурный элемент",
        col_proposed="Предлагаемая редакция",
        col_text_then="Редакция на дату предложения",
        renamed_from="изменён идентификатор (прежде {})",
        col_action="Вид поправки",
        col_author="Автор",
        col_rationale="Обоснование",
        col_decision="Решение",
        no_proposals="Подходящих предложений нет.",
        not_in_text="отсутствует в этой редакции",
        none="—",
        diff_title="Сравнение редакций",
        col_provision="Положение",
        col_status="Статус",
        col_changes="Изменения",
        old_text="Прежняя редакция",
        new_text="Новая редакция",
        proposals="Поправки",
        no_differences="Различий нет.",
        coarse_redline=(
            "Длинный текст: сопоставлен по предложениям, затем по словам внутри"
            " изменённых предложений."
        ),
    )
    event_kinds = _EVENT_KINDS_RU
    outcomes = _OUTCOMES_RU
    stances = _STANCES_RU
    statuses = _STATUSES_RU
    actions = _ACTIONS_RU
    changes = _CHANGES_RU
    diff_statuses = _DIFF_STATUSES_RU

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
        parts = dates.from_stamp(value)
        if parts is None:
            return value
        if parts.month is None:
            return f"{parts.year} г."
        if parts.day is None:
            return f"{_MONTHS_RU_NOMINATIVE[parts.month - 1]} {parts.year} г."
        return f"{parts.day} {_MONTHS_RU_GENITIVE[parts.month - 1]} {parts.year} г."

    def on_date(self, value: str) -> str:
        parts = dates.from_stamp(value)
        if parts is None:
            return value
        if parts.month is None:
            return f"в {parts.year} г."
        if parts.day is None:
            return f"в {_MONTHS_RU_PREPOSITIONAL[parts.month - 1]} {parts.year} г."
        return self.date(value)

    def _end_of(self, value: str) -> str:
        """`на 30 ноября 2021 г.`, `на конец ноября 2021 г.`, `на конец 2021 г.`."""
        parts = dates.from_stamp(value)
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
        label = self.stage_labels.get(stage)
        if label is not None:  # a label is a noun phrase in the nominative: kept quoted
            return label if case == "nom" else f"{noun} {self.quote(label)}"
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
            line = f"Из законопроекта исключено положение {dropped}; " + (
                f"вместо него добавлено {added}." if replaced else f"добавлено {added}."
            )
        elif dropped:
            line = f"Из законопроекта исключено положение {dropped}."
        else:
            line = f"В законопроект добавлено положение {added}."
        if agreement:
            line += f" Основание — {agreement}."
        return line + (f" Инициатор законопроекта — {initiator}." if initiator else "")

    def lede_event(
        self, kind: str, date: str, body: str | None, participants: Sequence[str]
    ) -> str:
        who = [body] if body else []
        if participants:
            who.append("с участием: " + self.join(participants))
        line = f"{self.event_kind(kind)}, {self.date(date)}"
        return line + (f" ({'; '.join(who)})" if who else "")

    def moved(self, after: str | None) -> str:
        return f"перемещено: теперь после {after}" if after else "перемещено: теперь в начале"

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
        line = capitalise(label)
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
        return capitalise(self._version(name, "nom"))
