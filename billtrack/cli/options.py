"""Options shared by many commands, as Annotated types."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

RootOption = Annotated[
    Path | None,
    typer.Option(
        "--root",
        help="The data root holding parties.yaml and the bill folders "
        "[default: $BILLTRACK_ROOT, else ./amendments].",
        show_default=False,
    ),
]
BillOption = Annotated[
    str | None,
    typer.Option(
        "--bill", help="The bill id (its folder name); needed only when there are several."
    ),
]
