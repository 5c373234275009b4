"""Rules about readings: the commit a reading pins is in the repository."""

from __future__ import annotations

from collections.abc import Iterator

from billtrack.problems import Problem
from billtrack.validate.context import BillRecords, Context
from billtrack.validate.registry import problem, rule


@rule("reading-version", scope="bill")
def pinned_commits(ctx: Context, records: BillRecords) -> Iterator[Problem]:
    """The commit each reading pins exists. Without a repository, or in a shallow clone
    that may just not have fetched it, that cannot be told: a note, not an error."""
    pinned = [(doc, e) for doc, e in records.events if e.version]
    if not pinned:
        return
    if ctx.git is None:
        for doc, _ in pinned:
            yield problem(
                doc.path,
                doc.pos(("version",)),
                "reading-version",
                "the data root is not in a git repository, so this commit cannot be checked",
                level="note",
            )
        return
    missing = records.missing  # asked of git once, by the checker
    shallow = bool(records.unfetched)
    for doc, event in pinned:
        if event.version not in missing:
            continue
        if shallow:
            yield problem(
                doc.path,
                doc.pos(("version",)),
                "reading-version",
                f"commit {event.version} is not in this shallow clone, so this reading "
                "cannot be checked; fetch the history with `git fetch --unshallow`",
                level="note",
            )
        else:
            yield problem(
                doc.path,
                doc.pos(("version",)),
                "reading-version",
                f"commit {event.version} does not exist in this repository",
            )
