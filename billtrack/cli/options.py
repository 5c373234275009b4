"""Options shared by many commands, as Annotated types."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
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

VERSION_HELP = (
    "WORKTREE, a stage (first-reading) or reading event id, @DATE, or a git revision "
    "(rev:REV forces one)."
)
OldVersionArgument = Annotated[
    str | None,
    typer.Argument(
        help="The older version [default: the latest reading, else the bill's first "
        "commit]. " + VERSION_HELP,
        show_default=False,
    ),
]
NewVersionArgument = Annotated[str, typer.Argument(help="The newer version. " + VERSION_HELP)]
FindRenamesOption = Annotated[
    int,
    typer.Option(
        "--find-renames",
        min=0,
        max=100,
        help="Similarity (percent) at which a dropped and an added provision are one "
        "renamed provision.",
    ),
]
NoRenamesOption = Annotated[
    bool, typer.Option("--no-renames", help="Never pair dropped and added provisions.")
]


class ColorMode(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


def use_color(mode: ColorMode) -> bool:
    if mode is ColorMode.auto:
        return sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    return mode is ColorMode.always


ColorOption = Annotated[
    ColorMode,
    typer.Option("--color", help="auto (a terminal without NO_COLOR), always, never."),
]
