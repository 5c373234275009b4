"""The JSON Schemas of the file format, one per record kind: the public contract.

The files beside this module are the source of truth; `billtrack schema KIND` prints
them and editors or check-jsonschema use them as they are.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any, Literal, get_args

Kind = Literal["bill", "event", "proposal", "parties"]
KINDS: tuple[str, ...] = get_args(Kind)
SCHEMA_VERSION = 1


def schema_text(kind: str) -> str:
    return (files(__package__) / f"{kind}.schema.json").read_text(encoding="utf-8")


@cache
def schema(kind: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_text(kind))
    return loaded
