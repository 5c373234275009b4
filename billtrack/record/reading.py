"""The use case of a reading: a new event that pins the commit holding the text read,
tagged `BILL/STAGE` (a tag is never moved), refused when the bill's text on disk is not
that commit's (the reading would not be reproducible). Returns what it did; never prints.
"""

from __future__ import annotations

from billtrack.errors import UsageError
from billtrack.record.draft import EventDraft
from billtrack.record.event import check_event, details, write_event
from billtrack.record.fields import Field, InvalidValue, Rejected, invalid
from billtrack.record.transaction import Recorded, git_path
from billtrack.record.workspace import Workspace
from billtrack.store.git import check_revision
from billtrack.store.gitwrite import GitWriter
from billtrack.store.layout import EVENTS_DIR, PROPOSALS_DIR, BillFiles
from billtrack.suggest import listing

# Records about the text (events, proposals) never change it: a reading may be recorded
# while they differ from the pinned commit. Everything else in the bill folder is the text.
_NOT_TEXT = (EVENTS_DIR, PROPOSALS_DIR)


def record_reading(
    ws: Workspace,
    draft: EventDraft,
    *,
    version: str = "HEAD",
    tag: bool = True,
    commit: bool = False,
) -> Recorded:
    """A reading of `draft.stage` that pins the commit `version` names."""
    if draft.kind != "reading" or draft.stage is None:
        raise UsageError("a reading is an event of kind reading, with its stage")
    stage = draft.stage
    check_event(ws, draft)
    if ws.root.repo is None:
        raise UsageError(
            f"a reading pins a git commit, but {ws.root.display(ws.root.path)} is not in a "
            "git repository"
        )
    git = GitWriter(ws.root.repo)
    try:
        pinned = _pinned_commit(git, version)
        # git's own refusals (the text on disk, the tag) come first: they need no scratch
        # copy and say more. The record itself is checked by validate in write_event.
        _check_text_on_disk(ws, git, pinned, version)
        tag_name = f"{ws.bill_id}/{stage}"
        if tag:
            _check_new_tag(git, tag_name)
        if tag or commit:
            git.check_identity()
        return write_event(
            ws,
            draft,
            git=git,
            version=pinned,
            slug_texts=[stage],
            subject=lambda _: (
                f"Record reading {stage} of {ws.bill_id} ({details(draft.date, draft.outcome)})"
            ),
            commit=commit,
            tag=(tag_name, pinned) if tag else None,
        )
    finally:
        git.close()


def _pinned_commit(git: GitWriter, version: str) -> str:
    try:
        check_revision(version)
    except UsageError:
        raise invalid("version", f"{version!r} is not a revision") from None
    pinned = git.resolve(version)
    if pinned is not None:
        return pinned
    if version == "HEAD":
        raise UsageError(
            "the repository has no commits yet: commit the bill's text first "
            "(a reading pins the commit that holds it)"
        )
    raise invalid(
        "version",
        f"{version!r} is not a commit of this repository "
        "(give a commit id, tag or branch; the default is HEAD)",
    )


def _check_new_tag(git: GitWriter, name: str) -> None:
    if not git.is_tag_name(name):
        raise InvalidValue(f"{name!r} cannot be a git tag name; record it with ", Field("no_tag"))
    existing = git.tag_target(name)
    if existing is not None:
        raise Rejected(
            f"tag {name} already exists (on {existing[:7]}) and a tag is never moved: record "
            "this reading with ",
            Field("no_tag"),
            ", or delete the tag first if it is wrong",
        )


def _check_text_on_disk(ws: Workspace, git: GitWriter, commit: str, version: str) -> None:
    """Refuse to pin a commit whose text is not the text on disk (not reproducible)."""
    folder = git_path(ws.root, ws.folder)
    parties = git_path(ws.root, ws.root.parties_file)
    bill_file = f"{folder}/{BillFiles(ws.folder).bill.name}"
    short = commit[:7]
    if not git.has_file(commit, bill_file):
        raise Rejected(
            f"commit {short} ({version}) does not hold {bill_file}: a reading pins the commit "
            "that holds the text read (commit the text first, or pass ",
            Field("version"),
            ")",
        )
    skip = tuple(f"{folder}/{sub}/" for sub in _NOT_TEXT)
    changed = [
        (p, how) for p, how in git.changed(commit, [folder, parties]) if not p.startswith(skip)
    ]
    if changed:
        listed = listing(f"{p} ({how})" for p, how in changed)
        raise Rejected(
            f"the bill's text on disk differs from commit {short} ({version}): {listed}; "
            "the reading would not be reproducible. Commit the text first, or pass ",
            Field("version"),
            " with the commit that holds the text that was read",
        )
