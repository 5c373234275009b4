"""`billtrack validate`."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from billtrack.cli.base import app
from billtrack.cli.options import RootOption, write_report
from billtrack.errors import EXIT_FINDINGS, EXIT_OK


class ProblemFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


@app.command(
    epilog="Examples: billtrack validate;  billtrack validate --format github;  "
    "billtrack validate amendments/kz-child-protection/bill.yaml;  "
    "billtrack validate --list-codes"
)
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders to check; each bill they belong to is checked whole. "
            "Default: every bill under the data root.",
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
    output_format: Annotated[
        ProblemFormat, typer.Option("--format", help="text, json or github annotations.")
    ] = ProblemFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    list_codes: Annotated[
        bool,
        typer.Option(
            "--list-codes", help="Print every problem code with its level and meaning, and exit."
        ),
    ] = False,
) -> None:
    """Check every file against the schema and every reference between records.

    Prints one `path:line:col: level CODE message` per problem; exit 0 when clean,
    1 when there are errors (or warnings, with --strict), 2 on a usage error.
    `--list-codes` prints the table of every CODE.
    """
    if list_codes:
        from billtrack.validate.registry import CODES

        width = max(len(code) for code in CODES)
        for entry in CODES.values():
            sys.stdout.write(
                f"{entry.code:<{width}}  {entry.level_text:<13}  {entry.description}\n"
            )
        raise typer.Exit(EXIT_OK)

    from billtrack.store.git import Git
    from billtrack.store.layout import find_root
    from billtrack.store.snapshot import Snapshot
    from billtrack.validate import bills_for_paths
    from billtrack.validate import validate as run_validate

    data_root = find_root(root)
    bill_ids = None
    if paths:
        missing = [p for p in paths if not p.exists()]
        if missing:
            from billtrack.errors import UsageError

            raise UsageError(f"no such file: {missing[0]}")
        bill_ids, _ = bills_for_paths(data_root, paths)
    git = Git(data_root.repo) if data_root.repo is not None else None
    try:
        report = run_validate(Snapshot.read(data_root, bill_ids), git=git)
    finally:
        if git is not None:
            git.close()
    write_report("problems", output_format.value, report)
    failing = report.errors + (report.warnings if strict else 0)
    if output_format is ProblemFormat.text:
        summary = (
            f"{report.files} files in {len(report.bills)} bill(s): "
            f"{report.errors} error(s), {report.warnings} warning(s)"
        )
        sys.stderr.write(summary + "\n")
    raise typer.Exit(EXIT_FINDINGS if failing else EXIT_OK)
