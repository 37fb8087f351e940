"""Property test: generated seeds through parse, validate and render.

Seeds mix the valid structure (front matter, headline, article, label, implications) with
random text, markup from tests/hostile and random bytes. Properties: nothing escapes but
SeedError; a valid seed's page, read back by MkDocs' front-matter reader and Markdown (with
extensions an owner might enable), holds its headline as escaped text and its title in the
page metadata, and no element or attribute that the templates do not make.

`make test` runs FUZZ_EXAMPLES=300 (default); `make fuzz` runs batches of 10,000 with
a different FUZZ_SEED each. Every run prints how many inputs it tried.
"""

from __future__ import annotations

import os
import shutil
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from markupsafe import escape
from mkdocs.utils.meta import get_data

from generator.config import BriefsConfig
from generator.pages.builder import PageBuilder
from generator.pages.render import fill
from generator.pages.sections import make_feeds
from generator.seeds.errors import SeedError
from generator.seeds.model import EnrichedBrief, Readability
from generator.seeds.parse import loads
from tests.builders import ROOT

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))
SEED = int(os.environ.get("FUZZ_SEED", "0"))
CONFIG = BriefsConfig(root=ROOT)
PAGES = PageBuilder(CONFIG, "Market Briefs", True, make_feeds("Market Briefs", [], (), []))
READABILITY = Readability(50.0, 9.0, 60, 120)
EXTENSIONS = ["toc", "admonition", "pymdownx.superfences", "attr_list", "def_list"]
EXTENSIONS += ["footnotes", "md_in_html", "tables", "pymdownx.details"]
# What the brief template and Markdown's toc make; anything else came from a seed.
TAGS = {"h1", "h2", "p", "span", "time", "a", "ul", "li", "div", "table", "thead", "tbody"}
TAGS |= {"tr", "th", "td"}
ATTRIBUTES = {"class", "href", "id", "title", "aria-hidden", "datetime", "rel", "style"}
ATTRIBUTES |= {"data-pagefind-ignore"}  # what the template leaves out of the search index

HAZARDS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<iframe src=//evil.example>",
    '<a href="javascript:alert(1)" onclick=x>',
    "[x](javascript:alert(1))",
    "# ",
    "---",
    "***",
    '!!! danger "x"',
    "| a | b |\n|---|---|",
    "<details open>",
    "[^1]",
    "[^1]: note",
    "{: .x #y }",
    '--8<-- "/etc/passwd"',
    "{{ 7*7 }}",
    "{% for x in y %}",
    "{% endfor %}",
    "&amp;",
    "&lt;",
    "<!--",
    "]]>",
    "```",
    "    ",
    "\t",
    "\\",
    "'",
    '"',
    "<",
    ">",
    "&",
    "\u202e",
    "\u200b",
    "\u2028",
    "\x85",
    "\x0c",
    "\ufeff",
    "🚀",
    "👨\u200d👩\u200d👧",
    "比特币",
    "ارتفاع",
    "(Main keywords: a, <b>, {{c}})",
    "Bullish",
    "bearish",
    "NEUTRAL",
    "\n",
    "\n\n",
    "\r",
    ": ",
    "- ",
]
FRONT_LINES = [
    "date: 2025-06-10",
    "date: nope",
    "tags: [a, '<b>']",
    "tags: x",
    "slug: my-slug",
    "slug: Bad Slug",
    "source: https://example.com/a?b=1&c=<x>",
    "source: javascript:alert(1)",
    "summary: Short one. <script>x</script> two.",
    "summary: ''",
    "draft: false",
    "draft: maybe",
    "tilte: x",
    "tags: [[[[",
    "a: &a [*a, *a]",
    ": :",
    "- list",
]

text = st.lists(st.one_of(st.text(max_size=12), st.sampled_from(HAZARDS)), max_size=6).map("".join)
lines = st.one_of(text, text.map("Word {}".format), text.map("{} word.".format))
labels = st.sampled_from(["Bullish", "bearish", "  NEUTRAL ", "Bulish"])
fronts = st.lists(st.one_of(st.sampled_from(FRONT_LINES), text), max_size=4).map("\n".join)


@st.composite
def seeds(draw: st.DrawFn) -> bytes:
    """A seed's bytes: mostly well-formed, with random text, markup and bytes mixed in."""
    parts = [draw(lines), *draw(st.lists(lines, min_size=1, max_size=4))]
    parts += [draw(st.one_of(labels, labels, text)), *draw(st.lists(lines, min_size=1, max_size=3))]
    body = draw(st.sampled_from(["\n", "\r\n", "\n\n"])).join(parts)
    front = draw(st.one_of(st.none(), st.none(), fronts))
    data = (body if front is None else f"---\n{front}\n---\n{body}").encode("utf-8")
    kind = draw(st.sampled_from(["text"] * 5 + ["bom", "bytes", "binary"]))
    if kind == "bom":
        return b"\xef\xbb\xbf" + data
    if kind == "bytes":
        at = draw(st.integers(0, len(data)))
        return data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at:]
    if kind == "binary":
        return draw(st.binary(max_size=300))
    return data


class Headline(HTMLParser):
    """The text of <h1 class="brief-headline">, and every element with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headline = ""
        self.inside = False
        self.elements: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, [name for name, _ in attrs]))
        self.inside = tag == "h1" and ("class", "brief-headline") in attrs

    def handle_endtag(self, tag: str) -> None:
        self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.headline += data


def check(data: bytes, renderer: markdown.Markdown, pages: PageBuilder = PAGES) -> bool:
    """Parse, validate and render one seed; return whether it was valid."""
    try:
        brief = loads(data, "briefs/fuzz.txt", "fuzz", CONFIG.sentiments)
    except SeedError as error:
        assert error.problems and all(p.path == "briefs/fuzz.txt" for p in error.problems)
        return False
    summary = brief.article[:3]
    page = pages.brief(EnrichedBrief(brief, summary, READABILITY))
    assert str(escape(brief.headline)) in page.fragments[0]
    body, meta = get_data(page.content)
    assert meta["title"] == str(escape(brief.headline))
    assert meta["description"] == str(escape(" ".join(summary)))
    html = fill(renderer.reset().convert(body), page.fragments)  # as the plugin does
    parsed = Headline()
    parsed.feed(html)
    parsed.close()
    assert parsed.headline == brief.headline
    for tag, attributes in parsed.elements:
        assert tag in TAGS, (tag, html)
        assert set(attributes) <= ATTRIBUTES, (tag, attributes, html)
    return True


def test_generated_seeds() -> None:
    renderer = markdown.Markdown(extensions=EXTENSIONS, extension_configs={})
    counts = {True: 0, False: 0}

    @seed(SEED)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(seeds())
    def run(data: bytes) -> None:
        counts[check(data, renderer)] += 1

    run()
    total = counts[True] + counts[False]
    print(f"fuzz: {total} inputs (seed {SEED}): {counts[True]} valid, {counts[False]} rejected")
    assert total >= EXAMPLES
    assert counts[True] >= total // 5  # the render properties were exercised


def test_the_checker_catches_an_unescaped_headline(tmp_path: Path) -> None:
    renderer = markdown.Markdown(extensions=EXTENSIONS)
    hostile = b"<b onclick=x>Hi</b>\nArticle.\nBullish\nGo.\n"
    assert check(hostile, renderer)
    shutil.copytree(CONFIG.templates_path, tmp_path / "templates")
    template = tmp_path / "templates/brief.md.j2"
    text = template.read_text(encoding="utf-8")
    template.write_text(
        text.replace("{{ item.brief.headline }}", "{{ item.brief.headline | safe }}")
    )
    feeds = make_feeds("Market Briefs", [], (), [])
    broken = PageBuilder(BriefsConfig(root=tmp_path), "Market Briefs", True, feeds)
    with pytest.raises(AssertionError):
        check(hostile, renderer, broken)
