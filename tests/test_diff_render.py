"""The diff reporters (text, markdown, json, html): golden files from a hand-built
comparison, the JSON output against its schema, the HTML page's self-containment, and
hostile file text in every format.

The comparison is built from ProvisionDiff objects directly, so these tests pin the
rendering alone. `pytest --update-golden` rewrites the golden files on purpose.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Mapping
from dataclasses import replace
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from markdown_it import MarkdownIt
from rich.cells import cell_len

from billtrack.comparison import Comparison
from billtrack.diff import (
    BillDiff,
    Change,
    Explanation,
    ProposalRef,
    ProvisionDiff,
    Segment,
    Status,
)
from billtrack.model import Provision
from billtrack.render.diff.view import DiffOptions
from billtrack.render.markdown import escape
from billtrack.render.reporters import BINARY_FORMATS, formats, reporter
from billtrack.store.repository import Side
from tests.support.cli import loaded_by
from tests.support.pages import CHROME, PageChecker, check_golden, check_golden_page, check_page

GOLDEN = Path(__file__).parent / "golden" / "diff"
COMMIT = "c614352aa0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5"

# --- building a comparison by hand -------------------------------------------------------


def provision(**record: Any) -> Provision:
    """A provision whose raw record is exactly the keyword arguments."""
    text = record["text"]
    return Provision(
        id=record["id"],
        text=text,
        number=record.get("number"),
        heading=record.get("heading"),
        amends=record.get("amends"),
        tags=tuple(record.get("tags", ())),
        raw=record,
    )


def sides(segments: tuple[Segment, ...]) -> tuple[str, str]:
    """The old and new texts a redline stands for."""
    old = "".join(text for op, text in segments if op != "+")
    new = "".join(text for op, text in segments if op != "-")
    return old, new


def modified(
    provision_id: str,
    before: dict[str, Any],
    after: dict[str, Any],
    *,
    changes: tuple[Change, ...],
    redlines: Mapping[str, tuple[Segment, ...]] | None = None,
    status: Status = "modified",
    previous_id: str | None = None,
    **extra: Any,
) -> ProvisionDiff:
    """A provision on both sides; texts come from the redlines when given."""
    if redlines:
        if set(redlines) == {""}:
            before["text"], after["text"] = sides(redlines[""])
        else:
            pairs = {lang: sides(segments) for lang, segments in redlines.items()}
            before["text"] = {lang: old for lang, (old, _) in pairs.items()}
            after["text"] = {lang: new for lang, (_, new) in pairs.items()}
    return ProvisionDiff(
        id=provision_id,
        status=status,
        before=provision(id=previous_id or provision_id, **before),
        after=provision(id=provision_id, **after),
        changes=changes,
        redlines=redlines or {},
        previous_id=previous_id,
        **extra,
    )


CYBERBULLYING = provision(
    id="cyberbullying-definition",
    number="1.1",
    heading="Понятие кибербуллинга в отношении ребёнка",
    text="Кибербуллинг в отношении ребёнка — травля ребёнка с использованием сетей "
    "телекоммуникаций, в том числе интернета, социальных сетей и мессенджеров.",
    tags=["cyberbullying", "definitions"],
)


def sample() -> Comparison:
    """Every kind of change: unchanged, multilingual text (one language and two),
    heading, moved, tags, text and number, dropped, renamed, added; with proposals
    and events."""
    items: tuple[ProvisionDiff, ...] = (
        ProvisionDiff(
            id=CYBERBULLYING.id, status="unchanged", before=CYBERBULLYING, after=CYBERBULLYING
        ),
        modified(
            "child-online-safety",
            {"number": "1.2", "heading": "Право ребёнка на защиту от вредной информации"},
            {"number": "1.2", "heading": "Право ребёнка на защиту от вредной информации и травли"},
            changes=("text", "heading"),
            redlines={
                "kk": (("=", "Бала денсаулығына зиян келтіретін ақпараттан қорғалуға құқылы."),),
                "ru": (
                    ("=", "Ребёнок имеет право на защиту от информации, причиняющей вред"),
                    ("+", ", а также от травли, в том числе в сети интернет"),
                    ("=", "."),
                ),
            },
        ),
        modified(
            "hotline",
            {"number": "1.4", "heading": "Телефонная линия доверия"},
            {"number": "1.4", "heading": "Телефонная линия доверия"},
            changes=("text",),
            redlines={
                "kk": (
                    ("=", "Уәкілетті орган "),
                    ("-", "жұмыс күндері"),
                    ("+", "тәулік бойы"),
                    ("=", " жұмыс істейтін тегін сенім телефонын қамтамасыз етеді."),
                ),
                "ru": (
                    ("=", "Уполномоченный орган обеспечивает "),
                    ("-", "работу"),
                    ("+", "круглосуточную работу"),
                    ("=", " бесплатной телефонной линии доверия."),
                ),
            },
            events=("2021-10-online-conferences",),
        ),
        modified(
            "school-duties",
            {
                "number": "1.3",
                "text": "Организации образования принимают меры по профилактике травли.",
                "tags": ["education"],
            },
            {
                "number": "1.3",
                "text": "Организации образования принимают меры по профилактике травли.",
                "tags": ["education", "cyberbullying"],
                "x-note": "moved after the hotline",
            },
            changes=("position", "tags"),
        ),
        ProvisionDiff(
            id="local-office",
            status="dropped",
            before=provision(
                id="local-office",
                number="1.6",
                heading="Представительство иностранной платформы",
                text="Иностранная онлайн-платформа с числом пользователей в Республике "
                "Казахстан более ста тысяч в сутки открывает представительство в "
                "Республике Казахстан.",
                amends="Закон РК «Об информатизации», ст. 1",
            ),
            after=None,
            proposals=("P-0003",),
            events=("2021-11-compromise", "2021-11-ministry-announcement"),
        ),
        modified(
            "platform-representative",
            {"number": "1.7"},
            {"number": "1.7"},
            changes=("text",),
            status="renamed",
            previous_id="contact-person",
            similarity=92.4,
            redlines={
                "": (
                    ("=", "Платформа назначает "),
                    ("-", "контактное лицо"),
                    ("+", "законного представителя"),
                    ("=", " для взаимодействия с уполномоченным органом."),
                )
            },
            proposals=("P-0004",),
        ),
        modified(
            "removal-on-request",
            {"number": "1.9", "heading": "Удаление по требованию"},
            {"number": "1.10", "heading": "Удаление по требованию"},
            changes=("text", "number"),
            redlines={
                "": (
                    ("=", "Платформа удаляет противоправный контент в течение "),
                    ("-", "суток"),
                    ("+", "24 часов"),
                    ("=", " с момента получения требования уполномоченного органа."),
                )
            },
            proposals=("P-0005",),
            events=("2022-03-second-reading",),
        ),
        ProvisionDiff(
            id="representative-abroad",
            status="added",
            before=None,
            after=provision(
                id="representative-abroad",
                number="1.8",
                heading="Законный представитель за рубежом",
                text={
                    "kk": "Шетелдік платформа Қазақстан Республикасымен өзара іс-қимыл "
                    "жасайтын заңды өкілді тағайындайды.",
                    "ru": "Иностранная платформа назначает законного представителя для "
                    "взаимодействия с Республикой Казахстан.",
                },
            ),
            proposals=("P-0004",),
            events=("2021-11-compromise",),
        ),
    )
    items = tuple(
        replace(item, ledger=LEDGER[item.id]) if item.id in LEDGER else item for item in items
    )
    return Comparison(
        bill="kz-child-protection",
        old=Side(
            spec="first-reading",
            commit=COMMIT,
            date="2021-09-15",
            label="the first reading (2021-09-15)",
        ),
        new=Side(spec="WORKTREE", commit=None),
        diff=BillDiff(
            bill="kz-child-protection",
            provisions=items,
            bill_changes=(("short_title", "Child protection", "Child protection (online)"),),
        ),
    )


def _ref(pid: str, status: str, event: str | None = None) -> ProposalRef:
    return ProposalRef(pid, status, event)


# What the ledger says of each change of the sample comparison: every verdict is shown.
LEDGER = {
    "child-online-safety": Explanation(unexplained=True),
    "hotline": Explanation(
        events=("2021-10-online-conferences",), explained_by=("2021-10-online-conferences",)
    ),
    "school-duties": Explanation(unexplained=True),
    "local-office": Explanation(
        proposals=(_ref("P-0003", "accepted", "2021-11-compromise"),),
        events=("2021-11-compromise", "2021-11-ministry-announcement"),
        explained_by=("P-0003", "2021-11-compromise"),
    ),
    "platform-representative": Explanation(
        proposals=(_ref("P-0004", "rejected", "2021-11-compromise"),), unexplained=True
    ),
    "removal-on-request": Explanation(
        proposals=(_ref("P-0005", "accepted", "2022-03-second-reading"),),
        events=("2022-03-second-reading",),
        explained_by=("P-0005",),
    ),
    "representative-abroad": Explanation(
        proposals=(_ref("P-0004", "rejected", "2021-11-compromise"), _ref("P-0009", "proposed")),
        events=("2021-11-compromise",),
        explained_by=("2021-11-compromise",),
    ),
}


def render(fmt: str, comparison: Comparison | None = None, **options: Any) -> str:
    out = io.StringIO()
    reporter("diff", fmt)(comparison or sample(), out, DiffOptions(**options))
    return out.getvalue()


# --- golden files --------------------------------------------------------------------------

CASES: dict[str, tuple[str, dict[str, Any]]] = {
    "text.txt": ("text", {}),
    "text-color.ansi": ("text", {"color": True}),
    "text-narrow.txt": ("text", {"width": 60}),
    "text-all.txt": ("text", {"show_all": True}),
    "text-stat.txt": ("text", {"stat": True}),
    "text-stat-color.ansi": ("text", {"stat": True, "color": True}),
    "markdown.md": ("markdown", {}),
    "markdown-stat.md": ("markdown", {"stat": True}),
    "json.json": ("json", {}),
    "json-all.json": ("json", {"show_all": True}),
    "json-stat.json": ("json", {"stat": True}),
    "html.html": ("html", {}),
    "html-stat.html": ("html", {"stat": True}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str, update_golden: bool) -> None:
    fmt, options = CASES[name]
    actual = render(fmt, **options)
    if fmt == "html":
        check_golden_page(GOLDEN / name, actual, update_golden)
    else:
        check_golden(GOLDEN / name, actual, update_golden)


def test_every_golden_file_has_a_case() -> None:
    present = {p.name for p in GOLDEN.iterdir()} if GOLDEN.exists() else set()
    assert not present - set(CASES) - {CHROME}


def test_registry_and_options() -> None:
    assert formats("diff") == ("text", "markdown", "json", "html", "docx")
    options = DiffOptions()
    assert (options.stat, options.show_all, options.color, options.width) == (
        False,
        False,
        False,
        None,
    )
    with pytest.raises(AttributeError):
        options.stat = True  # type: ignore[misc]


def test_registry_imports_no_renderer_until_used() -> None:
    assert loaded_by("billtrack.render.reporters", ("rich", "jinja2", "jsonschema")) == []
    assert loaded_by("billtrack.render.diff.html", ("jinja2",)) == []


# --- text ----------------------------------------------------------------------------------


def test_text_shows_every_kind_of_change() -> None:
    text = render("text")
    assert text.startswith("bill kz-child-protection\n")
    assert "from first-reading c614352 — the first reading (2021-09-15)\n" in text
    assert "~ removal-on-request  modified: text, number\n" in text
    assert "    number: 1.9 → 1.10\n" in text
    assert "[-суток-]{+24 часов+}" in text
    assert "> platform-representative  renamed from contact-person (92%): text\n" in text
    assert "+ representative-abroad  added\n" in text
    assert "- local-office  dropped\n" in text
    assert "    proposals: P-0005 (accepted)\n" in text
    assert "    proposals: P-0004 (rejected)\n    UNEXPLAINED\n" in text
    assert "    events: 2021-11-compromise, 2021-11-ministry-announcement\n" in text
    assert "~ school-duties  modified: position, tags\n" in text
    assert "tags: education → education, cyberbullying" in text
    # one redline per changed language: ru changed in child-online-safety, kk did not
    block = text.split("child-online-safety")[1].split("\n\n")[0]
    assert "[ru] " in block and "[kk]" not in block
    assert "[kk] " in text.split("~ hotline")[1].split("\n\n")[0]
    # whole texts, not redlines, for added and dropped provisions
    assert "    + [kk] Шетелдік платформа" in text
    assert "    - Иностранная онлайн-платформа" in text
    assert "cyberbullying-definition" not in text
    assert text.endswith(
        "\n1 added, 1 dropped, 4 modified, 1 renamed, 1 unchanged; 1 bill field changed\n"
    )
    assert "\x1b" not in text


def test_text_color_styles_the_redline() -> None:
    text = render("text", color=True)
    assert "\x1b[9;31mсуток\x1b[0m" in text  # red, struck through
    assert "\x1b[4;32m24 часов\x1b[0m" in text  # green, underlined
    assert "[-" not in text and "{+" not in text


def test_text_stat() -> None:
    text = render("text", stat=True)
    assert "  ~ removal-on-request        text, number\n" in text
    assert "  > platform-representative   renamed from contact-person (92%): text\n" in text
    assert "  + representative-abroad     added\n" in text
    assert text.endswith(
        "1 added, 1 dropped, 4 modified, 1 renamed, 1 unchanged; 1 bill field changed\n"
    )
    assert text.startswith("  ~ bill short_title\n")
    assert "суток" not in text


@pytest.mark.parametrize("width", [40, 60, 100])
def test_text_lines_fit_the_width(width: int) -> None:
    for line in render("text", width=width).splitlines():
        assert cell_len(line) <= width, line
        assert line == line.rstrip(), line


def test_text_all_lists_unchanged() -> None:
    assert "= cyberbullying-definition  unchanged\n" in render("text", show_all=True)


def no_changes() -> Comparison:
    item = ProvisionDiff(
        id=CYBERBULLYING.id, status="unchanged", before=CYBERBULLYING, after=CYBERBULLYING
    )
    return Comparison(
        bill="b",
        old=Side("HEAD", COMMIT),
        new=Side("WORKTREE", None),
        diff=BillDiff(bill="b", provisions=(item,)),
    )


@pytest.mark.parametrize("fmt", sorted(set(formats("diff")) - BINARY_FORMATS))
def test_no_differences(fmt: str) -> None:
    output = render(fmt, no_changes())
    assert "0 added, 0 dropped, 0 modified, 0 renamed, 1 unchanged" in output or fmt == "json"
    if fmt == "json":
        document = json.loads(output)
        assert document["provisions"] == []
        assert document["counts"]["unchanged"] == 1
        validate_json(document)
    else:
        assert re.search("no differences", output, re.IGNORECASE)


# --- json ----------------------------------------------------------------------------------


def output_schema() -> dict[str, Any]:
    text = (files("billtrack.schemas") / "diff-output.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def validate_json(document: Any) -> None:
    validator = jsonschema.Draft202012Validator(output_schema())
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def test_output_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(output_schema())


@pytest.mark.parametrize(
    "options",
    [{}, {"stat": True}, {"show_all": True}, {"stat": True, "show_all": True}],
    ids=["full", "stat", "all", "stat-all"],
)
def test_json_matches_its_schema(options: dict[str, Any]) -> None:
    validate_json(json.loads(render("json", **options)))


def test_json_contract() -> None:
    document = json.loads(render("json"))
    assert list(document) == [
        "schema",
        "bill",
        "from",
        "to",
        "counts",
        "bill_changes",
        "provisions",
    ]
    assert document["schema"] == "billtrack/diff/2"
    assert document["from"] == {"spec": "first-reading", "commit": COMMIT}
    assert document["to"] == {"spec": "WORKTREE", "commit": None}
    assert document["counts"] == {
        "added": 1,
        "dropped": 1,
        "modified": 4,
        "renamed": 1,
        "unchanged": 1,
    }
    by_id = {p["id"]: p for p in document["provisions"]}
    assert "cyberbullying-definition" not in by_id  # unchanged: only with show_all

    removal = by_id["removal-on-request"]
    assert list(removal) == [
        "id",
        "status",
        "changes",
        "before",
        "after",
        "redline",
        "proposals",
        "events",
        "explained_by",
        "consequential",
        "unexplained",
    ]
    assert removal["changes"] == ["text", "number"]
    assert ["-", "суток"] in removal["redline"] and ["+", "24 часов"] in removal["redline"]
    assert removal["before"]["number"] == "1.9" and removal["after"]["number"] == "1.10"

    renamed = by_id["platform-representative"]
    assert list(renamed)[:4] == ["id", "status", "previous_id", "similarity"]
    assert (renamed["previous_id"], renamed["similarity"]) == ("contact-person", 92.4)
    assert renamed["before"]["id"] == "contact-person"

    dropped = by_id["local-office"]
    assert dropped["after"] is None and "redline" not in dropped
    assert dropped["events"] == ["2021-11-compromise", "2021-11-ministry-announcement"]
    added = by_id["representative-abroad"]
    assert added["before"] is None and "redline" not in added
    assert set(added["after"]["text"]) == {"kk", "ru"}

    # multilingual: a redline object by language, only for the languages that changed
    assert list(by_id["child-online-safety"]["redline"]) == ["ru"]
    assert list(by_id["hotline"]["redline"]) == ["kk", "ru"]
    # before/after are the records as in the files, x- extensions included
    assert by_id["school-duties"]["after"]["x-note"] == "moved after the hotline"
    assert "redline" not in by_id["school-duties"]


def test_json_stat_leaves_out_records() -> None:
    for item in json.loads(render("json", stat=True))["provisions"]:
        assert not {"before", "after", "redline"} & set(item)


def test_json_all_lists_unchanged() -> None:
    document = json.loads(render("json", show_all=True))
    statuses = [p["status"] for p in document["provisions"]]
    assert statuses.count("unchanged") == 1 == document["counts"]["unchanged"]
    assert len(statuses) == sum(document["counts"].values())


def test_json_record_rebuilt_when_provision_has_no_raw() -> None:
    bare = Provision(id="bare", text="Текст.", number="2", tags=("a",))
    item = ProvisionDiff(id="bare", status="added", before=None, after=bare)
    comparison = Comparison("b", Side("HEAD", COMMIT), Side("WORKTREE", None), BillDiff("b", ()))
    comparison = replace(comparison, diff=BillDiff("b", (item,)))
    document = json.loads(render("json", comparison))
    assert document["provisions"][0]["after"] == {
        "id": "bare",
        "number": "2",
        "text": "Текст.",
        "tags": ["a"],
    }
    validate_json(document)


def test_json_output_schema_rejects_off_contract_documents() -> None:
    document = json.loads(render("json"))
    document["provisions"][0]["status"] = "changed"
    with pytest.raises(AssertionError):
        validate_json(document)
    document = json.loads(render("json"))
    del document["provisions"][0]["events"]
    with pytest.raises(AssertionError):
        validate_json(document)


# --- html ----------------------------------------------------------------------------------


@pytest.mark.parametrize("options", [{}, {"stat": True}, {"show_all": True}])
def test_html_is_one_well_formed_self_contained_page(options: dict[str, Any]) -> None:
    check_page(render("html", **options))


def test_html_content() -> None:
    page = render("html")
    checker = check_page(page)
    articles = [attrs for tag, attrs in checker.tags if tag == "article"]
    assert [a["id"] for a in articles][:2] == [
        "provision-child-online-safety",
        "provision-hotline",
    ]
    anchors = {a["id"] for a in articles}
    links = {attrs["href"] for tag, attrs in checker.tags if tag == "a"}
    assert links == {"#" + anchor for anchor in anchors if anchor}
    assert "<del>суток</del><ins>24 часов</ins>" in page
    assert '<p class="text redline" lang="ru"><span class="lang">[ru]</span>' in page
    assert "1 added" in page and "P-0005" in page and "2022-03-second-reading" in page
    assert "Content-Security-Policy" in page


def test_html_lang_from_the_bill_when_known() -> None:
    assert '<html lang="en">' in render("html")
    assert '<html lang="ru">' in render("html", replace(sample(), language="ru"))
    assert '<html lang="en">' in render("html", replace(sample(), language='ru" onload="x'))


def test_html_template_autoescapes() -> None:
    source = (files("billtrack.render") / "templates" / "diff.html.j2").read_text("utf-8")
    assert "|safe" not in source.replace(" ", "") and "autoescape false" not in source


# --- markdown ------------------------------------------------------------------------------


def markdown_to_html(text: str) -> str:
    """GitHub-like rendering: CommonMark with raw HTML, tables and strikethrough."""
    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return str(parser.render(text))


def test_markdown_renders_the_redline() -> None:
    text = render("markdown")
    assert text.startswith("# Changes to kz-child-protection\n")
    assert "<del>суток</del><ins>24 часов</ins>" in text
    assert "**\\[ru\\]** " in text
    html = markdown_to_html(text)
    assert "<del>суток</del><ins>24 часов</ins>" in html
    assert html.count("<h1>") == 1
    assert html.count("<h2>") == 7
    assert "<p><del>Иностранная онлайн-платформа" in html  # a dropped text, whole
    assert "<p><strong>[kk]</strong> <ins>Шетелдік" in html  # an added one, by language


def test_markdown_stat_table() -> None:
    text = render("markdown", stat=True)
    assert "| removal-on-request | modified | text, number |" in text
    html = markdown_to_html(text)
    assert html.count("<tr>") == 8


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("[x](javascript:alert(1))", "[x](javascript:alert(1))"),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ("# heading", "# heading"),
        ("- item", "- item"),
        ("+ item", "+ item"),
        ("1. item", "1. item"),
        ("12) item", "12) item"),
        ("===", "==="),
        ("a | b", "a | b"),
        ("**bold** _em_ ~~gone~~ `code`", "**bold** _em_ ~~gone~~ `code`"),
        ("![i](http://x/i.png)", "![i](http://x/i.png)"),
        ("&lt; &#60;", "&lt; &#60;"),
        ("    indented", "indented"),
        ("a\\", "a\\"),
        ("$x$", "$x$"),
        ("> quote", "> quote"),
    ],
)
def test_markdown_escape_is_literal(raw: str, shown: str) -> None:
    html = markdown_to_html(escape_paragraph(raw))
    assert html.startswith("<p>") and html.endswith("</p>\n"), html
    assert "<a" not in html and "<img" not in html and "<script" not in html
    assert "<em>" not in html and "<strong>" not in html and "<code>" not in html
    # A zero-width space breaks what GitHub would autolink; it reads the same.
    assert html_text(html).replace("\u200b", "") == shown


def escape_paragraph(raw: str) -> str:
    from billtrack.render.markdown import paragraph

    return paragraph(escape(raw))


def html_text(html: str) -> str:
    parser = PageChecker()
    parser.feed(html)
    parser.close()
    return "".join(parser.text).strip()


# --- hostile file text, every format -------------------------------------------------------

HOSTILE_TEXT = (
    "[bold red]BOOM[/] \x1b[31mRED\x1b[0m \x1b]8;;http://evil\x07link\x1b]8;;\x07 "
    "<script>alert(1)</script> <img src=http://evil/x.png onerror=alert(1)> "
    "[click](javascript:alert(1)) ![i](http://evil/i.png) | cell | \u202eevil\u202c \x9b31m "
    ":smile: &amp; **bold** `code`\n# heading\n- item\n1. first\n\n    code"
)
HOSTILE_ID = "evil[bold]<b>|x`\x1b[2J\n# id"


def hostile() -> Comparison:
    before = provision(id=HOSTILE_ID, number="[red]1", heading="<i>h</i>", text=HOSTILE_TEXT)
    after = provision(
        id=HOSTILE_ID, number="[red]2", heading="<i>h</i>", text={"kk\x1b": HOSTILE_TEXT}
    )
    items = (
        ProvisionDiff(
            id=HOSTILE_ID,
            status="renamed",
            before=before,
            after=provision(id=HOSTILE_ID, number="[red]2", text=HOSTILE_TEXT + " new"),
            changes=("text", "number"),
            previous_id="[old]<id>|\x1b[1m",
            similarity=91.0,
            redlines={"": (("=", HOSTILE_TEXT), ("+", " [/]<ins>x</ins>\x1b[0m|"))},
            proposals=("P-[0001]<x>",),
            events=("e|\x1b[5m<script>",),
        ),
        ProvisionDiff(id=HOSTILE_ID + "2", status="added", before=None, after=after),
        ProvisionDiff(id=HOSTILE_ID + "3", status="dropped", before=before, after=None),
    )
    return Comparison(
        bill="bill[bold]<b>\x1b[31m",
        old=Side(spec="[red]rev<x>\x1b[2J", commit=COMMIT, label="<script>x</script>"),
        new=Side(spec="WORKTREE", commit=None),
        diff=BillDiff(bill="x", provisions=items),
    )


SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("options", [{}, {"color": True}, {"stat": True, "color": True}])
def test_hostile_text_in_text_format(options: dict[str, Any]) -> None:
    output = render("text", hostile(), **options)
    # the only escape sequences are the reporter's own colours
    assert "\x1b" not in SGR.sub("", output)
    assert "\x9b" not in output and "\u202e" not in output and "\x07" not in output
    assert "evil[bold]<b>|x`\\x1b[2J\\n# id" in output  # markup and escapes shown literally
    if not options.get("stat"):
        plain = SGR.sub("", output)
        assert "[bold red]BOOM[/] \\x1b[31mRED\\x1b[0m" in plain
        assert "\\u202eevil\\u202c \\x9b31m" in plain
        assert "[red]1 → [red]2" in plain
        assert "bill[bold]<b>\\x1b[31m" in plain


def test_hostile_text_in_text_format_keeps_own_styles_only() -> None:
    output = render("text", hostile(), color=True)
    assert set(SGR.findall(output)) <= {
        "\x1b[0m",
        "\x1b[1m",
        "\x1b[31m",
        "\x1b[32m",
        "\x1b[33m",
        "\x1b[36m",
        "\x1b[2m",
        "\x1b[1;31m",
        "\x1b[1;32m",
        "\x1b[1;33m",
        "\x1b[1;36m",
        "\x1b[9;31m",
        "\x1b[4;32m",
    }


@pytest.mark.parametrize("options", [{}, {"stat": True}, {"show_all": True}])
def test_hostile_text_in_markdown(options: dict[str, Any]) -> None:
    output = render("markdown", hostile(), **options)
    assert "\x1b" not in output and "\x9b" not in output and "\u202e" not in output
    html = markdown_to_html(output)
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "<b>" not in html and "<i>" not in html and "<code>" not in html
    assert "<em>" not in html
    tags = set(re.findall(r"</?([a-z0-9]+)", html))
    assert tags <= {"h1", "h2", "p", "ul", "li", "strong", "del", "ins", "br"} | {
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    }, tags
    assert html.count("<h1>") == 1
    if options.get("stat"):
        assert html.count("<tr>") == 4 and all(
            row.count("<td>") == 3 for row in html.split("<tr>")[2:]
        )
    else:
        assert html.count("<h2>") == 3  # one a provision: no heading from the text
        # strong only for our labels and statuses
        assert "<strong>BOOM" not in html and "<strong>bold</strong>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "[click](javascript:alert(1))" in html


@pytest.mark.parametrize("options", [{}, {"stat": True}])
def test_hostile_text_in_json(options: dict[str, Any]) -> None:
    output = render("json", hostile(), **options)
    for character in ("\x1b", "\x9b", "\u202e", "\x07"):
        assert character not in output
    document = json.loads(output)
    validate_json(document)
    first = document["provisions"][0]
    assert first["id"] == HOSTILE_ID and first["previous_id"] == "[old]<id>|\x1b[1m"
    assert first["events"] == ["e|\x1b[5m<script>"]
    if not options:
        assert first["before"]["text"] == HOSTILE_TEXT  # the data itself, exactly
        assert document["provisions"][1]["after"]["text"] == {"kk\x1b": HOSTILE_TEXT}
        assert first["redline"][-1] == ["+", " [/]<ins>x</ins>\x1b[0m|"]
    assert document["from"]["spec"] == "[red]rev<x>\x1b[2J"


@pytest.mark.parametrize("options", [{}, {"stat": True}, {"show_all": True}])
def test_hostile_text_in_html(options: dict[str, Any]) -> None:
    page = render("html", hostile(), **options)
    checker = check_page(page)
    for character in ("\x1b", "\x9b", "\u202e", "\x07"):
        assert character not in page
    assert "<b>" not in page and "<i>" not in page
    assert not [tag for tag, _ in checker.tags if tag in {"b", "i", "img", "script"}]
    text = "".join(checker.text)
    assert "evil[bold]<b>|x`\\x1b[2J\\n# id" in text
    if not options.get("stat"):
        assert "<script>alert(1)</script>" in text  # shown, as text
        assert "<img src=http://evil/x.png onerror=alert(1)>" in text
        assert " [/]<ins>x</ins>\\x1b[0m|" in text
        assert all(
            re.fullmatch(r"provision-[A-Za-z0-9._-]+", attrs["id"] or "")
            for tag, attrs in checker.tags
            if tag == "article"
        )
        # an invalid language tag is shown but never put in a lang attribute
        assert "[kk\\x1b]" in text
        assert not any("kk" in (attrs.get("lang") or "") for _, attrs in checker.tags)
