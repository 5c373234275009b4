"""Replacing bill.yaml's provisions in place: every layout YAML allows for the list,
bytes outside it kept, unchanged items kept byte for byte, the result proved."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from billtrack.errors import WriteError
from billtrack.record.provisions import plan_rewrite, replace_provisions
from billtrack.store.yamlio import load

HEAD = "# a comment\nid: b\ntitle: T\njurisdiction: KZ\nlanguage: ru\n"
RECORDS = [{"id": "a", "text": "One."}, {"id": "b", "number": "2", "text": "Two\nlines."}]


def rewritten(old: str, records: list[dict[str, Any]]) -> str:
    raw = old.encode("utf-8")
    doc = load(raw, "bill.yaml", positions=False)
    return plan_rewrite(raw, doc, records, "bill.yaml").new.decode("utf-8")


@pytest.mark.parametrize(
    "layout",
    [
        "provisions: []\nx-after: kept\n",
        "provisions:\n- id: a\n  text: Old.\n# between\nx-after: kept\n",
        "provisions:\n  - id: a\n    text: Old.\n\n  # about z\n  - id: z\n    text: Z.\n"
        "x-after: kept\n",
        "provisions:   # the text\n    -   id: a\n        text: >-\n          Old\n"
        "          folded.\n",
    ],
)
def test_every_block_layout(layout: str) -> None:
    new = rewritten(HEAD + layout, RECORDS)
    assert new.startswith(HEAD)
    assert load(new.encode(), "x").data["provisions"] == RECORDS
    if "x-after" in layout:
        assert new.endswith("x-after: kept\n")


def test_a_flow_list_over_several_lines_is_refused() -> None:
    old = HEAD + "provisions: [\n  {id: a, text: Old.}\n]\n"
    with pytest.raises(WriteError, match="layout"):
        rewritten(old, RECORDS)


def test_unchanged_items_keep_their_bytes() -> None:
    item = '  - id: a   # first\n    text: "One."\n'
    old = HEAD + "provisions:\n" + item + "  - id: c\n    text: C.\n"
    new = rewritten(old, [{"id": "a", "text": "One."}, {"id": "d", "text": "D."}])
    assert item in new
    assert "id: c" not in new


def _has_text(record: dict[str, Any]) -> bool:
    return bool(str(record["text"]).strip())


_RECORD: st.SearchStrategy[dict[str, Any]] = st.fixed_dictionaries(
    {"id": st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True), "text": st.text(min_size=1)},
    optional={"number": st.text(min_size=1, max_size=5), "tags": st.lists(st.text(min_size=1))},
).filter(_has_text)


@settings(max_examples=60, deadline=None)
@given(
    old=st.lists(_RECORD, min_size=0, max_size=4, unique_by=lambda r: r["id"]),
    new=st.lists(_RECORD, min_size=1, max_size=4, unique_by=lambda r: r["id"]),
)
def test_any_records_over_any_records_read_back(
    old: list[dict[str, Any]], new: list[dict[str, Any]]
) -> None:
    from billtrack.store.yamlwrite import dump

    body = dump({"provisions": old}) if old else "provisions: []\n"
    source = HEAD + body + "x-tail: kept\n"
    result = rewritten(source, new)
    assert result.startswith(HEAD)
    assert result.endswith("x-tail: kept\n")
    assert load(result.encode(), "x").data["provisions"] == new


def test_replace_alone_loads_what_it_needs() -> None:
    out = replace_provisions((HEAD + "provisions: []\n").encode(), RECORDS, "bill.yaml")
    assert b"id: b" in out or b'id: "b"' in out
