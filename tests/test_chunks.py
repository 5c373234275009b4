"""The chunk cache gives exactly what a whole-file parse gives: on hand-written tricky
YAML, on generated bills and edit histories (hypothesis), through the incremental path
(versions in sequence) and the from-scratch one, and across a saved and reloaded cache."""

from __future__ import annotations

import json
import random
import string
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from billtrack.model import Bill
from billtrack.problems import Problem, ProblemError
from billtrack.store.chunks import CHUNK_FORMAT, ChunkCache, parse_bill
from billtrack.store.cutter import common_prefix, common_suffix, dedent, split
from billtrack.store.records import build_bill
from billtrack.store.yamlio import load

HEADER = 'id: "test-bill"\ntitle: "A test bill"\njurisdiction: "KZ"\nlanguage: "ru"\n'


def whole(raw: bytes, shown: str = "bill.yaml") -> Bill | Problem:
    try:
        return build_bill(load(raw, shown, positions=False))
    except ProblemError as exc:
        return exc.problem


def same(a: Bill | Problem, b: Bill | Problem) -> bool:
    """Equal bills (fields, the raw record, every provision's raw record) or problems."""
    if isinstance(a, Problem) or isinstance(b, Problem):
        return a == b
    return (
        a == b
        and a.raw == b.raw
        and list(a.raw) == list(b.raw)
        and [p.raw for p in a.provisions] == [p.raw for p in b.provisions]
        and [list(p.raw) for p in a.provisions] == [list(p.raw) for p in b.provisions]
    )


def sequence(raws: list[bytes]) -> tuple[ChunkCache, list[Bill | Problem]]:
    """The versions read in order through one cache (the incremental path)."""
    cache = ChunkCache()
    out: list[Bill | Problem] = []
    for n, raw in enumerate(raws):
        cache.add(str(n), raw, "bill.yaml")
        problem = cache.error(str(n))
        out.append(problem if problem is not None else cache.bill(str(n)))
    return cache, out


def check(*raws: bytes) -> ChunkCache:
    """Every version, alone and in sequence, reads as the whole-file parse reads it."""
    for raw in raws:
        try:
            alone: Bill | Problem = parse_bill(raw)
        except ProblemError as exc:
            alone = exc.problem
        assert same(alone, whole(raw)), raw.decode("utf-8", "replace")
    cache, results = sequence(list(raws))
    for raw, result in zip(raws, results, strict=True):
        assert same(result, whole(raw)), raw.decode("utf-8", "replace")
    return cache


# --- hand-written tricky files -----------------------------------------------------------

TRICKY = {
    "comments between items": HEADER
    + """provisions:
  # a comment before the first item
  - id: a
    text: first
# a comment at column 0 between items

  - id: b   # a comment after a value
    text: second
      continued on a deeper line
    # a comment at the key's indentation
  - id: c
    text: third
""",
    "flow style items": HEADER
    + """provisions:
  - {id: a, text: "flow, with a comma", tags: [x, y]}
  - {id: b,
     text: spread over
       lines}
  - id: c
    tags: [one, two]
    text: block
""",
    "multilingual": HEADER
    + """provisions:
  - id: a
    number: "1.1"
    heading: Понятие кибербуллинга
    text:
      kk: Бала өзінің денсаулығы мен дамуына зиян келтіретін ақпараттан қорғалуға құқылы.
      ru: >-
        Ребёнок имеет право на защиту от информации, причиняющей вред его здоровью
        и развитию — «в том числе» в интернете.
  - id: b
    text: {kk: "қысқа", ru: "кратко"}
""",
    "block scalars": HEADER
    + """provisions:
  - id: a
    text: |
      literal
        indented more

      after a blank line
  - id: b
    text: |+
      keep the trailing blank lines


  - id: c
    text: >-
      folded
      text
  - id: d
    text: |2
        explicit indentation
  - id: e
    text: |-
      strip
""",
    "provisions not last": """id: test-bill
provisions:
  - id: a
    text: one
  - id: b
    text: two
title: A test bill
jurisdiction: KZ
stages:
  - first-reading
language: ru
""",
    "list at column 0": HEADER
    + """provisions:
- id: a
  text: one
- id: b
  text: |
    two
# trailing comment
stages:
- first-reading
""",
    "indented by four": HEADER
    + """provisions:
    -   id: a
        text: one
    -   id: b
        text: two
""",
    "item marker alone on its line": HEADER
    + """provisions:
  -
    id: a
    text: one
  - id: b
    text: two
""",
    "crlf": (HEADER + "provisions:\n  - id: a\n    text: one\n  - id: b\n    text: two\n").replace(
        "\n", "\r\n"
    ),
    "bom": "\ufeff" + HEADER + "provisions:\n  - id: a\n    text: one\n",
    "comment on the key line": HEADER + "provisions:   # the text\n  - id: a\n    text: one\n",
    "asterisks in text": HEADER
    + "provisions:\n  - id: a\n    text: 2 * 3 = 6 *footnote*\n  - id: b\n    text: x\n",
    "anchors within one item": HEADER
    + "provisions:\n  - id: a\n    heading: &h Heading\n    text: *h\n  - id: b\n    text: x\n",
    "anchor used across items": HEADER
    + "provisions:\n  - id: a\n    text: &t shared\n  - id: b\n    text: *t\n",
    "flow provisions": HEADER + "provisions: [{id: a, text: one}, {id: b, text: two}]\n",
    "empty provisions": HEADER + "provisions: []\n",
    "quoted scalar across low lines": HEADER
    + 'provisions:\n  - id: a\n    text: "starts here\n# not a comment\n  ends here"\n  - id: b\n'
    "    text: x\n",
    "low comment inside a deep block scalar": HEADER
    + """provisions:
      - id: a
        text: |+
          content

     # a comment less indented than the list, more than the dedented content
        heading: h
""",
    "document end marker at the list's indentation": HEADER
    + "provisions:\n  - id: a\n    text: one\n  ...\n  - id: b\n    text: two\n",
    "directive-like line": HEADER + "provisions:\n  - id: a\n    text: one\n  %x: y\n",
    "tab in a blank line": HEADER + "provisions:\n  - id: a\n\t\n    text: one\n",
    "next line": HEADER + "provisions:\n  - id: a\n    text: one\x85  - id: b\n",
    "line separator": HEADER + "provisions:\n  - id: a\n    text: one\u2028two\n",
    "lone carriage return": HEADER + "provisions:\n  - id: a\n    text: one\r  - id: b\n",
    "duplicate key in an item": HEADER + "provisions:\n  - id: a\n    text: one\n    id: b\n",
    "duplicate provisions key": HEADER + "provisions:\n  - id: a\n    text: x\nprovisions: []\n",
    "syntax error in an item": HEADER + "provisions:\n  - id: a\n    text: [unclosed\n",
    "missing text": HEADER + "provisions:\n  - id: a\n  - id: b\n    text: two\n",
    "item not a mapping": HEADER + "provisions:\n  - just a string\n",
    "python tag": HEADER + "provisions:\n  - id: a\n    text: !!python/name:os.system x\n",
    "not utf-8": (HEADER + "provisions:\n  - id: a\n    text: caf").encode().decode() + "\udce9",
    "header error": 'id: "test-bill"\njurisdiction: KZ\nprovisions:\n  - id: a\n    text: x\n',
    "deep nesting": HEADER
    + "provisions:\n  - id: a\n    text: x\n    x-deep: "
    + "[" * 61
    + "]" * 61
    + "\n",
    "too deep for the file": HEADER
    + "provisions:\n  - id: a\n    text: x\n    x-deep: "
    + "[" * 62
    + "]" * 62
    + "\n",
    "no final newline": HEADER + "provisions:\n  - id: a\n    text: |+\n      kept",
}


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_tricky_files_read_as_a_whole_parse(name: str) -> None:
    raw = _bytes(TRICKY[name])
    check(raw)
    # The same file after an edit of its first item (the incremental path) and back.
    edited = raw.replace(b"id: a", b"id: a2", 1)
    check(raw, edited, raw)


def test_an_alias_across_items_falls_back_to_a_whole_parse() -> None:
    cache = check(_bytes(TRICKY["anchor used across items"]))
    assert cache.stats.whole >= 1


def test_a_plain_file_is_read_in_pieces_without_fallback() -> None:
    raw = _bytes(TRICKY["comments between items"])
    cache = check(raw)
    assert cache.stats.whole == 0
    assert cache.stats.parsed == 3


def test_errors_are_the_whole_parse_problems() -> None:
    raw = _bytes(TRICKY["syntax error in an item"])
    cache, results = sequence([raw])
    problem = results[0]
    assert isinstance(problem, Problem)
    assert problem == whole(raw)
    assert cache.error("0") == problem
    with pytest.raises(ProblemError):
        cache.bill("0")


# --- generated bills and histories -------------------------------------------------------

WORDS = [
    "закон",
    "ребёнок",
    "платформа",
    "bala",
    "құқығы",
    "law",
    "1.10",
    "no",
    "010",
    "2021-11",
    "a: b",
    "x #y",
    "«quoted»",
    "'single'",
    '"double"',
    "*star*",
    "[bracket]",
    "{brace}",
    "-dash",
    "? q",
    "%pct",
    "@at",
    "null",
    "~",
    "tab\there",
    "",
]


class _Indented(yaml.SafeDumper):
    """A dumper that indents lists under their key (the default puts them at its column)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)


def _text(rng: random.Random, multilingual: bool) -> str | dict[str, str]:
    def one() -> str:
        words = [rng.choice(WORDS) for _ in range(rng.randint(1, 30))]
        text = " ".join(w for w in words if w) or "x"
        if rng.random() < 0.2:
            text = text.replace(" ", "\n", rng.randint(1, 3))
        return text

    if multilingual:
        return {"kk": one(), "ru": one()}
    return one()


def _provision(rng: random.Random, pid: str, multilingual: bool) -> dict[str, Any]:
    record: dict[str, Any] = {"id": pid, "number": "1"}
    if rng.random() < 0.4:
        record["heading"] = " ".join(rng.choice(WORDS) for _ in range(3)).strip() or "h"
    record["text"] = _text(rng, multilingual)
    if rng.random() < 0.2:
        record["amends"] = "ст. " + str(rng.randint(1, 99))
    if rng.random() < 0.3:
        record["tags"] = sorted({rng.choice(["a", "b", "c"]) for _ in range(2)})
    if rng.random() < 0.1:
        record["x-note"] = {"by": rng.choice(WORDS) or "me", "n": [rng.choice(WORDS)]}
    return record


def _numbered(provisions: list[dict[str, Any]], scheme: int) -> list[dict[str, Any]]:
    """Renumber everything, as an insertion or a drop does."""
    out = []
    for k, record in enumerate(provisions):
        number = [f"{k + 1}", f"1.{k + 1}", f"ст. {k // 10 + 1} п. {k % 10 + 1}"][scheme % 3]
        out.append({**record, "number": number})
    return out


def _render(record: dict[str, Any], style: dict[str, Any]) -> bytes:
    dumper = _Indented if style["indented"] else yaml.SafeDumper
    text = yaml.dump(
        record,
        Dumper=dumper,
        allow_unicode=style["unicode"],
        sort_keys=False,
        width=style["width"],
        indent=style["indent"],
        default_flow_style=style["flow"],
    )
    lines = text.split("\n")
    rng = random.Random(style["comments"])
    if style["comments"]:
        # Comments and blank lines between items, at several indentations.
        out = []
        for line in lines:
            stripped = line.lstrip(" ")
            if stripped.startswith("- id:") and rng.random() < 0.5:
                out.append(" " * rng.choice([0, len(line) - len(stripped)]) + "# note")
                if rng.random() < 0.3:
                    out.append("")
            out.append(line)
        lines = out
    text = "\n".join(lines)
    if style["crlf"]:
        text = text.replace("\n", "\r\n")
    return text.encode()


def _history(seed: int, steps: int) -> list[bytes]:
    rng = random.Random(seed)
    multilingual = rng.random() < 0.3
    style = {
        "indented": rng.random() < 0.5,
        "unicode": rng.random() < 0.8,
        "width": rng.choice([40, 80, 1000]),
        "indent": rng.choice([2, 4]),
        "flow": rng.choice([False, False, False, None]),
        "comments": rng.randrange(3),
        "crlf": rng.random() < 0.1,
    }
    scheme = rng.randrange(3)
    provisions = [_provision(rng, f"p-{k}", multilingual) for k in range(rng.randint(1, 12))]
    provisions = _numbered(provisions, scheme)
    serial = len(provisions)
    header: dict[str, Any] = {"id": "test-bill", "title": "A bill", "jurisdiction": "KZ"}
    tail: dict[str, Any] = {"language": "ru"} if rng.random() < 0.3 else {}
    if not tail:
        header["language"] = "ru"
    versions = []
    for _ in range(steps):
        record = {**header, "provisions": provisions, **tail}
        versions.append(_render(record, style))
        roll = rng.random()
        provisions = [dict(p) for p in provisions]
        if roll < 0.4 and provisions:  # reword one or two
            for k in rng.sample(range(len(provisions)), min(2, len(provisions))):
                provisions[k]["text"] = _text(rng, multilingual)
        elif roll < 0.55:  # insert and renumber everything after
            serial += 1
            at = rng.randint(0, len(provisions))
            provisions.insert(at, _provision(rng, f"p-{serial}", multilingual))
            provisions = _numbered(provisions, scheme)
        elif roll < 0.65 and len(provisions) > 1:  # drop and renumber
            provisions.pop(rng.randrange(len(provisions)))
            provisions = _numbered(provisions, scheme)
        elif roll < 0.72 and len(provisions) > 1:  # move
            k = rng.randrange(len(provisions))
            provisions.insert(rng.randrange(len(provisions)), provisions.pop(k))
        elif roll < 0.8 and provisions:  # one field
            k = rng.randrange(len(provisions))
            field = rng.choice(["number", "heading", "amends", "id"])
            provisions[k][field] = rng.choice(WORDS) or "v"
        elif roll < 0.85:  # the layout changes (a reflow touches every item)
            style = {**style, "width": rng.choice([40, 80, 1000])}
        elif roll < 0.9 and provisions:  # an invalid version now and then
            provisions[rng.randrange(len(provisions))]["text"] = None
    return versions


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
@pytest.mark.slow
@given(seed=st.integers(0, 10**9), steps=st.integers(1, 12))
def test_generated_histories_read_as_whole_parses(seed: int, steps: int) -> None:
    check(*_history(seed, steps))


def test_renumbering_waves_are_exact() -> None:
    rng = random.Random(5)
    provisions = _numbered([_provision(rng, f"p-{k}", False) for k in range(60)], 2)
    style = {
        "indented": False,
        "unicode": True,
        "width": 1000,
        "indent": 2,
        "flow": False,
        "comments": 0,
        "crlf": False,
    }
    versions = []
    for wave in range(6):
        record = {"id": "test-bill", "title": "A bill", "jurisdiction": "KZ", "language": "ru"}
        versions.append(_render({**record, "provisions": provisions}, style))
        provisions.insert(wave * 3, _provision(rng, f"n-{wave}", False))
        provisions = _numbered(provisions, 2)
    cache = check(*versions)
    assert cache.stats.whole == 0  # every version read from its pieces


@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    words=st.lists(
        st.sampled_from([w for w in WORDS if w] + list(string.ascii_letters)), max_size=6
    ),
    key=st.sampled_from(["number", "heading", "amends", "x-label"]),
    quote=st.sampled_from(["", "'", '"']),
)
def test_one_line_edits_are_exact(words: list[str], key: str, quote: str) -> None:
    value = " ".join(words)
    line = f"{key}: {quote}{value}{quote}" if quote != '"' else f"{key}: {value!r}"
    base = HEADER + "provisions:\n  - id: a\n    {line}\n    text: body\n  - id: b\n    text: x\n"
    first = _bytes(base.format(line=f"{key}: first"))
    second = _bytes(base.format(line=line))
    check(first, second)


# --- the cutter's pieces -------------------------------------------------------------------


@settings(max_examples=300, deadline=None, derandomize=True)
@given(a=st.binary(max_size=40), b=st.binary(max_size=40))
def test_prefix_and_suffix_search(a: bytes, b: bytes) -> None:
    prefix = common_prefix(a, b)
    suffix = common_suffix(a, b, min(len(a), len(b)) - prefix)
    assert a[:prefix] == b[:prefix]
    assert prefix == min(len(a), len(b)) or a[prefix] != b[prefix]
    assert suffix <= min(len(a), len(b)) - prefix
    assert a[len(a) - suffix :] == b[len(b) - suffix :]
    if suffix < min(len(a), len(b)) - prefix:
        assert a[len(a) - suffix - 1] != b[len(b) - suffix - 1]


def test_split_finds_items_and_the_list_end() -> None:
    raw = _bytes(TRICKY["provisions not last"])
    layout = split(raw)
    assert layout is not None
    assert [layout.chunk(i).split(b"\n")[0] for i in range(len(layout.starts))] == [
        b"  - id: a",
        b"  - id: b",
    ]
    assert raw[layout.end :].startswith(b"title:")
    assert split(_bytes(TRICKY["flow provisions"])) is None


def test_dedent_refuses_lines_left_of_the_list() -> None:
    assert dedent(b"  - id: a\n    text: x\n", 2) == b"- id: a\n  text: x\n"
    assert dedent(b"  - id: a\n # note\n \n", 2) == b"- id: a\n# note\n\n"
    assert dedent(b"  - id: a\n x: y\n", 2) is None
    assert dedent(b"  - id: a\n  ...\n", 2) is None


# --- persistence -------------------------------------------------------------------------


def test_the_cache_persists_and_a_damaged_file_is_ignored(tmp_path: Path) -> None:
    raws = _history(11, 6)
    path = tmp_path / "cache.json"
    cache = ChunkCache(path)
    for n, raw in enumerate(raws):
        cache.add(f"oid{n}", raw)
    cache.save()
    assert path.is_file()

    again = ChunkCache(path)
    for n, raw in enumerate(raws):
        oid = f"oid{n}"
        assert oid in again
        result = again.error(oid) or again.bill(oid)
        assert same(result, whole(raw))
    again.add("oid0", raws[0])
    assert again.stats.versions == 0  # nothing read again

    path.write_bytes(b"not json")
    assert "oid0" not in ChunkCache(path)
    path.write_bytes(json.dumps({"format": "other", "table": None}).encode())
    assert "oid0" not in ChunkCache(path)


def test_the_cache_lives_under_git_and_can_be_turned_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    cache = ChunkCache.for_bill(tmp_path, "amendments/b/bill.yaml")
    assert cache.path is not None
    assert cache.path.is_relative_to(tmp_path / ".git" / "billtrack")
    assert CHUNK_FORMAT in str(cache.path)
    monkeypatch.setenv("BILLTRACK_NO_CACHE", "1")
    assert ChunkCache.for_bill(tmp_path, "amendments/b/bill.yaml").path is None
    assert ChunkCache.for_bill(None, "bill.yaml").path is None


def test_an_unwritable_cache_is_ignored(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = ChunkCache(blocker / "sub" / "cache.json")
    cache.add("a", _bytes(TRICKY["multilingual"]))
    cache.save()  # cannot create a folder under a file: ignored
    assert isinstance(cache.bill("a"), Bill)
