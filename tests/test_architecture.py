"""The shape of the package, read from its source with `ast`: no import cycle between
modules, no core module (outside billtrack/cli and billtrack/render) that imports typer,
rich or click, and no module over 500 lines but the word tables and generated code.

Imports inside functions count like those at the top: a function-level import is still an
edge of the graph, only a later one. Imports under `if TYPE_CHECKING:` are not edges of
the cycle check (they never run), but a core module may not name typer, rich or click
even there. This module reads source files and never imports the package it checks.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "billtrack"

# The layers that may talk to a terminal; every other module of billtrack is core.
FRONT = ("billtrack.cli", "billtrack.render")
TERMINAL_LIBRARIES = {"typer", "rich", "click"}
MAX_LINES = 500
# Word tables: one entry a line, long because languages are, not because they mix concerns.
WORD_TABLES = ("billtrack/i18n/*.py",)
# Generated code (the schemas' fast checks), never edited by hand.
GENERATED = ("billtrack/validate/compiled/[a-z]*.py",)


def module_name(path: Path, root: Path) -> str:
    """`billtrack.store.git` for root/billtrack/store/git.py; a package by its __init__."""
    parts = path.relative_to(root).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def modules(package: Path) -> dict[str, Path]:
    """Every module of the package under `package`, by dotted name."""
    root = package.parent
    return {module_name(path, root): path for path in sorted(package.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports(
    tree: ast.AST, name: str, is_package: bool, known: set[str]
) -> Iterator[tuple[str, bool]]:
    """Every module an import statement anywhere in the tree reaches, absolute, with
    whether it runs (False under `if TYPE_CHECKING:`). `from a import b` yields `a.b`,
    and `a` too unless `b` is a module of the tree (`a` is then only a parent package,
    run on the way, which is no edge: every module has one)."""

    def walk(node: ast.AST, runs: bool) -> Iterator[tuple[str, bool]]:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.body:
                yield from walk(child, False)
            for child in node.orelse:
                yield from walk(child, runs)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, runs
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                # Relative: from the module's package (a package is its own).
                anchor = name.split(".") if is_package else name.split(".")[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            else:
                base = node.module or ""
            targets = [f"{base}.{alias.name}" for alias in node.names]
            yield from ((target, runs) for target in targets)
            if not all(target in known for target in targets):
                yield base, runs
        for inner in ast.iter_child_nodes(node):
            yield from walk(inner, runs)

    yield from walk(tree, True)


def import_graph(package: Path) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(the modules of the package each module imports when it runs, the top-level names
    of everything each module imports at all)."""
    found = modules(package)
    edges: dict[str, set[str]] = {}
    tops: dict[str, set[str]] = {}
    for name, path in found.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        edges[name] = set()
        tops[name] = set()
        for target, runs in imports(tree, name, path.name == "__init__.py", set(found)):
            tops[name].add(target.split(".")[0])
            if runs and target in found and target != name:
                edges[name].add(target)
    return edges, tops


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(found)


def is_core(name: str) -> bool:
    return not any(name == front or name.startswith(front + ".") for front in FRONT)


def long_modules(package: Path, allowed: tuple[str, ...]) -> dict[str, int]:
    root = package.parent
    found = {}
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(root)
        if any(relative.match(pattern) for pattern in allowed):
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            found[relative.as_posix()] = lines
    return found


# --- the checks on billtrack -----------------------------------------------------------


def test_no_import_cycle_between_modules() -> None:
    edges, _ = import_graph(PACKAGE)
    assert cycles(edges) == []


def test_no_core_module_imports_a_terminal_library() -> None:
    _, tops = import_graph(PACKAGE)
    found = {
        name: sorted(names & TERMINAL_LIBRARIES)
        for name, names in tops.items()
        if is_core(name) and names & TERMINAL_LIBRARIES
    }
    assert found == {}


def test_no_module_over_500_lines_but_the_word_tables() -> None:
    assert long_modules(PACKAGE, WORD_TABLES + GENERATED) == {}


# --- the checks themselves, on packages made up for them -------------------------------


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = tmp_path / "pkg" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path / "pkg"


def test_a_cycle_through_a_function_level_import_is_found(tmp_path: Path) -> None:
    package = _package(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from pkg import b\n",
            "b.py": "def late():\n    from pkg.sub import c\n",
            "sub/__init__.py": "",
            "sub/c.py": "from .. import a\nimport pkg.d\n",
            "d.py": "",
        },
    )
    edges, _ = import_graph(package)
    assert edges["pkg.sub.c"] == {"pkg.a", "pkg.d"}  # relative imports resolved
    assert cycles(edges) == [["pkg.a", "pkg.b", "pkg.sub.c"]]


def test_type_only_imports_and_parent_packages_make_no_cycle(tmp_path: Path) -> None:
    package = _package(
        tmp_path,
        {
            "__init__.py": "from pkg.a import thing\n",
            "a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import b\n",
            "b.py": "from pkg.a import thing\n",
        },
    )
    edges, _ = import_graph(package)
    assert edges == {"pkg": {"pkg.a"}, "pkg.a": set(), "pkg.b": {"pkg.a"}}
    assert cycles(edges) == []


def test_a_terminal_library_in_a_core_module_is_found_even_in_a_function(tmp_path: Path) -> None:
    package = _package(
        tmp_path,
        {
            "__init__.py": "",
            "core.py": "def show():\n    import rich.console\n",
            "cli/__init__.py": "import typer\n",
        },
    )
    _, tops = import_graph(package)
    assert "rich" in tops["pkg.core"]
    assert "typer" in tops["pkg.cli"]
    assert is_core("billtrack.store.git") and not is_core("billtrack.render.diff")
    assert not is_core("billtrack.cli") and is_core("billtrack.climate")


def test_long_modules_are_found_and_word_tables_excused(tmp_path: Path) -> None:
    long = "x = 1\n" * (MAX_LINES + 1)
    package = _package(
        tmp_path,
        {"__init__.py": "", "big.py": long, "words/en.py": long, "ok.py": "x = 1\n" * MAX_LINES},
    )
    assert long_modules(package, ("pkg/words/*.py",)) == {"pkg/big.py": MAX_LINES + 1}
