"""The word-level redline: examples in Russian and Kazakh, and the properties every
redline keeps (the old and the new text put back together, tidy segments)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from billtrack import redline as redline_module
from billtrack.redline import Segment, normalise, redline


def old_side(segments: tuple[Segment, ...]) -> str:
    return "".join(text for op, text in segments if op != "+")


def new_side(segments: tuple[Segment, ...]) -> str:
    return "".join(text for op, text in segments if op != "-")


def check_shape(segments: tuple[Segment, ...]) -> None:
    """Segments are non-empty, of a known op, never two of one op in a row, and in each
    run of edits the deletion comes before the insertion."""
    for op, text in segments:
        assert op in ("=", "-", "+")
        assert text
    for (op, _), (next_op, _) in itertools.pairwise(segments):
        assert op != next_op
        assert (op, next_op) != ("+", "-")


# --- examples -------------------------------------------------------------------------


def test_one_word_replaced_in_russian() -> None:
    assert redline("Статья 5 утратила силу.", "Статья 6 утратила силу.") == (
        ("=", "Статья "),
        ("-", "5"),
        ("+", "6"),
        ("=", " утратила силу."),
    )


def test_a_deadline_reworded() -> None:
    old = "удаляет противоправный контент в течение 24 часов с момента получения"
    new = "удаляет противоправный контент в течение восьми часов с момента получения"
    assert redline(old, new) == (
        ("=", "удаляет противоправный контент в течение "),
        ("-", "24"),
        ("+", "восьми"),
        ("=", " часов с момента получения"),
    )


@pytest.mark.parametrize(
    ("old", "new", "deleted", "inserted"),
    [
        # Kazakh letters are letters: words are never cut at ә ғ қ ң ө ұ ү һ і.
        ("балалардың құқығы қорғалады", "балалардың құқықтары қорғалады", "құқығы", "құқықтары"),
        ("өкілдігі ашылады", "өкілі ашылады", "өкілдігі", "өкілі"),
        ("үкімет шешімі", "һәм шешімі", "үкімет", "һәм"),
        ("ғаламтор желісі", "іздеу желісі", "ғаламтор", "іздеу"),
        ("ұлттық заң", "әлемдік заң", "ұлттық", "әлемдік"),
        ("Мәжіліс қабылдады", "Сенат қабылдады", "Мәжіліс", "Сенат"),
        ("ёлка и ель", "ёж и ель", "ёлка", "ёж"),
    ],
)
def test_cyrillic_and_kazakh_words_are_whole(
    old: str, new: str, deleted: str, inserted: str
) -> None:
    segments = redline(old, new)
    assert ("-", deleted) in segments
    assert ("+", inserted) in segments
    check_shape(segments)


def test_guillemets_are_punctuation_around_a_kept_word() -> None:
    segments = redline("в соответствии с Законом о связи", "в соответствии с «Законом о связи»")
    assert segments == (
        ("=", "в соответствии с "),
        ("+", "«"),
        ("=", "Законом о связи"),
        ("+", "»"),
    )


def test_punctuation_changes_alone() -> None:
    segments = redline("сети, и закон…", "сети; и закон.")
    assert segments == (
        ("=", "сети"),
        ("-", ","),
        ("+", ";"),
        ("=", " и закон"),
        ("-", "…"),
        ("+", "."),
    )


def test_dashes_and_quotes_are_tokens() -> None:
    old = "орган — “уполномоченный” орган"
    new = "орган – “уполномоченный” орган"
    assert redline(old, new) == (
        ("=", "орган "),
        ("-", "—"),
        ("+", "–"),
        ("=", " “уполномоченный” орган"),
    )


def test_a_clause_rewritten_reads_as_one_deletion_and_one_insertion() -> None:
    old = "Иностранная социальная сеть обязана открыть представительство в Республике Казахстан."
    new = (
        "Иностранная социальная сеть обязана назначить законного представителя "
        "для взаимодействия с уполномоченным органом."
    )
    assert redline(old, new) == (
        ("=", "Иностранная социальная сеть обязана "),
        ("-", "открыть представительство в Республике Казахстан"),
        ("+", "назначить законного представителя для взаимодействия с уполномоченным органом"),
        ("=", "."),
    )


def test_texts_with_nothing_in_common_are_shown_whole() -> None:
    old = "Местный офис обязателен."
    new = "Назначается представитель, ответственный за связь."
    assert redline(old, new) == (("-", old), ("+", new))


def test_words_added_at_either_end() -> None:
    assert redline("закон вступает в силу", "настоящий закон вступает в силу") == (
        ("+", "настоящий "),
        ("=", "закон вступает в силу"),
    )
    assert redline("закон вступает в силу", "закон вступает в силу с 2022 года") == (
        ("=", "закон вступает в силу"),
        ("+", " с 2022 года"),
    )
    assert redline("настоящий закон вступает", "закон вступает") == (
        ("-", "настоящий "),
        ("=", "закон вступает"),
    )


def test_whitespace_only_differences_are_no_change() -> None:
    folded = "Владелец платформы\n  обязан   удалить\tконтент.\n"
    plain = "Владелец платформы обязан удалить контент."
    assert redline(folded, plain) == (("=", plain),)


def test_whitespace_does_not_make_segments_next_to_a_change() -> None:
    segments = redline("обязан\n удалить  контент", "обязан    скрыть\n\nконтент")
    assert segments == (("=", "обязан "), ("-", "удалить"), ("+", "скрыть"), ("=", " контент"))


def test_empty_and_identical_texts() -> None:
    assert redline("", "") == ()
    assert redline("  \n", "") == ()
    assert redline("", "новый текст") == (("+", "новый текст"),)
    assert redline("старый текст", " ") == (("-", "старый текст"),)
    assert redline("тот же", "тот  же") == (("=", "тот же"),)


def test_normalise() -> None:
    assert normalise("  a\n b\t\tc  ") == "a b c"
    assert normalise("\u00a0a\u2003b") == "a b"  # Unicode spaces are whitespace too


def test_a_hash_collision_between_tokens_falls_back_to_exact_codes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """rapidfuzz compares long strings by hash; a (made-up) collision must not make two
    different words read as kept."""
    real = redline_module._indel
    calls: list[int] = []

    def colliding(old: list[object], new: list[object]) -> list[tuple[str, int, int, int, int]]:
        calls.append(1)
        if len(calls) == 1:  # the first alignment claims every word is kept
            return [("equal", 0, len(old), 0, len(new))]
        return real(old, new)

    monkeypatch.setattr(redline_module, "_indel", colliding)
    segments = redline("один два", "один три")
    assert old_side(segments) == "один два"
    assert new_side(segments) == "один три"
    assert len(calls) >= 2


# --- properties -------------------------------------------------------------------------

WORDS = st.sampled_from(
    [
        "закон",
        "закона",
        "сеть",
        "қорғау",
        "өкілі",
        "ұлттық",
        "и",
        "в",
        "24",
        "2021",
        "«закон»",
        "сети,",
        "—",
        "…",
        "“да”",
        "a",
        "b",
        ".",
    ]
)
SPACES = st.sampled_from([" ", "  ", "\n", "\t", " \n  "])


@st.composite
def prose(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORDS, max_size=25))
    out = []
    for word in words:
        out.append(word)
        out.append(draw(SPACES))
    return draw(SPACES) * draw(st.booleans()) + "".join(out)


def assert_reconstructs(old: str, new: str) -> None:
    segments = redline(old, new)
    assert old_side(segments) == normalise(old)
    assert new_side(segments) == normalise(new)
    check_shape(segments)


@given(st.text(), st.text())
def test_any_unicode_text_is_put_back_together(old: str, new: str) -> None:
    assert_reconstructs(old, new)


@given(prose(), prose())
def test_prose_is_put_back_together(old: str, new: str) -> None:
    assert_reconstructs(old, new)


@settings(max_examples=200)
@given(prose(), st.data())
def test_an_edited_text_is_put_back_together(old: str, data: st.DataObject) -> None:
    """A text and an edit of it: most words kept, so the alignment has work to do."""
    words = old.split()
    for _ in range(data.draw(st.integers(0, 4))):
        action = data.draw(st.sampled_from(["replace", "insert", "delete"]))
        at = data.draw(st.integers(0, len(words)))
        if action == "insert" or not words:
            words.insert(at, data.draw(WORDS))
        elif action == "replace":
            words[min(at, len(words) - 1)] = data.draw(WORDS)
        else:
            del words[min(at, len(words) - 1)]
    new = "\n".join(words)
    assert_reconstructs(old, new)


@given(st.text())
def test_a_text_against_itself_is_kept_whole(text: str) -> None:
    segments = redline(text, text)
    assert segments == ((("=", normalise(text)),) if normalise(text) else ())
