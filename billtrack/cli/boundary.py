"""The one place where exceptions become exit codes and one-line messages (Ctrl-C: 130),
and where the core's errors about a field are worded with the option that set it.

Signals themselves are billtrack.interrupts'; this module only reports what they raised.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
import traceback
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
import typer._click.exceptions as click_exceptions  # vendored Click (Typer >= 0.26)
from typer.core import TyperGroup

from billtrack.errors import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_INTERRUPTED, BilltrackError
from billtrack.interrupts import caused_by_interrupt
from billtrack.record.fields import FieldError
from billtrack.render.text import clean_line


@contextmanager
def options_named(options: Mapping[str, str]) -> Iterator[None]:
    """The core's errors about a field, worded with the command's `options` (field ->
    option) as they pass: the core knows its fields, only the CLI its options."""
    try:
        yield
    except FieldError as exc:
        exc.reword(options)
        raise


def usage_line(exc: Any) -> str:
    """A Click usage error in one line: what is wrong, and where help is."""
    message = " ".join(exc.format_message().split())
    message = message[:1].lower() + message[1:]
    where = exc.ctx.command_path if exc.ctx is not None else "billtrack"
    return f"{message} (see `{where} -h`)"


def report_error(message: str) -> None:
    sys.stderr.write(f"billtrack: error: {clean_line(message)}\n")
    sys.stderr.flush()


def crash_log(exc: BaseException) -> Path | None:
    """Write the traceback to a log file for a bug report; the terminal gets one line."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "billtrack"
    try:
        base.mkdir(parents=True, exist_ok=True)
        path = base / "crash.log"
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {dt.datetime.now().isoformat()} billtrack {' '.join(sys.argv[1:])}\n")
            log.write("".join(traceback.format_exception(exc)))
        return path
    except OSError:
        return None


class BilltrackGroup(TyperGroup):
    def main(
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Click's own errors (a misspelt option, a missing argument, a bad choice) as
        one billtrack line, exit 2, like every other error: Click would print a usage
        block and "Try ... -h" over four or five lines."""

        def run() -> Any:
            return super(BilltrackGroup, self).main(
                args, prog_name, complete_var, False, windows_expand_args, **extra
            )

        if not standalone_mode:
            return run()
        try:
            code = run()
        except click_exceptions.NoArgsIsHelpError as exc:
            exc.show()  # no command at all: the help, as Click shows it
            sys.exit(exc.exit_code)
        except click_exceptions.UsageError as exc:
            report_error(usage_line(exc))
            sys.exit(exc.exit_code)
        except click_exceptions.ClickException as exc:
            report_error(exc.format_message())
            sys.exit(exc.exit_code)
        except typer.Abort:
            sys.stderr.write("Aborted!\n")
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: Any) -> Any:
        # A command lives for seconds and keeps nearly all it allocates (a large bill is
        # millions of objects): the cyclic collector would only walk them again and
        # again. Measured: a warm 5,000-provision diff spends a sixth of its time there.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._invoke(ctx)
        finally:
            if collecting:  # in-process callers (tests) get their collector back
                gc.enable()

    def _invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, click_exceptions.ClickException):
            raise
        except BilltrackError as exc:
            report_error(exc.message)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            report_error("interrupted")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except BrokenPipeError:
            # The reader went away (`| head`): stop quietly, as git does.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(EXIT_FINDINGS) from None
        except OSError as exc:
            where = f": {exc.filename}" if exc.filename else ""
            report_error(f"{exc.strerror or exc}{where}")
            raise typer.Exit(EXIT_FINDINGS) from None
        except Exception as exc:
            if caused_by_interrupt(exc):
                report_error("interrupted")
                raise typer.Exit(EXIT_INTERRUPTED) from None
            log = crash_log(exc)
            where = f"; details in {log}" if log else ""
            report_error(
                f"unexpected internal error ({type(exc).__name__}: {exc}){where}; please report it"
            )
            raise typer.Exit(EXIT_INTERNAL) from None
