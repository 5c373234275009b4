"""Publishable in the bill's own language (issue 13, "Done when"): the Russian summary
of the sample has no English prose, and the English one no Russian outside the quoted
provisions. Run on the repository's own sample, as a new user would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.support.cli import invoke

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = str(ROOT / "amendments")

# Four words of Latin letters in a row, as any English sentence has; a list of names
# ("Facebook, Instagram, WhatsApp, TikTok") is separated by commas and is not prose.
ENGLISH_RUN = re.compile(r"\b[A-Za-z][A-Za-z'’-]*(?:\s+[A-Za-z][A-Za-z'’-]*){3}\b")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def summary(*args: str) -> str:
    code, out, err = invoke(CliRunner(), "summary", "first-reading", *args, "--root", SAMPLE)
    assert (code, err) == (0, "")
    return out


def _prose(markdown: str) -> str:
    """The text a reader reads as prose: no code spans, URLs or HTML tags."""
    markdown = re.sub(r"`[^`]*`", " ", markdown)
    markdown = re.sub(r"https?://\S+", " ", markdown)
    return re.sub(r"<[^>]+>", " ", markdown)


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_russian_summary_has_no_english_prose(fmt: str) -> None:
    out = summary("--lang", "ru", "--format", fmt)
    if fmt == "html":
        out = re.sub(r"<style>.*?</style>", " ", out, flags=re.DOTALL)
    found = ENGLISH_RUN.findall(_prose(out))
    assert found == []


def test_the_english_summary_has_no_russian_outside_quoted_provisions() -> None:
    out = summary("--lang", "en")
    lines = []
    for line in out.splitlines():
        if line.startswith(">"):  # a quoted provision text, with its redline
            continue
        lines.append(re.sub(r"“[^”]*”", "“”", line))  # a provision's quoted heading
    russian = [line for line in lines if CYRILLIC.search(line)]
    assert russian == []


def test_no_internal_path_and_no_stage_id_in_either_language() -> None:
    for lang in ("en", "ru"):
        out = summary("--lang", lang)
        assert "../" not in out and "FACTS.md" not in out
        assert "mazhilis-agreement" not in out
        assert "government-conclusion" not in out


def test_the_russian_title_is_lower_case_after_its_colon() -> None:
    assert summary("--lang", "ru").splitlines()[0].endswith(": что изменилось")


def test_the_quoted_norm_is_not_cut_by_a_single_word() -> None:
    out = summary("--lang", "ru")
    assert "содержащие … в отношении" not in out
    assert "содержащие кибербуллинг в отношении ребёнка" in out


def test_the_table_names_the_bill_as_it_is_named_now() -> None:
    """The table quotes the latest reading's text, whose bill.yaml predates the Russian
    title and the stage labels: the names come from the bill as it stands."""
    code, out, _ = invoke(
        CliRunner(), "table", "--lang", "ru", "--format", "markdown", "--root", SAMPLE
    )
    assert code == 0
    first = out.splitlines()[0]
    assert (
        first
        == "# Поправки о защите прав ребёнка (онлайн-платформы): сравнительная таблица поправок"
    )
    assert "mazhilis-agreement" not in out
    assert "согласие Мажилиса с поправками Сената" in out
