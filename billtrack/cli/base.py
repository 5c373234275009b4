"""The Typer app itself, with no commands: each command module registers its own on
import (see COMMAND_MODULES in billtrack.cli)."""

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
