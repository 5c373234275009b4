"""`billtrack schema KIND`."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from billtrack.cli import app


class SchemaKind(StrEnum):
    bill = "bill"
    event = "event"
    proposal = "proposal"
    parties = "parties"


@app.command(epilog="Example: billtrack schema bill > bill.schema.json")
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="bill, event, proposal or parties.")],
) -> None:
    """Print the JSON Schema of one record kind (the file-format contract)."""
    from billtrack.schemas import schema_text

    typer.echo(schema_text(kind.value), nl=False)
