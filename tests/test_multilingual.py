"""Multilingual human-readable fields (issue 13, item 1): every such field may be a
string or a language map; reports show the requested language and mark a fallback."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from billtrack.i18n.choose import choose
from tests.support.cli import invoke
from tests.support.repos import Repo

BILL = """
id: ml
title: {en: On platforms, ru: О платформах}
short_title: {en: Platforms bill, ru: Законопроект о платформах}
jurisdiction: KZ
language: ru
initiator: mazhilis
stages:
  - first-reading
  - {id: mazhilis-agreement, label: {en: Mazhilis agreement, ru: согласование в Мажилисе}}
provisions:
  - id: office
    number: "1.1"
    heading: Офис
    text: Платформа открывает офис.
"""
PARTIES = """
- id: mazhilis
  name: {en: Mazhilis of the Parliament of the Republic of Kazakhstan,
         ru: Мажилис Парламента Республики Казахстан}
  short_name: {en: Mazhilis, ru: Мажилис}
  kind: chamber
- id: meta
  name: Meta Platforms
  kind: platform
"""
PROPOSAL = """
date: "2021-11"
author: mazhilis
action: drop
target: office
heading: {en: Drop the office, ru: Исключить офис}
rationale: {en: No platform will open an office., ru: Ни одна платформа не откроет офис.}
"""
EVENT = """
date: "2021-12"
kind: negotiation
stage: mazhilis-agreement
body: mazhilis
participants: [meta]
summary: {en: Agreed with Meta.}
positions:
  - party: meta
    stance: agrees
    note: {ru: Согласна на представителя., en: Agrees to a representative.}
decisions:
  - proposal: P-0001
    status: accepted
    note: {en: Accepted in the final round, ru: Принято в последнем раунде}
"""


def _bill(repo: Repo) -> None:
    repo.write("amendments/parties.yaml", PARTIES)
    repo.write("amendments/ml/bill.yaml", BILL)
    first = repo.commit("first", date="2021-10-01T12:00:00")
    repo.write(
        "amendments/ml/events/2021-10-first-reading.yaml",
        f'date: "2021-10-01"\nkind: reading\nstage: first-reading\nversion: {first}\n',
    )
    repo.write("amendments/ml/proposals/P-0001.yaml", PROPOSAL)
    repo.write("amendments/ml/events/2021-12-talks.yaml", EVENT)
    bill = BILL.replace(
        'provisions:\n  - id: office\n    number: "1.1"\n    heading: Офис\n'
        "    text: Платформа открывает офис.\n",
        'provisions:\n  - id: rep\n    number: "1.1"\n'
        "    text: Платформа назначает представителя.\n",
    )
    repo.write("amendments/ml/bill.yaml", bill)
    repo.commit("second", date="2021-12-20T12:00:00")


def test_language_maps_are_valid_in_every_field(git_repo: Repo, cli: CliRunner) -> None:
    _bill(git_repo)
    code, out, err = invoke(cli, "validate")
    assert (code, out) == (0, ""), err


def test_the_russian_summary_picks_russian_and_marks_a_fallback(
    git_repo: Repo, cli: CliRunner
) -> None:
    _bill(git_repo)
    code, out, err = invoke(cli, "summary", "first-reading", "--lang", "ru")
    assert (code, err) == (0, "")
    assert out.startswith("# Законопроект о платформах")
    assert "Мажилис" in out and "Mazhilis" not in out
    assert "Ни одна платформа не откроет офис." in out
    assert "Принято в последнем раунде" in out
    assert "Согласна на представителя." in out
    # The event summary has no Russian: shown in English, with its language marked.
    assert "Agreed with Meta. \\[en\\]" in out
    # The stage is named by its label, never by its id.
    assert "mazhilis-agreement" not in out


def test_the_english_summary_picks_english(git_repo: Repo, cli: CliRunner) -> None:
    _bill(git_repo)
    code, out, _ = invoke(cli, "summary", "first-reading", "--lang", "en")
    assert code == 0
    assert out.startswith("# Platforms bill")
    assert "No platform will open an office." in out
    assert "Agreed with Meta." in out and "[en]" not in out
    assert "Agrees to a representative." in out
    assert "Мажилис" not in out


def test_the_table_picks_the_language(git_repo: Repo, cli: CliRunner) -> None:
    _bill(git_repo)
    code, out, _ = invoke(cli, "table", "--lang", "ru", "--format", "markdown")
    assert code == 0
    assert "Законопроект о платформах" in out
    assert "Ни одна платформа не откроет офис." in out
    assert "Мажилис" in out and "Mazhilis" not in out
    code, out, _ = invoke(cli, "table", "--lang", "en", "--format", "markdown")
    assert "No platform will open an office." in out and "Mazhilis" in out


def test_a_wrong_shape_is_one_line_with_a_position(git_repo: Repo, cli: CliRunner) -> None:
    _bill(git_repo)
    git_repo.write(
        "amendments/ml/proposals/P-0002.yaml",
        PROPOSAL.replace("heading: {en: Drop the office, ru: Исключить офис}", "heading: [a, b]"),
    )
    code, out, _ = invoke(cli, "validate")
    assert code == 1
    assert "P-0002.yaml:5:10: error schema" in out, out


tags = st.sampled_from(["en", "ru", "kk", "de"])
maps = st.dictionaries(tags, st.text(min_size=1), min_size=1)


@given(maps, tags, tags)
def test_choose_shows_the_requested_language_or_marks_the_one_shown(
    value: dict[str, str], lang: str, primary: str
) -> None:
    chosen = choose(value, lang, primary=primary)
    assert value[chosen.lang] == chosen.text
    assert chosen.fallback == (lang not in value)
    if lang in value:
        assert chosen.shown == value[lang]
    else:
        assert chosen.shown.endswith(f" [{chosen.lang}]")
        if primary in value:
            assert chosen.lang == primary


@given(st.text(min_size=1), tags)
def test_a_plain_string_is_in_every_language(value: str, lang: str) -> None:
    assert choose(value, lang).shown == value


def test_the_write_commands_take_a_language_map_as_json(git_repo: Repo, cli: CliRunner) -> None:
    _bill(git_repo)
    code, _, err = invoke(
        cli, "party", "add", "senate", "--kind", "chamber",
        "--name", '{"en": "Senate of the Parliament", "ru": "Сенат Парламента"}',
        "--short-name", '{"en": "Senate", "ru": "Сенат"}',
    )  # fmt: skip
    assert (code, err) == (0, "")
    text = (git_repo.path / "amendments/parties.yaml").read_text(encoding="utf-8")
    assert 'ru: "Сенат Парламента"' in text and "short_name:" in text
    code, _, err = invoke(
        cli, "proposal", "new", "--author", "senate", "--action", "drop", "--target", "rep",
        "--date", "2022", "--rationale", '{"en": "Not needed.", "ru": "Не нужно."}',
        "--source", "{not json",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert invoke(cli, "validate")[0] == 0
    code, out, _ = invoke(cli, "table", "--lang", "ru", "--format", "markdown")
    assert "Не нужно." in out and "Сенат" in out


@given(st.text())
def test_a_value_that_is_not_a_language_map_is_kept_as_written(text: str) -> None:
    from billtrack.record.draft import localized

    value = localized(text)
    assert value == text or (isinstance(value, dict) and text.lstrip().startswith("{"))
