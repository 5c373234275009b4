"""The `docx` diff reporter: a Word document with the changes as tracked revisions.

Each changed provision is headed by its number and heading (its id after them), then
its text with every deletion and insertion a real Word revision (`w:del`, `w:ins`),
which reviewers accept or reject in Word; an added provision is one insertion, a dropped
one a deletion. Below each, the proposals behind the change with author, decision and
date. Written through billtrack.render.docx, the one Word writer.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from billtrack.render import docx as word
from billtrack.render.diff.view import DiffOptions, field_changes, shown, text_parts

if TYPE_CHECKING:
    from billtrack.comparison import Comparison

# The author Word shows on each revision: the tool, since the records decide nothing.
AUTHOR = "billtrack"


def render(comparison: Comparison, out: IO[bytes], options: DiffOptions) -> None:
    context = options.context
    lang = context.lang if context else ""
    document = word.new_document(lang=comparison.language or "")
    title = context.title if context else comparison.bill
    old = context.old if context else comparison.old.spec
    new = context.new if context else comparison.new.spec
    word.header_text(document, f"{title} — {old} → {new}")
    document.add_heading(word.xml_text(title), level=0)
    document.add_paragraph(word.xml_text(f"{old} → {new}"))
    # Revisions carry the newer version's date where it has one (Word wants a timestamp).
    date = (comparison.new.date or comparison.old.date or "1970-01-01")[:10]
    revisions = word.Revisions(AUTHOR, word.timestamp(date))
    for item in shown(comparison, options):
        unit = context.units.get(item.id, item.id) if context else item.id
        label = unit if unit == item.id else f"{unit} ({item.id})"
        document.add_heading(word.xml_text(label), level=2)
        status = context.words.diff_status(item.status) if context else item.status
        document.add_paragraph().add_run(word.xml_text(status)).italic = True
        for field, before, after in field_changes(item):
            paragraph = document.add_paragraph(word.xml_text(f"{field}: "))
            revisions.add(paragraph, "-", before)
            revisions.add(paragraph, "+", after)
        for kind, text_lang, content in text_parts(item):
            if lang and text_lang and text_lang != lang and _has(item, lang):
                continue  # the other languages of a multilingual text: the chosen one only
            paragraph = document.add_paragraph()
            if text_lang:
                revisions.add(paragraph, "=", f"[{text_lang}] ", bold=True)
            if isinstance(content, str):
                revisions.add(paragraph, "+" if kind == "added" else "-", content)
            else:
                for op, text in content:
                    if text:
                        revisions.add(paragraph, op, text)
        for proposal in item.proposals:
            line = context.proposals.get(proposal, proposal) if context else proposal
            document.add_paragraph(word.xml_text(line), style="List Bullet")
    word.save(document, out)


def _has(item: object, lang: str) -> bool:
    from billtrack.diff import ProvisionDiff

    assert isinstance(item, ProvisionDiff)
    texts = {
        **(item.before.texts() if item.before else {}),
        **(item.after.texts() if item.after else {}),
    }
    return lang in texts
