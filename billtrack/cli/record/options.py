"""What the write commands share: their command groups, the choices they offer (the file
format's words, from billtrack.vocabulary), their common options, and the one table that
says which option sets which field of a record.

The core's errors name fields (`date`), never options; the commands word them with the
option (`--date`) through this table. Nothing here calls the core or prints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal, TypeAlias

import typer

from billtrack import vocabulary
from billtrack.cli.base import app


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
OPTION_OF = {
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
    "replaces": "--replaces",
    "number": "--number",
    "heading": "--heading",
    "rationale": "--rationale",
    "party_id": "party id",
    "name": "--name",
    "short_name": "--short-name",
    "country": "--country",
    "note": "--note",
}


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
    str | None,
    typer.Option(
        "--summary",
        metavar="TEXT",
        help="What happened, in a few sentences; in several languages as JSON: "
        '\'{"en": "...", "ru": "..."}\' (so are --note, --rationale, --source).',
    ),
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
