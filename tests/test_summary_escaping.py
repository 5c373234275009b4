"""Hostile text in the files stays text in every format of `summary` and `table`:
Markdown control characters, links, raw HTML, table pipes, newlines, terminal escape
sequences, rich markup and spreadsheet formulas (tests/test_summary_data.py puts them
in names, headings, provision texts, rationales, notes and sources)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from tests.support.cli import invoke
from tests.support.pages import check_page
from tests.support.repos import Repo
from tests.support.summary import HOSTILE, build_hostile

LANGS = ("en", "ru")
# Markdown syntax that must never appear unescaped: a link or image, raw HTML other
# than the reporters' own <br>, <del> and <ins>, emphasis, a table pipe.
_UNESCAPED_BRACKET = re.compile(r"(?<!\\)[\[\]]")
_UNESCAPED_TAG = re.compile(r"(?<!\\)<(?!/?(?:br|del|ins)>)")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Repo]:
    repo, _ = build_hostile(tmp_path_factory.mktemp("hostile") / "repo")
    yield repo


def run(repo: Repo, *args: str) -> str:
    code, out, err = invoke(CliRunner(), *args, "--root", str(repo.path / "amendments"))
    assert code == 0, err
    return out


def no_raw_controls(out: str) -> None:
    assert "\x1b" not in out
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", out.replace("\r\n", "\n"))


@pytest.mark.parametrize("lang", LANGS)
def test_summary_markdown(hostile: Repo, lang: str) -> None:
    out = run(hostile, "summary", "first-reading", "--lang", lang)
    no_raw_controls(out)
    assert HOSTILE.split("\x1b")[0].split("|")[1].strip() == "cell"  # the fixture holds it
    for line in out.splitlines():
        assert not _UNESCAPED_BRACKET.search(line), line
        assert not _UNESCAPED_TAG.search(line), line
        assert not _UNESCAPED_PIPE.search(line), line
        # Emphasis only from the reporter's own bold labels.
        assert not re.search(r"(?<![\\*])\*(?!\*)", line), line
        assert not re.search(r"(?<!\\)_", line), line
        # No line of file text starts a block (heading, list, setext underline).
        stripped = line.lstrip()
        assert not stripped.startswith(("# heading", "- item", "=cmd", "=")), line
    assert "\\<script\\>alert(1)\\</script\\>" in out
    assert "\\[x\\](javascript:alert(1))" in out


@pytest.mark.parametrize("lang", LANGS)
def test_summary_html(hostile: Repo, lang: str) -> None:
    out = run(hostile, "summary", "first-reading", "--format", "html", "--lang", lang)
    no_raw_controls(out)
    page = check_page(out)
    text = "".join(page.text)
    assert "<script>alert(1)</script>" in text  # shown as text, never run
    assert "<img src=http://evil.example/x.png>" in text
    assert "\\x1b[31mred" in text  # the escape sequence made visible


@pytest.mark.parametrize("lang", LANGS)
def test_summary_json(hostile: Repo, lang: str) -> None:
    out = run(hostile, "summary", "first-reading", "--format", "json", "--lang", lang)
    no_raw_controls(out)
    data = json.loads(out)
    # JSON carries the data exactly as written.
    [added] = data["added"]
    assert added["heading"] == HOSTILE
    assert data["stances"][0]["party"]["name"] == HOSTILE


@pytest.mark.parametrize("lang", LANGS)
def test_table_markdown(hostile: Repo, lang: str) -> None:
    out = run(hostile, "table", "--from", "first-reading", "--format", "markdown", "--lang", lang)
    no_raw_controls(out)
    rows = [line for line in out.splitlines() if line.startswith("|")]
    assert len(rows) == 2 + 5
    for row in rows:
        # Exactly the reporter's own pipes: eight cells, nothing from a file breaks out.
        assert len(_UNESCAPED_PIPE.findall(row)) == 9, row
        assert not _UNESCAPED_BRACKET.search(row), row
        assert not _UNESCAPED_TAG.search(row), row


@pytest.mark.parametrize("lang", LANGS)
def test_table_html(hostile: Repo, lang: str) -> None:
    out = run(hostile, "table", "--from", "first-reading", "--format", "html", "--lang", lang)
    no_raw_controls(out)
    page = check_page(out)
    assert "=cmd()|calc" in "".join(page.text)


@pytest.mark.parametrize("lang", LANGS)
def test_table_csv(hostile: Repo, lang: str) -> None:
    out = run(hostile, "table", "--from", "first-reading", "--format", "csv", "--lang", lang)
    assert out.startswith("\ufeff")
    no_raw_controls(out)
    rows = list(csv.reader(io.StringIO(out[1:], newline="")))
    assert len(rows) == 1 + 5 and all(len(row) == 8 for row in rows)
    cells = [cell for row in rows for cell in row]
    for cell in cells:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert "'=cmd()|calc" in cells
    assert "'+1 @SUM(A1)" in cells
    # A cell with line breaks is one cell, its lines kept.
    assert any(cell.startswith("# heading\n- item\n=cmd()") for cell in cells)


def test_table_text(hostile: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "2000")  # wide enough that no cell wraps
    out = run(hostile, "table", "--from", "first-reading", "--lang", "en")
    no_raw_controls(out)
    assert "[bold]rich[/bold]" in out  # rich markup shown, not applied
    assert "\\x1b[31mred" in out
    assert "<script>alert(1)</script>" in out
