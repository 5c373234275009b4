"""The pre-commit hook, run by the real pre-commit framework (`pre-commit try-repo`).

try-repo installs billtrack into pre-commit's own virtualenv from a git repository, so
the project's working tree (this checkout, uncommitted changes included) is copied into
a temp repository and committed first. Installing needs PyPI: this is the slow test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import billtrack
from tests.support.corpus import DATA, install_case
from tests.support.repos import Repo

pytestmark = pytest.mark.slow

PROJECT = Path(billtrack.__file__).resolve().parent.parent
NOT_COPIED = shutil.ignore_patterns(
    ".git",
    "__pycache__",
    "*.egg-info",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".hypothesis",
    ".venv",
    "build",
    "dist",
)


@pytest.fixture(scope="module")
def hook_home(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """(a committed copy of the project, the environment pre-commit runs in)."""
    if not (PROJECT / "pyproject.toml").is_file():
        pytest.skip("billtrack is not run from a source checkout")
    base = tmp_path_factory.mktemp("pre-commit")
    copy = base / "billtrack"
    shutil.copytree(PROJECT, copy, ignore=NOT_COPIED)
    hook = Repo(copy)
    hook.git("init", "-q", "-b", "main")
    hook.commit("the project under test")
    env = {
        "PRE_COMMIT_HOME": str(base / "pre-commit-home"),
        # Shared by the runs of this module (try-repo installs afresh each time).
        "PIP_CACHE_DIR": str(base / "pip-cache"),
    }
    return copy, env


def try_repo(repo: Repo, hook_home: tuple[Path, dict[str, str]]) -> tuple[int, str]:
    copy, env = hook_home
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(copy),
            "billtrack-validate",
            "--all-files",
            "--color",
            "never",
        ],
        cwd=repo.path,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=900,
    )
    output = done.stdout + done.stderr
    assert "Traceback" not in output
    return done.returncode, output


def test_the_hook_passes_a_valid_bill(
    git_repo: Repo, hook_home: tuple[Path, dict[str, str]]
) -> None:
    install_case(git_repo, DATA / "valid" / "full")
    git_repo.write(".pre-commit-config.yaml", "repos: []\n")  # a YAML file outside the data
    git_repo.commit("pre-commit configuration")

    code, output = try_repo(git_repo, hook_home)

    assert code == 0, output
    assert "billtrack validate" in output
    assert "Passed" in output


def test_the_hook_fails_an_invalid_bill_with_the_problem_line(
    git_repo: Repo, hook_home: tuple[Path, dict[str, str]]
) -> None:
    install_case(git_repo, DATA / "invalid" / "unknown-party")

    code, output = try_repo(git_repo, hook_home)

    assert code == 1, output
    assert "Failed" in output
    assert (
        "amendments/test-bill/proposals/P-0001.yaml:2:9: error ref-party "
        "unknown party 'goverment'; did you mean 'government'?"
    ) in output.splitlines()
    # One run for all the files: each problem is reported once.
    assert output.count("unknown party 'goverment'") == 1
