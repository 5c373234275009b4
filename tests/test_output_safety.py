"""Output that does no more than print (issue 15, items 14-18): no autolinks or
@mentions in Markdown, no CI workflow commands in text, every CSV formula start guarded,
zero-width characters and marks shown, escapes in every JSON writer, Click's usage
errors in one line."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from billtrack.render.markdown import escape
from billtrack.render.table.csv import guard
from tests.support.cli import invoke
from tests.support.records import FOLDER, make_project
from tests.support.repos import Repo

HOSTILE = (
    "See https://evil.example/x and www.evil.example, write to aide@example.org, "
    "ping @octocat and @github/security.\\n"
    "::error file=x.py,line=1::forged\\n"
    "  ::stop-commands::token\\n"
    "##[warning]old style\\n"
    "zero\\u200bwidth, \\u200emarks\\u200f and \\u061c, bom\\ufeff."
)


@pytest.fixture
def project(git_repo: Repo) -> Repo:
    make_project(git_repo)
    bill = git_repo.path / f"{FOLDER}/bill.yaml"
    text = bill.read_text(encoding="utf-8")
    text += f'  - id: hostile\n    number: "1.4"\n    text: "{HOSTILE}"\n'
    bill.write_text(text, encoding="utf-8")
    git_repo.commit("a hostile provision")
    return git_repo


def test_markdown_makes_no_link_and_no_mention(project: Repo, cli: CliRunner) -> None:
    code, out, err = invoke(cli, "diff", "HEAD~1", "HEAD", "--format", "markdown")
    assert code in (0, 1), out + err
    for live in ("https://", "www.evil", "@octocat", "@github", "aide@example"):
        assert live not in out, live
    assert "@&#8203;octocat" in out


@given(st.text())
def test_markdown_escape_never_leaves_a_bare_url_or_mention(text: str) -> None:
    out = escape(text)
    assert "://" not in out
    assert "@" not in out.replace("@&#8203;", "")
    assert "www." not in out.lower()


def test_show_lines_are_never_workflow_commands(project: Repo, cli: CliRunner) -> None:
    code, out, err = invoke(cli, "show", "hostile")
    assert code == 0, out + err
    for line in out.splitlines():
        assert not line.lstrip().startswith(("::", "##[")), line
    assert "\\x3a:error" in out


def test_zero_width_characters_are_marked_in_every_output(project: Repo, cli: CliRunner) -> None:
    outputs = [
        invoke(cli, "show", "hostile")[1],
        invoke(cli, "show", "hostile", "--format", "json")[1],
        invoke(cli, "diff", "HEAD~1", "HEAD")[1],
        invoke(cli, "diff", "HEAD~1", "HEAD", "--format", "markdown")[1],
        invoke(cli, "diff", "HEAD~1", "HEAD", "--format", "json")[1],
        invoke(cli, "diff", "HEAD~1", "HEAD", "--format", "html")[1],
    ]
    for out in outputs:
        assert out
        for mark in "\u200b\u200e\u200f\u061c\ufeff":
            assert mark not in out
        assert "200b" in out
    shown = json.loads(outputs[1])
    assert "\u200b" in shown["provision"]["text"]  # the data itself is unchanged


def test_show_json_escapes_controls_and_bidi(git_repo: Repo, cli: CliRunner) -> None:
    make_project(git_repo)
    bill = git_repo.path / f"{FOLDER}/bill.yaml"
    text = bill.read_text(encoding="utf-8")
    text += '  - id: odd\n    text: "a\\u0085b\\u202ec\\u2028d"\n'
    bill.write_text(text, encoding="utf-8")
    code, out, err = invoke(cli, "show", "odd", "--format", "json")
    assert code == 0, out + err
    for raw in "\u0085\u202e\u2028":
        assert raw not in out
    assert json.loads(out)["provision"]["text"] == "a\u0085b\u202ec\u2028d"


def test_validate_json_escapes_file_names(git_repo: Repo, cli: CliRunner) -> None:
    make_project(git_repo)
    git_repo.write(f"{FOLDER}/proposals/bad\u202e\u200b.yaml", "id: [\n")
    code, out, err = invoke(cli, "validate", "--format", "json")
    assert code == 1, out + err
    assert "\u202e" not in out and "\u200b" not in out
    json.loads(out)


FORMULA_STARTS = ["=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20"]
SKIPPED = [" ", "\n", "\r", "\t", "\u00a0", "\u3000", "\u200b", "\ufeff"]


@pytest.mark.parametrize("lead", ["", *SKIPPED, " \u00a0"])
@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_csv_guard_covers_every_formula_start(lead: str, start: str) -> None:
    assert guard(f"{lead}{start}1+1").startswith("'")


@given(st.text(min_size=1))
def test_csv_guard_leaves_no_cell_a_spreadsheet_could_evaluate(text: str) -> None:
    value = guard(text)
    stripped = value.lstrip("".join(SKIPPED) + "\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x1f\x85")
    assert value.startswith("'") or not stripped.startswith(tuple(FORMULA_STARTS))
    if not value.startswith("'"):
        assert value[:1] not in SKIPPED


def test_csv_table_guards_a_cell_with_a_leading_space(git_repo: Repo, cli: CliRunner) -> None:
    make_project(git_repo)
    git_repo.write(
        f"{FOLDER}/proposals/P-1.yaml",
        """
        id: P-1
        date: "2021-10-01"
        author: government
        action: replace
        target: local-office
        text: " =HYPERLINK(\\"http://x\\")"
        rationale: "\\uff1dSUM(A1)"
        """,
    )
    code, out, err = invoke(cli, "table", "--format", "csv")
    assert code == 0, out + err
    cells = [c for row in csv.reader(io.StringIO(out.lstrip("\ufeff"))) for c in row]
    hostile = [c for c in cells if "HYPERLINK" in c or "SUM(" in c]
    assert hostile and all(c.startswith("'") for c in hostile), hostile


@pytest.mark.parametrize(
    "args",
    [
        ["diff", "--frmat", "json"],
        ["histroy"],
        ["history"],
        ["diff", "--format", "xml"],
        ["validate", "--strict", "extra", "--nope"],
    ],
)
def test_click_usage_errors_are_one_billtrack_line(
    git_repo: Repo, cli: CliRunner, args: list[str]
) -> None:
    from tests.support.cli import run_billtrack

    done = run_billtrack(*args, cwd=git_repo.path)
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("billtrack: error: "), done.stderr
    assert "-h`" in lines[0]
