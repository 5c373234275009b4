"""The committee-ready diff page (issue 13, item 4) printed by headless Chromium to PDF:
no provision's card is split across pages, every page has the running header (bill and
versions) and its number, in both layouts and both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from billtrack.render.html import css_string
from billtrack.render.text import clean
from tests.support.browser import find_chromium, print_to_pdf
from tests.support.cli import run_billtrack

ROOT = Path(__file__).resolve().parent.parent


def _marked(page: str) -> tuple[str, int]:
    """The page with a marker at the start and the end of each card (ASCII, so the PDF's
    text holds it whole), and the number of cards."""
    count = 0

    def start(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return f"{match.group()}<p>QSTART{count}Q</p>"

    page = re.sub(r"<article [^>]*>", start, page)
    ends = iter(range(1, count + 1))
    page = re.sub(r"</article>", lambda _: f"<p>QEND{next(ends)}Q</p></article>", page)
    return page, count


@pytest.mark.slow
@pytest.mark.parametrize("layout", ["stacked", "side-by-side"])
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_printed_cards_are_never_split(tmp_path: Path, layout: str, lang: str) -> None:
    browser = find_chromium()
    done = run_billtrack(
        "diff", "first-reading", "--format", "html", "--layout", layout, "--lang", lang, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    page, cards = _marked(done.stdout)
    assert cards >= 5
    html = tmp_path / "diff.html"
    html.write_text(page, encoding="utf-8")
    pdf = tmp_path / "diff.pdf"
    print_to_pdf(browser, html, pdf, tmp_path / "profile")
    pages = [p.extract_text() for p in PdfReader(pdf).pages]
    assert len(pages) >= 2, "the sample should take several pages"

    def page_of(marker: str) -> int:
        found = [n for n, text in enumerate(pages) if marker in text]
        assert len(found) == 1, (marker, found)
        return found[0]

    for card in range(1, cards + 1):
        assert page_of(f"QSTART{card}Q") == page_of(f"QEND{card}Q"), f"card {card} is split"
    title, versions = {
        "en": ("Child protection", "first reading"),
        "ru": ("Поправки о защите прав ребёнка", "первое чтение"),
    }[lang]
    for number, text in enumerate(pages, start=1):
        assert f"{number} / {len(pages)}" in text
        assert title in text and versions in text


@given(st.text())
def test_a_running_header_string_cannot_leave_its_css_string(text: str) -> None:
    body = css_string(text)
    # Only letters, digits and escapes: nothing that ends a string, a rule or <style>.
    assert all(c.isalnum() or c == "\\" for c in body)
    decoded = re.sub(r"\\([0-9a-f]{6})", lambda m: chr(int(m.group(1), 16)), body)
    assert decoded == clean(text)


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [
        ("summary", "first-reading", "--format", "html", "--lang", "ru"),
        ("table", "--format", "html", "--lang", "ru"),
    ],
)
def test_the_other_html_reports_print(tmp_path: Path, command: tuple[str, ...]) -> None:
    """The summary and the table print too: every page with text, the title on the first."""
    browser = find_chromium()
    done = run_billtrack(*command, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    html = tmp_path / "report.html"
    html.write_text(done.stdout, encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    print_to_pdf(browser, html, pdf, tmp_path / "profile")
    pages = [p.extract_text() for p in PdfReader(pdf).pages]
    assert pages and all(text.strip() for text in pages)
    assert "Поправки о защите прав ребёнка" in pages[0]
