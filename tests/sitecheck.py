"""Reading a built site back: HTML elements, attributes and file hashes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# Elements a browser lays out as blocks, rows or cells: their text reads apart from the
# text around them (as `innerText` has it) whether or not the HTML has whitespace there,
# which minified pages do not.
BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]


@dataclass
class Parsed(HTMLParser):
    """Every element and the text inside <article class="md-content__inner ...">."""

    elements: list[Element] = field(default_factory=list)
    content_elements: list[Element] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    title: str = ""
    _depth: int = 0
    _in_title: bool = False

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.elements.append(element)
        if self._depth and tag in BLOCKS:
            self.text.append(" ")
        if self._depth:
            self.content_elements.append(element)
            if tag == "article":
                self._depth += 1
        elif tag == "article" and "md-content__inner" in (element.attrs.get("class") or ""):
            self._depth = 1
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        if self._depth and tag in BLOCKS:
            self.text.append(" ")
        if self._depth and tag == "article":
            self._depth -= 1
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self._depth:
            self.text.append(data)

    @property
    def content_text(self) -> str:
        return " ".join("".join(self.text).split())


def parse_html(path: Path) -> Parsed:
    parsed = Parsed()
    parsed.feed(path.read_text(encoding="utf-8"))
    parsed.close()
    return parsed


def tree_hashes(root: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under `root`."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }
