"""`billtrack init BILL`: a skeleton that validates, in a git repository, that never
overwrites anything and never writes outside the data root."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from billtrack.store.yamlio import load
from tests.support.cli import invoke
from tests.support.repos import Repo

CREATED = [
    "created amendments/.schemas/bill.schema.json",
    "created amendments/.schemas/event.schema.json",
    "created amendments/.schemas/proposal.schema.json",
    "created amendments/.schemas/parties.schema.json",
    "created amendments/parties.yaml",
    "created amendments/my-bill/bill.yaml",
    "created amendments/my-bill/events/.gitkeep",
    "created amendments/my-bill/proposals/.gitkeep",
]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (git's own files aside) and its bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(folder).parts
    }


def git_top(folder: Path) -> Path:
    done = subprocess.run(
        ["git", "rev-parse", "--show-toplevel"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(done.stdout.strip()).resolve()


def assert_validates_clean(cli: CliRunner, bills: int = 1) -> None:
    code, out, err = invoke(cli, "validate", "--strict")
    assert (code, out) == (0, "")
    assert f"in {bills} bill{'s' * (bills != 1)}: 0 errors, 0 warnings" in err


@pytest.fixture
def empty_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def test_in_an_empty_folder_it_creates_the_repository_and_a_clean_skeleton(
    empty_dir: Path, cli: CliRunner
) -> None:
    code, out, err = invoke(cli, "init", "my-bill")
    assert (code, err) == (0, "")
    assert out.splitlines() == CREATED
    assert (empty_dir / ".git").is_dir()
    assert git_top(empty_dir / "amendments" / "my-bill") == empty_dir.resolve()
    assert_validates_clean(cli)


def test_in_an_existing_repository_it_uses_that_repository(git_repo: Repo, cli: CliRunner) -> None:
    git_repo.write("README.md", "A project.\n")
    git_repo.commit("start")
    code, out, _ = invoke(cli, "init", "my-bill")
    assert code == 0
    assert out.splitlines() == CREATED
    assert not (git_repo.path / "amendments" / ".git").exists()
    assert git_top(git_repo.path / "amendments") == git_repo.path.resolve()
    assert_validates_clean(cli)
    # The skeleton can be committed as it is, and still validates.
    git_repo.commit("billtrack init")
    assert git_repo.git("status", "--porcelain") == ""
    assert_validates_clean(cli)


def test_with_a_root_option_it_writes_there(git_repo: Repo, cli: CliRunner) -> None:
    code, out, _ = invoke(cli, "init", "my-bill", "--root", "data/bills")
    assert code == 0
    assert "created data/bills/my-bill/bill.yaml" in out.splitlines()
    assert not (git_repo.path / "amendments").exists()
    code, _, err = invoke(cli, "validate", "--root", "data/bills")
    assert code == 0
    assert "0 errors, 0 warnings" in err


def test_bill_yaml_starts_with_a_schema_modeline_that_resolves(
    git_repo: Repo, cli: CliRunner
) -> None:
    assert invoke(cli, "init", "my-bill")[0] == 0
    root = git_repo.path / "amendments"
    bill = (root / "my-bill" / "bill.yaml").read_text(encoding="utf-8")
    first = "# yaml-language-server: $schema=../.schemas/bill.schema.json\n"
    assert bill.startswith(first)
    schema_copy = root / "my-bill" / "../.schemas/bill.schema.json"
    assert schema_copy.read_text(encoding="utf-8") == invoke(cli, "schema", "bill")[1]
    parties = (root / "parties.yaml").read_text(encoding="utf-8")
    assert parties.startswith("# yaml-language-server: $schema=.schemas/parties.schema.json\n")


def test_options_reach_the_file_exactly(git_repo: Repo, cli: CliRunner) -> None:
    title = 'On: the "rights" # of\nchildren, no. 1.10'
    code, _, _ = invoke(
        cli, "init", "kz-bill", "--title", title, "--jurisdiction", "KZ", "--language", "kk"
    )
    assert code == 0
    path = git_repo.path / "amendments" / "kz-bill" / "bill.yaml"
    assert load(path.read_bytes(), "bill.yaml").data == {
        "id": "kz-bill",
        "title": title,
        "jurisdiction": "KZ",
        "language": "kk",
        "provisions": [],
    }
    assert_validates_clean(cli)


@pytest.mark.parametrize("bill", ["../x", "/abs", "A B", "", ".hidden", "x/y", "-x", "a" * 81])
def test_an_id_that_is_not_an_id_is_refused_and_nothing_is_written(
    bill: str, empty_dir: Path, cli: CliRunner
) -> None:
    code, out, err = invoke(cli, "init", "--", bill)
    assert (code, out) == (2, "")
    assert err.startswith(f"billtrack: error: {bill!r} is not a valid bill id")
    assert list(empty_dir.iterdir()) == []
    assert list(empty_dir.parent.iterdir()) == [empty_dir]


@pytest.mark.parametrize(
    ("option", "value"),
    [("--jurisdiction", "kz"), ("--jurisdiction", "A1"), ("--language", "x y")],
)
def test_options_the_schema_refuses_are_refused(
    option: str, value: str, empty_dir: Path, cli: CliRunner
) -> None:
    code, out, err = invoke(cli, "init", "my-bill", option, value)
    assert (code, out) == (2, "")
    assert err.startswith(f"billtrack: error: {option} {value!r}: expected ")
    assert list(empty_dir.iterdir()) == []


def test_init_never_overwrites(git_repo: Repo, cli: CliRunner) -> None:
    assert invoke(cli, "init", "my-bill")[0] == 0
    bill = git_repo.path / "amendments" / "my-bill" / "bill.yaml"
    bill.write_text(bill.read_text(encoding="utf-8") + "# my own notes\n", encoding="utf-8")
    before = snapshot(git_repo.path)

    code, out, err = invoke(cli, "init", "my-bill", "--title", "Another title")

    assert (code, out) == (2, "")
    assert err == "billtrack: error: amendments/my-bill/bill.yaml already exists\n"
    assert snapshot(git_repo.path) == before


def test_a_second_bill_keeps_the_parties_and_schemas_there_are(
    git_repo: Repo, cli: CliRunner
) -> None:
    assert invoke(cli, "init", "my-bill")[0] == 0
    parties = git_repo.path / "amendments" / "parties.yaml"
    parties.write_text("- id: mazhilis\n  name: Mazhilis\n  kind: chamber\n", encoding="utf-8")
    before = snapshot(git_repo.path)

    code, out, _ = invoke(cli, "init", "other-bill")

    assert code == 0
    assert out.splitlines() == [
        "created amendments/other-bill/bill.yaml",
        "created amendments/other-bill/events/.gitkeep",
        "created amendments/other-bill/proposals/.gitkeep",
    ]
    after = snapshot(git_repo.path)
    assert {k: v for k, v in after.items() if not k.startswith("amendments/other-bill/")} == before
    assert_validates_clean(cli, bills=2)
