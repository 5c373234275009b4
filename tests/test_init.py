"""`billtrack init BILL`: a skeleton that validates, in a git repository, that never
overwrites anything and never writes outside the data root."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from billtrack.errors import WriteError
from billtrack.store.yamlio import load
from tests.support.cli import invoke
from tests.support.repos import Repo

CREATED = [
    "created amendments/.schemas/bill.schema.json",
    "created amendments/.schemas/event.schema.json",
    "created amendments/.schemas/proposal.schema.json",
    "created amendments/.schemas/parties.schema.json",
    "created amendments/parties.yaml",
    "created amendments/my-bill/events/.gitkeep",
    "created amendments/my-bill/proposals/.gitkeep",
    "created amendments/my-bill/bill.yaml",
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
    code, out, err = invoke(cli, "init", "my-bill", "--git")
    assert (code, err) == (0, "")
    assert out.splitlines() == [f"created git repository {empty_dir}", *CREATED]
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
        "created amendments/other-bill/events/.gitkeep",
        "created amendments/other-bill/proposals/.gitkeep",
        "created amendments/other-bill/bill.yaml",
    ]
    after = snapshot(git_repo.path)
    assert {k: v for k, v in after.items() if not k.startswith("amendments/other-bill/")} == before
    assert_validates_clean(cli, bills=2)


# --- issue 15, items 2-4: checked first, all or nothing, never through a link -------------


def test_without_a_repository_it_says_what_git_would_need_and_makes_nothing(
    empty_dir: Path, cli: CliRunner
) -> None:
    code, out, err = invoke(cli, "init", "my-bill")
    assert (code, out) == (2, "")
    assert err == (
        f"billtrack: error: {empty_dir}/amendments is not inside a git repository: run "
        f"`git init` where it should be, or pass --git to create one here ({empty_dir})\n"
    )
    assert list(empty_dir.iterdir()) == []


@pytest.mark.parametrize("git", [[], ["--git"]], ids=["plain", "with-git"])
def test_a_root_outside_any_repository_and_the_current_folder_gets_no_git_init(
    empty_dir: Path, tmp_path: Path, cli: CliRunner, git: list[str]
) -> None:
    # The case: `--root /proc` once made `/.git`. Here a folder beside the
    # current one stands for it, and /proc itself is tried too.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    had_root_git = Path("/.git").exists()
    for root in (str(elsewhere / "data"), "/proc"):
        code, out, err = invoke(cli, "init", "newbill", "--root", root, *git)
        assert (code, out) == (2, ""), err
        assert err.count("\n") == 1
    assert list(elsewhere.iterdir()) == [] and list(empty_dir.iterdir()) == []
    assert Path("/.git").exists() == had_root_git


def fail_at(monkeypatch: pytest.MonkeyPatch, call: int, exc: BaseException) -> None:
    """The `call`-th file init writes fails with `exc` (after the earlier ones were made)."""
    from billtrack.store.atomic import create_file as real

    calls: list[Path] = []

    def failing(path: Path, data: bytes, **kwargs: object) -> None:
        calls.append(path)
        if len(calls) == call:
            raise exc
        real(path, data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("billtrack.scaffold.create_file", failing)


@pytest.mark.parametrize("call", [1, 5, 6, 8])
@pytest.mark.parametrize(
    ("exc", "code", "message"),
    [
        (KeyboardInterrupt(), 130, "interrupted; nothing was created"),
        (
            WriteError("cannot write in x: No space left on device"),
            1,
            "cannot write in x: No space left on device; nothing was created",
        ),
    ],
    ids=["ctrl-c", "disk-full"],
)
def test_a_failure_half_way_leaves_nothing_and_the_retry_works(
    empty_dir: Path,
    cli: CliRunner,
    call: int,
    exc: BaseException,
    code: int,
    message: str,
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        fail_at(patch, call, exc)
        result = invoke(cli, "init", "my-bill", "--git")
    assert result == (code, "", f"billtrack: error: {message}\n")
    assert list(empty_dir.iterdir()) == []  # not even the repository it had created
    code, out, err = invoke(cli, "init", "my-bill", "--git")
    assert (code, err) == (0, "")
    assert out.splitlines()[1:] == CREATED


def test_a_failure_in_an_existing_repository_keeps_what_was_there(
    git_repo: Repo, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert invoke(cli, "init", "first")[0] == 0
    before = snapshot(git_repo.path)
    fail_at(monkeypatch, 2, WriteError("cannot write"))  # the second bill's events/.gitkeep
    code, _, err = invoke(cli, "init", "second")
    assert code == 1 and err.endswith("; nothing was created\n")
    assert snapshot(git_repo.path) == before
    assert not (git_repo.path / "amendments" / "second").exists()


@pytest.mark.parametrize(
    "link", ["amendments/my-bill", "amendments/.schemas", "amendments/my-bill/events"]
)
def test_a_symlinked_folder_is_refused(
    git_repo: Repo, tmp_path: Path, cli: CliRunner, link: str
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (git_repo.path / link).parent.mkdir(parents=True, exist_ok=True)
    (git_repo.path / link).symlink_to(outside, target_is_directory=True)
    before = snapshot(git_repo.path)
    code, out, err = invoke(cli, "init", "my-bill")
    assert (code, out) == (2, "")
    shown = link.removeprefix("amendments/")
    assert err == f"billtrack: error: amendments/{shown} is a symbolic link; refused\n"
    assert list(outside.iterdir()) == []
    assert snapshot(git_repo.path) == before
