"""The HTML reports in a real browser: headless Chromium loads each page and prints the
DOM it built. The page must come out as the reporter meant it (the redline's <del> and
<ins>, every provision's article), with hostile provision text shown as text and no
script element anywhere, whatever the text tried.

Chromium is installed by .ci/run; elsewhere the test is skipped when it is missing
(but never in CI, where a missing browser is a failure).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.support.cli import invoke
from tests.support.repos import PARTIES, Repo, bill_yaml

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:y) | **b**"
BILL = "amendments/test-bill/bill.yaml"


def _browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser() -> str:
    found = _browser()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install Chromium (.ci/run does, with apt-get)")
        pytest.skip("no Chromium on this machine")
    return found


def render(browser: str, page: Path, profile: Path) -> str:
    """The DOM Chromium builds from the page (file://, no network)."""
    done = subprocess.run(
        [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-quic", f"--user-data-dir={profile}", "--dump-dom", page.as_uri(),
        ],
        capture_output=True, text=True, timeout=90,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(dom: str) -> _Elements:
    elements = _Elements()
    elements.feed(dom)
    return elements


@pytest.fixture
def hostile_bill(git_repo: Repo) -> Repo:
    git_repo.write("amendments/parties.yaml", PARTIES)
    provisions = '- id: a\n  text: "Сеть удаляет контент незамедлительно."\n- id: b\n  text: "x"\n'
    git_repo.write(BILL, bill_yaml(provisions=provisions))
    git_repo.commit("first")
    hostile = HOSTILE.replace('"', '\\"')
    provisions = (
        f'- id: a\n  text: "Сеть удаляет контент в течение суток."\n- id: b\n  text: "{hostile}"\n'
    )
    git_repo.write(BILL, bill_yaml(provisions=provisions))
    return git_repo


@pytest.mark.slow
@pytest.mark.parametrize("command", [["diff", "HEAD"], ["summary", "HEAD"]])
def test_the_html_reports_render_in_a_browser_as_meant(
    browser: str, hostile_bill: Repo, cli: CliRunner, tmp_path: Path, command: list[str]
) -> None:
    code, out, err = invoke(cli, *command, "--format", "html")
    assert code == 0, err
    page = tmp_path / "report.html"
    page.write_text(out, encoding="utf-8")
    dom = parse(render(browser, page, tmp_path / "profile"))
    assert "script" not in dom.tags and "img" not in dom.tags
    assert {"del", "ins"} <= set(dom.tags)
    shown = "".join(dom.text)
    assert HOSTILE in shown  # the whole hostile text, as text
    assert "незамедлительно" in shown and "в течение суток" in shown
