"""`billtrack diff` end to end on a large generated bill, against the floor and git.

Builds a temporary git repository holding two versions of an N-provision bill (1,000
provisions changed between them by default), then times, in one run, as subprocesses
on this interpreter (the median of --repeat rounds):

- the floor: benchmarks/floor.py, a minimal Typer command that reads both blobs through
  git and parses them with libyaml's C loader;
- `billtrack diff OLD NEW` with the parse cache cold (deleted before each run) and warm,
  for the json and the text (no colour) formats, output to a pipe;
- `git diff --word-diff OLD NEW -- bill.yaml`, the general tool an aide would otherwise use.

The commands run in rounds, each round every command once (benchmarks/rounds.py).

    python benchmarks/bench_cli_diff.py [--provisions 5000] [--changed 1000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import change_bill, make_bill, to_yaml  # noqa: E402
from rounds import Command, environment, median_times  # noqa: E402

BILL_PATH = "amendments/big-bill/bill.yaml"
ENV = environment(
    GIT_AUTHOR_NAME="bench",
    GIT_AUTHOR_EMAIL="bench@example.org",
    GIT_COMMITTER_NAME="bench",
    GIT_COMMITTER_EMAIL="bench@example.org",
    GIT_CONFIG_GLOBAL=os.devnull,
    GIT_CONFIG_NOSYSTEM="1",
    NO_COLOR="1",
)


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=repo, env=ENV, check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


def build_repo(repo: Path, provisions: int, changed: int) -> tuple[str, str, int]:
    git(repo, "init", "-q", "-b", "main")
    bill_file = repo / BILL_PATH
    bill_file.parent.mkdir(parents=True)
    (repo / "amendments" / "parties.yaml").write_text(
        '- id: "mazhilis"\n  name: "Mazhilis"\n  kind: "chamber"\n', encoding="utf-8"
    )
    old = make_bill(provisions)
    old["id"] = "big-bill"
    bill_file.write_text(to_yaml(old), encoding="utf-8")
    size = bill_file.stat().st_size
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "old")
    first = git(repo, "rev-parse", "HEAD")
    new = change_bill(old, changed=changed)
    new["id"] = "big-bill"
    bill_file.write_text(to_yaml(new), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "new")
    return first, git(repo, "rev-parse", "HEAD"), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provisions", type=int, default=5_000)
    parser.add_argument("--changed", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="billtrack-bench-") as tmp:
        repo = Path(tmp)
        old, new, size = build_repo(repo, args.provisions, args.changed)
        cache = repo / ".git" / "billtrack"

        def clear_cache() -> None:
            shutil.rmtree(cache, ignore_errors=True)

        py = sys.executable
        commands = [
            Command(
                "floor: Typer + git cat-file + C loader, both blobs",
                [py, str(HERE / "floor.py"), str(repo), old, new, BILL_PATH],
            )
        ]
        for fmt in ("json", "text"):
            argv = [py, "-m", "billtrack", "diff", old, new, "--format", fmt]
            # The cold run fills the cache the warm run right after it reads.
            commands += [
                Command(f"billtrack diff --format {fmt}, cache cold", argv, before=clear_cache),
                Command(f"billtrack diff --format {fmt}, cache warm", argv),
            ]
        commands += [
            Command(
                "git diff --word-diff (general tool)",
                ["git", "diff", "--word-diff", old, new, "--", BILL_PATH],
            ),
            Command("billtrack --help (start-up)", [py, "-m", "billtrack", "--help"]),
        ]
        medians = median_times(commands, cwd=repo, env=ENV, rounds=args.repeat)
        rows = list(medians.items())
        floor = rows[0][1]

    print(
        f"bill: {args.provisions:,} provisions, {size / 1e6:.1f} MB; "
        f"{args.changed:,} provisions changed; median of {args.repeat} runs; "
        f"Python {sys.version.split()[0]}"
    )
    for name, seconds in rows:
        print(f"  {name:<52} {seconds * 1000:8.0f} ms   {seconds / floor:5.2f}x floor")


if __name__ == "__main__":
    main()
