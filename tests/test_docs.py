"""Help and docs cannot drift: every command has help with an example, and the README's
command table lists exactly the commands the CLI has."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from billtrack.cli import COMMAND_MODULES, build_app
from tests.conftest import run_python

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

    walk(typer.main.get_command(build_app()), "")
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


def test_command_modules_names_the_module_that_registers_each_command() -> None:
    # In a fresh interpreter, build the app module by module and see what each adds.
    code = """
import json, typer.main
from billtrack.cli import COMMAND_MODULES, build_app
found, seen = {}, set()
for module in dict.fromkeys(COMMAND_MODULES.values()):
    names = list(typer.main.get_command(build_app(module)).commands)
    found.update({name: module for name in names if name not in seen})
    seen.update(names)
print(json.dumps([found, names]))
"""
    found, order = json.loads(run_python(code))
    assert found == COMMAND_MODULES
    assert order == list(COMMAND_MODULES)  # help lists them in this order
    assert set(order) == {name.split()[0] for name in _commands()}


def test_a_command_line_loads_only_its_command_module() -> None:
    code = """
import sys
from billtrack.cli import main
sys.argv = ["billtrack", "schema", "parties"]
try:
    main()
except SystemExit as done:
    assert done.code in (0, None), done.code
print("|".join(sorted(m for m in sys.modules if m.startswith("billtrack.cli."))))
"""
    loaded = run_python(code).rsplit("\n", 2)[-2].split("|")
    assert "billtrack.cli.schema" in loaded
    assert not {"billtrack.cli.diff", "billtrack.cli.record", "billtrack.cli.history"} & set(loaded)


@pytest.mark.parametrize("args", [["--help"], [], ["--version"], ["dif"]])
def test_a_command_line_without_a_command_sees_every_command(args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "billtrack", *args],
        capture_output=True,
        text=True,
        cwd=README.parent,
    )
    if args == ["--version"]:
        assert done.returncode == 0 and done.stdout.startswith("billtrack ")
    elif args == ["dif"]:
        assert done.returncode == 2 and "Did you mean 'diff'?" in done.stderr
    else:
        for name in COMMAND_MODULES:
            assert f"\n  {name} " in done.stdout + done.stderr, name
