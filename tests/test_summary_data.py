"""Bills built in real temp git repositories for the summary and table tests, and the
checks their outputs share (HTML well-formed and self-contained, commit ids masked).

`build_story` writes a small bill with a history: a first text, a reading that pins
it, a consultation with positions, proposals, a negotiation that decides them, and
the text after the compromise. `build_hostile` is the same story with hostile text
(Markdown, HTML, CSV formulas, terminal escapes, newlines) in every field a report
shows. The tests here check that both are valid billtrack data.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.support.cli import invoke
from tests.support.summary import build_hostile, build_story

# --- the builders make valid data --------------------------------------------------------


@pytest.mark.parametrize("builder", [build_story, build_hostile])
def test_built_bills_are_valid(builder: object, tmp_path: Path, cli: CliRunner) -> None:
    assert callable(builder)
    repo, _ = builder(tmp_path / "repo")
    code, out, err = invoke(cli, "validate", "--root", str(repo.path / "amendments"))
    assert code == 0, out + err
