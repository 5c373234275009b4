"""billtrack.render.text, the terminal writer every text report uses: its own wrapping
rules, held as properties over any text and width, and its cleaning and styling.

The rules: no text is lost; no line is wider than the width in cells, unless it is one
piece that cannot be broken; wide characters take two cells and combining ones none;
tabs move to the next multiple of eight cells; a line that fits is left as it is.
"""

from __future__ import annotations

import io

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from billtrack.render.text import (
    DELETED,
    Page,
    _greedy_breaks,
    _word_breaks,
    clean,
    clean_line,
    paint,
    wrap,
    wrap_runs,
)
from tests.support.cli import loaded_by

ASCII = "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789.,;:!?()[]{}<>-+/*#'\"`|\\~"
CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВЁЖЯ"
KAZAKH = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
WIDE = "漢字中文法律かなカナ한글ＡＢ１"  # two cells each
COMBINING = "\u0301\u0300\u0308\u0327\u20dd"  # zero cells, on the letter before
# Characters that change their neighbours' width: the joiner and the emoji selector.
JOINERS = "\u200d\ufe0f"
ZERO_WIDTH = "\u200b\u200c\u2060\ufeff\u00ad"
SYMBOLS = "—«»→…№“”❤☺✌👍🎉"
LETTERS = ASCII + CYRILLIC + KAZAKH + WIDE + COMBINING + ZERO_WIDTH + SYMBOLS
# every kind of space str.isspace knows that file text can hold after cleaning: tab,
# no-break, ideographic (two cells), em; newlines split the text
SPACES = " \t\xa0\u3000\u2003\n"

words = st.one_of(
    st.text(alphabet=CYRILLIC + KAZAKH, min_size=1, max_size=12),
    st.text(alphabet=LETTERS, min_size=1, max_size=12),
    st.text(alphabet=LETTERS, min_size=1, max_size=150),  # longer than a line
)
gaps = st.one_of(
    st.just(" "),
    st.text(alphabet=" ", min_size=1, max_size=30),
    st.text(alphabet=SPACES, min_size=1, max_size=12),
)
prose = st.one_of(
    st.lists(st.one_of(words, gaps), max_size=40).map("".join),
    st.text(alphabet=LETTERS + SPACES, max_size=300),
)
widths = st.integers(10, 120)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def visible(text: str) -> str:
    return "".join(character for character in text if not character.isspace())


def expanded(text: str) -> str:
    """The text with its tabs expanded as the engine expands them, line by line."""
    return "\n".join(_expand(line) for line in text.split("\n"))


def _expand(line: str) -> str:
    out = ""
    for part in line.split("\t")[:-1]:
        out += part + " "
        out += " " * (-cell_len(out) % 8)
    return out + line.split("\t")[-1]


# --- the rules, for any text ------------------------------------------------------------


@SETTINGS
@given(text=st.one_of(prose, st.text(alphabet=LETTERS + JOINERS + SPACES, max_size=200)))
@example(text="aaaaaaa❤\u2028\ufe0fb cc")
@example(text="a\u200d b\u200d\u200d c\u200d")
def test_no_text_is_lost(text: str) -> None:
    for width in (10, 33, 80):
        assert visible("".join(wrap(text, width))) == visible(text)


@SETTINGS
@given(text=prose, width=widths)
@example(text="漢字" * 20, width=11)
@example(text="abcdefghijkl" + " " * 25 + "y", width=10)
@example(text="  leading and trailing  \n\n  ", width=10)
def test_no_line_is_wider_than_the_width(text: str, width: int) -> None:
    for line in wrap(text, width):
        assert cell_len(line) <= width, line


@SETTINGS
@given(text=st.text(alphabet=LETTERS + JOINERS + SPACES, max_size=200), width=widths)
@example(text="1\ufe0f" * 30, width=11)
def test_a_wider_line_is_one_unbreakable_piece(text: str, width: int) -> None:
    # A joiner or an emoji selector widens its neighbour only where both stand together,
    # so a line can come out a cell wider than its pieces measured alone; it is then
    # never a line that a break could have shortened.
    for line in wrap(text, width):
        if cell_len(line) > width:
            assert sum(cell_len(character) for character in line) <= width or not any(
                character.isspace() for character in line
            )


@SETTINGS
@given(
    text=st.text(alphabet="ab\u0436 \u00a0\u3000-", max_size=300),
    width=st.integers(min_value=1, max_value=40),
)
@example(text="ab    cd", width=4)
@example(text="a" * 41 + " b", width=40)
def test_the_line_at_a_time_breaks_are_the_word_at_a_time_ones(text: str, width: int) -> None:
    # The fast path (one-cell characters, no word longer than the width) finds the
    # breaks with the regex engine; the word-by-word loop is what it must agree with.
    line = text.replace("\u3000", " ")  # a wide space: not a one-cell line
    found = _greedy_breaks(line, width) if line[:1] and not line[0].isspace() else None
    if found is not None:
        assert found == _word_breaks(line, width, len)


@SETTINGS
@given(text=prose, width=widths)
def test_lines_keep_their_order_and_breaks(text: str, width: int) -> None:
    # Every line of the text starts a new wrapped line: wrapping never joins lines.
    lines = wrap(text, width)
    assert len(lines) >= text.count("\n") + 1
    assert all(line == line.rstrip() for line in lines)


@SETTINGS
@given(text=prose, width=widths)
def test_a_line_that_fits_is_left_as_it_is(text: str, width: int) -> None:
    for line in expanded(text).split("\n"):
        if cell_len(line) <= width:
            assert wrap(line, width) == [line.rstrip()]


# --- wide, combining, tabs ----------------------------------------------------------------


def test_wide_characters_take_two_cells() -> None:
    assert wrap("漢字" * 6, 11) == ["漢字漢字漢", "字漢字漢字", "漢字"]
    assert wrap("Ａ Ｂ Ｃ", 4) == ["Ａ", "Ｂ", "Ｃ"]


def test_combining_characters_take_none() -> None:
    word = "e\u0301" * 10  # ten cells
    assert wrap(word + " " + word, 21) == [word + " " + word]
    assert wrap(word + " " + word, 20) == [word, word]


def test_a_tab_moves_to_the_next_multiple_of_eight_cells() -> None:
    # counted in cells (a wide character is two) from the start of the line, before it
    # is wrapped
    assert wrap("a\tb", 40) == ["a       b"]
    assert wrap("漢\tb", 40) == ["漢      b"]
    assert wrap("abcdefghij abc\tz", 12) == ["abcdefghij", "abc  z"]


def test_a_word_longer_than_a_line_is_folded() -> None:
    assert wrap("abcdefghijklmnopqrstuvwxyz end", 10) == ["abcdefghij", "klmnopqrst", "uvwxyz end"]


def test_spaces_after_a_folded_word_stay_with_it() -> None:
    # a folded word keeps the spaces after it: a long run of them gives blank lines
    assert wrap("abcdefghijkl" + " " * 25 + "y", 10) == ["abcdefghij", "kl", "", "       y"]


def test_a_styled_tab_ends_the_style_and_starts_it_again() -> None:
    assert wrap_runs([("a", ""), ("b\tc", DELETED)], 40) == [
        [("a", ""), ("b      ", DELETED), ("c", DELETED)]
    ]


def test_styles_are_cut_where_the_line_breaks() -> None:
    lines = wrap_runs([("one two ", ""), ("three four", "1")], 9)
    assert lines == [[("one two", "")], [("three", "1")], [("four", "1")]]
    painted = [paint(line) for line in lines]
    assert painted == ["one two", "\x1b[1mthree\x1b[0m", "\x1b[1mfour\x1b[0m"]


# --- cleaning -----------------------------------------------------------------------------


def test_clean_shows_what_a_terminal_would_act_on() -> None:
    raw = "a\x1b[31mb\x07\x9b\u202e\u2066\u2028\x7f\tc\nd"
    assert clean(raw) == "a\\x1b[31mb\\x07\\x9b\\u202e\\u2066\\u2028\\x7f\tc\nd"
    assert clean_line("a\nb\tc") == "a\\nb\tc"
    assert clean(clean(raw)) == clean(raw)


# --- the page -----------------------------------------------------------------------------


def written(page: Page) -> str:
    out = io.StringIO()
    page.close(out)
    return out.getvalue()


def test_styles_only_in_colour() -> None:
    for color, expected in ((False, "bold\n"), (True, "\x1b[1mbold\x1b[0m\n")):
        page = Page(color=color, width=40)
        page.line([("bold", page.style("1")), ("", page.style("2"))])
        assert written(page) == expected


def test_block_puts_a_prefix_before_every_line_but_a_blank_one() -> None:
    page = Page(color=False, width=14)
    page.block([("one two three\n\nfour", "")], prefix="  + ")
    assert written(page) == "  + one two\n  + three\n  +\n  + four\n"


def test_hanging_lines_continue_behind_the_indent() -> None:
    page = Page(color=False, width=20)
    page.hanging([("2021-09-15  a reading with a long detail", "")], " " * 12)
    page.hanging([("fits, spaces kept  ", "")], " " * 12)
    assert written(page) == (
        "2021-09-15  a\n"
        "            reading\n            with a\n            long\n            detail\n"
        "fits, spaces kept  \n"
    )


def test_wrapped_keeps_the_spaces_that_fit() -> None:
    page = Page(color=False, width=10)
    page.wrapped([("abcd efgh ijkl", "")])
    assert written(page) == "abcd efgh \nijkl\n"


def test_the_engine_does_without_rich_text_and_console() -> None:
    assert loaded_by("billtrack.render.text", ("rich.console", "rich.text")) == []
