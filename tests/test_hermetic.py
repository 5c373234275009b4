"""The tests' own environment (tests/conftest.py): a pinned git identity, no user or system
git configuration, and no repository found above pytest's temp dir, for module-scoped
fixtures as for tests, and for the subprocesses they start."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.support.repos import GIT_ENV


@pytest.fixture(scope="module")
def module_env() -> dict[str, str]:
    """The environment a module-scoped fixture sees: it runs before any function-scoped one."""
    return dict(os.environ)


def _assert_isolated(env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> None:
    assert {key: env.get(key) for key in GIT_ENV} == GIT_ENV
    assert env["GIT_CEILING_DIRECTORIES"] == str(tmp_path_factory.getbasetemp().resolve())
    assert "BILLTRACK_ROOT" not in env


def test_module_scoped_fixtures_see_the_isolated_environment(
    module_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    _assert_isolated(module_env, tmp_path_factory)


def test_tests_see_the_isolated_environment(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    _assert_isolated(dict(os.environ), tmp_path_factory)
    assert tmp_path.resolve().is_relative_to(os.environ["GIT_CEILING_DIRECTORIES"])
    assert os.environ["XDG_CACHE_HOME"] == str(tmp_path / ".cache")


def test_git_finds_no_repository_around_a_temp_dir(tmp_path: Path) -> None:
    # Whatever holds pytest's temp dir (a checkout, a home folder under git), git run in a
    # test's folder that is no repository says so instead of finding the outer one.
    done = subprocess.run(
        ["git", "rev-parse", "--show-toplevel"], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode != 0
    assert "not a git repository" in done.stderr
