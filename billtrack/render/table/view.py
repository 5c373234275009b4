"""What every format of the comparative table shares: the options of the report."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class TableOptions:
    """How the table is written."""

    color: bool = False  # text only: bold headings (the caller decides: a terminal, no NO_COLOR)
    width: int | None = None  # text only: the width to fit (default: the terminal's, else 80)
