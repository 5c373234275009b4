"""A record file against its kind's JSON Schema, and schema errors in the user's words.

fastjsonschema's generated check is the first pass: it only says valid or not, but
about ten times faster than jsonschema, which then explains the files that fail. The
checks are generated ahead of time into billtrack.validate.compiled (shipped with the
package, used only while they match the shipped schemas); nothing compiled is ever read
from the repository being validated. Never prints.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from billtrack import dates
from billtrack.problems import Problem
from billtrack.schemas import inlined
from billtrack.store.yamlio import Document
from billtrack.suggest import hint
from billtrack.validate import compiled
from billtrack.validate.registry import problem

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

# Keywords that only apply other schemas: their failures come out as the failures of
# the keywords they apply, so they have no code of their own.
APPLICATORS = frozenset(
    {"allOf", "anyOf", "if", "then", "else", "items", "properties", "patternProperties"}
    | {"propertyNames", "prefixItems", "contains", "not", "$defs", "dependentSchemas"}
)

_JSON_TYPE = {dict: "a mapping", list: "a list", str: "a string", type(None): "nothing (null)"}
_ARTICLE = {"object": "a mapping", "array": "a list", "string": "a string"}


def check(doc: Document, kind: str) -> list[Problem]:
    """The schema problems of one loaded file (none when it passes)."""
    try:
        fast_validator(kind)(doc.data)
        return []
    except ValueError:  # compiled.Invalid, or fastjsonschema's own when compiled here
        pass
    errors = sorted(
        full_validator(kind).iter_errors(doc.data), key=lambda e: list(map(str, e.path))
    )
    return [
        problem(doc.path, doc.pos(path, key=at_key), code, message)
        for error in errors
        for code, path, message, at_key in describe(error)
    ]


@cache
def full_validator(kind: str) -> Validator:
    """jsonschema's validator of a kind's schema: slower, and says what is wrong."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(whole_strings(inlined(kind)))


@cache
def fast_validator(kind: str) -> Callable[[Any], Any]:
    """The fast check of a kind's schema; raises a ValueError when the data fail it.

    The generated module (billtrack.validate.compiled) when it was made from the schema
    shipped now; otherwise (a schema edited since) the check is compiled here, which
    costs a few tens of ms a kind, and says the same.
    """
    definition = draft7(kind)
    try:
        module = importlib.import_module(f"billtrack.validate.compiled.{kind}")
    except ImportError:
        pass
    else:
        if getattr(module, "SCHEMA_FINGERPRINT", None) == compiled.fingerprint(definition):
            ready: Callable[[Any], Any] = module.validate
            return ready
    import fastjsonschema

    validator: Callable[[Any], Any] = fastjsonschema.compile(definition)
    return validator


@cache
def draft7(kind: str) -> dict[str, Any]:
    """A kind's schema as the fast check is generated from. Once the references are
    inlined, every keyword the schemas use means the same in draft 7 (what
    fastjsonschema compiles) as in 2020-12; a test holds the two verdicts equal on the
    corpus and on generated records."""
    fast = any_of_when_disjoint(whole_strings(inlined(kind)))
    return {**fast, "$schema": "http://json-schema.org/draft-07/schema#"}


def any_of_when_disjoint(node: Any) -> Any:
    """The schema with each `oneOf` whose branches each admit one JSON type, all
    different, written as `anyOf`: no value can pass two of them, so the two say the
    same, but fastjsonschema tries every branch of a `oneOf` (raising, with its message
    built, on each that fails) and stops at the first that passes of an `anyOf`. Every
    text is `oneOf: [string, mapping]`, so a proposal file saves three failed branches.
    ("number" admits integers: a branch of either type is never counted disjoint.)"""
    if isinstance(node, dict):
        out = {key: any_of_when_disjoint(value) for key, value in node.items()}
        branches = node.get("oneOf")
        if isinstance(branches, list) and "anyOf" not in node:
            types = [b.get("type") if isinstance(b, dict) else None for b in branches]
            if all(isinstance(t, str) and t not in ("number", "integer") for t in types) and len(
                set(types)
            ) == len(types):
                out["anyOf"] = out.pop("oneOf")
        return out
    if isinstance(node, list):
        return [any_of_when_disjoint(item) for item in node]
    return node


_DOLLAR = re.compile(r"(?<!\\)\$")


def whole_strings(node: Any) -> Any:
    """The schema with each pattern's `$` as Python's `\\Z`: the schemas are written in
    JSON Schema's regex dialect (ECMA 262), where `$` is the end of the string, but both
    validators run Python's `re`, where `$` also matches before a final newline, so
    `KZ\\n` would pass `^[A-Z]{2}$`. Both validators check the same rewritten schema."""
    if isinstance(node, dict):
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                out[key] = _DOLLAR.sub(r"\\Z", value)
            elif key == "patternProperties" and isinstance(value, dict):
                out[key] = {_DOLLAR.sub(r"\\Z", k): whole_strings(v) for k, v in value.items()}
            else:
                out[key] = whole_strings(value)
        return out
    if isinstance(node, list):
        return [whole_strings(item) for item in node]
    return node


# What a value of each pattern must be, and where it comes from, in the user's words.
_ID_WORDS = (
    "is not an id: use lowercase letters a-z, digits, '.', '_' or '-', starting with a "
    "letter or digit (e.g. first-reading)"
)
_PATTERN_WORDS = {
    "^[0-9a-f]{40}([0-9a-f]{24})?$": (
        "is not a commit id: a reading pins the full 40-character id of the commit holding "
        "the text read; `billtrack reading record --version REV` fills it in "
        "(or `git rev-parse REV`)"
    ),
    "^[a-z0-9][a-z0-9._-]{0,79}$": _ID_WORDS,
    "^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$": (
        "is not a proposal id: letters, digits, '.', '_' or '-' (e.g. P-0001)"
    ),
    "^[A-Z]{2}$": "is not a country code: two capital letters (ISO 3166, e.g. KZ)",
    "^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$": "is not a language tag (e.g. kk, ru, en)",
    "\\S": "is blank: write the text, or leave the key out",
}


def _date_message(value: object) -> str:
    """Which part of a date is wrong: its form, or the month or day out of range."""
    if isinstance(value, str):
        try:
            dates.parse(value)
        except dates.DateError as exc:
            return str(exc)
    return f"{value!r} is not a date ({dates.HINT})"


def keyword_code(keyword: str) -> str:
    """The code of a failed schema keyword that has no wording of its own."""
    return f"schema-{keyword}"


def describe(error: Any) -> Iterator[tuple[str, tuple[str | int, ...], str, bool]]:
    """(code, path, message, point-at-key) for one jsonschema error, in the user's words."""
    path = tuple(error.absolute_path)
    where = ".".join(str(p) for p in path) or "the file"
    validator = error.validator
    if validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = sorted(error.schema.get("properties", {}))
        for key in sorted(error.instance):
            if key not in allowed and not key.startswith("x-"):
                tail = hint(key, allowed) if allowed else ""
                yield (
                    "schema-unknown-key",
                    (*path, key),
                    f"unknown key {key!r}{tail} (extensions start with 'x-')",
                    True,
                )
        return
    if validator == "required":
        yield ("schema-required", path, f"{where}: {error.message}", False)
        return
    if validator == "pattern" and error.schema.get("description", "").startswith("A date"):
        yield ("date-invalid", path, _date_message(error.instance), False)
        return
    # The pattern as the schema writes it (whole_strings made its `$` a `\Z`).
    pattern = str(error.validator_value).replace("\\Z", "$")
    if validator == "pattern" and pattern in _PATTERN_WORDS:
        must = _PATTERN_WORDS[pattern]
        yield ("schema-pattern", path, f"{where}: {error.instance!r} {must}", False)
        return
    if validator == "pattern":
        yield (
            keyword_code(validator),
            path,
            f"{where}: {error.instance!r} does not match {pattern!r}",
            False,
        )
        return
    if validator == "oneOf" and path and path[-1] == "text":
        yield (
            "schema-text",
            path,
            "text must be a non-empty string or a mapping from language tag to string",
            False,
        )
        return
    if validator == "type":
        expected = error.validator_value
        wanted = " or ".join(expected) if isinstance(expected, list) else str(expected)
        found = _JSON_TYPE.get(type(error.instance), "a value")
        yield (
            "schema-type",
            path,
            f"{where}: expected {_ARTICLE.get(wanted, wanted)}, found {found}",
            False,
        )
        return
    message = error.message
    if len(message) > 200:
        message = message[:200] + "..."
    yield (keyword_code(validator), path, f"{where}: {message}", False)
