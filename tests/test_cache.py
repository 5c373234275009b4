"""The persistent cache of parsed versions and diffs under .git/billtrack/: a warm run
prints exactly what a run without the cache prints, whichever form of the diff (full or
changes only) was cached first, and a damaged or foreign entry is only a miss."""

from __future__ import annotations

import json
import pickle
import subprocess
from dataclasses import fields
from pathlib import Path

import pytest
from typer.testing import CliRunner

from billtrack.diff import BillDiff, ProvisionDiff
from billtrack.model import Bill, Provision
from billtrack.store.cache import CACHE_FORMAT
from tests.support.cli import invoke
from tests.support.repos import PARTIES, Repo, bill_yaml

OLD = """
- id: kept
  number: "1"
  text: "Владелец платформы хранит данные на территории Республики Казахстан."
  tags: [data]
- id: reworded
  number: "2"
  text: "Владелец платформы открывает местный офис в течение шести месяцев."
- id: gone
  number: "3"
  text: "Платформа назначает уполномоченного по работе с обращениями граждан."
- id: old-name
  number: "4"
  text: "Доступ к контенту ограничивается по решению уполномоченного органа в течение суток."
"""

NEW = """
- id: kept
  number: "1"
  text: "Владелец платформы хранит данные на территории Республики Казахстан."
  tags: [data]
- id: reworded
  number: "2"
  text: "Владелец платформы назначает представителя в течение шести месяцев."
- id: new-name
  number: "3"
  text: "Доступ к контенту ограничивается по решению уполномоченного органа в течение суток!"
- id: fresh
  number: "4"
  text: "Уведомления о контенте направляются в электронной форме."
"""

COMMANDS = [
    ["diff", "v1", "v2", "--format", "json"],
    ["diff", "v1", "v2", "--format", "text"],
    ["diff", "v1", "v2", "--format", "json", "--all"],
    ["diff", "v1", "v2", "--stat"],
    ["diff", "v1", "v2", "--provision", "kept", "--format", "json"],
    ["diff", "v1", "v2", "--tag", "data"],
    ["summary", "v1", "v2", "--format", "json"],
    ["diff", "v1", "v2", "--format", "markdown", "--no-renames"],
]


@pytest.fixture
def two_versions(git_repo: Repo) -> Repo:
    git_repo.write("amendments/parties.yaml", PARTIES)
    git_repo.write("amendments/test-bill/bill.yaml", bill_yaml(provisions=OLD))
    git_repo.commit("first")
    git_repo.git("tag", "v1")
    git_repo.write("amendments/test-bill/bill.yaml", bill_yaml(provisions=NEW))
    git_repo.commit("second")
    git_repo.git("tag", "v2")
    return git_repo


def cache_files(repo: Repo) -> list[Path]:
    return sorted(p for p in (repo.path / ".git" / "billtrack").rglob("*") if p.is_file())


def run_all(cli: CliRunner, commands: list[list[str]]) -> list[tuple[int, str, str]]:
    return [invoke(cli, *command) for command in commands]


def test_uncached_cold_and_warm_runs_print_the_same(
    two_versions: Repo, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BILLTRACK_NO_CACHE", "1")
    expected = run_all(cli, COMMANDS)
    assert not cache_files(two_versions)
    monkeypatch.delenv("BILLTRACK_NO_CACHE")
    # Changes-only and full diffs are cached apart: run the commands in both orders so
    # that each form is read back after the other one was written.
    assert run_all(cli, COMMANDS) == expected
    assert cache_files(two_versions)
    assert run_all(cli, COMMANDS[::-1]) == expected[::-1]
    assert run_all(cli, COMMANDS) == expected
    assert all(code in (0, 1) for code, _, _ in expected)
    assert '"unchanged": 1' in expected[0][1]  # counted though the cached form omits it
    assert '"id": "kept"' not in expected[0][1]
    assert '"id": "kept"' in expected[2][1]


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not json at all",
        b"\xff\xfe",
        json.dumps(["a", "list", "of", "another", "shape"]).encode(),
        json.dumps({"bill": "x", "provisions": [[1, 2]], "unlisted": 0}).encode(),
        json.dumps({"id": 3, "provisions": "no"}).encode(),
        pickle.dumps(BillDiff("another-bill", ())),
    ],
    ids=["empty", "garbage", "not-utf8", "other-shape", "bad-rows", "bad-bill", "pickle"],
)
def test_a_damaged_or_foreign_entry_is_a_miss(
    two_versions: Repo, cli: CliRunner, monkeypatch: pytest.MonkeyPatch, damage: bytes
) -> None:
    monkeypatch.setenv("BILLTRACK_NO_CACHE", "1")
    expected = run_all(cli, COMMANDS)
    monkeypatch.delenv("BILLTRACK_NO_CACHE")
    run_all(cli, COMMANDS)
    entries = [p for p in cache_files(two_versions) if p.suffix == ".json"]
    assert entries
    for entry in entries:
        entry.write_bytes(damage)
    assert run_all(cli, COMMANDS) == expected


# The fields of every class the cache stores (as plain data), as of CACHE_FORMAT's number.
# A change to any of them makes old entries unreadable as the new shape: bump the number in
# billtrack/store/cache.py, then update this table.
CACHED_SHAPES = {
    "v12": {
        "Bill": (
            "id", "title", "jurisdiction", "language", "provisions", "short_title",
            "introduced", "initiator", "stages", "stage_labels", "raw",
        ),
        "Provision": ("id", "text", "number", "heading", "amends", "tags", "raw"),
        "BillDiff": ("bill", "provisions", "unlisted", "bill_changes"),
        "ProvisionDiff": (
            "id", "status", "before", "after", "changes", "previous_id", "redlines",
            "similarity", "proposals", "events", "ledger",
        ),
    },
}  # fmt: skip


def test_the_cache_format_changes_when_a_cached_class_does() -> None:
    number = CACHE_FORMAT.split("-")[0]
    shapes = {
        cls.__name__: tuple(f.name for f in fields(cls))
        for cls in (Bill, Provision, BillDiff, ProvisionDiff)
    }
    assert number in CACHED_SHAPES, "CACHE_FORMAT was bumped: record the shapes it names"
    assert shapes == CACHED_SHAPES[number], (
        "a cached class changed shape: bump the number in CACHE_FORMAT and record it here"
    )


def test_a_changes_only_diff_is_never_filtered_as_if_complete() -> None:
    from billtrack.comparison import provisions_filter

    diff = BillDiff("bill", (), unlisted=3)
    assert provisions_filter(diff) is diff
    with pytest.raises(ValueError, match="lists unchanged provisions"):
        provisions_filter(diff, tags=["data"])


class _Planted:
    """A pickle that, when loaded, would create a file (what an attacker would plant)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (subprocess.call, (["touch", str(self.marker)],))


def test_a_planted_entry_runs_nothing(two_versions: Repo, cli: CliRunner, tmp_path: Path) -> None:
    """Issue 15, item 19: read commands read the caches as data; a pickle planted in any
    entry (parse, diff, history chunks) runs no code and is a miss."""
    expected = run_all(cli, [*COMMANDS, ["history", "reworded"], ["log"]])
    marker = tmp_path / "ran"
    entries = cache_files(two_versions)
    assert entries
    for entry in entries:
        entry.write_bytes(pickle.dumps(_Planted(marker)))
    assert run_all(cli, [*COMMANDS, ["history", "reworded"], ["log"]]) == expected
    assert not marker.exists()
    assert not list((two_versions.path / ".git" / "billtrack").rglob("*.pickle"))
