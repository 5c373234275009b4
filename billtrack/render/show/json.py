"""The `json` show reporter: `billtrack/show/1`, {schema, bill, at {spec, commit},
provision (the record as in its file), proposals [{id, action, author, status,
decided_in}], events [ids]}, written by billtrack.render.json."""

from __future__ import annotations

from typing import TextIO

from billtrack.render.json import write
from billtrack.render.show.view import ProvisionView, ShowOptions

SHOW_SCHEMA = "billtrack/show/1"


def render(view: ProvisionView, out: TextIO, options: ShowOptions) -> None:
    write(
        {
            "schema": SHOW_SCHEMA,
            "bill": view.bill,
            "at": {"spec": view.side.spec, "commit": view.side.commit},
            "provision": dict(view.provision.raw),
            "proposals": [
                {
                    "id": p.id,
                    "action": p.action,
                    "author": p.author,
                    "status": s.status,
                    "decided_in": s.event,
                }
                for p, s in view.proposals
            ],
            "events": [e.id for e in view.events],
        },
        out,
    )
