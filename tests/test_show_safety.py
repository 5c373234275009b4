"""File text reaches the terminal as data in `show`, and as escaped strings in every JSON
document: an event's kind and outcome and a proposal's action are not schema-checked on
the way to `show`, so they once went to the terminal raw, escape sequences included."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tests.support.cli import invoke
from tests.support.repos import PARTIES, Repo, bill_yaml

BILL = "amendments/test-bill/bill.yaml"
PROVISIONS = """
- id: local-office
  number: "2"
  text: "Иностранная сеть открывает представительство\\u202e в Казахстане.\\x85"
"""
# YAML's double-quoted escapes: \e is ESC; \a is BEL (ends an OSC 8 hyperlink).
EVENT = """
date: "2021-11"
kind: "negotiation\\e[31m"
outcome: "agreed\\e[2J"
provisions: [local-office]
"""
PROPOSAL = """
date: "2021-11"
author: government
action: "drop\\e]8;;https://example.org\\a"
target: local-office
"""
RAW = ("\x1b[31m", "\x1b[2J", "\x1b]8;;", "\x07", "\u202e", "\x85")


@pytest.fixture
def hostile(git_repo: Repo) -> Repo:
    git_repo.write("amendments/parties.yaml", PARTIES)
    git_repo.write(BILL, bill_yaml(provisions=PROVISIONS))
    git_repo.write("amendments/test-bill/events/2021-11-talks.yaml", EVENT)
    git_repo.write("amendments/test-bill/proposals/P-0001.yaml", PROPOSAL)
    git_repo.commit("hostile records")
    return git_repo


@pytest.mark.parametrize("color", ["never", "always"])
def test_show_text_cleans_every_field(hostile: Repo, cli: CliRunner, color: str) -> None:
    code, out, err = invoke(cli, "show", "local-office", "--color", color)
    assert code == 0, err
    for raw in RAW:
        assert raw not in out
    assert "event 2021-11-talks: negotiation\\x1b[31m (2021-11), agreed\\x1b[2J" in out
    assert "proposal P-0001: drop\\x1b]8;;https://example.org\\x07 by government" in out
    assert "представительство\\u202e в Казахстане.\\x85" in out


def test_show_json_escapes_what_a_terminal_would_act_on(hostile: Repo, cli: CliRunner) -> None:
    code, out, err = invoke(cli, "show", "local-office", "--format", "json")
    assert code == 0, err
    assert "\u202e" not in out and "\x85" not in out
    assert "\\u202e" in out and "\\u0085" in out
    document = json.loads(out)  # the escapes decode to the data as in the file
    assert document["provision"]["text"].endswith("представительство\u202e в Казахстане.\x85")
    assert document["proposals"][0]["action"] == "drop\x1b]8;;https://example.org\x07"


def test_validate_json_escapes_what_a_terminal_would_act_on(hostile: Repo, cli: CliRunner) -> None:
    # A file whose name holds a bidi override and a C1 control: problems name it.
    hostile.write("amendments/test-bill/proposals/P-0002\u202e\x9b.yaml", PROPOSAL)
    code, out, _ = invoke(cli, "validate", "--format", "json")
    assert code == 1
    assert "\u202e" not in out and "\x9b" not in out
    paths = [p["path"] for p in json.loads(out)["problems"]]
    assert any("P-0002\u202e\x9b.yaml" in path for path in paths)
