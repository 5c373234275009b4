"""The write commands on real temporary git repositories: what they write, tag and commit,
and what they refuse (with nothing written)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from billtrack import vocabulary
from billtrack.cli import build_app
from billtrack.cli.record import dialogue
from billtrack.errors import WriteError
from billtrack.record.ids import derive_event_id, next_proposal_id, slugify
from billtrack.schemas import schema
from billtrack.store.gitwrite import GitWriter
from tests.support.cli import invoke, run_billtrack
from tests.support.records import (
    BILL,
    BILL_TEXT,
    FOLDER,
    ROOT,
    assert_valid,
    files_under,
    make_project,
    read_record,
)
from tests.support.repos import Repo

FULL_ID = re.compile(r"^[0-9a-f]{40}$")


@pytest.fixture
def project(git_repo: Repo) -> Repo:
    make_project(git_repo)
    return git_repo


def events(repo: Repo) -> Path:
    return repo.path / FOLDER / "events"


def proposals(repo: Repo) -> Path:
    return repo.path / FOLDER / "proposals"


# --- reading record -------------------------------------------------------------------------


def test_reading_pins_head_tags_and_reports(project: Repo, cli: CliRunner) -> None:
    head = project.git("rev-parse", "HEAD")
    code, out, err = invoke(
        cli,
        "reading", "record", "--stage", "first-reading", "--date", "2021-09-15",
        "--body", "mazhilis", "--outcome", "approved", "--provision", "local-office",
        "--summary", "Approved in the first reading.", "--source", "RFE/RL, 2021-09-15",
    )  # fmt: skip
    assert code == 0, err
    path = f"{FOLDER}/events/2021-09-15-first-reading.yaml"
    assert out.splitlines() == [f"created {path}", f"tagged {BILL}/first-reading"]
    assert read_record(project.path / path) == {
        "date": "2021-09-15",
        "kind": "reading",
        "stage": "first-reading",
        "body": "mazhilis",
        "outcome": "approved",
        "version": head,
        "provisions": ["local-office"],
        "summary": "Approved in the first reading.",
        "sources": ["RFE/RL, 2021-09-15"],
    }
    # An annotated tag on the pinned commit, with the event as its message.
    assert project.git("cat-file", "-t", f"{BILL}/first-reading") == "tag"
    assert project.git("rev-parse", f"{BILL}/first-reading^{{commit}}") == head
    message = project.git("tag", "-l", "--format=%(contents)", f"{BILL}/first-reading")
    assert message.startswith(f"Record reading first-reading of {BILL} (2021-09-15, approved)")
    assert f'version: "{head}"' in message
    # Not committed without --commit.
    assert project.git("rev-parse", "HEAD") == head
    assert_valid(cli)


def test_reading_commit_commits_exactly_the_new_file(project: Repo, cli: CliRunner) -> None:
    # Something else is staged: it must stay staged and out of the commit.
    project.write("notes.txt", "unrelated\n")
    project.git("add", "notes.txt")
    code, out, err = invoke(
        cli, "reading", "record", "--stage", "first-reading", "--date", "2021-09-15",
        "--outcome", "approved", "--commit",
    )  # fmt: skip
    assert code == 0, err
    lines = out.splitlines()
    assert lines[:2] == [
        f"created {FOLDER}/events/2021-09-15-first-reading.yaml",
        f"tagged {BILL}/first-reading",
    ]
    short = project.git("rev-parse", "--short=7", "HEAD")
    assert lines[2] == f"committed {short}"
    assert project.git("show", "--name-only", "--format=%s", "HEAD").splitlines() == [
        f"Record reading first-reading of {BILL} (2021-09-15, approved)",
        "",
        f"{FOLDER}/events/2021-09-15-first-reading.yaml",
    ]
    assert project.git("status", "--porcelain") == "A  notes.txt"
    # The tag is on the text's commit, not on the commit of the record.
    assert project.git("rev-parse", f"{BILL}/first-reading^{{commit}}") == project.git(
        "rev-parse", "HEAD~1"
    )
    assert_valid(cli)


def test_reading_refuses_a_text_that_differs_from_the_commit(project: Repo, cli: CliRunner) -> None:
    bill = project.path / FOLDER / "bill.yaml"
    bill.write_text(bill.read_text().replace("request.", "request within 24 hours."))
    before = files_under(project.path)
    code, _, err = invoke(cli, "reading", "record", "--stage", "first-reading", "--date", "2021")
    assert code == 1
    assert "bill.yaml (modified)" in err
    assert "Commit the text first, or pass --version" in err
    assert files_under(project.path) == before
    assert project.git("tag") == ""


def test_reading_refuses_changed_parties_but_not_new_records(project: Repo, cli: CliRunner) -> None:
    # Uncommitted events and proposals are records about the text, not the text.
    (events(project) / "2021-09-note.yaml").write_text('date: "2021-09"\nkind: other\n')
    code, _, err = invoke(cli, "reading", "record", "--stage", "first-reading", "--date", "2021")
    assert code == 0, err
    with (project.path / ROOT / "parties.yaml").open("a") as parties:
        parties.write("- id: senate\n  name: Senate\n  kind: chamber\n")
    code, _, err = invoke(cli, "reading", "record", "--stage", "second-reading", "--date", "2022")
    assert code == 1
    assert "parties.yaml (modified)" in err


def test_reading_pins_an_older_commit_holding_the_same_text(project: Repo, cli: CliRunner) -> None:
    text_commit = project.git("rev-parse", "HEAD")
    project.write("README", "later commit, same text\n")
    project.commit("docs")
    code, _, err = invoke(
        cli, "reading", "record", "--stage", "first-reading", "--date", "2021",
        "--version", text_commit[:8],
    )  # fmt: skip
    assert code == 0, err
    data = read_record(events(project) / "2021-first-reading.yaml")
    assert isinstance(data, dict) and data["version"] == text_commit


def test_reading_refuses_a_commit_with_another_text(project: Repo, cli: CliRunner) -> None:
    old = project.git("rev-parse", "HEAD")
    bill = project.path / FOLDER / "bill.yaml"
    bill.write_text(bill.read_text().replace("request.", "request within 24 hours."))
    project.commit("second text")
    code, _, err = invoke(
        cli, "reading", "record", "--stage", "first-reading", "--date", "2021", "--version", old
    )
    assert code == 1
    assert f"differs from commit {old[:7]}" in err


def test_reading_never_moves_a_tag(project: Repo, cli: CliRunner) -> None:
    args = ("reading", "record", "--stage", "first-reading", "--date")
    assert invoke(cli, *args, "2021-09-15")[0] == 0
    before = files_under(project.path)
    code, _, err = invoke(cli, *args, "2021-09-20")
    assert code == 1
    assert f"tag {BILL}/first-reading already exists" in err and "--no-tag" in err
    assert files_under(project.path) == before
    code, out, err = invoke(cli, *args, "2021-09-20", "--no-tag")
    assert code == 0, err
    assert out.splitlines() == [f"created {FOLDER}/events/2021-09-20-first-reading.yaml"]
    assert_valid(cli)


@pytest.mark.parametrize("rev", ["-x", "--output=/tmp/pwned", "--all"])
def test_reading_never_passes_a_version_as_an_option(
    project: Repo, cli: CliRunner, rev: str
) -> None:
    before = files_under(project.path)
    code, _, err = invoke(
        cli, "reading", "record", "--stage", "first-reading", "--date", "2021", f"--version={rev}"
    )
    assert code == 2
    assert "is not a revision" in err
    assert files_under(project.path) == before
    assert not Path("/tmp/pwned").exists()


def test_reading_unknown_version_and_stage(project: Repo, cli: CliRunner) -> None:
    code, _, err = invoke(
        cli, "reading", "record", "--stage", "first-reading", "--date", "2021", "--version", "nope"
    )
    assert code == 2 and "'nope' is not a commit" in err
    code, _, err = invoke(cli, "reading", "record", "--stage", "third-reading", "--date", "2021")
    assert code == 1
    assert "unknown stage 'third-reading'" in err
    assert "first-reading, government-conclusion, second-reading" in err
    assert not list(events(project).glob("*.yaml"))


def test_reading_outside_a_repository_is_a_usage_error(
    tmp_path: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    monkeypatch.chdir(plain)
    Repo(plain).write(f"{ROOT}/parties.yaml", "- id: mazhilis\n  name: M\n  kind: chamber\n")
    Repo(plain).write(f"{FOLDER}/bill.yaml", "id: test-bill\ntitle: T\njurisdiction: KZ\n"
                      "language: ru\nprovisions: []\n")  # fmt: skip
    code, _, err = invoke(cli, "reading", "record", "--stage", "first-reading", "--date", "2021")
    assert code == 2 and "not in a git repository" in err


def test_commit_outside_a_repository_is_a_usage_error(
    tmp_path: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = tmp_path / "plain"
    Repo(plain).write(f"{ROOT}/parties.yaml", "- id: mazhilis\n  name: M\n  kind: chamber\n")
    Repo(plain).write(f"{FOLDER}/bill.yaml", BILL_TEXT)
    monkeypatch.chdir(plain)
    args = ("consultation", "record", "--date", "2021", "--with", "mazhilis")
    code, _, err = invoke(cli, *args, "--commit")
    assert code == 2 and "not inside a git repository" in err
    assert not (plain / FOLDER / "events").exists()
    code, out, err = invoke(cli, *args)  # without --commit, git is not needed
    assert code == 0, err
    assert out == f"created {FOLDER}/events/2021-consultation.yaml\n"


def test_tag_failure_after_the_write_removes_the_file(
    project: Repo, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(self: GitWriter, name: str, commit: str, message: str) -> str:
        raise WriteError("git tag failed: simulated")

    monkeypatch.setattr(GitWriter, "create_tag", fail)
    before = files_under(project.path)
    code, out, err = invoke(
        cli, "reading", "record", "--stage", "first-reading", "--date", "2021", "--commit"
    )
    assert code == 1
    path = f"{FOLDER}/events/2021-first-reading.yaml"
    assert err.strip() == (
        f"billtrack: error: git tag failed: simulated; removed {path}; nothing recorded"
    )
    assert out == ""
    assert files_under(project.path) == before


def test_commit_failure_removes_file_unstages_and_deletes_the_tag(
    project: Repo, cli: CliRunner
) -> None:
    hook = project.path / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'hook says no' >&2\nexit 1\n")
    hook.chmod(0o755)
    head = project.git("rev-parse", "HEAD")
    before = files_under(project.path)
    code, _, err = invoke(
        cli, "reading", "record", "--stage", "first-reading", "--date", "2021", "--commit"
    )
    assert code == 1
    assert "git commit failed: hook says no" in err
    assert f"removed {FOLDER}/events/2021-first-reading.yaml" in err
    assert f"deleted tag {BILL}/first-reading" in err
    assert files_under(project.path) == before
    assert project.git("tag") == ""
    assert project.git("status", "--porcelain") == ""
    assert project.git("rev-parse", "HEAD") == head


def test_ctrl_c_after_the_write_undoes_everything(
    project: Repo, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(self: GitWriter, path: str, message: str) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(GitWriter, "commit", interrupted)
    before = files_under(project.path)
    code, _, err = invoke(
        cli, "reading", "record", "--stage", "first-reading", "--date", "2021", "--commit"
    )
    assert code == 130
    assert err.startswith("billtrack: error: interrupted; removed ")
    assert files_under(project.path) == before
    assert project.git("tag") == "" and project.git("status", "--porcelain") == ""


def test_git_identity_is_checked_before_writing(
    project: Repo, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"):
        monkeypatch.delenv(key)
    monkeypatch.setenv("HOME", str(project.path / "no-home"))
    monkeypatch.setenv("EMAIL", "")
    project.git("config", "user.useConfigOnly", "true")
    before = files_under(project.path)
    code, _, err = invoke(cli, "reading", "record", "--stage", "first-reading", "--date", "2021")
    assert code == 2 and "git config user.name" in err
    assert files_under(project.path) == before


# --- consultation record ----------------------------------------------------------------------


def test_consultation_with_positions(project: Repo, cli: CliRunner) -> None:
    code, out, err = invoke(
        cli, "consultation", "record", "--date", "2021-10", "--kind", "negotiation",
        "--body", "government", "--with", "facebook", "--with", "mazhilis,government",
        "--outcome", "partial", "--stage", "government-conclusion",
        "--position", "facebook=opposes:Not willing to open an office: \"never\"",
        "--position", "mazhilis=agrees",
        "--provision", "local-office,removal-on-request",
        "--summary", "Online conferences with the platforms",
        "--source", "Orda, 2021-11", "--extension", "x-approximate=true",
    )  # fmt: skip
    assert code == 0, err
    path = events(project) / "2021-10-online-conferences-platforms.yaml"
    assert out == f"created {FOLDER}/events/{path.name}\n"
    assert read_record(path) == {
        "date": "2021-10",
        "kind": "negotiation",
        "stage": "government-conclusion",
        "body": "government",
        "participants": ["facebook", "mazhilis", "government"],
        "outcome": "partial",
        "provisions": ["local-office", "removal-on-request"],
        "positions": [
            {
                "party": "facebook",
                "stance": "opposes",
                "note": 'Not willing to open an office: "never"',
            },
            {"party": "mazhilis", "stance": "agrees"},
        ],
        "summary": "Online conferences with the platforms",
        "sources": ["Orda, 2021-11"],
        "x-approximate": "true",
    }
    assert_valid(cli)


def test_consultation_ids_are_derived_and_never_reused(project: Repo, cli: CliRunner) -> None:
    args = ("consultation", "record", "--date", "2021-11", "--with", "facebook")
    assert invoke(cli, *args, "--summary", "Компромисс достигнут")[0] == 0
    assert invoke(cli, *args, "--summary", "Компромисс достигнут")[0] == 0
    assert invoke(cli, *args)[0] == 0
    assert invoke(cli, *args, "--summary", "«»…")[0] == 0  # no word: falls back to the kind
    names = sorted(p.name for p in events(project).glob("*.yaml"))
    assert names == [
        "2021-11-consultation-2.yaml",
        "2021-11-consultation.yaml",
        "2021-11-kompromiss-dostignut-2.yaml",
        "2021-11-kompromiss-dostignut.yaml",
    ]
    assert_valid(cli)


def test_consultation_refuses_unknown_parties_and_provisions(project: Repo, cli: CliRunner) -> None:
    args = ("consultation", "record", "--date", "2021-10")
    code, _, err = invoke(cli, *args, "--with", "facebok")
    assert code == 1
    assert "unknown party 'facebok'; did you mean 'facebook'?" in err
    assert "known parties: mazhilis, government, facebook" in err
    code, _, err = invoke(cli, *args, "--with", "facebook", "--position", "youtube=no-contact")
    assert code == 1 and "unknown party 'youtube'" in err
    code, _, err = invoke(cli, *args, "--with", "facebook", "--provision", "local-ofice")
    assert code == 1
    assert "--provision: unknown provision 'local-ofice'" in err
    assert "known: local-office, removal-on-request, reporting-form" in err
    code, _, err = invoke(cli, *args, "--with", "facebook", "--position", "facebook=maybe")
    assert code == 2 and "not one of: agrees, partial, opposes, no-contact, undecided" in err
    code, _, err = invoke(cli, *args, "--with", "facebook", "--kind", "reading")
    assert code == 2  # a reading pins a text: `reading record`
    assert not list(events(project).glob("*.yaml"))


def test_consultation_commit(project: Repo, cli: CliRunner) -> None:
    code, out, err = invoke(
        cli, "consultation", "record", "--date", "2021-11", "--with", "facebook",
        "--outcome", "agreed", "--id", "2021-11-compromise", "--commit",
    )  # fmt: skip
    assert code == 0, err
    assert out.splitlines()[-1] == f"committed {project.git('rev-parse', '--short=7', 'HEAD')}"
    assert project.git("log", "-1", "--format=%s") == (
        f"Record consultation 2021-11-compromise of {BILL} (2021-11, agreed)"
    )
    assert project.git("status", "--porcelain") == ""


def test_an_existing_record_is_never_overwritten(project: Repo, cli: CliRunner) -> None:
    existing = events(project) / "2021-11-compromise.yaml"
    existing.write_bytes(b"# hand-written\ndate: '2021-11'\nkind: other\n")
    for given in ("2021-11-compromise", "2021-11-COMPROMISE"):
        code, _, err = invoke(
            cli, "consultation", "record", "--date", "2021-11", "--with", "facebook", "--id", given
        )
        assert code in (1, 2), err
    assert existing.read_bytes() == b"# hand-written\ndate: '2021-11'\nkind: other\n"
    assert sorted(p.name for p in events(project).iterdir()) == [".gitkeep", existing.name]


@pytest.mark.parametrize(
    "option",
    [
        ("--id", "../../../escaped"),
        ("--id", "/tmp/escaped"),
        ("--id", "a/b"),
        ("--id", ".hidden"),
        ("--bill", "../escaped"),
        ("--bill", "/tmp"),
    ],
)
def test_an_id_is_never_a_path(project: Repo, cli: CliRunner, option: tuple[str, str]) -> None:
    before = files_under(project.path.parent)
    code, _, err = invoke(
        cli, "consultation", "record", "--date", "2021", "--with", "facebook", *option
    )
    assert code == 2, err
    assert "billtrack: error:" in err and "Traceback" not in err
    assert files_under(project.path.parent) == before


def test_a_symlinked_folder_pointing_outside_is_refused(
    project: Repo, cli: CliRunner, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    folder = events(project)
    for child in folder.iterdir():
        child.unlink()
    folder.rmdir()
    folder.symlink_to(outside, target_is_directory=True)
    code, _, err = invoke(cli, "consultation", "record", "--date", "2021", "--with", "facebook")
    assert code == 2
    assert "outside the data root" in err
    assert list(outside.iterdir()) == []
    # A symlinked parties.yaml pointing outside is refused too.
    (project.path / ROOT / "parties.yaml").rename(outside / "parties.yaml")
    (project.path / ROOT / "parties.yaml").symlink_to(outside / "parties.yaml")
    before = (outside / "parties.yaml").read_bytes()
    code, _, err = invoke(cli, "party", "add", "senate", "--name", "Senate", "--kind", "chamber")
    assert code == 2 and "outside the data root" in err
    assert (outside / "parties.yaml").read_bytes() == before


# --- proposal new -----------------------------------------------------------------------------


def test_proposal_new_numbers_and_writes(project: Repo, cli: CliRunner) -> None:
    code, out, err = invoke(
        cli, "proposal", "new", "--author", "government", "--action", "drop",
        "--target", "local-office", "--date", "2021-11",
        "--rationale", "None of the platforms would open an office.",
    )  # fmt: skip
    assert code == 0, err
    assert out == f"created {FOLDER}/proposals/P-0001.yaml\n"
    assert read_record(proposals(project) / "P-0001.yaml") == {
        "date": "2021-11",
        "author": "government",
        "action": "drop",
        "target": "local-office",
        "rationale": "None of the platforms would open an office.",
    }
    # The next free number is one past the highest, whatever the gaps.
    (proposals(project) / "P-0007.yaml").write_text(
        'date: "2021"\nauthor: mazhilis\naction: drop\ntarget: reporting-form\n'
    )
    code, out, err = invoke(
        cli, "proposal", "new", "--author", "government", "--action", "add",
        "--target", "platform-representative", "--after", "removal-on-request",
        "--text", "The platform names a representative.\nThey may work from abroad.\n",
    )  # fmt: skip
    assert code == 0, err
    assert out == f"created {FOLDER}/proposals/P-0008.yaml\n"
    written = proposals(project) / "P-0008.yaml"
    data = read_record(written)
    assert isinstance(data, dict)
    assert data["date"] == dt.date.today().isoformat()
    assert data["text"] == "The platform names a representative.\nThey may work from abroad.\n"
    assert "text: |\n" in written.read_text()  # a literal block that was proved to read back
    assert_valid(cli)


def test_proposal_new_refusals(project: Repo, cli: CliRunner) -> None:
    new = ("proposal", "new", "--author", "government")
    code, _, err = invoke(cli, *new, "--action", "replace", "--target", "local-office")
    assert code == 2 and "missing --text (required for replace)" in err
    code, _, err = invoke(cli, *new, "--action", "add", "--target", "local-office", "--text", "x")
    assert code == 1 and "already in the text" in err
    code, _, err = invoke(cli, *new, "--action", "drop", "--target", "nothing-here")
    assert code == 1
    assert "unknown provision 'nothing-here'" in err and "known: local-office" in err
    code, _, err = invoke(
        cli, *new, "--action", "drop", "--target", "local-office", "--after", "reporting-form"
    )
    assert code == 2 and "--after is only for add and renumber" in err
    code, _, err = invoke(
        cli, "proposal", "new", "--author", "nobody", "--action", "drop", "--target", "local-office"
    )
    assert code == 1 and "unknown party 'nobody'" in err
    code, _, err = invoke(cli, *new, "--action", "add", "--target", "x", "--text", "   ")
    assert code == 2 and "--text is required" in err
    code, _, err = invoke(
        cli, *new, "--action", "drop", "--target", "local-office", "--date", "2021-02-30"
    )
    assert err == "billtrack: error: --date '2021-02-30' is not a date: February 2021 has 28 days\n"
    assert code == 2
    assert not list(proposals(project).glob("*.yaml"))


def test_proposal_text_from_a_file(project: Repo, cli: CliRunner, tmp_path: Path) -> None:
    wording = "Собственник социальной сети назначает представителя.\n\n  Второй абзац: «да».\n"
    source = tmp_path / "wording.txt"
    source.write_text(wording, encoding="utf-8")
    code, _, err = invoke(
        cli, "proposal", "new", "--author", "government", "--action", "replace",
        "--target", "removal-on-request", "--text-file", str(source), "--id", "p-senate-1",
    )  # fmt: skip
    assert code == 0, err
    data = read_record(proposals(project) / "p-senate-1.yaml")
    assert isinstance(data, dict) and data["text"] == wording
    assert_valid(cli)


# --- proposal decide --------------------------------------------------------------------------


def _propose(cli: CliRunner, target: str = "local-office") -> None:
    code, _, err = invoke(
        cli, "proposal", "new", "--author", "government", "--action", "drop", "--target", target
    )
    assert code == 0, err


def test_proposal_decide(project: Repo, cli: CliRunner) -> None:
    _propose(cli)
    _propose(cli, "reporting-form")
    before = {p.name: p.read_bytes() for p in proposals(project).glob("*.yaml")}
    code, out, err = invoke(
        cli, "proposal", "decide", "P-0001", "P-0002", "--status", "accepted",
        "--date", "2021-11", "--body", "government", "--kind", "negotiation",
        "--note", "Agreed in the final round.", "--commit",
    )  # fmt: skip
    assert code == 0, err
    path = events(project) / "2021-11-p-0001-p-0002-accepted.yaml"
    assert out.splitlines()[0] == f"created {FOLDER}/events/{path.name}"
    assert read_record(path) == {
        "date": "2021-11",
        "kind": "negotiation",
        "body": "government",
        "provisions": ["local-office", "reporting-form"],
        "decisions": [
            {"proposal": "P-0001", "status": "accepted", "note": "Agreed in the final round."},
            {"proposal": "P-0002", "status": "accepted", "note": "Agreed in the final round."},
        ],
    }
    assert project.git("log", "-1", "--format=%s") == (
        f"Record decision on P-0001, P-0002 of {BILL} (accepted, 2021-11)"
    )
    # The proposals themselves are never edited.
    assert {p.name: p.read_bytes() for p in proposals(project).glob("*.yaml")} == before
    assert_valid(cli)


def test_proposal_decide_refusals(project: Repo, cli: CliRunner) -> None:
    _propose(cli)
    _propose(cli, "reporting-form")
    decide = ("proposal", "decide", "--status", "rejected", "--date", "2022")
    code, _, err = invoke(cli, *decide, "P-0009")
    assert code == 1
    assert "unknown proposal 'P-0009'; known proposals: P-0001 (proposed), P-0002 (proposed)" in err
    assert invoke(cli, *decide, "P-0001", "--event", "2022-rejection")[0] == 0
    # The other way at the same stage on the same date contradicts it (issue 11) ...
    accept = ("proposal", "decide", "--status", "accepted", "--date", "2022")
    code, _, err = invoke(cli, *accept, "P-0001")
    assert code == 1
    assert (
        f"proposal P-0001 was already rejected in {FOLDER}/events/2022-rejection.yaml at the "
        "same stage on the same date" in err
    )
    code, _, err = invoke(cli, *decide, "P-0002", "--event", "2022-rejection")
    assert code == 1 and "already exists" in err
    code, _, err = invoke(cli, *decide)
    assert code == 2 and "missing PROPOSAL (one of: P-0002)" in err
    assert sorted(p.name for p in events(project).glob("*.yaml")) == ["2022-rejection.yaml"]
    # ... a later decision is the proposal's life: revisited, it is accepted.
    code, _, err = invoke(cli, *accept[:-1], "2023", "P-0001", "--event", "2023-revisited")
    assert code == 0, err
    code, out, _ = invoke(cli, "status", "--format", "json")
    assert code == 0 and "P-0001" in json.loads(out)["proposals"]["accepted"], out


def test_decisions_inside_an_event(project: Repo, cli: CliRunner) -> None:
    _propose(cli)
    code, _, err = invoke(
        cli, "consultation", "record", "--date", "2021-11", "--kind", "negotiation",
        "--with", "facebook", "--decision", "P-0001=accepted:Agreed: the office goes.",
    )  # fmt: skip
    assert code == 0, err
    code, _, err = invoke(
        cli, "consultation", "record", "--date", "2021-12", "--with", "facebook",
        "--decision", "P-0001=withdrawn",
    )  # fmt: skip
    assert code == 0, err  # a later decision: withdrawn after it was agreed
    code, _, err = invoke(
        cli, "consultation", "record", "--date", "2021-12", "--with", "facebook",
        "--decision", "P-0001=accepted", "--id", "2021-12-again",
    )  # fmt: skip
    assert code == 1 and "already withdrawn" in err
    assert_valid(cli)


# --- party add --------------------------------------------------------------------------------

HAND_WRITTEN = (
    b"# Parties: kept by hand, with comments.\n"
    b"- id: mazhilis   # lower chamber\n"
    b"  name: 'Mazhilis'\n"
    b"  kind: chamber\n"
    b"\n"
    b"-   id: government\n"
    b"    name: >-\n"
    b"      Government of the\n"
    b"      Republic\n"
    b"    kind: government  # no newline at the end"
)


def test_party_add_appends_without_touching_a_byte(project: Repo, cli: CliRunner) -> None:
    parties = project.path / ROOT / "parties.yaml"
    parties.write_bytes(HAND_WRITTEN)
    code, out, err = invoke(
        cli, "party", "add", "meta", "--name", "Meta Platforms, Inc.", "--kind", "company",
        "--country", "US", "--note", "Said: \"no\" # twice",
    )  # fmt: skip
    assert code == 0, err
    assert out == f"party meta added to {ROOT}/parties.yaml\n"
    data = parties.read_bytes()
    assert data.startswith(HAND_WRITTEN)
    assert data[len(HAND_WRITTEN) :] == (
        b'\n- id: "meta"\n  name: "Meta Platforms, Inc."\n  kind: "company"\n'
        b'  country: "US"\n  note: "Said: \\"no\\" # twice"\n'
    )
    code, _, err = invoke(cli, "party", "add", "senate", "--name", "Senate", "--kind", "chamber")
    assert code == 0, err
    assert parties.read_bytes().startswith(data)
    party_ids = [p["id"] for p in read_record(parties)]  # type: ignore[attr-defined]
    assert party_ids == ["mazhilis", "government", "meta", "senate"]
    assert_valid(cli)


def test_party_add_refusals_leave_the_file_alone(project: Repo, cli: CliRunner) -> None:
    parties = project.path / ROOT / "parties.yaml"
    before = parties.read_bytes()
    code, _, err = invoke(cli, "party", "add", "facebook", "--name", "FB", "--kind", "platform")
    assert code == 1 and "party 'facebook' is already in amendments/parties.yaml (line" in err
    code, _, err = invoke(cli, "party", "add", "x", "--name", "X", "--kind", "alien")
    assert code == 2
    code, _, err = invoke(
        cli, "party", "add", "x", "--name", "X", "--kind", "other", "--country", "kz"
    )
    assert code == 2 and "ISO 3166-1" in err
    code, _, err = invoke(cli, "party", "add", "../x", "--name", "X", "--kind", "other")
    assert code == 2 and "not a valid id" in err
    assert parties.read_bytes() == before


def test_party_add_to_the_empty_list_init_writes(
    tmp_path: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke(cli, "init", "kz", "--jurisdiction", "KZ", "--git")[0] == 0
    parties = tmp_path / ROOT / "parties.yaml"
    before = parties.read_text()
    assert before.endswith("[]\n")
    code, _, err = invoke(
        cli, "party", "add", "mazhilis", "--name", "Mazhilis", "--kind", "chamber"
    )
    assert code == 0, err
    after = parties.read_text()
    # Only the `[]` line is replaced by the entry; the comments stay as they were.
    assert (
        after
        == before[: -len("[]\n")] + '- id: "mazhilis"\n  name: "Mazhilis"\n  kind: "chamber"\n'
    )
    assert invoke(cli, "party", "add", "senate", "--name", "Senate", "--kind", "chamber")[0] == 0
    assert parties.read_text().startswith(after)
    assert_valid(cli)


def test_party_add_creates_a_missing_parties_file(project: Repo, cli: CliRunner) -> None:
    parties = project.path / ROOT / "parties.yaml"
    parties.unlink()
    code, out, err = invoke(cli, "party", "add", "mazhilis", "--name", "M", "--kind", "chamber")
    assert code == 0, err
    assert out == f"party mazhilis created {ROOT}/parties.yaml\n"
    assert read_record(parties) == [{"id": "mazhilis", "name": "M", "kind": "chamber"}]


def test_party_add_matches_an_indented_list_and_refuses_a_flow_list(
    project: Repo, cli: CliRunner
) -> None:
    parties = project.path / ROOT / "parties.yaml"
    parties.write_bytes(b"  - id: mazhilis\n    name: M\n    kind: chamber\n")
    assert invoke(cli, "party", "add", "senate", "--name", "S", "--kind", "chamber")[0] == 0
    assert parties.read_bytes().endswith(
        b'\n  - id: "senate"\n    name: "S"\n    kind: "chamber"\n'
    )
    flow = b"[{id: mazhilis, name: M, kind: chamber}]\n"
    parties.write_bytes(flow)
    code, _, err = invoke(cli, "party", "add", "senate", "--name", "S", "--kind", "chamber")
    assert code == 1 and "left as it was" in err
    assert parties.read_bytes() == flow


# --- on a terminal, and elsewhere ---------------------------------------------------------------


def test_missing_options_are_usage_errors_off_a_terminal(project: Repo, cli: CliRunner) -> None:
    code, _, err = invoke(cli, "reading", "record", "--date", "2021")
    assert code == 2
    assert err.strip() == (
        "billtrack: error: missing --stage "
        "(one of: first-reading, government-conclusion, second-reading)"
    )
    code, _, err = invoke(cli, "consultation", "record", "--date", "2021")
    assert code == 2 and "missing --with (one of: mazhilis, government, facebook)" in err
    code, _, err = invoke(cli, "proposal", "new", "--action", "drop", "--target", "local-office")
    assert code == 2 and "missing --author (one of: mazhilis, government, facebook)" in err
    code, _, err = invoke(cli, "party", "add", "x", "--name", "X")
    assert code == 2 and "missing --kind (one of: chamber, government" in err


def test_missing_options_are_asked_for_on_a_terminal(
    project: Repo, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dialogue, "interactive", lambda: True)
    result = cli.invoke(
        build_app(), ["reading", "record", "--no-tag"], input="fourth\nfirst-reading\n2021-09-15\n"
    )
    assert result.exit_code == 0, result.output
    assert "Stage (one of: first-reading, government-conclusion, second-reading):" in result.output
    assert "'fourth' is not one of the choices" in result.output
    assert (events(project) / "2021-09-15-first-reading.yaml").exists()
    result = cli.invoke(
        build_app(),
        ["consultation", "record", "--date", "2021-10"],
        input="facebook, nobody\nfacebook, government\n",
    )
    assert result.exit_code == 0, result.output
    assert "Participants, comma-separated (one of: mazhilis, government, facebook)" in result.output
    assert "not known: nobody" in result.output
    result = cli.invoke(build_app(), ["party", "add"], input="senate\nSenate\nchamber\n")
    assert result.exit_code == 0, result.output
    assert "Party id (a new id; known: mazhilis, government, facebook)" in result.output


# --- as a subprocess, help, vocabularies --------------------------------------------------------


def test_write_commands_as_a_subprocess(project: Repo, cli: CliRunner) -> None:
    done = run_billtrack(
        "consultation", "record", "--date", "2021-11", "--with", "facebook",
        "--summary", "status: accepted\nkind: reading", "--commit", cwd=project.path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (
        done.stdout.splitlines()[0]
        == f"created {FOLDER}/events/2021-11-status-accepted-kind-reading.yaml"
    )
    data = read_record(events(project) / "2021-11-status-accepted-kind-reading.yaml")
    assert isinstance(data, dict)
    assert data["kind"] == "consultation" and data["summary"] == "status: accepted\nkind: reading"
    done = run_billtrack(
        "party", "add", "facebook", "--name", "F", "--kind", "platform", cwd=project.path
    )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert_valid(cli)


@pytest.mark.parametrize(
    "command",
    [
        ["reading", "record"],
        ["consultation", "record"],
        ["proposal", "new"],
        ["proposal", "decide"],
        ["party", "add"],
    ],
)
def test_every_write_command_has_help_with_an_example(cli: CliRunner, command: list[str]) -> None:
    result = cli.invoke(build_app(), [*command, "--help"])
    assert result.exit_code == 0
    assert "Example: billtrack " + " ".join(command) in " ".join(result.output.split())
    options = result.output
    if command != ["party", "add"]:
        assert "--bill" in options
    assert "--root" in options


def test_cli_choices_are_the_file_formats_words(cli: CliRunner) -> None:
    """The choices each write command offers are the schema's words (a reading has its own
    command), in the schema's order."""
    event = schema("event")
    kinds = [k for k in event["properties"]["kind"]["enum"] if k != "reading"]
    expected = {
        ("consultation", "record", "--kind"): kinds,
        ("consultation", "record", "--outcome"): event["properties"]["outcome"]["enum"],
        ("proposal", "decide", "--kind"): kinds,
        ("proposal", "decide", "--status"): list(vocabulary.DECISION_STATUSES),
        ("proposal", "new", "--action"): list(vocabulary.ACTIONS),
        ("party", "add", "--kind"): list(vocabulary.PARTY_KINDS),
    }
    for (group, command, option), words in expected.items():
        result = cli.invoke(build_app(), [group, command, "--help"])
        assert f"{option} <{'|'.join(words)}>" in result.output, (group, command, option)
        code, _, err = invoke(cli, group, command, option, "not-a-word")
        assert code == 2 and "'not-a-word' is not one of" in err, err


# --- ids ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Compromise", "compromise"),
        ("The Mazhilis approved the draft in the first reading", "mazhilis-approved-draft-first"),
        ("Компромисс с платформами", "kompromiss-platformami"),
        ("Қазақстан үкіметі", "qazaqstan-ukimeti"),
        ("Café crème", "cafe-creme"),
        ("日本語", ""),
        ("status: accepted", "status-accepted"),
        ("../../etc/passwd", "etc-passwd"),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_derived_ids() -> None:
    assert derive_event_id("2021-11", "Compromise reached") == "2021-11-compromise-reached"
    assert derive_event_id("2021-11", None, "", "negotiation") == "2021-11-negotiation"
    assert derive_event_id("2021", "x", taken=["2021-x", "2021-X-2"]) == "2021-x-3"
    assert next_proposal_id([]) == "P-0001"
    assert next_proposal_id(["P-0002", "P-0009", "p-0100", "other"]) == "P-0010"
    assert next_proposal_id(["P-9999"]) == "P-10000"


def test_no_command_leaves_a_temp_file(project: Repo, cli: CliRunner) -> None:
    invoke(cli, "consultation", "record", "--date", "2021", "--with", "facebook")
    invoke(cli, "party", "add", "senate", "--name", "Senate", "--kind", "chamber")
    assert not list(project.path.rglob(".billtrack-*"))
