"""How well `billtrack import` keeps each provision's identity across real versions.

Point it at a git clone of texts kept outside this repository, one Markdown file per
law, one commit per amending act (github:bundestag/gesetze: German federal laws):

    python benchmarks/accuracy.py /path/to/gesetze w/wphg k/kredwg b/btmg_1981 ...

For each law, every pair of successive versions of its index.md (and the first against
the last) is read with billtrack's Markdown reader and paired by billtrack's matcher.
The true pairing comes from the laws themselves, never from the matcher's features:

- German amending acts keep a paragraph's number for life (a new one is `§ 9a`, a
  repealed one stays as `§ 9 (weggefallen)`, a replaced one keeps its number) unless
  the law is renumbered (a Neufassung, or a run of paragraphs shifted). Where two
  versions share most numbers with the same heading, "same provision" is "same §",
  except a paragraph whose heading, unique in both versions, now stands under another
  number (the law moved it): every provision is scored.
- Where they do not (a renumbered law: WpHG 2012 -> 2018), the true pairs are the
  paragraphs whose heading, the law's own name for it, is unique and identical in both
  versions; only the provisions in those pairs are scored (the others have no truth
  the texts state), and the report says how many that is.

Reports precision, recall and F1 of "same provision" pairs per pair of versions, and
how often a renumbered provision kept its id. Nothing is written; no data is stored.
"""

from __future__ import annotations

import argparse
import itertools
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from billtrack.importer.formats import read
from billtrack.importer.matching import Side, match
from billtrack.importer.numbering import core, is_repealed
from billtrack.importer.units import Unit


@dataclass
class Score:
    law: str
    old: str
    new: str
    mode: str
    scored: int
    precision: float
    recall: float
    renumbered: int
    renumbered_kept: int
    seconds: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 1.0


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True
    ).stdout


def versions(repo: Path, law: str) -> list[tuple[str, bytes]]:
    """(commit, text) of each version of the law, oldest first, duplicates skipped."""
    out: list[tuple[str, bytes]] = []
    for commit in reversed(_git(repo, "log", "--format=%h", "--", f"{law}/index.md").split()):
        text = subprocess.run(
            ["git", "show", f"{commit}:{law}/index.md"], cwd=repo, capture_output=True
        ).stdout
        if text and (not out or out[-1][1] != text):
            out.append((commit, text))
    return out


def _heading(unit: Unit) -> str | None:
    return " ".join(unit.heading.split()).lower() if unit.heading else None


def truth(old: list[Unit], new: list[Unit]) -> tuple[str, set[tuple[int, int]], set[int], set[int]]:
    """(mode, true pairs, old indexes scored, new indexes scored)."""
    old_numbers = {core(u.number): i for i, u in enumerate(old) if u.number}
    same_number = [
        (old_numbers[core(u.number)], j) for j, u in enumerate(new) if core(u.number) in old_numbers
    ]
    agreeing = sum(
        1
        for i, j in same_number
        if _heading(old[i]) == _heading(new[j]) or is_repealed(new[j].text)
        or is_repealed(old[i].text)
    )  # fmt: skip
    old_heads = Counter(_heading(u) for u in old)
    new_heads = Counter(_heading(u) for u in new)
    by_head = {_heading(u): i for i, u in enumerate(old) if old_heads[_heading(u)] == 1}
    if same_number and agreeing >= 0.8 * len(same_number):
        # Same § is same provision, except where the law itself moved a paragraph: its
        # heading, unique in both versions, now stands under another number.
        new_by_head = {_heading(u): j for j, u in enumerate(new) if new_heads[_heading(u)] == 1}
        moved = {
            (i, new_by_head[h])
            for i, u in enumerate(old)
            if (h := _heading(u)) and h in by_head and h in new_by_head
            and core(new[new_by_head[h]].number) != core(u.number)
        }  # fmt: skip
        moved_old = {i for i, _ in moved}
        moved_new = {j for _, j in moved}
        pairs = {(i, j) for i, j in same_number if i not in moved_old and j not in moved_new}
        return "number", pairs | moved, set(range(len(old))), set(range(len(new)))
    pairs = {
        (by_head[h], j)
        for j, u in enumerate(new)
        if (h := _heading(u)) and new_heads[h] == 1 and h in by_head and not is_repealed(u.text)
    }
    return "heading", pairs, {i for i, _ in pairs}, {j for _, j in pairs}


def score(law: str, a: tuple[str, bytes], b: tuple[str, bytes]) -> Score:
    old, new = read(a[1], "markdown"), read(b[1], "markdown")
    mode, true, old_scored, new_scored = truth(old, new)
    start = time.perf_counter()
    pairs = match(
        [Side(str(i), u.text, u.number, u.heading) for i, u in enumerate(old)],
        [Side(str(j), u.text, u.number, u.heading) for j, u in enumerate(new)],
    )
    seconds = time.perf_counter() - start
    found = {(int(p.old), j) for j, p in pairs.items()}
    found = {(i, j) for i, j in found if i in old_scored or j in new_scored}
    hits = found & true
    renumbered = {(i, j) for i, j in true if core(old[i].number) != core(new[j].number)}
    return Score(
        law, a[0], b[0], mode, len(old_scored | {-1 - j for j in new_scored}),
        len(hits) / len(found) if found else 1.0,
        len(hits) / len(true) if true else 1.0,
        len(renumbered), len(renumbered & found), seconds,
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo", type=Path, help="a clone of github:bundestag/gesetze")
    parser.add_argument("laws", nargs="+", help="law folders, e.g. w/wphg")
    args = parser.parse_args()
    rows: list[Score] = []
    for law in args.laws:
        found = versions(args.repo, law)
        pairs = list(itertools.pairwise(found))
        if len(found) > 2:
            pairs.append((found[0], found[-1]))
        rows += [score(law, a, b) for a, b in pairs]
    print(f"{'law':<18} {'old':<9} {'new':<9} {'truth':<8} {'scored':>6} "
          f"{'P':>6} {'R':>6} {'F1':>6} {'renum':>6} {'kept':>5} {'ms':>6}")  # fmt: skip
    for r in rows:
        print(
            f"{r.law:<18} {r.old:<9} {r.new:<9} {r.mode:<8} {r.scored:>6} {r.precision:6.3f} "
            f"{r.recall:6.3f} {r.f1:6.3f} {r.renumbered:>6} {r.renumbered_kept:>5} "
            f"{r.seconds * 1000:6.0f}"
        )
    renumbered = sum(r.renumbered for r in rows)
    kept = sum(r.renumbered_kept for r in rows)
    worst = min(rows, key=lambda r: r.f1)
    print(
        f"{len(rows)} pairs of versions; lowest F1 {worst.f1:.3f} ({worst.law} {worst.old}->"
        f"{worst.new}); renumbered provisions that kept their id: {kept} of {renumbered}"
    )


if __name__ == "__main__":
    main()
