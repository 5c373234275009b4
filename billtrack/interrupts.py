"""Ctrl-C and SIGTERM: the one module that touches process-wide signal handlers.

A write must never be cut half-way: while a file is created, tagged and committed, or
while what was done is being undone, the signals that mean "stop" are held back and
honoured only at the points where stopping is safe (`Hold.check`), as KeyboardInterrupt,
which the CLI's boundary turns into exit 130. Nothing here prints or exits; handlers are
only ever installed from the main thread (Python allows no other), elsewhere nothing is
held.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

# The signals that ask a command to stop.
_STOP = (signal.SIGINT, signal.SIGTERM)
# Set when billtrack owns the whole process (its entry point), not an in-process caller.
_OWN_PROCESS: list[bool] = []


def own_the_process() -> None:
    """billtrack runs as its own process: once a write is final, a stop that arrives
    while the command reports it is ignored (the message must match what was done; an
    in-process caller keeps its own handlers)."""
    _OWN_PROCESS.append(True)


class Hold:
    """A stop request that arrived while held, waiting for a safe point."""

    def __init__(self) -> None:
        self.received: int | None = None
        self._settled = False

    def _defer(self, signum: int, frame: FrameType | None) -> None:
        self.received = signum

    def check(self) -> None:
        """A safe point: stop here (KeyboardInterrupt) if a stop was asked for."""
        if self.received is not None and not self._settled:
            raise KeyboardInterrupt

    def settle(self) -> None:
        """The held work is complete and final: a stop that arrives now has nothing
        left to stop, so it is dropped rather than reported as an interruption."""
        self._settled = True


@contextmanager
def held() -> Iterator[Hold]:
    """Defer SIGINT and SIGTERM inside the block. A stop that arrived is raised as
    KeyboardInterrupt at the next `check()`, or at the end of the block unless the block
    `settle()`d first (or is already leaving with an exception)."""
    hold = Hold()
    previous: dict[signal.Signals, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for signum in _STOP:
            previous[signum] = signal.signal(signum, hold._defer)
    try:
        yield hold
    finally:
        final = hold._settled and bool(_OWN_PROCESS)
        for signum, handler in previous.items():
            if final:  # the write is done: what is left is saying so
                handler = signal.SIG_IGN
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
    hold.check()


def ignore_from_now() -> None:
    """The command is over (or has said why not): a Ctrl-C now could only break into
    Python's own clean-up and print a traceback from some __del__."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def caused_by_interrupt(exc: BaseException) -> bool:
    """Whether a Ctrl-C is behind `exc`: Python wraps a KeyboardInterrupt raised while it
    creates a class (`__set_name__`) or imports a module in another exception, which must
    still end as an interruption, not as a bug."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, KeyboardInterrupt):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False
