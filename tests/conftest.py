"""Shared fixtures: real git repositories in temp dirs, with a pinned identity and no
user or system git configuration; the CLI through CliRunner and as a subprocess.

Tests are hermetic: no git walk (git's own or billtrack's) may leave pytest's temp dir
for a repository around it, and no test sees the developer's git configuration,
BILLTRACK_ROOT, colours or cache. The environment is set for the whole session, before
any fixture (module-scoped ones build repositories too), and again for each test, since
a test may change it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from billtrack.cli import build_app

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Aide",
    "GIT_AUTHOR_EMAIL": "aide@example.org",
    "GIT_COMMITTER_NAME": "Test Aide",
    "GIT_COMMITTER_EMAIL": "aide@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def _isolate(monkeypatch: pytest.MonkeyPatch, base: Path, cache: Path) -> None:
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    # Every temp dir of the run is below `base`; git never looks at `base` itself or
    # above it, so a repository that happens to hold the temp dir is never found.
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(base))
    monkeypatch.delenv("BILLTRACK_ROOT", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))


@pytest.fixture(scope="session", autouse=True)
def _isolated_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    base = tmp_path_factory.getbasetemp().resolve()
    with pytest.MonkeyPatch.context() as monkeypatch:
        _isolate(monkeypatch, base, base / ".cache")
        yield


@pytest.fixture(autouse=True)
def _isolated_env(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    _isolate(monkeypatch, tmp_path_factory.getbasetemp().resolve(), tmp_path / ".cache")


@dataclass
class Repo:
    """A real git repository in a temp dir, with helpers to write files and commit."""

    path: Path

    def git(self, *args: str) -> str:
        done = subprocess.run(
            ["git", *args],
            cwd=self.path,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, **GIT_ENV},
        )
        return done.stdout.strip()

    def write(self, relative: str, content: str) -> Path:
        path = self.path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
        return path

    def commit(self, message: str = "change", *, date: str | None = None) -> str:
        """Commit everything; `date` (ISO) sets both author and committer dates."""
        self.git("add", "-A")
        env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else {}
        subprocess.run(
            ["git", "commit", "-q", "--allow-empty", "-m", message],
            cwd=self.path,
            check=True,
            env={**os.environ, **GIT_ENV, **env},
        )
        return self.git("rev-parse", "HEAD")


@pytest.fixture
def git_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Repo]:
    """An empty git repository (branch main) as the current directory."""
    path = tmp_path / "repo"
    path.mkdir()
    repo = Repo(path)
    repo.git("init", "-q", "-b", "main")
    monkeypatch.chdir(path)
    yield repo


PARTIES = """
- id: mazhilis
  name: Mazhilis
  kind: chamber
  country: KZ
- id: government
  name: Government of Kazakhstan
  kind: government
  country: KZ
- id: facebook
  name: Facebook
  kind: platform
"""


def bill_yaml(bill_id: str = "test-bill", provisions: str = "", **extra: str) -> str:
    """A valid bill.yaml; `provisions` is the YAML of the list items, indented by 2."""
    head = {
        "id": bill_id,
        "title": "A test bill",
        "jurisdiction": "KZ",
        "language": "ru",
        **extra,
    }
    lines = [f'{key}: "{value}"' for key, value in head.items()]
    body = textwrap.dedent(provisions).strip("\n")
    if body:
        lines.append("provisions:")
        lines.extend("  " + line for line in body.splitlines())
    else:
        lines.append("provisions: []")
    return "\n".join(lines) + "\n"


@pytest.fixture
def cli() -> CliRunner:
    return CliRunner()


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
        cwd=Path(__file__).resolve().parents[1],
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


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the golden files under tests/golden/ from the current output.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite golden files (pytest --update-golden)."""
    return bool(request.config.getoption("--update-golden"))
