"""Running billtrack as its users do: in process through Typer's runner, and as a
subprocess; and what a fresh interpreter loads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from billtrack.cli import build_app


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    """Run the CLI in-process; (exit code, stdout, stderr)."""
    result = runner.invoke(build_app(), list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def run_billtrack(
    *args: str, cwd: Path, input_: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real CLI as a subprocess (`python -m billtrack`)."""
    return subprocess.run(
        [sys.executable, "-m", "billtrack", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        input=input_,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def run_python(code: str) -> str:
    """The standard output of `code` run by a fresh interpreter, in the project folder."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    return done.stdout


def loaded_by(module: str, candidates: tuple[str, ...]) -> list[str]:
    """Which of the `candidates` a fresh interpreter has loaded once it imports `module`."""
    code = (
        f"import json, sys, {module}; "
        f"print(json.dumps(sorted(m for m in {candidates!r} if m in sys.modules)))"
    )
    found: list[str] = json.loads(run_python(code))
    return found
