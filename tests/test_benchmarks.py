"""The benchmarks still run: each on a small generated bill, once, as a subprocess.

They measure nothing here (timings are for `python benchmarks/...` on a quiet machine);
this only keeps them working as the code they measure changes. Slow: each builds a
repository and runs billtrack a few times (about 10 s in all), so the quick loop skips them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"

RUNS = {
    "bench_cli_diff.py": (["--provisions", "400", "--changed", "200", "--repeat", "1"], "x floor"),
    "bench_diff_step.py": (["--provisions", "400", "--changed", "200", "--rounds", "1"], "ratio"),
    "bench_validate.py": (["--proposals", "20", "--repeat", "1"], "x faster ("),
    "bench_history.py": (["--provisions", "30", "--commits", "15"], "git log -p"),
    "bench_import.py": (["--provisions", "400", "--changed", "200", "--repeat", "1"], "cold diff"),
}


@pytest.mark.parametrize("script", sorted(RUNS))
def test_the_benchmark_runs(script: str) -> None:
    args, expected = RUNS[script]
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=BENCHMARKS.parent,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert expected in done.stdout, done.stdout
