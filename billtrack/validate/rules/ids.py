"""Rules about ids: each names one thing, and a bill's id is its folder's name."""

from __future__ import annotations

from collections.abc import Iterator

from billtrack.problems import Problem
from billtrack.store.records import stages_of
from billtrack.store.yamlio import Document
from billtrack.validate.context import BillRecords, Context
from billtrack.validate.registry import problem, rule


@rule("duplicate-id", scope="document")
def duplicate_ids(ctx: Context, doc: Document, kind: str) -> Iterator[Problem]:
    """A party, a provision of a bill and a stage of a bill are each listed once (the
    schema has already checked the shapes read here)."""
    if kind == "parties":
        seen: set[str] = set()
        for i, party in enumerate(doc.data):
            if party["id"] in seen:
                yield problem(
                    doc.path,
                    doc.pos((i, "id")),
                    "duplicate-id",
                    f"party {party['id']!r} is listed twice",
                )
            seen.add(party["id"])
    elif kind == "bill":
        first_line: dict[str, int] = {}
        for i, provision in enumerate(doc.data["provisions"]):
            pos = doc.pos(("provisions", i, "id"))
            if provision["id"] in first_line:
                yield problem(
                    doc.path,
                    pos,
                    "duplicate-id",
                    f"provision id {provision['id']!r} is used twice "
                    f"(first at line {first_line[provision['id']]})",
                )
            else:
                first_line[provision["id"]] = pos[0]
        stages = stages_of(doc.data)[0]
        if len(set(stages)) != len(stages):
            yield problem(doc.path, doc.pos(("stages",)), "duplicate-id", "a stage is listed twice")


@rule("bill-id", scope="bill")
def bill_id_is_folder(ctx: Context, records: BillRecords) -> Iterator[Problem]:
    """bill.yaml's id is the name of the folder it is in (commands find a bill by it)."""
    if records.bill is not None and records.bill_doc is not None and records.bill.id != records.id:
        yield problem(
            records.bill_doc.path,
            records.bill_doc.pos(("id",)),
            "bill-id",
            f"bill id {records.bill.id!r} differs from its folder {records.id!r}",
        )
