"""Errors about one value of a record, naming the field it was given for.

The core knows its records' fields (`date`, `positions`), not how a caller spelled them
(`--date`, `--position`): a message is kept as parts, some of them fields, and the
caller may word it again with its own names. Nothing here prints, and nothing is
imported but billtrack.errors: the CLI boundary loads this module for every command.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from billtrack.errors import BilltrackError, UsageError, WriteError


@dataclass(frozen=True, slots=True)
class Field:
    """A field's name inside a message, to be replaced by the caller's name for it."""

    name: str


Part = str | Field


class FieldError(BilltrackError):
    """A failure whose message names fields: `message` names them as the core does,
    `worded(names)` as the caller does."""

    def __init__(self, *parts: Part) -> None:
        self.parts: tuple[Part, ...] = parts
        super().__init__(self.worded({}))

    def worded(self, names: Mapping[str, str]) -> str:
        return "".join(
            names.get(part.name, part.name) if isinstance(part, Field) else part
            for part in self.parts
        )

    def reword(self, names: Mapping[str, str]) -> None:
        """Name the fields as the caller does, from now on."""
        self.message = self.worded(names)
        self.args = (self.message,)


class InvalidValue(FieldError, UsageError):
    """A value that cannot be what its field holds (exit 2); nothing was written."""


def invalid(field: str, detail: str) -> InvalidValue:
    """`FIELD detail`, the usual shape: the field first, then what is wrong with it."""
    return InvalidValue(Field(field), " ", detail)


class Refused(FieldError, WriteError):
    """The new record would not pass `billtrack validate`; nothing was written."""


def refused(findings: Sequence[tuple[str | None, str]]) -> Refused:
    """`refused, nothing written: FIELD: problem; ...` from (field or None, problem)."""
    parts: list[Part] = ["refused, nothing written: "]
    for i, (field, message) in enumerate(findings):
        if i:
            parts.append("; ")
        if field:
            parts += [Field(field), ": "]
        parts.append(message)
    return Refused(*parts)


class NoFreeId(FieldError, WriteError):
    """Every derived id was taken by other writers at the same moment."""


class Rejected(FieldError, WriteError):
    """A value the bill or its repository does not allow (exit 1); nothing was written."""
