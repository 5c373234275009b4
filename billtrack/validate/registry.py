"""The table of every problem code billtrack emits, and the registry of validate's rules.

Each code has its level (two where the same finding is an error or, in some situations,
only a warning) and one line saying what it means; `billtrack validate --list-codes`
prints this table. The YAML loader's codes and the schema check's are listed beside the
rules' own, so that the table is the whole vocabulary of Problem codes. A rule is a
function registered with the codes it emits and the scope it looks at (yamllint's
rules/ are the model): adding a check is adding a function in billtrack/validate/rules/.

This module never reads files and never prints.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal, TypeVar

from billtrack.problems import Level, Problem

Source = Literal["loader", "records", "schema", "checker", "rule"]
# What a rule looks at: the snapshot as a whole, a record file before it is loaded, one
# loaded document that passed its schema, or one bill with every record that loaded.
Scope = Literal["snapshot", "file", "document", "bill"]


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    levels: tuple[Level, ...]  # the first is the usual one
    description: str
    source: Source

    @property
    def level_text(self) -> str:
        return "/".join(self.levels)


_E: tuple[Level, ...] = ("error",)
_W: tuple[Level, ...] = ("warning",)
_N: tuple[Level, ...] = ("note",)

CODES: dict[str, Code] = {
    c.code: c
    for c in (
        # The YAML loader (billtrack.store.yamlio): the file cannot be read at all.
        Code("file-unreadable", _E, "a record file exists but cannot be read", "loader"),
        Code("yaml-encoding", _E, "the file is not UTF-8", "loader"),
        Code("yaml-empty", _E, "the file is empty or holds only comments or null", "loader"),
        Code("yaml-syntax", _E, "the YAML does not parse", "loader"),
        Code("yaml-nesting", _E, "values nested deeper than any record needs", "loader"),
        Code("yaml-aliases", _E, "anchors and aliases expand past the bound", "loader"),
        Code("yaml-tag", _E, "an explicit YAML tag (only plain values are allowed)", "loader"),
        Code("yaml-key", _E, "a mapping key that is not a plain string", "loader"),
        Code("yaml-duplicate-key", _E, "a key given twice in one mapping", "loader"),
        # Building the model (billtrack.store.records), for commands other than validate.
        Code("schema", _E, "a record's shape is wrong where a command reads it", "records"),
        # The file's JSON Schema (billtrack.validate.schema).
        Code("schema-unknown-key", _E, "a key the schema does not define (not x-)", "schema"),
        Code("schema-required", _E, "a required key is missing", "schema"),
        Code("schema-type", _E, "a value of the wrong type (mapping, list, string)", "schema"),
        Code("schema-text", _E, "a text that is neither a string nor a language map", "schema"),
        Code("schema-pattern", _E, "a value not of the required form (ids, codes)", "schema"),
        Code("schema-enum", _E, "a value outside its vocabulary (kind, stance...)", "schema"),
        Code("schema-const", _E, "a value other than the one allowed here", "schema"),
        Code("schema-minLength", _E, "an empty string where text is needed", "schema"),
        Code("schema-minProperties", _E, "an empty mapping where entries are needed", "schema"),
        Code("schema-oneOf", _E, "a value that matches none of its allowed forms", "schema"),
        Code("date-invalid", _E, "not a date (YYYY, YYYY-MM or YYYY-MM-DD) or no such day", "rule"),
        # validate's rules (billtrack.validate.rules).
        Code("yaml-ambiguous", _W, "a plain value other YAML tools read as non-string", "rule"),
        Code("file-missing", _E, "parties.yaml is missing, or a bill folder's bill.yaml", "rule"),
        Code("file-unknown", _W, "a file or folder that is not part of the format", "rule"),
        Code("file-name", _E, "a record file name that is not a valid record id", "rule"),
        Code("duplicate-id", _E, "a party, provision or stage listed twice", "rule"),
        Code("bill-id", _E, "a bill id that differs from its folder's name", "rule"),
        Code("ref-party", _E, "a reference to a party not in parties.yaml", "rule"),
        Code("ref-stage", _E, "an event's stage not among the bill's stages", "rule"),
        Code("ref-provision", _E, "a reference to a provision that never existed", "rule"),
        Code("ref-proposal", _E, "a decision on a proposal that is not recorded", "rule"),
        Code(
            "decided-twice",
            _E,
            "a proposal decided two ways at the same stage on the same date",
            "rule",
        ),
        Code(
            "proposal-not-applied",
            _W,
            "a proposal accepted at a reading that the text does not show (nor a later one)",
            "rule",
        ),
        Code(
            "proposal-rejected-applied",
            _W,
            "a rejected or withdrawn proposal the text reads as anyway",
            "rule",
        ),
        Code(
            "change-unexplained",
            _W,
            "a change between two readings that no accepted proposal or agreeing event explains",
            "rule",
        ),
        Code(
            "reading-version",
            ("error", "note"),
            "a reading's commit is not in the repository (a note when it cannot be told)",
            "rule",
        ),
        # The clerk's consistency checks: warnings (errors with --strict).
        Code(
            "event-chronology",
            _W,
            "dates that contradict the stage order, the bill's introduction, the pinned "
            "commit's date or today",
            "rule",
        ),
        Code(
            "text-language-drift",
            _W,
            "one language of a provision changed between two readings and another did not",
            "rule",
        ),
        Code(
            "reference-broken",
            _W,
            "a provision cites a number no provision has, or one that now labels another",
            "rule",
        ),
        Code(
            "proposals-collide",
            _W,
            "pending proposals on one provision that cannot both apply",
            "rule",
        ),
        # What could not be checked: notes, which never fail a run (not even --strict).
        Code(
            "history-missing",
            _N,
            "references a shallow clone cannot check: the reading that explains them is "
            "not fetched",
            "rule",
        ),
        Code(
            "references-fallback",
            _N,
            "bill.yaml or parties.yaml is broken: references were checked against its last "
            "committed version, or skipped",
            "checker",
        ),
    )
}


def problem(
    path: str, pos: tuple[int, int], code: str, message: str, *, level: Level | None = None
) -> Problem:
    """A Problem of a code of the table, at its usual level unless told otherwise."""
    entry = CODES[code]
    chosen = level or entry.levels[0]
    if chosen not in entry.levels:
        raise ValueError(f"{code} is never a {chosen}")
    return Problem(path, pos[0], pos[1], chosen, code, message)


Check = Callable[..., Iterable[Problem]]
F = TypeVar("F", bound=Check)


@dataclass(frozen=True, slots=True)
class Rule:
    codes: tuple[str, ...]
    scope: Scope
    check: Check

    @property
    def name(self) -> str:
        return self.check.__name__

    @property
    def description(self) -> str:
        return inspect.getdoc(self.check) or ""


RULES: list[Rule] = []


def rule(*codes: str, scope: Scope) -> Callable[[F], F]:
    """Register the decorated function as the check of `codes` over `scope`."""
    unknown = [code for code in codes if code not in CODES]
    if unknown:
        raise KeyError(f"codes not in the table: {', '.join(unknown)}")

    def register(check: F) -> F:
        RULES.append(Rule(codes, scope, check))
        return check

    return register


def rules_of(scope: Scope) -> list[Rule]:
    return [r for r in RULES if r.scope == scope]
