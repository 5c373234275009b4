"""The comparative table shows each proposal's redline against the text it was made
against (issue 11): <del>/<ins> in HTML and Markdown, escaped; the text engine's marks
on the terminal; tracked revisions in Word; the plain proposed text in CSV and Excel."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn
from typer.testing import CliRunner

from billtrack.model import Proposal, Provision
from billtrack.table import _redline
from tests.support.cli import invoke
from tests.support.repos import PARTIES, Repo

BILL = "amendments/test-bill"
OLD = "Платформа удаляет <b>контент</b> незамедлительно."
NEW = "Платформа удаляет <b>контент</b> в течение суток & сообщает."


@pytest.fixture
def proposed(git_repo: Repo) -> Repo:
    repo = git_repo
    repo.write("amendments/parties.yaml", PARTIES)
    repo.write(
        f"{BILL}/bill.yaml",
        "id: test-bill\ntitle: A test bill\njurisdiction: KZ\nlanguage: ru\n"
        "stages: [first-reading, second-reading]\nprovisions:\n"
        f'  - id: a\n    number: "1"\n    text: Общие положения.\n'
        f'  - id: b\n    number: "2"\n    text: "{OLD}"\n',
    )
    v1 = repo.commit("first reading", date="2022-01-15T12:00:00")
    repo.write(
        f"{BILL}/events/2022-01-first-reading.yaml",
        'date: "2022-01-15"\nkind: reading\nstage: first-reading\nbody: mazhilis\n'
        f"outcome: approved\nversion: {v1}\n",
    )
    repo.write(
        f"{BILL}/proposals/P-0001.yaml",
        f'date: "2022-01-20"\nauthor: government\naction: replace\ntarget: b\ntext: "{NEW}"\n',
    )
    repo.write(
        f"{BILL}/proposals/P-0002.yaml",
        'date: "2022-01-20"\nauthor: government\naction: add\ntarget: c\nafter: b\n'
        "text: Новый пункт.\n",
    )
    repo.commit("proposals", date="2022-01-21T12:00:00")
    return repo


def test_a_row_holds_the_redline_per_language() -> None:
    target = Provision("b", {"ru": "один два", "kk": "бір екі"})
    assert _redline(target, "ru", "один три", "ru") == (("=", "один "), ("-", "два"), ("+", "три"))
    # The target has no text in the proposal's language: nothing to set it against.
    assert _redline(Provision("b", {"kk": "бір екі"}), "ru", "один три", "ru") == ()
    assert _redline(None, "ru", "один", "ru") == ()
    assert Proposal("P", "2022", "gov", "drop", "b").text is None


def test_markdown_shows_the_redline_escaped(proposed: Repo, cli: CliRunner) -> None:
    code, out, err = invoke(cli, "table", "--format", "markdown")
    assert code == 0, err
    row = next(line for line in out.splitlines() if line.startswith("| P-0001"))
    assert (
        "Платформа удаляет \\<b\\>контент\\</b\\> <del>незамедлительно</del>"
        "<ins>в течение суток \\& сообщает</ins>."
    ) in row
    # A new provision has nothing to set it against: its text as proposed.
    added = next(line for line in out.splitlines() if line.startswith("| P-0002"))
    assert "<ins>" not in added and "Новый пункт." in added


def test_html_shows_the_redline_escaped(proposed: Repo, cli: CliRunner) -> None:
    code, out, err = invoke(cli, "table", "--format", "html")
    assert code == 0, err
    assert (
        '<td class="text redline" lang="ru">Платформа удаляет &lt;b&gt;контент&lt;/b&gt; '
        "<del>незамедлительно</del><ins>в течение суток &amp; сообщает</ins>.</td>"
    ) in out
    assert "<b>" not in out


def test_text_marks_the_redline(proposed: Repo, cli: CliRunner) -> None:
    code, out, err = invoke(cli, "table")
    assert code == 0, err
    assert "[-незамедлительно-]{+в течение суток & сообщает+}." in " ".join(out.split())


def test_csv_and_xlsx_keep_the_plain_proposed_text(
    proposed: Repo, cli: CliRunner, tmp_path: Path
) -> None:
    code, out, err = invoke(cli, "table", "--format", "csv")
    assert code == 0, err
    rows = {r["No."]: r for r in csv.DictReader(io.StringIO(out.removeprefix("\ufeff")))}
    assert rows["P-0001"]["Proposed text"] == NEW
    path = tmp_path / "t.xlsx"
    assert invoke(cli, "table", "--format", "xlsx", "-o", str(path))[0] == 0
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    assert NEW in [c.value for row in sheet.iter_rows() for c in row]


def test_docx_shows_the_redline_as_tracked_revisions(
    proposed: Repo, cli: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "t.docx"
    code, _, err = invoke(cli, "table", "--format", "docx", "-o", str(path))
    assert code == 0, err
    grid = docx.Document(str(path)).tables[0]
    cell = next(row.cells[3] for row in grid.rows if row.cells[0].text == "P-0001")
    xml = cell._tc.xml
    assert "<w:del " in xml and "<w:ins " in xml and 'w:date="2022-01-20T00:00:00Z"' in xml
    deleted = "".join(t.text or "" for t in cell._tc.iter(qn("w:delText")))
    assert deleted == "незамедлительно"
    # Accepting every revision gives the proposed text.
    kept = "".join(t.text or "" for t in cell._tc.iter(qn("w:t")))
    assert kept == NEW
