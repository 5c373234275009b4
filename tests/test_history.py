"""The history core on real temporary repositories: a provision's whole life (added,
reworded, renumbered, renamed, moved, dropped, the bill deleted and restored), readings,
proposals and events; first-parent and all-parents history; shallow clones, empty
repositories and no repository; the timeline's order and filters; the status; and the
fast paths against plain consecutive diffs."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from billtrack.dates import from_stamp
from billtrack.diff import Window, diff_bills
from billtrack.errors import UsageError
from billtrack.history.provision import ProvisionHistory, provision_history
from billtrack.history.status import bill_status
from billtrack.history.timeline import Entry, date_window, timeline
from billtrack.history.walk import History, walk
from billtrack.store.layout import find_root
from billtrack.store.repository import BillRepository
from tests.support.history import (
    BILL,
    TEXT_A,
    TEXT_B,
    TEXT_C,
    TEXT_N,
    make_life,
    provisions_yaml,
    write_bill,
)
from tests.support.repos import PARTIES, Repo, bill_yaml


@pytest.fixture(scope="module")
def life_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The bill's life, built once per module (commits are the slow part)."""
    path = tmp_path_factory.mktemp("life") / "repo"
    path.mkdir()
    repo = Repo(path)
    repo.git("init", "-q", "-b", "main")
    return path, make_life(repo)


@pytest.fixture
def life(
    life_template: tuple[Path, dict[str, str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Repo:
    """A fresh copy of the bill's life as the current directory."""
    source, _ = life_template
    target = tmp_path / "life"
    shutil.copytree(source, target, symlinks=True)
    monkeypatch.chdir(target)
    return Repo(target)


def open_repo() -> BillRepository:
    root = find_root(None)
    return BillRepository(root, root.choose_bill(None))


def life_of(provision_id: str, *, all_parents: bool = False) -> ProvisionHistory:
    with open_repo() as repo:
        history = walk(repo, all_parents=all_parents)
        return provision_history(
            history, provision_id, proposals=repo.proposals(), events=repo.events()
        )


def steps(result: ProvisionHistory) -> list[tuple[str | None, str, tuple[str, ...], str]]:
    return [
        (step.version.subject, step.change.status, step.change.changes, step.context)
        for step in result.steps
    ]


# --- a provision's life ------------------------------------------------------------------


def test_every_step_of_a_provision_s_life(life: Repo) -> None:
    result = life_of("b")
    assert steps(result) == [
        ("First text", "added", (), ""),
        ("Reword b", "modified", ("text",), ""),
        ("Insert n and renumber", "modified", ("number",), ""),
        ("Drop b", "dropped", (), ""),
    ]
    assert result.current is None
    dropped = result.steps[-1]
    assert dropped.change.proposals == ("P-0001",)
    assert "2021-12-committee" in dropped.change.events
    assert dropped.version.author == "Test Aide"
    assert dropped.version.date == "2022-01-01"
    assert [(p.event.id, p.provision_id) for p in result.readings] == [
        ("2021-09-first-reading", "b")
    ]
    assert [(p.id, s.status, s.event) for p, s in result.proposals] == [
        ("P-0001", "accepted", "2021-12-committee")
    ]
    assert [e.id for e in result.events] == ["2021-09-first-reading", "2021-12-committee"]
    reworded = result.steps[1].change
    assert any(op == "+" and "within a day" in text for op, text in reworded.redlines[""])


def test_renames_are_followed_both_ways_with_delete_and_restore(life: Repo) -> None:
    expected = [
        ("First text", "added", (), ""),
        ("Insert n and renumber", "modified", ("number",), ""),
        ("Rename c to c2", "renamed", ("text",), ""),
        ("Drop b", "modified", ("number",), ""),
        ("Move a to the end", "modified", ("number",), ""),
        ("Delete the bill", "dropped", (), "bill-deleted"),
        ("Restore the bill", "added", (), "bill-restored"),
    ]
    newer, older = life_of("c2"), life_of("c")
    assert steps(newer) == expected
    assert steps(older) == expected
    assert newer.ids == older.ids == ("c", "c2")
    assert newer.steps[2].change.previous_id == "c"
    assert newer.current is not None and newer.current.id == "c2"
    # The talks named the provision under its old id.
    assert "2021-10-talks" in [e.id for e in newer.events]


def test_a_move_is_a_position_change(life: Repo) -> None:
    moved = [s for s in life_of("a").steps if s.version.subject == "Move a to the end"]
    assert [s.change.changes for s in moved] == [("number", "position")]
    assert [p.id for p, _ in life_of("a").proposals] == ["P-0002"]


def test_an_unknown_provision_is_a_usage_error_with_close_matches(life: Repo) -> None:
    with pytest.raises(UsageError, match=r"no provision 'c22'.*did you mean 'c2'"):
        life_of("c22")


def test_uncommitted_changes_are_the_newest_version(life: Repo) -> None:
    write_bill(life, ("n", "1", TEXT_N), ("c2", "2", TEXT_C + " now."), ("a", "3", TEXT_A))
    last = life_of("c2").steps[-1]
    assert last.version.commit is None
    assert last.version.label == "WORKTREE"
    assert last.change.changes == ("text",)


def test_a_version_that_does_not_parse_is_skipped_with_a_note(git_repo: Repo) -> None:
    git_repo.write("amendments/parties.yaml", PARTIES)
    write_bill(git_repo, ("a", "1", TEXT_A))
    git_repo.commit("First", date="2021-01-01T10:00:00")
    git_repo.write(f"{BILL}/bill.yaml", "id: test-bill\nprovisions: [unclosed\n")
    git_repo.commit("Broken", date="2021-02-01T10:00:00")
    write_bill(git_repo, ("a", "1", TEXT_A + " again"))
    git_repo.commit("Fixed", date="2021-03-01T10:00:00")
    result = life_of("a")
    assert steps(result) == [("First", "added", (), ""), ("Fixed", "modified", ("text",), "")]
    assert any("does not parse" in note or "yaml-syntax" in note for note in result.notes)


# --- history semantics ---------------------------------------------------------------------


def test_first_parent_by_default_merged_branches_on_request(git_repo: Repo) -> None:
    git_repo.write("amendments/parties.yaml", PARTIES)
    write_bill(git_repo, ("a", "1", TEXT_A), ("b", "2", TEXT_B))
    git_repo.commit("First", date="2021-01-01T10:00:00")
    git_repo.git("checkout", "-q", "-b", "side")
    write_bill(git_repo, ("a", "1", TEXT_A + " on the side"), ("b", "2", TEXT_B))
    git_repo.commit("Side reword", date="2021-02-01T10:00:00")
    git_repo.git("checkout", "-q", "main")
    write_bill(git_repo, ("a", "1", TEXT_A), ("b", "2", TEXT_B + " on main"))
    git_repo.commit("Main reword", date="2021-03-01T10:00:00")
    git_repo.git("merge", "-q", "--no-ff", "-m", "Merge side", "side")

    first_parent = [s.version.subject for s in life_of("a").steps]
    assert first_parent == ["First", "Merge side"]
    merged = life_of("a").steps[-1].version
    assert merged.merge
    everything = [s.version.subject for s in life_of("a", all_parents=True).steps]
    assert "Side reword" in everything
    assert everything[0] == "First"


def test_a_shallow_clone_says_where_the_history_is_truncated(
    life: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "3", f"file://{life.path}", str(clone)],
        check=True,
        capture_output=True,
    )
    monkeypatch.chdir(clone)
    with open_repo() as repo:
        history = walk(repo)
        assert history.truncated is not None
        assert any("shallow" in note for note in history.notes)
        result = provision_history(history, "c2", proposals=repo.proposals(), events=repo.events())
    assert result.steps[0].context == "boundary"
    assert result.truncated == result.steps[0].version.commit
    assert result.ids == ("c2",)
    # The first reading pins a commit the clone does not have: no reading, no failure.
    assert result.readings == ()
    with open_repo() as repo:
        status = bill_status(repo)
    assert status.since_reading is None
    assert any("shallow" in note for note in status.notes)


def test_an_empty_repository_works_from_the_working_tree(git_repo: Repo) -> None:
    git_repo.write("amendments/parties.yaml", PARTIES)
    write_bill(git_repo, ("a", "1", TEXT_A))
    with open_repo() as repo:
        history = walk(repo)
        assert [v.label for v in history.versions] == ["WORKTREE"]
        assert any("no commits" in note for note in history.notes)
        result = provision_history(history, "a")
        line = timeline(history, events=repo.events())
    assert steps(result) == [(None, "added", (), "")]
    assert [e.kind for e in line.entries] == ["commit"]
    assert line.entries[0].version is not None and line.entries[0].version.commit is None


def test_no_repository_works_from_the_working_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "plain"
    bill = folder / BILL / "bill.yaml"
    bill.parent.mkdir(parents=True)
    bill.write_text(bill_yaml(provisions=provisions_yaml(("a", "1", TEXT_A))), encoding="utf-8")
    monkeypatch.chdir(folder)
    with open_repo() as repo:
        history = walk(repo)
        assert any("not in a git repository" in note for note in history.notes)
        assert steps(provision_history(history, "a")) == [(None, "added", (), "")]


def test_the_second_walk_reads_nothing(life: Repo) -> None:
    with open_repo() as repo:
        first = walk(repo)
        assert first.texts.stats.versions > 0
    assert list((life.path / ".git" / "billtrack").rglob("*.json"))
    with open_repo() as repo:
        second = walk(repo)
        assert second.texts.stats.versions == 0
        assert [v.blob for v in second.versions] == [v.blob for v in first.versions]
        assert steps(provision_history(second, "c2")) == steps(provision_history(first, "c2"))


def test_progress_is_reported_while_reading(life: Repo) -> None:
    seen: list[tuple[int, int]] = []
    with open_repo() as repo:
        walk(repo, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1]


# --- the timeline ----------------------------------------------------------------------------


def entries(**kwargs: object) -> list[tuple[str | None, str, str]]:
    with open_repo() as repo:
        history = walk(repo)
        line = timeline(
            history,
            events=repo.events(),
            proposals=repo.proposals(),
            **kwargs,  # type: ignore[arg-type]
        )
    return [
        (
            entry.date,
            entry.kind,
            _label(entry),
        )
        for entry in line.entries
    ]


def _label(entry: Entry) -> str:
    if entry.event is not None:
        return entry.event.id
    return entry.version.subject or "" if entry.version is not None else ""


def date_span(date: str | None) -> tuple[str, str]:
    parsed = from_stamp(date)
    return (str(parsed.start), str(parsed.end)) if parsed else ("", "")


def test_log_interleaves_commits_and_events_newest_first(life: Repo) -> None:
    found = entries()
    assert found[0] == ("2022-04-01", "commit", "Restore the bill")
    spans = [date_span(date) for date, _, _ in found]
    assert spans == sorted(spans, reverse=True)
    # A partial date sorts by its start, then its end (issue 11: `2022` is not before
    # 2022-03-09 in one report and after it in another): `2022` follows 2022-01-01.
    assert found.index((("2022"), "negotiation", "2022-talks")) < found.index(
        ("2022-01-01", "commit", "Drop b")
    )
    assert entries(newest_first=False) == list(reversed(found))


def test_log_puts_commits_before_events_on_the_same_date(life: Repo) -> None:
    life.write(f"{BILL}/events/2022-04-01-b.yaml", "date: '2022-04-01'\nkind: other\nsummary: b\n")
    life.write(f"{BILL}/events/2022-04-01-a.yaml", "date: '2022-04-01'\nkind: other\nsummary: a\n")
    oldest_first = entries(newest_first=False, since="2022-04-01", kinds=["commit", "other"])
    assert oldest_first == [
        ("2022-04-01", "commit", "Restore the bill"),
        ("2022-04-01", "other", "2022-04-01-a"),
        ("2022-04-01", "other", "2022-04-01-b"),
    ]


def test_log_counts_each_commit_s_changes(life: Repo) -> None:
    with open_repo() as repo:
        line = timeline(walk(repo), events=[], newest_first=False)
    counts = {e.version.subject: dict(e.counts or {}) for e in line.entries if e.version}
    assert counts["First text"]["added"] == 3
    assert counts["Reword b"] == {
        "added": 0,
        "dropped": 0,
        "modified": 1,
        "renamed": 0,
        "unchanged": 2,
    }
    assert counts["Insert n and renumber"]["added"] == 1
    assert counts["Insert n and renumber"]["modified"] == 2
    assert counts["Rename c to c2"]["renamed"] == 1
    assert counts["Delete the bill"]["dropped"] == 3
    assert counts["Restore the bill"]["added"] == 3
    kinds = {e.version.subject: e.version.status for e in line.entries if e.version}
    assert kinds["Delete the bill"] == "deleted"
    assert kinds["Restore the bill"] == "restored"


def test_log_filters_by_date_and_kind(life: Repo) -> None:
    in_2021 = entries(since="2021", until="2021")
    assert {date[:4] for date, _, _ in in_2021 if date} == {"2021"}
    # A partial event date is in a range it lies inside, not in one that starts or ends
    # inside it (issue 11: the one window rule; the log has no stage to decide).
    assert ("2021-10", "negotiation", "2021-10-talks") not in entries(since="2021-10-15")
    assert ("2021-10", "negotiation", "2021-10-talks") in entries(since="2021-10")
    assert ("2022", "negotiation", "2022-talks") not in entries(until="2022-01-15")
    assert ("2022", "negotiation", "2022-talks") in entries(until="2022")
    only = entries(kinds=["reading", "committee"])
    assert [kind for _, kind, _ in only] == ["committee", "reading"]
    assert {kind for _, kind, _ in entries(kinds=["commit"])} == {"commit"}


@pytest.mark.parametrize("bad", ["2021-13", "yesterday", "2021-02-30", "21-01-01", ""])
def test_bad_dates_are_usage_errors(bad: str) -> None:
    with pytest.raises(UsageError):
        date_window(bad, None)
    with pytest.raises(UsageError):
        date_window(None, bad)


def test_date_bounds() -> None:
    day = dt.date
    assert date_window("2021", "2021") == Window(day(2021, 1, 1), day(2021, 12, 31))
    assert date_window(None, "2024-02") == Window(None, day(2024, 2, 29))
    assert date_window("2021-11-05", "2021-11-05") == Window(day(2021, 11, 5), day(2021, 11, 5))


def test_an_unknown_kind_is_a_usage_error(life: Repo) -> None:
    with pytest.raises(UsageError, match="unknown kind"):
        entries(kinds=["meeting"])


# --- the status ----------------------------------------------------------------------------


def test_status(life: Repo) -> None:
    stages = "first-reading\n  - second-reading\n  - signature"
    text = (life.path / BILL / "bill.yaml").read_text(encoding="utf-8")
    (life.path / BILL / "bill.yaml").write_text(
        text.replace("provisions:", f"stages:\n  - {stages}\nprovisions:"), encoding="utf-8"
    )
    with open_repo() as repo:
        status = bill_status(repo)
    assert status.stage is not None and status.stage.id == "2021-09-first-reading"
    assert status.reading is not None and status.reading.outcome == "approved"
    assert status.provisions == 3
    assert status.since_reading == {
        "added": 1,
        "dropped": 1,
        "modified": 1,
        "renamed": 1,
        "unchanged": 0,
    }
    assert status.proposals["accepted"] == ("P-0001",)
    assert status.pending_proposals == ("P-0002",)
    assert status.pending_stages == ("second-reading", "signature")
    assert [(s.party, s.stance, s.event) for s in status.stances] == [
        ("facebook", "agrees", "2022-talks")
    ]


def test_status_without_readings_or_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "plain"
    bill = folder / BILL / "bill.yaml"
    bill.parent.mkdir(parents=True)
    bill.write_text(bill_yaml(provisions=provisions_yaml(("a", "1", TEXT_A))), encoding="utf-8")
    monkeypatch.chdir(folder)
    with open_repo() as repo:
        status = bill_status(repo)
    assert status.reading is None and status.stage is None and status.since_reading is None
    assert status.provisions == 1


# --- the fast paths against plain diffs ------------------------------------------------------


def _random_history(repo: Repo, seed: int, commits: int) -> None:
    rng = random.Random(seed)
    repo.write("amendments/parties.yaml", PARTIES)
    words = [
        "закон",
        "платформа",
        "ребёнок",
        "право",
        "срок",
        "орган",
        "доступ",
        "решение",
        "контент",
    ]
    items = [(f"p{k}", " ".join(rng.choices(words, k=12))) for k in range(12)]
    serial = len(items)
    for n in range(commits):
        write_bill(repo, *((pid, str(k + 1), text) for k, (pid, text) in enumerate(items)))
        repo.commit(f"c{n}", date=f"2021-01-{n + 1:02d}T10:00:00")
        roll = rng.random()
        if roll < 0.35:
            k = rng.randrange(len(items))
            pid, text = items[k]
            items[k] = (pid, text + " " + rng.choice(words))
        elif roll < 0.5:
            serial += 1
            items.insert(
                rng.randrange(len(items) + 1), (f"p{serial}", " ".join(rng.choices(words, k=12)))
            )
        elif roll < 0.6 and len(items) > 2:
            items.pop(rng.randrange(len(items)))
        elif roll < 0.75:
            k = rng.randrange(len(items))
            items.insert(rng.randrange(len(items)), items.pop(k))
        elif roll < 0.85:
            k = rng.randrange(len(items))
            pid, text = items[k]
            items[k] = (pid + "r", text + ".")
        else:
            rng.shuffle(items)


def _naive_steps(history: History, names: set[str]) -> list[tuple[int, str, str, tuple[str, ...]]]:
    out: list[tuple[int, str, str, tuple[str, ...]]] = []
    for version in history.versions:
        diff = diff_bills(history.bill_at(version.before), history.bill_at(version.blob))
        for item in diff.provisions:
            if item.status != "unchanged" and (item.id in names or item.previous_id in names):
                out.append((version.seq, item.id, item.status, item.changes))
    return out


@pytest.mark.parametrize("seed", [1, 2])
def test_provision_histories_equal_plain_consecutive_diffs(git_repo: Repo, seed: int) -> None:
    _random_history(git_repo, seed, 24)
    with open_repo() as repo:
        history = walk(repo)
        every = sorted({pid for v in history.versions if v.blob for pid in history.ids(v.blob)})
        for pid in every:
            result = provision_history(history, pid)
            fast = [
                (s.version.seq, s.change.id, s.change.status, s.change.changes)
                for s in result.steps
            ]
            assert fast == _naive_steps(history, set(result.ids)), pid
        for entry in timeline(history, events=[]).entries:
            assert entry.version is not None
            naive = diff_bills(
                history.bill_at(entry.version.before), history.bill_at(entry.version.blob)
            ).counts()
            assert dict(entry.counts or {}) == naive


def test_the_sample_bill_history_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The project's own history: the sample bill, if this checkout has it."""
    top = Path(__file__).resolve().parents[1]
    if not (top / ".git").exists() or shutil.which("git") is None:
        pytest.skip("not a git checkout")
    monkeypatch.chdir(top)
    monkeypatch.setenv("BILLTRACK_NO_CACHE", "1")
    run: Callable[[], ProvisionHistory] = lambda: life_of("removal-on-request")  # noqa: E731
    result = run()
    assert result.steps[0].change.status == "added"
    assert any("text" in s.change.changes for s in result.steps)


def test_status_with_a_reading_that_pins_no_commit(life: Repo) -> None:
    life.write(
        f"{BILL}/events/2022-05-reading.yaml",
        "date: '2022-05-01'\nkind: reading\nstage: second-reading\nversion: 'not a commit'\n",
    )
    with open_repo() as repo:
        status = bill_status(repo)
        pinned = provision_history(walk(repo), "a", events=repo.events()).readings
    assert status.reading is not None and status.reading.id == "2022-05-reading"
    assert status.since_reading is None
    assert any("not a commit id" in note for note in status.notes)
    assert [p.event.id for p in pinned] == ["2021-09-first-reading"]
