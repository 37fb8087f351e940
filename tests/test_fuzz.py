"""Property test: generated seeds through parse, validate and render.

Seeds mix the valid structure (front matter, headline, article, label, implications) with
random text, markup from tests/hostile and random bytes; front matter holds random YAML
(every type, anchors and aliases, huge integers, deep nesting). Seed file names hold
spaces, Unicode and leading dots, up to 255 bytes; tags are any text. Properties: nothing
escapes but SeedError; a valid seed's page, read back by MkDocs' front-matter reader and
Markdown (with extensions an owner might enable), holds its headline as escaped text and its
title in the page metadata, and no element or attribute that the templates do not make.

`make test` runs FUZZ_EXAMPLES=300 (default); `make fuzz` runs batches of 10,000 with
a different FUZZ_SEED each. Every run prints how many inputs it tried.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import unicodedata
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
from generator.seeds.model import EnrichedBrief, Readability, unpack_fragments
from generator.seeds.parse import loads, read_all
from generator.seeds.tagnames import MAX_SLUG_BYTES, tag_slug
from tests.builders import ROOT
from tests.builders import seed as seed_bytes

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
# What a search result shows (brief.md.j2): values the template escapes, never markup.
ATTRIBUTES |= {"hidden", "data-pagefind-meta", "data-sentiment", "data-tone", "data-assets"}
ATTRIBUTES |= {"data-lead", "data-date", "aria-label", "aria-labelledby"}

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

KEYS = ["date", "tags", "slug", "source", "summary", "draft", "assets", "tilte", "<b>", "1"]
YAML_VALUES = [
    "~",
    "null",
    "yes",
    "0x1F",
    "0o17",
    "1e400",
    ".nan",
    "-.inf",
    "2025-13-45",
    "2025-06-10T12:00:00Z",
    "!!binary aGVsbG8=",
    "!!timestamp nope",
    "!!python/object:os.system x",
    "!!set {a, b}",
    "!!omap [a: 1]",
    "&a [1, 2]",
    "*a",
    "*undefined",
    "{<<: {a: 1}}",
    "|\n  block\n  text",
    ">-\n  folded",
    "'unterminated",
    "[a, {b: [c, {d: e}]}]",
    "? complex\n: key",
]

text = st.lists(st.one_of(st.text(max_size=12), st.sampled_from(HAZARDS)), max_size=6).map("".join)
lines = st.one_of(text, text.map("Word {}".format), text.map("{} word.".format))
labels = st.sampled_from(["Bullish", "bearish", "  NEUTRAL ", "Bulish"])


def _flow(value: object) -> str:
    """A value in YAML's flow style, as a random structure would be written."""
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flow(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    return json.dumps(value, ensure_ascii=False)  # JSON scalars are YAML


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**300, max_value=10**4000),  # huge: longer than any float
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.sampled_from(["Bitcoin", "比特币", "2025-06-10", "https://example.com/a"]),
)
structures = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=12,
)
deep = st.integers(1, 400).map(lambda depth: "[" * depth + "x" + "]" * depth)
anchored = st.integers(1, 12).map(  # each alias doubles the size: a billion laughs
    lambda n: (
        "{"
        + ", ".join(
            ["a0: &a0 [x, x]"] + [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]" for i in range(1, n)]
        )
        + "}"
    )
)
values = st.one_of(structures.map(_flow), st.sampled_from(YAML_VALUES), deep, anchored, text)
front_lines = st.one_of(
    st.sampled_from(FRONT_LINES),
    st.builds("{}: {}".format, st.sampled_from(KEYS), values),
    st.builds("{}: {}".format, text, values),
    text,
)
fronts = st.lists(front_lines, max_size=5).map("\n".join)


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
    fragments = unpack_fragments(page.fragments)
    assert str(escape(brief.headline)) in fragments[0]
    body, meta = get_data(page.content)
    assert meta["title"] == str(escape(brief.headline))
    assert meta["description"] == str(escape(" ".join(summary)))
    html = fill(renderer.reset().convert(body), fragments)  # as the plugin does
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


NAME_PARTS = [" ", ".", "..", "-", "_", "é", "比特币", "🚀", "\u202e", "\u200b", "A", "z", "0"]
name_text = st.lists(
    st.one_of(
        st.sampled_from(NAME_PARTS),
        st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",))),
    ),
    max_size=8,
).map("".join)


def _fit(name: str, suffix: str, pad: str) -> str:
    """`name` + `suffix` within 255 bytes; with `pad`, filled up to exactly 255."""
    room = 255 - len(suffix.encode())
    stem = name.encode()[:room].decode(errors="ignore")
    if pad:
        stem += pad * ((room - len(stem.encode())) // len(pad.encode()))
        stem += "a" * (room - len(stem.encode()))
    return stem + suffix


file_names = st.builds(
    _fit,
    st.builds("{}{}".format, st.sampled_from(["", ".", "..", " ", "001_", "-"]), name_text),
    st.sampled_from([".txt", ".TXT", ".Txt", ".txt ", ".md", ""]),
    st.sampled_from(["", "", "a", "比", "é"]),
).filter(lambda name: name not in ("", ".", ".."))


def test_generated_file_names(tmp_path: Path) -> None:
    """Seeds under any name a file system allows: spaces, Unicode, leading dots, 255 bytes."""
    config = BriefsConfig(root=tmp_path)
    counts = {"valid": 0, "rejected": 0, "ignored": 0}

    @seed(SEED)
    @settings(max_examples=max(50, EXAMPLES // 3), deadline=None, database=None)
    @given(file_names, st.booleans())
    def run(name: str, with_slug: bool) -> None:
        shutil.rmtree(tmp_path / "briefs", ignore_errors=True)
        (tmp_path / "briefs").mkdir()
        front = "slug: chosen" if with_slug else None
        (tmp_path / "briefs" / name).write_bytes(seed_bytes(front=front))
        briefs, problems = read_all(config)
        if name.startswith(".") or not name.lower().endswith(".txt"):
            assert (briefs, problems) == ([], [])
            counts["ignored"] += 1
            return
        assert all(problem.path == f"briefs/{name}" for problem in problems)
        assert len(briefs) + bool(problems) == 1
        for brief in briefs:
            assert brief.slug == "chosen" or re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", brief.slug)
            assert len(f"{brief.slug}.md".encode()) <= 255
        counts["valid" if briefs else "rejected"] += 1

    run()
    print(f"fuzz: file names (seed {SEED}): {counts}")
    assert min(counts.values()) > 0  # each outcome was exercised


tag_names = st.one_of(text, name_text, st.sampled_from(["index", "page", "🚀", "比" * 100]))


def test_generated_tag_slugs() -> None:
    """A tag's address: the same for every spelling of the tag, and safe as a file name."""

    @seed(SEED)
    @settings(max_examples=EXAMPLES, deadline=None, database=None)
    @given(tag_names)
    def run(tag: str) -> None:
        slug = tag_slug(tag)
        assert slug and "/" not in slug and slug not in ("index", "page", ".", "..")
        assert len(slug.encode()) <= MAX_SLUG_BYTES
        assert slug == tag_slug(tag.upper()) == tag_slug(unicodedata.normalize("NFD", tag))

    run()
