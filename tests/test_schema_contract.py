"""The JSON Schemas are the contract: the real check-jsonschema, given the schema that
`billtrack schema KIND` prints, agrees with `billtrack validate` on the corpus.

- every file of a valid case passes;
- every file validate rejects for a schema reason (a `schema-*` code, or `date-invalid`
  from the date pattern) fails;
- every file validate loads and finds no schema problem in passes (cross-references
  are validate's own job, on top of the schema).

Files validate refuses to load (`yaml-*` errors) are left out: check-jsonschema loads
YAML its own way (a 10,000-deep file crashes it, an alias bomb keeps it busy for long).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from billtrack import schemas
from billtrack.schemas import KINDS, inlined, schema_text
from billtrack.validate.schema import fast_validator
from tests.support.cli import invoke
from tests.support.corpus import INVALID, VALID, Line, case_files, expected_problems
from tests.support.repos import Repo


def kind_of(case: Path, path: Path) -> str:
    parts = path.relative_to(case).parts
    if parts == ("parties.yaml",):
        return "parties"
    if len(parts) == 2 and parts[1] == "bill.yaml":
        return "bill"
    if len(parts) == 3 and parts[1] == "events":
        return "event"
    if len(parts) == 3 and parts[1] == "proposals":
        return "proposal"
    raise AssertionError(f"{path} is no record file")


def is_schema_problem(problem: Line) -> bool:
    return problem.code.startswith("schema-") or (
        # The pattern's failures: a date of the wrong form, or month 13 (the pattern
        # knows months); a date of the right form but not of the calendar says
        # "is not a date: February ... has 28 days", which no schema can know.
        problem.code == "date-invalid"
        and ("is not a date (" in problem.message or "does not exist" in problem.message)
    )


def problems_by_file(case: Path) -> dict[Path, list[Line]]:
    found: dict[Path, list[Line]] = defaultdict(list)
    for problem in expected_problems(case):
        found[case / problem.path.removeprefix("amendments/")].append(problem)
    return found


def corpus() -> dict[str, dict[Path, str]]:
    """kind -> file -> what check-jsonschema must say: "pass" or "fail"."""
    verdicts: dict[str, dict[Path, str]] = defaultdict(dict)
    for case in VALID:
        for path in case_files(case):
            verdicts[kind_of(case, path)][path] = "pass"
    for case in INVALID:
        problems = problems_by_file(case)
        for path in case_files(case):
            mine = problems.get(path, [])
            if any(p.code.startswith("yaml-") and p.level == "error" for p in mine):
                continue
            ambiguous = [p for p in mine if p.code == "yaml-ambiguous"]
            if any(is_schema_problem(p) for p in mine):
                verdict = "fail"
            elif ambiguous:
                # check-jsonschema reads YAML 1.2 (ruamel.yaml): plain numbers become
                # numbers, but `no` stays a string and it keeps timestamps as strings.
                verdict = "fail" if any("as a number" in p.message for p in ambiguous) else "pass"
            else:
                verdict = "pass"
            verdicts[kind_of(case, path)][path] = verdict
    return verdicts


CORPUS = corpus()


@pytest.fixture(scope="module")
def printed_schemas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each kind's schema as `billtrack schema KIND` prints it, in a file."""
    folder = tmp_path_factory.mktemp("schemas")
    files = {}
    for kind in KINDS:
        code, out, err = invoke(CliRunner(), "schema", kind)
        assert (code, err) == (0, "")
        files[kind] = folder / f"{kind}.schema.json"
        files[kind].write_text(out, encoding="utf-8")
    return files


def check_jsonschema(schema: Path, files: list[Path]) -> dict[Path, list[str]]:
    """Run the real check-jsonschema; the failing files and their messages."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--output-format",
            "json",
            "--schemafile",
            str(schema),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in done.stderr
    report: dict[str, Any] = json.loads(done.stdout)
    failing: dict[Path, list[str]] = defaultdict(list)
    for error in report.get("errors", []) + report.get("parse_errors", []):
        failing[Path(error["filename"])].append(error.get("message", ""))
    assert done.returncode == (1 if failing else 0), done.stdout
    return failing


def test_the_corpus_holds_passing_and_failing_files_of_every_kind() -> None:
    for kind in KINDS:
        assert "pass" in CORPUS[kind].values(), kind
        assert "fail" in CORPUS[kind].values(), kind


@pytest.mark.parametrize("kind", KINDS)
def test_check_jsonschema_agrees_with_validate(kind: str, printed_schemas: dict[str, Path]) -> None:
    files = sorted(CORPUS[kind])
    failing = check_jsonschema(printed_schemas[kind], files)
    data = Path(__file__).parent / "data"
    wrong = [
        f"{path.relative_to(data)}: check-jsonschema says "
        + (f"fail ({'; '.join(failing[path])})" if path in failing else "pass")
        for path in files
        if (path in failing) != (CORPUS[kind][path] == "fail")
    ]
    assert wrong == []


@pytest.mark.parametrize("kind", KINDS)
def test_each_schema_is_a_valid_draft_2020_12_schema(kind: str) -> None:
    schema = json.loads(schema_text(kind))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"urn:billtrack:schema:{kind}:2"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("kind", KINDS)
def test_billtrack_schema_prints_the_shipped_schema(kind: str, cli: CliRunner) -> None:
    shipped = (Path(schemas.__file__).parent / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert invoke(cli, "schema", kind) == (0, shipped, "")


def test_billtrack_schema_refuses_an_unknown_kind(cli: CliRunner) -> None:
    code, out, err = invoke(cli, "schema", "treaty")
    assert (code, out) == (2, "")
    assert "'treaty' is not one of" in err


# --- the compiled fast check agrees with jsonschema -------------------------------------


def _verdicts(kind: str, data: Any) -> tuple[bool, bool]:
    try:
        fast_validator(kind)(data)
        fast = True
    except ValueError:
        fast = False
    return fast, Draft202012Validator(schemas.schema(kind)).is_valid(data)


def test_the_fast_check_agrees_with_jsonschema_on_the_corpus() -> None:
    from billtrack.store.yamlio import load

    for kind, files in corpus().items():
        for path in files:
            data = load(path.read_bytes(), str(path)).data
            fast, full = _verdicts(kind, data)
            assert fast == full, path


@pytest.mark.parametrize("kind", KINDS)
def test_the_shipped_fast_checks_are_generated_from_the_shipped_schemas(kind: str) -> None:
    # After a schema edit: python -m billtrack.validate.compiled
    import importlib

    from billtrack.validate import compiled
    from billtrack.validate.schema import draft7

    module = importlib.import_module(f"billtrack.validate.compiled.{kind}")
    assert compiled.fingerprint(draft7(kind)) == module.SCHEMA_FINGERPRINT, (
        "regenerate with: python -m billtrack.validate.compiled"
    )
    assert fast_validator(kind) is module.validate


def test_a_schema_edited_since_generation_is_compiled_in_the_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from billtrack.validate import schema as schema_module

    edited = {**schema_module.draft7("parties"), "maxItems": 1}
    monkeypatch.setattr(schema_module, "draft7", lambda kind: edited)
    schema_module.fast_validator.cache_clear()
    try:
        check = schema_module.fast_validator("parties")
        party = {"id": "senate", "name": "Senate", "kind": "chamber"}
        check([party])
        with pytest.raises(ValueError):
            check([party, {**party, "id": "mazhilis"}])  # the edit counts: too many
    finally:
        schema_module.fast_validator.cache_clear()


def test_validate_keeps_no_compiled_code_in_the_repository(git_repo: Repo, cli: CliRunner) -> None:
    # A read command must not execute code read from the repository: the fast checks
    # ship with the package, and nothing of them is written to the cache.
    from tests.support.corpus import install_case

    install_case(git_repo, VALID[0])
    assert invoke(cli, "validate")[0] == 0
    cache = git_repo.path / ".git" / "billtrack"
    assert not [p for p in cache.rglob("*") if p.name.startswith("schema-")]


def test_inlining_keeps_the_schema_equivalent() -> None:
    for kind in KINDS:
        assert "$ref" not in json.dumps(inlined(kind))
        Draft202012Validator.check_schema(inlined(kind))


_values = st.one_of(
    st.sampled_from(
        [
            "2021",
            "2021-13",
            "2021-11-29",
            "x",
            "",
            " ",
            "P-0001",
            "add",
            "replace",
            "a b",
            "mazhilis",
            "KZ",
            "ru",
            "reading",
            "agrees",
            "accepted",
            "0" * 40,
        ]
    ),
    st.text(max_size=6),
    st.none(),
    st.lists(st.sampled_from(["a", "", "x-y"]), max_size=2),
    st.dictionaries(
        st.sampled_from(["kk", "ru", "x y", "party", "stance"]),
        st.sampled_from(["a", "", "agrees"]),
        max_size=2,
    ),
)
_keys = st.sampled_from(
    [
        "id",
        "date",
        "kind",
        "author",
        "action",
        "target",
        "text",
        "after",
        "stage",
        "version",
        "positions",
        "decisions",
        "title",
        "jurisdiction",
        "language",
        "provisions",
        "name",
        "x-note",
        "texts",
        "sources",
        "outcome",
    ]
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["bill", "event", "proposal"]), st.dictionaries(_keys, _values, max_size=7))
def test_the_fast_check_agrees_with_jsonschema_on_generated_records(
    kind: str, record: dict[str, Any]
) -> None:
    fast, full = _verdicts(kind, record)
    assert fast == full
