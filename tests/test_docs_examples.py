"""The README's published examples are generated from the sample and kept current
(issue 13, "Done when"): a journalist's summary in both languages and an aide's committee
page, under docs/. A change in the sample or the reporters that changes them fails here;
`pytest --update-golden` regenerates them on purpose (review the diff, then commit)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.support.cli import invoke
from tests.support.pages import check_golden

PROJECT = Path(__file__).resolve().parent.parent
DOCS = PROJECT / "docs"
SAMPLE = str(PROJECT / "amendments")

EXAMPLES = {
    "journalist.ru.md": ("summary", "first-reading", "--lang", "ru"),
    "journalist.en.md": ("summary", "first-reading", "--lang", "en"),
    "committee.ru.html": (
        "diff", "first-reading", "--format", "html", "--lang", "ru", "--layout", "side-by-side",
    ),
    "committee.en.html": ("diff", "first-reading", "--format", "html", "--lang", "en"),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_the_published_examples_are_current(name: str, update_golden: bool) -> None:
    code, out, err = invoke(CliRunner(), *EXAMPLES[name], "--root", SAMPLE)
    assert (code, err) == (0, "")
    check_golden(DOCS / name, out, update_golden)


def test_the_readme_quotes_the_journalists_paragraph_as_generated() -> None:
    """The README's lede is the generated one, word for word."""
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    for name in ("journalist.ru.md", "journalist.en.md"):
        lede = (DOCS / name).read_text(encoding="utf-8").split("\n\n")[2]
        assert f"> {lede}" in readme, name
        assert f"docs/{name}" in readme
    for name in ("committee.ru.html", "committee.en.html"):
        assert f"docs/{name}" in readme
