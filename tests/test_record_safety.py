"""Nothing lost: races between processes, SIGKILL and Ctrl-C at random moments, a
read-only folder and a full disk. Real processes (`python -m billtrack`) where it matters."""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from billtrack.store import atomic
from tests.support.cli import invoke
from tests.support.records import (
    FOLDER,
    ROOT,
    assert_valid,
    files_under,
    make_project,
    read_record,
    temp_files,
)
from tests.support.repos import Repo


@pytest.fixture
def project(git_repo: Repo) -> Repo:
    make_project(git_repo)
    return git_repo


def start(repo: Repo, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "billtrack", *args],
        cwd=repo.path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )


# A long summary (under the 128 KiB a single argument may have), so that writing it is
# more than an instant.
BIG_SUMMARY = "\n".join(f"Line {i}: «{'текст ' * 8}» # no: 1.10" for i in range(800))


def consultation(event_id: str, *extra: str) -> list[str]:
    return [
        "consultation", "record", "--date", "2021-10", "--with", "facebook",
        "--summary", BIG_SUMMARY, "--id", event_id, *extra,
    ]  # fmt: skip


# --- races -----------------------------------------------------------------------------------


def test_race_on_the_same_event_id(project: Repo, cli: CliRunner) -> None:
    processes = [start(project, *consultation("2021-10-talks")) for _ in range(6)]
    results = [(p.wait(timeout=60), *p.communicate()) for p in processes]
    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 1, 1, 1, 1, 1], results
    for code, out, err in results:
        if code == 0:
            assert out == f"created {FOLDER}/events/2021-10-talks.yaml\n"
        else:
            assert (
                err
                == (
                    f"billtrack: error: {FOLDER}/events/2021-10-talks.yaml already exists; "
                    "records are never overwritten\n"
                )
                or "already exists" in err
            ), err
            assert err.count("\n") == 1
    data = read_record(project.path / FOLDER / "events" / "2021-10-talks.yaml")
    assert isinstance(data, dict) and data["summary"] == BIG_SUMMARY
    assert temp_files(project.path) == []
    assert_valid(cli)


def test_race_of_party_adds(project: Repo, cli: CliRunner) -> None:
    parties = project.path / ROOT / "parties.yaml"
    original = parties.read_bytes()
    ids = [f"platform-{i}" for i in range(5)]
    processes = [
        start(project, "party", "add", pid, "--name", f"Platform {pid}", "--kind", "platform")
        for pid in ids
    ]
    processes += [
        start(project, "party", "add", "senate", "--name", "Senate", "--kind", "chamber")
        for _ in range(3)
    ]
    results = [(p.wait(timeout=60), *p.communicate()) for p in processes]
    assert [code for code, _, _ in results[:5]] == [0] * 5, results
    assert sorted(code for code, _, _ in results[5:]) == [0, 1, 1], results
    assert all("already in" in err for code, _, err in results[5:] if code)
    data = parties.read_bytes()
    assert data.startswith(original)
    loaded = read_record(parties)
    assert isinstance(loaded, list)
    added = [p["id"] for p in loaded[3:]]
    assert sorted(added) == sorted([*ids, "senate"])
    assert_valid(cli)


def test_race_of_party_adds_on_the_empty_list_init_writes(project: Repo, cli: CliRunner) -> None:
    # `[]` cannot be appended to: the first writer replaces that line (a rename), and the
    # others, waiting on the old file's lock, must notice and start again on the new one.
    parties = project.path / ROOT / "parties.yaml"
    parties.write_bytes(b"# Who takes part.\n[]\n# The end.\n")
    ids = [f"party-{i}" for i in range(4)]
    processes = [
        start(project, "party", "add", pid, "--name", pid.title(), "--kind", "other") for pid in ids
    ]
    results = [(p.wait(timeout=60), *p.communicate()) for p in processes]
    assert [code for code, _, _ in results] == [0] * 4, results
    text = parties.read_text()
    assert text.startswith("# Who takes part.\n- id: ") and "# The end.\n" in text
    loaded = read_record(parties)
    assert isinstance(loaded, list)
    assert sorted(p["id"] for p in loaded) == ids
    assert temp_files(project.path) == []


# --- SIGKILL at random moments -----------------------------------------------------------------


def _finish_times(procs: list[subprocess.Popen[str]], began: float) -> list[float]:
    times = []
    for proc in procs:
        assert proc.wait(timeout=60) == 0, proc.communicate()
        proc.communicate()
        times.append(time.monotonic() - began)
    return times


@pytest.mark.slow
def test_sigkill_at_random_moments_leaves_no_partial_file(project: Repo, cli: CliRunner) -> None:
    rng = random.Random(20211115)
    events = project.path / FOLDER / "events"
    # An undisturbed round of three at once: how long a write takes here and now, and the
    # exact bytes it writes.
    began = time.monotonic()
    procs = [start(project, *consultation(f"reference-{i}")) for i in range(3)]
    duration = sorted(_finish_times(procs, began))[1]
    expected = (events / "reference-0.yaml").read_bytes()
    outcomes = {"whole": 0, "none": 0}
    # 30 kills, three processes at a time, each at its own random moment. Most of a run is
    # start-up and checking; the kills are spread over the later part, where the file is
    # written, and a little past the end.
    for round_ in range(10):
        ids = [f"kill-{round_}-{i}" for i in range(3)]
        procs = [start(project, *consultation(event_id)) for event_id in ids]
        began = time.monotonic()
        for proc in sorted(procs, key=lambda _: rng.random()):
            delay = rng.uniform(duration * 0.5, duration * 1.1)
            time.sleep(max(0.0, delay - (time.monotonic() - began)))
            proc.kill()
        for proc in procs:
            proc.wait(timeout=60)
            proc.communicate()
        for event_id in ids:
            path = events / f"{event_id}.yaml"
            if path.exists():
                assert path.read_bytes() == expected, f"{path.name} is not whole"
                outcomes["whole"] += 1
            else:
                outcomes["none"] += 1
        # Never a partial record, whatever the moment.
        for path in events.glob("*.yaml"):
            assert path.read_bytes() == expected, path.name
        # Checked whole: remove them, so that every run checks a bill of the same size.
        for event_id in ids:
            (events / f"{event_id}.yaml").unlink(missing_ok=True)
    assert sum(outcomes.values()) == 30
    # The next write sweeps every temp file the killed writers left.
    code, _, err = invoke(cli, *consultation("after-the-kills"))
    assert code == 0, err
    assert temp_files(project.path) == []
    assert_valid(cli)


def test_a_killed_writers_temp_file_is_swept_by_the_next_write(
    project: Repo, cli: CliRunner
) -> None:
    events = project.path / FOLDER / "events"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = events / f"{atomic.TEMP_PREFIX}{dead.pid}-0a1b2c3d"
    stale.write_bytes(b'date: "2021"\nkind: cons')  # what a kill mid-write leaves
    alive = events / f"{atomic.TEMP_PREFIX}{os.getpid()}-0a1b2c3d"  # a writer still at work
    alive.write_bytes(b"")
    code, _, err = invoke(cli, "consultation", "record", "--date", "2021", "--with", "facebook")
    assert code == 0, err
    assert not stale.exists() and alive.exists()
    alive.unlink()
    assert_valid(cli)


# --- Ctrl-C at random moments ------------------------------------------------------------------


@pytest.mark.slow
def test_ctrl_c_at_random_moments_is_all_or_nothing(project: Repo, cli: CliRunner) -> None:
    rng = random.Random(42)
    events = project.path / FOLDER / "events"
    began = time.monotonic()
    reference = start(project, *consultation("reference", "--commit"))
    assert reference.wait(timeout=60) == 0, reference.communicate()
    reference.communicate()
    duration = time.monotonic() - began
    for i in range(6):
        event_id = f"sigint-{i}"
        proc = start(project, *consultation(event_id, "--commit"))
        time.sleep(rng.uniform(duration * 0.3, duration * 1.1))
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=60)
        _, err = proc.communicate()
        relative = f"{FOLDER}/events/{event_id}.yaml"
        committed = project.git("ls-tree", "--name-only", "HEAD", "--", relative) == relative
        exists = (project.path / relative).exists()
        # Either the record was written and committed, or nothing is left of it.
        assert exists == committed, (code, err)
        assert project.git("status", "--porcelain", "--untracked-files=all") == "", err
        if "billtrack: error:" in err:
            assert err.startswith("billtrack: error: interrupted") and err.count("\n") == 1
        if "Traceback" in err:
            # Only while Python itself starts (before billtrack's boundary exists), when
            # nothing can have been written yet.
            assert not exists and "billtrack/record/" not in err, err
    assert temp_files(events) == []
    assert_valid(cli)


# --- read-only folder and full disk --------------------------------------------------------------


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores file permissions"
)
def test_read_only_folder(project: Repo, cli: CliRunner) -> None:
    events = project.path / FOLDER / "events"
    before = files_under(project.path)
    events.chmod(0o555)
    try:
        code, out, err = invoke(cli, *consultation("2021-10-talks"))
    finally:
        events.chmod(0o755)
    assert code == 1 and out == ""
    assert err == f"billtrack: error: cannot write in {FOLDER}/events: Permission denied\n"
    assert files_under(project.path) == before


def test_permission_denied_is_a_clean_error(
    project: Repo, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same as the read-only folder, simulated, so that it also runs as root."""
    real_open = os.open

    def deny(path: str | os.PathLike[str], flags: int, *args: int, **kwargs: object) -> int:
        unnamed = flags & getattr(os, "O_TMPFILE", 0) == getattr(os, "O_TMPFILE", -1)
        if atomic.TEMP_PREFIX in os.fspath(path) or unnamed:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("billtrack.store.atomic.os.open", deny)
    before = files_under(project.path)
    code, out, err = invoke(cli, *consultation("2021-10-talks"))
    monkeypatch.undo()
    assert code == 1 and out == ""
    assert err == f"billtrack: error: cannot write in {FOLDER}/events: Permission denied\n"
    assert files_under(project.path) == before


def test_full_disk_leaves_nothing(
    project: Repo, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("billtrack.store.atomic.os.write", full)
    before = files_under(project.path)
    code, out, err = invoke(cli, *consultation("2021-10-talks", "--commit"))
    monkeypatch.undo()
    assert code == 1 and out == ""
    assert err == f"billtrack: error: cannot write in {FOLDER}/events: No space left on device\n"
    assert files_under(project.path) == before
    assert project.git("status", "--porcelain") == ""


def test_full_disk_in_the_middle_of_a_party_append(
    project: Repo, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    parties = project.path / ROOT / "parties.yaml"
    original = parties.read_bytes()
    real_write = os.write
    calls = []

    def half_then_full(fd: int, data: bytes) -> int:
        calls.append(len(data))
        if len(calls) == 1:
            return real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("billtrack.store.atomic.os.write", half_then_full)
    code, out, err = invoke(cli, "party", "add", "senate", "--name", "Senate", "--kind", "chamber")
    monkeypatch.undo()
    assert code == 1 and out == ""
    assert err == (
        f"billtrack: error: cannot write {ROOT}/parties.yaml: No space left on device; "
        "it was left as it was\n"
    )
    assert len(calls) == 2
    assert parties.read_bytes() == original
