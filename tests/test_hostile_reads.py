"""What is not a record, read by the read commands (issue 15, items 7-10): whole-string
patterns, files that are not regular files inside the data root, invalid records in
history. Each case names the file and the problem; none is a traceback or exit 3."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tests.support.cli import invoke
from tests.support.records import FOLDER, ROOT, make_project
from tests.support.repos import Repo


@pytest.fixture
def project(git_repo: Repo) -> Repo:
    make_project(git_repo)
    return git_repo


# --- 8: a pattern matches the whole string ------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["reading", "record", "--stage", "first-reading", "--date", "2021-11\n"],
        ["party", "add", "meta", "--name", "Meta", "--kind", "company", "--country", "KZ\n"],
        ["party", "add", "meta", "--name", "Meta", "--kind", "company", "--extension", "x-a\n=b"],
    ],
)
def test_a_trailing_newline_is_refused_on_the_command_line(
    project: Repo, cli: CliRunner, args: list[str]
) -> None:
    before = project.git("status", "--porcelain")
    code, out, err = invoke(cli, *args)
    assert code == 2, out + err
    assert project.git("status", "--porcelain") == before


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_a_trailing_newline_in_a_file_is_a_problem(
    project: Repo, cli: CliRunner, fmt: str
) -> None:
    head = project.git("rev-parse", "HEAD")
    project.write(
        f"{FOLDER}/events/2021-first.yaml",
        f"""
        id: 2021-first
        date: "2021-11\\n"
        kind: reading
        stage: first-reading
        version: "{head}\\n"
        """,
    )
    code, out, err = invoke(cli, "validate", "--format", fmt)
    assert code == 1, out + err
    assert "2021-first.yaml" in out
    if fmt == "json":
        json.loads(out)


def test_the_two_validators_agree_on_a_final_newline() -> None:
    from billtrack.validate.schema import fast_validator, full_validator

    record = {"id": "p", "name": "P", "kind": "company", "country": "KZ\n"}
    import fastjsonschema

    with pytest.raises(fastjsonschema.JsonSchemaException):
        fast_validator("parties")([record])
    assert list(full_validator("parties").iter_errors([record]))
