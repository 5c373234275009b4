"""The JSON summary says what the Markdown and HTML summaries say: the lede, and the
footnote numbers (`notes`) of each proposal and event into the numbered `sources` list.
Added as optional fields within billtrack/summary/1: a document written before them is
still valid. Run on the repository's own sample and on the story bill in a temp repo."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from billtrack.render.markdown import inline
from tests.support.cli import invoke
from tests.support.repos import Repo
from tests.support.summary import build_story, summary_schema

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = str(ROOT / "amendments")
MARKS = re.compile(r" \\\[(\d+(?:, \d+)*)\\\]$")  # the Markdown's footnote marks: ` \[1, 3\]`


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Repo]:
    repo, _ = build_story(tmp_path_factory.mktemp("story") / "repo")
    yield repo


def summary(root: str, *args: str) -> str:
    code, out, err = invoke(CliRunner(), "summary", "first-reading", *args, "--root", root)
    assert (code, err) == (0, "")
    return out


def _proposals(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The proposals in the order the Markdown lists them (`other` lists none)."""
    return [
        p for kind in ("dropped", "added", "reworded") for i in data[kind] for p in i["proposals"]
    ]


def _marks(markdown: str, pattern: str) -> list[list[int]]:
    """The footnote numbers of the Markdown lines that match `pattern`, in order."""
    found = []
    for line in markdown.splitlines():
        if re.match(pattern, line):
            match = MARKS.search(line)
            found.append([int(n) for n in match.group(1).split(", ")] if match else [])
    return found


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_sample_json_has_the_lede_and_the_footnotes_of_the_markdown(lang: str) -> None:
    data = json.loads(summary(SAMPLE, "--format", "json", "--lang", lang))
    jsonschema.validate(data, summary_schema())
    assert data["schema"] == "billtrack/summary/1"
    markdown = summary(SAMPLE, "--format", "markdown", "--lang", lang)
    assert data["lede"] and f"\n{inline(data['lede'])}\n" in markdown
    rationale = "  - Rationale: " if lang == "en" else "  - Обоснование: "
    with_rationale = [p["notes"] for p in _proposals(data) if p["rationale"]]
    assert with_rationale == _marks(markdown, re.escape(rationale))
    summarised = [e["notes"] for e in data["events"] if e["summary"]]
    assert summarised == _marks(markdown, "  [^ -]")  # an event's account, under its line
    assert any(with_rationale) and any(summarised)  # the sample cites its sources
    cited = {n for p in _proposals(data) for n in p["notes"]}
    cited |= {n for e in data["events"] for n in e["notes"]}
    assert cited <= set(range(1, len(data["sources"]) + 1))  # note n is sources[n - 1]
    numbered = [f"{k}. {inline(s)}" for k, s in enumerate(data["sources"], 1)]
    assert all(f"\n{line}\n" in markdown + "\n" for line in numbered)


def test_the_story_json_cites_by_number_and_has_its_lede(story: Repo) -> None:
    data = json.loads(summary(str(story.path / "amendments"), "--format", "json"))
    jsonschema.validate(data, summary_schema())
    assert data["lede"].startswith("Provision 1.2 “Представительство платформы” was dropped")
    [dropped] = data["dropped"]
    assert [(p["id"], p["notes"]) for p in dropped["proposals"]] == [("P-1", [1])]
    assert data["sources"][0] == "News report A, 2023-03"
    assert [e["notes"] for e in data["events"]] == [[2], [1], [1, 3]]


def test_a_summary_1_document_without_the_new_fields_stays_valid(story: Repo) -> None:
    """Adding optional fields keeps billtrack/summary/1: what was valid stays valid."""
    data = json.loads(summary(str(story.path / "amendments"), "--format", "json"))
    del data["lede"]
    for item in _proposals(data) + [p for i in data["other"] for p in i["proposals"]]:
        del item["notes"]
    for event in data["events"]:
        del event["notes"]
    jsonschema.validate(data, summary_schema())
    schema = summary_schema()
    assert "lede" not in schema["required"]  # type: ignore[operator]


def test_a_lede_or_a_note_of_the_wrong_type_is_invalid(story: Repo) -> None:
    data = json.loads(summary(str(story.path / "amendments"), "--format", "json"))
    for bad in ({"lede": 3}, {"events": [{**data["events"][0], "notes": [0]}]}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**data, **bad}, summary_schema())
