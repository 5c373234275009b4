"""The table of problem codes and the registry of validate's rules: the table lists every
code billtrack can emit (the rules', the loader's, the schema check's), each rule is
registered with a docstring, and `billtrack validate --list-codes` prints the table."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import billtrack
from billtrack.schemas import KINDS, inlined
from billtrack.validate import registry
from billtrack.validate import rules as _rules
from billtrack.validate.registry import CODES, RULES, problem, rule
from billtrack.validate.schema import APPLICATORS, keyword_code
from tests.support.cli import invoke
from tests.support.corpus import INVALID, expected_problems

PACKAGE = Path(billtrack.__file__).parent
# The keywords the schema check words itself, each with its own code.
WORDED = {"additionalProperties", "required", "type"}


def test_the_rules_are_registered() -> None:
    assert _rules.__all__
    assert RULES
    assert len({r.name for r in RULES}) == len(RULES), "two rules of one name"


@pytest.mark.parametrize("each", RULES, ids=[r.name for r in RULES])
def test_every_rule_says_what_it_checks(each: registry.Rule) -> None:
    assert len(each.description) > 30, f"{each.name} has no docstring worth the name"
    assert all(code in CODES for code in each.codes)


def test_every_code_of_a_rule_source_has_a_rule() -> None:
    ruled = {code for r in RULES for code in r.codes}
    own = {code for code, entry in CODES.items() if entry.source == "rule"}
    # date-invalid is also the schema's wording of a date of the wrong form.
    assert own == ruled


def test_every_code_of_the_corpus_is_in_the_table() -> None:
    seen = {p.code for case in INVALID for p in expected_problems(case)}
    assert seen - set(CODES) == set()


def _codes_in(module: Path) -> set[str]:
    """The string literals given as the code of a Problem(...) or problem(...) call, or
    first in a tuple a describing generator yields (schema.describe)."""
    found = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Yield) and isinstance(node.value, ast.Tuple):
            first = node.value.elts[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.add(first.value)
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        position = {"Problem": 4, "problem": 2, "_fail": 1}.get(name)
        if position is None or len(node.args) <= position:
            continue
        arg = node.args[position]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            found.add(arg.value)
    return found


@pytest.mark.parametrize(
    "module",
    ["store/yamlio.py", "store/records.py", "validate/checker.py", "validate/schema.py"],
)
def test_every_code_the_loader_and_the_checker_write_is_in_the_table(module: str) -> None:
    found = _codes_in(PACKAGE / module)
    assert found, "the scan finds the codes"
    assert found - set(CODES) == set()


def test_every_code_the_schema_check_can_word_is_in_the_table() -> None:
    keywords: set[str] = set()

    def walk(schema: object) -> None:
        if isinstance(schema, dict):
            keywords.update(k for k in schema if isinstance(k, str))
            for key, value in schema.items():
                if key in ("properties", "patternProperties", "$defs"):
                    for inner in value.values():
                        walk(inner)
                elif key not in ("enum", "const", "required", "description", "title"):
                    walk(value)
        elif isinstance(schema, list):
            for item in schema:
                walk(item)

    for kind in KINDS:
        walk(inlined(kind))
    from jsonschema import Draft202012Validator

    validating = keywords & set(Draft202012Validator.VALIDATORS)
    for keyword in validating - APPLICATORS - WORDED:
        assert keyword_code(keyword) in CODES, keyword


def test_a_problem_takes_its_level_from_the_table() -> None:
    assert problem("a.yaml", (1, 2), "file-unknown", "m").level == "warning"
    assert problem("a.yaml", (1, 2), "reading-version", "m").level == "error"
    assert problem("a.yaml", (1, 2), "reading-version", "m", level="note").level == "note"
    with pytest.raises(ValueError, match="never a warning"):
        problem("a.yaml", (1, 2), "ref-party", "m", level="warning")
    with pytest.raises(KeyError):
        problem("a.yaml", (1, 2), "no-such-code", "m")


def test_a_rule_of_an_unknown_code_is_refused() -> None:
    with pytest.raises(KeyError, match="no-such-code"):
        rule("no-such-code", scope="bill")


def test_list_codes_prints_the_table(cli: CliRunner, tmp_path: Path) -> None:
    # No data root is needed to ask what the codes mean.
    code, out, err = invoke(cli, "validate", "--list-codes", "--root", str(tmp_path / "none"))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == len(CODES)
    for line, entry in zip(lines, CODES.values(), strict=True):
        assert re.split(r"\s{2,}", line) == [entry.code, entry.level_text, entry.description]
