"""The floor for `billtrack diff`: a minimal Typer command, on the same interpreter, that
reads two versions of a file through one `git cat-file --batch` process and parses both
with libyaml's C loader. Nothing billtrack does can be cheaper than this by much,
except by not parsing at all (its cache).

    python benchmarks/floor.py REPO OLD_COMMIT NEW_COMMIT PATH
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import typer
import yaml

app = typer.Typer(add_completion=False)


@app.command()
def floor(repo: Path, old: str, new: str, path: str) -> None:
    batch = subprocess.Popen(
        ["git", "cat-file", "--batch"], cwd=repo, stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert batch.stdin is not None and batch.stdout is not None
    sizes = []
    for commit in (old, new):
        batch.stdin.write(f"{commit}:{path}\n".encode())
        batch.stdin.flush()
        _, _, size = batch.stdout.readline().split()
        data = batch.stdout.read(int(size))
        batch.stdout.read(1)
        parsed = yaml.load(data, Loader=yaml.CSafeLoader)
        sizes.append(len(parsed["provisions"]))
    batch.stdin.close()
    batch.wait()
    typer.echo(f"{sizes[0]} {sizes[1]}")


if __name__ == "__main__":
    app()
