"""The safe YAML loader: what it reads, where it says things are, and what it refuses.

Property tests: arbitrary bytes give data or a ProblemError, nothing else; any text
billtrack writes reads back as exactly the same text."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from billtrack.problems import ProblemError
from billtrack.store.yamlio import MAX_DEPTH, Document, load
from billtrack.store.yamlwrite import dump


def problem(raw: bytes) -> tuple[int, int, str, str]:
    """(line, column, code, message) of the one problem `raw` must give."""
    with pytest.raises(ProblemError) as caught:
        load(raw, "f.yaml")
    found = caught.value.problem
    assert found.path == "f.yaml"
    assert found.level == "error"
    return found.line, found.column, found.code, found.message


# --- what is read --------------------------------------------------------------------


def test_positions_are_one_based_lines_and_columns_of_values_and_keys() -> None:
    doc = load(b"id: scope\nprovisions:\n  - id: a\n    text:  x\n", "f.yaml")
    assert doc.data == {"id": "scope", "provisions": [{"id": "a", "text": "x"}]}
    assert doc.marks[()] == (1, 1)
    assert doc.marks[("id",)] == (1, 5)
    assert doc.key_marks[("id",)] == (1, 1)
    assert doc.marks[("provisions", 0)] == (3, 5)
    assert doc.marks[("provisions", 0, "text")] == (4, 12)
    assert doc.key_marks[("provisions", 0, "text")] == (4, 5)


def test_pos_falls_back_to_the_nearest_known_ancestor() -> None:
    doc = load(b"a:\n  b: c\n", "f.yaml")
    assert doc.pos(("a", "b", "missing", 3)) == (2, 6)
    assert doc.pos(("a", "b", "missing"), key=True) == (2, 3)
    assert doc.pos(("nowhere",)) == (1, 1)


@pytest.mark.parametrize(
    ("plain", "elsewhere"),
    [
        ("1.10", "a number"),
        ("no", "a boolean"),
        ("010", "a number"),
        ("2021", "a number"),
        ("2021-11-29", "a date"),
        ("true", "a boolean"),
        ("On", "a boolean"),
        ("0x1F", "a number"),
        ("1e3", "a number"),
        (".inf", "a number"),
        ("1:20", "a number"),
    ],
)
def test_plain_scalars_stay_the_strings_written_and_are_marked_ambiguous(
    plain: str, elsewhere: str
) -> None:
    doc = load(f"number: {plain}\nlist: [{plain}]\n".encode(), "f.yaml")
    assert doc.data == {"number": plain, "list": [plain]}
    assert doc.ambiguous == {("number",): elsewhere, ("list", 0): elsewhere}


@pytest.mark.parametrize("plain", ["2021-11", "2021-11-29T", "ст. 1 п. 4", "1.4a", "nope", "-x"])
def test_plain_scalars_no_tool_types_are_not_ambiguous(plain: str) -> None:
    doc = load(f"v: {plain}\n".encode(), "f.yaml")
    assert doc.data == {"v": plain}
    assert doc.ambiguous == {}


@pytest.mark.parametrize("quoted", ['"1.10"', "'no'", '"010"', '"2021-11-29"', '"null"', '""'])
def test_quoted_scalars_are_strings_and_not_ambiguous(quoted: str) -> None:
    doc = load(f"v: {quoted}\n".encode(), "f.yaml")
    assert doc.data == {"v": quoted[1:-1]}
    assert doc.ambiguous == {}


@pytest.mark.parametrize("text", ["v:", "v: ~", "v: null", "v: Null", "v: NULL", "v: # note"])
def test_empty_tilde_and_null_are_none(text: str) -> None:
    assert load(text.encode(), "f.yaml").data == {"v": None}


def test_block_scalars_and_explicit_core_tags_are_read() -> None:
    doc = load(b"a: |\n  1.10\n  two\nb: !!str yes\nc: !!seq [x]\nd: !!map {k: v}\n", "f.yaml")
    assert doc.data == {"a": "1.10\ntwo\n", "b": "yes", "c": ["x"], "d": {"k": "v"}}


def test_a_utf8_byte_order_mark_is_accepted() -> None:
    doc = load(b"\xef\xbb\xbfid: scope\n", "f.yaml")
    assert doc.data == {"id": "scope"}
    assert doc.marks[("id",)] == (1, 5)


def test_without_positions_the_data_is_the_same_and_no_marks_are_kept() -> None:
    raw = b"a: [1.10, {b: no}]\n"
    fast = load(raw, "f.yaml", positions=False)
    assert fast.data == load(raw, "f.yaml").data == {"a": ["1.10", {"b": "no"}]}
    assert fast.marks == {}
    assert fast.ambiguous == {}


def test_a_few_aliases_are_expanded() -> None:
    doc = load(b"a: &p [x, y]\nb: *p\nc: {k: *p}\n", "f.yaml")
    assert doc.data == {"a": ["x", "y"], "b": ["x", "y"], "c": {"k": ["x", "y"]}}


# --- what is refused -----------------------------------------------------------------


def test_a_duplicate_key_is_an_error_at_the_second_key() -> None:
    line, column, code, message = problem(b"id: a\ntitle: t\nnested:\n  k: 1\n  k: 2\n")
    assert (line, column, code) == (5, 3, "yaml-duplicate-key")
    assert message == "duplicate key 'k' (first at line 4)"


def test_a_duplicate_key_is_an_error_also_in_flow_style() -> None:
    assert problem(b"{a: 1, b: 2, a: 3}\n")[:3] == (1, 14, "yaml-duplicate-key")


@pytest.mark.parametrize(
    ("raw", "column"),
    [
        (b"v: !!python/object:os.system {}\n", 4),
        (b"v: !!python/object/apply:os.system [ls]\n", 4),
        (b"v: !!python/name:os.system\n", 4),
        (b"v: !!int 3\n", 4),
        (b"v: !!binary aGVsbG8=\n", 4),
        (b"v: !!timestamp 2021-11-29\n", 4),
        (b"v: !local x\n", 4),
        (b"- !!set {a: null}\n", 3),
    ],
)
def test_tags_other_than_str_seq_map_are_refused(raw: bytes, column: int) -> None:
    line, col, code, message = problem(raw)
    assert (line, col, code) == (1, column, "yaml-tag")
    assert "is not allowed" in message


@pytest.mark.parametrize("raw", [b"? [a, b]\n: c\n", b"{? {a: b} : c}\n"])
def test_a_key_that_is_not_a_string_is_refused(raw: bytes) -> None:
    assert problem(raw)[2] == "yaml-key"


def test_an_alias_bomb_is_refused_by_counting_not_expanding() -> None:
    # Ten aliases a level, sixteen levels: 10**16 nodes expanded, which no machine
    # could walk; the exact count in the message shows it was computed on the graph.
    lines = ['l0: &l0 ["lol"]']
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]" for i in range(1, 17)]
    line, column, code, message = problem("\n".join(lines).encode())
    assert (line, column, code) == (1, 1, "yaml-aliases")
    sizes = [2]  # l0: the list and its one string
    for _ in range(16):
        sizes.append(1 + 10 * sizes[-1])
    expanded = 1 + 17 + sum(sizes)  # the mapping, its keys, the lists
    unique = 1 + 17 + 2 + 16
    assert f"expand to {expanded:,} nodes from {unique}" in message


def test_an_alias_that_contains_itself_is_refused() -> None:
    assert problem(b"a: &x [*x]\n")[2] == "yaml-nesting"


def test_not_utf8_is_refused_at_the_first_bad_byte() -> None:
    raw = "id: scope\ntitle: édition\n".encode("latin-1")
    line, column, code, message = problem(raw)
    assert (line, column, code) == (2, 8, "yaml-encoding")
    assert "byte 0xe9" in message


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"   \n\n",
        b"# only a comment\n",
        b"\xef\xbb\xbf\n",
        b"\xef\xbb\xbf# a comment after the BOM\n",
        "\u00a0\u3000\n# комментарий\n".encode(),  # Unicode spaces are blank
    ],
)
def test_an_empty_file_is_refused(raw: bytes) -> None:
    assert problem(raw) == (1, 1, "yaml-empty", "the file is empty")


def test_a_line_break_beyond_ascii_ends_a_comment() -> None:
    # YAML breaks lines at U+2028 too: what follows the comment is data.
    assert load("# note\u2028a: b\n".encode(), "f.yaml").data == {"a": "b"}


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff"])
def test_a_utf16_file_is_not_utf8(bom: bytes) -> None:
    raw = bom + "a: b\n".encode("utf-16-le" if bom == b"\xff\xfe" else "utf-16-be")
    assert problem(raw)[2] == "yaml-encoding"


def test_a_refused_character_is_placed_in_characters_not_bytes() -> None:
    # Two-byte letters before the control character: column 6, not byte 9.
    assert problem("a: éé\x01\n".encode())[:3] == (1, 6, "yaml-syntax")


@pytest.mark.parametrize("raw", [b"---\n", b"~\n", b"null\n", b"--- # nothing\n...\n"])
def test_a_document_holding_nothing_is_empty(raw: bytes) -> None:
    with pytest.raises(ProblemError) as caught:
        load(raw, "f.yaml")
    assert (caught.value.problem.line, caught.value.problem.code) == (1, "yaml-empty")


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        (b"a: [b\n", (2, 1)),
        (b"a: 1\n---\nb: 2\n", (2, 1)),
        (b"a:\n\t- b\n", (2, 1)),
        (b"a: b\x01c\n", (1, 5)),
        (b'a: "\\ud800"\n', (1, 7)),
    ],
)
def test_bad_syntax_is_one_problem_with_its_position(raw: bytes, where: tuple[int, int]) -> None:
    line, column, code, _ = problem(raw)
    assert (code, (line, column)) == ("yaml-syntax", where)


def test_nesting_deeper_than_any_record_needs_is_refused() -> None:
    deep = b"[" * (MAX_DEPTH + 1) + b"x" + b"]" * (MAX_DEPTH + 1)
    assert problem(deep)[2] == "yaml-nesting"
    shallow = b"[" * MAX_DEPTH + b"x" + b"]" * MAX_DEPTH
    assert isinstance(load(shallow, "f.yaml").data, list)


@pytest.mark.parametrize(
    "raw",
    [b"[" * 10_000 + b"]" * 10_000, b"{a: " * 10_000 + b"b" + b"}" * 10_000, b"- " * 10_000],
    ids=["flow-seq", "flow-map", "block-seq"],
)
def test_ten_thousand_levels_are_the_same_one_problem(raw: bytes) -> None:
    line, _, code, message = problem(raw)
    assert (line, code, message) == (1, "yaml-nesting", f"nested deeper than {MAX_DEPTH} levels")


# --- properties ------------------------------------------------------------------------

YAML_BITS = [
    *"-:?,[]{}#&*!|>'\"%@`\\~ \t\n\r",
    "- ",
    ": ",
    "? ",
    "  ",
    "\n  ",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "%TAG ! tag:x,2000:\n",
    "&a ",
    "*a",
    "&b [*a, *a]",
    "!!python/object:os.system ",
    "!!str ",
    "!!map ",
    "!x ",
    "<<: ",
    "key",
    "id",
    "text",
    "1.10",
    "no",
    "2021-13-45",
    "null",
    "~",
    "\x00",
    "\x85",
    "\u2028",
    "\ufeff",
    "é",
    "\U0001f600",
]


def _plain(data: Any) -> bool:
    if data is None or isinstance(data, str):
        return True
    if isinstance(data, list):
        return all(_plain(item) for item in data)
    if isinstance(data, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in data.items())
    return False


def _load_or_problem(raw: bytes) -> None:
    try:
        doc = load(raw, "f.yaml")
    except ProblemError as exc:
        assert exc.problem.path == "f.yaml"
        assert exc.problem.line >= 1
        assert exc.problem.column >= 1
        assert "\n" not in exc.problem.message
        return
    assert isinstance(doc, Document)
    assert _plain(doc.data)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
@example(b"\xff\xfe")
@example(b"\xef\xbb\xbf")
def test_arbitrary_bytes_give_data_or_a_problem(raw: bytes) -> None:
    _load_or_problem(raw)


yamlish = st.lists(st.sampled_from(YAML_BITS), max_size=60).map("".join)


@settings(max_examples=500, deadline=None)
@given(yamlish, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"]))
@example("a: &a [*a]", "utf-8")
@example("- " * 2_000, "utf-8")
@example("? ? ? a", "utf-8")
def test_yaml_like_text_gives_data_or_a_problem(text: str, encoding: str) -> None:
    _load_or_problem(text.encode(encoding, "replace"))


texts = st.text(st.characters(codec="utf-8"), max_size=40)
keys = texts
values: st.SearchStrategy[Any] = st.recursive(
    st.none() | texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=12,
)


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(st.dictionaries(keys, values, min_size=1, max_size=6))
@example({"number": "1.10", "no": "no", "010": "2021-11-29", "": "", "x: y": "#"})
@example({"k": " lead", "t": "trail ", "n": "a\nb\n", "q": "'\"", "e": "\\", "u": "\u2028"})
@example({"- a": "? b", "&x": "*x", "!!str": "%TAG", "[": "{", "\ufeff": "\t\r\x00\x7f"})
def test_what_billtrack_writes_reads_back_exactly(record: dict[str, Any]) -> None:
    doc = load(dump(record, header=["a comment"]).encode("utf-8"), "f.yaml")
    assert doc.data == record
    assert doc.ambiguous == {}


def test_line_breaks_of_every_kind_round_trip() -> None:
    record = {"text": "a\x85b\u2028c\u2029d\re\nf", "block": "one\n two\n\n"}
    assert load(dump(record).encode("utf-8"), "f.yaml").data == record


def test_a_key_ending_in_a_newline_round_trips() -> None:
    record = {"x-note\n": "text"}
    assert load(dump(record).encode("utf-8"), "f.yaml").data == record
