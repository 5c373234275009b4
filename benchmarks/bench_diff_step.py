"""The diff step on parsed data: billtrack's diff_bills against DeepDiff keyed by id.

Two versions of a 5,000-provision bill (about 4.7 MB of YAML), 1,000 provisions
changed between them: rewordings, renumberings, moves, heading/tag/amends edits, and
100 dropped x 100 added provisions of which 90 pairs are the same text under a new id
(rename detection must compare all 10,000 pairs). Both versions are written as YAML and
read back by billtrack's loader before timing, and both tools get the same parsed data
(DeepDiff the provision records keyed by id, diff_bills the Bills built from them): this
measures the comparison alone, not reading or parsing.

    python benchmarks/bench_diff_step.py [--provisions N] [--changed N] [--rounds N]

Targets: diff_bills with the ledger (billtrack.ledger.explain: a proposal behind every
change) under 100 ms, at least 10x faster than DeepDiff, rename detection inside that
budget.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from deepdiff import DeepDiff
from generate import change_bill, make_bill, parsed, to_yaml

from billtrack.diff import BillDiff, Window, diff_bills
from billtrack.ledger import explain
from billtrack.model import Decision, Event, Proposal


@dataclass(frozen=True)
class Timing:
    """Times of repeated calls, in milliseconds: wall clock (time.perf_counter) and the
    process's CPU time, which other processes on a busy machine do not inflate."""

    wall: list[float]
    cpu: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    def line(self, label: str) -> str:
        return (
            f"{label:<40}{self.median:8.1f} ms   [min {min(self.wall):.1f}, "
            f"max {max(self.wall):.1f}; cpu {self.cpu_median:.1f}]"
        )


def timed_rounds(works: dict[str, Callable[[], Any]], rounds: int) -> dict[str, Timing]:
    """Time each work once per round, in rounds (a slow spell of a shared machine then
    falls on all of them alike), each call after a full collection and with the cyclic
    collector off, as `billtrack` runs every command (cli/boundary.py)."""
    wall: dict[str, list[float]] = {name: [] for name in works}
    cpu: dict[str, list[float]] = {name: [] for name in works}
    for _ in range(rounds):
        for name, work in works.items():
            gc.collect()
            gc.disable()
            try:
                start, start_cpu = time.perf_counter(), time.process_time()
                work()
                cpu[name].append((time.process_time() - start_cpu) * 1000)
                wall[name].append((time.perf_counter() - start) * 1000)
            finally:
                gc.enable()
    return {name: Timing(wall[name], cpu[name]) for name in works}


def records_for(diff: BillDiff) -> tuple[list[Proposal], list[Event]]:
    """A proposal behind every change (the wording of each rewording, so that every
    text is matched), half of them decided by a committee and then by the vote, and an
    event naming every tenth changed provision: the ledger's worst case."""
    proposals: list[Proposal] = []
    for k, item in enumerate(diff.provisions):
        action = {"added": "add", "dropped": "drop", "renamed": "add"}.get(item.status)
        if item.status == "unchanged":
            continue
        text = item.after.text if item.after is not None else None
        if action is None:
            action = "replace" if "text" in item.changes else "renumber"
        if action == "drop" or action == "renumber":
            text = None
        proposals.append(Proposal(f"P-{k:05d}", "2022-01", "gov", action, item.id, text=text))
    committee = Event(
        "committee", "2022-02", "committee", stage="second-reading",
        decisions=tuple(Decision(p.id, "accepted") for p in proposals[::2]),
    )  # fmt: skip
    vote = Event(
        "vote", "2022-03-09", "reading", stage="second-reading", outcome="approved",
        decisions=tuple(Decision(p.id, "accepted") for p in proposals),
        provisions=tuple(p.target for p in proposals[::10]),
    )  # fmt: skip
    return proposals, [committee, vote]


def keyed(record: dict[str, Any]) -> dict[str, Any]:
    """The bill as DeepDiff would be asked to compare it: provision records by id."""
    return {provision["id"]: provision for provision in record["provisions"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--provisions", type=int, default=5_000)
    parser.add_argument("--changed", type=int, default=1_000)
    parser.add_argument("--rounds", type=int, default=9, help="timed runs of each")
    args = parser.parse_args(argv)

    generated = make_bill(args.provisions)
    size = len(to_yaml(generated).encode("utf-8")) / 1e6
    old_record, old = parsed(generated)
    new_record, new = parsed(change_bill(generated, changed=args.changed))

    result = diff_bills(old, new)
    counts = result.counts()
    changed = sum(n for status, n in counts.items() if status != "unchanged")
    redlines = sum(len(item.redlines) for item in result.provisions)

    old_keyed, new_keyed = keyed(old_record), keyed(new_record)
    proposals, events = records_for(result)
    window = Window.between(
        "2022-01-15", "2022-03-09", stages=("first-reading", "second-reading"),
        since_stage="first-reading", until_stage="second-reading",
    )  # fmt: skip
    explained = explain(result, proposals=proposals, events=events, window=window)
    unexplained = sum(1 for i in explained.provisions if i.ledger and i.ledger.unexplained)
    timings = timed_rounds(
        {
            "ledger": lambda: explain(
                diff_bills(old, new), proposals=proposals, events=events, window=window
            ),
            "full": lambda: diff_bills(old, new),
            "plain": lambda: diff_bills(old, new, rename_threshold=None),
            "same": lambda: diff_bills(old, old),
            "deep": lambda: DeepDiff(old_keyed, new_keyed),
        },
        args.rounds,
    )
    full, plain, same, deep = (timings[name] for name in ("full", "plain", "same", "deep"))
    python = sys.version.split()[0]
    print(f"bill: {args.provisions:,} provisions, {size:.1f} MB of YAML; python {python}")
    print(
        f"changes: {changed:,} provisions ("
        + ", ".join(f"{n} {status}" for status, n in counts.items())
        + f"); {redlines} redlines"
    )
    print(f"medians of {args.rounds} rounds, the cyclic garbage collector off")
    print(full.line("diff_bills, renames on"))
    print(plain.line("diff_bills, --no-renames"))
    print(
        f"{'  rename detection (100 x 100 texts)':<40}{full.median - plain.median:8.1f} ms"
        f"   [difference of the medians; of the minima {min(full.wall) - min(plain.wall):.1f}]"
    )
    print(same.line("diff_bills, a version with itself"))
    ledger = timings["ledger"]
    print(ledger.line("diff_bills + the ledger"))
    print(
        f"{'  the ledger':<40}{ledger.median - full.median:8.1f} ms   [{len(proposals):,} "
        f"proposals, {len(events)} events; {unexplained} changes unexplained]"
    )
    print(deep.line("DeepDiff keyed by id"))
    ratio = deep.median / full.median
    print(f"{'ratio DeepDiff / diff_bills':<40}{ratio:8.1f}x")
    verdict = "met" if ledger.median < 100 and ratio >= 10 else "NOT met"
    print(f"targets (diff with the ledger < 100 ms, >= 10x faster than DeepDiff): {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
