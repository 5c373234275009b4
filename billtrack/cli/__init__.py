"""The command-line interface: a Typer app whose commands are thin.

Each command parses options, calls one core function, hands the result to a reporter
and returns an exit code. The one error boundary is BilltrackGroup.invoke: every
BilltrackError becomes one line on stderr and its exit code; anything unexpected is
exit 3 with a crash log, never a traceback on the terminal.

`build_app()` gives the app with every command; `main()` builds it with only the module
of the command its command line names: Typer builds every registered command's
parameters from its signature on each run, which for all fifteen commands cost ~40 ms
of a ~300 ms warm diff (measured), and a run needs one. Nothing here imports a command
module at import time, so importing this package never pays for a command.
"""

from __future__ import annotations

import importlib
import sys

import typer

from billtrack.cli import base

__all__ = ["COMMAND_MODULES", "build_app", "main"]

# The module of billtrack.cli that registers each top-level command (tests/test_docs.py
# holds this equal to what the modules register), in the order help lists them.
COMMAND_MODULES: dict[str, str] = {
    "diff": "diff",
    "show": "diff",
    "log": "history",
    "history": "history",
    "status": "history",
    "init": "init",
    "schema": "schema",
    "summary": "summary",
    "table": "summary",
    "validate": "validate",
    "import": "importer",
    "text": "importer",
    "reading": "record",  # groups of sub-commands: help lists them after the commands
    "consultation": "record",
    "proposal": "record",
    "party": "record",
}


def build_app(*modules: str) -> typer.Typer:
    """The app with the commands of these modules of billtrack.cli (of all of them when
    none is named).

    Each command module registers its commands on the one app of billtrack.cli.base when
    it is first imported, so the app of a process only ever grows: building it again with
    other modules adds theirs. The modules keep their heavy imports inside the command
    functions.
    """
    unknown = set(modules) - set(COMMAND_MODULES.values())
    if unknown:
        raise ValueError(f"not a command module of billtrack.cli: {', '.join(sorted(unknown))}")
    for module in modules or dict.fromkeys(COMMAND_MODULES.values()):
        importlib.import_module(f"billtrack.cli.{module}")
    return base.app


def main() -> None:
    # Only a command name as the first argument narrows the app; anything else (help,
    # --version, a typo that deserves "did you mean") gets every command.
    first = sys.argv[1] if len(sys.argv) > 1 else ""
    module = COMMAND_MODULES.get(first)
    build_app(*([module] if module else []))(prog_name="billtrack")
