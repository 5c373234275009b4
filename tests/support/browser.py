"""Headless Chromium for the HTML tests: finding it, and printing a page to PDF."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-quic",
)  # fmt: skip


def find_chromium() -> str:
    """The browser; a skip where it is missing (a failure in CI, which installs it)."""
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("CI must install Chromium (.ci/run does, with apt-get)")
    pytest.skip("no Chromium on this machine")


def print_to_pdf(browser: str, page: Path, pdf: Path, profile: Path) -> None:
    """Print `page` as Chromium prints it (the page's own @page rules, no browser header)."""
    done = subprocess.run(
        [
            browser, *FLAGS, f"--user-data-dir={profile}", "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}", page.as_uri(),
        ],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0 and pdf.is_file(), done.stderr[-2000:]
