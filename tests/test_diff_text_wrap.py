"""The text diff reporter's own wrapping and colours, held to rich's byte for byte.

The reporter once wrapped through rich's `Text.wrap(console, width, overflow="fold")`
and printed through a rich Console; it now does both itself, for speed. The old
reporter is kept below (`rich_render_text`) as the reference: for any text, width,
colour and option, the new one must write exactly what it wrote.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from billtrack.diff import CHANGE_ORDER, STATUSES, BillDiff, ProvisionDiff, Segment
from billtrack.render.diff import (
    STATUS_MARK,
    DiffOptions,
    counts_line,
    field_changes,
    shown,
    side_text,
    status_text,
    text_parts,
)
from billtrack.render.diff_text import render_text, wrap
from billtrack.render.terminal import clean, clean_line
from billtrack.versions import Comparison, Side
from tests.conftest import loaded_by
from tests.test_diff_render import COMMIT, hostile, provision, sample

# --- the reference: the reporter as it was, through rich --------------------------------

WRAP_CONSOLE = Console(file=io.StringIO(), width=80)


def rich_wrap(text: str, width: int) -> list[str]:
    """What the old reporter took from rich for one text: its lines, rstripped."""
    lines = Text(text).wrap(WRAP_CONSOLE, width, overflow="fold")
    return [line.plain.rstrip() for line in lines]


class RichWriter:
    def __init__(self, out: io.StringIO, options: DiffOptions) -> None:
        self.color = options.color
        self.width = max(options.width or 100, 20)
        self.console = Console(
            file=out,
            force_terminal=self.color,
            force_jupyter=False,
            no_color=not self.color,
            color_system="standard" if self.color else None,
            width=self.width,
            highlight=False,
            emoji=False,
            markup=False,
            soft_wrap=True,
        )
        self.lines: list[Text] = []

    def style(self, style: str) -> str:
        return style if self.color else ""

    def line(self, text: Text | None = None) -> None:
        self.block(text or Text(), prefix="")

    def block(self, text: Text, *, prefix: str = "    ", prefix_style: str = "") -> None:
        room = max(self.width - cell_len(prefix), 10)
        for piece in text.wrap(self.console, room, overflow="fold"):
            piece.rstrip()
            lead = prefix if piece.plain else prefix.rstrip()
            if lead:
                piece = Text.assemble((lead, self.style(prefix_style)), piece)
            self.lines.append(piece)

    def close(self) -> None:
        if self.lines:
            self.console.print(Text("\n").join(self.lines), soft_wrap=True)


RICH_STATUS = {
    "added": "green",
    "dropped": "red",
    "modified": "yellow",
    "renamed": "cyan",
    "unchanged": "dim",
}


def rich_redline(writer: RichWriter, segments: tuple[Segment, ...], label: str) -> Text:
    text = Text(label)
    for op, chunk in segments:
        if not chunk:
            continue
        chunk = clean(chunk)
        if op == "=":
            text.append(chunk)
        elif writer.color:
            text.append(chunk, style="red strike" if op == "-" else "green underline")
        elif op == "-":
            text.append(f"[-{chunk}-]")
        else:
            text.append(f"{{+{chunk}+}}")
    return text


def rich_provision(writer: RichWriter, item: ProvisionDiff) -> None:
    style = RICH_STATUS[item.status]
    head = Text(STATUS_MARK[item.status] + " ", style=writer.style(style))
    head.append(clean_line(item.id), style=writer.style("bold"))
    head.append("  ")
    head.append(clean_line(status_text(item)), style=writer.style(style))
    writer.line(head)
    provision = item.after or item.before
    if item.status in ("added", "dropped") and provision is not None:
        for name, value in (("number", provision.number), ("heading", provision.heading)):
            if value:
                writer.block(Text(f"{name}: {clean_line(value)}"))
    for name, old, new in field_changes(item):
        writer.block(
            Text.assemble(
                f"{name}: ",
                (clean_line(old), writer.style("red strike")),
                " → ",
                (clean_line(new), writer.style("green underline")),
            )
        )
    for kind, lang, content in text_parts(item):
        label = f"[{clean_line(lang)}] " if lang else ""
        if kind == "redline" and not isinstance(content, str):
            writer.block(rich_redline(writer, content, label))
        elif isinstance(content, str):
            mark = "+ " if kind == "added" else "- "
            colour = "green" if kind == "added" else "red"
            body = Text(label + clean(content), style=writer.style(colour))
            writer.block(body, prefix="    " + mark, prefix_style=colour)
    for name, ids in (("proposals", item.proposals), ("events", item.events)):
        if ids:
            writer.block(Text(f"{name}: " + ", ".join(clean_line(i) for i in ids)))


def rich_render_text(comparison: Comparison, options: DiffOptions) -> str:
    out = io.StringIO()
    writer = RichWriter(out, options)
    if options.stat:
        items = shown(comparison, options)
        ids = [clean_line(item.id) for item in items]
        pad = max((cell_len(i) for i in ids), default=0)
        for item, ident in zip(items, ids, strict=True):
            detail = ", ".join(item.changes) if item.status == "modified" else status_text(item)
            line = Text("  ")
            line.append(STATUS_MARK[item.status], style=writer.style(RICH_STATUS[item.status]))
            line.append(" " + ident + " " * (pad - cell_len(ident)) + "   ")
            line.append(clean_line(detail))
            writer.line(line)
        writer.line(Text(counts_line(comparison)))
        writer.close()
        return out.getvalue()
    bold = writer.style("bold")
    for name, value in (
        ("bill", comparison.bill),
        ("from", side_text(comparison.old)),
        ("to  ", side_text(comparison.new)),
    ):
        writer.line(Text.assemble((name + " ", bold), clean_line(value)))
    items = shown(comparison, options)
    for item in items:
        writer.line()
        rich_provision(writer, item)
    if not items:
        writer.line()
        writer.line(Text("no differences"))
    writer.line()
    writer.line(Text(counts_line(comparison), style=bold))
    writer.close()
    return out.getvalue()


def own_render_text(comparison: Comparison, options: DiffOptions) -> str:
    out = io.StringIO()
    render_text(comparison, out, options)
    return out.getvalue()


# --- random text -------------------------------------------------------------------------

ASCII = "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789.,;:!?()[]{}<>-+/*#'\"`|\\~"
CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВЁЖЯ"
KAZAKH = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
WIDE = "漢字中文法律かなカナ한글ＡＢ１"  # two cells each
COMBINING = "\u0301\u0300\u0308\u0327\u20dd"  # zero cells, on the letter before
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\ufe0f\u00ad"  # joiner, selector, soft hyphen
SYMBOLS = "—«»→…№“”❤☺✌👍🎉"  # ❤ and the digits widen before \ufe0f
LETTERS = ASCII + CYRILLIC + KAZAKH + WIDE + COMBINING + ZERO_WIDTH + SYMBOLS
# every kind of space rich and str.isspace know: tab, no-break, ideographic (two
# cells), em, and line separators of zero cells; newlines split the text
SPACES = " \t\xa0\u3000\u2003\u2028\u2029\n"

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


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=prose, width=widths)
@example(text="a\tb\tc", width=10)
@example(text="abcdefghijkl" + " " * 25 + "y", width=10)
@example(text="❤\u2028\ufe0f " * 8, width=10)
@example(text="aaaaaaa❤\u2028\ufe0fb cc", width=9)
@example(text="a\u200d b\u200d\u200d c\u200d", width=10)
@example(text="1\ufe0f" * 30, width=11)
@example(text="  leading and trailing  \n\n  ", width=10)
@example(text="漢字" * 20, width=11)
def test_wrap_is_riches_but_never_loses_a_word(text: str, width: int) -> None:
    ours, theirs = wrap(text, width), rich_wrap(text, width)
    assert visible("".join(ours)) == visible(text)
    if visible("".join(theirs)) == visible(text):
        assert ours == theirs


def visible(text: str) -> list[str]:
    return [character for character in text if not character.isspace()]


# --- the odd things rich does, and the reporter with it -----------------------------------


def test_a_tab_moves_to_the_next_multiple_of_eight_cells() -> None:
    # Counted in cells (a wide character is two) from the start of the text, before it
    # is wrapped: on a wrapped line, a tab can be narrower than a terminal's.
    assert wrap("a\tb", 40) == ["a       b"]
    assert wrap("漢\tb", 40) == ["漢      b"]
    assert wrap("abcdefghij abc\tz", 12) == ["abcdefghij", "abc  z"]


def test_spaces_after_a_folded_word_become_blank_lines() -> None:
    # rich folds a word too long for a line together with the spaces after it, and the
    # next word goes on after those spaces
    assert wrap("abcdefghijkl" + " " * 25 + "y", 10) == ["abcdefghij", "kl", "", "       y"]


def test_a_word_rich_would_lose_is_kept() -> None:
    # rich measures words one by one to place them, then the whole line to crop it: an
    # emoji selector opening a word, after a zero-width space, widens the emoji before
    # it only in the whole line, which is then a cell too wide, and rich cut "b" off.
    # Here the line is a cell too wide instead; clean() escapes U+2028 in file text.
    text = "aaaaaaa❤\u2028\ufe0fb cc"
    assert rich_wrap(text, 9) == ["aaaaaaa❤\u2028\ufe0f", "cc"]
    assert wrap(text, 9) == ["aaaaaaa❤\u2028\ufe0fb", "cc"]
    assert clean(text) == "aaaaaaa❤\\u2028\ufe0fb cc"


def one(item: ProvisionDiff) -> Comparison:
    return Comparison("b", Side("HEAD", COMMIT), Side("WORKTREE", None), BillDiff("b", (item,)))


def test_a_styled_tab_ends_the_style_and_starts_it_again() -> None:
    # rich splits a line at each tab and joins it again: each part its own span
    segments: tuple[Segment, ...] = (("=", "a"), ("-", "b\tc"), ("+", "d"))
    item = ProvisionDiff(
        id="x\ty",
        status="modified",
        before=provision(id="x", text="ab\tc"),
        after=provision(id="x", text="ad"),
        changes=("text",),
        redlines={"": segments},
    )
    output = own_render_text(one(item), DiffOptions(color=True))
    assert "\n    a\x1b[9;31mb      \x1b[0m\x1b[9;31mc\x1b[0m\x1b[4;32md\x1b[0m\n" in output
    assert "\x1b[1;33mx     \x1b[0m\x1b[1;33my\x1b[0m" in output
    assert output == rich_render_text(one(item), DiffOptions(color=True))


def test_without_an_id_the_mark_and_the_gap_are_one_stretch() -> None:
    item = ProvisionDiff(id="", status="added", before=None, after=provision(id="", text="t"))
    output = own_render_text(one(item), DiffOptions(color=True))
    assert "\n\x1b[32m+   \x1b[0m\x1b[32madded\x1b[0m\n" in output
    assert output == rich_render_text(one(item), DiffOptions(color=True))


# --- the whole reporter ---------------------------------------------------------------------

OPTIONS = [
    {"color": color, "stat": stat, "show_all": show_all, "width": width}
    for color in (False, True)
    for stat in (False, True)
    for show_all in (False, True)
    for width in (None, 5, 20, 33, 61, 140)
]


@pytest.mark.parametrize("options", OPTIONS)
def test_fixtures_as_rich_rendered_them(options: dict[str, Any]) -> None:
    for comparison in (sample(), hostile()):
        if options["show_all"] and comparison.diff.unlisted:
            continue
        expected = rich_render_text(comparison, DiffOptions(**options))
        assert own_render_text(comparison, DiffOptions(**options)) == expected


# File text with control characters and escape sequences too: cleaned before wrapping.
HOSTILE = "\x1b[31m\x07\r\x08\x0b\x0c\x7f\x9b\u202e\u2066"
file_text = st.one_of(
    prose,
    st.lists(st.one_of(words, gaps, st.text(alphabet=HOSTILE, min_size=1)), max_size=12).map(
        "".join
    ),
)
short = st.text(alphabet=LETTERS + " \t\n" + HOSTILE, max_size=30)
languages = st.sampled_from(["", "kk", "ru", "k\x1bk"])


@st.composite
def texts(draw: st.DrawFn) -> str | dict[str, str]:
    if draw(st.booleans()):
        return draw(file_text)
    return draw(st.dictionaries(st.sampled_from(["kk", "ru", "k\x1bk"]), file_text, max_size=2))


@st.composite
def provision_diffs(draw: st.DrawFn) -> ProvisionDiff:
    status = draw(st.sampled_from(STATUSES))
    ident = draw(st.one_of(st.from_regex(r"[a-z][a-z0-9-]{0,60}", fullmatch=True), short))

    def side() -> Any:
        return provision(
            id=ident,
            text=draw(texts()),
            number=draw(st.none() | short),
            heading=draw(st.none() | short),
            amends=draw(st.none() | short),
            tags=draw(st.lists(short, max_size=3)),
        )

    redlines = draw(
        st.dictionaries(
            languages,
            st.lists(st.tuples(st.sampled_from("=-+"), file_text), max_size=6).map(tuple),
            max_size=2,
        )
    )
    return ProvisionDiff(
        id=ident,
        status=status,
        before=None if status == "added" else side(),
        after=None if status == "dropped" else side(),
        changes=tuple(draw(st.lists(st.sampled_from(CHANGE_ORDER), unique=True, max_size=4))),
        previous_id=draw(st.none() | short),
        redlines=redlines,
        similarity=draw(st.none() | st.floats(-10, 110)),
        proposals=tuple(draw(st.lists(short, max_size=3))),
        events=tuple(draw(st.lists(short, max_size=3))),
    )


@st.composite
def comparisons(draw: st.DrawFn) -> Comparison:
    items = tuple(draw(st.lists(provision_diffs(), max_size=4)))
    old = Side(draw(short), draw(st.none() | st.just(COMMIT)), draw(st.none() | short))
    new = Side(draw(short), None, label=draw(st.none() | short))
    return Comparison(draw(short), old, new, BillDiff("b", items))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    comparison=comparisons(),
    color=st.booleans(),
    stat=st.booleans(),
    show_all=st.booleans(),
    width=st.none() | st.integers(10, 140),
)
def test_reporter_writes_what_rich_wrote(
    comparison: Comparison, color: bool, stat: bool, show_all: bool, width: int | None
) -> None:
    options = DiffOptions(color=color, stat=stat, show_all=show_all, width=width)
    assert own_render_text(comparison, options) == rich_render_text(comparison, options)


def test_the_reporter_does_without_rich_text_and_console() -> None:
    assert loaded_by("billtrack.render.diff_text", ("rich.console", "rich.text")) == []
