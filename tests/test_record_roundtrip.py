"""Values round-trip: whatever text a user gives is written so that loading gives back
exactly that string, never another type, never another key (hypothesis over arbitrary
text, then the same through the real commands)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from billtrack.errors import BilltrackError
from billtrack.model import Decision, Position
from billtrack.record.draft import EventDraft, ProposalDraft, parse_extensions, parse_position
from billtrack.record.event import record_event
from billtrack.record.ids import derive_event_id
from billtrack.record.proposal import new_proposal
from billtrack.record.workspace import open_bill
from billtrack.store.layout import Root, find_root, is_record_id
from billtrack.store.yamlio import load
from billtrack.store.yamlwrite import dump, literal_block, quote
from tests.support.cli import invoke
from tests.support.records import FOLDER, ROOT, assert_valid, make_project, read_record
from tests.support.repos import Repo

TRICKY = [
    'He said "no"',
    "it's",
    "key: value",
    "status: accepted",
    "status: accepted\nkind: reading",
    "no",
    "Yes",
    "off",
    "1.10",
    "010",
    "0x1F",
    "1e3",
    ".inf",
    "2021-11-29",
    "12:30:00",
    "null",
    "~",
    "# not a comment",
    "text # not a comment either",
    "line one\nline two",
    "ends with a newline\n",
    "ends with two\n\n",
    "\nstarts with a newline",
    "  leading spaces\n  and more",
    "trailing spaces   ",
    "tab\tinside",
    "---",
    "...",
    "- item",
    "? key",
    "| block",
    "> folded",
    "&anchor",
    "*alias",
    "!!python/object:os.system",
    "!tag",
    "{a: 1}",
    "[x, y]",
    "@at",
    "`tick`",
    "%YAML 1.1",
    "back\\slash",
    'quote" and \\',
    "Закон Республики Казахстан «О правах ребёнка»",
    "Қазақстан Республикасы",
    "emoji 🙂 and 中文",
    "line\u2028separator",
    "next\x85line",
    "zero\u200bwidth",
    "bom\ufeffinside",
    "bell\x07",
    "nul\x00",
    "escape \x1b[31mred\x1b[0m",
    "crlf\r\nline",
    "cr\ronly",
]

# Arbitrary text: every code point Python strings may hold except lone surrogates.
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=80)


# --- the writer alone ----------------------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(value=TEXT, other=TEXT)
def test_dump_round_trips_any_text_and_injects_no_key(value: str, other: str) -> None:
    record = {
        "date": "2021-11",
        "summary": value,
        "positions": [{"party": "facebook", "stance": "agrees", "note": other}],
        "decisions": [{"proposal": "P-0001", "status": "accepted", "note": value}],
        "sources": [value, other],
        "x-note": other,
    }
    text = dump(record, header=["a comment"])
    doc = load(text.encode("utf-8"), "probe.yaml")
    assert doc.data == record
    assert doc.ambiguous == {}  # nothing another YAML tool would read as a non-string


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(TEXT, TEXT, min_size=1, max_size=5))
def test_dump_round_trips_any_key(record: dict[str, str]) -> None:
    # Keys are billtrack's own names and x- extensions, but nothing a key holds (a final
    # newline, `no`, `null`, `: `) may change what the file means.
    assert load(dump(record).encode("utf-8"), "keys.yaml").data == record


@settings(max_examples=400, deadline=None)
@given(value=TEXT)
def test_quote_and_literal_blocks_read_back_exactly(value: str) -> None:
    assert load(f"k: {quote(value)}\n".encode(), "q.yaml").data == {"k": value}
    block = literal_block(value)
    if block is not None:
        assert "\n" in value
        document = "\n".join([f"k: {block[0]}", *block[1:], "z: end"]) + "\n"
        assert load(document.encode(), "b.yaml").data == {"k": value, "z": "end"}


@pytest.mark.parametrize("value", TRICKY)
def test_tricky_values_through_the_writer(value: str) -> None:
    record = {"summary": value, "sources": [value]}
    assert load(dump(record).encode(), "t.yaml").data == record


def test_multi_line_text_is_a_readable_block() -> None:
    text = dump({"text": "First paragraph.\nSecond: «да», # no comment.\n", "after": "x"})
    assert text == ('text: |\n  First paragraph.\n  Second: «да», # no comment.\nafter: "x"\n')


@settings(max_examples=300, deadline=None)
@given(text=TEXT, date=st.sampled_from(["2021", "2021-11", "2021-11-29"]))
def test_derived_ids_are_always_ids(text: str, date: str) -> None:
    event_id = derive_event_id(date, text, "consultation")
    assert is_record_id(event_id)
    assert event_id.startswith(date + "-")


# --- real records, written by the core ---------------------------------------------------------


@pytest.fixture(scope="module")
def shared_project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Root]:
    path = tmp_path_factory.mktemp("roundtrip") / "repo"
    path.mkdir()
    repo = Repo(path)
    repo.git("init", "-q", "-b", "main")
    make_project(repo)
    code, _, err = invoke(CliRunner(), "proposal", "new", "--root", str(path / ROOT),
                          "--author", "government", "--action", "drop", "--target",
                          "local-office")  # fmt: skip
    assert code == 0, err
    yield find_root(path / ROOT)


_ids = itertools.count()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(summary=TEXT, note=TEXT, source=TEXT.filter(lambda s: s.strip() != ""))
def test_events_round_trip(shared_project: Root, summary: str, note: str, source: str) -> None:
    ws = open_bill(shared_project, None)
    event_id = f"rt-{next(_ids)}"
    done = record_event(
        ws,
        EventDraft(
            kind="consultation",
            date="2021-10",
            participants=["facebook"],
            positions=[Position(party="facebook", stance="partial", note=note or None)],
            summary=summary,
            sources=[source],
            event_id=event_id,
        ),
    )
    written = shared_project.path.parent / done.path
    data = read_record(written)
    assert isinstance(data, dict)
    assert data.get("summary") == (summary or None)
    assert data["positions"][0].get("note") == (note or None)
    assert data["sources"] == [source]
    assert set(data) <= {"date", "kind", "participants", "positions", "summary", "sources"}
    # It passed validate before it was written; remove it so the bill stays small.
    written.unlink()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=TEXT, rationale=TEXT)
def test_proposals_round_trip(shared_project: Root, text: str, rationale: str) -> None:
    ws = open_bill(shared_project, None)
    try:
        done = new_proposal(
            ws,
            ProposalDraft(
                author="mazhilis",
                action="replace",
                target="removal-on-request",
                text=text,
                rationale=rationale,
                date="2022",
                proposal_id=f"RT-{next(_ids)}",
            ),
        )
    except BilltrackError as exc:
        # Only wording with nothing but white space is refused, cleanly.
        assert not text.strip() or "\\S" in str(exc) or "text" in str(exc), exc
        return
    written = shared_project.path.parent / done.path
    data = read_record(written)
    assert isinstance(data, dict)
    assert data["text"] == text
    assert data.get("rationale") == (rationale or None)
    written.unlink()


def test_the_shared_project_is_valid_after_all_of_it(
    shared_project: Root, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(shared_project.path.parent)
    assert_valid(cli)


def test_decision_notes_round_trip(shared_project: Root) -> None:
    ws = open_bill(shared_project, None)
    note = "status: rejected\n# not a comment\n«да»"
    done = record_event(
        ws,
        EventDraft(
            kind="negotiation",
            date="2021-11",
            participants=["facebook"],
            decisions=[Decision(proposal="P-0001", status="accepted", note=note)],
            event_id="rt-decision",
        ),
    )
    data = read_record(shared_project.path.parent / done.path)
    assert isinstance(data, dict)
    assert data["decisions"] == [{"proposal": "P-0001", "status": "accepted", "note": note}]


# --- the same through the commands ----------------------------------------------------------------


@pytest.fixture
def project(git_repo: Repo) -> Repo:
    make_project(git_repo)
    return git_repo


# The kinds of value the issue names, through the commands (each invocation costs Typer
# ~0.15 s to build the app, so the full TRICKY list goes through the core, below).
CLI_TRICKY = [
    'He said "no"',
    "status: accepted",
    "status: accepted\nkind: reading",
    "no",
    "1.10",
    "2021-11-29",
    "# not a comment",
    "line one\nline two",
    "ends with two\n\n",
    "  leading spaces\n  and more",
    "---",
    "!!python/object:os.system",
    "{a: 1}",
    "Закон Республики Казахстан «О правах ребёнка»",
    "line\u2028separator",
    "escape \x1b[31mred\x1b[0m",
]


@pytest.mark.parametrize("value", TRICKY)
def test_tricky_values_through_the_core(shared_project: Root, value: str) -> None:
    ws = open_bill(shared_project, None)
    done = record_event(
        ws,
        EventDraft(
            kind="committee",
            date="2021",
            positions=[parse_position(f"facebook=agrees:{value}")],
            decisions=[],
            summary=value,
            sources=[value] if value.strip() else [],
            extensions=parse_extensions([f"x-value={value}"]),
            event_id="tricky-event",
        ),
    )
    written = shared_project.path.parent / done.path
    data = read_record(written)
    assert isinstance(data, dict)
    assert data["summary"] == value
    assert data["positions"][0].get("note") == (value.lstrip(" ") or None)
    assert data["x-value"] == value
    written.unlink()
    done = new_proposal(
        ws,
        ProposalDraft(
            author="mazhilis",
            action="add",
            target="tricky-provision",
            text=value,
            rationale=value,
            date="2021",
            proposal_id="tricky-proposal",
        ),
    )
    written = shared_project.path.parent / done.path
    data = read_record(written)
    assert isinstance(data, dict) and data["text"] == value and data["rationale"] == value
    written.unlink()


def test_tricky_values_through_every_command(project: Repo, cli: CliRunner) -> None:
    # Each record is checked and removed (it passed validate before it was written),
    # then one record holding them all is kept for a last `validate --strict`.
    values = CLI_TRICKY
    for i, value in enumerate(values):
        code, _, err = invoke(
            cli, "consultation", "record", "--date", "2021", "--with", "facebook",
            "--summary", value, "--position", f"facebook=agrees:{value}",
            "--source", value, "--id", f"cli-{i}",
        )  # fmt: skip
        assert code == 0, (value, err)
        data = read_record(project.path / FOLDER / "events" / f"cli-{i}.yaml")
        assert isinstance(data, dict)
        assert data["summary"] == value, value
        # A note after `STANCE:` loses only the spaces that follow the colon.
        assert data["positions"][0].get("note") == (value.lstrip(" ") or None), value
        assert data["sources"] == [value]
        assert sorted(data) == ["date", "kind", "participants", "positions", "sources", "summary"]
        (project.path / FOLDER / "events" / f"cli-{i}.yaml").unlink()
        code, _, err = invoke(
            cli, "proposal", "new", "--author", "government", "--action", "replace",
            "--target", "removal-on-request", "--text", value, "--rationale", value,
            "--id", f"cli-{i}",
        )  # fmt: skip
        if not value.strip():
            assert code == 2, err
            continue
        assert code == 0, (value, err)
        data = read_record(project.path / FOLDER / "proposals" / f"cli-{i}.yaml")
        assert data == {
            "date": data["date"],  # type: ignore[index]
            "author": "government",
            "action": "replace",
            "target": "removal-on-request",
            "text": value,
            "rationale": value,
        }
        (project.path / FOLDER / "proposals" / f"cli-{i}.yaml").unlink()
    sources = [f"--source={v}" for v in values if v.strip()]
    code, _, err = invoke(
        cli, "consultation", "record", "--date", "2021", "--with", "facebook", *sources
    )
    assert code == 0, err
    (kept,) = (project.path / FOLDER / "events").glob("*.yaml")
    assert read_record(kept) == {
        "date": "2021",
        "kind": "consultation",
        "participants": ["facebook"],
        "sources": [v for v in values if v.strip()],
    }
    code, _, err = invoke(
        cli, "party", "add", "tricky", "--name", "status: accepted\nkind: x", "--kind", "other",
        "--note", "no", "--extension", "x-said=1.10",
    )  # fmt: skip
    assert code == 0, err
    parties = read_record(project.path / ROOT / "parties.yaml")
    assert isinstance(parties, list)
    assert parties[-1] == {
        "id": "tricky",
        "name": "status: accepted\nkind: x",
        "kind": "other",
        "note": "no",
        "x-said": "1.10",
    }
    assert_valid(cli)


def test_written_files_hold_no_plain_scalars(project: Repo, cli: CliRunner) -> None:
    """Every value billtrack writes is quoted or a block: nothing for YAML to type."""
    code, _, err = invoke(
        cli, "consultation", "record", "--date", "2021-10", "--with", "facebook",
        "--outcome", "no-agreement", "--summary", "no",
    )  # fmt: skip
    assert code == 0, err
    (written,) = (project.path / FOLDER / "events").glob("*.yaml")
    for line in written.read_text().splitlines():
        if line.startswith("#"):
            continue
        value = line.split(": ", 1)[1] if ": " in line else line.strip().removeprefix("- ")
        assert value.startswith('"') or value.endswith(":"), line
