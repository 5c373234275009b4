"""Golden files for `billtrack summary` and `billtrack table`: every format in both
languages, on a bill built in a real temp git repository (tests/test_summary_data.py).

`pytest --update-golden` rewrites them on purpose; review the diff before committing.
An HTML page is two golden files: its own part, and the chrome its folder's pages share.
Every output is also checked for what it must be whatever the golden file says: JSON
valid against its schema, HTML well-formed and self-contained, CSV readable back.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from tests.support.cli import invoke
from tests.support.pages import CHROME, check_golden, check_golden_page, check_page
from tests.support.repos import Repo
from tests.support.summary import build_story, mask_commits, summary_schema

GOLDEN = Path(__file__).parent / "golden"
SUMMARY_FORMATS = {"markdown": "md", "html": "html", "json": "json"}
TABLE_FORMATS = {"text": "txt", "markdown": "md", "csv": "csv", "html": "html"}
LANGS = ("en", "ru")


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Repo, dict[str, str]]]:
    yield build_story(tmp_path_factory.mktemp("story") / "repo")


def run(story: tuple[Repo, dict[str, str]], *args: str) -> str:
    repo, commits = story
    code, out, err = invoke(CliRunner(), *args, "--root", str(repo.path / "amendments"))
    assert code == 0, err
    assert err == ""
    return mask_commits(out, commits)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", sorted(SUMMARY_FORMATS))
def test_summary_golden(
    fmt: str, lang: str, story: tuple[Repo, dict[str, str]], update_golden: bool
) -> None:
    out = run(story, "summary", "first-reading", "--format", fmt, "--lang", lang)
    golden = GOLDEN / f"summary/story.{lang}.{SUMMARY_FORMATS[fmt]}"
    if fmt == "html":
        check_golden_page(golden, out, update_golden)
    else:
        check_golden(golden, out, update_golden)
    if fmt == "json":
        jsonschema.validate(json.loads(out), summary_schema())
    if fmt == "html":
        check_page(out)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", sorted(TABLE_FORMATS))
def test_table_golden(
    fmt: str, lang: str, story: tuple[Repo, dict[str, str]], update_golden: bool
) -> None:
    out = run(story, "table", "--from", "first-reading", "--format", fmt, "--lang", lang)
    golden = GOLDEN / f"table/story.{lang}.{TABLE_FORMATS[fmt]}"
    if fmt == "html":
        check_golden_page(golden, out, update_golden)
    else:
        check_golden(golden, out, update_golden)
    if fmt == "html":
        check_page(out)
    if fmt == "csv":
        assert out.startswith("\ufeff")
        rows = list(csv.reader(io.StringIO(out[1:], newline="")))
        assert len(rows) == 1 + 5  # the header and one row per proposal
        assert all(len(row) == 8 for row in rows)


def test_every_golden_file_has_a_case() -> None:
    expected = {f"summary/story.{lang}.{ext}" for lang in LANGS for ext in SUMMARY_FORMATS.values()}
    expected |= {f"table/story.{lang}.{ext}" for lang in LANGS for ext in TABLE_FORMATS.values()}
    expected |= {f"{folder}/{CHROME}" for folder in ("summary", "table")}
    present = {
        p.relative_to(GOLDEN).as_posix()
        for folder in ("summary", "table")
        if (GOLDEN / folder).exists()
        for p in (GOLDEN / folder).iterdir()
    }
    assert present <= expected, f"stale golden files: {sorted(present - expected)}"


def test_summary_of_the_story(story: tuple[Repo, dict[str, str]]) -> None:
    """What the golden files must say, checked independently of them."""
    data = json.loads(run(story, "summary", "first-reading", "--format", "json"))
    assert data["counts"] == {
        "dropped": 1,
        "added": 1,
        "reworded": 1,
        "renamed": 0,
        "other": 1,
        "unchanged": 1,
    }
    assert data["headline"] == (
        "Between the first reading on 15 February 2023 and the current text, "
        "1 provision was dropped, 1 was added and 1 reworded."
    )
    [dropped] = data["dropped"]
    assert dropped["id"] == "local-office"
    assert [r["id"] for r in dropped["replaced_by"]] == ["representative"]
    assert [p["id"] for p in dropped["proposals"]] == ["P-1"]
    [added] = data["added"]
    assert [r["id"] for r in added["replaces"]] == ["local-office"]
    [reworded] = data["reworded"]
    assert reworded["language"] == "ru"
    assert ["-", " незамедлительно"] in reworded["redline"]
    assert [e["id"] for e in data["events"]] == [
        "2023-02-first-reading",
        "2023-03-consultation",
        "2023-04-agreement",
    ]
    stances = {s["party"]["id"]: s["stance"] for s in data["stances"]}
    assert stances == {"examplenet": "agrees", "chatapp": "no-contact"}
    assert data["sources"] == [
        "News report A, 2023-03",
        "Parliament press release, 2023-02-15",
        "Ministry statement, 2023-04-10",
    ]


def test_summary_in_russian(story: tuple[Repo, dict[str, str]]) -> None:
    out = run(story, "summary", "first-reading", "--lang", "ru")
    assert (
        "Между первым чтением 15 февраля 2023 г. и текущей редакцией исключено 1 положение, "
        "добавлено 1 положение и изменена редакция 1 положения." in out
    )
    assert "Взамен: 1.2 «Представитель платформы»." in out
    assert "**ExampleNet** — поддерживает (переговоры, 10 апреля 2023 г.)" in out
    # The bill's text is quoted as written, the language matching --lang where it has one.
    assert "запрещённый контент" in out and "талапты" not in out


def test_table_of_the_story(story: tuple[Repo, dict[str, str]]) -> None:
    out = run(story, "table", "--from", "first-reading", "--format", "csv", "--lang", "ru")
    rows = list(csv.reader(io.StringIO(out.removeprefix("\ufeff"), newline="")))
    assert rows[0] == [
        "№ п/п",
        "Структурный элемент",
        "Редакция на момент первого чтения (15 февраля 2023 г.)",
        "Предлагаемая редакция",
        "Вид поправки",
        "Автор",
        "Обоснование",
        "Решение",
    ]
    # In the order of the provisions at FROM; an `add` right after the one it follows.
    assert [row[0] for row in rows[1:]] == ["P-1", "P-2", "P-3", "P-5", "P-4"]
    by_id = {row[0]: row for row in rows[1:]}
    assert by_id["P-1"][1] == "1.2 «Представительство платформы»"
    assert by_id["P-1"][3] == ""  # a drop proposes no text
    assert by_id["P-2"][1] == "новое, после 1.2 «Представительство платформы»"
    assert by_id["P-2"][2] == ""  # not in the text at FROM
    assert by_id["P-4"][7] == "отклонено, 10 апреля 2023 г., Government of Kazakhstan"
    assert by_id["P-5"][7] == "внесено"
