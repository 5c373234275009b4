"""The units the write commands are built from: holding Ctrl-C, drafts and the errors
that name their fields, and git's environment for writes."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from dataclasses import fields

import pytest

from billtrack import interrupts
from billtrack.cli.boundary import options_named
from billtrack.cli.record.options import OPTION_OF
from billtrack.errors import UsageError
from billtrack.model import Position
from billtrack.record.draft import (
    EventDraft,
    PartyDraft,
    ProposalDraft,
    parse_decision,
    parse_extensions,
    parse_position,
)
from billtrack.record.fields import FieldError, InvalidValue
from billtrack.store.git import git_env
from billtrack.store.gitwrite import GitWriter
from tests.support.repos import Repo

# --- holding Ctrl-C -------------------------------------------------------------------------


def _ctrl_c() -> None:
    os.kill(os.getpid(), signal.SIGINT)


def test_a_held_ctrl_c_waits_for_the_next_safe_point() -> None:
    before = signal.getsignal(signal.SIGINT)
    steps = []
    with pytest.raises(KeyboardInterrupt), interrupts.held() as hold:
        _ctrl_c()
        steps.append("after the signal")  # the step it landed in runs to its end
        hold.check()
        steps.append("never")
    assert steps == ["after the signal"]
    assert signal.getsignal(signal.SIGINT) is before


def test_a_held_ctrl_c_is_raised_at_the_end_of_the_block() -> None:
    with pytest.raises(KeyboardInterrupt), interrupts.held():
        _ctrl_c()


def test_a_ctrl_c_after_the_work_is_settled_is_dropped() -> None:
    with interrupts.held() as hold:
        hold.settle()
        _ctrl_c()
        hold.check()  # nothing left to stop


def test_sigterm_is_held_too() -> None:
    with pytest.raises(KeyboardInterrupt), interrupts.held() as hold:
        os.kill(os.getpid(), signal.SIGTERM)
        hold.check()


def test_an_error_leaving_the_block_is_not_replaced_by_a_held_ctrl_c() -> None:
    with pytest.raises(ValueError), interrupts.held():
        _ctrl_c()
        raise ValueError("the real failure")


# --- drafts and the errors naming their fields ------------------------------------------------


def _worded(exc: FieldError) -> str:
    with pytest.raises(FieldError) as caught, options_named(OPTION_OF):
        raise exc
    return caught.value.message


@pytest.mark.parametrize(
    ("make", "core", "cli"),
    [
        (
            lambda: EventDraft(kind="vote", date="2021-02-29"),
            "date '2021-02-29' is not a date: February 2021 has 28 days",
            "--date '2021-02-29' is not a date: February 2021 has 28 days",
        ),
        (
            lambda: EventDraft(kind="vote", date="2021-13"),
            "date '2021-13' is not a date: month 13 does not exist",
            "--date '2021-13' is not a date: month 13 does not exist",
        ),
        (
            lambda: EventDraft(kind="vote", date="2021", outcome="won"),
            "outcome 'won' is not one of: approved, rejected",
            "--outcome 'won' is not one of: approved, rejected",
        ),
        (
            lambda: EventDraft(kind="vote", date="2021", sources=[" "]),
            "sources must not be empty",
            "--source must not be empty",
        ),
        (
            lambda: EventDraft(kind="vote", date="2021", event_id="../x"),
            "id '../x' is not a valid id",
            "--id '../x' is not a valid id",
        ),
        (
            lambda: parse_position("facebook=loves"),
            "positions facebook= 'loves' is not one of: agrees",
            "--position facebook= 'loves' is not one of: agrees",
        ),
        (
            lambda: parse_decision("P-0001"),
            "decisions 'P-0001': expected PROPOSAL=STATUS",
            "--decision 'P-0001': expected PROPOSAL=STATUS",
        ),
        (
            lambda: parse_extensions(["x-a=1", "x-a=2"]),
            "extensions x-a is given twice",
            "--extension x-a is given twice",
        ),
        (
            lambda: ProposalDraft(author="a", action="drop", target="t", after="u"),
            "after is only for add and renumber",
            "--after is only for add and renumber",
        ),
        (
            lambda: ProposalDraft(author="a", action="replace", target="t", text=" "),
            "text is required for replace",
            "--text is required for replace",
        ),
        (
            lambda: PartyDraft(party_id="Senate", name="Senate", kind="chamber"),
            "party_id 'Senate' is not a valid id",
            "party id 'Senate' is not a valid id",
        ),
        (
            lambda: PartyDraft(party_id="kz", name="KZ", kind="chamber", country="kz"),
            "country 'kz': expected an ISO 3166-1 alpha-2 code",
            "--country 'kz': expected an ISO 3166-1 alpha-2 code",
        ),
    ],
)
def test_a_wrong_value_names_its_field_and_the_cli_its_option(
    make: Callable[[], object], core: str, cli: str
) -> None:
    with pytest.raises(InvalidValue) as caught:
        make()
    assert caught.value.message.startswith(core), caught.value.message
    assert isinstance(caught.value, UsageError)
    assert _worded(caught.value).startswith(cli)


def test_every_field_of_a_draft_has_an_option() -> None:
    named = {"event_id": "id", "proposal_id": "id"}
    for draft in (EventDraft, ProposalDraft, PartyDraft):
        for field in fields(draft):
            assert named.get(field.name, field.name) in OPTION_OF, (draft.__name__, field.name)


def test_a_draft_splits_ids_and_writes_only_what_was_given() -> None:
    draft = EventDraft(
        kind="consultation",
        date="2021-10",
        participants=["facebook, tiktok", "facebook"],
        positions=[Position(party="facebook", stance="partial")],
        extensions=parse_extensions(["x-said=1.10"]),
    )
    assert draft.participants == ("facebook", "tiktok")
    assert draft.named_parties == ["facebook", "tiktok", "facebook"]
    assert draft.record() == {
        "date": "2021-10",
        "kind": "consultation",
        "participants": ["facebook", "tiktok"],
        "positions": [{"party": "facebook", "stance": "partial"}],
        "x-said": "1.10",
    }


def test_a_proposal_is_dated_today_unless_told() -> None:
    draft = ProposalDraft(author="a", action="drop", target="t")
    assert draft.date is not None and len(draft.date) == len("2021-11-29")


# --- git's environment -------------------------------------------------------------------------


def test_git_writes_run_in_the_environment_of_git_reads(git_repo: Repo) -> None:
    writer = GitWriter(git_repo.path)
    try:
        run_in = {**os.environ, **writer.repo.git.environment()}
    finally:
        writer.close()
    expected = git_env()
    assert {k: run_in.get(k) for k in expected} == expected


def test_a_ctrl_c_python_wrapped_in_another_error_is_still_an_interruption() -> None:
    # Python wraps a KeyboardInterrupt raised in a class's __set_name__ (a dataclass
    # being created while a module loads) in a RuntimeError: still Ctrl-C, not a bug.
    try:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as interrupt:
            raise RuntimeError("Error calling __set_name__") from interrupt
    except RuntimeError as wrapped:
        assert interrupts.caused_by_interrupt(wrapped)
    assert not interrupts.caused_by_interrupt(RuntimeError("a bug"))
