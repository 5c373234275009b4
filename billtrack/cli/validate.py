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
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Report warnings as errors (exit 1). Notes, which say what could not be "
            "checked, never fail.",
        ),
    ] = False,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            help="Report only these codes (repeat, or separate with commas).",
            show_default=False,
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            help="Do not report these codes (repeat, or separate with commas).",
            show_default=False,
        ),
    ] = None,
    list_codes: Annotated[
        bool,
        typer.Option(
            "--list-codes", help="Print every problem code with its level and meaning, and exit."
        ),
    ] = False,
) -> None:
    """Check every file against the schema and every reference between records.

    Prints one `path:line:col: level CODE message` per problem; exit 0 when clean,
    1 when there are errors (or warnings, with --strict), 2 on a usage error. A note
    says what could not be checked (a shallow clone's missing history) and never fails.
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
    from billtrack.validate import Selection, bills_for_paths
    from billtrack.validate import validate as run_validate

    selection = Selection(_codes(select, "--select"), _codes(ignore, "--ignore"), strict)
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
        report = run_validate(Snapshot.read(data_root, bill_ids), git=git, selection=selection)
    finally:
        if git is not None:
            git.close()
    write_report("problems", output_format.value, report)
    if output_format is ProblemFormat.text:
        counts = [_count(report.errors, "error"), _count(report.warnings, "warning")]
        if report.notes:
            counts.append(_count(report.notes, "note"))
        sys.stderr.write(
            f"{_count(report.files, 'file')} in {_count(len(report.bills), 'bill')}: "
            + ", ".join(counts)
            + "\n"
        )
    # --strict has already made every warning an error.
    raise typer.Exit(EXIT_FINDINGS if report.errors else EXIT_OK)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _codes(given: list[str] | None, option: str) -> frozenset[str]:
    """The codes of --select or --ignore (repeated or comma-separated), each one known."""
    from billtrack.errors import UsageError
    from billtrack.suggest import hint
    from billtrack.validate.registry import CODES

    codes = frozenset(c.strip() for item in given or () for c in item.split(",") if c.strip())
    for code in sorted(codes):
        if code not in CODES:
            raise UsageError(f"{option}: unknown code {code!r}" + hint(code, CODES))
    return codes
