"""The registry of reporters and the JSON and HTML writers every reporter goes through."""

from __future__ import annotations

import io
import json
from enum import StrEnum

import pytest

from billtrack.cli.diff import DiffFormat, ShowFormat
from billtrack.cli.history import HistoryFormat
from billtrack.cli.summary import SummaryFormat, TableFormat
from billtrack.render import html
from billtrack.render import json as json_writer
from billtrack.render.reporters import REPORTERS, Report, formats, reporter
from tests.support.cli import loaded_by

UNSAFE = "\x7f\x85\x9b\u2028\u2029\u202a\u202e\u2066\u2069"


@pytest.mark.parametrize("report", sorted(REPORTERS))
def test_every_reporter_is_a_function(report: Report) -> None:
    for fmt in formats(report):
        assert callable(reporter(report, fmt))
    with pytest.raises(KeyError):
        reporter(report, "nope")


@pytest.mark.parametrize(
    ("report", "choices"),
    [
        ("diff", DiffFormat),
        ("show", ShowFormat),
        ("log", HistoryFormat),
        ("history", HistoryFormat),
        ("status", HistoryFormat),
        ("summary", SummaryFormat),
        ("table", TableFormat),
    ],
)
def test_the_cli_offers_the_registered_formats(report: Report, choices: type[StrEnum]) -> None:
    assert tuple(choice.value for choice in choices) == formats(report)


def test_the_registry_imports_no_reporter() -> None:
    assert loaded_by("billtrack.render.reporters", ("billtrack.render.diff", "rich")) == []


def test_json_escapes_what_a_terminal_would_act_on() -> None:
    value = {"text": "a" + UNSAFE + "\x1b[31m\u00e9", "list": [UNSAFE]}
    text = json_writer.dumps(value)
    assert not set(UNSAFE) & set(text) and "\x1b" not in text
    assert "é" in text  # everything else stays as written
    assert json.loads(text) == value


def test_json_with_items_is_the_same_document() -> None:
    document = {"schema": "x/1", "name": "n" + UNSAFE}
    items = [{"id": "a\u2028", "n": [1, 2]}, {"id": "b"}]
    out = io.StringIO()
    json_writer.write_with_items(document, "items", items, out)
    # one item a line, escaped as the rest of the document
    assert out.getvalue().splitlines()[-5:] == [
        '  "items": [',
        '    {"id": "a\\u2028", "n": [1, 2]},',
        '    {"id": "b"}',
        "  ]",
        "}",
    ]
    assert json.loads(out.getvalue()) == {**document, "items": items}
    assert not set(UNSAFE) & set(out.getvalue())
    empty = io.StringIO()
    json_writer.write_with_items(document, "items", [], empty)
    assert json.loads(empty.getvalue()) == {**document, "items": []}


@pytest.mark.parametrize(
    ("tag", "attr"),
    [
        ("en", "en"),
        ("kk-Cyrl", "kk-Cyrl"),
        ("", None),
        (None, None),
        ("en\n", None),
        ('r" x', None),
    ],
)
def test_only_a_valid_tag_becomes_a_lang_attribute(tag: str | None, attr: str | None) -> None:
    assert html.lang_attr(tag) == attr


def test_one_environment_autoescapes_and_cleans() -> None:
    template = html._environment().from_string("<p>{{ a }}|{{ b }}|{{ c }}</p>")
    assert template.render(a="<b>&\x1b[31m", b=None, c=3) == "<p>&lt;b&gt;&amp;\\x1b[31m||3</p>"
    assert html.template("diff.html.j2") is html.template("diff.html.j2")


def test_jinja2_is_loaded_only_to_render_a_page() -> None:
    assert loaded_by("billtrack.render.html", ("jinja2",)) == []
