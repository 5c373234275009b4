"""The `markdown` summary reporter.

File text can never become markup: every character that starts Markdown or GFM inline
syntax is backslash-escaped (so nothing from a file makes a link, an image, emphasis,
raw HTML or a table cell break), `<`, `>` and `&` included; control characters are
made visible; line breaks inside a value become `<br>`, so no line of file text can
start a block of its own; and what would start a block at the beginning of a line
(a list marker, a heading, a thematic break) is escaped there. Generated sentences
embed file text (party names, headings), so they go through the same escaping.
Redlines use `<del>`/`<ins>`, which GitHub renders and keeps.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from billtrack.diff import Segment
from billtrack.i18n import language
from billtrack.i18n.base import Language
from billtrack.render.markdown import escape, inline, paragraph
from billtrack.render.markdown import redline as _redline
from billtrack.summary.records import ProposalRef, ProvisionRef, Summary


def redline(segments: Sequence[Segment]) -> str:
    return paragraph(_redline(segments))


def _heading(ref: ProvisionRef, extra: str = "") -> str:
    label = ref.label if ref.label == ref.id else f"{ref.label} ({ref.id})"
    return "### " + escape(label + (f", {extra}" if extra else ""))


def _quote(text: str, lang: str, summary: Summary) -> list[str]:
    tag = f"[{lang}] " if lang and lang != summary.text_language else ""
    return [f"> {escape(tag)}{inline(text)}", ""]


def _proposals(refs: Sequence[ProposalRef], words: Language) -> list[str]:
    lines = []
    for ref in refs:
        lines.append(f"- {inline(ref.sentence)}")
        if ref.rationale:
            lines.append(f"  - {escape(words.labels.rationale)}: {escape(ref.rationale)}")
    return [*lines, ""] if lines else []


def render(summary: Summary, out: TextIO) -> None:
    words = language(summary.lang)
    labels = words.labels
    lines = [
        f"# {escape(summary.title)}: {escape(labels.summary_title)}",
        "",
        f"**{escape(labels.from_)}:** {escape(summary.old.label)}<br>",
        f"**{escape(labels.to)}:** {escape(summary.new.label)}",
        "",
        inline(" ".join(s for s in (summary.headline, summary.other_sentence) if s)),
        "",
    ]
    if summary.dropped:
        lines += [f"## {escape(labels.dropped)}", ""]
        for item in summary.dropped:
            lines += [_heading(item.provision), ""]
            lines += _quote(item.text, item.language, summary)
            if item.redline:
                lines += [redline(item.redline), ""]
            if item.sentence:
                lines += [inline(item.sentence), ""]
            lines += _proposals(item.proposals, words)
    if summary.added:
        lines += [f"## {escape(labels.added)}", ""]
        for added in summary.added:
            lines += [_heading(added.provision), ""]
            lines += _quote(added.text, added.language, summary)
            if added.sentence:
                lines += [inline(added.sentence), ""]
            lines += _proposals(added.proposals, words)
    if summary.reworded:
        lines += [f"## {escape(labels.reworded)}", ""]
        for reworded in summary.reworded:
            extra = words.formerly(reworded.previous_number) if reworded.previous_number else ""
            lines += [_heading(reworded.provision, extra), ""]
            tag = (
                f"\\[{escape(reworded.language)}\\] "
                if reworded.language and reworded.language != summary.text_language
                else ""
            )
            lines += [f"> {tag}{redline(reworded.redline)}", ""]
            lines += _proposals(reworded.proposals, words)
    if summary.other:
        lines += [f"## {escape(labels.other)}", ""]
        for other in summary.other:
            ref = other.provision
            label = ref.label if ref.label == ref.id else f"{ref.label} ({ref.id})"
            what = ", ".join(other.changes_text)
            if other.previous_number:
                what += f" ({words.formerly(other.previous_number)})"
            lines.append(f"- {inline(label)}: {escape(what)}")
        lines.append("")
    if summary.events:
        lines += [f"## {escape(labels.events)}", ""]
        for event in summary.events:
            lines.append(f"- **{escape(event.date_text)}** — {escape(event.sentence)}")
            if event.summary:
                lines += ["", f"  {inline(event.summary)}"]
            if event.decisions:
                lines.append("")
                for decision in event.decisions:
                    note = f" {escape(decision.note)}" if decision.note else ""
                    lines.append(f"  - {inline(decision.sentence)}{note}")
            lines.append("")
    if summary.stances:
        lines += [f"## {escape(labels.stances)}", ""]
        for stance in summary.stances:
            note = f": {escape(stance.note)}" if stance.note else ""
            lines.append(f"- **{escape(stance.party.name)}** — {escape(stance.sentence)}{note}")
        lines.append("")
    if summary.sources:
        lines += [f"## {escape(labels.sources)}", ""]
        lines += [f"{k}. {inline(source)}" for k, source in enumerate(summary.sources, 1)]
        lines.append("")
    while lines and not lines[-1]:
        lines.pop()
    out.write("\n".join(lines) + "\n")
