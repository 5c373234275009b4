"""The command-line interface: a Typer app whose commands are thin.

Each command parses options, calls one core function, hands the result to a reporter
and returns an exit code. The one error boundary is BilltrackGroup.invoke: every
BilltrackError becomes one line on stderr and its exit code; anything unexpected is
exit 3 with a crash log, never a traceback on the terminal.

`from billtrack.cli import app` gives the whole app. `main()` registers only the module
of the command its command line names: Typer builds every registered command's
parameters from its signature on each run, which for all fifteen commands cost ~40 ms
of a ~300 ms warm diff (measured), and a run needs one.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer

    from billtrack.cli.base import app

__all__ = ["COMMAND_MODULES", "app", "main", "register"]

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
    "reading": "record",  # groups of sub-commands: help lists them after the commands
    "consultation": "record",
    "proposal": "record",
    "party": "record",
}


def register(*modules: str) -> typer.Typer:
    """The app with the commands of these modules registered (of all of them when none
    is named); the modules keep their heavy imports inside the command functions."""
    for module in modules or dict.fromkeys(COMMAND_MODULES.values()):
        importlib.import_module(f"billtrack.cli.{module}")
    from billtrack.cli.base import app

    return app


def __getattr__(name: str) -> typer.Typer:
    if name == "app":  # `from billtrack.cli import app`: every command registered
        return register()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    # Only a command name as the first argument narrows the app; anything else (help,
    # --version, a typo that deserves "did you mean") gets every command.
    first = sys.argv[1] if len(sys.argv) > 1 else ""
    module = COMMAND_MODULES.get(first)
    app = register(module) if module else register()
    app(prog_name="billtrack")
