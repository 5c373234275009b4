"""`billtrack summary` and `billtrack table` on the command line: the sample bill's
story, help, bad input (one line, the documented exit code, never a traceback), and a
run as a real subprocess."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from tests.support.cli import invoke, run_billtrack
from tests.support.repos import Repo
from tests.support.summary import build_story, summary_schema

PROJECT = Path(__file__).resolve().parents[1]
SAMPLE = PROJECT / "amendments"


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Repo]:
    repo, _ = build_story(tmp_path_factory.mktemp("story") / "repo")
    yield repo


def sample_available() -> bool:
    """The sample's first reading pins a commit of this repository's history, which a
    shallow clone may lack."""
    event = SAMPLE / "kz-child-protection" / "events" / "2021-09-first-reading.yaml"
    if not event.is_file():
        return False
    commit = next(
        (
            line.split('"')[1]
            for line in event.read_text("utf-8").splitlines()
            if "version:" in line
        ),
        None,
    )
    if commit is None:
        return False
    done = subprocess.run(
        ["git", "cat-file", "-e", f"{commit}^{{commit}}"], cwd=PROJECT, capture_output=True
    )
    return done.returncode == 0


needs_sample = pytest.mark.skipif(not sample_available(), reason="the sample's history is absent")


@needs_sample
def test_sample_summary_reads_like_the_news(cli: CliRunner) -> None:
    """`billtrack summary first-reading --lang ru`: the local office dropped, a
    representative who may sit abroad in its place, access to the content notification
    system, and where Telegram and YouTube stand."""
    code, out, err = invoke(cli, "summary", "first-reading", "--lang", "ru", "--root", str(SAMPLE))
    assert code == 0, err
    lead = out.split("\n## ")[0]
    assert "Между первым чтением 15 сентября 2021 г. и текущей редакцией исключено" in lead
    assert "Взамен: 1.10 «Уполномоченный представитель социальной сети или мессенджера»." in out
    assert "может находиться за пределами Республики Казахстан" in out
    assert "«Доступ к системе уведомлений о контенте»" in out
    assert "- **Telegram** — поддерживает частично" in out
    assert "- **YouTube** — на контакт не идёт" in out
    assert "- **Facebook** — поддерживает (переговоры, ноябрь 2021 г.)" in out

    code, out, err = invoke(
        cli, "summary", "first-reading", "--format", "json", "--root", str(SAMPLE)
    )
    assert code == 0, err
    data = json.loads(out)
    jsonschema.validate(data, summary_schema())
    dropped = {d["id"]: d for d in data["dropped"]}
    assert [r["id"] for r in dropped["local-office"]["replaced_by"]] == ["platform-representative"]
    assert "P-0001" in [p["id"] for p in dropped["local-office"]["proposals"]]
    added = {a["id"] for a in data["added"]}
    assert {"platform-representative", "content-notification-access"} <= added
    stances = {s["party"]["id"]: s["stance"] for s in data["stances"]}
    assert stances["telegram"] == "partial"
    assert stances["youtube"] == "no-contact"
    assert stances["facebook"] == "agrees"


@needs_sample
def test_sample_table(cli: CliRunner) -> None:
    code, out, err = invoke(
        cli, "table", "--from", "first-reading", "--format", "csv", "--lang", "ru",
        "--status", "accepted", "--root", str(SAMPLE),
    )  # fmt: skip
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out.removeprefix("\ufeff"), newline="")))
    assert rows[0][0] == "№ п/п"
    ids = [row[0] for row in rows[1:]]
    assert "P-0001" in ids and "P-0002" in ids
    local_office = next(row for row in rows[1:] if row[0] == "P-0001")
    assert local_office[4] == "исключить"
    assert local_office[2].startswith("Иностранный собственник")


@pytest.mark.parametrize("command", ["summary", "table"])
def test_help_has_an_example(cli: CliRunner, command: str) -> None:
    code, out, _ = invoke(cli, command, "--help")
    assert code == 0
    assert "Examples:" in out
    assert "--lang" in out and "--format" in out


def _root(repo: Repo) -> str:
    return str(repo.path / "amendments")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("summary", "no-such-version"), "unknown version 'no-such-version'"),
        (("summary", "first-reading", "--lang", "de"), "'de' is not one of"),
        (("summary", "--format", "pdf"), "'pdf' is not one of"),
        (("table", "--format", "json"), "'json' is not one of"),
        (("table", "--stage", "third-reading"), "unknown stage 'third-reading'"),
        (("table", "--author", "nobody"), "unknown party 'nobody'"),
        (("table", "--status", "maybe"), "'maybe' is not one of"),
        (("table", "--from", "--oops"), "unknown version '--oops'"),
        (("summary", "rev:--output=x"), "'--output=x'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    cli: CliRunner, story: Repo, args: tuple[str, ...], message: str
) -> None:
    code, out, err = invoke(cli, *args, "--root", _root(story))
    assert code == 2, (out, err)
    assert message in err
    assert "Traceback" not in out + err


def test_unreadable_file_is_a_finding(cli: CliRunner, git_repo: Repo) -> None:
    build = build_story(git_repo.path)[0]
    build.write("amendments/story/events/broken.yaml", "date: [\n")
    code, out, err = invoke(cli, "summary", "first-reading", "--root", _root(build))
    # A read command goes on past a record that does not parse, and names it (issue 15).
    assert code == 0
    assert "broken.yaml:" in err and "yaml-syntax" in err and "skipped" in err
    assert err.startswith("billtrack: warning: ")
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in out + err


def test_no_data_root(cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for command in ("summary", "table"):
        code, _, err = invoke(cli, command)
        assert code == 2
        assert err.startswith("billtrack: error: no data root")


def test_without_git_only_the_working_tree(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = Repo(tmp_path)
    repo.write("amendments/parties.yaml", "- {id: gov, name: Government, kind: government}\n")
    repo.write(
        "amendments/b/bill.yaml",
        "id: b\ntitle: B\njurisdiction: KZ\nlanguage: en\n"
        "provisions:\n  - {id: p, text: Some text.}\n",
    )
    monkeypatch.chdir(tmp_path)
    code, _, err = invoke(cli, "summary")
    assert code == 2 and "nothing to compare with" in err
    code, out, err = invoke(cli, "summary", "WORKTREE", "WORKTREE")
    assert code == 0, err
    assert "no provision was added, dropped or reworded" in out
    code, out, err = invoke(cli, "table", "--from", "WORKTREE", "--format", "markdown")
    assert code == 0, err
    assert "No amendment proposals match." in out


def test_filters_on_the_command_line(cli: CliRunner, story: Repo) -> None:
    def ids(*args: str) -> list[str]:
        code, out, err = invoke(
            cli, "table", "--from", "first-reading", "--format", "csv", *args, "--root",
            _root(story),
        )  # fmt: skip
        assert code == 0, err
        return [row[0] for row in csv.reader(io.StringIO(out[1:], newline=""))][1:]

    assert ids("--status", "rejected") == ["P-4"]
    assert ids("--status", "proposed", "--status", "rejected") == ["P-5", "P-4"]
    assert ids("--author", "government") == ["P-1", "P-2"]
    # P-1..P-4 were decided at a first-reading event; P-5 is undecided and dated after
    # that event, so it belongs to the stage in progress then: also the first reading.
    assert ids("--stage", "first-reading") == ["P-1", "P-2", "P-3", "P-5", "P-4"]
    assert ids("--stage", "second-reading") == []


def test_as_a_subprocess(story: Repo) -> None:
    done = run_billtrack(
        "summary", "first-reading", "--format", "json", "--lang", "ru", "--root", _root(story),
        cwd=story.path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["schema"] == "billtrack/summary/1"
    assert data["headline"].startswith("Между первым чтением 15 февраля 2023 г.")
    done = run_billtrack("table", "--stage", "nope", "--root", _root(story), cwd=story.path)
    assert done.returncode == 2
    assert done.stderr.startswith("billtrack: error: unknown stage 'nope'")
    assert "Traceback" not in done.stderr
