"""Cost that must not grow too fast (issue 15, items 11-13), at the sizes the issue gives.

- redline: one provision of 1.7, 3.4 and 8.4 MB with a word changed in every hundred
  sentences, diffed against itself (`redline`), each size in a child process so that its
  peak memory (max RSS) is its own;
- renames: 1,000, 2,000 and 5,000 provisions all renumbered (new ids) in one wave, half
  of them reworded by a word or two, `diff_bills` with rename detection and without;
- show: `billtrack show` of one provision that is a single unbroken word of 8 and 20 MB.

    python benchmarks/bench_scale.py [--only redline|renames|show]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import _reworded, make_bill, to_model  # noqa: E402

WORDS = [
    "закон",
    "платформа",
    "орган",
    "доступ",
    "сеть",
    "ребенок",
    "решение",
    "пункт",
    "статья",
    "срок",
]


def long_text(size: int, seed: int) -> str:
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        sentence = " ".join(rng.choice(WORDS) + str(rng.randrange(1000)) for _ in range(12))
        parts.append(sentence.capitalize() + ".")
        total += len(parts[-1].encode()) + 1
    return " ".join(parts)


def redline_child(size: int) -> None:
    from billtrack.redline import coarse, redline

    old = long_text(size, 1)
    sentences = old.split(". ")
    for k in range(0, len(sentences), 100):
        sentences[k] = "изменено " + sentences[k]
    new = ". ".join(sentences)
    start = time.perf_counter()
    segments = redline(old, new)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    edits = sum(1 for op, _ in segments if op != "=")
    print(
        f"  redline {size / 1e6:.1f} MB: {elapsed:6.2f} s, peak {peak:5.0f} MB, "
        f"{edits} edit segments, {'by sentence' if coarse(old, new) else 'word by word'}"
    )


def bench_redline() -> None:
    for size in (1_700_000, 3_400_000, 8_400_000):
        subprocess.run([sys.executable, __file__, "--redline-child", str(size)], check=True)


def bench_renames() -> None:
    from billtrack.diff import diff_bills
    from billtrack.model import Bill

    for count in (1_000, 2_000, 5_000):
        record = make_bill(count)
        old = to_model(record)
        rng = random.Random(2)
        renumbered = []
        for n, provision in enumerate(record["provisions"]):
            moved = dict(provision, id=f"new-{n:05d}")
            if n % 2:
                moved["text"] = _reworded(rng, provision["text"])
            renumbered.append(moved)
        new: Bill = to_model({**record, "provisions": renumbered})
        timings = {}
        for label, threshold in (("renames", 80), ("--no-renames", None)):
            start = time.perf_counter()
            diff = diff_bills(old, new, rename_threshold=threshold)
            timings[label] = time.perf_counter() - start
            if threshold is not None:
                found = diff.counts()["renamed"]
        print(
            f"  renames {count:5,} renumbered: {timings['renames']:6.2f} s "
            f"({found:,} renames found), --no-renames {timings['--no-renames']:5.2f} s"
        )


def bench_show() -> None:
    for size in (8_000_000, 20_000_000):
        with tempfile.TemporaryDirectory(prefix="billtrack-bench-") as tmp:
            root = Path(tmp) / "amendments" / "b"
            root.mkdir(parents=True)
            (root / "bill.yaml").write_text(
                "id: b\ntitle: B\njurisdiction: KZ\nlanguage: ru\nprovisions:\n"
                f'  - id: a\n    text: "{"ж" * (size // 2)}"\n',
                encoding="utf-8",
            )
            env = {**os.environ, "BILLTRACK_NO_CACHE": "1"}
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "billtrack", "show", "a"],
                cwd=tmp, env=env, check=True, stdout=subprocess.DEVNULL,
            )  # fmt: skip
            print(f"  show one {size / 1e6:.0f} MB word: {time.perf_counter() - start:6.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("redline", "renames", "show"))
    parser.add_argument("--redline-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.redline_child:
        redline_child(args.redline_child)
        return
    for name, bench in (
        ("redline", bench_redline),
        ("renames", bench_renames),
        ("show", bench_show),
    ):
        if args.only in (None, name):
            print(name)
            bench()


if __name__ == "__main__":
    main()
