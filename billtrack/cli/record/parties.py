"""`party add`.

The core is imported inside the command, when it runs, not for --help (as in events).
"""

from __future__ import annotations

from typing import Annotated

import typer

from billtrack import vocabulary
from billtrack.cli.boundary import options_named
from billtrack.cli.options import RootOption
from billtrack.cli.record.dialogue import ask
from billtrack.cli.record.options import OPTION_OF, ExtensionOption, PartyKind, party_app
from billtrack.suggest import listing


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
        typer.Option(
            "--name",
            metavar="NAME",
            help="The full name, as the institution calls itself; in several languages as "
            'JSON: \'{"en": "Senate", "ru": "Сенат"}\'.',
            show_default=False,
        ),
    ] = None,
    short_name: Annotated[
        str | None,
        typer.Option(
            "--short-name",
            metavar="NAME",
            help="The name reports use in running prose (text or JSON by language).",
            show_default=False,
        ),
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
        party_id = ask(None, "PARTY_ID", "Party id", hint=hint)
    with options_named(OPTION_OF):
        draft = PartyDraft(
            party_id=party_id,
            name=ask(name, "--name", "Name"),
            kind=ask(kind, "--kind", "Kind", choices=vocabulary.PARTY_KINDS),
            country=country,
            note=note,
            short_name=short_name,
            extensions=parse_extensions(extension or []),
        )
        result = add_party(data_root, draft)
    where = "created" if result.created else "added to"
    typer.echo(f"party {result.record_id} {where} {result.path}")
