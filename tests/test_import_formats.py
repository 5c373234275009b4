"""The readers of `billtrack import` (Markdown, plain text, HTML, DOCX, Akoma Ntoso,
USLM), the numbering grammars, and the matcher on versions in several languages."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from billtrack.importer.formats import Format, FormatError, read
from billtrack.importer.formats.markup import markdown_blocks
from billtrack.importer.matching import Side, match
from billtrack.importer.numbering import core, is_repealed, sort_key, split_label
from billtrack.importer.units import from_blocks
from billtrack.model import Bill, Provision
from billtrack.render.bill.view import bill_text
from billtrack.store.repository import Side as VersionSide
from tests.support.cli import invoke
from tests.support.records import make_project
from tests.support.repos import Repo
from tests.test_import import ids_by_number

DATA = Path(__file__).parent / "data" / "import"


@pytest.mark.parametrize(
    ("line", "label", "rest"),
    [
        ("Статья 5. Право ребёнка", "Статья 5", "Право ребёнка"),
        ("Статья 1-1. Понятия", "Статья 1-1", "Понятия"),
        ("5-бап. Мақсаты", "5-бап", "Мақсаты"),
        ("§ 9a Wahl des Herkunftsstaates", "§ 9a", "Wahl des Herkunftsstaates"),
        ("Art. 12 Inkrafttreten", "Art. 12", "Inkrafttreten"),
        ("Article 1er", "Article 1er", ""),
        ("Article 3 bis", "Article 3 bis", ""),
        ("Article 11 quater A Titre", "Article 11 quater A", "Titre"),
        ("Section 1. Short title", "Section 1", "Short title"),
        ("Clause 4 Duties", "Clause 4", "Duties"),
    ],
)
def test_labels_of_each_language(line: str, label: str, rest: str) -> None:
    found = split_label(line)
    assert found is not None
    assert (found[0], found[2]) == (label, rest)


def test_bare_numbers_only_when_asked() -> None:
    assert split_label("1. The text") is None
    assert split_label("1) The text", bare=True) == ("1)", "1", "The text")


def test_cores_agree_across_words() -> None:
    assert core("Статья 5.") == core("Art. 5") == core("§ 5") == "5"
    assert core("Article 1er") == "1"


def test_labels_sort_as_readers_read_them() -> None:
    labels = ["§ 10", "§ 9a", "Article 3 ter", "§ 9", "Article 3", "Article 3 bis", "1.10", "1.2"]
    ordered = sorted(labels, key=sort_key)
    assert ordered == ["1.2", "1.10", "Article 3", "Article 3 bis", "Article 3 ter", "§ 9",
                       "§ 9a", "§ 10"]  # fmt: skip


@pytest.mark.parametrize(
    "text", ["(weggefallen)", "Supprimé", "Утратила силу.", "(aufgehoben)", "[Repealed]"]
)
def test_repealed_placeholders(text: str) -> None:
    assert is_repealed(text)


def test_a_text_about_repeal_is_no_placeholder() -> None:
    assert not is_repealed("The Act of 1990 is repealed in full.")


def test_markdown_containers_title_and_front_matter() -> None:
    units = read((DATA / "de-v1.md").read_bytes(), "markdown")
    assert [u.number for u in units] == ["§ 1", "§ 2", "§ 3", "§ 4", "§ 5"]
    assert units[0].path == ("Abschnitt 1 - Allgemeines",)
    assert units[3].path == ("Abschnitt 2 - Pflichten",)
    assert units[1].text.startswith("(1) Plattform")
    assert "\n\n(2) Anbieter" in units[1].text


def test_articles_typed_as_paragraphs_under_chapter_headings() -> None:
    # Many parliaments' files set chapters as headings and type each article as a bold
    # paragraph: the labelled paragraphs are the provisions, the headings their path,
    # and a paragraph that cites an article is no article.
    source = (
        "# Закон о защите детей\n\n## Глава 1. Общие положения\n\n"
        "**Статья 1. Основные понятия**\n\nВ настоящем Законе используются понятия:\n\n"
        "1) ребенок — лицо;\n\n**Статья 2.** Цель закона\n\nЦелью является защита.\n\n"
        "## Глава 2. Платформы\n\n**Статья 3. Обязанности**\n\n"
        "Статья 1 настоящего Закона применяется к платформам.\n"
    )
    units = read(source.replace("**", "").encode(), "markdown")
    assert [(u.number, u.heading, u.path) for u in units] == [
        ("Статья 1", "Основные понятия", ("Глава 1. Общие положения",)),
        ("Статья 2", "Цель закона", ("Глава 1. Общие положения",)),
        ("Статья 3", "Обязанности", ("Глава 2. Платформы",)),
    ]
    assert units[0].text == "В настоящем Законе используются понятия:\n\n1) ребенок — лицо;"
    assert units[2].text == "Статья 1 настоящего Закона применяется к платформам."


def test_a_heading_that_names_its_provision_keeps_paragraphs_that_cite_others() -> None:
    # Headings without labels are the provisions; a body paragraph that starts with a
    # citation does not turn the document into paragraph-labelled provisions.
    source = "## Цель\n\nСтатья 2 настоящего Закона не применяется.\n\n## Сфера\n\nТекст.\n"
    units = read(source.encode(), "markdown")
    assert [(u.number, u.heading) for u in units] == [(None, "Цель"), (None, "Сфера")]


def test_plain_text_with_worded_labels_and_containers() -> None:
    units = read((DATA / "fr-v2.txt").read_bytes(), "text")
    assert [u.number for u in units] == [
        "Article 1er", "Article 2", "Article 2 bis", "Article 3", "Article 4"
    ]  # fmt: skip
    assert units[0].path == ("TITRE Ier - DISPOSITIONS GÉNÉRALES",)
    assert units[4].path == ("TITRE II - SANCTIONS",)
    assert units[3].repealed


def test_html_skips_scripts_and_keeps_line_breaks_and_list_items() -> None:
    units = read((DATA / "en-v1.html").read_bytes(), "html")
    assert [u.number for u in units] == ["Section 1", "Section 2", "Section 3"]
    assert units[0].path == ("Part 1 — Preliminary",)
    assert units[1].text == (
        "In this Act:\n(a) “service” means an online service;\n(b) “user” means a person."
    )
    assert units[2].text == "A provider must take reasonable steps\nto protect users."


def test_akoma_ntoso_articles_with_evidence() -> None:
    units = read((DATA / "kk-v1.akn.xml").read_bytes(), "akn")
    assert [(u.number, u.heading, u.evidence) for u in units] == [
        ("1-бап", "Негізгі ұғымдар", "art_1"),
        ("2-бап", "Заңның мақсаты", "art_2"),
    ]
    assert units[0].text.splitlines() == [
        "1. Бала — он сегіз жасқа толмаған адам.",
        "2. Платформа — интернет-ресурс.",
    ]
    assert units[0].path == ("1-тарау Жалпы ережелер",)


def test_uslm_reported_bill_gives_both_versions() -> None:
    data = (DATA / "en-reported.uslm.xml").read_bytes()
    new = read(data, "uslm")
    old = read(data, "uslm", side="old")
    assert [u.heading for u in old] == ["SHORT TITLE.", "FINDINGS.", "REPORTS."]
    assert [u.heading for u in new] == ["SHORT TITLE.", "DUTY OF CARE.", "REPORTS."]
    assert old[0].text.endswith("Kids Online Act.")
    assert new[2].text == "The Commission shall report annually to Congress."


def test_docx_headings_and_list_paragraphs() -> None:
    import docx

    document = docx.Document()
    document.add_heading("Закон", level=1)
    document.add_heading("Глава 1. Общие положения", level=2)
    document.add_heading("Статья 1. Понятия", level=3)
    document.add_paragraph("В Законе используются понятия:")
    document.add_paragraph("1) ребёнок;", style="List Number")
    document.add_heading("Статья 2. Цель", level=3)
    document.add_paragraph("Защита прав ребёнка.")
    buffer = io.BytesIO()
    document.save(buffer)
    units = read(buffer.getvalue(), "docx")
    assert [(u.number, u.heading, u.path) for u in units] == [
        ("Статья 1", "Понятия", ("Глава 1. Общие положения",)),
        ("Статья 2", "Цель", ("Глава 1. Общие положения",)),
    ]
    assert units[0].text == "В Законе используются понятия:\n1) ребёнок;"


@pytest.mark.parametrize(
    ("first", "second", "expect"),
    [
        # An insertion (§ 2a), a repeal in place (§ 3), edits: every old § keeps its id.
        ("de-v1.md", "de-v2.md", {"§ 1": "§ 1", "§ 2": "§ 2", "§ 3": "§ 3", "§ 4": "§ 4"}),
        (
            "fr-v1.txt",
            "fr-v2.txt",
            {
                "Article 1er": "Article 1er",
                "Article 2": "Article 2",
                "Article 3": "Article 3",
                "Article 4": "Article 4",
            },
        ),
    ],
)
def test_versions_in_other_languages(
    git_repo: Repo, cli: CliRunner, first: str, second: str, expect: dict[str, str]
) -> None:
    make_project(git_repo)
    assert invoke(cli, "import", str(DATA / first))[0] == 0
    before = ids_by_number(git_repo)
    code, out, err = invoke(cli, "import", str(DATA / second))
    assert code == 0, out + err
    after = ids_by_number(git_repo)
    for old_number, new_number in expect.items():
        assert after[new_number] == before[old_number], (old_number, out)
    assert len(set(after.values())) == len(after)


def _words(n: int) -> list[str]:
    return [f"w{i}x{n}" for i in range(12)]


def test_a_whole_renumbering_follows_the_texts() -> None:
    """Most numbers reused for other content: the texts decide, not the numbers."""
    texts = [" ".join(_words(n)) + f" provision {n}" for n in range(20)]
    old = [Side(f"p{n}", texts[n], f"Article {n + 1}") for n in range(20)]
    # Reversed order, each text edited a little, numbers 1..20 again.
    new = [Side(str(j), texts[19 - j] + " amended", f"Article {j + 1}") for j in range(20)]
    pairs = match(old, new)
    assert {j: p.old for j, p in pairs.items()} == {j: f"p{19 - j}" for j in range(20)}


def test_a_weak_best_match_is_a_new_provision() -> None:
    old = [Side("a", "the authority sets the form of reports")]
    new = [Side("0", "platforms publish an annual transparency report online")]
    assert match(old, new) == {}


# Format characters (Cf: zero-width spaces and joiners, bidi marks) are left out: every
# output shows them as visible escapes (billtrack.render.INVISIBLE), so a text holding one
# does not read back as it was; that is the price of never printing them unseen.
_TEXT = st.lists(
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp", "Zs"),
            blacklist_characters="\ufeff",
        ),
        min_size=1,
        max_size=12,
    ),
    min_size=1,
    max_size=8,
).flatmap(
    lambda words: st.lists(st.sampled_from([" ", "\n", "\n\n"]), min_size=len(words) - 1,
                           max_size=len(words) - 1).map(
        lambda seps: words[0] + "".join(s + w for s, w in zip(seps, words[1:], strict=True))
    )
)  # fmt: skip


@example(texts=["0", "0"], headings=["0", "—", "0", "0"])  # a heading that is a dash
@settings(max_examples=150, deadline=None)
@given(texts=st.lists(_TEXT, min_size=1, max_size=4), headings=st.lists(_TEXT, min_size=4))
def test_markdown_of_any_text_reads_back_exactly(texts: list[str], headings: list[str]) -> None:
    from billtrack.render.bill.markdown import render

    provisions = tuple(
        Provision(id=f"p{n}", text=text, number=f"{n + 1}.", heading=" ".join(headings[n].split()))
        for n, text in enumerate(texts)
    )
    bill = Bill(id="b", title="T", jurisdiction="KZ", language="ru", provisions=provisions)
    out = io.StringIO()
    render(bill_text(bill, VersionSide("HEAD", None), "ru"), out)
    units = from_blocks(markdown_blocks(out.getvalue()))
    assert [u.text for u in units] == list(texts)
    assert [(u.number, u.heading) for u in units] == [(p.number, p.heading) for p in provisions]


@settings(max_examples=40, deadline=None)
@given(data=st.binary(max_size=400), fmt=st.sampled_from(["markdown", "text", "html", "akn",
                                                          "uslm", "docx"]))  # fmt: skip
def test_any_bytes_in_any_format_is_units_or_a_format_error(data: bytes, fmt: Format) -> None:
    try:
        units = read(data, fmt)
    except FormatError:
        return
    assert units
    assert all(u.text for u in units)


def test_a_damaged_docx_is_a_format_error() -> None:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("word/document.xml", "<w:document")
    with pytest.raises(FormatError, match="not a readable Word document"):
        read(buffer.getvalue(), "docx")
