"""`billtrack init`: a new bill folder with a valid skeleton, in a git repository."""

from __future__ import annotations

import re

from billtrack.errors import UsageError
from billtrack.record.fields import invalid
from billtrack.schemas import KINDS, schema, schema_text
from billtrack.store.atomic import create_file
from billtrack.store.git import init_repository
from billtrack.store.layout import (
    BILL_FILE,
    EVENTS_DIR,
    PROPOSALS_DIR,
    Root,
    find_repo_top,
    is_record_id,
)
from billtrack.store.yamlwrite import dump

# Editors (yaml-language-server) read the schema from a copy beside the data, so they
# work offline; `billtrack schema KIND` prints the current one.
SCHEMAS_DIR = ".schemas"
SCHEMA_MODELINE = "yaml-language-server: $schema={up}" + SCHEMAS_DIR + "/{kind}.schema.json"
SCHEMA_HINT = "Validate with `billtrack validate`; print the schema with `billtrack schema {kind}`."


def init_bill(
    root: Root, bill_id: str, *, title: str | None, jurisdiction: str, language: str
) -> list[str]:
    """Create the skeleton; returns the paths created, as shown to users."""
    if not is_record_id(bill_id):
        raise UsageError(
            f"{bill_id!r} is not a valid bill id: lowercase letters, digits, '.', '_' and '-', "
            "starting with a letter or digit, at most 80 characters"
        )
    # The values must give a bill.yaml the schema accepts (A1 is upper-case, not a code).
    fields = schema("bill")["properties"]
    if not re.fullmatch(fields["jurisdiction"]["pattern"], jurisdiction):
        raise invalid("jurisdiction", f"{jurisdiction!r}: expected an ISO 3166-1 alpha-2 code")
    if not re.fullmatch(fields["language"]["pattern"], language):
        raise invalid("language", f"{language!r}: expected a BCP 47 tag such as ru, kk or en-GB")
    folder = root.path / bill_id
    if (folder / BILL_FILE).exists():
        raise UsageError(f"{root.display(folder / BILL_FILE)} already exists")
    repo = root.repo or find_repo_top(root.path.parent if not root.path.exists() else root.path)
    if repo is None:
        repo = root.path.parent
        init_repository(repo)
        root = Root(path=root.path, repo=repo)
    created: list[str] = []
    for kind in KINDS:
        copy = root.path / SCHEMAS_DIR / f"{kind}.schema.json"
        if not copy.exists():
            create_file(copy, schema_text(kind).encode())
            created.append(root.display(copy))
    if not root.parties_file.exists():
        create_file(
            root.parties_file,
            dump(
                [],
                header=[
                    SCHEMA_MODELINE.format(up="", kind="parties"),
                    "Who takes part: a list of {id, name, kind, country?, note?}.",
                    SCHEMA_HINT.format(kind="parties"),
                ],
            ).encode(),
        )
        created.append(root.display(root.parties_file))
    bill = {
        "id": bill_id,
        "title": title or bill_id.replace("-", " ").capitalize(),
        "jurisdiction": jurisdiction,
        "language": language,
        "provisions": [],
    }
    path = folder / BILL_FILE
    create_file(
        path,
        dump(
            bill,
            header=[
                SCHEMA_MODELINE.format(up="../", kind="bill"),
                "The bill's metadata and its provisions, in order; a provision's id never changes.",
                SCHEMA_HINT.format(kind="bill"),
            ],
        ).encode(),
    )
    created.append(root.display(path))
    for sub in (EVENTS_DIR, PROPOSALS_DIR):
        keep = folder / sub / ".gitkeep"
        if not keep.exists():
            create_file(keep, b"")
            created.append(root.display(keep))
    return created
