"""The JSON Schemas of the file format, one per record kind: the public contract.

The files beside this module are the source of truth; `billtrack schema KIND` prints
them and editors or check-jsonschema use them as they are.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args

Kind = Literal["bill", "event", "proposal", "parties"]
KINDS: tuple[str, ...] = get_args(Kind)
SCHEMA_VERSION = 1


def schema_text(kind: str) -> str:
    # Beside this module (the package is installed as files): importlib.resources would
    # cost every command, `--help` included, ~8 ms to import for the same read.
    return (Path(__file__).parent / f"{kind}.schema.json").read_text(encoding="utf-8")


@cache
def schema(kind: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_text(kind))
    return loaded


@cache
def inlined(kind: str) -> dict[str, Any]:
    """The schema with its local `#/$defs/...` references replaced by what they name.

    The same constraints, checked about twice as fast: jsonschema resolves a `$ref` on
    every use, and a proposal file uses six. Our schemas have no recursive references.
    """
    whole = schema(kind)
    defs = whole.get("$defs", {})

    def expand(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/") and len(node) == 1:
                return expand(defs[ref.removeprefix("#/$defs/")])
            return {key: expand(value) for key, value in node.items() if key != "$defs"}
        if isinstance(node, list):
            return [expand(item) for item in node]
        return node

    expanded: dict[str, Any] = expand(whole)
    return expanded
