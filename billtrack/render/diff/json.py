"""The `json` diff reporter: the versioned contract `billtrack/diff/2`.

Document: {"schema": "billtrack/diff/2", "bill", "from": {"spec", "commit"}, "to",
"counts": {added, dropped, modified, renamed, unchanged}, "bill_changes": [{field,
before, after}] (the bill's own fields that changed: title, short_title, stages ...),
"provisions": [...]}. Each provision: id, status, previous_id and similarity (renamed
only), changes, before and after (the records as in the files, null when absent),
redline (where the text changed on both sides: a list of [op, text] for a plain-string
text, an object of such lists by language for a multilingual one; only the languages
that changed), coarse_redline (only where true: a text too long to align word by word
in bounded memory, its redline aligned sentence by sentence first), then the ledger
(billtrack.ledger): proposals [{id, status, decided_in}] (those targeting it, their
status at the newer version), events, explained_by, consequential, unexplained.
`--stat` leaves out before, after and redline. Keys keep this order. The shape is
billtrack/schemas/diff-output.schema.json; a change to it is a new schema version.
Written by billtrack.render.json, one provision a line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

from billtrack.render.diff.view import DiffOptions, provision_entry, shown
from billtrack.render.json import write_with_items

if TYPE_CHECKING:
    from billtrack.comparison import Comparison
    from billtrack.store.repository import Side

DIFF_SCHEMA = "billtrack/diff/2"


def _side(side: Side) -> dict[str, Any]:
    return {"spec": side.spec, "commit": side.commit}


def diff_document(comparison: Comparison, options: DiffOptions) -> dict[str, Any]:
    """The JSON document as Python data (what `diff --format json` writes)."""
    return {
        "schema": DIFF_SCHEMA,
        "bill": comparison.bill,
        "from": _side(comparison.old),
        "to": _side(comparison.new),
        "counts": dict(comparison.diff.counts()),
        "bill_changes": [
            {"field": name, "before": before, "after": after}
            for name, before, after in comparison.diff.bill_changes
        ],
        "provisions": [
            provision_entry(item, stat=options.stat, version=2)
            for item in shown(comparison, options)
        ],
    }


def render(comparison: Comparison, out: TextIO, options: DiffOptions) -> None:
    document = diff_document(comparison, options)
    provisions = document.pop("provisions")
    write_with_items(document, "provisions", provisions, out)
