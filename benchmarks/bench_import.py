"""`billtrack import` of a large version against a large bill, against the cold diff of
the same two versions.

Builds a temporary git repository holding two versions of an N-provision generated bill
(benchmarks/generate.py: rewordings, renumberings, moves, drops, additions), writes the
newer one as Markdown with `billtrack text NEW`, puts the older bill.yaml back on disk,
then times, in rounds (the median of --repeat):

- `billtrack diff OLD NEW --format json` with the cache cold (the goal's yardstick),
  and in text, the format import's preview is in;
- `billtrack import new.md` writing bill.yaml (restored to the old text before each run);
- `billtrack import new.md --dry-run`.

It also reports how many provisions kept the id the generator gave them (the true
pairing: a generated renamed provision counts as a new id).

    python benchmarks/bench_import.py [--provisions 5000] [--changed 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_cli_diff import BILL_PATH, ENV, build_repo, git  # noqa: E402
from rounds import Command, median_times  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provisions", type=int, default=5_000)
    parser.add_argument("--changed", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    py = sys.executable

    with tempfile.TemporaryDirectory(prefix="billtrack-bench-") as tmp:
        repo = Path(tmp)
        old, new, size = build_repo(repo, args.provisions, args.changed)
        bill_file = repo / BILL_PATH
        text = subprocess.run(
            [py, "-m", "billtrack", "text", new, "--format", "markdown"],
            cwd=repo, env=ENV, check=True, capture_output=True,
        ).stdout  # fmt: skip
        source = repo / "new.md"
        source.write_bytes(text)
        truth = bill_file.read_bytes()
        git(repo, "checkout", old, "--", BILL_PATH)
        old_bytes = bill_file.read_bytes()
        cache = repo / ".git" / "billtrack"

        def clear_cache() -> None:
            shutil.rmtree(cache, ignore_errors=True)

        def restore() -> None:
            bill_file.write_bytes(old_bytes)

        commands = [
            Command(
                "billtrack diff OLD NEW --format json, cache cold",
                [py, "-m", "billtrack", "diff", old, new, "--format", "json"],
                before=clear_cache,
            ),
            Command(
                "billtrack diff OLD NEW (text, as import shows), cold",
                [py, "-m", "billtrack", "diff", old, new, "--color", "never"],
                before=clear_cache,
            ),
            Command(
                "billtrack import new.md (writes bill.yaml)",
                [py, "-m", "billtrack", "import", str(source), "--color", "never"],
                before=restore,
            ),
            Command(
                "billtrack import new.md --dry-run",
                [py, "-m", "billtrack", "import", str(source), "--dry-run", "--color", "never"],
                before=restore,
            ),
        ]
        medians = median_times(commands, cwd=repo, env=ENV, rounds=args.repeat)
        restore()
        subprocess.run(
            [py, "-m", "billtrack", "import", str(source)],
            cwd=repo, env=ENV, check=True, capture_output=True,
        )  # fmt: skip
        kept, total = _kept(truth, bill_file.read_bytes())

    rows = list(medians.items())
    yardstick = rows[0][1]
    print(
        f"bill: {args.provisions:,} provisions, {size / 1e6:.1f} MB; {args.changed:,} changed; "
        f"median of {args.repeat} runs; Python {sys.version.split()[0]}"
    )
    for name, seconds in rows:
        print(f"  {name:<52} {seconds * 1000:8.0f} ms   {seconds / yardstick:5.2f}x cold diff")
    print(f"  ids as the generator gave them: {kept:,} of {total:,} provisions")


def _kept(truth: bytes, imported: bytes) -> tuple[int, int]:
    """How many provisions of the new version got the id the generator gave them."""
    from billtrack.store.yamlio import load

    expected = load(truth, "truth").data["provisions"]
    found = load(imported, "imported").data["provisions"]
    same = sum(1 for a, b in zip(expected, found, strict=False) if a["id"] == b["id"])
    return same, len(expected)


if __name__ == "__main__":
    main()
