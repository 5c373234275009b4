"""Options shared by many commands, as Annotated types, and the steps every reading
command ends with: open the bill the options name, write the report the format names."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from billtrack.errors import UsageError, WriteError
from billtrack.render.reporters import BINARY_FORMATS, Report, reporter

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


class Lang(StrEnum):
    en = "en"
    ru = "ru"


LangOption = Annotated[
    Lang,
    typer.Option(
        "--lang",
        help="The language of every label and generated sentence: en or ru. The bill's "
        "own text is quoted as written (in this language where the text has it).",
    ),
]

OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write the report to this new file instead of stdout (needed for docx and "
        "xlsx); an existing file is never overwritten.",
        show_default=False,
    ),
]


def write_report(
    report: Report, fmt: str, data: object, *options: object, output: Path | None = None
) -> None:
    """The report in the format asked for, on stdout, flushed before the exit code; or,
    with `output`, in a new file, written whole or not at all. A binary format (Word,
    Excel) is never written to stdout: it would garble a terminal and a pipe alike."""
    if output is None:
        if fmt in BINARY_FORMATS:
            raise UsageError(f"--format {fmt} writes a binary file: give --output FILE")
        reporter(report, fmt)(data, sys.stdout, *options)
        sys.stdout.flush()
        return
    from billtrack.store.atomic import RecordExistsError, create_file

    if fmt in BINARY_FORMATS:
        binary = io.BytesIO()
        reporter(report, fmt)(data, binary, *options)
        content = binary.getvalue()
    else:
        text = io.StringIO()
        reporter(report, fmt)(data, text, *options)
        content = text.getvalue().encode("utf-8")
    try:
        create_file(output.absolute(), content, shown=str(output))
    except RecordExistsError:
        raise WriteError(
            f"{output} already exists: reports never overwrite a file; choose another --output"
        ) from None
