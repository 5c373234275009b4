"""Timing commands against each other on a noisy machine: in rounds.

Each round runs every command once, in the same order, so that a slow spell of the
machine (shared cores, CPU steal: we have seen the same work take from 0.3 s to 0.6 s
of CPU time minutes apart) falls on all of them rather than on whichever block of runs
it happened to hit; the medians over rounds are then compared. A first round, untimed,
warms what every later run finds warm (the disk cache, Python's bytecode).

Python keeps the bytecode of what it imports, as an installed package ships it: a
PYTHONDONTWRITEBYTECODE inherited from the shell would make billtrack, installed
editable, compile its modules on every run while the tools it is compared with were
compiled by pip. `environment()` leaves it out.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Command:
    name: str
    argv: Sequence[str]
    before: Callable[[], None] | None = None  # runs untimed before each run
    ok: tuple[int, ...] = (0, 1)  # exit codes that are not a failure


def environment(**extra: str) -> dict[str, str]:
    """The environment the benchmarks run commands in: this one, without
    PYTHONDONTWRITEBYTECODE, with `extra` set."""
    return {
        **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
        **extra,
    }


def median_times(
    commands: Sequence[Command], *, cwd: Path, env: Mapping[str, str], rounds: int
) -> dict[str, float]:
    """The median wall time of each command over `rounds` rounds; the last exit code
    of a command outside its `ok` codes ends the benchmark with its stderr."""
    times: dict[str, list[float]] = {command.name: [] for command in commands}
    for round_ in range(rounds + 1):
        for command in commands:
            if command.before is not None:
                command.before()
            start = time.perf_counter()
            done = subprocess.run(list(command.argv), cwd=cwd, env=dict(env), capture_output=True)
            if round_:  # the first round warms up
                times[command.name].append(time.perf_counter() - start)
            if done.returncode not in command.ok:
                sys.exit(
                    f"{command.name} failed ({done.returncode}): {done.stderr.decode()[-500:]}"
                )
    return {name: statistics.median(values) for name, values in times.items()}
