"""`billtrack diff` and `billtrack show`."""

from __future__ import annotations

from dataclasses import replace
from enum import StrEnum
from typing import Annotated

import typer

from billtrack.cli.base import app
from billtrack.cli.options import (
    VERSION_HELP,
    BillOption,
    ColorMode,
    ColorOption,
    FindRenamesOption,
    Lang,
    NewVersionArgument,
    NoRenamesOption,
    OldVersionArgument,
    OutputOption,
    RootOption,
    opened_bill,
    use_color,
    write_report,
)
from billtrack.errors import EXIT_FINDINGS, EXIT_OK, UsageError
from billtrack.suggest import did_you_mean


class DiffFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"
    html = "html"
    docx = "docx"


class Layout(StrEnum):
    stacked = "stacked"
    side_by_side = "side-by-side"


@app.command(
    epilog="Examples: billtrack diff first-reading;  billtrack diff first-reading "
    "second-reading --stat;  billtrack diff @2021-10 HEAD --format json"
)
def diff(
    old: OldVersionArgument = None,
    new: NewVersionArgument = "WORKTREE",
    bill: BillOption = None,
    root: RootOption = None,
    output_format: Annotated[
        DiffFormat,
        typer.Option(
            "--format",
            help="text, markdown, json, html or docx (Word, with the changes as tracked "
            "revisions; needs --output).",
        ),
    ] = DiffFormat.text,
    stat: Annotated[
        bool, typer.Option("--stat", help="A count per kind and one line per provision.")
    ] = False,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when anything differs, like git diff.")
    ] = False,
    provision: Annotated[
        list[str] | None,
        typer.Option("--provision", help="Only this provision (repeatable).", show_default=False),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option(
            "--tag", help="Only provisions with this tag (repeatable).", show_default=False
        ),
    ] = None,
    show_all: Annotated[bool, typer.Option("--all", help="List unchanged provisions too.")] = False,
    find_renames: FindRenamesOption = 80,
    no_renames: NoRenamesOption = False,
    color: ColorOption = ColorMode.auto,
    lang: Annotated[
        Lang | None,
        typer.Option(
            "--lang",
            help="html and docx: the language of labels, names and the text shown "
            "[default: the bill's language when en or ru, else en].",
            show_default=False,
        ),
    ] = None,
    layout: Annotated[
        Layout,
        typer.Option(
            "--layout",
            help="html: the text as one redline (stacked) or the old and the new side by "
            "side, as parliaments' comparative tables have it.",
        ),
    ] = Layout.stacked,
    output: OutputOption = None,
) -> None:
    """Compare two versions of the bill provision by provision, with a word-level redline.

    Shows what was added, dropped, reworded, renumbered, moved or renamed, and the
    proposals and events behind each change.
    """
    from billtrack.comparison import compare, provisions_filter
    from billtrack.render.diff.view import DiffOptions

    context = None
    with opened_bill(root, bill) as repo:
        comparison = compare(
            repo,
            old,
            new,
            rename_threshold=None if no_renames else find_renames,
            unchanged=bool(show_all or provision or tag),
        )
        if output_format in (DiffFormat.html, DiffFormat.docx):
            from billtrack.render.diff.context import diff_context
            from billtrack.store.layout import load_parties

            shown_bill = (
                repo.current_bill() or repo.bill_at(comparison.new) or repo.bill_at(comparison.old)
            )
            language = (comparison.language or "").split("-")[0]
            context = diff_context(
                comparison,
                bill=shown_bill,
                events=repo.events(),
                proposals=repo.proposals(),
                parties=load_parties(repo.root),
                lang=lang.value if lang else (language if language in Lang.__members__ else "en"),
            )
    if provision or tag:
        known = {p.id for p in comparison.diff.provisions} | {
            p.previous_id for p in comparison.diff.provisions if p.previous_id
        }
        unknown = [pid for pid in provision or () if pid not in known]
        if unknown:
            hint = did_you_mean(unknown[0], known)
            raise UsageError(f"no provision {unknown[0]!r} in either version{hint}")
        comparison = replace(
            comparison, diff=provisions_filter(comparison.diff, ids=provision or (), tags=tag or ())
        )
    options = DiffOptions(
        stat=stat,
        show_all=show_all,
        color=use_color(color),
        width=None,
        context=context,
        layout=layout.value,
    )
    write_report("diff", output_format.value, comparison, options, output=output)
    if exit_code and comparison.diff.changed:
        raise typer.Exit(EXIT_FINDINGS)
    raise typer.Exit(EXIT_OK)


class ShowFormat(StrEnum):
    text = "text"
    json = "json"


@app.command(
    epilog="Examples: billtrack show local-office --at first-reading;  "
    "billtrack show removal-on-request --format json"
)
def show(
    provision_id: Annotated[str, typer.Argument(metavar="ID", help="The provision's id.")],
    at: Annotated[str, typer.Option("--at", help="The version. " + VERSION_HELP)] = "WORKTREE",
    bill: BillOption = None,
    root: RootOption = None,
    output_format: Annotated[
        ShowFormat, typer.Option("--format", help="text or json.")
    ] = ShowFormat.text,
    color: ColorOption = ColorMode.auto,
) -> None:
    """Show one provision as it reads at a version, with the proposals and events about it."""
    from billtrack.model import proposal_statuses
    from billtrack.render.show.view import ProvisionView, ShowOptions

    with opened_bill(root, bill) as repo:
        side = repo.resolve(at)
        found = repo.bill_at(side)
        if found is None:
            raise UsageError(f"bill {repo.bill_id!r} does not exist at {at}")
        provision = found.provision(provision_id)
        if provision is None:
            hint = did_you_mean(provision_id, (p.id for p in found.provisions))
            raise UsageError(f"no provision {provision_id!r} at {at}{hint}")
        statuses = proposal_statuses(repo.proposals(), repo.events(), repo.stages())
        view = ProvisionView(
            bill=repo.bill_id,
            side=side,
            provision=provision,
            proposals=tuple(
                (p, statuses[p.id]) for p in repo.proposals() if p.target == provision_id
            ),
            events=tuple(e for e in repo.events() if provision_id in e.provisions),
        )
    write_report("show", output_format.value, view, ShowOptions(color=use_color(color)))
