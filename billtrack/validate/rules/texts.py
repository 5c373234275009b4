"""Rules over the bill's text as the readings pinned it: a language left behind when
another changed, and citations of provision numbers that no longer hold. Warnings
(errors with --strict). The pinned texts come from the checker (records.pinned)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from itertools import pairwise
from typing import Any

from billtrack import dates
from billtrack.model import Event
from billtrack.problems import Problem
from billtrack.store.yamlio import Document
from billtrack.validate.context import BillRecords, Context
from billtrack.validate.registry import problem, rule


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A provision cited by number: "пункт 1.9", "п. 1.9", "подпункт 2)", "article 1.9",
    "section 1.9" (and the Russian case endings). The number keeps a closing ")" of a
    sub-item. A citation followed by the name of another act ("of the Code", "Закона")
    cites that act, not this bill, and is left alone. Compiled on first use: most runs
    have no numbered provisions to check."""
    citation = re.compile(
        r"(?<!\w)(?P<word>(?:под)?пункт[а-я]{0,3}|п\.|пп\.|article|art\.|section|sec\.|"
        r"статья|стать[иеюя]|§)\s*(?P<number>\d+(?:\.\d+)*\)?)",
        re.IGNORECASE,
    )
    other_act = re.compile(
        r"^\W{0,3}(?:of\s+(?:the\s+)?[A-Z]|of\s+(?:this|that)\s+(?:law|code|act)|"
        r"(?:закона|кодекса|конституции|указа|постановления|приказа)\b)",
        re.IGNORECASE,
    )
    return citation, other_act


_PLAIN_NUMBER = re.compile(r"\d+(?:\.\d+)*")


def _texts(text: Any) -> dict[str, str]:
    """A provision's text by language ("" for a single-language text)."""
    if isinstance(text, str):
        return {"": text}
    if isinstance(text, Mapping):
        return {str(k): v for k, v in text.items() if isinstance(v, str)}
    return {}


def _provisions(data: object) -> dict[str, Mapping[str, Any]]:
    provisions = data.get("provisions") if isinstance(data, Mapping) else None
    return {
        p["id"]: p
        for p in (provisions if isinstance(provisions, list) else [])
        if isinstance(p, Mapping) and isinstance(p.get("id"), str)
    }


def _readings(records: BillRecords) -> list[tuple[Document, Event]]:
    """Readings whose pinned text is at hand, in date order."""
    pinned = records.pinned
    return sorted(
        ((doc, e) for doc, e in records.events if e.kind == "reading" and e.version in pinned),
        key=lambda pair: (dates.sort_key(pair[1].date), pair[1].id),
    )


@rule("text-language-drift", scope="bill")
def language_drift(ctx: Context, records: BillRecords) -> Iterator[Problem]:
    """In a text kept in several languages, a provision whose wording changed in one
    language between two consecutive readings and not in another: one version is
    probably out of date. Reported on the later reading, once a provision."""
    readings = _readings(records)
    for (_, before), (doc, after) in pairwise(readings):
        assert before.version is not None and after.version is not None
        old = _provisions(records.pinned[before.version])
        new = _provisions(records.pinned[after.version])
        for pid in sorted(old.keys() & new.keys()):
            was, now = _texts(old[pid].get("text")), _texts(new[pid].get("text"))
            common = sorted(was.keys() & now.keys() - {""})
            changed = [lang for lang in common if was[lang] != now[lang]]
            kept = [lang for lang in common if was[lang] == now[lang]]
            if changed and kept:
                yield problem(
                    doc.path,
                    doc.pos(("version",)),
                    "text-language-drift",
                    f"provision {pid!r}: the {', '.join(changed)} text changed since the "
                    f"reading {before.id} and the {', '.join(kept)} text did not",
                )


def _number(value: object) -> str:
    return value.rstrip(")") if isinstance(value, str) else ""


def citations(text: str) -> Iterator[tuple[str, str]]:
    """(the words as written, the cited number without a closing parenthesis)."""
    citation, other_act = _patterns()
    for match in citation.finditer(text):
        if other_act.match(text[match.end() :]):
            continue
        yield match.group(0), match.group("number").rstrip(")")


@rule("reference-broken", scope="bill")
def broken_references(ctx: Context, records: BillRecords) -> Iterator[Problem]:
    """A provision's text cites a provision by number ("пункт 1.9", "п. 1.9", "подпункт
    2)", "article 1.9", "section 1.9") that no provision has now, or that labelled
    another provision at the last reading (a renumbering the citation did not follow).
    Only bills that number their provisions plainly (1, 1.9, 2)) are checked."""
    bill, doc = records.bill, records.bill_doc
    if bill is None or doc is None:
        return
    by_number = {_number(p.number): p.id for p in bill.provisions if p.number}
    if not any(_PLAIN_NUMBER.fullmatch(number) for number in by_number):
        return  # numbered another way ("ст. 1 п. 2"): a bare "п. 2" cannot be matched
    readings = _readings(records)
    last: dict[str, Mapping[str, Any]] = {}
    if readings and readings[-1][1].version is not None:
        last = _provisions(records.pinned[readings[-1][1].version])
    was_number = {_number(p.get("number")): pid for pid, p in last.items() if p.get("number")}
    for i, provision in enumerate(bill.provisions):
        for lang, text in _texts(provision.text).items():
            path: tuple[str | int, ...] = ("provisions", i, "text") + ((lang,) if lang else ())
            unchanged = _texts(last.get(provision.id, {}).get("text")).get(lang) == text
            for words, number in citations(text):
                now = by_number.get(number)
                if now is None:
                    yield problem(
                        doc.path,
                        doc.pos(path),
                        "reference-broken",
                        f"provision {provision.id!r} cites {words!r}, and no provision is "
                        f"numbered {number} now",
                    )
                elif unchanged and was_number.get(number, now) != now:
                    before = was_number[number]
                    yield problem(
                        doc.path,
                        doc.pos(path),
                        "reference-broken",
                        f"provision {provision.id!r} cites {words!r}, which labelled "
                        f"{before!r} at the reading {readings[-1][1].id} and now labels "
                        f"{now!r}; update the citation",
                    )
