"""`billtrack import` of Word files whose labels come from Word's automatic numbering
("Статья 5." on a numbered Heading 2, "1)" and "1.1." points): the reader shows them as
Word does, so the provisions keep their numbers. Every document is built here with
python-docx, the numbering added to its numbering part as Word writes it."""

from __future__ import annotations

import io

import docx
import pytest
from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph
from typer.testing import CliRunner

from billtrack.importer.formats import read
from billtrack.importer.formats.wordlists import format_number
from billtrack.importer.units import Unit
from tests.support.cli import invoke
from tests.support.records import BILL_TEXT, FOLDER, make_project
from tests.support.repos import Repo


def level(ilvl: int, fmt: str, text: str, *, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'{extra}<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
    )


def define(document: Document, num_id: int, levels: str, *, abstract: int | None = None,
           overrides: str = "") -> None:  # fmt: skip
    """A list `num_id` (on a new abstract definition of `levels`, or on `abstract`)."""
    numbering = document.part.numbering_part.element
    if abstract is None:
        abstract = num_id
        first_num = numbering.find(qn("w:num"))
        definition = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract}">{levels}</w:abstractNum>'
        )
        if first_num is not None:  # Word writes every abstractNum before the first num
            first_num.addprevious(definition)
        else:
            numbering.append(definition)
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>'
            f"{overrides}</w:num>"
        )
    )


def number(paragraph: Paragraph, num_id: int, ilvl: int = 0) -> Paragraph:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id
    return paragraph


def number_style(document: Document, name: str, num_id: int) -> None:
    """The style `name` numbered by list `num_id` (its level left to the list's w:pStyle)."""
    style = document.styles[name].element
    style.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = num_id


def units_of(document: Document) -> list[Unit]:
    buffer = io.BytesIO()
    document.save(buffer)
    return read(buffer.getvalue(), "docx")


ARTICLE = level(0, "decimal", "Статья %1.", extra='<w:suff w:val="space"/>')


def test_articles_numbered_by_word_keep_their_numbers() -> None:
    document = docx.Document()
    define(document, 100, ARTICLE)
    document.add_heading("Глава 1. Общие положения", level=1)
    number(document.add_heading("Основные понятия", level=2), 100)
    document.add_paragraph("В настоящем Законе используются понятия.")
    number(document.add_heading("Цель Закона", level=2), 100)
    document.add_paragraph("Защита прав ребёнка.")
    document.add_heading("Глава 2. Обязанности", level=1)
    number(document.add_heading("", level=2), 100)  # a number and no title
    document.add_paragraph("Платформа открывает представительство.")
    units = units_of(document)
    assert [(u.number, u.heading, u.path) for u in units] == [
        ("Статья 1", "Основные понятия", ("Глава 1. Общие положения",)),
        ("Статья 2", "Цель Закона", ("Глава 1. Общие положения",)),
        ("Статья 3", None, ("Глава 2. Обязанности",)),
    ]
    assert units[2].text == "Платформа открывает представительство."


def test_multilevel_points_show_every_level_and_join_their_article() -> None:
    document = docx.Document()
    define(document, 101, level(0, "decimal", "%1.") + level(1, "decimal", "%1.%2."))
    define(document, 102, level(0, "decimal", "%1)"))
    document.add_heading("Статья 1. Порядок", level=2)
    document.add_paragraph("Порядок таков:")
    for text, ilvl in [("Общее", 0), ("первое", 1), ("второе", 1), ("Особое", 0), ("третье", 1)]:
        number(document.add_paragraph(text), 101, ilvl)
    document.add_heading("Статья 2. Изменения", level=2)
    number(document.add_paragraph("пункт 2 статьи 1 исключить."), 102)
    units = units_of(document)
    assert units[0].text.splitlines() == [
        "Порядок таков:", "1. Общее", "1.1. первое", "1.2. второе", "2. Особое", "2.1. третье"
    ]  # fmt: skip
    # A point that starts with a worded label ("пункт 2") keeps its own number too.
    assert units[1].text == "1) пункт 2 статьи 1 исключить."


def test_legal_numbering_a_level_that_never_restarts_and_no_suffix() -> None:
    document = docx.Document()
    sections = level(0, "upperRoman", "%1.")
    points = level(1, "decimal", "%1.%2.", extra='<w:lvlRestart w:val="0"/><w:isLgl/>'
                   '<w:suff w:val="nothing"/>')  # fmt: skip
    define(document, 112, sections + points)
    document.add_heading("Статья 1. Разделы", level=2)
    for text, ilvl in [("Первый", 0), ("один", 1), ("Второй", 0), ("два", 1)]:
        number(document.add_paragraph(text), 112, ilvl)
    units = units_of(document)
    assert units[0].text.splitlines() == ["I. Первый", "1.1.один", "II. Второй", "2.2.два"]


@pytest.mark.parametrize(("fmt", "first", "second"), [("lowerLetter", "a)", "b)"),
                                                      ("russianLower", "а)", "б)")])  # fmt: skip
def test_lettered_points_join_their_article(fmt: str, first: str, second: str) -> None:
    document = docx.Document()
    define(document, 103, level(0, fmt, "%1)"))
    document.add_heading("Статья 1. Понятия", level=2)
    document.add_paragraph("В Законе используются понятия:")
    number(document.add_paragraph("ребёнок;"), 103)
    number(document.add_paragraph("платформа."), 103)
    units = units_of(document)
    assert [u.number for u in units] == ["Статья 1"]
    assert units[0].text == f"В Законе используются понятия:\n{first} ребёнок;\n{second} платформа."


def test_lists_of_one_definition_share_their_count_until_a_start_override() -> None:
    document = docx.Document()
    define(document, 104, level(0, "decimal", "%1)"))
    define(document, 105, "", abstract=104)  # Word continues the count of 104
    restart = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride>'
    define(document, 106, "", abstract=104, overrides=restart)
    document.add_heading("Статья 1. Первая", level=2)
    document.add_paragraph("Перечень:")
    for num_id in (104, 104, 105, 106, 106):
        number(document.add_paragraph("пункт;"), num_id)
    units = units_of(document)
    assert [line.split()[0] for line in units[0].text.splitlines()[1:]] == [
        "1)", "2)", "3)", "5)", "6)"
    ]  # fmt: skip


def test_numbering_given_by_paragraph_styles() -> None:
    document = docx.Document()
    # Word's multilevel list linked to styles: each level names the style it numbers.
    articles = level(0, "decimal", "Статья %1.", extra='<w:pStyle w:val="Heading2"/>')
    points = level(1, "decimal", "%2)", extra='<w:pStyle w:val="Point"/>')
    define(document, 107, articles + points)
    number_style(document, "Heading 2", 107)
    base = document.styles.add_style("Point Base", 1)
    base.element.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = 107
    point = document.styles.add_style("Point", 1)
    point.base_style = base  # numbered through its w:basedOn
    assert point.style_id == "Point"
    document.add_heading("Основные понятия", level=2)
    document.add_paragraph("Понятия:")
    document.add_paragraph("ребёнок;", style="Point")
    document.add_paragraph("платформа.", style="Point")
    document.add_heading("Цель", level=2)
    document.add_paragraph("Цели:")
    document.add_paragraph("защита.", style="Point")
    units = units_of(document)
    assert [(u.number, u.heading) for u in units] == [
        ("Статья 1", "Основные понятия"),
        ("Статья 2", "Цель"),
    ]
    assert units[0].text == "Понятия:\n1) ребёнок;\n2) платформа."
    assert units[1].text == "Цели:\n1) защита."  # the points restart under each article


def test_num_id_zero_takes_a_styles_numbering_away() -> None:
    document = docx.Document()
    define(document, 108, level(0, "decimal", "%1)"))
    document.styles.add_style("Numbered", 1)
    number_style(document, "Numbered", 108)
    document.add_heading("Статья 1. Понятия", level=2)
    document.add_paragraph("первый;", style="Numbered")
    number(document.add_paragraph("Без номера.", style="Numbered"), 0)
    document.add_paragraph("второй.", style="Numbered")
    units = units_of(document)
    assert units[0].text == "1) первый;\n\nБез номера.\n2) второй."


def test_a_bullet_list_has_no_labels() -> None:
    document = docx.Document()
    define(document, 109, level(0, "bullet", "•") + level(1, "none", ""))
    document.add_heading("Статья 1. Понятия", level=2)
    document.add_paragraph("Понятия:")
    number(document.add_paragraph("ребёнок;"), 109)
    number(document.add_paragraph("платформа."), 109, 1)
    units = units_of(document)
    assert units[0].text == "Понятия:\nребёнок;\nплатформа."


@pytest.mark.parametrize(
    "damage",
    [
        '<w:num w:numId="110"><w:abstractNumId w:val="999"/></w:num>',  # no such definition
        f'<w:abstractNum w:abstractNumId="110">{level(0, "decimal", "%1)", start=0)}'
        '</w:abstractNum><w:num w:numId="110"><w:abstractNumId w:val="110"/></w:num>'
        .replace('w:val="0"/><w:numFmt', 'w:val="x"/><w:numFmt'),  # a start that is no number
        '<w:abstractNum w:abstractNumId="110"><w:numStyleLink w:val="Missing"/></w:abstractNum>'
        '<w:num w:numId="110"><w:abstractNumId w:val="110"/></w:num>',  # a link to nothing
    ],
)  # fmt: skip
def test_a_damaged_numbering_reads_without_labels(damage: str) -> None:
    document = docx.Document()
    define(document, 111, ARTICLE)
    numbering = document.part.numbering_part.element
    for element in parse_xml(f"<w:numbering {nsdecls('w')}>{damage}</w:numbering>"):
        numbering.append(element)
    number(document.add_heading("Понятия", level=2), 111)
    document.add_paragraph("Понятия:")
    number(document.add_paragraph("ребёнок."), 110)
    units = units_of(document)
    # No label, not even the readable list's: a wrong number misleads more than none.
    assert [(u.number, u.heading, u.text) for u in units] == [
        (None, "Понятия", "Понятия:\nребёнок.")
    ]


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (7, "decimal", "7"), (7, "decimalZero", "07"), (12, "decimalZero", "12"),
        (27, "lowerLetter", "aa"), (2, "upperLetter", "B"), (14, "lowerRoman", "xiv"),
        (1999, "upperRoman", "MCMXCIX"), (10, "russianLower", "к"), (27, "russianUpper", "Э"),
        (30, "russianLower", "аа"), (3, "bullet", ""), (3, "none", ""), (3, "ordinal", "3"),
        (0, "lowerLetter", "0"), (10**9, "upperRoman", "1000000000"),
    ],
)  # fmt: skip
def test_number_formats(value: int, fmt: str, shown: str) -> None:
    assert format_number(value, fmt) == shown


PROVISIONS = """
  - id: concepts
    number: Статья 1
    heading: Основные понятия
    text: В настоящем Законе используются понятия ребёнка и платформы.
  - id: purpose
    number: Статья 2
    heading: Цель Закона
    text: Целью настоящего Закона является защита прав ребёнка в сети Интернет.
  - id: reports
    number: Статья 3
    heading: Отчётность
    text: Уполномоченный орган устанавливает форму и сроки отчётов платформы.
"""
COMMITTEE_BILL = BILL_TEXT.split("provisions:")[0] + "provisions:" + PROVISIONS


def test_import_dry_run_matches_word_numbered_articles_by_number(
    git_repo: Repo, cli: CliRunner
) -> None:
    make_project(git_repo, commit=False)
    git_repo.write(f"{FOLDER}/bill.yaml", COMMITTEE_BILL)
    git_repo.commit("The bill's text", date="2021-01-01T12:00:00")
    document = docx.Document()
    define(document, 100, ARTICLE)
    number(document.add_heading("Основные понятия", level=2), 100)
    document.add_paragraph("В настоящем Законе используются понятия ребёнка и платформы.")
    number(document.add_heading("Цель Закона", level=2), 100)
    document.add_paragraph("Целью настоящего Закона является защита детей в сети Интернет.")
    number(document.add_heading("Доклады", level=2), 100)  # retitled and rewritten
    document.add_paragraph("Платформа ежегодно публикует доклад о модерации.")
    path = git_repo.path / "committee.docx"
    document.save(str(path))
    code, out, err = invoke(cli, "import", str(path), "--dry-run")
    assert code == 0, out + err
    assert "both       purpose  (Статья 2 Цель Закона)" in out
    assert "number     reports  (Статья 3 Доклады) was Статья 3" in out
    assert "1 provision(s) unchanged" in out
    assert "0 added, 0 dropped, 2 modified" in out
    assert "dry run: nothing written" in out
