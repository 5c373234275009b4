"""validate's rules, one module per family; importing this package registers them all.

Each rule is a function decorated with `registry.rule(CODE..., scope=...)`, with a
docstring saying what it checks; it yields Problems and never prints or reads files
(the context hands it the loaded records, and git for what only git can tell).
"""

from __future__ import annotations

from billtrack.validate.rules import (
    chronology,
    documents,
    files,
    ids,
    ledger,
    readings,
    references,
    texts,
)

__all__ = [
    "chronology",
    "documents",
    "files",
    "ids",
    "ledger",
    "readings",
    "references",
    "texts",
]
