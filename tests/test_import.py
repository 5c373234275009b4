"""`billtrack import`: a version of the text in, every provision keeping its id, only the
provisions' bytes of bill.yaml replaced; and `billtrack text`, whose Markdown imports
back as no change at all."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from billtrack.store.yamlio import load
from tests.support.cli import invoke
from tests.support.records import FOLDER, make_project
from tests.support.repos import Repo

DATA = Path(__file__).parent / "data" / "import"


def provisions(repo: Repo, folder: str = FOLDER) -> list[dict[str, object]]:
    data = load((repo.path / folder / "bill.yaml").read_bytes(), "bill.yaml").data
    return list(data["provisions"])


def ids_by_number(repo: Repo, folder: str = FOLDER) -> dict[str, str]:
    return {str(p.get("number")): str(p["id"]) for p in provisions(repo, folder)}


def test_versions_in_turn_keep_each_provision_id(git_repo: Repo, cli: CliRunner) -> None:
    make_project(git_repo)
    code, out, err = invoke(cli, "import", str(DATA / "ru-v1.md"), "--commit")
    assert code == 0, out + err
    first = ids_by_number(git_repo)
    assert list(first) == [f"Статья {n}" for n in range(1, 6)]
    # The containers are the provision's path.
    assert provisions(git_repo)[2]["path"] == ["Глава 2. Обязанности платформ"]
    code, out, err = invoke(cli, "import", str(DATA / "ru-v2.md"), "--commit")
    assert code == 0, out + err
    second = ids_by_number(git_repo)
    # An insertion shifted every number after it: the texts keep their ids.
    assert second["Статья 1"] == first["Статья 1"]
    assert second["Статья 3"] == first["Статья 2"]
    # Repealed in place (its heading kept over the placeholder): the same provision.
    assert second["Статья 4"] == first["Статья 3"]
    # Moved to another number and chapter, and edited: still the same provision.
    assert second["Статья 6"] == first["Статья 4"]
    assert second["Статья 5"] == first["Статья 5"]
    # The new article is new, with an id from its heading.
    assert second["Статья 2"] == "sfera-deistviia"
    code, out, _ = invoke(cli, "diff", "HEAD~1", "HEAD", "--stat")
    assert code == 0
    assert "1 added, 0 dropped" in out, out
    assert "0 renamed" in out


def test_an_import_that_would_break_another_record_is_refused_and_says_where(
    git_repo: Repo, cli: CliRunner
) -> None:
    # The new text drops the provision a pending proposal amends: the proposal would
    # name a provision no text holds. Nothing is written, and the message places the
    # problem (the check first runs on the parse already made, then again with positions).
    make_project(git_repo)
    git_repo.write(
        f"{FOLDER}/proposals/P-0001.yaml",
        'date: "2021-11-01"\nauthor: "mazhilis"\naction: "drop"\ntarget: "removal-on-request"\n',
    )
    bill = git_repo.path / FOLDER / "bill.yaml"
    before = bill.read_bytes()
    code, _, err = invoke(cli, "import", str(DATA / "ru-v1.md"))
    assert code != 0
    assert bill.read_bytes() == before
    assert f"would make the bill invalid: {FOLDER}/proposals/P-0001.yaml:4:9:" in err, err
    assert "removal-on-request" in err


def test_everything_outside_provisions_is_kept_byte_for_byte(
    git_repo: Repo, cli: CliRunner
) -> None:
    make_project(git_repo)
    bill = git_repo.path / FOLDER / "bill.yaml"
    before = bill.read_bytes()
    code, out, err = invoke(cli, "import", str(DATA / "ru-v1.md"))
    assert code == 0, out + err
    after = bill.read_bytes()
    head = before.split(b"provisions:")[0]
    assert after.startswith(head + b"provisions:\n")
    code, out, err = invoke(cli, "validate", "--strict")
    assert code == 0, out + err


def test_unchanged_provisions_keep_their_bytes_and_comments(git_repo: Repo, cli: CliRunner) -> None:
    make_project(git_repo, commit=False)
    bill = git_repo.path / FOLDER / "bill.yaml"
    text = bill.read_text(encoding="utf-8").replace(
        "  - id: removal-on-request\n",
        "  # kept as the aide wrote it\n  - id: removal-on-request\n",
    )
    bill.write_text(text + "x-note: after the provisions\n", encoding="utf-8")
    source = git_repo.path / "v.md"
    source.write_text(
        "## 1.1\n\nA foreign platform opens an office in the country and a bank account.\n\n"
        "## 1.2\n\nThe platform removes unlawful content at the authority's request.\n\n"
        "## 1.3\n\nThe authority sets the form of reports.\n",
        encoding="utf-8",
    )
    code, out, err = invoke(cli, "import", str(source))
    assert code == 0, out + err
    after = bill.read_text(encoding="utf-8")
    assert '  # kept as the aide wrote it\n  - id: removal-on-request\n    number: "1.2"' in after
    assert after.endswith("x-note: after the provisions\n")
    assert "and a bank account" in after
    assert [p["id"] for p in provisions(git_repo)] == [
        "local-office",
        "removal-on-request",
        "reporting-form",
    ]


def test_dry_run_shows_the_diff_and_the_matching_and_writes_nothing(
    git_repo: Repo, cli: CliRunner
) -> None:
    make_project(git_repo)
    invoke(cli, "import", str(DATA / "ru-v1.md"), "--commit")
    bill = git_repo.path / FOLDER / "bill.yaml"
    before = bill.read_bytes()
    code, out, err = invoke(cli, "import", str(DATA / "ru-v2.md"), "--dry-run")
    assert code == 0, err
    assert bill.read_bytes() == before
    assert "dry run: nothing written" in out
    assert "no good match: a new provision" in out
    assert "confidence" in out
    assert "sfera-deistviia" in out  # the diff shows the new provision


def test_map_overrides_a_pairing(git_repo: Repo, cli: CliRunner) -> None:
    make_project(git_repo)
    invoke(cli, "import", str(DATA / "ru-v1.md"), "--commit")
    first = ids_by_number(git_repo)
    code, out, err = invoke(
        cli, "import", str(DATA / "ru-v2.md"), "--map", f"{first['Статья 2']}=Статья 2"
    )
    assert code == 0, out + err
    second = ids_by_number(git_repo)
    assert second["Статья 2"] == first["Статья 2"]
    assert "map" in out
    code, _, err = invoke(cli, "import", str(DATA / "ru-v2.md"), "--map", "nothing=1")
    assert code == 2
    assert "no provision 'nothing'" in err


def test_init_starts_a_bill_from_a_text(git_repo: Repo, cli: CliRunner) -> None:
    code, out, err = invoke(
        cli, "import", str(DATA / "ru-v1.md"), "--init", "new-bill", "--lang", "ru"
    )
    assert code == 0, out + err
    assert len(provisions(git_repo, "amendments/new-bill")) == 5
    code, out, err = invoke(cli, "validate", "--strict")
    assert code == 0, out + err


def test_commit_with_stage_records_the_reading(git_repo: Repo, cli: CliRunner) -> None:
    make_project(git_repo)
    code, out, err = invoke(
        cli, "import", str(DATA / "ru-v1.md"), "--commit", "--stage", "first-reading",
        "--date", "2021-09-15",
    )  # fmt: skip
    assert code == 0, out + err
    assert "Import ru-v1.md" in git_repo.git("log", "-1", "--format=%s", "HEAD~1")
    code, out, err = invoke(cli, "diff", "first-reading", "--stat")
    assert code == 0, out + err
    assert "0 added" in out
    code, _, err = invoke(cli, "import", str(DATA / "ru-v1.md"), "--stage", "first-reading")
    assert code == 2


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.md", b"\xff\xfe not utf-8", "not UTF-8"),
        ("plain.md", b"no provisions here at all\n", "no provisions found"),
        ("what.bin", b"## 1.\n\ntext\n", "cannot tell the format"),
        (
            "bomb.xml",
            b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xx"><!ENTITY y "&x;&x;">]>'
            b"<akomaNtoso><article><num>1</num><content><p>&y;</p></content></article>"
            b"</akomaNtoso>",
            "entities are not allowed",
        ),
        (
            "external.xml",
            b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<akomaNtoso><article><num>1</num><content><p>&x;</p></content></article>"
            b"</akomaNtoso>",
            "entities are not allowed",
        ),
        ("broken.xml", b"<akomaNtoso><article>", "not well-formed XML"),
    ],
)
def test_bad_documents_are_one_line_errors(
    git_repo: Repo, cli: CliRunner, name: str, content: bytes, message: str
) -> None:
    make_project(git_repo)
    path = git_repo.path / name
    path.write_bytes(content)
    code, out, err = invoke(cli, "import", str(path))
    assert code in (1, 2), out + err
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_a_missing_file_is_a_usage_error(git_repo: Repo, cli: CliRunner) -> None:
    make_project(git_repo)
    code, _, err = invoke(cli, "import", "nowhere.md")
    assert code == 2
    assert "cannot read nowhere.md" in err


def test_text_markdown_imported_back_changes_nothing(git_repo: Repo, cli: CliRunner) -> None:
    sample = Path(__file__).parents[1] / "amendments"
    shutil.copytree(sample, git_repo.path / "amendments")
    git_repo.commit("sample")
    bill = git_repo.path / "amendments" / "kz-child-protection" / "bill.yaml"
    before = bill.read_bytes()
    code, text, err = invoke(cli, "text", "HEAD", "--format", "markdown")
    assert code == 0, err
    (git_repo.path / "out.md").write_text(text, encoding="utf-8")
    code, out, err = invoke(cli, "import", str(git_repo.path / "out.md"))
    assert code == 0, out + err
    assert "unchanged" in out
    assert bill.read_bytes() == before


def test_text_round_trips_through_docx_and_html(git_repo: Repo, cli: CliRunner) -> None:
    make_project(git_repo)
    invoke(cli, "import", str(DATA / "ru-v2.md"), "--commit")
    bill = git_repo.path / FOLDER / "bill.yaml"
    before = bill.read_bytes()
    code, _, err = invoke(cli, "text", "--format", "docx")
    assert code == 2
    assert "--output" in err
    for fmt in ("docx", "html"):
        target = git_repo.path / f"bill.{fmt}"
        code, out, err = invoke(cli, "text", "--format", fmt, "--output", str(target))
        assert code == 0, out + err
        code, out, err = invoke(cli, "import", str(target))
        assert code == 0, out + err
        assert bill.read_bytes() == before, fmt
    # Never over an existing file.
    code, _, err = invoke(
        cli, "text", "--format", "html", "--output", str(git_repo.path / "bill.html")
    )
    assert code != 0
    assert "already exists" in err


def test_text_escapes_file_text(git_repo: Repo, cli: CliRunner) -> None:
    make_project(git_repo, commit=False)
    bill = git_repo.path / FOLDER / "bill.yaml"
    bill.write_text(
        bill.read_text(encoding="utf-8").replace(
            "The authority sets the form of reports.", "<script>alert(1)</script> *bold* [x](y)"
        ),
        encoding="utf-8",
    )
    code, html, _ = invoke(cli, "text", "--format", "html")
    assert code == 0
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    code, markdown, _ = invoke(cli, "text")
    assert "\\<script\\>" in markdown
    assert "\\*bold\\*" in markdown


def test_a_change_of_container_shows_in_diff(git_repo: Repo, cli: CliRunner) -> None:
    make_project(git_repo)
    assert invoke(cli, "import", str(DATA / "ru-v1.md"), "--commit")[0] == 0
    assert invoke(cli, "import", str(DATA / "ru-v2.md"), "--commit")[0] == 0
    moved = ids_by_number(git_repo)["Статья 6"]
    code, out, err = invoke(cli, "diff", "HEAD~1", "HEAD", "--provision", moved)
    assert code == 0, err
    assert "modified: text, heading, number, position, path" in out
    assert "path: Глава 2. Обязанности платформ → Глава 3. Удаление контента" in out
    code, out, err = invoke(cli, "diff", "HEAD~1", "HEAD", "--format", "json")
    assert code == 0, err
    assert '"path"' in out
