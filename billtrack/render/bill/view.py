"""What `billtrack text` shows: the bill's provisions at one version, in one language,
with the containers they sit in. Data only; the writers are markdown, html and docx."""

from __future__ import annotations

from dataclasses import dataclass

from billtrack.i18n.choose import Chosen, choose
from billtrack.importer.units import split_heading
from billtrack.model import Bill, Provision, Text
from billtrack.store.repository import Side


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    number: str | None
    heading: str | None
    text: str
    path: tuple[str, ...]
    fallback: str | None = None  # the language shown when the one asked for is missing


@dataclass(frozen=True, slots=True)
class BillText:
    bill: Bill
    side: Side
    language: str | None
    entries: tuple[Entry, ...]
    name: Text | None = None  # the title the bill goes by now (its translations), if known
    # Which text this is, in the language of the page ("Text at the first reading of ...").
    version_text: str = ""

    @property
    def _title(self) -> Chosen:
        return choose(self.name or self.bill.title, self.language or "", primary=self.bill.language)

    @property
    def title(self) -> str:
        """The bill's title in the language asked for (a fallback marked)."""
        return self._title.shown

    @property
    def title_lang(self) -> str | None:
        """The language of the title when it is not the one asked for (a fallback)."""
        chosen = self._title
        return chosen.lang if chosen.fallback and chosen.lang else None

    @property
    def version(self) -> str:
        return _label(self.side)


def _entry(provision: Provision, language: str | None, primary: str) -> Entry:
    texts = provision.texts()
    fallback = None
    if language and language in texts:
        text = texts[language]
    elif language:  # the bill's own language first, as every report falls back
        chosen = choose(texts, language, primary=primary)
        text, fallback = chosen.text, chosen.lang or None
    else:
        text = next(iter(texts.values()))
    raw_path = provision.raw.get("path")
    path = tuple(str(p) for p in raw_path) if isinstance(raw_path, list) else ()
    return Entry(provision.id, provision.number, provision.heading, text, path, fallback)


def bill_text(
    bill: Bill,
    side: Side,
    language: str | None,
    name: Text | None = None,
    version_text: str = "",
) -> BillText:
    """The bill at `side` in `language`; `name` is the title the bill goes by now (the
    working tree's, with translations a past version may not have); `version_text` says
    which text it is, in the page's language."""
    entries = tuple(_entry(p, language, bill.language) for p in bill.provisions)
    return BillText(bill, side, language, entries, name, version_text or f"Version: {_label(side)}")


def _label(side: Side) -> str:
    return side.label or (f"{side.spec} ({side.commit[:12]})" if side.commit else side.spec)


def heading_line(entry: Entry) -> str:
    """`NUMBER — HEADING` (billtrack import splits it back at the dash); a number alone
    that would read back as a number and a heading ("ст. 1 п. 4") ends with the dash."""
    if entry.number and entry.heading:
        return f"{entry.number} — {entry.heading}"
    if entry.number:
        plain = " ".join(entry.number.split()) == entry.number
        return (
            entry.number
            if plain and split_heading(entry.number)[0] == entry.number
            else (f"{entry.number} —")
        )
    return entry.heading or entry.id


def container_changes(previous: tuple[str, ...], path: tuple[str, ...]) -> list[tuple[int, str]]:
    """The container headings to print before a provision, as (depth, heading)."""
    same = 0
    while same < min(len(previous), len(path)) and previous[same] == path[same]:
        same += 1
    return [(depth, path[depth]) for depth in range(same, len(path))]
