"""`billtrack validate` on many proposal files, against check-jsonschema with the same
schema on the same files, measured in one run.

Builds a temporary repository with one bill and N proposal files (realistic text, all
valid), then times as subprocesses (median of --repeat rounds, benchmarks/rounds.py):

- `billtrack validate --strict` (schema, every cross-reference and every consistency
  rule, all files of the bill); two readings pin two commits of its text, and some
  provisions are in Kazakh and Russian, so that the rules comparing readings have
  texts to compare;
- `check-jsonschema --schemafile proposal.schema.json` on the N proposal files (schema
  only), the schema being the one `billtrack schema proposal` prints.

    python benchmarks/bench_validate.py [--proposals 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import make_bill, to_yaml  # noqa: E402
from rounds import Command, environment, median_times  # noqa: E402

ENV = environment(GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
RATIONALE = (
    "Предлагается уточнить редакцию нормы, чтобы обязанности владельцев платформ "
    "и сроки исполнения требований уполномоченного органа были определены однозначно."
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--proposals", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    checker = shutil.which("check-jsonschema")
    if checker is None:
        sys.exit("check-jsonschema is not installed (pip install -e '.[test]')")

    with tempfile.TemporaryDirectory(prefix="billtrack-bench-") as tmp:
        repo = Path(tmp)
        subprocess.run(["git", "init", "-q"], cwd=repo, env=ENV, check=True)
        root = repo / "amendments"
        bill = make_bill(200)
        bill["id"] = "big-bill"
        # One provision in ten is kept in two languages, so that text-language-drift
        # has texts to compare (the rest of the bill is the single-language bill of
        # before, so that the figures stay comparable).
        for provision in bill["provisions"][::10]:
            provision["text"] = {"kk": provision["text"], "ru": provision["text"]}
        (root / "big-bill" / "proposals").mkdir(parents=True)
        (root / "parties.yaml").write_text(
            '- id: "mazhilis"\n  name: "Mazhilis"\n  kind: "chamber"\n', encoding="utf-8"
        )
        (root / "big-bill" / "bill.yaml").write_text(to_yaml(bill), encoding="utf-8")
        ids = [p["id"] for p in bill["provisions"]]
        files = []
        for n in range(1, args.proposals + 1):
            path = root / "big-bill" / "proposals" / f"P-{n:04d}.yaml"
            target = ids[n % len(ids)]
            path.write_text(
                f'date: "2021-11-{n % 28 + 1:02d}"\nauthor: "mazhilis"\naction: "replace"\n'
                f'target: "{target}"\ntext: "{RATIONALE} ({target})"\nrationale: "{RATIONALE}"\n'
                f'sources:\n  - "Kazinform, 2021-11"\n',
                encoding="utf-8",
            )
            files.append(str(path))
        _readings(repo, root / "big-bill", bill)
        schema = repo / "proposal.schema.json"
        schema.write_text(
            subprocess.run(
                [sys.executable, "-m", "billtrack", "schema", "proposal"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout,
            encoding="utf-8",
        )
        ours = [sys.executable, "-m", "billtrack", "validate", "--strict"]
        commands = [
            Command("billtrack validate --strict (every rule)", ours, ok=(0,)),
            Command(
                "check-jsonschema (schema only)",
                [checker, "--schemafile", str(schema), *files],
                ok=(0,),
            ),
        ]
        medians = median_times(commands, cwd=repo, env=ENV, rounds=args.repeat)
        cpus = _cpu_medians(commands, repo, args.repeat)
    print(f"{args.proposals:,} proposal files + a 200-provision bill; median of {args.repeat}")
    print(f"  {'':<44} {'wall':>7} {'CPU':>7}")
    for (name, seconds), cpu in zip(medians.items(), cpus, strict=True):
        print(f"  {name:<44} {seconds * 1000:4.0f} ms {cpu * 1000:4.0f} ms")
    ours_wall, theirs_wall = medians.values()
    ours_cpu, theirs_cpu = cpus
    print(
        f"  billtrack is {theirs_wall / ours_wall:.1f}x faster "
        f"({theirs_cpu / ours_cpu:.1f}x in CPU time, steadier on a shared machine)"
    )


def _cpu_medians(commands: list[Command], cwd: Path, rounds: int) -> list[float]:
    """The median CPU time (user + system, the command and its children) of each
    command over rounds: what a loaded machine's waiting does not inflate."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(rounds):
        for i, command in enumerate(commands):
            if command.before is not None:
                command.before()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run(list(command.argv), cwd=cwd, env=ENV, capture_output=True)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            times[i].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return [statistics.median(t) for t in times]


def _commit(repo: Path, message: str, date: str) -> str:
    env = {**ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    env |= {"GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org"}
    env |= {"GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}
    subprocess.run(["git", "add", "-A"], cwd=repo, env=env, check=True)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=repo, env=env, check=True)
    done = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=repo, env=env, capture_output=True, text=True
    )
    return done.stdout.strip()


def _readings(repo: Path, folder: Path, bill: dict[str, object]) -> None:
    """Two readings, each pinning a commit of the text; between them some provisions
    change in both languages, as a committee between the readings approved (so that
    change-unexplained has changes to explain, and each is explained). The proposals stay
    pending (those on one provision propose the same wording, so they do not collide):
    the data stay valid under --strict."""
    first = _commit(repo, "first reading text", "2021-09-20T12:00:00")
    provisions = bill["provisions"]
    assert isinstance(provisions, list)
    changed = [provision["id"] for provision in provisions[::5]]
    for provision in provisions[::5]:
        text = provision["text"]
        provision["text"] = (
            {lang: value + " (2)" for lang, value in text.items()}
            if isinstance(text, dict)
            else text + " (2)"
        )
    (folder / "bill.yaml").write_text(to_yaml(bill), encoding="utf-8")
    second = _commit(repo, "second reading text", "2022-01-10T12:00:00")
    events = folder / "events"
    events.mkdir()
    (events / "2021-12-committee.yaml").write_text(
        'date: "2021-12-01"\nkind: committee\noutcome: approved\nprovisions:\n'
        + "".join(f'  - "{pid}"\n' for pid in changed),
        encoding="utf-8",
    )
    for name, date, stage, commit in (
        ("2021-10-first-reading", "2021-10-01", "first-reading", first),
        ("2022-02-second-reading", "2022-02-01", "second-reading", second),
    ):
        (events / f"{name}.yaml").write_text(
            f'date: "{date}"\nkind: reading\nstage: {stage}\nversion: "{commit}"\n',
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
