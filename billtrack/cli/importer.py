"""`billtrack import` and `billtrack text`: real texts in, and the bill's text out."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from billtrack.cli.base import app
from billtrack.cli.options import (
    VERSION_HELP,
    BillOption,
    ColorMode,
    ColorOption,
    OutputOption,
    RootOption,
    opened_bill,
    use_color,
    write_report,
)
from billtrack.errors import EXIT_OK, UsageError

if TYPE_CHECKING:
    from billtrack.importer.plan import ImportPlan


class ImportFormat(StrEnum):
    markdown = "markdown"
    text = "text"
    docx = "docx"
    html = "html"
    akn = "akn"
    uslm = "uslm"


class UslmSide(StrEnum):
    new = "new"
    old = "old"


@app.command(
    name="import",
    epilog="Examples: billtrack import committee-text.docx --dry-run;  "
    "billtrack import second-reading.md --map old-article-7=9 --commit "
    "--stage second-reading --date 2022-03-01",
)
def import_text(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The document to read.")],
    input_format: Annotated[
        ImportFormat | None,
        typer.Option(
            "--format",
            help="markdown, text, docx, html, akn or uslm [default: from the file name].",
            show_default=False,
        ),
    ] = None,
    bill: BillOption = None,
    root: RootOption = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the diff and the matching; write nothing.")
    ] = False,
    mapping: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="OLD=NEW",
            help="Pair provision OLD (an id) with the one numbered NEW in the text (repeatable).",
            show_default=False,
        ),
    ] = None,
    init: Annotated[
        str | None,
        typer.Option("--init", metavar="BILL", help="Start a new bill from this text."),
    ] = None,
    language: Annotated[
        str | None,
        typer.Option("--lang", help="The language of the text [default: the bill's]."),
    ] = None,
    side: Annotated[
        UslmSide, typer.Option("--side", help="USLM: the reported text (new) or the old one.")
    ] = UslmSide.new,
    commit: Annotated[bool, typer.Option("--commit", help="Commit bill.yaml.")] = False,
    stage: Annotated[
        str | None,
        typer.Option("--stage", help="With --commit: record the reading of this stage too."),
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="The reading's date (with --stage).")
    ] = None,
    color: ColorOption = ColorMode.auto,
) -> None:
    """Read a version of the bill's text into bill.yaml, keeping each provision's id.

    Each provision of the text that is one of the bill's (same or renumbered, moved,
    retitled, edited) keeps its id; a new one gets an id from its heading or number.
    Shows the diff and how each provision was matched before writing; everything in
    bill.yaml outside `provisions` stays byte for byte.
    """
    from billtrack.comparison import Comparison
    from billtrack.importer.formats import Format
    from billtrack.importer.session import prepare
    from billtrack.render.diff.view import DiffOptions
    from billtrack.store.layout import find_root
    from billtrack.store.repository import Side

    if (stage is None) != (date is None):
        raise UsageError("--stage and --date go together (the reading of that stage, that day)")
    if stage is not None and not commit:
        raise UsageError("--stage records a reading that pins a commit: add --commit")
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {file}: {exc.strerror or exc}") from None
    data_root = find_root(root, must_exist=init is None)
    if init is not None:
        from billtrack.scaffold import init_bill

        if dry_run:
            raise UsageError("--init creates a bill: run it without --dry-run")
        for created in init_bill(
            data_root, init, title=None, jurisdiction="XX", language=language or "en"
        ):
            typer.echo(f"created {created}")
        data_root = find_root(root)
        bill = init
    fmt: Format | None = input_format.value if input_format is not None else None
    prepared = prepare(
        data_root,
        bill,
        data,
        str(file),
        fmt=fmt,
        language=language,
        overrides=tuple(mapping or ()),
        side=side.value,
    )
    comparison = Comparison(
        bill=prepared.bill_id,
        old=Side("WORKTREE", None, label=prepared.shown),
        new=Side(str(file), None, label=str(file)),
        diff=prepared.diff,
        language=prepared.after.language,
    )
    write_report("diff", "text", comparison, DiffOptions(color=use_color(color)))
    typer.echo(_matching(prepared.plan), nl=False)
    if dry_run:
        typer.echo("dry run: nothing written")
        raise typer.Exit(EXIT_OK)
    message = f"Import {file.name} into {prepared.bill_id}" if commit else None
    done = prepared.write(commit_message=message)
    if not done.changed:
        typer.echo(f"{done.path}: unchanged")
        raise typer.Exit(EXIT_OK)
    typer.echo(f"wrote {done.path}" + (f" (commit {done.commit[:12]})" if done.commit else ""))
    if stage is not None and date is not None and done.commit is not None:
        from billtrack.cli.record.dialogue import report
        from billtrack.record.draft import EventDraft
        from billtrack.record.reading import record_reading
        from billtrack.record.workspace import open_bill

        ws = open_bill(data_root, prepared.bill_id)
        draft = EventDraft(kind="reading", stage=stage, date=date)
        report(record_reading(ws, draft, version=done.commit, tag=True, commit=True))
    raise typer.Exit(EXIT_OK)


def _matching(plan: ImportPlan) -> str:
    """How each provision was matched: one line per provision that is not simply
    unchanged (those are counted), then the dropped ones."""
    from billtrack.render.text import clean_line

    lines = ["", "matching:"]
    unchanged = 0
    for row in plan.rows:
        if row.how == "unchanged":
            unchanged += 1
            continue
        shown = clean_line(" ".join(x for x in (row.number, row.heading) if x) or row.id)
        if row.how is None:
            lines.append(f"  new        {row.id}  ({shown})  no good match: a new provision")
            continue
        was = f" was {clean_line(row.old_number)}" if row.old_number else ""
        lines.append(f"  {row.how:<10} {row.id}  ({shown}){was}  confidence {row.confidence:.2f}")
    lines += [f"  dropped    {dropped}  (not in the new text)" for dropped in plan.dropped]
    lines.append(f"  {unchanged} provision(s) unchanged: same number, same text")
    return "\n".join(lines) + "\n"


class TextFormat(StrEnum):
    markdown = "markdown"
    html = "html"
    docx = "docx"


@app.command(
    epilog="Examples: billtrack text first-reading;  billtrack text HEAD --format docx "
    "--output bill.docx;  billtrack text --format html --lang kk"
)
def text(
    version: Annotated[
        str, typer.Argument(metavar="[VERSION]", help="The version. " + VERSION_HELP)
    ] = "WORKTREE",
    bill: BillOption = None,
    root: RootOption = None,
    output_format: Annotated[
        TextFormat, typer.Option("--format", help="markdown, html or docx (needs --output).")
    ] = TextFormat.markdown,
    language: Annotated[
        str | None, typer.Option("--lang", help="The language [default: the bill's].")
    ] = None,
    output: OutputOption = None,
) -> None:
    """The whole bill at a version: numbers, headings and text, in one language."""
    from billtrack.i18n import LANGS
    from billtrack.i18n import language as words_for
    from billtrack.render.bill.view import bill_text
    from billtrack.summary.naming import version_ref

    with opened_bill(root, bill) as repo:
        side = repo.resolve(version)
        found = repo.bill_at(side)
        if found is None:
            raise UsageError(f"bill {repo.bill_id!r} does not exist at {version}")
        named = repo.current_bill() or found  # the title the bill goes by, as summary names it
        lang = language or found.language
        words = words_for(lang if lang in LANGS else "en")
        which = words.text_at(version_ref(side, repo.events(), words).name)
    view = bill_text(found, side, lang, named.title, which)
    write_report("bill", output_format.value, view, output=output)
    raise typer.Exit(EXIT_OK)
