"""Help and docs cannot drift: every command has help with an example, the README's
command table lists exactly the commands the CLI has and only options they take, and the
README's commands and pins agree with .ci/run and pyproject.toml."""

from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from billtrack.cli import COMMAND_MODULES, build_app
from tests.support.cli import run_python

PROJECT = Path(__file__).resolve().parent.parent
README = PROJECT / "README.md"


@functools.cache  # building the app's commands takes ~50 ms, and every row asks
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


@functools.cache
def _readme_rows() -> dict[str, str]:
    """The rows of the README's command table by the command in their first column
    (`billtrack NAME [ARGS]`)."""
    text = README.read_text(encoding="utf-8")
    table = text.split("## Commands", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in table.splitlines():
        match = re.match(r"\|\s*`billtrack ((?:[a-z]+)(?: [a-z]+)?)", line)
        if match:
            words = match.group(1).split()
            # "reading record" is one command; "diff FROM" is not a sub-command.
            name = " ".join(words[:2]) if " ".join(words[:2]) in _commands() else words[0]
            rows[name] = line
    return rows


def test_the_readme_lists_every_command_and_only_those() -> None:
    assert set(_readme_rows()) == set(_commands())


@pytest.mark.parametrize("name", sorted(_readme_rows()))
def test_every_option_the_readme_names_is_in_the_commands_help(name: str) -> None:
    named = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", _readme_rows()[name]))
    # Below the table: "Every command but `schema` takes `--root DIR`".
    assert "Every command but `schema` takes `--root DIR`" in README.read_text(encoding="utf-8")
    if name != "schema":
        named.add("--root")
    result = CliRunner().invoke(build_app(), [*name.split(), "--help"])
    assert result.exit_code == 0, result.output
    missing = {
        option
        for option in named
        if not re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", result.stdout)
    }
    assert not missing, f"the README names options `{name} --help` does not show: {missing}"


def test_the_readme_and_ci_run_the_same_tests() -> None:
    readme_test_line = README.read_text(encoding="utf-8").split("```\n", 2)[1].splitlines()[1]
    command = readme_test_line.split(" && ", 1)[1]
    ci = (PROJECT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(rf"^[^#\n]*{re.escape(command)}$", ci, re.MULTILINE), command
    assert "-n auto" in command  # the whole suite, in parallel


def test_the_readme_pins_what_pyproject_pins() -> None:
    pyproject = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    pins = {
        re.split(r"[<>=!~\[ ]", spec, maxsplit=1)[0].lower(): spec
        for spec in pyproject["project"]["dependencies"]
    }
    stated = re.findall(r"\*\*(\w+)\*\* \(pinned `([^`]+)`", README.read_text(encoding="utf-8"))
    assert stated, "the README's design notes state no pin"
    for library, specifier in stated:
        assert pins[library.lower()] == library.lower() + specifier, library


def test_build_app_refuses_a_module_that_registers_no_command() -> None:
    with pytest.raises(ValueError, match="not a command module"):
        build_app("boundary")


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
