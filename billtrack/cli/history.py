"""`billtrack log`, `billtrack history` and `billtrack status`."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from billtrack.cli.base import app
from billtrack.cli.options import (
    BillOption,
    ColorMode,
    ColorOption,
    RootOption,
    opened_bill,
    use_color,
    write_report,
)
from billtrack.errors import EXIT_OK
from billtrack.vocabulary import EVENT_KINDS


class HistoryFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


# What `log --kind` can keep: commits, and events of each kind the event schema knows.
ENTRY_KINDS = ("commit", *EVENT_KINDS)
# An enum made at run time from a tuple is, to a type checker, any StrEnum.
if TYPE_CHECKING:
    EntryKind = StrEnum
else:
    EntryKind = StrEnum("EntryKind", {kind: kind for kind in ENTRY_KINDS})


FormatOption = Annotated[HistoryFormat, typer.Option("--format", help="text, markdown or json.")]
AllParentsOption = Annotated[
    bool,
    typer.Option(
        "--all-parents",
        help="Include the commits of merged branches [default: the first-parent history "
        "of the current branch].",
    ),
]

# A walk that reads fewer versions than this finishes before a bar would be worth drawing.
PROGRESS_THRESHOLD = 50


@contextmanager
def _progress() -> Iterator[Callable[[int, int], None] | None]:
    """A transient progress bar on stderr for long walks, on a terminal only."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

    bar = Progress(
        TextColumn("reading versions"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task: list[TaskID] = []

    def update(done: int, total: int) -> None:
        if total < PROGRESS_THRESHOLD:
            return
        if not task:
            bar.start()
            task.append(bar.add_task("versions", total=total))
        bar.update(task[0], completed=done)

    try:
        yield update
    finally:
        if task:
            bar.stop()


@app.command(
    epilog="Examples: billtrack log;  billtrack log --since 2021-11 --until 2022-03;  "
    "billtrack log --kind reading --kind commit --reverse;  billtrack log --format json"
)
def log(
    bill: BillOption = None,
    root: RootOption = None,
    output_format: FormatOption = HistoryFormat.text,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help="Only entries on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).",
            show_default=False,
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            metavar="DATE",
            help="Only entries on or before DATE (a partial date means its end).",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        list[EntryKind] | None,
        typer.Option(
            "--kind",
            metavar="KIND",
            help=f"Only entries of this kind (repeatable): {', '.join(ENTRY_KINDS)}.",
            show_default=False,
        ),
    ] = None,
    reverse: Annotated[bool, typer.Option("--reverse", help="Oldest first.")] = False,
    all_parents: AllParentsOption = False,
    color: ColorOption = ColorMode.auto,
) -> None:
    """The bill's timeline: events and the commits that changed its text, newest first.

    Readings (stage, outcome), consultations (participants, positions), conclusions and
    decisions, interleaved by date with each commit that changed bill.yaml and its
    change count (+added -dropped ~modified). A partial date sorts by its start (2022
    before 2022-03-09); on one date commits come first, then events by id. --since and
    --until keep entries whose date, as the span a partial date stands for, overlaps
    the range.
    """
    from billtrack.history.timeline import date_window, timeline
    from billtrack.history.walk import walk
    from billtrack.render.history.view import HistoryOptions

    date_window(since, until)  # a bad date is a usage error before any work
    with opened_bill(root, bill) as repo, _progress() as bar:
        history = walk(repo, all_parents=all_parents, progress=bar)
        result = timeline(
            history,
            events=repo.events(),
            proposals=repo.proposals(),
            since=since,
            until=until,
            kinds=[k.value for k in kind or ()],
            newest_first=not reverse,
            stages=repo.stages(),
        )
    options = HistoryOptions(color=use_color(color))
    write_report("log", output_format.value, result, options)
    raise typer.Exit(EXIT_OK)


@app.command(
    epilog="Examples: billtrack history local-office;  "
    "billtrack history removal-on-request --patch;  "
    "billtrack history platform-representative --format json"
)
def history(
    provision_id: Annotated[str, typer.Argument(metavar="ID", help="The provision's id.")],
    bill: BillOption = None,
    root: RootOption = None,
    output_format: FormatOption = HistoryFormat.text,
    patch: Annotated[
        bool, typer.Option("--patch", "-p", help="A word redline for each text change.")
    ] = False,
    all_parents: AllParentsOption = False,
    color: ColorOption = ColorMode.auto,
) -> None:
    """Every version in which a provision was added, changed, renamed or dropped.

    Follows the provision across renames (both ways), with the commit, date, author and
    message of each change and the proposals and events behind it; then the readings
    that pinned a version containing it, and the proposals and events that concern it.
    """
    from billtrack.history.provision import provision_history
    from billtrack.history.walk import walk
    from billtrack.render.history.view import HistoryOptions

    with opened_bill(root, bill) as repo, _progress() as bar:
        walked = walk(repo, all_parents=all_parents, progress=bar)
        result = provision_history(
            walked, provision_id, proposals=repo.proposals(), events=repo.events()
        )
    options = HistoryOptions(color=use_color(color), patch=patch)
    write_report("history", output_format.value, result, options)
    raise typer.Exit(EXIT_OK)


@app.command(
    epilog="Examples: billtrack status;  billtrack status --format markdown > STATUS.md;  "
    "billtrack status --format json"
)
def status(
    bill: BillOption = None,
    root: RootOption = None,
    output_format: FormatOption = HistoryFormat.text,
    color: ColorOption = ColorMode.auto,
) -> None:
    """Where the bill stands: its stage, its text since the last reading, proposals by
    status, each party's latest stance, and what is still pending.

    The stage is the furthest declared stage that an event records; pending are the
    proposals no event has decided and the declared stages no event records yet.
    """
    from billtrack.history.status import bill_status
    from billtrack.render.history.view import HistoryOptions

    with opened_bill(root, bill) as repo:
        result = bill_status(repo)
    options = HistoryOptions(color=use_color(color))
    write_report("status", output_format.value, result, options)
    raise typer.Exit(EXIT_OK)
