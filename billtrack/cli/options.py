"""Options shared by many commands, as Annotated types, and the steps every reading
command ends with: open the bill the options name, write the report the format names."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from billtrack.render.reporters import Report, reporter

if TYPE_CHECKING:
    from billtrack.store.repository import BillRepository

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


@contextmanager
def opened_bill(root: Path | None, bill: str | None) -> Iterator[BillRepository]:
    """The bill that --root and --bill name, open for reading until the block ends."""
    # The store reaches YAML and git: loaded only when a command runs, not for --help.
    from billtrack.store.layout import find_root
    from billtrack.store.repository import BillRepository

    data_root = find_root(root)
    with BillRepository(data_root, data_root.choose_bill(bill)) as repo:
        try:
            yield repo
        finally:
            # Records skipped or read with a problem: named once, after the report.
            if repo.warnings:
                from billtrack.render.text import clean_line
            for warning in dict.fromkeys(repo.warnings):
                sys.stderr.write(f"billtrack: warning: {clean_line(warning)}\n")


def write_report(report: Report, fmt: str, data: object, *options: object) -> None:
    """The report in the format asked for, on stdout, flushed before the exit code."""
    reporter(report, fmt)(data, sys.stdout, *options)
    sys.stdout.flush()
