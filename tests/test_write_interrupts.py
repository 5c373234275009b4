"""Issue 15, items 1 and 6: after git is cut short, billtrack looks at what git actually
did and either finishes (says "recorded", exit 130) or undoes all of it; concurrent
`--commit` writers wait for each other. Real processes, in their own process group, so
that a Ctrl-C can reach git as it does on a terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.support.records import FOLDER, assert_valid, make_project, temp_files
from tests.support.repos import Repo


@pytest.fixture
def project(git_repo: Repo) -> Repo:
    make_project(git_repo)
    return git_repo


def run(repo: Repo, *args: str, timeout: float = 60) -> tuple[int, str, str]:
    """billtrack as a process that leads its own process group (as a shell job does)."""
    done = subprocess.run(
        [sys.executable, "-m", "billtrack", *args],
        cwd=repo.path,
        capture_output=True,
        text=True,
        env=dict(os.environ),
        start_new_session=True,
        timeout=timeout,
    )
    return done.returncode, done.stdout, done.stderr


def hook(repo: Repo, name: str, body: str) -> None:
    path = repo.path / ".git" / "hooks" / name
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(0o755)


# Ctrl-C on a terminal reaches the whole foreground group: `kill -INT 0` from a hook does
# exactly that (git, billtrack and the hook itself).
TO_GROUP = "kill -INT 0\n"
# Only git dies (billtrack sees a git killed by a signal).
TO_GIT = "kill -INT $PPID\n"
# The reference-transaction hook runs once a ref (here: a tag) is written; only the
# first time (the undo deletes the tag through a ref transaction too).
ON_TAG = """input=$(cat)
if [ "$1" = committed ] && [ ! -e .git/fired ]; then
  case "$input" in *" refs/tags/"*) touch .git/fired; {};; esac
fi
exit 0
"""


def status(repo: Repo) -> str:
    return repo.git("status", "--porcelain", "--untracked-files=all")


def event_args(event_id: str) -> list[str]:
    return ["consultation", "record", "--date", "2021-10", "--with", "facebook",
            "--id", event_id, "--commit"]  # fmt: skip


@pytest.mark.parametrize("signal_to", [TO_GROUP, TO_GIT], ids=["group", "git"])
def test_ctrl_c_after_git_committed_finishes_and_says_recorded(
    project: Repo, cli: CliRunner, signal_to: str
) -> None:
    hook(project, "post-commit", signal_to)
    code, out, err = run(project, *event_args("after-commit"))
    relative = f"{FOLDER}/events/after-commit.yaml"
    head = project.git("rev-parse", "HEAD")
    assert project.git("show", "--name-only", "--format=", "HEAD") == relative
    assert (project.path / relative).exists()
    assert status(project) == ""  # nothing staged, nothing deleted: the record stays
    assert code == 130, err
    assert out.splitlines() == [f"created {relative}", f"committed {head[:7]}"]
    assert err == (
        f"billtrack: error: interrupted once {relative} was committed; it stays recorded\n"
    )
    (project.path / ".git" / "hooks" / "post-commit").unlink()
    assert_valid(cli)


@pytest.mark.parametrize("signal_to", [TO_GROUP, TO_GIT], ids=["group", "git"])
def test_ctrl_c_after_git_made_the_tag_undoes_the_tag_too(
    project: Repo, cli: CliRunner, signal_to: str
) -> None:
    hook(project, "reference-transaction", ON_TAG.format(signal_to.strip()))
    before = project.git("rev-parse", "HEAD")
    code, out, err = run(
        project, "reading", "record", "--stage", "first-reading", "--date", "2021-09-15",
        "--commit",
    )  # fmt: skip
    assert (code, out) == (130, ""), err
    relative = f"{FOLDER}/events/2021-09-15-first-reading.yaml"
    assert err == (
        f"billtrack: error: interrupted; removed {relative}, "
        f"deleted tag test-bill/first-reading; nothing recorded\n"
    )
    assert project.git("tag") == ""
    assert project.git("rev-parse", "HEAD") == before
    assert status(project) == ""
    (project.path / ".git" / "hooks" / "reference-transaction").unlink()
    assert_valid(cli)


def test_ctrl_c_before_git_committed_undoes_all(project: Repo, cli: CliRunner) -> None:
    hook(project, "pre-commit", TO_GROUP)
    before = project.git("rev-parse", "HEAD")
    code, out, err = run(project, *event_args("before-commit"))
    relative = f"{FOLDER}/events/before-commit.yaml"
    assert (code, out) == (130, ""), err
    assert err == f"billtrack: error: interrupted; removed {relative}; nothing recorded\n"
    assert project.git("rev-parse", "HEAD") == before
    assert status(project) == ""
    assert temp_files(project.path) == []


def test_a_git_lock_held_by_another_git_is_waited_for(project: Repo) -> None:
    lock = project.path / ".git" / "index.lock"
    lock.write_bytes(b"")
    # Another git finishes within the wait: billtrack then commits.
    remover = subprocess.Popen(
        [sys.executable, "-c", f"import time, os; time.sleep(1.5); os.unlink({str(lock)!r})"]
    )
    code, out, err = run(project, *event_args("after-the-lock"))
    remover.wait()
    assert code == 0, err
    assert out.splitlines()[-1].startswith("committed ")
    assert status(project) == ""


def test_a_git_lock_that_stays_is_said_plainly(
    project: Repo, monkeypatch: pytest.MonkeyPatch, cli: CliRunner
) -> None:
    from tests.support.cli import invoke

    monkeypatch.setattr("billtrack.store.gitwrite.LOCK_WAIT_SECONDS", 0.5)
    lock = project.path / ".git" / "index.lock"
    lock.write_bytes(b"")
    code, out, err = invoke(cli, *event_args("lock-stays"))
    lock.unlink()
    relative = f"{FOLDER}/events/lock-stays.yaml"
    assert (code, out) == (1, "")
    assert err == (
        "billtrack: error: git add failed: another git command (or billtrack) is working in "
        "this repository and has held its lock for 0 s; try again when it has finished; "
        f"removed {relative}; nothing recorded\n"
    )
    assert "manually" not in err and "could not unstage" not in err
    assert status(project) == ""


def test_concurrent_commit_writers_all_succeed(project: Repo, cli: CliRunner) -> None:
    ids = [f"together-{i}" for i in range(5)]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "billtrack", *event_args(event_id)],
            cwd=project.path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for event_id in ids
    ]
    results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
    assert [code for code, _, _ in results] == [0] * 5, results
    committed = project.git("log", "--format=", "--name-only", "-n", "5").split()
    assert sorted(Path(name).stem for name in committed) == ids
    assert status(project) == ""
    assert_valid(cli)


# --- issue 15, item 18 (part): Ctrl-C at a prompt ------------------------------------------


def test_ctrl_c_at_a_prompt_is_one_line_and_exit_130(project: Repo) -> None:
    import pty
    import select
    import signal
    import time

    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "billtrack", "reading", "record", "--no-tag"],
        cwd=project.path,
        stdin=slave,
        stdout=slave,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + 60
    while b"Stage" not in seen and time.monotonic() < deadline:
        if select.select([master], [], [], 1)[0]:
            seen += os.read(master, 4096)
    assert b"Stage (one of:" in seen
    # The prompt is printed just before input() reads: a signal that lands between the
    # two is handled before the read starts, which then waits (CPython's own race; a
    # user presses Ctrl-C again). Give it time to be reading, and press again if not.
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    try:
        code = proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=60)
    assert proc.stderr is not None
    err = proc.stderr.read()
    proc.stderr.close()
    os.close(master)
    # Python's input() echoes the prompt's trailing space on stderr (the terminal, for
    # a user): the one line follows it.
    assert (code, err.lstrip(" ")) == (130, "billtrack: error: interrupted\n")
    assert status(project) == ""


def test_end_of_input_at_a_prompt_is_a_usage_error(
    project: Repo, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from billtrack.cli import build_app
    from billtrack.cli.record import dialogue

    monkeypatch.setattr(dialogue, "interactive", lambda: True)
    result = cli.invoke(build_app(), ["reading", "record", "--no-tag"], input="")
    assert result.exit_code == 2
    assert "Aborted" not in result.output
    assert result.stderr.endswith("end of input\n")
    assert status(project) == ""


def test_mixed_concurrent_writers_and_a_plain_git_commit_leave_every_record_committed(
    project: Repo, cli: CliRunner
) -> None:
    commands = [
        ["reading", "record", "--stage", "first-reading", "--date", "2021-09-15", "--commit"],
        *(event_args(f"mixed-{i}") for i in range(3)),
        ["proposal", "new", "--author", "government", "--action", "drop",
         "--target", "local-office", "--rationale", "No office", "--commit"],
    ]  # fmt: skip
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "billtrack", *args],
            cwd=project.path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for args in commands
    ]
    # Meanwhile the user commits something else with git itself.
    (project.path / "NOTES").write_text("notes\n")
    project.git("add", "NOTES")
    plain = subprocess.run(
        ["git", "commit", "-q", "-m", "notes", "--", "NOTES"],
        cwd=project.path,
        capture_output=True,
        text=True,
    )
    results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
    assert [code for code, _, _ in results] == [0] * len(commands), results
    for _, _, err in results:
        assert "manually" not in err and "could not" not in err
    assert plain.returncode == 0 or "index.lock" in plain.stderr, plain.stderr
    if plain.returncode != 0:  # git's own refusal, to the user who ran git: try again
        project.git("commit", "-q", "-m", "notes", "--", "NOTES")
    assert project.git("tag") == "test-bill/first-reading"
    assert status(project) == ""
    assert len(project.git("log", "--format=%H").split()) == 2 + len(
        commands
    )  # the bill, the notes, each record
    assert_valid(cli)


# --- a writer killed outright: the next one finishes or undoes what it left --------------

# From a hook, billtrack is git's parent: the hook's grandparent.
KILL_BILLTRACK = "kill -KILL $(awk '{print $4}' /proc/$PPID/stat)\n"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_the_next_write_undoes_what_a_killed_writer_left_before_its_commit(
    project: Repo, cli: CliRunner
) -> None:
    hook(project, "pre-commit", KILL_BILLTRACK + "exit 1\n")
    code, out, _ = run(project, *event_args("killed"))
    assert (code, out) == (-9, "")
    killed = f"{FOLDER}/events/killed.yaml"
    assert status(project) == f"A  {killed}"  # what SIGKILL leaves: staged, uncommitted
    (project.path / ".git" / "hooks" / "pre-commit").unlink()
    code, out, err = run(project, *event_args("next"))
    assert code == 0, err
    assert err == f"billtrack: note: a write that was cut short was undone: removed {killed}\n"
    assert status(project) == ""
    assert not (project.path / killed).exists()
    assert_valid(cli)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_the_next_write_undoes_the_tag_of_a_killed_writer(project: Repo, cli: CliRunner) -> None:
    hook(project, "reference-transaction", ON_TAG.format(KILL_BILLTRACK.strip()))
    code, _, _ = run(
        project, "reading", "record", "--stage", "first-reading", "--date", "2021-09-15", "--commit"
    )
    assert code == -9
    assert project.git("tag") == "test-bill/first-reading"
    (project.path / ".git" / "hooks" / "reference-transaction").unlink()
    code, _, err = run(project, *event_args("next"))
    assert code == 0, err
    assert err == (
        "billtrack: note: a write that was cut short was undone: removed "
        f"{FOLDER}/events/2021-09-15-first-reading.yaml, deleted tag test-bill/first-reading\n"
    )
    assert project.git("tag") == ""
    assert status(project) == ""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_commit_git_made_for_a_killed_writer_stays(project: Repo, cli: CliRunner) -> None:
    hook(project, "post-commit", KILL_BILLTRACK)
    code, _, _ = run(project, *event_args("killed-after"))
    assert code == -9
    (project.path / ".git" / "hooks" / "post-commit").unlink()
    head = project.git("rev-parse", "HEAD")
    code, _, err = run(project, *event_args("next"))
    assert (code, err) == (0, "")
    assert project.git("rev-parse", "HEAD~1") == head
    assert (project.path / FOLDER / "events" / "killed-after.yaml").exists()
    assert status(project) == ""
    assert list((project.path / ".git" / "billtrack" / "pending").iterdir()) == []


def test_another_billtrack_that_keeps_committing_is_said_plainly(
    project: Repo, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcntl

    from tests.support.cli import invoke

    monkeypatch.setattr("billtrack.store.gitwrite.LOCK_WAIT_SECONDS", 0.3)
    lock = project.path / ".git" / "billtrack" / "writers"
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("w") as held_by_another:
        fcntl.flock(held_by_another, fcntl.LOCK_EX)
        code, out, err = invoke(cli, *event_args("waits"))
    assert (code, out) == (1, "")
    assert err == (
        "billtrack: error: another billtrack is committing in this repository and has not "
        "finished in 0 s; try again when it has\n"
    )
    assert status(project) == ""


def test_a_git_read_killed_by_ctrl_c_is_an_interruption_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from billtrack.store.git import Git

    fake = tmp_path / "bin" / "git"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\nkill -INT $$\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(KeyboardInterrupt):
        Git(tmp_path).run("rev-parse", "HEAD")
