"""Help and docs cannot drift: every command has help with an example, and the README's
command table lists exactly the commands the CLI has."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main

from billtrack.cli import app

README = Path(__file__).resolve().parent.parent / "README.md"


def _commands() -> dict[str, object]:
    """Every runnable command by its full name ("reading record"), from the real app."""
    found: dict[str, object] = {}

    def walk(command: object, prefix: str) -> None:
        children = getattr(command, "commands", None)
        if children:
            for name, child in children.items():
                walk(child, f"{prefix} {name}".strip())
        else:
            found[prefix] = command

    walk(typer.main.get_command(app), "")
    return found


def _readme_commands() -> set[str]:
    """The commands in the README's table: `billtrack NAME [ARGS]` in its first column."""
    text = README.read_text(encoding="utf-8")
    table = text.split("## Commands", 1)[1].split("\n## ", 1)[0]
    names = set()
    for line in table.splitlines():
        match = re.match(r"\|\s*`billtrack ((?:[a-z]+)(?: [a-z]+)?)", line)
        if match:
            words = match.group(1).split()
            # "reading record" is one command; "diff FROM" is not a sub-command.
            name = " ".join(words[:2]) if " ".join(words[:2]) in _commands() else words[0]
            names.add(name)
    return names


def test_the_readme_lists_every_command_and_only_those() -> None:
    assert _readme_commands() == set(_commands())


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_has_help_and_an_example(name: str) -> None:
    command = _commands()[name]
    help_text = getattr(command, "help", None) or ""
    epilog = getattr(command, "epilog", None) or ""
    assert help_text.strip(), f"{name} has no help"
    assert "Example" in epilog, f"{name} has no example in its epilog"
