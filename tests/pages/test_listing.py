"""Bounded list pages: pagination, tag groups, and every brief reachable from home."""

from __future__ import annotations

import posixpath
from collections import deque
from pathlib import Path

from generator.pages.listing import chunks, page_src, pager
from generator.pages.tags import group_tags, slugify
from tests.builders import build, make_project, seed
from tests.sitecheck import parse_html


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


def test_tag_groups_merge_case_and_keep_slugs_unique() -> None:
    class Item:
        def __init__(self, *tags: str) -> None:
            self.brief = type("B", (), {"tags": tags})()

    items = [Item("Bitcoin", "A&B"), Item("bitcoin", "A-B"), Item("Bitcoin", "index")]
    groups = group_tags(items)  # type: ignore[arg-type]
    assert [(g.name, g.slug, len(g.items)) for g in groups] == [
        ("A&B", "a-b", 1), ("A-B", "a-b-2", 1), ("Bitcoin", "bitcoin", 3),
        ("index", "index-2", 1),
    ]  # fmt: skip
    assert slugify("Qwen 3.5") == "qwen-3-5"


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
