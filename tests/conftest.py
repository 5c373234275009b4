"""Shared fixtures: real git repositories in temp dirs, with a pinned identity and no
user or system git configuration; the CLI through CliRunner and as a subprocess.

Tests are hermetic: no git walk (git's own or billtrack's) may leave pytest's temp dir
for a repository around it, and no test sees the developer's git configuration,
BILLTRACK_ROOT, colours or cache. The environment is set for the whole session, before
any fixture (module-scoped ones build repositories too), and again for each test, since
a test may change it."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.support.repos import GIT_ENV, Repo


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
def _ctrl_c_reaches_children() -> Iterator[None]:
    """Ctrl-C as a terminal delivers it, in every command the tests start. A shell
    starts its background jobs with SIGINT ignored, and an ignored signal stays ignored
    through exec: the tests that press Ctrl-C would then time out in a suite run in the
    background. A Python handler here is reset to the default in the children."""
    before = signal.getsignal(signal.SIGINT)
    if before == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    if before == signal.SIG_IGN:
        signal.signal(signal.SIGINT, before)


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


@pytest.fixture
def git_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Repo]:
    """An empty git repository (branch main) as the current directory."""
    path = tmp_path / "repo"
    path.mkdir()
    repo = Repo(path)
    repo.git("init", "-q", "-b", "main")
    monkeypatch.chdir(path)
    yield repo


@pytest.fixture
def cli() -> CliRunner:
    return CliRunner()


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
