"""The command-line interface: a Typer app whose commands are thin.

Each command parses options, calls one core function, hands the result to a reporter
and returns an exit code. The one error boundary is BilltrackGroup.invoke: every
BilltrackError becomes one line on stderr and its exit code; anything unexpected is
exit 3 with a crash log, never a traceback on the terminal.
"""

from __future__ import annotations

import typer

from billtrack import __version__
from billtrack.cli.boundary import BilltrackGroup

app = typer.Typer(
    name="billtrack",
    cls=BilltrackGroup,
    help="Track a bill through parliament: provision-level diffs, readings, proposals, events.",
    epilog="Example: billtrack validate  (run inside a project with an amendments/ folder)",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"billtrack {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Track a bill through parliament: provision-level diffs, readings, proposals, events."""


def _register() -> None:
    # Importing a command module registers its commands on `app`; the modules keep
    # their heavy imports inside the command functions.
    from billtrack.cli import (  # noqa: F401
        diff,  # diff, show
        history,  # log, history, status
        init,
        record,  # reading, consultation, proposal, party
        schema,
        summary,  # summary, table
        validate,
    )


_register()


def main() -> None:
    app(prog_name="billtrack")
