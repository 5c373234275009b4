"""The provision diff: every kind of change on hand-built bills, rename detection,
attribution to proposals and events, and the properties every diff keeps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from billtrack.diff import (
    CHANGE_ORDER,
    STATUSES,
    BillDiff,
    ProvisionDiff,
    Window,
    diff_bills,
    normalise,
)
from billtrack.model import Bill, Decision, Event, Proposal, Provision, Text
from billtrack.store.records import build_bill
from billtrack.store.yamlio import load

RU = (
    "Владелец интернет-ресурса обязан удалить запрещенную информацию в течение 24 часов "
    "с момента получения требования уполномоченного органа."
)
RU_REWORDED = (
    "Владелец интернет-ресурса обязан удалить запрещенную информацию в течение восьми часов "
    "с момента получения требования уполномоченного органа."
)
KK = (
    "Интернет-ресурс иесі уәкілетті органның талабын алған сәттен бастап 24 сағат ішінде "
    "тыйым салынған ақпаратты жоюға міндетті."
)
OFFICE = (
    "Иностранная социальная сеть с количеством пользователей более ста тысяч обязана "
    "открыть представительство на территории Республики Казахстан."
)
REPRESENTATIVE = (
    "Иностранная социальная сеть с количеством пользователей более ста тысяч обязана "
    "назначить законного представителя на территории Республики Казахстан."
)
UNRELATED = "Настоящий Закон вводится в действие по истечении десяти календарных дней."


def prov(
    provision_id: str,
    text: Text = "",
    *,
    number: str | None = None,
    heading: str | None = None,
    amends: str | None = None,
    tags: Sequence[str] = (),
    path: Sequence[str] = (),
) -> Provision:
    return Provision(
        id=provision_id,
        text=text or f"Текст положения {provision_id}.",
        number=number,
        heading=heading,
        amends=amends,
        tags=tuple(tags),
        raw={"path": list(path)} if path else {},
    )


def bill(*provisions: Provision, bill_id: str = "test-bill") -> Bill:
    return Bill(id=bill_id, title="Тест", jurisdiction="KZ", language="ru", provisions=provisions)


def by_id(diff: BillDiff) -> dict[str, ProvisionDiff]:
    return {item.id: item for item in diff.provisions}


def statuses(diff: BillDiff) -> list[tuple[str, str]]:
    return [(item.id, item.status) for item in diff.provisions]


# --- statuses and changes ----------------------------------------------------------------


def test_a_bill_against_itself_is_unchanged() -> None:
    version = bill(prov("a"), prov("b", RU, number="1", heading="Статья", tags=["x"]))
    diff = diff_bills(version, version)
    assert statuses(diff) == [("a", "unchanged"), ("b", "unchanged")]
    assert not diff.changed
    assert diff.bill == "test-bill"
    assert all(item.changes == () and not item.redlines for item in diff.provisions)
    a, b = version.provisions
    assert diff.provisions == (
        ProvisionDiff("a", "unchanged", a, a),
        ProvisionDiff("b", "unchanged", b, b),
    )
    assert diff.counts() == {
        "added": 0,
        "dropped": 0,
        "modified": 0,
        "renamed": 0,
        "unchanged": 2,
    }


def test_added_provisions_at_start_middle_and_end() -> None:
    old = bill(prov("b"), prov("d"))
    new = bill(prov("a"), prov("b"), prov("c"), prov("d"), prov("e"))
    diff = diff_bills(old, new)
    assert statuses(diff) == [
        ("a", "added"),
        ("b", "unchanged"),
        ("c", "added"),
        ("d", "unchanged"),
        ("e", "added"),
    ]
    added = by_id(diff)["c"]
    assert added.before is None and added.after == new.provisions[2]
    assert added.changes == () and not added.redlines


def test_dropped_provisions_stand_where_they_stood() -> None:
    old = bill(prov("a"), prov("b"), prov("c"), prov("d"), prov("e"), prov("f"))
    new = bill(prov("b"), prov("x", UNRELATED), prov("e"))
    diff = diff_bills(old, new)
    assert statuses(diff) == [
        ("a", "dropped"),  # nothing before it survived: first
        ("b", "unchanged"),
        ("c", "dropped"),  # right after b, its nearest surviving predecessor,
        ("d", "dropped"),  # in their old order,
        ("x", "added"),  # before what came in after b
        ("e", "unchanged"),
        ("f", "dropped"),
    ]
    dropped = by_id(diff)["c"]
    assert dropped.before == old.provisions[2] and dropped.after is None
    assert dropped.changes == () and not dropped.redlines


def test_dropped_after_a_provision_that_moved_follows_it() -> None:
    old = bill(prov("a"), prov("b"), prov("gone"), prov("c"), prov("d"))
    new = bill(prov("a"), prov("c"), prov("d"), prov("b"))
    assert statuses(diff_bills(old, new)) == [
        ("a", "unchanged"),
        ("c", "unchanged"),
        ("d", "unchanged"),
        ("b", "modified"),
        ("gone", "dropped"),
    ]


def test_text_changed_with_a_redline() -> None:
    old = bill(prov("deadline", RU))
    new = bill(prov("deadline", RU_REWORDED))
    item = by_id(diff_bills(old, new))["deadline"]
    assert item.status == "modified"
    assert item.changes == ("text",)
    assert list(item.redlines) == [""]
    assert ("-", "24") in item.redlines[""]
    assert ("+", "восьми") in item.redlines[""]


@pytest.mark.parametrize(
    ("before", "after", "change"),
    [
        ({"heading": "Статья 1"}, {"heading": "Статья 1. Термины"}, "heading"),
        ({}, {"heading": "Новый заголовок"}, "heading"),
        ({"heading": "Заголовок"}, {}, "heading"),
        ({"number": "ст. 1 п. 4"}, {"number": "ст. 1 п. 5"}, "number"),
        ({}, {"number": "1.4"}, "number"),
        (
            {"amends": "Закон «О связи», ст. 41-1"},
            {"amends": "Закон «О связи», ст. 41-2"},
            "amends",
        ),
        ({"tags": ["platforms"]}, {"tags": ["platforms", "children"]}, "tags"),
        ({"tags": ["platforms"]}, {}, "tags"),
    ],
)
def test_each_field_change(before: dict[str, Any], after: dict[str, Any], change: str) -> None:
    diff = diff_bills(bill(prov("p", RU, **before)), bill(prov("p", RU, **after)))
    (item,) = diff.provisions
    assert item.status == "modified"
    assert item.changes == (change,)
    assert not item.redlines


def test_changes_are_listed_in_change_order() -> None:
    old = bill(
        prov("p", RU, number="1", heading="A", amends="X", tags=["a"], path=["Ch. 1"]),
        prov("x"),
        prov("y"),
    )
    new = bill(
        prov("x"),
        prov("y"),
        prov("p", RU_REWORDED, number="3", heading="B", amends="Y", tags=["b"], path=["Ch. 2"]),
    )
    item = by_id(diff_bills(old, new))["p"]
    assert item.changes == CHANGE_ORDER
    assert CHANGE_ORDER == ("text", "heading", "number", "position", "path", "amends", "tags")


def test_tags_in_another_order_are_no_change() -> None:
    diff = diff_bills(
        bill(prov("p", tags=["children", "platforms"])),
        bill(prov("p", tags=["platforms", "children"])),
    )
    assert statuses(diff) == [("p", "unchanged")]


def test_multilingual_text_changed_in_one_language() -> None:
    old = bill(prov("p", {"kk": KK, "ru": RU}))
    new = bill(prov("p", {"kk": KK, "ru": RU_REWORDED}))
    item = by_id(diff_bills(old, new))["p"]
    assert item.changes == ("text",)
    assert list(item.redlines) == ["ru"]
    assert ("+", "восьми") in item.redlines["ru"]


def test_a_language_added_is_a_text_change_without_a_redline_for_it() -> None:
    item = by_id(diff_bills(bill(prov("p", {"ru": RU})), bill(prov("p", {"kk": KK, "ru": RU}))))[
        "p"
    ]
    assert item.changes == ("text",)
    assert not item.redlines


def test_a_plain_text_that_becomes_a_mapping_is_a_text_change() -> None:
    item = by_id(diff_bills(bill(prov("p", RU)), bill(prov("p", {"ru": RU}))))["p"]
    assert item.changes == ("text",)
    assert not item.redlines  # no language in common to redline


def test_whitespace_reflow_of_a_yaml_block_is_no_change() -> None:
    """The same words as a folded block, a literal block and a plain scalar."""
    folded = """\
id: b
title: T
provisions:
  - id: p
    heading: "Статья   1"
    text: >
      Владелец интернет-ресурса обязан
      удалить запрещенную информацию.
"""
    literal = """\
id: b
title: T
provisions:
  - id: p
    heading: Статья 1
    text: |
      Владелец интернет-ресурса
        обязан удалить запрещенную
      информацию.
"""
    plain = """\
id: b
title: T
provisions:
  - id: p
    heading: Статья 1
    text: Владелец интернет-ресурса обязан удалить запрещенную информацию.
"""
    versions = [build_bill(load(text.encode(), "bill.yaml")) for text in (folded, literal, plain)]
    assert versions[0].provisions[0].text != versions[1].provisions[0].text
    for old in versions:
        for new in versions:
            diff = diff_bills(old, new)
            assert statuses(diff) == [("p", "unchanged")]
            assert diff.provisions[0].changes == ()


def test_missing_sides() -> None:
    version = bill(prov("a"), prov("b"))
    assert statuses(diff_bills(None, version)) == [("a", "added"), ("b", "added")]
    assert statuses(diff_bills(version, None)) == [("a", "dropped"), ("b", "dropped")]
    assert diff_bills(version, None).bill == "test-bill"
    assert diff_bills(None, None) == BillDiff("", ())


def test_repeated_ids_do_not_break_the_diff() -> None:
    """An invalid bill (validate reports it) still diffs: the second `a` matches the second."""
    old = bill(prov("a", "один"), prov("a", "два"), prov("b"))
    new = bill(prov("a", "один"), prov("b"), prov("a", "два три"))
    diff = diff_bills(old, new, rename_threshold=None)
    assert sorted(statuses(diff)) == [("a", "modified"), ("a", "unchanged"), ("b", "unchanged")]


def test_a_rename_threshold_outside_0_to_100_is_refused() -> None:
    with pytest.raises(ValueError, match="rename threshold"):
        diff_bills(bill(), bill(), rename_threshold=101)


# --- position -----------------------------------------------------------------------


def test_an_insertion_does_not_move_what_follows() -> None:
    ids = [f"p{k}" for k in range(10)]
    old = bill(*(prov(i) for i in ids))
    new = bill(prov("new", UNRELATED), *(prov(i) for i in ids))
    diff = diff_bills(old, new)
    assert [item.status for item in diff.provisions] == ["added"] + ["unchanged"] * 10


def test_a_drop_does_not_move_what_follows() -> None:
    ids = [f"p{k}" for k in range(10)]
    old = bill(*(prov(i) for i in ids))
    new = bill(*(prov(i) for i in ids[:3] + ids[4:]))
    assert diff_bills(old, new).counts() == {
        "added": 0,
        "dropped": 1,
        "modified": 0,
        "renamed": 0,
        "unchanged": 9,
    }


def test_only_the_provision_that_moved_is_moved() -> None:
    ids = [f"p{k}" for k in range(10)]
    old = bill(*(prov(i) for i in ids))
    new = bill(*(prov(i) for i in ["p7", *ids[:7], *ids[8:]]))
    diff = diff_bills(old, new)
    moved = [item.id for item in diff.provisions if "position" in item.changes]
    assert moved == ["p7"]
    assert by_id(diff)["p7"].status == "modified"
    assert by_id(diff)["p7"].changes == ("position",)


def test_a_swap_moves_one_of_the_two() -> None:
    diff = diff_bills(bill(prov("a"), prov("b"), prov("c")), bill(prov("b"), prov("a"), prov("c")))
    assert sum("position" in item.changes for item in diff.provisions) == 1
    assert "position" not in by_id(diff)["c"].changes


def test_renumbering_alone_is_not_a_move() -> None:
    old = bill(prov("a", number="1"), prov("b", number="2"))
    new = bill(prov("x", UNRELATED, number="1"), prov("a", number="2"), prov("b", number="3"))
    diff = diff_bills(old, new)
    assert [item.changes for item in diff.provisions] == [(), ("number",), ("number",)]


# --- renames ------------------------------------------------------------------------


def test_a_nearly_identical_text_under_a_new_id_is_renamed() -> None:
    old = bill(prov("intro"), prov("local-office", OFFICE, number="ст. 2"), prov("end"))
    new = bill(prov("intro"), prov("representative", REPRESENTATIVE, number="ст. 2"), prov("end"))
    score = fuzz.ratio(OFFICE, REPRESENTATIVE)
    assert 80 <= score < 100
    diff = diff_bills(old, new)
    assert statuses(diff) == [
        ("intro", "unchanged"),
        ("representative", "renamed"),
        ("end", "unchanged"),
    ]
    item = by_id(diff)["representative"]
    assert item.previous_id == "local-office"
    assert item.before == old.provisions[1] and item.after == new.provisions[1]
    assert item.changes == ("text",)
    assert item.similarity == round(score, 1)
    assert ("+", "назначить законного представителя") in item.redlines[""]
    assert diff.counts()["renamed"] == 1


def test_an_id_change_alone_is_a_rename_with_no_changes() -> None:
    diff = diff_bills(bill(prov("old-id", RU)), bill(prov("new-id", RU)))
    (item,) = diff.provisions
    assert (item.id, item.status, item.previous_id) == ("new-id", "renamed", "old-id")
    assert item.changes == ()
    assert item.similarity == 100.0


def test_a_rename_lists_what_else_changed() -> None:
    old = bill(prov("a"), prov("b"), prov("old", RU, number="3", tags=["x"]))
    new = bill(prov("new", RU_REWORDED, number="1", tags=["y"]), prov("a"), prov("b"))
    item = by_id(diff_bills(old, new))["new"]
    assert item.status == "renamed"
    assert item.changes == ("text", "number", "position", "tags")


def test_the_threshold_decides() -> None:
    score = fuzz.ratio(OFFICE, REPRESENTATIVE)
    old, new = bill(prov("office", OFFICE)), bill(prov("representative", REPRESENTATIVE))
    assert [i.status for i in diff_bills(old, new, rename_threshold=int(score)).provisions] == [
        "renamed"
    ]
    assert [i.status for i in diff_bills(old, new, rename_threshold=int(score) + 1).provisions] == [
        "dropped",
        "added",
    ]


def test_no_renames() -> None:
    diff = diff_bills(bill(prov("old-id", RU)), bill(prov("new-id", RU)), rename_threshold=None)
    assert statuses(diff) == [("old-id", "dropped"), ("new-id", "added")]


def test_an_unrelated_text_is_not_a_rename() -> None:
    diff = diff_bills(bill(prov("office", OFFICE)), bill(prov("commencement", UNRELATED)))
    assert statuses(diff) == [("office", "dropped"), ("commencement", "added")]


def test_renames_pair_best_matches_first_and_each_provision_once() -> None:
    first = RU
    second = OFFICE
    old = bill(prov("old-1", first), prov("old-2", second))
    # new-b is nearest to old-1, new-a to old-2; new-c is a second copy of old-1's text
    # with one more change, which must not take old-1 from new-b.
    new = bill(
        prov("new-a", second.replace("открыть", "открывать")),
        prov("new-b", first),
        prov("new-c", first.replace("24 часов", "одних суток")),
    )
    diff = diff_bills(old, new)
    pairs = {item.id: item.previous_id for item in diff.provisions if item.status == "renamed"}
    assert pairs == {"new-a": "old-2", "new-b": "old-1"}
    assert by_id(diff)["new-c"].status == "added"


def test_multilingual_renames_average_the_shared_languages() -> None:
    old = bill(prov("old", {"kk": KK, "ru": OFFICE}))
    new = bill(prov("new", {"kk": KK, "ru": REPRESENTATIVE}))
    expected = (100 + fuzz.ratio(OFFICE, REPRESENTATIVE)) / 2
    (item,) = diff_bills(old, new).provisions
    assert item.status == "renamed"
    assert item.similarity == round(expected, 1)
    assert list(item.redlines) == ["ru"]
    # One language alone would not reach 95; the mean does.
    assert fuzz.ratio(OFFICE, REPRESENTATIVE) < 95 <= expected
    (item,) = diff_bills(old, new, rename_threshold=95).provisions
    assert item.status == "renamed"


def test_a_rename_between_different_language_sets_uses_the_shared_ones() -> None:
    old = bill(prov("old", {"kk": KK, "ru": OFFICE}))
    new = bill(prov("new", {"ru": REPRESENTATIVE}))
    (item,) = diff_bills(old, new).provisions
    assert (item.status, item.previous_id) == ("renamed", "old")
    assert item.similarity == round(fuzz.ratio(OFFICE, REPRESENTATIVE), 1)
    assert item.changes == ("text",)
    assert list(item.redlines) == ["ru"]


def test_a_multilingual_rename_needs_every_language_near_enough() -> None:
    """The mean is over the shared languages: one language rewritten whole pulls it down."""
    old = bill(prov("old", {"kk": KK, "ru": OFFICE}))
    new = bill(prov("new", {"kk": UNRELATED, "ru": OFFICE}))
    assert [item.status for item in diff_bills(old, new).provisions] == ["dropped", "added"]


def test_a_plain_text_against_a_mapping_is_compared_whole() -> None:
    old = bill(prov("old", RU))
    new = bill(prov("new", {"ru": RU}))
    (item,) = diff_bills(old, new).provisions
    assert (item.status, item.previous_id, item.changes) == ("renamed", "old", ("text",))


def test_many_renames_among_many_candidates() -> None:
    """40 dropped x 40 added, 30 of them the same texts slightly changed."""
    words = RU.split() + OFFICE.split() + KK.split()
    texts = [" ".join(words[k:] + words[:k]) for k in range(40)]
    old = bill(*(prov(f"old-{k}", texts[k]) for k in range(40)))
    new_provisions = [prov(f"new-{k}", texts[k].replace(" ", "  ", 1) + " изм.") for k in range(30)]
    new_provisions += [prov(f"other-{k}", f"{UNRELATED} {k}") for k in range(10)]
    diff = diff_bills(old, bill(*new_provisions))
    renamed = {item.id: item.previous_id for item in diff.provisions if item.status == "renamed"}
    assert renamed == {f"new-{k}": f"old-{k}" for k in range(30)}
    assert diff.counts()["dropped"] == 10 and diff.counts()["added"] == 10


# --- attribution --------------------------------------------------------------------


def proposal(proposal_id: str, target: str, date: str = "2021-10-01") -> Proposal:
    return Proposal(id=proposal_id, date=date, author="government", action="replace", target=target)


def event(
    event_id: str,
    date: str,
    *,
    provisions: Sequence[str] = (),
    decides: Sequence[str] = (),
    status: str = "accepted",
) -> Event:
    return Event(
        id=event_id,
        date=date,
        kind="negotiation",
        provisions=tuple(provisions),
        decisions=tuple(Decision(proposal=p, status=status) for p in decides),
    )


@pytest.fixture
def sample_diff() -> BillDiff:
    old = bill(prov("same"), prov("deadline", RU), prov("local-office", OFFICE), prov("gone", KK))
    new = bill(
        prov("same"),
        prov("deadline", RU_REWORDED),
        prov("representative", REPRESENTATIVE),
        prov("added", UNRELATED),
    )
    return diff_bills(old, new)


def test_no_date_is_now_and_belongs_only_to_a_window_open_at_its_end() -> None:
    assert Window.between("2021", None).holds(None)
    assert not Window.between(None, "2030").holds(None)


def test_window_bounds_are_the_days_their_dates_stand_for() -> None:
    window = Window.between("2024-02", "2024-02")
    assert (window.low, window.high) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))


# --- properties ---------------------------------------------------------------------

WORDS = ["закон", "сеть", "орган", "қорғау", "өкілі", "и", "в", "24", "«да»", "срок", "право"]
# A provision's words, and bits that pick its other fields: few draws, fast examples.
FIELDS = st.tuples(st.lists(st.sampled_from(WORDS), min_size=1, max_size=7), st.integers(0, 255))


def make_provision(provision_id: str, fields: tuple[list[str], int]) -> Provision:
    """Small texts from few words, so that rewordings, whitespace reflows and
    near-duplicates (renames) all happen; some texts in two languages."""
    words, bits = fields
    text: Text = " ".join(words)
    if bits & 3 == 3:
        text = {"kk": " ".join(reversed(words)), "ru": " ".join(words)}
    return Provision(
        id=provision_id,
        text=text,
        number=(None, "1", "2")[(bits >> 2) % 3],
        heading=(None, "Статья", "Статья  1")[(bits >> 4) % 3],
        amends="Закон" if bits & 64 else None,
        tags=((), ("a",), ("a", "b"), ("b",))[(bits >> 5) % 4],
    )


ACTIONS = st.sampled_from(["keep", "keep", "keep", "drop", "edit", "reflow", "rename"])


@st.composite
def versions(draw: st.DrawFn) -> tuple[Bill, Bill]:
    """Two versions: some provisions dropped, some changed, some added, one perhaps moved,
    some under a new id."""
    old = [
        make_provision(f"p{k}", fields)
        for k, fields in enumerate(draw(st.lists(FIELDS, max_size=12)))
    ]
    new: list[Provision] = []
    for item, action in zip(
        old, draw(st.lists(ACTIONS, min_size=len(old), max_size=len(old))), strict=True
    ):
        if action == "drop":
            continue
        if action == "edit":
            item = make_provision(item.id, draw(FIELDS))
        elif action == "reflow" and isinstance(item.text, str):
            item = replace(item, text="\n  ".join(item.text.split()) + "\n")
        elif action == "rename":
            item = replace(item, id=f"{item.id}-r")
        new.append(item)
    for k, fields in enumerate(draw(st.lists(FIELDS, max_size=3))):
        new.insert(draw(st.integers(0, len(new))), make_provision(f"new{k}", fields))
    if len(new) > 1 and draw(st.booleans()):
        moving = new.pop(draw(st.integers(0, len(new) - 1)))
        new.insert(draw(st.integers(0, len(new))), moving)
    return bill(*old), bill(*new)


THRESHOLDS = st.sampled_from([None, 0, 50, 80, 100])


@given(versions(), THRESHOLDS)
def test_a_version_against_itself_is_all_unchanged(
    pair: tuple[Bill, Bill], threshold: int | None
) -> None:
    for version in pair:
        diff = diff_bills(version, version, rename_threshold=threshold)
        assert [item.status for item in diff.provisions] == ["unchanged"] * len(version.provisions)
        assert [item.after for item in diff.provisions] == list(version.provisions)
        assert not diff.changed


@settings(max_examples=200)
@given(versions(), THRESHOLDS)
def test_applying_the_diff_to_the_old_version_gives_the_new_one(
    pair: tuple[Bill, Bill], threshold: int | None
) -> None:
    old, new = pair
    diff = diff_bills(old, new, rename_threshold=threshold)

    # Take the old provisions, remove the dropped ones, apply renames and the `after`
    # records, keep those that did not move in their old order; then insert the added
    # and the moved ones at their new positions.
    entries = [item for item in diff.provisions if item.status != "dropped"]
    result_of: dict[int, Provision] = {}  # id() of an old record -> its new record
    for item in entries:
        if item.before is not None and item.after is not None:
            result_of[id(item.before)] = item.after
    dropped = {id(item.before) for item in diff.provisions if item.status == "dropped"}
    moved = {id(item.before) for item in entries if "position" in item.changes}
    kept = [result_of[id(p)] for p in old.provisions if id(p) not in dropped and id(p) not in moved]
    for position, item in enumerate(entries):
        if item.status == "added" or "position" in item.changes:
            assert item.after is not None
            kept.insert(position, item.after)
    assert kept == list(new.provisions)
    assert [item.after for item in entries] == list(new.provisions)

    # Every old provision is accounted for once, as dropped or as the before of an entry.
    befores = [id(item.before) for item in diff.provisions if item.before is not None]
    assert sorted(befores) == sorted(id(p) for p in old.provisions)


@settings(max_examples=200)
@given(versions(), THRESHOLDS)
def test_what_a_diff_reports_is_consistent(pair: tuple[Bill, Bill], threshold: int | None) -> None:
    old, new = pair
    diff = diff_bills(old, new, rename_threshold=threshold)
    counts = diff.counts()
    assert set(counts) == set(STATUSES)
    for status in STATUSES:
        assert counts[status] == sum(item.status == status for item in diff.provisions)
    assert sum(counts.values()) == len(diff.provisions)
    assert diff.changed == any(item.status != "unchanged" for item in diff.provisions)
    # The changes-only form (what `billtrack diff` caches) counts the same and lists the
    # changed provisions, in the same order.
    changes = diff.changes_only()
    assert changes.counts() == counts and changes.changed == diff.changed
    assert changes.provisions == tuple(i for i in diff.provisions if i.status != "unchanged")
    assert changes.changes_only() == changes

    for item in diff.provisions:
        assert list(item.changes) == sorted(set(item.changes), key=CHANGE_ORDER.index)
        if item.status in ("added", "dropped"):
            assert item.changes == () and not item.redlines and item.previous_id is None
        if item.status == "modified":
            assert item.changes
        if item.status == "unchanged":
            assert item.changes == () and not item.redlines
        if item.status == "renamed":
            assert item.before is not None and item.after is not None
            assert threshold is not None and item.similarity is not None
            assert item.similarity >= threshold - 0.05  # rounded to 0.1
            assert item.previous_id == item.before.id != item.id == item.after.id
        else:
            assert item.previous_id is None and item.similarity is None
        if "text" not in item.changes:
            assert not item.redlines
        for language, segments in item.redlines.items():
            assert item.before is not None and item.after is not None
            before, after = item.before.texts()[language], item.after.texts()[language]
            assert "".join(t for op, t in segments if op != "+") == normalise(before)
            assert "".join(t for op, t in segments if op != "-") == normalise(after)

    # Fewest moves: the provisions present on both sides (renames included) that did not
    # move are a longest common subsequence of the two orders.
    pairs = [
        (item.before.id, item.after.id)
        for item in diff.provisions
        if item.before is not None and item.after is not None
    ]
    old_order = [p.id for p in old.provisions]
    renamed_to = dict(pairs)
    shared_old = [renamed_to[i] for i in old_order if i in renamed_to]
    shared_new = [p.id for p in new.provisions if p.id in set(renamed_to.values())]
    moved = sum("position" in item.changes for item in diff.provisions)
    assert moved == len(shared_new) - lcs_length(shared_old, shared_new)


@given(versions())
def test_without_renames_ids_decide_everything(pair: tuple[Bill, Bill]) -> None:
    old, new = pair
    diff = diff_bills(old, new, rename_threshold=None)
    old_ids = {p.id for p in old.provisions}
    new_ids = {p.id for p in new.provisions}
    assert {i.id for i in diff.provisions if i.status == "added"} == new_ids - old_ids
    assert {i.id for i in diff.provisions if i.status == "dropped"} == old_ids - new_ids
    assert diff.counts()["renamed"] == 0


@settings(max_examples=200)
@given(versions(), st.sampled_from([0, 50, 70, 80, 90, 95, 100]))
def test_renames_are_the_greedy_best_pairs_of_all_pairs(
    pair: tuple[Bill, Bill], threshold: int
) -> None:
    """Against the plain algorithm: score every dropped x added pair, take the best first."""
    old, new = pair
    new_ids = {p.id for p in new.provisions}
    old_ids = {p.id for p in old.provisions}
    dropped = [p for p in old.provisions if p.id not in new_ids]
    added = [p for p in new.provisions if p.id not in old_ids]
    candidates = []
    for a, before in enumerate(dropped):
        for b, after in enumerate(added):
            score = similarity(before, after)
            if score >= threshold:
                candidates.append((-score, a, b))
    expected: dict[str, str] = {}
    for _, a, b in sorted(candidates):
        if dropped[a].id not in expected.values() and added[b].id not in expected:
            expected[added[b].id] = dropped[a].id
    diff = diff_bills(old, new, rename_threshold=threshold)
    found = {item.id: item.previous_id for item in diff.provisions if item.status == "renamed"}
    assert found == expected


def similarity(before: Provision, after: Provision) -> float:
    old_texts = {k: normalise(v) for k, v in before.texts().items()}
    new_texts = {k: normalise(v) for k, v in after.texts().items()}
    shared = sorted(old_texts.keys() & new_texts.keys())
    if not shared:
        return fuzz.ratio(
            " ".join(old_texts[k] for k in sorted(old_texts)),
            " ".join(new_texts[k] for k in sorted(new_texts)),
        )
    return sum(fuzz.ratio(old_texts[k], new_texts[k]) for k in shared) / len(shared)


def lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    """The textbook quadratic LCS, to check the fast one against."""
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            table[i + 1][j + 1] = (
                table[i][j] + 1 if x == y else max(table[i][j + 1], table[i + 1][j])
            )
    return table[len(a)][len(b)]
