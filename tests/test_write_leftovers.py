"""Issue 15, item 5: a writer killed half-way leaves nothing, not even a temp file: the
content goes to an unnamed file (O_TMPFILE) that vanishes with its process, for records
and for the cache under .git/billtrack/ alike. Where no unnamed file is offered, the
named temp file of a writer that is gone is swept by the next write."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from billtrack.store import atomic
from billtrack.store.cache import ParseCache

# A writer that stops for good in the middle of writing its content: it says so, then
# waits to be killed.
WRITER = """
import sys, time
from pathlib import Path
from billtrack.store import atomic
from billtrack.store.cache import ParseCache

real = atomic._write_all
def stuck(fd, data):
    real(fd, data[: len(data) // 2])
    print("half", flush=True)
    time.sleep(120)
atomic._write_all = stuck
where = Path(sys.argv[2])
if sys.argv[1] == "record":
    atomic.create_file(where / "record.yaml", b"id: x\\n" * 100_000)
else:
    ParseCache(where).put("ab" + "0" * 38, list(range(200_000)))
"""

linux = pytest.mark.skipif(not hasattr(os, "O_TMPFILE"), reason="no O_TMPFILE here")


def kill_half_way(what: str, folder: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, what, str(folder)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline() == "half\n"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()


def everything(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@linux
def test_a_record_writer_killed_half_way_leaves_no_file_at_all(tmp_path: Path) -> None:
    kill_half_way("record", tmp_path)
    assert everything(tmp_path) == []


@linux
def test_a_cache_writer_killed_half_way_leaves_no_partial_entry(tmp_path: Path) -> None:
    kill_half_way("cache", tmp_path)
    assert everything(tmp_path) == []
    # And a whole entry is read back as it was put.
    cache = ParseCache(tmp_path)
    cache.put("cd" + "1" * 38, {"a": 1})
    assert cache.get("cd" + "1" * 38) == {"a": 1}
    assert everything(tmp_path) == [f"cd/cd{'1' * 38}.json"]


def test_without_unnamed_files_a_dead_writers_temp_file_is_swept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic, "_anonymous_file", lambda folder, shown: None)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f"{atomic.TEMP_PREFIX}{dead.pid}-0a1b2c3d"
    stale.write_bytes(b"half a rec")
    atomic.create_file(tmp_path / "a.yaml", b"id: a\n")
    assert everything(tmp_path) == ["a.yaml"]
    assert (tmp_path / "a.yaml").read_bytes() == b"id: a\n"


def test_where_the_unnamed_file_cannot_be_linked_the_named_way_is_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic, "_link_unnamed", lambda fd, path: False)
    atomic.create_file(tmp_path / "a.yaml", b"id: a\n")
    assert everything(tmp_path) == ["a.yaml"]
    assert (tmp_path / "a.yaml").read_bytes() == b"id: a\n"
    with pytest.raises(atomic.RecordExistsError):
        atomic.create_file(tmp_path / "a.yaml", b"id: b\n")
    assert everything(tmp_path) == ["a.yaml"]
