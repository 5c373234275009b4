"""The diff as every format shows it: the options of a diff report, which provisions
are listed, the wording of statuses and counts, the languages of a provision's text, and
a provision's entry as data (the `billtrack/diff/1` contract, which `history` reuses).

Format-neutral: nothing here escapes, styles or writes; every string it returns is
still file text, escaped by each format for its own medium. It never imports a reporter.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from billtrack.diff import STATUSES, ProvisionDiff, Segment, containers
from billtrack.model import Provision
from billtrack.redline import coarse

if TYPE_CHECKING:
    from billtrack.comparison import Comparison
    from billtrack.render.diff.context import DiffContext
    from billtrack.store.repository import Side


@dataclass(frozen=True, slots=True, kw_only=True)
class DiffOptions:
    """How a diff is reported."""

    stat: bool = False  # a line per changed provision and the counts, no text
    show_all: bool = False  # unchanged provisions too
    # Text format only: ANSI styles instead of [-old-]{+new+} markers. The caller decides
    # (a terminal, and NO_COLOR unset); reporters never look at the environment.
    color: bool = False
    width: int | None = None  # text format only: wrap width (default 100)
    # docx and html: the title, provision names, proposals and versions in words, in the
    # output language (built from the records by the CLI; None: ids only).
    context: DiffContext | None = None
    # html: the text as one redline (stacked), or the old and the new side by side.
    layout: Literal["stacked", "side-by-side"] = "stacked"


# --- what every format shows the same way ----------------------------------------------


def shown(comparison: Comparison, options: DiffOptions) -> tuple[ProvisionDiff, ...]:
    """The provisions a report lists: the changed ones, or all with show_all."""
    if options.show_all and comparison.diff.unlisted:
        raise ValueError("show_all needs a diff that lists unchanged provisions")
    return tuple(
        item
        for item in comparison.diff.provisions
        if options.show_all or item.status != "unchanged"
    )


def counts_line(comparison: Comparison) -> str:
    """`1 added, 1 dropped, 2 modified, 0 renamed, 9 unchanged`: every kind, always."""
    counts = comparison.diff.counts()
    line = ", ".join(f"{counts[status]} {status}" for status in STATUSES)
    fields = len(comparison.diff.bill_changes)
    if fields:
        line += f"; {fields} bill field{'s' if fields > 1 else ''} changed"
    return line


def similarity_text(similarity: float | None) -> str:
    """A rename's similarity as git shows it: whole percent, never rounded up to 100."""
    if similarity is None:
        return "?%"
    return f"{int(max(0.0, min(100.0, similarity)))}%"


def status_label(item: ProvisionDiff) -> str:
    """`added`, `modified`, `renamed from OLD (92%)` (file text, not yet escaped)."""
    if item.status == "renamed":
        return f"renamed from {item.previous_id} ({similarity_text(item.similarity)})"
    return item.status


def status_text(item: ProvisionDiff) -> str:
    """`added`, `modified: text, number`, `renamed from OLD (92%): text`."""
    label = status_label(item)
    if item.changes and item.status in ("modified", "renamed"):
        label += ": " + ", ".join(item.changes)
    return label


def side_text(side: Side) -> str:
    """`first-reading c614352 — the first reading (2021-09-15)`; not yet escaped."""
    text = side.spec
    if side.commit:
        text += " " + side.commit[:7]
    if side.label or side.date:
        text += " — " + (side.label or side.date or "")
    return text


# (kind, language, content): a redline's segments, or a whole added or dropped text.
TextPart = tuple[Literal["redline", "added", "dropped"], str, tuple[Segment, ...] | str]


def text_parts(item: ProvisionDiff) -> Iterator[TextPart]:
    """What a report shows of a provision's text, language by language ('' for a plain
    string): a redline where a language's text changed on both sides, the whole text
    where it exists on one side only. Unchanged languages are left out."""
    before = item.before.texts() if item.before is not None else {}
    after = item.after.texts() if item.after is not None else {}
    if item.status == "unchanged" or (before and after and "text" not in item.changes):
        return
    languages = list(before) + [lang for lang in after if lang not in before]
    for lang in languages:
        segments = item.redlines.get(lang)
        if segments is not None:
            if any(op != "=" for op, _ in segments):
                yield ("redline", lang, tuple(segments))
        elif lang in before and lang in after:
            # No redline for a language on both sides: unchanged, unless its words differ
            # (whitespace alone is never a change).
            if before[lang].split() != after[lang].split():
                yield ("dropped", lang, before[lang])
                yield ("added", lang, after[lang])
        elif lang in after:
            yield ("added", lang, after[lang])
        else:
            yield ("dropped", lang, before[lang])


COARSE_NOTE = (
    "(a long text: aligned sentence by sentence, then word by word inside the changed sentences)"
)


def coarse_redline(item: ProvisionDiff, lang: str) -> bool:
    """Whether a language's redline was aligned by sentence first (a text too long to
    align word by word in bounded memory): a report says so under the redline."""
    if item.before is None or item.after is None:
        return False
    old, new = item.before.texts().get(lang), item.after.texts().get(lang)
    return old is not None and new is not None and coarse(old, new)


def field_changes(item: ProvisionDiff) -> Iterator[tuple[str, str, str]]:
    """(field, old, new) for the one-line fields the diff found changed: number, heading,
    amends, tags (file text, not yet escaped)."""
    if item.before is None or item.after is None:
        return
    old, new = item.before, item.after
    pairs = {
        "number": (old.number, new.number),
        "heading": (old.heading, new.heading),
        "path": (" / ".join(containers(old)) or None, " / ".join(containers(new)) or None),
        "amends": (old.amends, new.amends),
        "tags": (", ".join(old.tags) or None, ", ".join(new.tags) or None),
    }
    for name, (before, after) in pairs.items():
        if name in item.changes:
            yield (name, before if before is not None else "(none)", after or "(none)")


# --- a provision's entry as data --------------------------------------------------------


def _plain(value: Any) -> Any:
    """A loaded YAML value as JSON data (mappings and sequences copied, scalars kept)."""
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, str | bool | int | float):
        return value
    return str(value)


def record(provision: Provision | None) -> dict[str, Any] | None:
    """The provision as in its file; rebuilt from its fields when it was made in code."""
    if provision is None:
        return None
    if isinstance(provision.raw, dict) and provision.raw:
        # The loader's output is JSON data already (str keys; dict, list, str, None).
        return provision.raw
    if provision.raw:
        plain: dict[str, Any] = _plain(provision.raw)
        return plain
    rebuilt: dict[str, Any] = {"id": provision.id}
    for key in ("number", "heading"):
        if getattr(provision, key) is not None:
            rebuilt[key] = getattr(provision, key)
    rebuilt["text"] = _plain(provision.text)
    if provision.amends is not None:
        rebuilt["amends"] = provision.amends
    if provision.tags:
        rebuilt["tags"] = list(provision.tags)
    return rebuilt


def _segments(segments: tuple[Segment, ...]) -> list[list[str]]:
    return [[op, text] for op, text in segments if text]


def redline_data(item: ProvisionDiff) -> list[list[str]] | dict[str, list[list[str]]] | None:
    """The redline of the languages that changed: [op, text] pairs for a plain-string
    text, an object of such lists by language for a multilingual one."""
    changed = {
        lang: segments
        for lang, segments in item.redlines.items()
        if any(op != "=" and text for op, text in segments)
    }
    if not changed or item.before is None or item.after is None:
        return None
    if set(changed) == {""}:
        return _segments(changed[""])
    return {lang: _segments(segments) for lang, segments in changed.items()}


def proposal_ids(item: ProvisionDiff) -> list[str]:
    """The proposals about the provision, in the order proposal_labels names them."""
    if item.ledger is None:
        return list(item.proposals)
    return [ref.id for ref in item.ledger.proposals]


def proposal_labels(item: ProvisionDiff) -> list[str]:
    """`P-0005 (rejected)`: each proposal about the provision with its status at the
    newer version (file text, not yet escaped); the ids alone without a ledger."""
    if item.ledger is None:
        return list(item.proposals)
    return [f"{ref.id} ({ref.status})" for ref in item.ledger.proposals]


def verdict(item: ProvisionDiff) -> str | None:
    """`explained by P-0001, 2021-11-compromise`, `consequential` or `UNEXPLAINED`
    (nothing in the records explains it); None for an unchanged provision or no ledger."""
    ledger = item.ledger
    if ledger is None or item.status == "unchanged":
        return None
    if ledger.unexplained:
        return "UNEXPLAINED"
    if ledger.consequential:
        return "consequential (insertions or drops before it)"
    return "explained by " + ", ".join(ledger.explained_by)


def bill_field_text(value: Any) -> str:
    """A bill field's value on one line (a list joined by commas; none as `(none)`)."""
    if value is None:
        return "(none)"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "(none)"
    return str(value)


def ledger_entry(item: ProvisionDiff) -> dict[str, Any]:
    """The ledger keys of a provision's entry in `billtrack/diff/2`."""
    ledger = item.ledger
    if ledger is None:
        return {
            "proposals": [{"id": i, "status": None, "decided_in": None} for i in item.proposals],
            "events": list(item.events),
            "explained_by": [],
            "consequential": False,
            "unexplained": False,
        }
    return {
        "proposals": [
            {"id": ref.id, "status": ref.status, "decided_in": ref.decided_in}
            for ref in ledger.proposals
        ],
        "events": list(ledger.events),
        "explained_by": list(ledger.explained_by),
        "consequential": ledger.consequential,
        "unexplained": ledger.unexplained,
    }


def provision_entry(item: ProvisionDiff, *, stat: bool, version: int = 1) -> dict[str, Any]:
    """A provision's entry in `billtrack/diff/1` (history's) or `billtrack/diff/2`
    (diff's, with the ledger), keys in the contract's order."""
    document: dict[str, Any] = {"id": item.id, "status": item.status}
    if item.status == "renamed":
        document["previous_id"] = item.previous_id
        similarity = item.similarity
        document["similarity"] = None if similarity is None else round(similarity, 1)
    document["changes"] = list(item.changes)
    if not stat:
        document["before"] = record(item.before)
        document["after"] = record(item.after)
        lines = redline_data(item)
        if lines is not None:
            document["redline"] = lines
            if version == 2 and any(coarse_redline(item, lang) for lang in item.redlines):
                document["coarse_redline"] = True
    if version == 2:
        document.update(ledger_entry(item))
        return document
    document["proposals"] = list(item.proposals)
    document["events"] = list(item.events)
    return document
