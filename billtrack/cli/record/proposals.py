"""`proposal new` and `proposal decide`.

The core is imported inside the commands, when one runs, not for --help (as in events).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from billtrack import dates, vocabulary
from billtrack.cli.boundary import options_named
from billtrack.cli.options import BillOption, RootOption
from billtrack.cli.record.dialogue import ask, ask_list, report
from billtrack.cli.record.options import (
    OPTION_OF,
    Action,
    BodyOption,
    CommitOption,
    DateOption,
    EventKind,
    ExtensionOption,
    OutcomeOption,
    SourceOption,
    StageOption,
    Status,
    SummaryOption,
    proposal_app,
)
from billtrack.errors import UsageError
from billtrack.store.files import MAX_RECORD_BYTES


@proposal_app.command(
    "new",
    epilog="Example: billtrack proposal new --author government --action drop "
    "--target local-office --date 2021-11 --rationale 'No platform would open an office.'",
)
def proposal_new(
    author: Annotated[
        str | None,
        typer.Option(
            "--author", metavar="PARTY", help="Who proposes it (party id).", show_default=False
        ),
    ] = None,
    action: Annotated[
        Action | None,
        typer.Option(
            "--action",
            help="add, drop, replace or renumber.",
            show_default=False,
        ),
    ] = None,
    target: Annotated[
        str | None,
        typer.Option(
            "--target",
            metavar="ID",
            help="The provision id (for add: the id the new provision will have).",
            show_default=False,
        ),
    ] = None,
    text: Annotated[
        str | None,
        typer.Option(
            "--text",
            metavar="TEXT",
            help="The proposed wording (add, replace).",
            show_default=False,
        ),
    ] = None,
    text_file: Annotated[
        Path | None,
        typer.Option(
            "--text-file",
            metavar="FILE",
            help="Read the proposed wording from this UTF-8 file ('-' for stdin).",
            show_default=False,
        ),
    ] = None,
    after: Annotated[
        str | None,
        typer.Option(
            "--after",
            metavar="ID",
            help="For add: the provision the new one follows; for renumber: where it moves.",
        ),
    ] = None,
    replaces: Annotated[
        str | None,
        typer.Option(
            "--replaces",
            metavar="ID",
            help="For add: the provision the new one takes the place of.",
        ),
    ] = None,
    number: Annotated[
        str | None,
        typer.Option(
            "--number", metavar="NUMBER", help="For renumber (or add): the number it is to have."
        ),
    ] = None,
    heading: Annotated[
        str | None,
        typer.Option("--heading", metavar="TEXT", help="The heading the provision is to have."),
    ] = None,
    rationale: Annotated[
        str | None, typer.Option("--rationale", metavar="TEXT", help="Why.")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            help="When it was proposed [default: today].",
            show_default=False,
        ),
    ] = None,
    proposal_id: Annotated[
        str | None,
        typer.Option(
            "--id",
            metavar="ID",
            help="The proposal id [default: the next P-NNNN].",
            show_default=False,
        ),
    ] = None,
    source: SourceOption = None,
    extension: ExtensionOption = None,
    commit: CommitOption = False,
    bill: BillOption = None,
    root: RootOption = None,
) -> None:
    """Record an amendment proposal. Its status is `proposed` until `proposal decide`."""
    from billtrack.record.draft import ProposalDraft, parse_extensions
    from billtrack.record.proposal import new_proposal
    from billtrack.record.workspace import open_bill
    from billtrack.store.layout import find_root

    ws = open_bill(find_root(root), bill)
    chosen_action = ask(action, "--action", "Action", choices=vocabulary.ACTIONS)
    if text is not None and text_file is not None:
        raise UsageError("give --text or --text-file, not both")
    if text_file is not None:
        text = _read_text(text_file)
    if text is None and chosen_action in ("add", "replace"):
        text = ask(None, "--text", "Proposed wording", hint=f"required for {chosen_action}")
    with options_named(OPTION_OF):
        draft = ProposalDraft(
            author=ask(author, "--author", "Author", choices=ws.party_ids),
            action=chosen_action,
            target=ask(
                target,
                "--target",
                "Target provision",
                choices=ws.provision_ids if chosen_action != "add" else (),
                hint="the new provision's id",
            ),
            text=text,
            after=after,
            replaces=replaces,
            number=number,
            heading=heading,
            rationale=rationale,
            date=date,
            proposal_id=proposal_id,
            sources=source or [],
            extensions=parse_extensions(extension or []),
        )
        result = new_proposal(ws, draft, commit=commit)
    report(result)


def _read_text(path: Path) -> str:
    try:
        if str(path) == "-":
            raw = sys.stdin.buffer.read(MAX_RECORD_BYTES + 1)
        else:
            with path.open("rb") as handle:
                raw = handle.read(MAX_RECORD_BYTES + 1)
        if len(raw) > MAX_RECORD_BYTES:
            raise UsageError(f"--text-file {path}: larger than {MAX_RECORD_BYTES >> 20} MB")
    except OSError as exc:
        raise UsageError(f"--text-file {path}: {exc.strerror or exc}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"--text-file {path}: not UTF-8") from None


@proposal_app.command(
    "decide",
    epilog="Example: billtrack proposal decide P-0001 P-0002 --status accepted --date 2021-11 "
    "--body government --kind negotiation --event 2021-11-compromise --commit",
)
def proposal_decide(
    proposal_ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PROPOSAL", help="The proposal(s) decided, e.g. P-0001.", show_default=False
        ),
    ] = None,
    status: Annotated[
        Status | None,
        typer.Option(
            "--status",
            help="accepted, rejected or withdrawn.",
            show_default=False,
        ),
    ] = None,
    date: DateOption = None,
    body: BodyOption = None,
    kind: Annotated[
        EventKind,
        typer.Option("--kind", help="The kind of event that decided it."),
    ] = "committee",
    stage: StageOption = None,
    outcome: OutcomeOption = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="A note on the decision.")
    ] = None,
    provision: Annotated[
        list[str] | None,
        typer.Option(
            "--provision",
            help="Another provision it concerns (the proposals' targets are always named); "
            "repeatable.",
            show_default=False,
        ),
    ] = None,
    summary: SummaryOption = None,
    source: SourceOption = None,
    extension: ExtensionOption = None,
    event_id: Annotated[
        str | None,
        typer.Option(
            "--event",
            metavar="ID",
            help="The id of the event to create [default: DATE-PROPOSAL-STATUS].",
            show_default=False,
        ),
    ] = None,
    commit: CommitOption = False,
    bill: BillOption = None,
    root: RootOption = None,
) -> None:
    """Record a decision on proposals: a new event with `decisions` (the proposal file is
    never edited). A later decision is kept as the proposal's life; one the other way at
    the same stage on the same date is refused."""
    from billtrack.record.draft import EventDraft, parse_extensions
    from billtrack.record.proposal import decide
    from billtrack.record.workspace import open_bill
    from billtrack.store.layout import find_root

    ws = open_bill(find_root(root), bill)
    ids = proposal_ids or ask_list("PROPOSAL", "Proposals", ws.open_proposals())
    chosen_status = ask(status, "--status", "Status", choices=vocabulary.DECISION_STATUSES)
    with options_named(OPTION_OF):
        draft = EventDraft(
            kind=kind,
            date=ask(date, "--date", "Date", hint=dates.HINT),
            body=body,
            stage=stage,
            outcome=outcome,
            provisions=provision or [],
            summary=summary,
            sources=source or [],
            event_id=event_id,
            extensions=parse_extensions(extension or []),
        )
        result = decide(ws, ids, draft, status=chosen_status, note=note, commit=commit)
    report(result)


@proposal_app.command(
    "apply",
    epilog="Examples: billtrack proposal apply P-0001 P-0002 --commit;  "
    "billtrack proposal apply --all-accepted",
)
def proposal_apply(
    proposal_ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PROPOSAL", help="The accepted proposal(s) to apply.", show_default=False
        ),
    ] = None,
    all_accepted: Annotated[
        bool,
        typer.Option("--all-accepted", help="Every accepted proposal not yet in the text."),
    ] = False,
    commit: CommitOption = False,
    bill: BillOption = None,
    root: RootOption = None,
) -> None:
    """Write accepted proposals into bill.yaml: replace a text, insert after, drop,
    renumber or move. Only the provisions concerned are edited; the file is checked
    before the one atomic write."""
    from billtrack.record.apply import apply_proposals
    from billtrack.record.workspace import open_bill
    from billtrack.store.layout import find_root

    ws = open_bill(find_root(root), bill)
    result = apply_proposals(ws, proposal_ids or [], all_accepted=all_accepted, commit=commit)
    typer.echo(f"applied {result.record_id} to {result.path}")
    if result.commit:
        typer.echo(f"committed {result.commit[:7]}")
