"""The summary and the comparative table as data (billtrack.summary, billtrack.table),
from comparisons and records built by hand: no git, no terminal."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from billtrack.comparison import Comparison
from billtrack.diff import Window, diff_bills
from billtrack.errors import UsageError
from billtrack.i18n.en import English
from billtrack.ledger import explain
from billtrack.model import Bill, Decision, Event, Party, Position, Proposal, Provision
from billtrack.redline import Segment
from billtrack.store.repository import Side
from billtrack.summary.build import build_summary, in_timeline_order
from billtrack.summary.excerpt import ELLIPSIS, short_redline
from billtrack.summary.naming import pick_text, version_ref
from billtrack.summary.records import Summary
from billtrack.table import Table, build_table, proposal_stage

COMMIT_OLD = "a" * 40
COMMIT_NEW = "b" * 40


def provision(pid: str, number: str, text: str, heading: str | None = None) -> Provision:
    return Provision(id=pid, text=text, number=number, heading=heading)


def bill(*provisions: Provision, stages: Sequence[str] = ()) -> Bill:
    return Bill(
        id="b",
        title="Bill",
        jurisdiction="KZ",
        language="ru",
        provisions=tuple(provisions),
        stages=tuple(stages),
    )


def comparison(
    old: Bill,
    new: Bill,
    *,
    events: Sequence[Event] = (),
    proposals: Sequence[Proposal] = (),
    old_side: Side | None = None,
    new_side: Side | None = None,
    rename_threshold: int | None = 80,
) -> Comparison:
    old_side = old_side or Side("first-reading", COMMIT_OLD, "2021-09-15", "first-reading")
    new_side = new_side or Side("WORKTREE", None, None, "the working tree")
    diff = diff_bills(old, new, rename_threshold=rename_threshold)
    diff = explain(
        diff,
        proposals=list(proposals),
        events=list(events),
        window=Window.between(old_side.date, new_side.date),
    )
    return Comparison("b", old_side, new_side, diff, new.language)


def event(eid: str, date: str, *, kind: str = "negotiation", **fields: Any) -> Event:
    return Event(id=eid, date=date, kind=kind, **fields)


def proposal(
    pid: str, action: str, target: str, *, date: str = "2021-10", author: str = "gov", **fields: Any
) -> Proposal:
    return Proposal(id=pid, date=date, author=author, action=action, target=target, **fields)


PARTIES = (
    Party("gov", "Government", "government"),
    Party("fb", "Facebook", "platform"),
    Party("tg", "Telegram", "platform"),
)

READING = event(
    "r1",
    "2021-09-15",
    kind="reading",
    stage="first-reading",
    version=COMMIT_OLD,
    body="parl",
    outcome="approved",
)

OLD = bill(
    provision("intro", "1", "Общие положения настоящего Закона."),
    provision("office", "2", "Платформа открывает представительство в стране.", "Офис"),
    provision("removal", "3", "Платформа удаляет контент немедленно."),
    provision("final", "4", "Закон вводится в действие через десять дней."),
)
NEW = bill(
    provision("intro", "1", "Общие положения настоящего Закона."),
    provision("representative", "2", "Платформа назначает представителя за рубежом.", "Пред."),
    provision("removal", "3", "Платформа удаляет контент в течение суток."),
    provision("access", "4", "Платформа даёт доступ к системе уведомлений."),
    provision("final", "5", "Закон вводится в действие через десять дней."),
)
COMPROMISE = event(
    "compromise",
    "2021-11",
    body="gov",
    participants=("fb",),
    outcome="agreed",
    decisions=(
        Decision("P-1", "accepted"),
        Decision("P-2", "accepted"),
        Decision("P-3", "accepted"),
        Decision("P-4", "accepted"),
    ),
    positions=(Position("fb", "agrees", "Fine."),),
    sources=("Report B", "Report A"),
)
PROPOSALS = (
    proposal("P-1", "drop", "office", sources=("Report A",)),
    proposal("P-2", "add", "representative", after="intro", text="Платформа назначает..."),
    proposal("P-3", "add", "access", after="removal"),
    proposal(
        "P-4",
        "replace",
        "removal",
        text="Платформа удаляет контент в течение суток.",
        rationale="Faster.",
    ),
)


def summary_of(
    *,
    old: Bill = OLD,
    new: Bill = NEW,
    events: Sequence[Event] = (READING, COMPROMISE),
    proposals: Sequence[Proposal] = PROPOSALS,
    lang: str = "en",
) -> Summary:
    compared = comparison(old, new, events=events, proposals=proposals)
    return build_summary(compared, events=events, proposals=proposals, parties=PARTIES, lang=lang)


def test_replaced_by_only_from_replaces() -> None:
    # Issue 11: a dropped and an added provision in the same place, decided at the same
    # meeting, are not a replacement unless a record says so.
    summary = summary_of()
    [dropped] = summary.dropped
    assert dropped.provision.id == "office"
    assert dropped.replaced_by == () and dropped.sentence is None
    assert all(a.replaces == () for a in summary.added)

    said = (PROPOSALS[0], replace(PROPOSALS[1], replaces="office"), *PROPOSALS[2:])
    summary = summary_of(proposals=said)
    [dropped] = summary.dropped
    assert [r.id for r in dropped.replaced_by] == ["representative"]
    assert dropped.sentence == "Replaced by 2 “Пред.”."
    added = {a.provision.id: a for a in summary.added}
    assert [r.id for r in added["representative"].replaces] == ["office"]
    assert added["access"].replaces == ()
    assert added["access"].sentence is None


def test_an_add_proposal_after_the_dropped_provision_is_no_replacement() -> None:
    proposals = (*PROPOSALS[:2], proposal("P-3", "add", "access", after="office"), PROPOSALS[3])
    summary = summary_of(proposals=proposals)
    [dropped] = summary.dropped
    assert dropped.replaced_by == ()


def test_no_shared_event_no_replacement() -> None:
    compromise = event("compromise", "2021-11", decisions=(Decision("P-1", "accepted"),))
    later = event("later", "2022-01", decisions=(Decision("P-2", "accepted"),))
    summary = summary_of(events=(READING, compromise, later))
    [dropped] = summary.dropped
    assert dropped.replaced_by == ()
    assert dropped.sentence is None


def test_a_rename_is_never_listed_as_dropped() -> None:
    # Issue 11: a provision whose only change is its id is the same provision.
    old = bill(
        provision("contact", "1", "Платформа назначает контактное лицо для связи с органом.")
    )
    new = bill(
        provision("contact-person", "1", "Платформа назначает контактное лицо для связи с органом!")
    )
    summary = summary_of(old=old, new=new, events=(), proposals=())
    assert summary.dropped == () and summary.added == ()
    assert [i.provision.id for i in summary.reworded] == ["contact-person"]
    assert summary.reworded[0].changes_text[0] == "id changed (formerly contact)"
    assert summary.counts.renamed == 1


def test_counts_and_sections() -> None:
    summary = summary_of()
    counts = summary.counts
    assert (counts.dropped, counts.added, counts.reworded, counts.other) == (1, 2, 1, 1)
    assert summary.headline == (
        "Between the first reading on 15 September 2021 and the current text, "
        "1 provision was dropped, 2 were added and 1 was reworded."
    )
    [reworded] = summary.reworded
    assert reworded.provision.id == "removal"
    assert ("-", "немедленно") in reworded.redline
    [proposal_ref] = reworded.proposals
    assert proposal_ref.rationale == "Faster."
    assert proposal_ref.sentence == "P-4 (Government): accepted (negotiations, November 2021)."
    [other] = summary.other
    assert (other.provision.id, other.previous_number, other.changes) == ("final", "4", ("number",))


def test_window_events_stances_and_sources() -> None:
    before = event("before", "2021-08", positions=(Position("tg", "opposes"),), sources=("Old",))
    fb_earlier = event("talks", "2021-10", positions=(Position("fb", "opposes"),))
    tg = event("letters", "2021-11", kind="consultation", positions=(Position("tg", "partial"),))
    stranger = event("x", "2021-12", positions=(Position("zz", "undecided"),))
    events = (before, READING, fb_earlier, COMPROMISE, tg, stranger)
    summary = summary_of(events=events)
    ids = [e.id for e in summary.events]
    assert ids == ["r1", "talks", "compromise", "letters", "x"]  # "before" is outside
    stances = [(s.party.name, s.stance, s.event) for s in summary.stances]
    # Parties in parties.yaml order (unknown ones after, by id); each one's latest stance.
    assert stances == [
        ("Facebook", "agrees", "compromise"),
        ("Telegram", "partial", "letters"),
        ("zz", "undecided", "x"),
    ]
    # First-seen order: the dropped provision's proposal, then its events, deduplicated.
    assert summary.sources == ("Report A", "Report B")


def test_timeline_narrows_partial_dates_by_stage_order() -> None:
    stages = ("first-reading", "conclusion", "second-reading", "senate", "agreement", "signature")
    events = [
        event("referral", "2021-09", stage="conclusion"),
        event("r1", "2021-09-15", stage="first-reading"),
        event("r2", "2022-03-09", stage="second-reading"),
        event("senate", "2022", stage="senate"),
        event("agree", "2022-04-20", stage="agreement"),
        event("sign", "2022", stage="signature"),
        event("later", "2022-09-29"),
    ]
    order = [e.id for e in in_timeline_order(events, stages)]
    assert order == ["r1", "referral", "r2", "senate", "agree", "sign", "later"]
    # Without declared stages: by the date's start, then its end, then id.
    assert [e.id for e in in_timeline_order(events, ())][:3] == ["referral", "r1", "senate"]


def test_text_in_the_output_language_else_the_primary() -> None:
    text = {"kk": "қазақша", "ru": "по-русски"}
    assert pick_text(text, "ru", "kk") == ("ru", "по-русски")
    assert pick_text(text, "en", "ru") == ("ru", "по-русски")
    assert pick_text(text, "en", "de") == ("kk", "қазақша")
    assert pick_text("plain", "en", "ru") == ("ru", "plain")


def test_multilingual_redline_in_the_output_language() -> None:
    old = bill(Provision("p", {"kk": "ескі мәтін", "ru": "старый текст"}, "1"))
    new = bill(Provision("p", {"kk": "жаңа мәтін", "ru": "новый текст"}, "1"))
    for lang, expected in (("ru", ("-", "старый")), ("en", ("-", "старый"))):
        summary = summary_of(old=old, new=new, events=(), proposals=(), lang=lang)
        [reworded] = summary.reworded
        assert reworded.language == "ru"
        assert expected in reworded.redline


def test_short_redline() -> None:
    words = " ".join(f"w{k}" for k in range(30))
    segments: tuple[Segment, ...] = (
        ("=", words + " "),
        ("-", "old"),
        ("+", "new"),
        ("=", " " + words),
    )
    short = short_redline(segments, context=3, whole=0)
    assert short[0] == ("=", f"{ELLIPSIS} w27 w28 w29 ")
    assert short[1:3] == (("-", "old"), ("+", "new"))
    assert short[3] == ("=", f" w0 w1 w2 {ELLIPSIS}")
    middle: tuple[Segment, ...] = (("-", "a"), ("=", " " + words + " "), ("+", "b"))
    assert short_redline(middle, context=3, whole=0)[1] == (
        "=",
        f" w0 w1 w2 {ELLIPSIS} w27 w28 w29 ",
    )
    kept: tuple[Segment, ...] = (("=", "a b c "), ("-", "x"), ("=", " d"))
    assert short_redline(kept, context=3, whole=0) == kept
    assert short_redline((("=", words),), context=3, whole=0) == (("=", words),)


def test_a_quoted_norm_of_moderate_length_is_never_cut() -> None:
    """Issue 13: "содержащие … в отношении ребёнка" hid one word of a 45-word norm."""
    norm = " ".join(f"w{k}" for k in range(40))
    segments: tuple[Segment, ...] = (("=", norm + " "), ("-", "old"), ("+", "new"))
    assert short_redline(segments) == segments


@given(st.integers(0, 60), st.integers(0, 60), st.integers(1, 10))
def test_a_cut_is_never_shorter_than_the_context_kept(
    before: int, middle: int, context: int
) -> None:
    """Whatever the lengths, an ellipsis hides more words than the context it keeps."""
    segments: tuple[Segment, ...] = (
        ("=", " ".join(f"b{k}" for k in range(before)) + " "),
        ("-", "x"),
        ("=", " " + " ".join(f"m{k}" for k in range(middle)) + " "),
        ("+", "y"),
    )
    short = short_redline(segments, context, whole=0)
    for (_, original), (_, kept) in zip(segments, short, strict=True):
        shown = [word for word in kept.split() if word != ELLIPSIS]
        hidden = len(original.split()) - len(shown)
        if ELLIPSIS in kept:
            assert hidden > context
        else:
            assert hidden == 0


def test_version_refs() -> None:
    words = English()
    events = [READING, event("r1b", "2021-10-01", kind="reading", stage="x", version="c" * 40)]
    by_stage = version_ref(Side("first-reading", COMMIT_OLD, "2021-09-15"), events, words)
    assert (by_stage.kind, by_stage.event, by_stage.stage) == ("reading", "r1", "first-reading")
    by_id = version_ref(Side("r1", COMMIT_OLD, "2021-09-15"), events, words)
    assert by_id.kind == "reading"
    assert version_ref(Side("rev:r1", COMMIT_OLD, "2021-09-16"), events, words).kind == "commit"
    at = version_ref(Side("@2021-11", COMMIT_NEW, "2021-11-30"), events, words)
    assert (at.kind, at.date, at.label) == ("date", "2021-11", "as of the end of November 2021")
    head = version_ref(Side("HEAD", COMMIT_NEW, "2022-01-02"), events, words)
    assert (head.kind, head.label) == ("commit", "commit bbbbbbb, 2 January 2022")
    assert version_ref(Side("WORKTREE", None), events, words).kind == "worktree"


def test_no_change_at_all() -> None:
    summary = summary_of(new=OLD, events=(), proposals=())
    assert summary.headline.endswith("no provision was added, dropped or reworded.")
    assert summary.other_sentence is None


def test_a_bill_missing_on_one_side() -> None:
    compared = comparison(OLD, NEW)
    compared = Comparison("b", compared.old, compared.new, diff_bills(None, NEW), "ru")
    summary = build_summary(compared, events=(), proposals=(), parties=())
    assert summary.counts.added == 5 and summary.dropped == ()


# --- the table ------------------------------------------------------------------------

TABLE_EVENTS = (
    READING,
    event(
        "r2",
        "2022-03-09",
        kind="reading",
        stage="second-reading",
        body="gov",
        decisions=(Decision("P-4", "rejected"),),
    ),
    event(
        "compromise",
        "2021-11",
        stage="first-reading",
        body="gov",
        decisions=(Decision("P-1", "accepted"), Decision("P-2", "accepted")),
    ),
)
TABLE_PROPOSALS = (
    *PROPOSALS,
    proposal("P-5", "replace", "final", date="2022-04", author="tg", text="Сразу."),
    proposal("P-6", "drop", "gone", author="fb"),
)
STAGED = bill(*OLD.provisions, stages=("first-reading", "second-reading"))


def table(**filters: Any) -> Table:
    return build_table(
        STAGED,
        Side("first-reading", COMMIT_OLD, "2021-09-15"),
        bill_id="b",
        events=TABLE_EVENTS,
        proposals=TABLE_PROPOSALS,
        parties=PARTIES,
        **filters,
    )


def test_table_rows_in_provision_order() -> None:
    rows = table().rows
    assert [r.proposal for r in rows] == ["P-2", "P-1", "P-4", "P-3", "P-5", "P-6"]
    by_id = {r.proposal: r for r in rows}
    assert by_id["P-2"].unit == "new, after 1"
    assert by_id["P-2"].current_text is None
    assert by_id["P-1"].unit == "2 “Офис”"
    assert by_id["P-1"].current_text == "Платформа открывает представительство в стране."
    assert by_id["P-1"].decision == "accepted, November 2021, Government"
    assert by_id["P-4"].decision == "rejected, 9 March 2022, Government"
    assert by_id["P-5"].decision == "proposed"
    assert by_id["P-6"].unit == "gone (not in this version)"
    assert by_id["P-6"].cells()[5] == "Facebook"


def test_table_filters() -> None:
    assert [r.proposal for r in table(statuses=["rejected"]).rows] == ["P-4"]
    assert [r.proposal for r in table(authors=["tg", "fb"]).rows] == ["P-5", "P-6"]
    # Decided by an event of the stage, or undecided and dated within it.
    first = [r.proposal for r in table(stage="first-reading").rows]
    assert first == ["P-2", "P-1", "P-3", "P-6"]
    second = [r.proposal for r in table(stage="second-reading").rows]
    assert second == ["P-4", "P-5"]


def test_proposal_stage_rule() -> None:
    undecided = proposal("P-9", "drop", "x", date="2021-08")
    from billtrack.model import ProposalStatus

    assert proposal_stage(undecided, ProposalStatus("proposed"), TABLE_EVENTS) is None
    dated = proposal("P-9", "drop", "x", date="2022-03-10")
    assert proposal_stage(dated, ProposalStatus("proposed"), TABLE_EVENTS) == "second-reading"


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"statuses": ["maybe"]}, "unknown status 'maybe'"),
        ({"authors": ["gob"]}, "unknown party 'gob'; did you mean 'gov'?"),
        ({"stage": "third-reading"}, "unknown stage 'third-reading'"),
    ],
)
def test_table_refuses_unknown_filters(filters: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError, match=re.escape(message)):
        table(**filters)


def test_table_in_russian() -> None:
    result = table(lang="ru")
    assert result.columns[0] == "№ п/п"
    assert result.columns[2] == "Редакция на момент первого чтения (15 сентября 2021 г.)"
    row = result.rows[0]
    assert (row.unit, row.action_text) == ("новое, после 1", "добавить")
