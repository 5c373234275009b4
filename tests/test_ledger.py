"""Issue 11: provenance you can trust. Each case a new user saw, on a real git repository
through the CLI, and the ledger's rules as properties over generated bills and records."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from billtrack import dates
from billtrack.diff import Window, diff_bills
from billtrack.ledger import explain
from billtrack.model import Bill, Decision, Event, Proposal, Provision, proposal_statuses
from tests.support.cli import invoke
from tests.support.repos import PARTIES, Repo

BILL = "amendments/test-bill"
STAGES = "[first-reading, second-reading, senate]"

V1 = """
- id: a
  number: "1"
  text: Общие положения.
- id: fee
  number: "2"
  text: Плата за сброс сточных вод взимается ежемесячно.
- id: b
  number: "3"
  text: Платформа удаляет контент незамедлительно.
- id: c
  number: "4"
  text: Закон вводится в действие через десять дней.
"""
V2 = """
- id: a
  number: "1"
  text: Общие положения.
- id: notice
  number: "2"
  text: Абонент уведомляется об отключении за десять дней.
- id: d
  number: "3"
  text: Платформа назначает представителя.
- id: b
  number: "4"
  text: Платформа удаляет контент в течение суток с момента получения требования.
- id: c
  number: "5"
  text: Закон вводится в действие через десять дней.
"""


def _bill(provisions: str, title: str = "A test bill") -> str:
    body = "\n".join("  " + line for line in provisions.strip("\n").splitlines())
    return (
        f'id: test-bill\ntitle: "{title}"\njurisdiction: KZ\nlanguage: ru\n'
        f"stages: {STAGES}\nprovisions:\n{body}\n"
    )


PROPOSALS = {
    "P-0001": "action: replace\ntarget: b\ntext: Платформа удаляет контент в течение часа.\n",
    "P-0002": "action: drop\ntarget: fee\n",
    "P-0003": (
        "action: add\ntarget: notice\nafter: a\n"
        "text: Абонент уведомляется об отключении за десять дней.\n"
    ),
    "P-0004": (
        "action: replace\ntarget: b\n"
        "text: Платформа удаляет контент в течение суток с момента получения требования.\n"
    ),
    "P-0005": "action: add\ntarget: d\nafter: notice\ntext: Платформа назначает представителя.\n",
}


def _decisions(*pairs: tuple[str, str]) -> str:
    lines = ["decisions:"]
    for proposal, status in pairs:
        lines += [f"  - proposal: {proposal}", f"    status: {status}"]
    return "\n".join(lines) + "\n"


@pytest.fixture
def story(git_repo: Repo) -> Repo:
    """A first reading, a committee's recommendations (one rejection), the chamber's vote
    (a second decision on P-0004), a second reading, and a Senate reading dated `2022`
    that names b but came after the second reading."""
    repo = git_repo
    repo.write("amendments/parties.yaml", PARTIES)
    repo.write(f"{BILL}/bill.yaml", _bill(V1))
    v1 = repo.commit("first reading", date="2022-01-15T12:00:00")
    repo.write(
        f"{BILL}/events/2022-01-first-reading.yaml",
        f'date: "2022-01-15"\nkind: reading\nstage: first-reading\nbody: mazhilis\n'
        f"outcome: approved\nversion: {v1}\n",
    )
    repo.write(
        f"{BILL}/events/2022-01-referral.yaml",
        'date: "2022-01"\nkind: other\nstage: second-reading\nbody: mazhilis\n',
    )
    for pid, body in PROPOSALS.items():
        repo.write(
            f"{BILL}/proposals/{pid}.yaml", f'date: "2022-01-20"\nauthor: government\n{body}'
        )
    repo.write(
        f"{BILL}/events/2022-02-committee.yaml",
        'date: "2022-02"\nkind: committee\nstage: second-reading\nbody: mazhilis\n'
        + _decisions(
            ("P-0001", "rejected"),
            ("P-0002", "accepted"),
            ("P-0003", "accepted"),
            ("P-0004", "accepted"),
            ("P-0005", "accepted"),
        ),
    )
    repo.write(f"{BILL}/bill.yaml", _bill(V2, title="A test bill, as amended"))
    v2 = repo.commit("second reading", date="2022-03-09T12:00:00")
    repo.write(
        f"{BILL}/events/2022-03-second-reading.yaml",
        f'date: "2022-03-09"\nkind: reading\nstage: second-reading\nbody: mazhilis\n'
        f"outcome: approved\nversion: {v2}\n" + _decisions(("P-0004", "accepted")),
    )
    repo.write(
        f"{BILL}/events/2022-senate.yaml",
        'date: "2022"\nkind: committee\nstage: senate\nbody: mazhilis\noutcome: returned\n'
        "provisions: [b]\n",
    )
    repo.commit("records")
    return repo


def _diff(cli: CliRunner, *args: str) -> dict[str, Any]:
    code, out, err = invoke(cli, "diff", "first-reading", "second-reading", *args)
    assert code == 0, err
    document: dict[str, Any] = json.loads(out)
    return document


def test_the_story_is_valid(story: Repo, cli: CliRunner) -> None:
    code, out, _ = invoke(cli, "validate")
    assert code == 0, out


def test_a_partial_date_after_the_window_is_not_in_it(story: Repo, cli: CliRunner) -> None:
    by_id = {p["id"]: p for p in _diff(cli, "--format", "json")["provisions"]}
    # The Senate reading dated 2022 straddles the second reading; its stage is later.
    assert "2022-senate" not in by_id["b"]["events"]
    assert "2022-senate" not in by_id["b"]["explained_by"]


def test_rejected_proposals_have_their_status_and_explain_nothing(
    story: Repo, cli: CliRunner
) -> None:
    document = _diff(cli, "--format", "json")
    assert document["schema"] == "billtrack/diff/2"
    by_id = {p["id"]: p for p in document["provisions"]}
    b = by_id["b"]
    assert {"id": "P-0001", "status": "rejected", "decided_in": "2022-02-committee"} in b[
        "proposals"
    ]
    # P-0004 was decided twice: its status is its latest decision, the chamber's vote.
    assert {"id": "P-0004", "status": "accepted", "decided_in": "2022-03-second-reading"} in b[
        "proposals"
    ]
    assert b["explained_by"][0] == "P-0004" and "P-0001" not in b["explained_by"]
    code, out, _ = invoke(cli, "diff", "first-reading", "second-reading", "--color", "never")
    assert code == 0
    assert "P-0001 (rejected)" in out


def test_every_change_is_explained_consequential_or_unexplained(
    story: Repo, cli: CliRunner
) -> None:
    by_id = {p["id"]: p for p in _diff(cli, "--format", "json")["provisions"]}
    assert by_id["fee"]["explained_by"] == ["P-0002"]
    assert by_id["notice"]["explained_by"] == ["P-0003"]
    assert by_id["d"]["explained_by"] == ["P-0005"]
    # c moved down by the insertions before it: consequential, nobody's proposal.
    assert by_id["c"]["consequential"] and by_id["c"]["explained_by"] == []
    for item in by_id.values():
        verdicts = [bool(item["explained_by"]), item["consequential"], item["unexplained"]]
        assert verdicts.count(True) == 1, item


def test_an_unexplained_change_stands_out(story: Repo, cli: CliRunner) -> None:
    story.write(f"{BILL}/bill.yaml", _bill(V2.replace("Общие положения.", "Общие нормы.")))
    code, out, _ = invoke(cli, "diff", "second-reading", "--color", "never")
    assert code == 0
    assert "~ a  modified: text" in out and "    UNEXPLAINED\n" in out
    code, out, _ = invoke(cli, "diff", "second-reading", "--format", "markdown")
    assert "- **UNEXPLAINED**" in out


def test_the_bill_s_own_changes_count(story: Repo, cli: CliRunner) -> None:
    document = _diff(cli, "--format", "json")
    assert document["bill_changes"] == [
        {"field": "title", "before": "A test bill", "after": "A test bill, as amended"}
    ]
    # Only the short title changes: the diff is not empty.
    story.write(
        f"{BILL}/bill.yaml",
        _bill(V2, title="A test bill, as amended").replace(
            "jurisdiction:", 'short_title: "Test"\njurisdiction:'
        ),
    )
    code, out, _ = invoke(cli, "diff", "second-reading", "--exit-code", "--color", "never")
    assert code == 1, out
    assert "no differences" not in out and "bill short_title" in out
    code, out, _ = invoke(cli, "diff", "second-reading", "--stat", "--color", "never")
    assert "bill short_title" in out and "1 bill field changed" in out


def test_summary_invents_no_replacement(story: Repo, cli: CliRunner) -> None:
    # The wastewater fee dropped and the disconnection notice added in its place, both
    # decided by the committee: no record says one replaced the other.
    code, out, err = invoke(
        cli, "summary", "first-reading", "second-reading", "--format", "markdown"
    )
    assert code == 0, err
    assert "Replaced by" not in out and "In place of" not in out
    assert "P-0001" not in out.split("## What happened")[0]  # never shown as a cause


def test_log_orders_partial_dates_by_the_stage_order(story: Repo, cli: CliRunner) -> None:
    code, out, err = invoke(cli, "log", "--reverse", "--format", "json")
    assert code == 0, err
    document = json.loads(out)
    ids = [e["id"] for e in document["entries"] if e["kind"] != "commit"]
    # The `2022-01` referral of the second-reading stage follows the first reading of
    # 2022-01-15; the `2022` Senate reading follows the second reading of 2022-03-09.
    assert ids.index("2022-01-referral") > ids.index("2022-01-first-reading")
    assert ids.index("2022-senate") > ids.index("2022-03-second-reading")


def test_status_takes_the_latest_decision(story: Repo, cli: CliRunner) -> None:
    code, out, _ = invoke(cli, "status", "--format", "json")
    assert code == 0
    proposals = json.loads(out)["proposals"]
    assert "P-0001" in proposals["rejected"] and "P-0004" in proposals["accepted"]


# --- properties ---------------------------------------------------------------------------

IDS = ["p1", "p2", "p3", "p4", "p5", "p6"]
WORDS = ["alpha beta gamma delta", "epsilon zeta eta theta", "iota kappa lambda mu"]
STATUS = ["accepted", "rejected", "withdrawn"]
DAYS = ["2022", "2022-01", "2022-02-10", "2022-03", "2022-03-09", "2022-05"]


@st.composite
def _case(draw: st.DrawFn) -> tuple[Bill, Bill, list[Proposal], list[Event], Window]:
    def version() -> Bill:
        ids = draw(st.lists(st.sampled_from(IDS), unique=True, max_size=6))
        provisions = tuple(
            Provision(pid, draw(st.sampled_from(WORDS)), number=str(draw(st.integers(1, 6))))
            for pid in ids
        )
        return Bill("b", "T", "KZ", "ru", provisions, stages=("one", "two", "three"))

    old, new = version(), version()
    proposals = []
    for k in range(draw(st.integers(0, 6))):
        action = draw(st.sampled_from(["add", "drop", "replace", "renumber"]))
        text = draw(st.sampled_from(WORDS)) if action in ("add", "replace") else None
        proposals.append(
            Proposal(f"P-{k}", "2022", "gov", action, draw(st.sampled_from(IDS)), text=text)
        )
    events = []
    for k in range(draw(st.integers(0, 5))):
        decided = draw(st.lists(st.sampled_from([p.id for p in proposals] or ["none"])))
        events.append(
            Event(
                f"e{k}",
                draw(st.sampled_from(DAYS)),
                "committee",
                stage=draw(st.sampled_from([None, "one", "two", "three"])),
                outcome=draw(st.sampled_from([None, "approved", "rejected", "noted"])),
                provisions=tuple(draw(st.lists(st.sampled_from(IDS), max_size=2))),
                decisions=tuple(Decision(p, draw(st.sampled_from(STATUS))) for p in decided),
            )
        )
    window = Window.between(
        draw(st.sampled_from([None, "2022-01-15"])),
        draw(st.sampled_from([None, "2022-03-09"])),
        stages=("one", "two", "three"),
        since_stage="one",
        until_stage="two",
    )
    return old, new, proposals, events, window


@settings(max_examples=150, deadline=None)
@given(_case())
def test_the_ledger_s_rules_hold_for_all_records(
    case: tuple[Bill, Bill, list[Proposal], list[Event], Window],
) -> None:
    old, new, proposals, events, window = case
    diff = explain(diff_bills(old, new), proposals=proposals, events=events, window=window)
    held = {e.id for e in window.events(events)}
    upto = {
        e.id
        for e in Window(None, window.high, None, window.high_stage, window.stages).events(events)
    }
    statuses = proposal_statuses(proposals, [e for e in events if e.id in upto], window.stages)
    proposal_ids = {p.id for p in proposals}
    for item in diff.provisions:
        if item.status == "unchanged":
            continue
        ledger = item.ledger
        assert ledger is not None
        verdicts = [bool(ledger.explained_by), ledger.consequential, ledger.unexplained]
        assert verdicts.count(True) == 1, item
        for record in ledger.explained_by:
            if record in proposal_ids:
                # Never a rejected, withdrawn or pending proposal, nor one decided outside.
                assert statuses[record].status == "accepted"
                assert any(
                    d.proposal == record and d.status == "accepted"
                    for e in events
                    if e.id in held
                    for d in e.decisions
                )
            else:
                assert record in held


@given(
    st.sampled_from([*DAYS, "2021-12-31", "2022-12"]),
    st.sampled_from([None, "one", "two", "three"]),
)
def test_a_record_inside_a_window_is_in_it_and_one_outside_is_not(
    date: str, stage: str | None
) -> None:
    window = Window.between(
        "2022-01-15", "2022-03-09", stages=("one", "two", "three"), since_stage="one",
        until_stage="two",
    )  # fmt: skip
    parsed = dates.parse(date)
    assert window.low is not None and window.high is not None
    inside = parsed.within(window.low, window.high)
    outside = not parsed.overlaps(window.low, window.high)
    held = window.holds(date, stage)
    if inside:
        assert held
    if outside:
        assert not held
    if not inside and not outside and stage is None:
        assert not held  # straddling, with no stage to decide


# --- proposal apply -------------------------------------------------------------------------


@pytest.fixture
def proposed(git_repo: Repo) -> Repo:
    """The first reading's text (with comments), the proposals and the committee's
    decisions, and nothing applied yet."""
    repo = git_repo
    repo.write("amendments/parties.yaml", PARTIES)
    text = _bill(V1).replace("provisions:\n", "# The text as read first.\nprovisions:\n")
    text = text.replace("  - id: b\n", "  # b is the removal duty.\n  - id: b\n")
    repo.write(f"{BILL}/bill.yaml", text)
    v1 = repo.commit("first reading", date="2022-01-15T12:00:00")
    repo.write(
        f"{BILL}/events/2022-01-first-reading.yaml",
        f'date: "2022-01-15"\nkind: reading\nstage: first-reading\nbody: mazhilis\n'
        f"outcome: approved\nversion: {v1}\n",
    )
    for pid, body in PROPOSALS.items():
        repo.write(
            f"{BILL}/proposals/{pid}.yaml", f'date: "2022-01-20"\nauthor: government\n{body}'
        )
    repo.write(
        f"{BILL}/events/2022-02-committee.yaml",
        'date: "2022-02"\nkind: committee\nstage: second-reading\nbody: mazhilis\n'
        + _decisions(
            ("P-0001", "rejected"),
            ("P-0002", "accepted"),
            ("P-0003", "accepted"),
            ("P-0004", "accepted"),
            ("P-0005", "accepted"),
        ),
    )
    repo.commit("records", date="2022-02-20T12:00:00")
    return repo


def test_applying_every_accepted_proposal_leaves_nothing_unexplained(
    proposed: Repo, cli: CliRunner
) -> None:
    path = proposed.path / BILL / "bill.yaml"
    before = path.read_text(encoding="utf-8")
    code, out, err = invoke(cli, "proposal", "apply", "--all-accepted", "--commit")
    assert code == 0, err
    assert "applied P-0002, P-0003, P-0004, P-0005" in out and "committed" in out
    after = path.read_text(encoding="utf-8")
    # Only the provisions concerned changed: the comments and untouched records stay.
    assert "# The text as read first.\n" in after and "  # b is the removal duty.\n" in after
    for untouched in ("  - id: a\n", "  - id: c\n", '    number: "4"\n'):
        assert untouched in before and untouched in after
    assert "fee" not in after
    assert proposed.git("log", "-1", "--format=%s") == (
        "Apply P-0002, P-0003, P-0004, P-0005 to test-bill"
    )
    assert invoke(cli, "validate")[0] == 0
    code, out, err = invoke(cli, "diff", "first-reading", "HEAD", "--format", "json")
    assert code == 0, err
    items = json.loads(out)["provisions"]
    assert items and not [i["id"] for i in items if i["unexplained"]]
    # Applied already: nothing left to apply.
    code, _, err = invoke(cli, "proposal", "apply", "--all-accepted")
    assert code == 1 and "nothing to apply" in err


def test_apply_refuses_what_is_not_accepted_or_changed_since(
    proposed: Repo, cli: CliRunner
) -> None:
    path = proposed.path / BILL / "bill.yaml"
    before = path.read_bytes()
    code, _, err = invoke(cli, "proposal", "apply", "P-0001")
    assert code == 1 and "P-0001 is rejected, not accepted" in err
    changed = before.replace("незамедлительно".encode(), "сразу".encode())
    path.write_bytes(changed)
    code, _, err = invoke(cli, "proposal", "apply", "P-0004")
    assert code == 1
    assert "'b' changed since the proposal was made (2022-01-20)" in err
    assert "[-незамедлительно-]{+сразу+}" in err
    assert path.read_bytes() == changed  # nothing written


# --- validate: the rules that need the ledger ----------------------------------------------


def _codes(cli: CliRunner) -> list[tuple[str, str]]:
    _, out, _ = invoke(cli, "validate", "--format", "json")
    return sorted((p["code"], p["message"].split()[0]) for p in json.loads(out)["problems"])


def test_validate_warns_of_accepted_proposals_not_in_the_text(
    proposed: Repo, cli: CliRunner
) -> None:
    # Decided by a committee, a proposal may wait for `proposal apply` ...
    assert _codes(cli) == []
    # ... voted at a reading, the text must show it.
    head = proposed.git("rev-parse", "HEAD")
    proposed.write(
        f"{BILL}/events/2022-03-second-reading.yaml",
        f'date: "2022-03-09"\nkind: reading\nstage: second-reading\nbody: mazhilis\n'
        f"outcome: approved\nversion: {head}\n"
        + _decisions(("P-0002", "accepted"), ("P-0004", "accepted")),
    )
    assert _codes(cli) == [("proposal-not-applied", "P-0002"), ("proposal-not-applied", "P-0004")]
    assert invoke(cli, "proposal", "apply", "--all-accepted")[0] == 0
    assert _codes(cli) == []


def test_validate_warns_of_a_rejected_proposal_in_the_text(proposed: Repo, cli: CliRunner) -> None:
    assert invoke(cli, "proposal", "apply", "--all-accepted")[0] == 0
    path = proposed.path / BILL / "bill.yaml"
    text = path.read_text(encoding="utf-8")
    rejected = "Платформа удаляет контент в течение часа."
    path.write_text(
        text.replace(
            '"Платформа удаляет контент в течение суток с момента получения требования."',
            f'"{rejected}"',
        ),
        encoding="utf-8",
    )
    assert ("proposal-rejected-applied", "P-0001") in _codes(cli)


def test_the_table_sets_each_proposal_against_the_text_it_was_made_against(
    proposed: Repo, cli: CliRunner
) -> None:
    assert invoke(cli, "proposal", "apply", "--all-accepted", "--commit")[0] == 0
    head = proposed.git("rev-parse", "HEAD")
    proposed.write(
        f"{BILL}/events/2022-03-second-reading.yaml",
        f'date: "2022-03-09"\nkind: reading\nstage: second-reading\nbody: mazhilis\n'
        f"outcome: approved\nversion: {head}\ndecisions:\n  - proposal: P-0004\n"
        "    status: accepted\n    note: The deadline of a day was voted as drafted.\n",
    )
    # FROM is the second reading, whose text already reads as the proposals did.
    code, out, err = invoke(cli, "table", "--format", "csv")
    assert code == 0, err
    rows = {r["No."]: r for r in csv.DictReader(io.StringIO(out.removeprefix("\ufeff")))}
    assert "Text when proposed" in out.splitlines()[0]
    for pid, row in rows.items():
        if row["Proposed text"]:
            assert row["Proposed text"] != row["Text when proposed"], pid
    assert rows["P-0004"]["Text when proposed"] == "Платформа удаляет контент незамедлительно."
    assert rows["P-0004"]["Decision"].endswith("The deadline of a day was voted as drafted.")
    # Rows follow the bill: a, notice, d, b (P-0001 and P-0004 on b), c.
    assert list(rows) == ["P-0003", "P-0005", "P-0001", "P-0004", "P-0002"]


@st.composite
def _proposals_on(draw: st.DrawFn) -> tuple[str, list[Proposal]]:
    """A bill.yaml (with comments) and proposals made against it, one per provision."""
    ids = draw(st.lists(st.sampled_from(IDS), unique=True, min_size=1, max_size=6))
    lines = ["id: b", "title: T", "jurisdiction: KZ", "language: ru", "# the text", "provisions:"]
    for k, pid in enumerate(ids):
        lines += [f"  - id: {pid}", f'    number: "{k + 1}"', f"    text: {WORDS[k % 3]}", ""]
    proposals: list[Proposal] = []
    dropped: set[str] = set()
    for k, pid in enumerate(ids):
        action = draw(st.sampled_from(["none", "drop", "replace", "renumber"]))
        if action == "drop":
            dropped.add(pid)
            proposals.append(Proposal(f"P-{k}", "2022", "gov", "drop", pid))
        elif action == "replace":
            text = draw(st.sampled_from([*WORDS, "nu xi omicron pi rho sigma"]))
            proposals.append(Proposal(f"P-{k}", "2022", "gov", "replace", pid, text=text))
        elif action == "renumber":
            number = draw(st.sampled_from(["1a", "9", "10.1"]))
            proposals.append(Proposal(f"P-{k}", "2022", "gov", "renumber", pid, number=number))
    for k, new in enumerate(draw(st.lists(st.sampled_from(["n1", "n2", "n3"]), unique=True))):
        anchor = draw(st.sampled_from([None, *[i for i in ids if i not in dropped]]))
        proposals.append(
            Proposal(f"A-{k}", "2022", "gov", "add", new, after=anchor, text=f"new {new} text")
        )
    return "\n".join(lines) + "\n", proposals


@settings(max_examples=80, deadline=None)
@given(_proposals_on())
def test_applying_accepted_proposals_leaves_nothing_unexplained(
    case: tuple[str, list[Proposal]],
) -> None:
    from billtrack.record.apply import apply_to_bytes
    from billtrack.store.records import build_bill
    from billtrack.store.yamlio import load

    text, proposals = case
    old = text.encode("utf-8")
    new, done = apply_to_bytes(old, proposals, "bill.yaml", skip_applied=True)
    assert set(done) <= {p.id for p in proposals}
    assert b"# the text\n" in new
    before = build_bill(load(old, "bill.yaml"))
    after = build_bill(load(new, "bill.yaml"))
    vote = Event(
        "vote",
        "2022-03-09",
        "reading",
        decisions=tuple(Decision(p.id, "accepted") for p in proposals),
    )
    window = Window.between("2022-01-01", "2022-12-31")
    diff = explain(diff_bills(before, after), proposals=proposals, events=[vote], window=window)
    assert [i.id for i in diff.provisions if i.ledger and i.ledger.unexplained] == []


def test_history_credits_no_rewording_for_a_renumbering(proposed: Repo, cli: CliRunner) -> None:
    assert invoke(cli, "proposal", "apply", "--all-accepted", "--commit")[0] == 0
    head = proposed.git("rev-parse", "HEAD")
    proposed.write(
        f"{BILL}/events/2022-03-second-reading.yaml",
        f'date: "2022-03-09"\nkind: reading\nstage: second-reading\nbody: mazhilis\n'
        f"outcome: approved\nversion: {head}\n" + _decisions(("P-0004", "accepted")),
    )
    proposed.commit("second reading recorded", date="2022-03-10T12:00:00")
    # An insertion before b renumbers it: nobody's rewording caused that.
    path = proposed.path / BILL / "bill.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index('  - id: "b"')
    end = text.index("  - id:", start + 1)
    block = text[start:end]
    renumbered = block.replace('number: "3"', 'number: "9"')
    assert renumbered != block
    path.write_text(
        text[:start] + "  - id: e\n    text: Новая норма.\n\n" + renumbered + text[end:],
        encoding="utf-8",
    )
    proposed.commit("senate insertion", date="2022-03-20T12:00:00")
    code, out, err = invoke(cli, "history", "b", "--format", "json")
    assert code == 0, err
    steps = json.loads(out)["steps"]
    assert steps[-1]["changes"] == ["number"] and steps[-1]["proposals"] == []
    reworded = [s for s in steps if "text" in s["changes"]]
    assert reworded and reworded[-1]["proposals"] == ["P-0004"]
