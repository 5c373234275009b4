"""Golden files for `billtrack text` (issue 13, "Done when": golden files in both languages
for text): the whole sample bill at its first reading, Markdown and HTML, in Russian and
English. Run on the repository's own sample, as a new user would.

`pytest --update-golden` rewrites them on purpose; review the diff before committing.
An HTML page is two golden files: its own part, and the chrome of tests/golden/text's pages.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.support.cli import invoke
from tests.support.pages import CHROME, check_golden, check_golden_page, check_page

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = str(ROOT / "amendments")
GOLDEN = Path(__file__).parent / "golden" / "text"
FORMATS = {"markdown": "md", "html": "html"}
LANGS = ("en", "ru")
TITLE = {
    "ru": "О внесении изменений и дополнений в некоторые законодательные акты Республики "
    "Казахстан по вопросам защиты прав ребёнка",
    "en": "On amendments and additions to certain legislative acts of the Republic of "
    "Kazakhstan on the protection of the rights of the child",
}


def text(*args: str) -> str:
    code, out, err = invoke(CliRunner(), "text", "first-reading", *args, "--root", SAMPLE)
    assert (code, err) == (0, "")
    return out


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_text_golden(fmt: str, lang: str, update_golden: bool) -> None:
    out = text("--format", fmt, "--lang", lang)
    golden = GOLDEN / f"sample.{lang}.{FORMATS[fmt]}"
    if fmt == "html":
        check_page(out)
        check_golden_page(golden, out, update_golden)
    else:
        check_golden(golden, out, update_golden)


def test_every_golden_file_has_a_case() -> None:
    expected = {f"sample.{lang}.{ext}" for lang in LANGS for ext in FORMATS.values()}
    present = {p.name for p in GOLDEN.iterdir()} if GOLDEN.exists() else set()
    assert present <= expected | {CHROME}, f"stale golden files: {sorted(present - expected)}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_title_is_in_the_language_asked_for(lang: str) -> None:
    """The first reading's bill.yaml had an English title only; the bill is named as it
    goes by now (the working tree's title and its translations), as the summary names it."""
    markdown = text("--format", "markdown", "--lang", lang)
    assert markdown.startswith(f"# {TITLE[lang]}\n")
    page = check_page(text("--format", "html", "--lang", lang))
    html = [attrs for tag, attrs in page.tags if tag == "html"]
    assert html == [{"lang": lang}]
    [h1] = [attrs for tag, attrs in page.tags if tag == "h1"]
    assert "lang" not in h1  # the page's language: not a fallback
    assert page.text.count(TITLE[lang]) == 2  # the <title> and the <h1>


def test_a_missing_translation_falls_back_to_the_bills_language_and_says_so() -> None:
    """1.2 has Kazakh and Russian text: the English page shows the bill's own language
    (Russian), marked with a lang attribute, not the first language the record lists."""
    page = text("--format", "html", "--lang", "en")
    assert '<section id="child-online-safety" lang="ru">' in page
    assert "Ребёнок имеет право на защиту" in page and "Бала өзінің" not in page
    # A page in a language the title lacks: the title falls back, marked and tagged.
    kazakh = check_page(text("--format", "html", "--lang", "kk"))
    [h1] = [attrs for tag, attrs in kazakh.tags if tag == "h1"]
    assert h1 == {"lang": "ru"}
    assert kazakh.text.count(f"{TITLE['ru']} [ru]") == 2
