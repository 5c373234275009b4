"""The one exception family of billtrack.

Every failure a user can cause is a BilltrackError carrying its exit code; the CLI
catches it in exactly one place (billtrack.cli.main) and prints one line. Core code
raises these and never prints or exits.
"""

from __future__ import annotations

from typing import ClassVar

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


class BilltrackError(Exception):
    """A failure with a message meant for the user and a documented exit code."""

    exit_code: ClassVar[int] = EXIT_FINDINGS

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(BilltrackError):
    """The command was asked for something that cannot be: unknown version, no bill, bad option."""

    exit_code = EXIT_USAGE


class DataError(BilltrackError):
    """The files say something billtrack cannot accept (a finding, exit 1)."""

    exit_code = EXIT_FINDINGS


class WriteError(BilltrackError):
    """A write command refused or failed; nothing was changed on disk."""

    exit_code = EXIT_FINDINGS
