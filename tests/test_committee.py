"""The committee-ready diff page (issue 13, item 4): the bill's title, provisions headed
by number and heading in the bill's language (id second), proposals with author,
decision and date, moves said in words, labels in the page's language, and both layouts.
Golden files in both languages and layouts; the printing is tests/test_html_print.py's."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.support.cli import invoke
from tests.support.history import write_bill
from tests.support.pages import check_golden, check_page
from tests.support.repos import Repo
from tests.support.summary import build_story, mask_commits

GOLDEN = Path(__file__).parent / "golden" / "committee"


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Repo, dict[str, str]]]:
    yield build_story(tmp_path_factory.mktemp("story") / "repo")


def run(story: tuple[Repo, dict[str, str]], *args: str) -> str:
    repo, commits = story
    code, out, err = invoke(CliRunner(), *args, "--root", str(repo.path / "amendments"))
    assert (code, err) == (0, "")
    return mask_commits(out, commits)


@pytest.mark.parametrize("layout", ["stacked", "side-by-side"])
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_diff_html_golden(
    story: tuple[Repo, dict[str, str]], lang: str, layout: str, update_golden: bool
) -> None:
    out = run(
        story, "diff", "first-reading", "--format", "html", "--lang", lang, "--layout", layout
    )
    check_golden(GOLDEN / f"diff.{lang}.{layout}.html", out, update_golden)
    check_page(out)


def test_the_russian_page_has_no_english_labels(story: tuple[Repo, dict[str, str]]) -> None:
    out = run(story, "diff", "first-reading", "--format", "html", "--lang", "ru")
    assert '<html lang="ru">' in out
    visible = re.sub(r"<style>.*?</style>|<[^>]+>", " ", out, flags=re.DOTALL)
    for english in ("from", "to", "provision", "status", "changes", "proposals", "modified"):
        assert not re.search(rf"\b{english}\b", visible), english
    assert "автор:" in out  # proposals with their author and decision


def test_cards_are_headed_by_number_and_heading(story: tuple[Repo, dict[str, str]]) -> None:
    out = run(story, "diff", "first-reading", "--format", "html", "--lang", "ru")
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", out)
    assert headings
    assert all(re.match(r"\d", h) for h in headings), headings
    assert all('<span class="id">' in h for h in headings)


def test_side_by_side_puts_old_and_new_in_two_columns(story: tuple[Repo, dict[str, str]]) -> None:
    out = run(story, "diff", "first-reading", "--format", "html", "--layout", "side-by-side")
    rows = re.findall(
        r'<td class="text old">(.*?)</td>\s*<td class="text new">(.*?)</td>', out, re.S
    )
    assert rows
    for old, new in rows:
        assert "<ins>" not in old and "<del>" not in new


def test_a_move_says_where_to(git_repo: Repo, cli: CliRunner) -> None:
    git_repo.write("amendments/parties.yaml", "- id: m\n  name: M\n  kind: chamber\n")
    write_bill(git_repo, ("a", "1", "Первый."), ("b", "2", "Второй."), ("c", "3", "Третий."))
    git_repo.commit("one")
    write_bill(git_repo, ("a", "1", "Первый."), ("c", "3", "Третий."), ("b", "2", "Второй."))
    code, out, _ = invoke(cli, "diff", "HEAD", "--format", "html", "--lang", "en")
    assert code == 0
    assert "moved: now after 3" in out
