"""The words of the file format: event kinds, outcomes, stances, decision statuses,
proposal actions, party kinds.

The schemas are the one source of truth for them; this module reads each list from its
schema once, and the CLI's choices, the reports and the i18n labels all take them from
here. It never reads the bill's files and never prints.
"""

from __future__ import annotations

from typing import Any

from billtrack.schemas import schema


def _enum(kind: str, *path: str) -> tuple[str, ...]:
    node: Any = schema(kind)
    for part in path:
        node = node[part]
    return tuple(node["enum"])


EVENT_KINDS = _enum("event", "properties", "kind")
OUTCOMES = _enum("event", "properties", "outcome")
STANCES = _enum("event", "$defs", "position", "properties", "stance")
DECISION_STATUSES = _enum("event", "$defs", "decision", "properties", "status")
ACTIONS = _enum("proposal", "properties", "action")
PARTY_KINDS = _enum("parties", "$defs", "party", "properties", "kind")

# A proposal's status is derived, not written: `proposed` until a decision names it.
PROPOSED = "proposed"
PROPOSAL_STATUSES = (PROPOSED, *DECISION_STATUSES)
