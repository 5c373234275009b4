"""`billtrack schema KIND`."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from billtrack.cli.base import app


class SchemaKind(StrEnum):
    bill = "bill"
    event = "event"
    proposal = "proposal"
    parties = "parties"
    diff_output = "diff-output"
    summary_output = "summary-output"


@app.command(
    epilog="Examples: billtrack schema bill > bill.schema.json;  billtrack schema diff-output"
)
def schema(
    kind: Annotated[
        SchemaKind,
        typer.Argument(
            help="A record kind (bill, event, proposal, parties) or the JSON output of a "
            "command (diff-output, summary-output)."
        ),
    ],
) -> None:
    """Print a JSON Schema: of a record kind (the file-format contract), or of the
    versioned JSON that `diff` and `summary` print."""
    from billtrack.schemas import schema_text

    typer.echo(schema_text(kind.value), nl=False)
