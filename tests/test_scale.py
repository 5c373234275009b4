"""Cost bounded (issue 15, items 11-13): the redline's alignment never exceeds its cell
budget and still gives back both texts; rename detection past its all-pairs budget
finds the renames a wave of renumbering makes; `show` of one huge word is linear. The
sizes of the issue are benchmarks/bench_scale.py's; here the budgets are made small."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from billtrack import redline as redline_module
from billtrack import renames
from billtrack.diff import diff_bills
from billtrack.model import Bill, Provision
from billtrack.redline import coarse, normalise, redline
from billtrack.schemas import schema_text
from tests.support.cli import invoke
from tests.support.pages import check_page
from tests.support.repos import PARTIES, Repo, bill_yaml

WORDS = ["закон", "орган", "сеть", "срок.", "пункт;", "статья", "и", "в", "ребенок:"]


def _sides(segments: tuple[tuple[str, str], ...]) -> tuple[str, str]:
    old = "".join(text for op, text in segments if op != "+")
    new = "".join(text for op, text in segments if op != "-")
    return old, new


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), max_size=60),
    st.lists(st.sampled_from(WORDS), max_size=60),
    st.sampled_from([1, 10, 50, 200]),
)
def test_a_bounded_redline_still_gives_back_both_texts(
    old: list[str], new: list[str], budget: int
) -> None:
    old_text, new_text = " ".join(old), " ".join(new)
    saved = redline_module.MAX_CELLS
    redline_module.MAX_CELLS = budget
    try:
        segments = redline(old_text, new_text)
    finally:
        redline_module.MAX_CELLS = saved
    assert _sides(segments) == (normalise(old_text), normalise(new_text))


def test_the_alignment_never_asks_for_more_than_its_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[int] = []
    real = redline_module._indel

    def counting(old, new):  # type: ignore[no-untyped-def]
        asked.append(len(old) * len(new))
        return real(old, new)

    monkeypatch.setattr(redline_module, "MAX_CELLS", 400)
    monkeypatch.setattr(redline_module, "_indel", counting)
    rng = random.Random(3)
    sentences = [" ".join(rng.choice(WORDS[:3]) for _ in range(8)) + "." for _ in range(300)]
    changed = list(sentences)
    for k in range(0, 300, 37):
        changed[k] = "новое " + changed[k]
    old, new = " ".join(sentences), " ".join(changed)
    segments = redline(old, new)
    assert _sides(segments) == (old, new)
    assert asked and max(asked) <= 400
    assert sum(1 for op, _ in segments if op == "+") >= 5  # still word-level inside
    assert coarse(old, new)  # said so in the text diff
    monkeypatch.setattr(redline_module, "MAX_CELLS", 200_000_000)
    assert not coarse(old, new)


def _bill(texts: list[str], prefix: str) -> Bill:
    return Bill(
        id="b",
        title="B",
        jurisdiction="KZ",
        language="ru",
        provisions=tuple(Provision(id=f"{prefix}-{n}", text=text) for n, text in enumerate(texts)),
    )


def test_pruned_rename_detection_finds_a_renumbering_wave(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = random.Random(5)
    vocabulary = [f"слово{k}" for k in range(400)]
    texts = [" ".join(rng.choice(vocabulary) for _ in range(40)) for _ in range(300)]
    reworded = []
    for n, text in enumerate(texts):
        words = text.split()
        if n % 2:
            words[rng.randrange(len(words))] = "изменено"
        reworded.append(" ".join(words))
    old, new = _bill(texts, "old"), _bill(reworded, "new")
    exact = diff_bills(old, new)
    monkeypatch.setattr(renames, "ALL_PAIRS", 0)
    pruned = diff_bills(old, new)
    assert exact.counts()["renamed"] == 300
    assert [(p.id, p.previous_id, p.similarity) for p in pruned.provisions] == [
        (p.id, p.previous_id, p.similarity) for p in exact.provisions
    ]


def test_identical_texts_pair_in_order() -> None:
    old = _bill(["одно и то же", "одно и то же", "другое"], "old")
    new = _bill(["другое", "одно и то же", "одно и то же"], "new")
    diff = diff_bills(old, new)
    assert {(p.previous_id, p.id) for p in diff.provisions if p.status == "renamed"} == {
        ("old-0", "new-1"),
        ("old-1", "new-2"),
        ("old-2", "new-0"),
    }


def _long_provision_changed(repo: Repo) -> None:
    """A provision of 60 sentences, changed at both ends: coarse with MAX_CELLS = 100."""
    sentences = [f"Пункт {k} действует." for k in range(60)]
    old = " ".join(sentences)
    new = old.replace("Пункт 0 действует.", "Пункт 0 не действует.")
    new = new.replace("Пункт 59 действует.", "Пункт 59 утратил силу.")
    repo.write("amendments/parties.yaml", PARTIES)
    repo.write("amendments/b/bill.yaml", bill_yaml("b", f"- id: long\n  text: {old}\n"))
    repo.commit("old")
    repo.write("amendments/b/bill.yaml", bill_yaml("b", f"- id: long\n  text: {new}\n"))


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_the_diff_says_when_a_redline_was_aligned_by_sentence(
    git_repo: Repo, cli: CliRunner, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    _long_provision_changed(git_repo)
    monkeypatch.setenv("BILLTRACK_NO_CACHE", "1")
    _, out, _ = invoke(cli, "diff", "HEAD", "WORKTREE", "--format", fmt)
    assert "aligned sentence by sentence" not in out
    monkeypatch.setattr(redline_module, "MAX_CELLS", 100)
    code, out, err = invoke(cli, "diff", "HEAD", "WORKTREE", "--format", fmt)
    assert code == 0, out + err
    assert "aligned sentence by sentence" in " ".join(out.split())
    assert "не" in out


def test_the_json_diff_says_when_a_redline_was_aligned_by_sentence(
    git_repo: Repo, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    _long_provision_changed(git_repo)
    monkeypatch.setenv("BILLTRACK_NO_CACHE", "1")
    validator = Draft202012Validator(json.loads(schema_text("diff-output")))
    _, out, _ = invoke(cli, "diff", "HEAD", "WORKTREE", "--format", "json")
    [entry] = json.loads(out)["provisions"]
    assert "coarse_redline" not in entry and "redline" in entry
    monkeypatch.setattr(redline_module, "MAX_CELLS", 100)
    code, out, err = invoke(cli, "diff", "HEAD", "WORKTREE", "--format", "json")
    assert code == 0, out + err
    document = json.loads(out)
    assert not list(validator.iter_errors(document))
    [entry] = document["provisions"]
    assert list(entry)[list(entry).index("redline") + 1] == "coarse_redline"
    assert entry["coarse_redline"] is True
    _, out, _ = invoke(cli, "diff", "HEAD", "WORKTREE", "--format", "json", "--stat")
    assert "coarse_redline" not in json.loads(out)["provisions"][0]  # no redline: no note
    without = {key: value for key, value in entry.items() if key != "redline"}
    for wrong in (without, {**entry, "coarse_redline": False}):
        assert list(validator.iter_errors({**document, "provisions": [wrong]}))


@pytest.mark.parametrize(
    ("options", "note"),
    [
        (("--lang", "en"), "A long text: aligned sentence by sentence"),
        (("--layout", "side-by-side"), "Длинный текст: сопоставлен по предложениям"),
        (("--lang", "ru"), "Длинный текст: сопоставлен по предложениям"),
    ],
)
def test_the_html_diff_says_when_a_redline_was_aligned_by_sentence(
    git_repo: Repo,
    cli: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    options: tuple[str, ...],
    note: str,
) -> None:
    _long_provision_changed(git_repo)
    monkeypatch.setenv("BILLTRACK_NO_CACHE", "1")
    args = ("diff", "HEAD", "WORKTREE", "--format", "html", *options)
    _, out, _ = invoke(cli, *args)
    assert 'class="note coarse"' not in out
    monkeypatch.setattr(redline_module, "MAX_CELLS", 100)
    code, out, err = invoke(cli, *args)
    assert code == 0, out + err
    assert 'class="note coarse"' in out and note in out
    check_page(out)
