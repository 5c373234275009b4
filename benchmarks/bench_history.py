"""Benchmark: `billtrack history ID` over a long synthetic history, against `git log -p`.

    python benchmarks/bench_history.py                      # 500 provisions x 1,000 commits
    python benchmarks/bench_history.py --provisions 5000    # the large bill (a few minutes)
    python benchmarks/bench_history.py --naive              # also parse every version whole

It builds a temporary repository with `git fast-import`: a bill from generate.py and
1,000 commits of realistic edits (each a few rewordings; now and then an insertion or a
drop that renumbers every later provision, an insertion numbered `N-1` that renumbers
nothing, a heading or tags edit, a move, or a provision renamed with a slight rewording),
then measures in one run:

- `git log -p -- bill.yaml` (the floor: git reading and diffing every version),
- `billtrack history ID` as a subprocess with the cache cold (.git/billtrack deleted),
- the same again with the cache warm,
- the peak memory (maximum resident set) of each billtrack run,

and prints the ratios against `git log -p` (each measured --repeat times, interleaved;
the best time and the highest peak count). Targets: first run at most 2x,
warm run at most 0.5x, peak memory under 500 MB. A benchmark, not a timed test.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import make_bill, to_yaml

BILL = "synthetic-bill"
BILL_PATH = f"amendments/{BILL}/bill.yaml"
GIT_ENV = {
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
}
AUTHORS = ("Aida Sarsenova", "Marat Akhmetov", "Dinara Zhaksylykova", "Yerlan Nurpeisov")


def _item(record: dict[str, Any]) -> tuple[str, str]:
    """A provision as its list item's YAML: the `- id:` line and the lines after the
    number (the number line is written apart, so a renumbering costs no YAML dump)."""
    body = {key: value for key, value in record.items() if key != "number"}
    text = to_yaml({"provisions": [body]}).split("\n", 1)[1]
    first, _, rest = text.partition("\n")
    return first + "\n", rest


class SyntheticBill:
    """A bill whose text is kept as rendered items, so a version costs a string join."""

    def __init__(self, provisions: int, seed: int) -> None:
        record = make_bill(provisions, seed=seed, bill_id=BILL)
        self.rng = random.Random(seed + 1)
        self.header = to_yaml({k: v for k, v in record.items() if k != "provisions"})
        self.records: list[dict[str, Any]] = record["provisions"]
        self.items = [_item(r) for r in self.records]
        self.numbers: list[str] = []
        self._renumber()
        self.spare = make_bill(max(200, provisions // 5), seed=seed + 7)["provisions"]
        self.added = 0

    def _renumber(self) -> None:
        """Number every provision by its place: ten points an article."""
        self.numbers = [f"ст. {k // 10 + 1} п. {k % 10 + 1}" for k in range(len(self.items))]

    def text(self) -> bytes:
        parts = [self.header, "provisions:\n"]
        for number, (first, rest) in zip(self.numbers, self.items, strict=True):
            parts.append(f"{first}  number: {number}\n{rest}")
        return "".join(parts).encode()

    def _reword(self, k: int) -> None:
        record = self.records[k]
        words = record["text"].split()
        pool = [w for r in self.rng.sample(self.records, 3) for w in r["text"].split()]
        for _ in range(self.rng.randint(1, 3)):
            at = self.rng.randrange(len(words))
            roll = self.rng.random()
            if roll < 0.6:
                words[at] = self.rng.choice(pool)
            elif roll < 0.85 or len(words) < 6:
                words.insert(at, self.rng.choice(pool))
            else:
                del words[at]
        record["text"] = " ".join(words)
        self.items[k] = _item(record)

    def _new_record(self) -> dict[str, Any]:
        self.added += 1
        source = self.spare[self.added % len(self.spare)]
        return {"id": f"n-{self.added:05d}", "text": source["text"]}

    def edit(self) -> str:
        """Apply one commit's worth of edits; the commit message says what."""
        rng = self.rng
        roll = rng.random()
        n = len(self.records)
        if roll < 0.03:  # an insertion that renumbers everything after it
            at = rng.randrange(n)
            record = self._new_record()
            self.records.insert(at, record)
            self.items.insert(at, _item(record))
            self._renumber()
            return f"Insert {record['id']} and renumber"
        if roll < 0.05 and n > 10:  # a drop that renumbers everything after it
            at = rng.randrange(n)
            gone = self.records.pop(at)
            del self.items[at]
            self._renumber()
            return f"Drop {gone['id']} and renumber"
        if roll < 0.08:  # an insertion numbered after its neighbour: nothing renumbered
            at = rng.randrange(1, n)
            record = self._new_record()
            number = self.numbers[at - 1] + "-1"
            self.records.insert(at, record)
            self.items.insert(at, _item(record))
            self.numbers.insert(at, number)
            return f"Insert {record['id']} as {number}"
        if roll < 0.11:  # a heading or tags edit
            k = rng.randrange(n)
            record = self.records[k]
            if rng.random() < 0.5:
                record["heading"] = " ".join(rng.sample(record["text"].split(), 4)).capitalize()
            else:
                record["tags"] = sorted({*record.get("tags", []), "review"})
            self.items[k] = _item(record)
            return f"Edit {record['id']}"
        if roll < 0.12:  # a move: the number goes with the place, so both sides renumber
            k, to = rng.randrange(n), rng.randrange(n)
            self.records.insert(to, self.records.pop(k))
            self.items.insert(to, self.items.pop(k))
            self._renumber()
            return f"Move {self.records[to]['id']} and renumber"
        if roll < 0.13:  # a rename: a new id, nearly the same text
            k = rng.randrange(n)
            record = self.records[k]
            record["id"] = f"{record['id']}-r"
            self._reword(k)
            return f"Rename to {record['id']}"
        changed = rng.sample(range(n), rng.randint(1, 4))
        for k in changed:
            self._reword(k)
        return "Reword " + ", ".join(self.records[k]["id"] for k in changed)


def build_repository(path: Path, *, provisions: int, commits: int, seed: int) -> str:
    """A repository at `path` with the bill's history; returns a provision id to ask for."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(path)], check=True, env=_env())
    bill = SyntheticBill(provisions, seed)
    wanted = bill.records[len(bill.records) // 2]["id"]
    importer = subprocess.Popen(
        ["git", "fast-import", "--quiet"],
        cwd=path,
        stdin=subprocess.PIPE,
        env=_env(),
    )
    assert importer.stdin is not None
    stamp = 1_609_459_200  # 2021-01-01
    parties = b"- id: mazhilis\n  name: Mazhilis\n  kind: chamber\n"
    for n in range(commits):
        message = "Introduce the bill" if n == 0 else bill.edit()
        data = bill.text()
        stamp += bill.rng.randint(600, 40_000)
        author = AUTHORS[n % len(AUTHORS)]
        parts = [
            b"commit refs/heads/main\n",
            f"author {author} <aide@example.org> {stamp} +0500\n".encode(),
            f"committer {author} <aide@example.org> {stamp} +0500\n".encode(),
            f"data {len(message.encode())}\n{message}\n".encode(),
        ]
        if n == 0:
            parts.append(f"M 100644 inline amendments/parties.yaml\ndata {len(parties)}\n".encode())
            parts.append(parties + b"\n")
        parts.append(f"M 100644 inline {BILL_PATH}\ndata {len(data)}\n".encode())
        parts.append(data + b"\n")
        importer.stdin.write(b"".join(parts))
    importer.stdin.close()
    if importer.wait() != 0:
        raise SystemExit("git fast-import failed")
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=path, check=True, env=_env())
    return wanted


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_ENV)
    env.pop("BILLTRACK_NO_CACHE", None)
    env["NO_COLOR"] = "1"
    return env


def timed(command: list[str], cwd: Path) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB of the process and its children, exit code)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    assert process.stderr is not None
    errors = process.stderr.read().decode("utf-8", "replace")
    process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        print(f"  ! {' '.join(command)} exited {code}: {errors.strip()}", file=sys.stderr)
    return elapsed, usage.ru_maxrss / 1024, code


def naive(path: Path) -> float:
    """Every version's bill.yaml parsed whole (no chunks, no cache), in process."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from billtrack.versions import no_gc

    from billtrack.store.git import Git
    from billtrack.store.records import build_bill
    from billtrack.store.yamlio import load

    start = time.perf_counter()
    with Git(path) as git, no_gc():
        changes = git.file_log(BILL_PATH)
        oids = list(dict.fromkeys(c.new for c in changes if c.new))
        for _, data in git.blobs(oids):
            if data is not None:
                build_bill(load(data, BILL_PATH, positions=False))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--provisions", type=int, default=500)
    parser.add_argument("--commits", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--id", help="the provision to ask for [default: one in the middle]")
    parser.add_argument("--keep", type=Path, help="build the repository here and keep it")
    parser.add_argument("--naive", action="store_true", help="also parse every version whole")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each measurement; the best counts"
    )
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="billtrack-bench-"))
    repo = work / "repo"
    try:
        if not (repo / ".git").exists():
            start = time.perf_counter()
            wanted = build_repository(
                repo, provisions=args.provisions, commits=args.commits, seed=args.seed
            )
            print(
                f"built {args.provisions} provisions x {args.commits} commits in "
                f"{time.perf_counter() - start:.1f} s ({(repo / BILL_PATH).stat().st_size:,} "
                "bytes of bill.yaml)"
            )
        else:
            wanted = args.id or "p-00250"
        wanted = args.id or wanted
        cache = repo / ".git" / "billtrack"
        command = [sys.executable, "-m", "billtrack", "history", wanted, "--format", "json"]
        runs: dict[str, list[tuple[float, float, int]]] = {"git": [], "cold": [], "warm": []}
        # Interleaved, best of --repeat: a busy machine slows every tool alike.
        for _ in range(max(1, args.repeat)):
            runs["git"].append(timed(["git", "--no-pager", "log", "-p", "--", BILL_PATH], repo))
            shutil.rmtree(cache, ignore_errors=True)
            runs["cold"].append(timed(command, repo))
            runs["warm"].append(timed(command, repo))
        git_log, git_mb, _ = min(runs["git"])
        first, _, code1 = min(runs["cold"])
        warm, _, code2 = min(runs["warm"])
        first_mb = max(mb for _, mb, _ in runs["cold"])
        warm_mb = max(mb for _, mb, _ in runs["warm"])
        size = sum(f.stat().st_size for f in cache.rglob("*") if f.is_file())
        print(f"git log -p -- FILE        {git_log:7.2f} s   ({git_mb:,.0f} MB)")
        print(
            f"billtrack history (cold)  {first:7.2f} s   {first / git_log:5.2f}x git log -p"
            f"   peak {first_mb:,.0f} MB   (target <= 2x, < 500 MB)"
        )
        print(
            f"billtrack history (warm)  {warm:7.2f} s   {warm / git_log:5.2f}x git log -p"
            f"   peak {warm_mb:,.0f} MB   (target <= 0.5x)"
        )
        print(f"cache under .git/billtrack: {size / 1e6:,.1f} MB; asked for {wanted}")
        if args.naive:
            whole = naive(repo)
            print(f"naive: every version parsed whole {whole:7.2f} s  {whole / git_log:5.2f}x")
        if code1 or code2:
            raise SystemExit(1)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
