"""The write commands: `reading record`, `consultation record`, `proposal new`,
`proposal decide` and `party add`.

Each command gathers its options (a missing required one is asked for on a terminal,
with the known parties, stages or proposals offered, and is exit 2 elsewhere), calls one
function of billtrack.record, and prints one line per thing done. Errors are raised, never
printed: the boundary in billtrack.cli turns them into one line and an exit code.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, TypeAlias

import typer

from billtrack import dates, vocabulary
from billtrack.cli.base import app
from billtrack.cli.options import BillOption, RootOption
from billtrack.errors import UsageError
from billtrack.record.fields import FieldError
from billtrack.record.ids import split_ids
from billtrack.suggest import listing

if TYPE_CHECKING:
    from billtrack.record.transaction import Recorded


def _group(help_: str) -> typer.Typer:
    return typer.Typer(help=help_, no_args_is_help=True, rich_markup_mode=None)


reading_app = _group("Record a reading of the bill (pins the text read).")
consultation_app = _group("Record a consultation, negotiation, conclusion or other event.")
proposal_app = _group("Record amendment proposals and the decisions on them.")
party_app = _group("Add parties: chambers, ministries, companies, people.")
app.add_typer(reading_app, name="reading")
app.add_typer(consultation_app, name="consultation")
app.add_typer(proposal_app, name="proposal")
app.add_typer(party_app, name="party")


# The choices the options offer: the file format's words, from the schemas (Typer reads
# them from a Literal at run time; to the type checker they are plain strings).
if TYPE_CHECKING:
    EventKind: TypeAlias = str
    Outcome: TypeAlias = str
    Action: TypeAlias = str
    Status: TypeAlias = str
    PartyKind: TypeAlias = str
else:
    # A reading pins the text read: it has a command of its own.
    EventKind = Literal[tuple(k for k in vocabulary.EVENT_KINDS if k != "reading")]
    Outcome = Literal[vocabulary.OUTCOMES]
    Action = Literal[vocabulary.ACTIONS]
    Status = Literal[vocabulary.DECISION_STATUSES]
    PartyKind = Literal[vocabulary.PARTY_KINDS]

# How the commands name each field of a record, to word the core's errors (which name
# fields, never options).
_OPTION_OF = {
    "date": "--date",
    "kind": "--kind",
    "stage": "--stage",
    "body": "--body",
    "participants": "--with",
    "outcome": "--outcome",
    "version": "--version",
    "no_tag": "--no-tag",
    "provisions": "--provision",
    "positions": "--position",
    "decisions": "--decision",
    "status": "--status",
    "summary": "--summary",
    "sources": "--source",
    "extensions": "--extension",
    "id": "--id",
    "author": "--author",
    "action": "--action",
    "target": "--target",
    "text": "--text",
    "after": "--after",
    "rationale": "--rationale",
    "party_id": "party id",
    "name": "--name",
    "country": "--country",
    "note": "--note",
}


@contextmanager
def _options_named() -> Iterator[None]:
    """The core's errors about a field, worded with the option that set it."""
    try:
        yield
    except FieldError as exc:
        exc.reword(_OPTION_OF)
        raise


# --- options shared by the write commands ------------------------------------------------

DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="DATE",
        help="When it happened: YYYY, YYYY-MM or YYYY-MM-DD.",
        show_default=False,
    ),
]
BodyOption = Annotated[
    str | None,
    typer.Option(
        "--body",
        metavar="PARTY",
        help="The party that held it or decided, by id.",
        show_default=False,
    ),
]
OutcomeOption = Annotated[
    Outcome | None,
    typer.Option(
        "--outcome",
        help="What came of it.",
        show_default=False,
    ),
]
StageOption = Annotated[
    str | None,
    typer.Option(
        "--stage", metavar="STAGE", help="The stage it belongs to (one of the bill's stages)."
    ),
]
ProvisionOption = Annotated[
    list[str] | None,
    typer.Option(
        "--provision",
        metavar="ID",
        help="A provision id it concerns; repeat or comma-separate.",
        show_default=False,
    ),
]
DecisionOption = Annotated[
    list[str] | None,
    typer.Option(
        "--decision",
        metavar="PROPOSAL=STATUS[:NOTE]",
        help="PROPOSAL=STATUS[:NOTE], a decision taken in it (accepted, rejected, withdrawn); "
        "repeatable.",
        show_default=False,
    ),
]
SummaryOption = Annotated[
    str | None, typer.Option("--summary", metavar="TEXT", help="What happened, in a few sentences.")
]
SourceOption = Annotated[
    list[str] | None,
    typer.Option(
        "--source", metavar="TEXT", help="A URL or citation; repeatable.", show_default=False
    ),
]
ExtensionOption = Annotated[
    list[str] | None,
    typer.Option(
        "--extension",
        metavar="x-KEY=VALUE",
        help="x-KEY=VALUE, a field of your own (kept as it is); repeatable.",
        show_default=False,
    ),
]
EventIdOption = Annotated[
    str | None,
    typer.Option(
        "--id",
        metavar="ID",
        help="The event id (its file name) [default: DATE-slug from the summary].",
        show_default=False,
    ),
]
CommitOption = Annotated[
    bool,
    typer.Option("--commit", help="Commit the new file (and only it) with a message saying what."),
]


# --- asking for what is missing ------------------------------------------------------------


def _interactive() -> bool:
    return sys.stdin.isatty()


def _offer(choices: Sequence[str], hint: str) -> str:
    if choices:
        return f" (one of: {listing(choices)})"
    return f" ({hint})" if hint else ""


def _ask(
    value: str | None,
    option: str,
    label: str,
    *,
    choices: Sequence[str] = (),
    hint: str = "",
) -> str:
    """The option's value; on a terminal a missing one is asked for, elsewhere exit 2."""
    if value is not None:
        return value
    offered = _offer(choices, hint)
    if not _interactive():
        raise UsageError(f"missing {option}{offered}")
    while True:
        answer = str(typer.prompt(f"{label}{offered}")).strip()
        if answer and (not choices or answer in choices):
            return answer
        typer.echo(f"{answer!r} is not one of the choices" if answer else "required", err=True)


def _ask_list(option: str, label: str, choices: Sequence[str]) -> list[str]:
    offered = _offer(choices, "")
    if not _interactive():
        raise UsageError(f"missing {option}{offered}")
    while True:
        answer = split_ids([str(typer.prompt(f"{label}, comma-separated{offered}"))])
        unknown = [a for a in answer if a not in choices]
        if answer and not unknown:
            return answer
        typer.echo(f"not known: {', '.join(unknown)}" if unknown else "required", err=True)


def _report(result: Recorded) -> None:
    typer.echo(f"created {result.path}")
    if result.tag:
        typer.echo(f"tagged {result.tag}")
    if result.commit:
        typer.echo(f"committed {result.commit[:7]}")


# --- reading record --------------------------------------------------------------------------


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
    with _options_named():
        draft = EventDraft(
            kind="reading",
            stage=_ask(stage, "--stage", "Stage", choices=ws.stages, hint="a stage id"),
            date=_ask(date, "--date", "Date", hint=dates.HINT),
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
    _report(result)


# --- consultation record ----------------------------------------------------------------------


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
        participants = _ask_list("--with", "Participants", ws.party_ids)
    with _options_named():
        draft = EventDraft(
            kind=kind,
            date=_ask(date, "--date", "Date", hint=dates.HINT),
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
    _report(result)


# --- proposal new / decide -----------------------------------------------------------------


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
        typer.Option("--after", metavar="ID", help="For add: the provision the new one follows."),
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
    chosen_action = _ask(action, "--action", "Action", choices=vocabulary.ACTIONS)
    if text is not None and text_file is not None:
        raise UsageError("give --text or --text-file, not both")
    if text_file is not None:
        text = _read_text(text_file)
    if text is None and chosen_action in ("add", "replace"):
        text = _ask(None, "--text", "Proposed wording", hint=f"required for {chosen_action}")
    with _options_named():
        draft = ProposalDraft(
            author=_ask(author, "--author", "Author", choices=ws.party_ids),
            action=chosen_action,
            target=_ask(
                target,
                "--target",
                "Target provision",
                choices=ws.provision_ids if chosen_action != "add" else (),
                hint="the new provision's id",
            ),
            text=text,
            after=after,
            rationale=rationale,
            date=date,
            proposal_id=proposal_id,
            sources=source or [],
            extensions=parse_extensions(extension or []),
        )
        result = new_proposal(ws, draft, commit=commit)
    _report(result)


def _read_text(path: Path) -> str:
    try:
        raw = sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
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
    never edited). A proposal is decided once."""
    from billtrack.record.draft import EventDraft, parse_extensions
    from billtrack.record.proposal import decide
    from billtrack.record.workspace import open_bill
    from billtrack.store.layout import find_root

    ws = open_bill(find_root(root), bill)
    ids = proposal_ids or _ask_list("PROPOSAL", "Proposals", ws.open_proposals())
    chosen_status = _ask(status, "--status", "Status", choices=vocabulary.DECISION_STATUSES)
    with _options_named():
        draft = EventDraft(
            kind=kind,
            date=_ask(date, "--date", "Date", hint=dates.HINT),
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
    _report(result)


# --- party add -------------------------------------------------------------------------------


@party_app.command(
    "add",
    epilog="Example: billtrack party add meta --name 'Meta Platforms, Inc.' --kind company "
    "--country US",
)
def party_add(
    party_id: Annotated[
        str | None,
        typer.Argument(
            metavar="PARTY_ID", help="The new party's id, e.g. mazhilis.", show_default=False
        ),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option("--name", metavar="NAME", help="The full name.", show_default=False),
    ] = None,
    kind: Annotated[
        PartyKind | None,
        typer.Option(
            "--kind",
            help="chamber, government, ministry, committee, deputy, platform, company, ngo, "
            "person or other.",
            show_default=False,
        ),
    ] = None,
    country: Annotated[
        str | None,
        typer.Option("--country", metavar="CC", help="ISO 3166-1 alpha-2 code, e.g. KZ."),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="Who they are, briefly.")
    ] = None,
    extension: ExtensionOption = None,
    root: RootOption = None,
) -> None:
    """Add a party to parties.yaml. The entry is appended: every existing byte of the file
    (comments, layout) stays exactly as it was."""
    from billtrack.record.draft import PartyDraft, parse_extensions
    from billtrack.record.parties import add_party
    from billtrack.store.layout import find_root, load_parties

    data_root = find_root(root)
    if party_id is None:
        known = [p.id for p in load_parties(data_root)]
        hint = f"a new id; known: {listing(known)}" if known else "a new id"
        party_id = _ask(None, "PARTY_ID", "Party id", hint=hint)
    with _options_named():
        draft = PartyDraft(
            party_id=party_id,
            name=_ask(name, "--name", "Name"),
            kind=_ask(kind, "--kind", "Kind", choices=vocabulary.PARTY_KINDS),
            country=country,
            note=note,
            extensions=parse_extensions(extension or []),
        )
        result = add_party(data_root, draft)
    where = "created" if result.created else "added to"
    typer.echo(f"party {result.record_id} {where} {result.path}")
