"""Done when: a new user rebuilds the whole story of the sample bill with the commands
alone, in a scratch repository, and `billtrack validate --strict` passes after every step.

The commands are driven by the sample's own records (amendments/ in this project): every
party, proposal and event is re-recorded from its fields through `billtrack party add`,
`proposal new`, `proposal decide`, `reading record` and `consultation record`, with the
bill's text committed at each of its versions in between; then every rebuilt record must
hold exactly the data of the sample's (a reading's `version` aside: it pins the scratch
repository's commit of the same text).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from billtrack.store.yamlio import load
from billtrack.store.yamlwrite import dump
from tests.support.cli import invoke
from tests.support.records import assert_valid, read_record
from tests.support.repos import Repo

SAMPLE = Path(__file__).resolve().parents[1] / "amendments"
BILL = "kz-child-protection"
FOLDER = f"amendments/{BILL}"

pytestmark = pytest.mark.skipif(
    not (SAMPLE / BILL / "bill.yaml").is_file(), reason="the sample bill is not here"
)


def sample(relative: str) -> Any:
    path = SAMPLE / relative
    return load(path.read_bytes(), str(path)).data


def sample_event(event_id: str) -> dict[str, Any]:
    data = sample(f"{BILL}/events/{event_id}.yaml")
    assert isinstance(data, dict)
    return data


def sample_proposal(proposal_id: str) -> dict[str, Any]:
    data = sample(f"{BILL}/proposals/{proposal_id}.yaml")
    assert isinstance(data, dict)
    return data


# --- the bill's text at each of its versions -------------------------------------------------


def _provision(bill: dict[str, Any], provision_id: str) -> dict[str, Any]:
    return next(p for p in bill["provisions"] if p["id"] == provision_id)


def text_versions() -> list[dict[str, Any]]:
    """v1 (first reading), v2 (after the compromise), v3 (second reading), v4 (final).

    The final text is the sample's bill.yaml; earlier ones undo the proposals applied
    since. Wording the sample does not hold (what a replaced or dropped norm said before)
    is marked as a stand-in.
    """
    final = sample(f"{BILL}/bill.yaml")
    assert isinstance(final, dict)
    v4 = copy.deepcopy(final)
    v3 = copy.deepcopy(v4)
    v3["provisions"] = [p for p in v3["provisions"] if p["id"] != "cyberbullying-expertise"]
    _provision(v3, "blocking-non-compliant")["text"] = "Stand-in: the blocking norm before P-0007."
    v3["provisions"].append(
        {"id": "media-authority-blocking", "text": "Stand-in: the norm P-0008 dropped."}
    )
    v2 = copy.deepcopy(v3)
    _provision(v2, "removal-on-request")["text"] = sample_proposal("P-0004")["text"]
    v1 = copy.deepcopy(v2)
    v1["provisions"] = [
        p
        for p in v1["provisions"]
        if p["id"] not in ("platform-representative", "content-notification-access")
    ]
    _provision(v1, "removal-on-request")["text"] = (
        "Stand-in: removal 'immediately' (before P-0004)."
    )
    v1["provisions"].append({"id": "local-office", "text": "Stand-in: the office P-0001 dropped."})
    return [v1, v2, v3, v4]


# --- turning the sample's records into command lines --------------------------------------------


def _arg(value: Any) -> str:
    """A human-readable value as an option takes it: a language map as JSON."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else str(value)


def _common(record: dict[str, Any]) -> list[str]:
    args: list[str] = []
    for key, option in (("stage", "--stage"), ("body", "--body"), ("outcome", "--outcome")):
        if key in record:
            args += [option, record[key]]
    for provision in record.get("provisions", []):
        args += ["--provision", provision]
    if "summary" in record:
        args += ["--summary", _arg(record["summary"])]
    for source in record.get("sources", []):
        args += ["--source", _arg(source)]
    for key, value in record.items():
        if key.startswith("x-"):
            args += ["--extension", f"{key}={value}"]
    return args


def _decisions(record: dict[str, Any]) -> list[str]:
    args = []
    for d in record.get("decisions", []):
        note = f":{_arg(d['note'])}" if "note" in d else ""
        args += ["--decision", f"{d['proposal']}={d['status']}{note}"]
    return args


def event_command(event_id: str) -> list[str]:
    record = sample_event(event_id)
    if record["kind"] == "reading":
        return [
            "reading", "record", "--date", record["date"], "--id", event_id, "--commit",
            *_common(record), *_decisions(record),
        ]  # fmt: skip
    args = ["consultation", "record", "--kind", record["kind"], "--date", record["date"]]
    for party in record.get("participants", []):
        args += ["--with", party]
    for p in record.get("positions", []):
        note = f":{_arg(p['note'])}" if "note" in p else ""
        args += ["--position", f"{p['party']}={p['stance']}{note}"]
    return [*args, "--id", event_id, "--commit", *_common(record), *_decisions(record)]


def decide_command(event_id: str) -> list[str]:
    """The same event through `proposal decide`: one decision, the target first."""
    record = sample_event(event_id)
    (decision,) = record["decisions"]
    target = sample_proposal(decision["proposal"])["target"]
    others = {**record, "provisions": [p for p in record["provisions"] if p != target]}
    others.pop("decisions")
    return [
        "proposal", "decide", decision["proposal"], "--status", decision["status"],
        "--note", _arg(decision["note"]), "--kind", record["kind"], "--date", record["date"],
        "--event", event_id, "--commit", *_common(others),
    ]  # fmt: skip


def proposal_command(proposal_id: str) -> list[str]:
    record = sample_proposal(proposal_id)
    args = [
        "proposal", "new", "--author", record["author"], "--action", record["action"],
        "--target", record["target"], "--date", record["date"], "--commit",
    ]  # fmt: skip
    options = (
        ("text", "--text"), ("after", "--after"), ("rationale", "--rationale"),
        ("heading", "--heading"), ("replaces", "--replaces"), ("number", "--number"),
    )  # fmt: skip
    for key, option in options:
        if key in record:
            args += [option, _arg(record[key])]
    for source in record.get("sources", []):
        args += ["--source", _arg(source)]
    for key, value in record.items():
        if key.startswith("x-"):
            args += ["--extension", f"{key}={value}"]
    return args


def party_command(party: dict[str, Any]) -> list[str]:
    args = ["party", "add", party["id"], "--name", _arg(party["name"]), "--kind", party["kind"]]
    if "short_name" in party:
        args += ["--short-name", _arg(party["short_name"])]
    if "country" in party:
        args += ["--country", party["country"]]
    if "note" in party:
        args += ["--note", party["note"]]
    for key, value in party.items():
        if key.startswith("x-"):
            args += ["--extension", f"{key}={value}"]
    return args


# --- the story ---------------------------------------------------------------------------------

# (what, which), in the order the sample's history tells it.
STORY: list[tuple[str, str]] = [
    ("text", "v1"),
    ("event", "2021-09-first-reading"),
    ("event", "2021-09-referral-to-government"),
    ("event", "2021-10-first-online-conference"),
    ("event", "2021-10-online-conferences"),
    ("proposal", "P-0001"),
    ("proposal", "P-0002"),
    ("proposal", "P-0003"),
    ("proposal", "P-0004"),
    ("event", "2021-11-compromise"),
    ("event", "2021-11-ministry-announcement"),
    ("event", "2021-11-sarym-statement"),
    ("event", "2021-11-telegram-correspondence"),
    ("event", "2021-11-youtube-no-contact"),
    ("text", "v2"),
    ("proposal", "P-0005"),
    ("decide", "2022-03-second-reading-text"),
    ("text", "v3"),
    ("event", "2022-03-second-reading"),
    ("proposal", "P-0006"),
    ("proposal", "P-0007"),
    ("proposal", "P-0008"),
    ("text", "v4"),
    ("event", "2022-senate-reading"),
    ("event", "2022-04-mazhilis-agreement"),
    ("event", "2022-signature"),
    ("event", "2022-09-meta-remote-representative"),
]


@pytest.mark.slow
def test_the_sample_story_rebuilt_with_the_commands(git_repo: Repo, cli: CliRunner) -> None:
    def run(*args: str) -> str:
        code, out, err = invoke(cli, *args)
        assert code == 0, f"{' '.join(args[:2])}: {err}"
        return out

    run("init", BILL, "--jurisdiction", "KZ", "--language", "ru")
    parties = sample("parties.yaml")
    for party in parties:
        run(*party_command(party))
        assert_valid(cli)
    assert read_record(git_repo.path / "amendments/parties.yaml") == parties

    versions = dict(zip(["v1", "v2", "v3", "v4"], text_versions(), strict=True))
    text_commits: dict[str, str] = {}
    current = ""
    for what, which in STORY:
        if what == "text":
            bill = git_repo.path / FOLDER / "bill.yaml"
            bill.write_text(dump(versions[which]), encoding="utf-8")
            # Dated before the readings (event-chronology): the sample's texts are too.
            text_commits[which] = git_repo.commit(
                f"The bill's text, {which}", date="2021-01-01T12:00:00"
            )
            current = which
        elif what == "proposal":
            out = run(*proposal_command(which))
            # Numbered by the command, as in the sample.
            assert out.splitlines()[0] == f"created {FOLDER}/proposals/{which}.yaml"
        elif what == "decide":
            run(*decide_command(which))
        else:
            out = run(*event_command(which))
            assert out.splitlines()[0] == f"created {FOLDER}/events/{which}.yaml"
            rebuilt = read_record(git_repo.path / FOLDER / "events" / f"{which}.yaml")
            assert isinstance(rebuilt, dict)
            if rebuilt["kind"] == "reading":
                # The pinned commit holds the text of that moment.
                assert out.splitlines()[1] == f"tagged {BILL}/{rebuilt['stage']}"
                pinned = git_repo.git("show", f"{rebuilt['version']}:{FOLDER}/bill.yaml")
                assert load(pinned.encode(), "pinned").data == versions[current]
        assert_valid(cli)

    # Every record, as the sample has it.
    for kind in ("events", "proposals"):
        ours = sorted(p.name for p in (git_repo.path / FOLDER / kind).glob("*.yaml"))
        theirs = sorted(p.name for p in (SAMPLE / BILL / kind).glob("*.yaml"))
        assert ours == theirs
        for name in theirs:
            rebuilt = read_record(git_repo.path / FOLDER / kind / name)
            original = sample(f"{BILL}/{kind}/{name}")
            assert isinstance(rebuilt, dict) and isinstance(original, dict)
            if "version" in original:
                rebuilt.pop("version")
                original.pop("version")
            assert rebuilt == original, name
    # Every step was committed: nothing is left over.
    assert git_repo.git("status", "--porcelain") == ""
    assert git_repo.git("tag", "-l").split() == [
        f"{BILL}/first-reading",
        f"{BILL}/mazhilis-agreement",
        f"{BILL}/second-reading",
        f"{BILL}/senate",
    ]
