"""Asking for what is missing, and saying what was done.

A missing required value is asked for on a terminal, with the known parties, stages or
proposals offered; elsewhere it is a usage error (exit 2). Each thing a write command
did is one line on stdout.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import typer

from billtrack.errors import UsageError
from billtrack.suggest import listing

if TYPE_CHECKING:
    from billtrack.record.transaction import Recorded


def interactive() -> bool:
    return sys.stdin.isatty()


def _prompt(text: str) -> str:
    """One answer from the terminal. Ctrl-C there is an interruption like any other
    (one line, exit 130), not Click's "Aborted!" and exit 1; end of input (Ctrl-D) is a
    missing value (exit 2)."""
    try:
        return str(typer.prompt(text))
    except typer.Abort as exc:
        if isinstance(exc.__context__, KeyboardInterrupt):
            raise KeyboardInterrupt from None
        raise UsageError(f"no answer to {text!r}: end of input") from None


def _offer(choices: Sequence[str], hint: str) -> str:
    if choices:
        return f" (one of: {listing(choices)})"
    return f" ({hint})" if hint else ""


def ask(
    value: str | None,
    option: str,
    label: str,
    *,
    choices: Sequence[str] = (),
    hint: str = "",
) -> str:
    """The option's value; on a terminal a missing one is asked for, elsewhere exit 2."""
    if value is not None:
        return value
    offered = _offer(choices, hint)
    if not interactive():
        raise UsageError(f"missing {option}{offered}")
    while True:
        answer = _prompt(f"{label}{offered}").strip()
        if answer and (not choices or answer in choices):
            return answer
        typer.echo(f"{answer!r} is not one of the choices" if answer else "required", err=True)


def ask_list(option: str, label: str, choices: Sequence[str]) -> list[str]:
    from billtrack.record.ids import split_ids  # the core: only when asking

    offered = _offer(choices, "")
    if not interactive():
        raise UsageError(f"missing {option}{offered}")
    while True:
        answer = split_ids([_prompt(f"{label}, comma-separated{offered}")])
        unknown = [a for a in answer if a not in choices]
        if answer and not unknown:
            return answer
        typer.echo(f"not known: {', '.join(unknown)}" if unknown else "required", err=True)


def report(result: Recorded) -> None:
    if result.notes:
        typer.echo(
            f"billtrack: note: a write that was cut short was undone: {', '.join(result.notes)}",
            err=True,
        )
    typer.echo(f"created {result.path}")
    if result.tag:
        typer.echo(f"tagged {result.tag}")
    if result.commit:
        typer.echo(f"committed {result.commit[:7]}")
    if result.interrupted:
        from billtrack.record.transaction import Interrupted

        raise Interrupted(f"interrupted once {result.path} was committed; it stays recorded")
