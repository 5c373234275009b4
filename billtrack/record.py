"""Recording what happened: readings, consultations, proposals, decisions and parties.

Every write goes the same way. The record is built from the caller's values, then checked
with exactly the checks `billtrack validate` runs (schema and cross-references), on a
scratch mirror of the bill made of links, so nothing real is touched before the record is
known to be good. Only then is the file created (atomic and create-only), then tagged,
then committed; if tagging or committing fails, or Ctrl-C arrives, after the file exists,
that file (and only what this command made) is removed again. Existing records are never
edited: a decision is a new event, and a party is appended to parties.yaml under a lock
without rewriting a byte of it.

This module returns what it did and never prints; it imports neither Typer nor rich, and
GitPython only inside the functions that write to git (it costs ~0.1-0.2 s at import).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import signal
import threading
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import FrameType
from typing import Any

from billtrack.errors import EXIT_INTERRUPTED, BilltrackError, DataError, UsageError, WriteError
from billtrack.model import (
    Bill,
    Decision,
    Event,
    Party,
    Position,
    Proposal,
    build_bill,
    build_event,
    build_parties,
    build_proposal,
)
from billtrack.problems import Problem, ProblemError
from billtrack.store.atomic import (
    Edit,
    RecordExistsError,
    append_locked,
    create_file,
    discard,
)
from billtrack.store.gitwrite import GitWriter
from billtrack.store.layout import (
    EVENTS_DIR,
    PROPOSALS_DIR,
    BillFiles,
    Root,
    inside,
    is_record_id,
    load_parties,
)
from billtrack.store.yamlio import Document, load
from billtrack.store.yamlwrite import dump

_DATE = re.compile(r"^([0-9]{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12][0-9]|3[01]))?)?$")
_DATE_HINT = "YYYY, YYYY-MM or YYYY-MM-DD"
_EXTENSION_KEY = re.compile(r"^x-[A-Za-z0-9][A-Za-z0-9_.-]*$")
_PROPOSAL_NUMBER = re.compile(r"^P-([0-9]+)$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_SHOW_AT_MOST = 20
# How many derived ids to try when others take them at the same moment.
_ID_ATTEMPTS = 20


class Interrupted(BilltrackError):
    """Ctrl-C (or SIGTERM) arrived; whatever this command had made was removed."""

    exit_code = EXIT_INTERRUPTED


class Refused(WriteError):
    """The new record would not pass `billtrack validate`; nothing was written."""


# --- the vocabulary (from the schemas: one source of truth) ----------------------------


def _enum(kind: str, *path: str) -> tuple[str, ...]:
    from billtrack.schemas import schema

    node: Any = schema(kind)
    for part in path:
        node = node[part]
    return tuple(node["enum"])


def event_kinds() -> tuple[str, ...]:
    return _enum("event", "properties", "kind")


def outcomes() -> tuple[str, ...]:
    return _enum("event", "properties", "outcome")


def stances() -> tuple[str, ...]:
    return _enum("event", "$defs", "position", "properties", "stance")


def statuses() -> tuple[str, ...]:
    return _enum("event", "$defs", "decision", "properties", "status")


def actions() -> tuple[str, ...]:
    return _enum("proposal", "properties", "action")


def party_kinds() -> tuple[str, ...]:
    return _enum("parties", "$defs", "party", "properties", "kind")


# --- what the bill holds now -----------------------------------------------------------


@dataclass(frozen=True)
class Workspace:
    """One bill as it is on disk: what a new record may refer to."""

    root: Root
    bill_id: str
    folder: Path
    bill: Bill
    parties: tuple[Party, ...]
    events: tuple[Event, ...]
    proposals: tuple[Proposal, ...]
    # The ids of every record file present, readable or not (so no id is reused).
    event_ids: frozenset[str]
    proposal_ids: frozenset[str]

    @property
    def party_ids(self) -> list[str]:
        return [p.id for p in self.parties]

    @property
    def stages(self) -> list[str]:
        return list(self.bill.stages)

    @property
    def provision_ids(self) -> list[str]:
        """The provisions in the text now, then the ones pending add proposals will create."""
        ids = [p.id for p in self.bill.provisions]
        ids += [p.target for p in self.proposals if p.action == "add" and p.target not in ids]
        return ids

    def decisions(self) -> dict[str, tuple[Event, Decision]]:
        """Each decided proposal, with the event that decided it (the first one)."""
        decided: dict[str, tuple[Event, Decision]] = {}
        for event in sorted(self.events, key=lambda e: e.path):
            for decision in event.decisions:
                decided.setdefault(decision.proposal, (event, decision))
        return decided

    def proposal_status(self, proposal_id: str) -> str:
        found = self.decisions().get(proposal_id)
        return found[1].status if found else "proposed"

    def open_proposals(self) -> list[str]:
        decided = self.decisions()
        return [p.id for p in self.proposals if p.id not in decided]

    def shown(self, path: Path) -> str:
        return self.root.display(path)


def _read(root: Root, path: Path, shown: str | None = None) -> Document:
    shown = shown if shown is not None else root.display(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read {shown}: {exc.strerror or exc}") from None
    return load(raw, shown)


def open_bill(root: Root, bill_id: str | None) -> Workspace:
    """The bill a write command works on: the one named, or the only one there is.

    bill.yaml and parties.yaml must be readable (a new record is checked against them);
    an unreadable event or proposal is skipped here and reported by validate.
    """
    bill_id = root.choose_bill(bill_id)
    folder = root.bill_folder(bill_id)
    files = BillFiles(folder)
    try:
        bill = build_bill(_read(root, files.bill))
    except ProblemError as exc:
        raise DataError(f"{exc.message} (fix bill.yaml first)") from None
    parties = load_parties(root)
    events: list[Event] = []
    proposals: list[Proposal] = []
    shown = root.display(folder)  # once: resolving every record's path costs
    for path in files.events():
        if is_record_id(path.stem):
            with contextlib.suppress(ProblemError, DataError):
                doc = _read(root, path, f"{shown}/{EVENTS_DIR}/{path.name}")
                events.append(build_event(doc, path.stem))
    for path in files.proposals():
        if is_record_id(path.stem, proposal=True):
            with contextlib.suppress(ProblemError, DataError):
                doc = _read(root, path, f"{shown}/{PROPOSALS_DIR}/{path.name}")
                proposals.append(build_proposal(doc, path.stem))
    return Workspace(
        root=root,
        bill_id=bill_id,
        folder=folder,
        bill=bill,
        parties=parties,
        events=tuple(events),
        proposals=tuple(proposals),
        event_ids=frozenset(p.stem for p in files.events()),
        proposal_ids=frozenset(p.stem for p in files.proposals()),
    )


# --- values from the command line --------------------------------------------------------


def listing(values: Iterable[str]) -> str:
    """`a, b, c` (cut after a score of names), or `none`."""
    names = list(values)
    if not names:
        return "none"
    shown = ", ".join(names[:_SHOW_AT_MOST])
    more = f", ... ({len(names)} in all)" if len(names) > _SHOW_AT_MOST else ""
    return shown + more


def check_date(value: str, option: str = "--date") -> str:
    match = _DATE.match(value)
    if match is None:
        raise UsageError(f"{option} {value!r} is not a date ({_DATE_HINT})")
    if match[3]:
        try:
            dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            raise UsageError(f"{option} {value!r} is not a calendar date") from None
    return value


def check_choice(value: str, choices: Sequence[str], option: str) -> str:
    if value not in choices:
        raise UsageError(f"{option} {value!r} is not one of: {', '.join(choices)}")
    return value


def parse_position(text: str) -> Position:
    """`PARTY=STANCE` or `PARTY=STANCE:NOTE` (a stance never holds a colon)."""
    party, sep, rest = text.partition("=")
    stance, _, note = rest.partition(":")
    party, stance = party.strip(), stance.strip()
    if not sep or not party or not stance:
        raise UsageError(f"--position {text!r}: expected PARTY=STANCE or PARTY=STANCE:NOTE")
    check_choice(stance, stances(), f"--position {party}=")
    # Spaces after the colon are layout (`facebook=opposes: No office`); the rest of the
    # note is kept exactly.
    return Position(party=party, stance=stance, note=note.lstrip(" ") or None)


def parse_decision(text: str) -> Decision:
    """`PROPOSAL=STATUS` or `PROPOSAL=STATUS:NOTE`."""
    proposal, sep, rest = text.partition("=")
    status, _, note = rest.partition(":")
    proposal, status = proposal.strip(), status.strip()
    if not sep or not proposal or not status:
        raise UsageError(f"--decision {text!r}: expected PROPOSAL=STATUS or PROPOSAL=STATUS:NOTE")
    check_choice(status, statuses(), f"--decision {proposal}=")
    return Decision(proposal=proposal, status=status, note=note.lstrip(" ") or None)


def parse_extension(text: str) -> tuple[str, str]:
    """`x-KEY=VALUE`: a user extension field, kept as it is."""
    key, sep, value = text.partition("=")
    if not sep or not _EXTENSION_KEY.match(key):
        raise UsageError(
            f"--extension {text!r}: expected x-KEY=VALUE (the key starts with 'x-': "
            "extensions are the only keys outside the schema)"
        )
    return key, value


def split_ids(values: Iterable[str]) -> list[str]:
    """Repeated and comma-separated ids, in order, each once."""
    out: list[str] = []
    for value in values:
        for part in value.split(","):
            part = part.strip()
            if part and part not in out:
                out.append(part)
    return out


def _extensions(items: Iterable[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for item in items:
        key, value = parse_extension(item)
        if key in found:
            raise UsageError(f"--extension {key} is given twice")
        found[key] = value
    return found


def _sources(values: Iterable[str]) -> list[str]:
    sources = list(values)
    if any(not s.strip() for s in sources):
        raise UsageError("--source must not be empty")
    return sources


# --- ids ----------------------------------------------------------------------------------

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia", "ә": "a", "ғ": "g", "қ": "q", "ң": "n", "ө": "o", "ұ": "u", "ү": "u",
    "һ": "h", "і": "i", "є": "ie", "ї": "i", "ґ": "g", "ў": "u",
}  # fmt: skip
_STOPWORDS = frozenset(
    {
        *("a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with"),
        *("and", "or", "its", "is", "was", "were", "be", "been"),
        *("и", "в", "во", "на", "с", "со", "о", "об", "по", "к", "ко", "за", "из", "от"),
        *("для", "что", "а", "но"),
    }
)
_SLUG_WORDS = 4
_SLUG_LENGTH = 40


def slugify(text: str) -> str:
    """The first few words of `text` as an id part: ASCII, lowercase, dashes ('' if none).

    Cyrillic (Russian, Kazakh, Ukrainian) is transliterated; other scripts fall back to
    their ASCII decomposition, or to nothing.
    """
    words: list[str] = []
    for raw in re.findall(r"[^\W_]+", text.lower()):
        if raw in _STOPWORDS:
            continue
        spelled = "".join(_CYRILLIC.get(ch, ch) for ch in raw)
        ascii_ = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode()
        word = re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")
        if not word:
            continue
        if words and len("-".join([*words, word])) > _SLUG_LENGTH:
            break
        words.append(word[:_SLUG_LENGTH].strip("-"))
        if len(words) == _SLUG_WORDS:
            break
    return "-".join(words)


def _unique(base: str, taken: Iterable[str]) -> str:
    lowered = {t.lower() for t in taken}
    base = base[:76].rstrip("-._")
    candidate, n = base, 1
    while candidate.lower() in lowered:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def derive_event_id(
    date: str, *texts: str | None, taken: Iterable[str] = (), slug: str | None = None
) -> str:
    """`DATE-slug`: `slug` as it is, or from the first of `texts` that gives one; `-2`,
    `-3`... when taken."""
    if not slug:
        slug = next((s for t in texts if t and (s := slugify(t))), "event")
    return _unique(f"{date}-{slug}", taken)


def next_proposal_id(taken: Iterable[str]) -> str:
    """The next free `P-NNNN`: one past the highest number in use (gaps are not reused)."""
    numbers = [int(m[1]) for t in taken if (m := _PROPOSAL_NUMBER.match(t))]
    return f"P-{(max(numbers, default=0) + 1):04d}"


def _check_id(value: str, *, proposal: bool = False, option: str = "--id") -> str:
    if not is_record_id(value, proposal=proposal):
        allowed = "letters, digits" if proposal else "lowercase letters, digits"
        raise UsageError(
            f"{option} {value!r} is not a valid id: {allowed}, '.', '_' and '-', starting "
            "with a letter or digit, at most 80 characters (an id is a name, never a path)"
        )
    return value


def _check_free(value: str, taken: Iterable[str], shown_folder: str) -> None:
    lowered = value.lower()
    for other in taken:
        if other.lower() == lowered:
            raise RecordExistsError(
                f"{shown_folder}/{other}.yaml already exists; records are never overwritten "
                "(choose another --id)"
            )


# --- checking a new record with validate's own checks ------------------------------------

# Which option set each top-level field, to name it in messages.
_OPTION_OF = {
    "date": "--date",
    "kind": "--kind",
    "stage": "--stage",
    "body": "--body",
    "participants": "--with",
    "outcome": "--outcome",
    "version": "--version",
    "provisions": "--provision",
    "positions": "--position",
    "decisions": "--decision",
    "summary": "--summary",
    "sources": "--source",
    "author": "--author",
    "action": "--action",
    "target": "--target",
    "text": "--text",
    "after": "--after",
    "rationale": "--rationale",
    "name": "--name",
    "country": "--country",
    "note": "--note",
}


def validate_with(root: Root, bill_id: str | None, files: Mapping[str, bytes]) -> list[Problem]:
    """What `billtrack validate` would report if `files` (relative to the data root) were
    written: parties.yaml and the bill `bill_id` (or parties.yaml alone)."""
    from billtrack.store.git import Git
    from billtrack.validate import validate

    overlay = {root.path / relative: data for relative, data in files.items()}
    git = Git(root.repo) if root.repo is not None else None
    try:
        report = validate(root, [bill_id] if bill_id else [], git=git, overlay=overlay)
    finally:
        if git is not None:
            git.close()
    return report.problems


def _field_at(doc: Document, line: int) -> str | None:
    """The top-level key whose value holds `line` in a record we wrote."""
    best: tuple[int, str] | None = None
    for path, (key_line, _) in doc.key_marks.items():
        if len(path) == 1 and key_line <= line and (best is None or key_line >= best[0]):
            best = (key_line, str(path[0]))
    return best[1] if best else None


def _explain(problems: Sequence[Problem], doc: Document, known: Mapping[str, str]) -> str:
    """Problems of a would-be record in the user's terms: the option, and what is known."""
    parts = []
    for problem in problems:
        field = _field_at(doc, problem.line) if problem.line else None
        option = _OPTION_OF.get(field or "", field or "")
        message = problem.message
        extra = known.get(problem.code)
        if extra and "known:" not in message:
            message += f" (known: {extra})"
        parts.append(f"{option}: {message}" if option else message)
    return "; ".join(parts)


def _reads_back(data: bytes, record: Any, shown: str) -> Document:
    """Prove the bytes load back as exactly the record (no value changed, no key added)."""
    try:
        doc = load(data, shown)
    except ProblemError as exc:  # pragma: no cover - yamlwrite always writes valid YAML
        raise WriteError(f"internal error: {shown} would not load ({exc}); not written") from None
    if doc.data != record:  # pragma: no cover - the same guarantee, checked on every write
        raise WriteError(f"internal error: {shown} would not read back as written; nothing written")
    return doc


# --- carrying a record out ----------------------------------------------------------------


class _Interrupts:
    """Holds SIGINT and SIGTERM back while a record is written, tagged and committed, so
    that they land between steps, where what was done can be undone, never inside one."""

    def __init__(self) -> None:
        self.received: int | None = None
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> _Interrupts:
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGINT, signal.SIGTERM):
                self._previous[signum] = signal.signal(signum, self._hold)
        return self

    def _hold(self, signum: int, frame: FrameType | None) -> None:
        self.received = signum

    def check(self) -> None:
        if self.received is not None:
            raise KeyboardInterrupt

    def __exit__(self, *exc: object) -> None:
        for signum, previous in self._previous.items():
            signal.signal(signum, previous if previous is not None else signal.SIG_DFL)


@dataclass(frozen=True)
class Recorded:
    """What a write command did, for the CLI to report one line per thing done."""

    what: str  # "event", "proposal" or "party"
    record_id: str
    path: str  # as shown to users: relative to the repository top
    created: bool = True  # False when appended to an existing file
    tag: str | None = None
    commit: str | None = None


@dataclass(frozen=True)
class _Plan:
    what: str
    record_id: str
    path: Path
    shown: str
    data: bytes
    tag: tuple[str, str, str] | None = None  # name, commit, message
    commit_message: str | None = None


def _git_path(root: Root, path: Path) -> str:
    try:
        return root.relative(path)
    except ValueError:
        raise UsageError(f"{root.display(path)} is outside the git repository") from None


def _carry_out(root: Root, plan: _Plan, git: GitWriter | None) -> Recorded:
    """Write the file, then tag, then commit; undo what was done if a later step fails."""
    with _Interrupts() as interrupts:
        create_file(plan.path, plan.data, shown=plan.shown)
        tag_oid: str | None = None
        staged = False
        commit: str | None = None
        try:
            interrupts.check()
            if plan.tag is not None:
                assert git is not None
                tag_oid = git.create_tag(*plan.tag)
                interrupts.check()
            if plan.commit_message is not None:
                assert git is not None
                relative = _git_path(root, plan.path)
                staged = True
                git.stage(relative)
                interrupts.check()
                commit = git.commit(relative, plan.commit_message)
        except BaseException as exc:
            undone = _undo(root, plan, git, tag_oid, staged)
            if isinstance(exc, KeyboardInterrupt):
                raise Interrupted(f"interrupted; {undone}") from None
            if isinstance(exc, BilltrackError):
                raise WriteError(f"{exc.message}; {undone}") from None
            raise
    return Recorded(
        what=plan.what,
        record_id=plan.record_id,
        path=plan.shown,
        tag=plan.tag[0] if plan.tag else None,
        commit=commit,
    )


def _undo(root: Root, plan: _Plan, git: GitWriter | None, tag_oid: str | None, staged: bool) -> str:
    """Remove what this command made, and say what happened."""
    notes: list[str] = []
    # Nothing here may be interrupted half-way: hold signals for the clean-up too.
    with _Interrupts():
        if staged and git is not None:
            try:
                git.unstage(_git_path(root, plan.path))
            except BilltrackError:
                notes.append(f"could not unstage {plan.shown}")
        try:
            discard(plan.path)
            notes.insert(0, f"removed {plan.shown}")
        except OSError as exc:
            notes.insert(0, f"could not remove {plan.shown} ({exc.strerror or exc}): remove it")
        if tag_oid is not None and plan.tag is not None and git is not None:
            try:
                git.delete_tag(plan.tag[0], tag_oid)
                notes.append(f"deleted tag {plan.tag[0]}")
            except BilltrackError:
                notes.append(f"could not delete tag {plan.tag[0]}: delete it with git tag -d")
    return ", ".join(notes) + "; nothing recorded"


def _header(root: Root, kind: str) -> list[str]:
    """The yaml-language-server schema line, when the project keeps schema copies."""
    if (root.path / ".schemas" / f"{kind}.schema.json").is_file():
        return [f"yaml-language-server: $schema=../../.schemas/{kind}.schema.json"]
    return []


def _known(ws: Workspace) -> dict[str, str]:
    return {
        "ref-party": listing(ws.party_ids),
        "ref-provision": listing(ws.provision_ids),
        "ref-proposal": listing(sorted(p.id for p in ws.proposals)),
    }


def _plan_record(
    ws: Workspace,
    *,
    what: str,
    folder: str,
    record_id: str,
    record: dict[str, Any],
    kind: str,
) -> _Plan:
    """The file for a new record, checked by validate's own checks before anything exists."""
    path = inside(ws.root.path, ws.folder / folder / f"{record_id}.yaml")
    shown = ws.shown(path)
    data = dump(record, header=_header(ws.root, kind)).encode("utf-8")
    doc = _reads_back(data, record, shown)
    relative = f"{ws.bill_id}/{folder}/{record_id}.yaml"
    problems = [p for p in validate_with(ws.root, ws.bill_id, {relative: data}) if p.path == shown]
    if problems:
        raise Refused(f"refused, nothing written: {_explain(problems, doc, _known(ws))}")
    return _Plan(what=what, record_id=record_id, path=path, shown=shown, data=data)


def _with_id(
    given: str | None,
    derive: Callable[[], str],
    attempt: Callable[[str], Recorded],
) -> Recorded:
    """Run `attempt` with the given id, or with derived ones until one is free (another
    command may take a derived id at the same moment: then the next one is used)."""
    if given is not None:
        return attempt(given)
    for _ in range(_ID_ATTEMPTS):
        try:
            return attempt(derive())
        except RecordExistsError:
            continue
    raise WriteError("could not find a free id: give one with --id")


# --- events ---------------------------------------------------------------------------------


def _event_record(
    *,
    date: str,
    kind: str,
    stage: str | None = None,
    body: str | None = None,
    participants: Sequence[str] = (),
    outcome: str | None = None,
    version: str | None = None,
    provisions: Sequence[str] = (),
    positions: Sequence[Position] = (),
    decisions: Sequence[Decision] = (),
    summary: str | None = None,
    sources: Sequence[str] = (),
    extensions: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    record: dict[str, Any] = {"date": date, "kind": kind}
    optional: dict[str, Any] = {
        "stage": stage,
        "body": body,
        "participants": list(participants),
        "outcome": outcome,
        "version": version,
        "provisions": list(provisions),
        "positions": [_without_none(_fields_of(p)) for p in positions],
        "decisions": [_without_none(_fields_of(d)) for d in decisions],
        "summary": summary,
        "sources": list(sources),
    }
    record.update({k: v for k, v in optional.items() if v not in (None, "", [])})
    record.update(extensions or {})
    return record


def _fields_of(item: Position | Decision) -> dict[str, str | None]:
    if isinstance(item, Decision):
        return {"proposal": item.proposal, "status": item.status, "note": item.note}
    return {"party": item.party, "stance": item.stance, "note": item.note}


def _without_none(record: dict[str, str | None]) -> dict[str, str]:
    return {k: v for k, v in record.items() if v is not None}


def _check_decisions(ws: Workspace, decisions: Sequence[Decision]) -> None:
    """Each proposal exists, is not decided yet, and is decided once in this event."""
    known = {p.id for p in ws.proposals}
    decided = ws.decisions()
    seen: set[str] = set()
    for decision in decisions:
        pid = decision.proposal
        if pid not in known:
            raise WriteError(
                f"unknown proposal {pid!r}; known proposals: "
                + listing(f"{p.id} ({ws.proposal_status(p.id)})" for p in ws.proposals)
            )
        if pid in decided:
            event, earlier = decided[pid]
            raise WriteError(
                f"proposal {pid} was already decided ({earlier.status}) in "
                f"{event.path}; "
                "a proposal is decided once (record a new proposal to revisit it)"
            )
        if pid in seen:
            raise UsageError(f"proposal {pid} is decided twice in this command")
        seen.add(pid)


def _event_id_for(ws: Workspace, event_id: str | None) -> str | None:
    if event_id is None:
        return None
    _check_id(event_id)
    _check_free(event_id, ws.event_ids, ws.shown(ws.folder / EVENTS_DIR))
    return event_id


def _record_event(
    ws: Workspace,
    *,
    record: dict[str, Any],
    event_id: str | None,
    slug_texts: Sequence[str | None],
    describe: Callable[[str], str],
    commit: bool,
    git: GitWriter | None,
    tag: tuple[str, str] | None = None,  # name, commit
    slug: str | None = None,
) -> Recorded:
    def attempt(record_id: str) -> Recorded:
        plan = _plan_record(
            ws, what="event", folder=EVENTS_DIR, record_id=record_id, record=record, kind="event"
        )
        subject = describe(record_id)
        body = "".join(
            line for line in plan.data.decode("utf-8").splitlines(True) if not line.startswith("#")
        )
        plan = replace(
            plan,
            tag=(tag[0], tag[1], f"{subject}\n\n{body}") if tag else None,
            commit_message=subject if commit else None,
        )
        return _carry_out(ws.root, plan, git)

    def derive() -> str:
        taken = {p.stem for p in BillFiles(ws.folder).events()}
        return derive_event_id(record["date"], *slug_texts, taken=taken, slug=slug)

    return _with_id(_event_id_for(ws, event_id), derive, attempt)


def _writer(ws: Workspace, *, needed: bool) -> GitWriter | None:
    if not needed:
        return None
    if ws.root.repo is None:
        raise UsageError(f"{ws.root.display(ws.root.path)} is not inside a git repository")
    return GitWriter(ws.root.repo)


def _details(*parts: str | None) -> str:
    return ", ".join(p for p in parts if p)


def record_reading(
    ws: Workspace,
    *,
    stage: str,
    date: str,
    body: str | None = None,
    outcome: str | None = None,
    version: str = "HEAD",
    event_id: str | None = None,
    provisions: Sequence[str] = (),
    decisions: Sequence[Decision] = (),
    summary: str | None = None,
    sources: Sequence[str] = (),
    extensions: Sequence[str] = (),
    tag: bool = True,
    commit: bool = False,
) -> Recorded:
    """A reading that pins the commit holding the text read, tagged `BILL/STAGE`."""
    check_date(date)
    _check_id(stage, option="--stage")
    if outcome is not None:
        check_choice(outcome, outcomes(), "--outcome")
    extra = _extensions(extensions)
    source_list = _sources(sources)
    _check_parties(ws, [body] if body else [])
    _check_decisions(ws, decisions)
    _event_id_for(ws, event_id)
    if ws.root.repo is None:
        raise UsageError(
            f"a reading pins a git commit, but {ws.root.display(ws.root.path)} is not in a "
            "git repository"
        )
    git = GitWriter(ws.root.repo)
    try:
        pinned = git.resolve(version)
        record = _event_record(
            date=date,
            kind="reading",
            stage=stage,
            body=body,
            outcome=outcome,
            version=pinned,
            provisions=split_ids(provisions),
            decisions=decisions,
            summary=summary,
            sources=source_list,
            extensions=extra,
        )
        # git's own refusals (the text on disk, the tag) come first: they need no scratch
        # copy and say more. The record itself is checked by validate in _record_event.
        _check_text_on_disk(ws, git, pinned, version)
        tag_name = f"{ws.bill_id}/{stage}"
        if tag:
            git.check_tag_name(tag_name)
            existing = git.tag_target(tag_name)
            if existing is not None:
                raise WriteError(
                    f"tag {tag_name} already exists (on {existing[:7]}) and a tag is never "
                    "moved: record this reading with --no-tag, or delete the tag first if it "
                    "is wrong"
                )
        if tag or commit:
            git.check_identity()

        def describe(_: str) -> str:
            return f"Record reading {stage} of {ws.bill_id} ({_details(date, outcome)})"

        return _record_event(
            ws,
            record=record,
            event_id=event_id,
            slug_texts=[stage],
            describe=describe,
            commit=commit,
            git=git,
            tag=(tag_name, pinned) if tag else None,
        )
    finally:
        git.close()


# Records about the text (events, proposals) never change it: a reading may be recorded
# while they differ from the pinned commit. Everything else in the bill folder is the text.
_NOT_TEXT = (EVENTS_DIR, PROPOSALS_DIR)


def _check_text_on_disk(ws: Workspace, git: GitWriter, commit: str, version: str) -> None:
    """Refuse to pin a commit whose text is not the text on disk (not reproducible)."""
    folder = _git_path(ws.root, ws.folder)
    parties = _git_path(ws.root, ws.root.parties_file)
    bill_file = f"{folder}/{BillFiles(ws.folder).bill.name}"
    short = commit[:7]
    if not git.has_file(commit, bill_file):
        raise WriteError(
            f"commit {short} ({version}) does not hold {bill_file}: a reading pins the commit "
            "that holds the text read (commit the text first, or pass --version)"
        )
    skip = tuple(f"{folder}/{sub}/" for sub in _NOT_TEXT)
    changed = [
        (p, how) for p, how in git.changed(commit, [folder, parties]) if not p.startswith(skip)
    ]
    if changed:
        listed = listing(f"{p} ({how})" for p, how in changed)
        raise WriteError(
            f"the bill's text on disk differs from commit {short} ({version}): {listed}; "
            "the reading would not be reproducible. Commit the text first, or pass --version "
            "with the commit that holds the text that was read"
        )


def record_event(
    ws: Workspace,
    *,
    kind: str,
    date: str,
    participants: Sequence[str] = (),
    body: str | None = None,
    outcome: str | None = None,
    stage: str | None = None,
    positions: Sequence[Position] = (),
    provisions: Sequence[str] = (),
    decisions: Sequence[Decision] = (),
    summary: str | None = None,
    sources: Sequence[str] = (),
    event_id: str | None = None,
    extensions: Sequence[str] = (),
    commit: bool = False,
) -> Recorded:
    """A consultation, negotiation, conclusion, committee meeting or any other event that
    pins no text (a reading goes through record_reading)."""
    return _other_event(
        ws,
        kind=kind,
        date=date,
        participants=participants,
        body=body,
        outcome=outcome,
        stage=stage,
        positions=positions,
        provisions=provisions,
        decisions=decisions,
        summary=summary,
        sources=sources,
        event_id=event_id,
        extensions=extensions,
        commit=commit,
        slug_texts=[summary, kind],
        subject=lambda record_id: (
            f"Record {kind} {record_id} of {ws.bill_id} ({_details(date, outcome)})"
        ),
    )


def decide(
    ws: Workspace,
    proposal_ids: Sequence[str],
    *,
    status: str,
    date: str,
    body: str | None = None,
    kind: str = "committee",
    stage: str | None = None,
    outcome: str | None = None,
    note: str | None = None,
    provisions: Sequence[str] = (),
    summary: str | None = None,
    sources: Sequence[str] = (),
    event_id: str | None = None,
    extensions: Sequence[str] = (),
    commit: bool = False,
) -> Recorded:
    """A new event deciding one or more proposals (a proposal file is never edited). The
    event names the provisions the proposals concern, then any others given."""
    ids = split_ids(proposal_ids)
    if not ids:
        raise UsageError("name the proposal to decide (open: " + listing(ws.open_proposals()) + ")")
    check_choice(status, statuses(), "--status")
    decisions = [Decision(proposal=pid, status=status, note=note or None) for pid in ids]
    _check_decisions(ws, decisions)
    by_id = {p.id: p for p in ws.proposals}
    return _other_event(
        ws,
        kind=kind,
        date=date,
        body=body,
        outcome=outcome,
        stage=stage,
        provisions=[*(by_id[pid].target for pid in ids), *provisions],
        decisions=decisions,
        summary=summary,
        sources=sources,
        event_id=event_id,
        extensions=extensions,
        commit=commit,
        slug_texts=[summary],
        slug=f"{'-'.join(ids)}-{status}".lower()[:_SLUG_LENGTH].strip("-._"),
        subject=lambda _: (
            f"Record decision on {', '.join(ids)} of {ws.bill_id} ({_details(status, date)})"
        ),
    )


def _other_event(
    ws: Workspace,
    *,
    kind: str,
    date: str,
    participants: Sequence[str] = (),
    body: str | None = None,
    outcome: str | None = None,
    stage: str | None = None,
    positions: Sequence[Position] = (),
    provisions: Sequence[str] = (),
    decisions: Sequence[Decision] = (),
    summary: str | None = None,
    sources: Sequence[str] = (),
    event_id: str | None = None,
    extensions: Sequence[str] = (),
    commit: bool = False,
    slug_texts: Sequence[str | None],
    slug: str | None = None,
    subject: Callable[[str], str],
) -> Recorded:
    if kind == "reading":
        raise UsageError("a reading pins the text read: record it with `billtrack reading record`")
    check_choice(kind, [k for k in event_kinds() if k != "reading"], "--kind")
    check_date(date)
    if outcome is not None:
        check_choice(outcome, outcomes(), "--outcome")
    if stage is not None:
        _check_id(stage, option="--stage")
    extra = _extensions(extensions)
    source_list = _sources(sources)
    people = split_ids(participants)
    _check_parties(ws, [*([body] if body else []), *people, *(p.party for p in positions)])
    _check_decisions(ws, decisions)
    _event_id_for(ws, event_id)
    record = _event_record(
        date=date,
        kind=kind,
        stage=stage,
        body=body,
        participants=people,
        outcome=outcome,
        provisions=split_ids(provisions),
        positions=positions,
        decisions=decisions,
        summary=summary,
        sources=source_list,
        extensions=extra,
    )
    git = _writer(ws, needed=commit)
    try:
        if git is not None:
            git.check_identity()
        return _record_event(
            ws,
            record=record,
            event_id=event_id,
            slug_texts=slug_texts,
            describe=subject,
            commit=commit,
            git=git,
            slug=slug,
        )
    finally:
        if git is not None:
            git.close()


# --- proposals -----------------------------------------------------------------------------


def new_proposal(
    ws: Workspace,
    *,
    author: str,
    action: str,
    target: str,
    text: str | None = None,
    after: str | None = None,
    rationale: str | None = None,
    date: str | None = None,
    proposal_id: str | None = None,
    sources: Sequence[str] = (),
    extensions: Sequence[str] = (),
    commit: bool = False,
) -> Recorded:
    """A new amendment proposal, `P-NNNN` numbered unless an id is given. Its status is
    `proposed` until an event decides it."""
    date = check_date(date if date is not None else dt.date.today().isoformat())
    check_choice(action, actions(), "--action")
    _check_id(target, option="--target")
    if after is not None:
        _check_id(after, option="--after")
        if action != "add":
            raise UsageError("--after is only for an add proposal (where the new provision goes)")
    if action in ("add", "replace") and (text is None or not text.strip()):
        raise UsageError(f"--text is required for {action}: the proposed wording")
    if action in ("drop", "renumber") and text is not None:
        raise UsageError(f"--text is not used by {action}; only add and replace propose wording")
    if action == "add" and target in {p.id for p in ws.bill.provisions}:
        raise WriteError(
            f"provision {target!r} is already in the text: an add proposal names the id the new "
            "provision will have (to change an existing one, use --action replace)"
        )
    if proposal_id is not None:
        _check_id(proposal_id, proposal=True)
        _check_free(proposal_id, ws.proposal_ids, ws.shown(ws.folder / PROPOSALS_DIR))
    extra = _extensions(extensions)
    source_list = _sources(sources)
    _check_parties(ws, [author])
    record: dict[str, Any] = {"date": date, "author": author, "action": action, "target": target}
    optional = {"after": after, "text": text, "rationale": rationale or None}
    record.update({k: v for k, v in optional.items() if v is not None})
    if source_list:
        record["sources"] = source_list
    record.update(extra)
    git = _writer(ws, needed=commit)
    try:
        if git is not None:
            git.check_identity()

        def attempt(record_id: str) -> Recorded:
            plan = _plan_record(
                ws,
                what="proposal",
                folder=PROPOSALS_DIR,
                record_id=record_id,
                record=record,
                kind="proposal",
            )
            message = (
                f"Record proposal {record_id} of {ws.bill_id} ({action} {target}, by {author})"
            )
            plan = replace(plan, commit_message=message if commit else None)
            return _carry_out(ws.root, plan, git)

        def derive() -> str:
            taken = {p.stem for p in BillFiles(ws.folder).proposals()}
            return next_proposal_id(taken)

        return _with_id(proposal_id, derive, attempt)
    finally:
        if git is not None:
            git.close()


# --- parties ---------------------------------------------------------------------------------


def add_party(
    root: Root,
    *,
    party_id: str,
    name: str,
    kind: str,
    country: str | None = None,
    note: str | None = None,
    extensions: Sequence[str] = (),
) -> Recorded:
    """Append a party to parties.yaml. Its existing bytes stay exactly as they are: the new
    entry is appended under an exclusive lock, after the would-be file has been checked
    whole in memory. A missing parties.yaml is created."""
    _check_id(party_id, option="party id")
    if not name.strip():
        raise UsageError("--name must not be empty")
    check_choice(kind, party_kinds(), "--kind")
    if country is not None and not _COUNTRY.match(country):
        raise UsageError(f"--country {country!r}: expected an ISO 3166-1 alpha-2 code such as KZ")
    entry: dict[str, Any] = {"id": party_id, "name": name, "kind": kind}
    if country is not None:
        entry["country"] = country
    if note:
        entry["note"] = note
    entry.update(_extensions(extensions))
    if not root.path.is_dir():
        raise UsageError(f"no data root at {root.path}: create one with `billtrack init BILL`")
    path = inside(root.path, root.parties_file)
    shown = root.display(path)
    block = dump([entry]).encode("utf-8")
    # The entry alone must pass the schema; this also loads the checking machinery
    # before the lock is taken, so that the lock is held as briefly as possible.
    alone = validate_with(Root(path=root.path, repo=None), None, {root.parties_file.name: block})
    if any(p.level == "error" for p in alone):
        raise Refused(f"refused, nothing written: {'; '.join(p.message for p in alone)}")
    with _Interrupts() as interrupts:
        if not path.exists():
            _check_parties_bytes(root, None, block, [entry], shown)
            interrupts.check()
            try:
                create_file(path, block, shown=shown)
                return Recorded(what="party", record_id=party_id, path=shown, created=True)
            except RecordExistsError:
                pass  # created by someone else just now: append to theirs

        def plan(old: bytes) -> Edit:
            interrupts.check()
            return _party_edit(root, old, entry, shown)

        append_locked(path, plan, shown=shown)
    return Recorded(what="party", record_id=party_id, path=shown, created=False)


def _party_edit(root: Root, old: bytes, entry: dict[str, Any], shown: str) -> Edit:
    """How to add `entry` to parties.yaml holding `old`, checked whole before it is done."""
    try:
        doc = load(old, shown)
        existing = build_parties(doc)
    except ProblemError as exc:
        raise DataError(f"{exc.message} (fix parties.yaml first; nothing written)") from None
    for i, party in enumerate(existing):
        if party.id == entry["id"]:
            line = doc.pos((i, "id"))[0]
            raise WriteError(f"party {party.id!r} is already in {shown} (line {line})")
    column = doc.pos(())[1] - 1
    block = dump([entry])
    if doc.data == [] and not old.lstrip().startswith(b"-"):
        # An empty flow list (`[]`, as `billtrack init` writes) cannot be extended: that
        # line alone is replaced by the entry, every other byte kept.
        new = _replace_empty_list(old, doc, block, shown)
        edit = Edit(new, replace=True)
    else:
        indented = "".join(" " * column + line if line else line for line in block.splitlines(True))
        separator = b"" if not old or old.endswith(b"\n") else b"\n"
        new = old + separator + indented.encode("utf-8")
        edit = Edit(separator + indented.encode("utf-8"))
    _check_parties_bytes(root, old, new, [*doc.data, entry], shown)
    return edit


def _replace_empty_list(old: bytes, doc: Document, block: str, shown: str) -> bytes:
    line_no = doc.pos(())[0]
    lines = old.decode("utf-8-sig").splitlines(True)
    line = lines[line_no - 1] if 0 < line_no <= len(lines) else ""
    if line.strip() != "[]":
        raise WriteError(
            f"{shown} holds its list in flow style ([...]) and billtrack appends only to a block "
            "list (`- id: ...`) so as never to rewrite it: turn it into one by hand first"
        )
    bom = b"\xef\xbb\xbf" if old.startswith(b"\xef\xbb\xbf") else b""
    lines[line_no - 1] = block
    return bom + "".join(lines).encode("utf-8")


def _check_parties_bytes(
    root: Root, old: bytes | None, new: bytes, expected: list[Any], shown: str
) -> None:
    """The would-be parties.yaml reads as the old list plus the entry (nothing else moved),
    and validate finds nothing in it that it did not find before."""
    try:
        doc = load(new, shown)
    except ProblemError as exc:
        raise WriteError(
            f"appending would make {shown} unreadable ({exc.message}); it is left as it was: "
            "check its end by hand"
        ) from None
    if doc.data != expected:
        raise WriteError(
            f"appending to {shown} would change what its existing lines mean; it is left as "
            "it was: check its end by hand"
        )
    # The old lines keep their places, so what validate found in them before it finds
    # again, identically: anything else comes from the new entry.
    before = set(validate_with(root, None, {root.parties_file.name: old})) if old else set()
    after = validate_with(root, None, {root.parties_file.name: new})
    fresh = [p for p in after if p.path == shown and p not in before]
    if fresh:
        raise Refused("refused, nothing written: " + _explain(fresh, Document(shown, None), {}))


def _check_parties(ws: Workspace, parties: Iterable[str]) -> None:
    """Party ids, refused with the known ones listed before anything else."""
    import difflib

    known = ws.party_ids
    for party in parties:
        if party not in known:
            close = difflib.get_close_matches(party, known, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise WriteError(
                f"unknown party {party!r}{hint} (known parties: {listing(known)}; "
                "add one with `billtrack party add`)"
            )


__all__ = [
    "Interrupted",
    "Recorded",
    "Refused",
    "Workspace",
    "add_party",
    "check_date",
    "decide",
    "derive_event_id",
    "listing",
    "new_proposal",
    "next_proposal_id",
    "open_bill",
    "parse_decision",
    "parse_extension",
    "parse_position",
    "record_event",
    "record_reading",
    "slugify",
    "split_ids",
]
