"""The use case behind `billtrack import`: read a document, plan the bill's new
provisions, and show or write them.

`prepare` reads and plans (nothing written); `Prepared.write` writes through
billtrack.record.provisions (validated, atomic, only the provisions' bytes replaced).
Never prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from billtrack.diff import BillDiff, diff_bills
from billtrack.errors import DataError, UsageError
from billtrack.importer.formats import FORMATS, Format, FormatError, Side, guess, read
from billtrack.importer.plan import ImportPlan, plan_import
from billtrack.model import Bill
from billtrack.problems import ProblemError
from billtrack.record.provisions import Replaced, Rewrite, plan_rewrite, write_provisions
from billtrack.store.layout import BillFiles, Root
from billtrack.store.records import build_bill
from billtrack.store.yamlio import load


@dataclass(frozen=True)
class Prepared:
    root: Root
    bill_id: str
    shown: str  # bill.yaml as users see it
    source: str  # the document, as the user named it
    before: Bill
    after: Bill
    plan: ImportPlan
    rewrite: Rewrite
    diff: BillDiff

    def write(self, *, commit_message: str | None = None) -> Replaced:
        return write_provisions(
            self.root, self.bill_id, self.rewrite, commit_message=commit_message, built=self.after
        )


def units_of(data: bytes, name: str, fmt: Format | None, side: Side = "new") -> list[Any]:
    fmt = fmt or guess(name, data)
    if fmt is None:
        raise UsageError(f"cannot tell the format of {name}: give --format ({', '.join(FORMATS)})")
    try:
        return read(data, fmt, side=side)
    except FormatError as exc:
        raise DataError(f"{name}: {exc}") from None


def prepare(
    root: Root,
    bill_id: str | None,
    data: bytes,
    name: str,
    *,
    fmt: Format | None = None,
    language: str | None = None,
    overrides: tuple[str, ...] = (),
    side: Side = "new",
) -> Prepared:
    units = units_of(data, name, fmt, side)
    bill_id = root.choose_bill(bill_id)
    path = BillFiles(root.bill_folder(bill_id)).bill
    shown = root.display(path)
    try:
        planned_from = path.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read {shown}: {exc.strerror or exc}") from None
    try:
        old_doc = load(planned_from, shown, positions=False)
        before = build_bill(old_doc)
    except ProblemError:
        # Read again with positions, for a message that says where.
        try:
            before = build_bill(load(planned_from, shown))
        except ProblemError as exc:
            raise DataError(f"{exc.message} (fix bill.yaml first)") from None
        raise
    plan = plan_import(before, units, language=language, overrides=overrides)
    rewrite = plan_rewrite(planned_from, old_doc, plan.records, shown)
    try:
        after = build_bill(rewrite.new_doc)
    except ProblemError as exc:
        raise DataError(f"the imported text does not make a valid bill: {exc.message}") from None
    diff = diff_bills(before, after, rename_threshold=None)
    return Prepared(root, bill_id, shown, name, before, after, plan, rewrite, diff)
