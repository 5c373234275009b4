"""The one check every HTML report passes (a well-formed, self-contained page), and the
golden-file comparison of reports and pages."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

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


# --- golden pages: the page's own part, and the chrome its kind of page shares -------------

CHROME = "page.html"  # in each golden folder: the chrome of that folder's pages


def split_page(page: str) -> tuple[str, str]:
    """(chrome, own): the chrome is the page with its <html> line, its <title> line and
    what its <body> holds each replaced by a placeholder; `own` is those three, in order.
    The head (meta tags, CSS) is the same on every page of a kind, so a CSS change is a
    change to one golden file."""
    head, opening, rest = page.partition("<body>\n")
    assert opening, "no <body> line"
    body, closing, tail = rest.rpartition("</body>\n")
    assert closing, "no </body> line"
    lines = head.splitlines(keepends=True)
    html = next(line for line in lines if line.startswith("<html "))
    title = next(line for line in lines if line.startswith("<title>"))
    chrome = head.replace(html, "{html}\n", 1).replace(title, "{title}\n", 1)
    return chrome + "<body>\n{body}</body>\n" + tail, html + title + "<body>\n" + body + "</body>\n"


def join_page(chrome: str, own: str) -> str:
    """The page that split_page split."""
    html, title, body = own.split("\n", 2)
    body = body.removeprefix("<body>\n").removesuffix("</body>\n")
    return chrome.replace("{html}", html, 1).replace("{title}", title, 1).replace("{body}", body, 1)


def check_golden(path: Path, actual: str, update: bool) -> None:
    """The output equals the golden file (which --update-golden rewrites on purpose)."""
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
        return
    assert path.exists(), f"{path} is missing: run pytest --update-golden and review it"
    with path.open(encoding="utf-8", newline="") as golden:
        expected = golden.read()
    assert actual == expected, (
        f"{path.name} differs from its golden file; if the change is meant, "
        "run pytest --update-golden and review the diff"
    )


def check_golden_page(path: Path, page: str, update: bool) -> None:
    """A page against two golden files: its own part at `path`, and the chrome of its
    folder's pages (every page of the folder has the same)."""
    chrome, own = split_page(page)
    assert join_page(chrome, own) == page  # nothing of the page left unchecked
    check_golden(path, own, update)
    check_golden(path.parent / CHROME, chrome, update)
