"""The CI integration: action.yml against GitHub's published schema for action metadata
(check-jsonschema's vendored copy), its scripts run for real in a depth-1 clone, the
README's workflow, and the pre-commit hook's file scope."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

import billtrack
from tests.support.repos import GIT_ENV, PARTIES, Repo, bill_yaml

PROJECT = Path(billtrack.__file__).resolve().parent.parent
ACTION = PROJECT / "action.yml"
HOOKS = PROJECT / ".pre-commit-hooks.yaml"


def _check_jsonschema(builtin: str, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", builtin, str(path)],
        capture_output=True,
        text=True,
    )


def _action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return data


def _step(name: str) -> dict[str, Any]:
    steps: list[dict[str, Any]] = _action()["runs"]["steps"]
    return next(step for step in steps if step.get("name") == name)


def test_the_action_matches_the_published_action_metadata_schema() -> None:
    done = _check_jsonschema("vendor.github-actions", ACTION)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_action_is_composite_and_never_pastes_an_input_into_a_script() -> None:
    action = _action()
    assert action["runs"]["using"] == "composite"
    for step in action["runs"]["steps"]:
        if "run" in step:
            assert step["shell"] == "bash"
            assert "${{" not in step["run"], step["name"]


def test_the_action_validates_with_annotations_and_diffs_pull_requests() -> None:
    assert "billtrack validate" in _step("Validate")["run"]
    assert "--format github" in _step("Validate")["run"]
    diff = _step("Diff into the job summary")
    assert diff["if"] == "github.event_name == 'pull_request' && inputs.diff == 'true'"
    assert "--format markdown" in diff["run"]
    assert "$GITHUB_STEP_SUMMARY" in diff["run"]
    assert "--unshallow" in _step("Fetch the history readings pin")["run"]


def _readme_workflow() -> str:
    text = (PROJECT / "README.md").read_text(encoding="utf-8")
    blocks: list[str] = re.findall(r"```yaml\n(.*?)```", text, flags=re.S)
    return next(b for b in blocks if "actions/checkout" in b and "billtrack@" in b)


def test_the_readme_shows_a_valid_workflow_that_uses_the_action(tmp_path: Path) -> None:
    workflow = tmp_path / "bills.yml"
    workflow.write_text(_readme_workflow(), encoding="utf-8")
    done = _check_jsonschema("vendor.github-workflows", workflow)
    assert done.returncode == 0, done.stdout + done.stderr
    steps = yaml.safe_load(_readme_workflow())["jobs"]["validate"]["steps"]
    used = [step["uses"].split("@")[0] for step in steps]
    assert used[-1].endswith("/billtrack")
    # Every input the workflow sets is one the action declares.
    assert set(steps[-1].get("with", {})) <= set(_action()["inputs"])


# --- the action's scripts, run as a runner would, in a depth-1 checkout ----------------


def _shim(folder: Path) -> Path:
    """A `billtrack` on PATH that runs this checkout (what the install step provides)."""
    folder.mkdir()
    script = folder / "billtrack"
    script.write_text(
        f'#!/bin/sh\nPYTHONPATH={PROJECT} exec {sys.executable} -m billtrack "$@"\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    return folder


def _run_step(name: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    step = _step(name)
    step_env = {
        key: str(value)
        .replace("${{ inputs.root }}", "amendments")
        .replace("${{ inputs.strict }}", "true")
        for key, value in step.get("env", {}).items()
        if "inputs." in str(value)
    }
    return subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", step["run"]],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENV, **env, **step_env, "BILLTRACK_ARGS": ""},
    )


def test_the_action_fetches_a_shallow_checkout_and_validates_it(
    git_repo: Repo, tmp_path: Path
) -> None:
    git_repo.write("amendments/parties.yaml", PARTIES)
    git_repo.write(
        "amendments/test-bill/bill.yaml",
        bill_yaml("test-bill", "- id: scope\n  text: A.\n- id: local-office\n  text: B.\n"),
    )
    pinned = git_repo.commit("the first reading's text", date="2021-09-01T12:00:00")
    git_repo.write(
        "amendments/test-bill/events/2021-09-first-reading.yaml",
        f'date: "2021-09-15"\nkind: reading\nstage: first-reading\nversion: "{pinned}"\n'
        "provisions: [local-office]\n",
    )
    git_repo.write(
        "amendments/test-bill/bill.yaml", bill_yaml("test-bill", "- id: scope\n  text: A.\n")
    )
    git_repo.commit("local-office dropped", date="2022-01-01T12:00:00")
    clone = tmp_path / "checkout"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", git_repo.path.as_uri(), str(clone)],
        check=True,
        env={**os.environ, **GIT_ENV},
    )
    path = f"{_shim(tmp_path / 'bin')}{os.pathsep}{os.environ['PATH']}"

    # Before the fetch, validate would only note what it cannot check.
    fetched = _run_step("Fetch the history readings pin", clone, {"PATH": path})
    assert fetched.returncode == 0, fetched.stderr
    shallow = subprocess.run(
        ["git", "rev-parse", "--is-shallow-repository"], cwd=clone, capture_output=True, text=True
    )
    assert shallow.stdout.strip() == "false"

    validated = _run_step("Validate", clone, {"PATH": path})
    assert (validated.returncode, validated.stdout) == (0, ""), validated.stderr


# --- pre-commit ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "passed"),
    [
        ("amendments/parties.yaml", True),
        ("amendments/kz-child-protection/bill.yaml", True),
        ("amendments/kz-child-protection/events/2021-09-first-reading.yml", True),
        (".github/workflows/bills.yml", False),
        (".pre-commit-config.yaml", False),
        ("docs/amendments/x.yaml", False),
        ("amendments/README.md", False),
    ],
)
def test_the_pre_commit_hook_passes_only_yaml_under_the_data_root(path: str, passed: bool) -> None:
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    # pre-commit matches `files` with re.search against the path from the repository top.
    assert bool(re.search(hook["files"], path)) is passed
