"""Word and Excel, the files aides circulate (issue 13, item 6): `diff --format docx`
with real tracked changes, `table --format docx|xlsx`; binary formats only with
--output, into a new file. Every file is read back with python-docx and openpyxl."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.support.cli import invoke
from tests.support.repos import Repo
from tests.support.summary import build_hostile, build_story

W_T, W_DEL_TEXT = qn("w:t"), qn("w:delText")


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Repo]:
    yield build_story(tmp_path_factory.mktemp("story") / "repo")[0]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Repo]:
    yield build_hostile(tmp_path_factory.mktemp("hostile") / "repo")[0]


def run(repo: Repo, *args: str) -> tuple[int, str, str]:
    return invoke(CliRunner(), *args, "--root", str(repo.path / "amendments"))


def _sides(paragraph: Paragraph) -> tuple[str, str, int, int]:
    """(old text, new text, deletions, insertions) of a paragraph with revisions."""
    old, new, deletions, insertions = [], [], 0, 0
    for child in paragraph._p:
        if child.tag == qn("w:r"):
            text = "".join(t.text or "" for t in child.iter(W_T))
            old.append(text)
            new.append(text)
        elif child.tag == qn("w:del"):
            deletions += 1
            assert child.get(qn("w:author")) and child.get(qn("w:date"))
            old.append("".join(t.text or "" for t in child.iter(W_DEL_TEXT)))
        elif child.tag == qn("w:ins"):
            insertions += 1
            assert child.get(qn("w:author")) and child.get(qn("w:date"))
            new.append("".join(t.text or "" for t in child.iter(W_T)))
    return "".join(old), "".join(new), deletions, insertions


def _words(text: str) -> list[str]:
    return text.removeprefix("[ru] ").split()


def test_diff_docx_holds_the_changes_as_tracked_revisions(story: Repo, tmp_path: Path) -> None:
    out = tmp_path / "diff.docx"
    code, stdout, err = run(story, "diff", "first-reading", "--format", "docx", "-o", str(out))
    assert (code, stdout, err) == (0, "", "")
    document = docx.Document(str(out))
    revised = [_sides(p) for p in document.paragraphs if _sides(p)[2] or _sides(p)[3]]
    assert revised, "no tracked changes in the document"
    # Every revision id is unique, as Word requires.
    ids = [e.get(qn("w:id")) for e in document.element.body.iter(qn("w:ins"), qn("w:del"))]
    assert len(ids) == len(set(ids))
    # Reading the deletions gives the old text, the insertions the new one.
    code, json_out, _ = run(story, "diff", "first-reading", "--format", "json")
    for entry in json.loads(json_out)["provisions"]:
        if entry["status"] == "modified" and "redline" in entry:
            before, after = entry["before"]["text"], entry["after"]["text"]
            if isinstance(before, dict):  # the bill's language (ru) is the one shown
                before, after = before["ru"], after["ru"]
            assert any(
                _words(o) == _words(before) and _words(n) == _words(after) for o, n, _, _ in revised
            ), entry["id"]
        if entry["status"] == "dropped":
            assert any(n == "" and d == 1 and not i for _, n, d, i in revised)
    headings = [
        p.text
        for p in document.paragraphs
        if p.style is not None and str(p.style.name).startswith("Heading")
    ]
    assert any("(" in h and h.split()[0][0].isdigit() for h in headings), headings


def test_diff_docx_in_russian_names_versions_and_statuses(story: Repo, tmp_path: Path) -> None:
    out = tmp_path / "diff.ru.docx"
    code, _, _ = run(
        story, "diff", "first-reading", "--format", "docx", "--lang", "ru", "-o", str(out)
    )
    assert code == 0
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "первое чтение" in text and "текущая редакция" in text
    assert "исключено" in text


def test_table_xlsx_cells_read_back(story: Repo, tmp_path: Path) -> None:
    out = tmp_path / "table.xlsx"
    code, _, _ = run(story, "table", "--format", "xlsx", "--lang", "ru", "-o", str(out))
    assert code == 0
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    code, csv_out, _ = run(story, "table", "--format", "csv", "--lang", "ru")

    expected = list(csv.reader(io.StringIO(csv_out.lstrip("\ufeff"))))
    assert [[v or "" for v in row] for row in rows] == [
        [v.removeprefix("'") for v in row] for row in expected
    ]
    assert sheet.freeze_panes == "A2"


def test_table_docx_cells_read_back(story: Repo, tmp_path: Path) -> None:
    out = tmp_path / "table.docx"
    code, _, _ = run(story, "table", "--format", "docx", "-o", str(out))
    assert code == 0
    grid = docx.Document(str(out)).tables[0]
    code, csv_out, _ = run(story, "table", "--format", "csv")

    expected = list(csv.reader(io.StringIO(csv_out.lstrip("\ufeff"))))
    # The proposed text is its redline as tracked revisions: accepting them (the text
    # kept and inserted, whitespace normalised) gives the proposed text.
    accepted = [
        [
            " ".join("".join(t.text or "" for t in c._tc.iter(qn("w:t"))).split())
            if k == 3
            else c.text
            for k, c in enumerate(row.cells)
        ]
        for row in grid.rows
    ]
    assert accepted == [
        [" ".join(v.split()) if k == 3 else v.removeprefix("'") for k, v in enumerate(row)]
        for row in expected
    ]


def test_hostile_text_stays_text_in_word_and_excel(hostile: Repo, tmp_path: Path) -> None:
    for args, name in (
        (("table", "--format", "xlsx"), "t.xlsx"),
        (("table", "--format", "docx"), "t.docx"),
        (("diff", "first-reading", "--format", "docx"), "d.docx"),
    ):
        code, _, err = run(hostile, *args, "-o", str(tmp_path / name))
        assert (code, err) == (0, ""), name
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type == "s" for c in cells)  # never a formula
    assert any(str(c.value).startswith("=cmd()") or "=cmd()" in str(c.value) for c in cells)
    assert not any("\x1b" in str(c.value) for c in cells)
    text = "".join(t.text or "" for t in docx.Document(str(tmp_path / "d.docx")).element.iter(W_T))
    assert "\x1b" not in text


@pytest.mark.parametrize(
    "args",
    [
        ("diff", "first-reading", "--format", "docx"),
        ("table", "--format", "docx"),
        ("table", "--format", "xlsx", "--lang", "ru"),
    ],
)
def test_a_binary_format_is_never_written_to_stdout(story: Repo, args: tuple[str, ...]) -> None:
    code, out, err = run(story, *args)
    assert (code, out) == (2, "")
    assert "--output" in err


def test_an_existing_file_is_never_overwritten(story: Repo, tmp_path: Path) -> None:
    out = tmp_path / "table.xlsx"
    out.write_bytes(b"mine")
    code, stdout, err = run(story, "table", "--format", "xlsx", "-o", str(out))
    assert (code, stdout) == (1, "")
    assert "already exists" in err and err.count("\n") == 1
    assert out.read_bytes() == b"mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["table.xlsx"]


def test_a_text_format_may_go_to_a_file_too(story: Repo, tmp_path: Path) -> None:
    out = tmp_path / "table.md"
    code, stdout, _ = run(story, "table", "--format", "markdown", "-o", str(out))
    assert (code, stdout) == (0, "")
    assert out.read_text(encoding="utf-8") == run(story, "table", "--format", "markdown")[1]


@pytest.mark.parametrize("columns", ["80", "100"])
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_table_text_stays_readable_at_80_and_100_columns(
    story: Repo, columns: str, lang: str
) -> None:
    """Issue 13, item 7: narrower than the grid, one record per proposal; no line
    overflows and no word of a quoted text is folded across lines."""
    from billtrack.cli import build_app

    result = CliRunner().invoke(
        build_app(),
        ["table", "--lang", lang, "--root", str(story.path / "amendments")],
        env={"COLUMNS": columns},
    )
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= int(columns)
    assert not any("│" in line for line in lines)
    _, csv_out, _ = run(story, "table", "--format", "csv", "--lang", lang)

    # The proposed text is its redline: [-deleted-] and {+inserted+} marks around words.
    words_shown = set(re.sub(r"\[-|-\]|\{\+|\+\}", " ", result.stdout).split())
    for row in list(csv.reader(io.StringIO(csv_out.lstrip("\ufeff"))))[1:]:
        assert row[0] in result.stdout
        for cell in (row[2], row[3]):
            assert set(cell.split()) <= words_shown, cell


def test_table_text_is_a_grid_where_it_fits(story: Repo) -> None:
    from billtrack.cli import build_app

    result = CliRunner().invoke(
        build_app(), ["table", "--root", str(story.path / "amendments")], env={"COLUMNS": "160"}
    )
    assert result.exit_code == 0 and "│" in result.stdout


@settings(max_examples=60, deadline=None)
@given(st.text())
def test_any_text_makes_a_valid_word_revision_and_excel_cell(text: str) -> None:
    """Text is data: whatever a record holds, the document saves, opens again, and shows
    the text with control characters made visible (as every medium shows them)."""
    from billtrack.render import docx as word
    from billtrack.render import xlsx

    document = word.new_document(lang="ru")
    paragraph = document.add_paragraph()
    revisions = word.Revisions("billtrack", "2021-11-01T00:00:00Z")
    for op in ("=", "-", "+"):
        revisions.add(paragraph, op, text)
    buffer = io.BytesIO()
    word.save(document, buffer)
    again = docx.Document(io.BytesIO(buffer.getvalue())).paragraphs[-1]
    old, new, deletions, insertions = _sides(again)
    assert (deletions, insertions) == (1, 1)
    assert old == new == word.xml_text(text) * 2

    book = io.BytesIO()
    xlsx.sheet("t", ["h"], [[text]], [10], book)
    sheet = openpyxl.load_workbook(io.BytesIO(book.getvalue())).active
    assert sheet is not None
    value = sheet.cell(row=2, column=1).value
    assert (value or "") == (xlsx.cell_text(text) if text else "")
