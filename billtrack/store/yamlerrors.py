"""A YAML syntax error in the user's terms: the mistakes people make when they edit a
record by hand (an unquoted value holding `: `, a tab, an unclosed quote, a wrong
indent), said as what to do, at the place to do it.

libyaml's own words ("mapping values are not allowed in this context") describe the
parser, not the file; they are kept only for the mistakes not recognised here. This
module never reads files and never prints.
"""

from __future__ import annotations

from typing import Any


def explain(exc: Any, text: str) -> tuple[int, int, str]:
    """(line, column, message), 1-based, for a yaml.MarkedYAMLError raised on `text`."""
    problem_mark = exc.problem_mark
    context_mark = exc.context_mark
    mark = problem_mark or context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = " ".join(str(p) for p in (exc.context, exc.problem) if p) or "invalid YAML"
    lines = text.splitlines()
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    problem = str(exc.problem or "")
    context = str(exc.context or "")

    if (
        "tab character" in problem
        or "found character '\\t'" in problem
        or ("cannot start any token" in problem and current[column - 1 : column] == "\t")
    ):
        return line, column, "a tab character: YAML indents with spaces only"
    if "quoted scalar" in context and "end of stream" in problem and context_mark is not None:
        quote = _at(lines, context_mark)
        return (
            context_mark.line + 1,
            context_mark.column + 1,
            f"the quote {quote} opened here is never closed; end the value with {quote}",
        )
    if problem.startswith("mapping values are not allowed"):
        before = current[: column - 1]
        key, sep, value = before.partition(": ")
        if sep and key.strip() and not key.strip().startswith(("'", '"')):
            shown = (value + current[column - 1 :]).strip()
            return (
                line,
                column,
                f"the value of {key.strip().lstrip('- ')!r} contains ': '; put the whole "
                f'value in quotes: {key.strip().lstrip("- ")}: "{_escaped(shown)}"',
            )
        return (
            line,
            column,
            "a key indented under a value: indent it like the keys above, "
            "or quote the value of the line before if the colon belongs to it",
        )
    if "block mapping" in context and "expected key" in problem:
        return (
            line,
            column,
            "this line is not indented like the keys above it; align it with them "
            "(or quote a value that runs onto it)",
        )
    if "block collection" in context and "'-' indicator" in problem:
        return (
            line,
            column,
            "a list item (a line starting with '- ') was expected here: "
            "a key: value line among list items, or a wrong indent",
        )
    if "flow" in context and ("expected ','" in problem or "expected ']'" in problem):
        return line, column, f"a bracket is not closed, or a comma is missing ({what})"
    return line, column, what


def _at(lines: list[str], mark: Any) -> str:
    row = lines[mark.line] if mark.line < len(lines) else ""
    char = row[mark.column : mark.column + 1]
    return char if char in ("'", '"') else '"'


def _escaped(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')
