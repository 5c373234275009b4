"""`billtrack summary` and `billtrack table`: the journalist's change summary and the
comparative table of amendments."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from billtrack.cli.base import app
from billtrack.cli.options import (
    VERSION_HELP,
    BillOption,
    ColorMode,
    FindRenamesOption,
    Lang,
    LangOption,
    NewVersionArgument,
    NoRenamesOption,
    OldVersionArgument,
    OutputOption,
    RootOption,
    opened_bill,
    use_color,
    write_report,
)
from billtrack.errors import EXIT_OK, BilltrackError, UsageError
from billtrack.vocabulary import PROPOSAL_STATUSES

if TYPE_CHECKING:
    from collections.abc import Callable

    from billtrack.model import Bill
    from billtrack.store.repository import BillRepository


class SummaryFormat(StrEnum):
    markdown = "markdown"
    html = "html"
    json = "json"


class TableFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    csv = "csv"
    html = "html"
    docx = "docx"
    xlsx = "xlsx"


# `table --status`: the statuses a proposal can have, as the vocabulary has them.
# An enum made at run time from a tuple is, to a type checker, any StrEnum.
if TYPE_CHECKING:
    ProposalStatusName = StrEnum
else:
    ProposalStatusName = StrEnum("ProposalStatusName", {s: s for s in PROPOSAL_STATUSES})


@app.command(
    epilog="Examples: billtrack summary first-reading --lang ru;  "
    "billtrack summary first-reading second-reading --format html > summary.html;  "
    "billtrack summary @2021-10 --format json"
)
def summary(
    old: OldVersionArgument = None,
    new: NewVersionArgument = "WORKTREE",
    bill: BillOption = None,
    root: RootOption = None,
    output_format: Annotated[
        SummaryFormat, typer.Option("--format", help="markdown, html or json.")
    ] = SummaryFormat.markdown,
    lang: LangOption = Lang.en,
    find_renames: FindRenamesOption = 80,
    no_renames: NoRenamesOption = False,
) -> None:
    """A publishable account of what changed between two versions, and why.

    The headline with the window and the counts; dropped provisions with their text and
    what replaced them; added and reworded ones; what happened in the window (readings,
    consultations, negotiations, decisions); where each party stands; the sources.
    Generated from the data alone; the same data gives the same text.
    """
    from billtrack.comparison import compare
    from billtrack.store.layout import load_parties
    from billtrack.summary.build import build_summary

    with opened_bill(root, bill) as repo:
        parties = load_parties(repo.root)
        comparison = compare(repo, old, new, rename_threshold=None if no_renames else find_renames)
        shown = repo.current_bill() or repo.bill_at(comparison.new) or repo.bill_at(comparison.old)
        result = build_summary(
            comparison,
            events=repo.events(),
            proposals=repo.proposals(),
            parties=parties,
            lang=lang.value,
            title=(shown.short_title or shown.title) if shown else None,
            stages=shown.stages if shown else (),
            stage_labels=shown.stage_labels if shown else None,
            initiator=shown.initiator if shown else None,
        )
    write_report("summary", output_format.value, result)
    raise typer.Exit(EXIT_OK)


@app.command(
    epilog="Examples: billtrack table;  billtrack table --from first-reading --lang ru "
    "--format csv > table.csv;  billtrack table --status accepted --author government"
)
def table(
    from_: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="The version whose text the table quotes as it stands [default: the latest "
            "reading, else the bill's first commit]. " + VERSION_HELP,
            show_default=False,
        ),
    ] = None,
    status: Annotated[
        list[ProposalStatusName] | None,
        typer.Option(
            "--status", help="Only proposals with this status (repeatable).", show_default=False
        ),
    ] = None,
    author: Annotated[
        list[str] | None,
        typer.Option(
            "--author", help="Only proposals by this party id (repeatable).", show_default=False
        ),
    ] = None,
    stage: Annotated[
        str | None,
        typer.Option(
            "--stage",
            help="Only proposals of this stage: those decided by an event of that stage; "
            "an undecided proposal (or one decided by an event without a stage) belongs to "
            "the stage in progress on its date, i.e. the stage of the latest event with a "
            "stage dated on or before it.",
            show_default=False,
        ),
    ] = None,
    bill: BillOption = None,
    root: RootOption = None,
    output_format: Annotated[
        TableFormat,
        typer.Option(
            "--format",
            help="text, markdown, csv, html, docx or xlsx (docx and xlsx need --output).",
        ),
    ] = TableFormat.text,
    lang: LangOption = Lang.en,
    output: OutputOption = None,
) -> None:
    """The comparative table of amendment proposals (сравнительная таблица).

    One row per proposal, in the order of the provisions they concern: number,
    structural unit, the text as it stands at FROM, the proposed text, action, author,
    rationale and the decision (status, date, body).
    """
    from billtrack.render.table.view import TableOptions
    from billtrack.store.layout import load_parties
    from billtrack.table import build_table

    with opened_bill(root, bill) as repo:
        parties = load_parties(repo.root)
        side = repo.resolve(from_) if from_ is not None else repo.default_old()
        at_from = repo.bill_at(side)
        if at_from is None and side.commit is not None:
            raise UsageError(f"bill {repo.bill_id!r} does not exist at {side.spec}")
        current = at_from or repo.worktree_bill()
        result = build_table(
            at_from,
            side,
            bill_id=repo.bill_id,
            events=repo.events(),
            proposals=repo.proposals(),
            parties=parties,
            lang=lang.value,
            statuses=[s.value for s in status or ()],
            authors=author or (),
            stage=stage,
            primary_language=current.language,
            names=repo.current_bill(),
            # Without --from each proposal is set against the text as it stood when it
            # was made (issue 11); with it, against FROM's text.
            text_at=None if from_ is not None else _text_at(repo),
        )
    write_report(
        "table",
        output_format.value,
        result,
        TableOptions(color=use_color(ColorMode.auto)),
        output=output,
    )
    raise typer.Exit(EXIT_OK)


def _text_at(repo: BillRepository) -> Callable[[str], Bill | None]:
    """The bill as it read just before a proposal's date (the day before the first day
    the date may stand for: the text it was made against, not one it is already in);
    None where git cannot say."""
    from billtrack import dates

    def at(date: str) -> Bill | None:
        found = dates.from_stamp(date)
        if found is None:
            return None
        try:
            return repo.bill_at(repo.resolve("@" + dates.before(found)))
        except BilltrackError:
            return None

    return at
