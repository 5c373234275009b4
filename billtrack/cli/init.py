"""`billtrack init BILL`."""

from __future__ import annotations

from typing import Annotated

import typer

from billtrack.cli.base import app
from billtrack.cli.boundary import options_named
from billtrack.cli.options import RootOption

# Which option sets which field of the new bill, to word the core's errors.
_OPTION_OF = {"jurisdiction": "--jurisdiction", "language": "--language"}


@app.command(
    epilog="Example: billtrack init kz-child-protection --title 'On the rights of the child' "
    "--jurisdiction KZ --language ru"
)
def init(
    bill: Annotated[str, typer.Argument(help="The new bill's id, also its folder name.")],
    root: RootOption = None,
    title: Annotated[
        str | None,
        typer.Option(help="The bill's title [default: from the id].", show_default=False),
    ] = None,
    jurisdiction: Annotated[
        str, typer.Option(help="ISO 3166-1 alpha-2 code; XX (user-assigned) until you set it.")
    ] = "XX",
    language: Annotated[str, typer.Option(help="BCP 47 tag of the text.")] = "en",
    git: Annotated[
        bool,
        typer.Option(
            "--git",
            help="If no git repository holds the data root, create one in the current "
            "folder (which must hold the root).",
        ),
    ] = False,
) -> None:
    """Make a bill folder with a valid skeleton, in a git repository.

    Creates ROOT/parties.yaml (unless it exists), ROOT/BILL/bill.yaml with a
    yaml-language-server schema line, and the events/ and proposals/ folders.
    Existing files are never overwritten, nothing is written through a symbolic link,
    and a failure (or Ctrl-C) leaves nothing behind.
    """
    # The core, when the command runs (not for --help).
    from billtrack.scaffold import init_bill
    from billtrack.store.layout import find_root

    with options_named(_OPTION_OF):
        created = init_bill(
            find_root(root, must_exist=False),
            bill,
            title=title,
            jurisdiction=jurisdiction,
            language=language,
            create_git=git,
        )
    for line in created:
        typer.echo(line)
