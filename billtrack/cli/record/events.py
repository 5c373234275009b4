"""`reading record` and `consultation record`: new events.

The core (PyYAML, the validator, the model) is imported inside the commands, when one
runs, not for --help (measured: it would double a record command's help time).
"""

from __future__ import annotations

from typing import Annotated

import typer

from billtrack import dates
from billtrack.cli.boundary import options_named
from billtrack.cli.options import BillOption, RootOption
from billtrack.cli.record.dialogue import ask, ask_list, report
from billtrack.cli.record.options import (
    OPTION_OF,
    BodyOption,
    CommitOption,
    DateOption,
    DecisionOption,
    EventIdOption,
    EventKind,
    ExtensionOption,
    OutcomeOption,
    ProvisionOption,
    SourceOption,
    StageOption,
    SummaryOption,
    consultation_app,
    reading_app,
)


@reading_app.command(
    "record",
    epilog="Example: billtrack reading record --stage first-reading --date 2021-09-15 "
    "--body mazhilis --outcome approved --summary 'Approved in the first reading.' --commit",
)
def reading_record(
    stage: StageOption = None,
    date: DateOption = None,
    body: BodyOption = None,
    outcome: OutcomeOption = None,
    version: Annotated[
        str,
        typer.Option(
            "--version",
            metavar="REV",
            help="The commit holding the text that was read (any git revision); "
            "pinned as its full commit id.",
        ),
    ] = "HEAD",
    event_id: EventIdOption = None,
    provision: ProvisionOption = None,
    decision: DecisionOption = None,
    summary: SummaryOption = None,
    source: SourceOption = None,
    extension: ExtensionOption = None,
    tag: Annotated[
        bool, typer.Option("--tag/--no-tag", help="Tag the pinned commit BILL/STAGE.")
    ] = True,
    commit: CommitOption = False,
    bill: BillOption = None,
    root: RootOption = None,
) -> None:
    """Record a reading: a new event that pins the commit holding the text read.

    Refuses when the bill's text on disk differs from that commit (the reading would not
    be reproducible). Creates the annotated tag BILL/STAGE unless --no-tag, and never moves
    an existing tag.
    """
    from billtrack.record.draft import EventDraft, parse_decision, parse_extensions
    from billtrack.record.reading import record_reading
    from billtrack.record.workspace import open_bill
    from billtrack.store.layout import find_root

    ws = open_bill(find_root(root), bill)
    with options_named(OPTION_OF):
        draft = EventDraft(
            kind="reading",
            stage=ask(stage, "--stage", "Stage", choices=ws.stages, hint="a stage id"),
            date=ask(date, "--date", "Date", hint=dates.HINT),
            body=body,
            outcome=outcome,
            event_id=event_id,
            provisions=provision or [],
            decisions=[parse_decision(d) for d in decision or []],
            summary=summary,
            sources=source or [],
            extensions=parse_extensions(extension or []),
        )
        result = record_reading(ws, draft, version=version, tag=tag, commit=commit)
    report(result)


@consultation_app.command(
    "record",
    epilog="Example: billtrack consultation record --date 2021-10 --kind negotiation "
    "--body government --with facebook --with tiktok --outcome partial "
    "--position facebook=opposes:'No local office' --provision local-office --commit",
)
def consultation_record(
    date: DateOption = None,
    with_: Annotated[
        list[str] | None,
        typer.Option(
            "--with",
            metavar="PARTY",
            help="A participant (party id); repeat or comma-separate. Required for "
            "consultation and negotiation.",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        EventKind,
        typer.Option(
            "--kind",
            help="consultation, negotiation, conclusion or committee (also vote, signature, "
            "publication, other).",
        ),
    ] = "consultation",
    body: BodyOption = None,
    outcome: OutcomeOption = None,
    position: Annotated[
        list[str] | None,
        typer.Option(
            "--position",
            metavar="PARTY=STANCE[:NOTE]",
            help="PARTY=STANCE[:NOTE], a stance taken (agrees, partial, opposes, no-contact, "
            "undecided); repeatable.",
            show_default=False,
        ),
    ] = None,
    stage: StageOption = None,
    provision: ProvisionOption = None,
    decision: DecisionOption = None,
    summary: SummaryOption = None,
    source: SourceOption = None,
    event_id: EventIdOption = None,
    extension: ExtensionOption = None,
    commit: CommitOption = False,
    bill: BillOption = None,
    root: RootOption = None,
) -> None:
    """Record a consultation, negotiation, conclusion or committee meeting (a new event)."""
    from billtrack.record.draft import (
        EventDraft,
        parse_decision,
        parse_extensions,
        parse_position,
    )
    from billtrack.record.event import record_event
    from billtrack.record.workspace import open_bill
    from billtrack.store.layout import find_root

    ws = open_bill(find_root(root), bill)
    participants = with_ or []
    if not participants and kind in ("consultation", "negotiation"):
        participants = ask_list("--with", "Participants", ws.party_ids)
    with options_named(OPTION_OF):
        draft = EventDraft(
            kind=kind,
            date=ask(date, "--date", "Date", hint=dates.HINT),
            participants=participants,
            body=body,
            outcome=outcome,
            stage=stage,
            positions=[parse_position(p) for p in position or []],
            provisions=provision or [],
            decisions=[parse_decision(d) for d in decision or []],
            summary=summary,
            sources=source or [],
            event_id=event_id,
            extensions=parse_extensions(extension or []),
        )
        result = record_event(ws, draft, commit=commit)
    report(result)
