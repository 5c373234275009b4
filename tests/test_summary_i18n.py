"""The reports' languages: Russian plural forms, dates written each language's way,
generated sentences, and every value of the file format's closed lists translated."""

from __future__ import annotations

from dataclasses import fields

import pytest

from billtrack import dates, vocabulary
from billtrack.diff import CHANGE_ORDER
from billtrack.i18n import LANGS, language
from billtrack.i18n.base import Labels, VersionName
from billtrack.i18n.en import English
from billtrack.i18n.ru import Russian, plural_ru

EN = English()
RU = Russian()


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "0 положений"),
        (1, "1 положение"),
        (2, "2 положения"),
        (3, "3 положения"),
        (4, "4 положения"),
        (5, "5 положений"),
        (10, "10 положений"),
        (11, "11 положений"),
        (12, "12 положений"),
        (14, "14 положений"),
        (20, "20 положений"),
        (21, "21 положение"),
        (22, "22 положения"),
        (25, "25 положений"),
        (101, "101 положение"),
        (111, "111 положений"),
        (112, "112 положений"),
        (122, "122 положения"),
    ],
)
def test_russian_plural_forms(n: int, expected: str) -> None:
    assert RU.provisions(n) == expected


def test_plural_ru_picks_by_the_last_two_digits() -> None:
    forms = ("one", "few", "many")
    assert [plural_ru(n, *forms) for n in (1, 2, 5, 11, 13, 21, 34, 1001, 1011)] == [
        "one",
        "few",
        "many",
        "many",
        "many",
        "one",
        "few",
        "one",
        "many",
    ]


def test_english_plural() -> None:
    assert (EN.provisions(1), EN.provisions(2), EN.provisions(0)) == (
        "1 provision",
        "2 provisions",
        "0 provisions",
    )


@pytest.mark.parametrize(
    ("value", "en", "ru"),
    [
        ("2021-09-15", "15 September 2021", "15 сентября 2021 г."),
        ("2021-03-01", "1 March 2021", "1 марта 2021 г."),
        ("2021-11", "November 2021", "ноябрь 2021 г."),
        ("2021-05", "May 2021", "май 2021 г."),
        ("2022", "2022", "2022 г."),
        ("2021-11-29T10:00:00+05:00", "29 November 2021", "29 ноября 2021 г."),
        ("soon", "soon", "soon"),
        ("2021-13", "2021-13", "2021-13"),
    ],
)
def test_dates(value: str, en: str, ru: str) -> None:
    assert EN.date(value) == en
    assert RU.date(value) == ru


@pytest.mark.parametrize(
    ("value", "en", "ru"),
    [
        ("2021-09-15", "on 15 September 2021", "15 сентября 2021 г."),
        ("2021-11", "in November 2021", "в ноябре 2021 г."),
        ("2022", "in 2022", "в 2022 г."),
    ],
)
def test_dates_in_a_sentence(value: str, en: str, ru: str) -> None:
    assert EN.on_date(value) == en
    assert RU.on_date(value) == ru


def test_every_month_in_every_case() -> None:
    for month in range(1, 13):
        value = f"2020-{month:02d}"
        assert EN.date(value).endswith(" 2020")
        assert RU.date(value).endswith(" 2020 г.")
        assert RU.on_date(value).startswith("в ")
        assert RU.date(value + "-02").startswith("2 ")
    # What is not a calendar date is shown as it is written.
    for value in ("2021-00", "2021-01-32", "2021-02-29"):
        assert dates.from_stamp(value) is None
        assert EN.date(value) == value
        assert RU.date(value) == value


READING = VersionName("reading", "2021-09-15", "first-reading", "2021-09-first-reading", "c" * 40)
WORKTREE = VersionName("worktree")


def test_headline_english() -> None:
    assert EN.headline(READING, WORKTREE, dropped=1, added=2, reworded=3, renamed=0) == (
        "Between the first reading on 15 September 2021 and the current text, "
        "1 provision was dropped, 2 were added and 3 reworded."
    )
    assert EN.headline(READING, WORKTREE, dropped=2, added=1, reworded=3, renamed=0) == (
        "Between the first reading on 15 September 2021 and the current text, "
        "2 provisions were dropped, 1 was added and 3 were reworded."
    )
    assert EN.headline(READING, WORKTREE, dropped=0, added=1, reworded=0, renamed=0) == (
        "Between the first reading on 15 September 2021 and the current text, "
        "1 provision was added."
    )
    assert EN.headline(READING, WORKTREE, dropped=0, added=0, reworded=0, renamed=0) == (
        "Between the first reading on 15 September 2021 and the current text, "
        "no provision was added, dropped or reworded."
    )


def test_headline_russian() -> None:
    assert RU.headline(READING, WORKTREE, dropped=1, added=2, reworded=5, renamed=0) == (
        "Между первым чтением 15 сентября 2021 г. и текущей редакцией исключено "
        "1 положение, добавлено 2 положения и изменена редакция 5 положений."
    )
    assert RU.headline(READING, WORKTREE, dropped=21, added=0, reworded=21, renamed=1) == (
        "Между первым чтением 15 сентября 2021 г. и текущей редакцией исключено "
        "21 положение, изменена редакция 21 положения и у 1 положения сменился идентификатор."
    )
    assert RU.headline(READING, WORKTREE, dropped=0, added=0, reworded=0, renamed=0).endswith(
        "ни одно положение не было добавлено, исключено или изменено."
    )


@pytest.mark.parametrize(
    ("name", "en", "ru"),
    [
        (WORKTREE, "the current text", "текущая редакция"),
        (READING, "first reading, 15 September 2021", "первое чтение, 15 сентября 2021 г."),
        (
            VersionName("reading", "2022", "senate", "senate-reading", "c" * 40),
            "Senate reading, 2022",
            "рассмотрение в Сенате, 2022 г.",
        ),
        (
            VersionName("reading", "2022-04-20", "agreement", "ev", "c" * 40),
            "“agreement” stage, 20 April 2022",
            "стадия «agreement», 20 апреля 2022 г.",
        ),
        (
            VersionName("date", "2021-11"),
            "as of the end of November 2021",
            "редакция на конец ноября 2021 г.",
        ),
        (
            VersionName("date", "2021-11-30"),
            "as of 30 November 2021",
            "редакция на 30 ноября 2021 г.",
        ),
        (
            VersionName("commit", "2022-03-09", commit="abcdef1234" + "0" * 30),
            "commit abcdef1, 9 March 2022",
            "редакция коммита abcdef1 от 9 марта 2022 г.",
        ),
    ],
)
def test_version_names(name: VersionName, en: str, ru: str) -> None:
    assert EN.version(name) == en
    assert RU.version(name) == ru


def test_windows_in_both_languages() -> None:
    date = VersionName("date", "2021")
    commit = VersionName("commit", "2022-03-09", commit="abcdef1" + "0" * 33)
    assert EN.headline(date, commit, dropped=1, added=0, reworded=0, renamed=0) == (
        "Between the text as of the end of 2021 and commit abcdef1 of 9 March 2022, "
        "1 provision was dropped."
    )
    assert RU.headline(date, commit, dropped=1, added=0, reworded=0, renamed=0) == (
        "Между редакцией на конец 2021 г. и редакцией коммита abcdef1 от 9 марта 2022 г. "
        "исключено 1 положение."
    )


def test_table_text_column() -> None:
    assert EN.text_at(WORKTREE) == "Current text"
    assert RU.text_at(WORKTREE) == "Действующая редакция"
    assert EN.text_at(READING) == "Text at the first reading on 15 September 2021"
    assert RU.text_at(READING) == "Редакция на момент первого чтения (15 сентября 2021 г.)"
    assert RU.text_at(VersionName("date", "2021-11")) == "Редакция на конец ноября 2021 г."


def test_lists_and_quotes() -> None:
    assert EN.join(["a", "b", "c"]) == "a, b and c"
    assert RU.join(["a", "b", "c"]) == "a, b и c"
    assert EN.join(["a"]) == "a"
    assert EN.quote("x") == "“x”"
    assert RU.quote("x") == "«x»"


@pytest.mark.parametrize("code", LANGS)
def test_every_word_of_every_vocabulary_has_a_label(code: str) -> None:
    words = language(code)
    assert set(words.event_kinds) == set(vocabulary.EVENT_KINDS)
    assert set(words.outcomes) == set(vocabulary.OUTCOMES)
    assert set(words.stances) == set(vocabulary.STANCES)
    assert set(words.statuses) == set(vocabulary.PROPOSAL_STATUSES)
    assert set(words.actions) == set(vocabulary.ACTIONS)
    assert set(words.changes) == set(CHANGE_ORDER)
    assert all(
        label.strip() for table in (words.event_kinds, words.outcomes) for label in table.values()
    )
    # Unknown values (an invalid file) are shown as written, not a crash.
    assert words.outcome("made-up") == "made-up"


def test_russian_translates_every_label() -> None:
    for field in fields(Labels):
        en = getattr(EN.labels, field.name)
        ru = getattr(RU.labels, field.name)
        assert en and ru, field.name
        if en != "—":
            assert en != ru, f"{field.name} is not translated"
    for table in ("event_kinds", "outcomes", "stances", "statuses", "actions", "changes"):
        english, russian = getattr(EN, table), getattr(RU, table)
        assert all(english[key] != russian[key] for key in english), table


def test_unknown_language() -> None:
    with pytest.raises(ValueError, match="languages: en, ru"):
        language("de")
