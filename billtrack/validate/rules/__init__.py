"""validate's rules, one module per family; importing this package registers them all.

Each rule is a function decorated with `registry.rule(CODE..., scope=...)`, with a
docstring saying what it checks; it yields Problems and never prints, reads files or
runs git itself (the context hands it what it needs).
"""

from __future__ import annotations

from billtrack.validate.rules import documents, files, ids, readings, references

__all__ = ["documents", "files", "ids", "readings", "references"]
