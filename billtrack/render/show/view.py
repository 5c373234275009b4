"""What `billtrack show` reports: one provision at one version, with the proposals and
events about it. Data only; each format escapes it for its medium."""

from __future__ import annotations

from dataclasses import dataclass

from billtrack.model import Event, Proposal, ProposalStatus, Provision
from billtrack.store.repository import Side


@dataclass(frozen=True, slots=True)
class ProvisionView:
    bill: str
    side: Side
    provision: Provision
    proposals: tuple[tuple[Proposal, ProposalStatus], ...]
    events: tuple[Event, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ShowOptions:
    """How the provision is shown."""

    color: bool = False  # text only: styles (the caller decides: a terminal, no NO_COLOR)
