"""Bounded list pages: pagination, tag groups, and every brief reachable from home."""

from __future__ import annotations

import hashlib
import posixpath
from collections import deque
from pathlib import Path

import pytest

from generator.pages.listing import chunks, page_src, pager
from generator.pages.tags import group_tags
from generator.seeds.tagnames import MAX_SLUG_BYTES, tag_key, tag_slug
from tests.builders import build, make_project, seed
from tests.sitecheck import parse_html


def _digest(tag: str) -> str:
    return hashlib.sha256(tag_key(tag).encode()).hexdigest()[:8]


def test_chunks_and_page_sources() -> None:
    assert [len(c) for c in chunks(list(range(12)), 5)] == [5, 5, 2]
    assert chunks([], 5) == [[]]
    assert page_src("sentiment/bullish.md", 1) == "sentiment/bullish.md"
    assert page_src("sentiment/bullish.md", 3) == "sentiment/bullish/page/3.md"


def test_pager_links_from_a_middle_page() -> None:
    middle = pager("sentiment/bearish.md", 5, 11, directory_urls=True)
    assert [(p.number, p.href, p.current) for p in middle.pages] == [
        (1, "../../", False), (3, "../3/", False), (4, "../4/", False), (5, "./", True),
        (6, "../6/", False), (7, "../7/", False), (11, "../11/", False),
    ]  # fmt: skip
    assert (middle.newer, middle.older) == ("../4/", "../6/")
    first = pager("sentiment/bearish.md", 1, 2, directory_urls=True)
    assert (first.newer, first.older) == (None, "page/2/")


def test_tag_groups_merge_case_and_slugs_come_from_the_tag_alone() -> None:
    class Item:
        def __init__(self, *tags: str) -> None:
            self.brief = type("B", (), {"tags": tags})()

    items = [Item("Bitcoin", "比特币"), Item("bitcoin", "Énergie"), Item("Bitcoin", "index")]
    groups = group_tags(items)  # type: ignore[arg-type]
    assert [(g.name, g.slug, len(g.items)) for g in groups] == [
        ("Bitcoin", "bitcoin", 3), ("index", "index-" + _digest("index"), 1),
        ("Énergie", "énergie", 1), ("比特币", "比特币", 1),
    ]  # fmt: skip
    more = group_tags([*items, Item("A", "Énergie!", "zzz")])  # type: ignore[arg-type]
    assert {g.name: g.slug for g in groups}.items() <= {g.name: g.slug for g in more}.items()


@pytest.mark.parametrize(
    ("tag", "slug"),
    [
        ("Qwen 3.5", "qwen-3-5"),
        ("Bitcoin ETF", "bitcoin-etf"),
        ("  S&P 500 ", "s-p-500"),
        ("énergie", "énergie"),
        ("ÉNERGIE", "énergie"),
        ("e\u0301nergie", "énergie"),  # decomposed: the same tag
        ("比特币", "比特币"),
        ("हिन्दी", "हिन्दी"),  # combining vowel signs stay in the word
        ("page", "page-" + _digest("page")),
        ("🚀", "tag-" + _digest("🚀")),
    ],
)
def test_tag_slugs(tag: str, slug: str) -> None:
    assert tag_slug(tag) == slug


def test_long_tags_fit_a_file_name() -> None:
    slug = tag_slug("比" * 200)
    assert len(slug.encode()) <= MAX_SLUG_BYTES
    assert slug.endswith("-" + _digest("比" * 200))
    assert tag_slug("比" * 199) != slug


def test_every_brief_is_reachable_from_home_and_no_list_is_long(tmp_path: Path) -> None:
    seeds = {
        f"{n:03d}_b.txt": seed(
            headline=f"Story {n}", article=f"Story {n} starts. It goes on. It ends.",
            label="Bullish" if n % 3 else "Bearish", keywords="Bitcoin, Macro",
        )
        for n in range(1, 13)
    }  # fmt: skip
    project = make_project(tmp_path, seeds)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        config.replace("home_briefs: 10", "home_briefs: 3\n    page_size: 5")
    )
    assert build(project) == 0
    site = project / "site"
    assert (site / "sentiment/bullish/page/2/index.html").exists()
    assert (site / "tags/bitcoin/page/3/index.html").exists()
    seen, queue = {"index.html"}, deque(["index.html"])
    while queue:
        page = queue.popleft()
        parsed = parse_html(site / page)
        cards = [
            e for e in parsed.content_elements if e.attrs.get("class", "").startswith("brief-card ")
        ]
        assert len(cards) <= 5, page
        for element in parsed.elements:
            href = element.attrs.get("href") or ""
            if element.tag != "a" or "://" in href or href.startswith(("#", "mailto:")):
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href.split("#")[0]))
            target = (
                posixpath.join(target, "index.html") if not target.endswith(".html") else target
            )
            if target not in seen and (site / target).is_file():
                seen.add(target)
                queue.append(target)
    briefs = {p.relative_to(site).as_posix() for p in site.glob("briefs/*/index.html")}
    assert len(briefs) == 13
    assert briefs <= seen
