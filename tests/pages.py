"""The one check every HTML report passes: a well-formed, self-contained page."""

from __future__ import annotations

import re
from html.parser import HTMLParser

VOID = {"meta", "br", "hr", "img", "input", "link", "wbr", "col", "area", "base", "source"}
# A URL with a scheme (http:, javascript:, data: ...) or protocol-relative: leaves the page.
EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
FORBIDDEN_TAGS = ("script", "link", "iframe", "img", "object", "embed", "base", "form")
URL_ATTRIBUTES = ("src", "href", "action", "srcset", "poster", "data")


class PageChecker(HTMLParser):
    """Collects what the well-formedness and self-containment checks need."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.doctype = False

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl.lower() == "doctype html"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check_page(page: str) -> PageChecker:
    """Assert the page is well-formed and self-contained (no script, no style sheet, frame,
    image or form, no handler attribute, no link out of the page); return what was parsed."""
    checker = PageChecker()
    checker.feed(page)
    checker.close()
    assert checker.doctype, "no <!DOCTYPE html>"
    assert not checker.errors, checker.errors
    assert not checker.stack, f"unclosed: {checker.stack}"
    names = [tag for tag, _ in checker.tags]
    for forbidden in FORBIDDEN_TAGS:
        assert forbidden not in names, f"<{forbidden}> in the page"
    for tag, attrs in checker.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), f"<{tag} {name}=...>"
            if name in URL_ATTRIBUTES:
                assert value is not None and not EXTERNAL.match(value), f"<{tag} {name}={value}>"
                if name == "href":
                    assert value.startswith("#"), f"<{tag} href={value}>: not within the page"
    lowered = page.lower()
    assert "<script" not in lowered and "<link" not in lowered
    assert "url(" not in lowered and "@import" not in lowered
    assert '<meta charset="utf-8">' in lowered
    return checker
