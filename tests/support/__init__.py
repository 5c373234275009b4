"""Helpers the tests share: repositories, the CLI, corpora, pages, stories.

Fixtures stay in tests/conftest.py; everything a test module imports lives here, never
in another test module."""

from __future__ import annotations
