"""A site that fits its host: minified pages, the theme's icons in one shared sprite, and no
Pagefind file the browser never loads; the pages still read, draw and search as before."""

from __future__ import annotations

import html.parser
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from generator.site.icons import SPRITE
from generator.site.minify import minify
from generator.site.searchdoc import published
from tests.browsing import serve

BRIEF = "briefs/001_hostile/index.html"
HOSTILE_HEADLINE = "<b onmouseover=alert(1)>Hostile</b> {{ 7*7 }} & *stars*"
# What the browser requests of a Pagefind bundle (besides the index and fragments it
# fetches per query), checked in Chromium: nothing else is shipped.
PAGEFIND_LOADED = {"pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "wasm.en.pagefind"}


class _Heading(html.parser.HTMLParser):
    """The text of a page's `<h1>`."""

    def __init__(self) -> None:
        super().__init__()
        self.heading = ""
        self._in_heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_heading = self._in_heading or tag == "h1"

    def handle_endtag(self, tag: str) -> None:
        self._in_heading = self._in_heading and tag != "h1"

    def handle_data(self, data: str) -> None:
        if self._in_heading:
            self.heading += data


def heading(page: str) -> str:
    reader = _Heading()
    reader.feed(page)
    return reader.heading


def test_pages_are_minified_with_their_text_kept(site: Path) -> None:
    page = (site / BRIEF).read_text(encoding="utf-8")
    assert "\n  " not in page and "  <" not in page  # no indentation left
    assert heading(page) == HOSTILE_HEADLINE  # seed text, still text
    assert "zzfsentiment" not in page and "data-pagefind" not in page  # the index's alone
    assert "__md_scope=new URL(" in page  # Material's inline scripts, as they were
    authoring = (site / "authoring/index.html").read_text(encoding="utf-8")
    code = re.search(r"<pre\b.*?</pre>", authoring, re.DOTALL)
    assert code and "\n" in code[0] and "   <" in code[0]  # code keeps lines and spaces
    missing = (site / "404.html").read_text(encoding="utf-8")  # the theme's own page too
    assert "\n  " not in missing and "404 - Not found" in missing


def test_minify_keeps_what_shows_and_is_the_same_every_time() -> None:
    page = (
        "<!doctype html>\n<html lang=en>\n  <head>\n    <title>A  page</title>\n  </head>\n"
        "  <body>\n    <pre>  two\n    lines</pre>\n    <p>one <b>two</b>   three</p>\n"
        '    <script>var a = 1;  if (a) { a = "  x  "; }</script>\n  </body>\n</html>\n'
    )
    small = minify(page, "page.html")
    assert "<pre>  two\n    lines</pre>" in small
    assert "<p>one <b>two</b> three</p>" in small
    assert '<script>var a = 1;  if (a) { a = "  x  "; }</script>' in small
    assert len(small) < len(page) and minify(page, "page.html") == small


def test_what_only_the_index_reads_is_left_out_of_the_page() -> None:
    content = (
        '<h1>A &lt;b&gt;</h1>\n<span hidden data-pagefind-meta="lead[data-lead]" '
        'data-lead="x data-pagefind-ignore&gt; &#34;y&#34;">zzfsentimentbullish</span>\n'
        '<ul class="brief-tldr" data-pagefind-ignore>\n<li>data-pagefind-ignore&gt; z</li>\n'
        "</ul>\n<table data-pagefind-ignore>\n</table>"
    )
    assert published(content) == (
        '<h1>A &lt;b&gt;</h1>\n<ul class="brief-tldr">\n<li>data-pagefind-ignore&gt; z</li>\n'
        "</ul>\n<table>\n</table>"
    )


def test_theme_icons_come_from_the_shared_sprite(site: Path) -> None:
    sprite = (site / SPRITE).read_text(encoding="utf-8")
    symbols = set(re.findall(r'<symbol id="([^"]+)"', sprite))
    for name in (BRIEF, "index.html", "authoring/index.html"):
        page = (site / name).read_text(encoding="utf-8")
        assert "<svg xmlns" not in page.split("<article")[0], name  # no icon inline
        # (html.parser misreads an unquoted value before "/>", which browsers read right)
        hrefs = re.findall(r'<use href="?([^"\s>]+)', page)
        assert len(hrefs) >= 6, name  # logo, menu, palette, search, close, top
        folder = posixpath.dirname(name)
        for href in hrefs:
            target, _, symbol = href.partition("#")
            assert posixpath.normpath(posixpath.join(folder, target)) == SPRITE, href
            assert symbol in symbols, href


def test_only_the_pagefind_files_the_browser_loads_are_shipped(site: Path) -> None:
    bundle = site / "pagefind"
    shipped = {path.name for path in bundle.iterdir() if path.is_file()}
    meta = {name for name in shipped if re.fullmatch(r"pagefind\.en_\w+\.pf_meta", name)}
    assert len(meta) == 1
    assert shipped == PAGEFIND_LOADED | meta  # no UI bundles, no unused engine


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    with serve(site) as base:
        yield base


def test_minified_pages_draw_their_icons_and_search(server: str, browser: Browser) -> None:
    page = browser.new_page()
    requested: list[str] = []
    page.on("requestfinished", lambda request: requested.append(request.url))
    page.goto(server + "briefs/002_bullish/")
    page.wait_for_load_state("networkidle")
    assert any(url.endswith(SPRITE) for url in requested)
    logo = page.locator(".md-header__button.md-logo svg")
    box = logo.bounding_box()
    assert box and box["width"] > 0 and box["height"] > 0
    # the symbol was found and drawn: its path has a size inside the <use>
    drawn = page.evaluate(
        "() => document.querySelector('.md-header__button.md-logo svg use').getBBox().width"
    )
    assert drawn > 0
    assert page.evaluate("typeof __md_get") == "function"  # Material's inline script ran
    assert page.locator("h1.brief-headline").inner_text().startswith("Bitcoin")
    page.keyboard.press("/")
    page.keyboard.type("Junyang succession")
    result = page.locator(".md-search-result__item").filter(has_text="Junyang Lin Departs")
    result.first.wait_for(timeout=10_000)
    page.close()


# A list shows each brief's card, and a brief page five related briefs' rows: over a site,
# a brief's card or row is written 5 to 10 times, so each byte of markup on them is paid
# thousands of times (site/ per brief, README). Tags and attributes a card or row may spell
# out, besides its text, its links' targets and each asset's chip:
CARD_MARKUP = 215
ROW_MARKUP = 175
_TEXT = re.compile(r">[^<]*<")
_HREF = re.compile(r"href=[^\s>]+")
_ASSET = re.compile(r"<(a|span) class=brief-(?:asset|ticker)\b[^>]*>[^<]*</\1>")


def markup(html: str) -> int:
    """Bytes of a minified piece of page besides its text, link targets and asset chips."""
    return len(_ASSET.sub("", _HREF.sub("href=", _TEXT.sub("><", html))))


def test_cards_and_rows_spell_out_little_besides_their_text(market: Path) -> None:
    cards: list[int] = []
    rows: list[int] = []
    for name in ("sentiment/bullish/index.html", "daily/2025-06-10/index.html", "index.html"):
        page = (market / name).read_text(encoding="utf-8")
        cards += [
            markup(card) for card in re.findall(r'<article class="?brief-card\b.*?</article>', page)
        ]
    for path in sorted(market.glob("briefs/*/index.html")):
        related = re.search(r"<ul class=brief-rows>(.*?)</ul>", path.read_text(encoding="utf-8"))
        rows += [markup(row) for row in re.findall(r"<li.*?</li>", related[1] if related else "")]
    assert len(cards) >= 5 and len(rows) >= 5
    assert max(cards) <= CARD_MARKUP and max(rows) <= ROW_MARKUP


def test_json_files_are_compact(market: Path) -> None:
    for name in ("api/briefs.json", "api/assets.json", "api/assets/btc.json", "feed.json"):
        text = (market / name).read_text(encoding="utf-8")
        assert text.count("\n") == 1, name  # one line: no indentation
