"""Generated pages converted once per content, ahead on every core: reused, pruned, and
identical either way."""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from jinja2 import Environment
from jinja2.runtime import Context
from mkdocs.structure.pages import Page

from generator.site import chrome, cores, rendercache
from tests.builders import BULLISH, HOSTILE_SEED, build, forget_finished_pages, make_project, seed
from tests.sitecheck import tree_hashes

CACHE = ".cache/briefs/pages.pickle"
BRIEF = "briefs/002_bullish.md"  # the page of BULLISH


def stored(project: Path) -> dict[str, tuple[object, ...]]:
    """The render cache's entries: key -> the stored conversion."""
    with (project / CACHE).open("rb") as stream:
        version, entries = pickle.load(stream)
    assert version == rendercache.RENDER_CACHE_VERSION
    return dict(entries)


def converting(monkeypatch: pytest.MonkeyPatch, before: Callable[[Page], None]) -> None:
    """Call `before(page)` ahead of each conversion in this process (and the workers it
    forks): MkDocs' own `Page.render` for its pages, `render_page` for generated ones."""
    real_render, real_render_page = Page.render, rendercache.render_page

    def render(self: Page, config: object, files: object) -> None:
        before(self)
        real_render(self, config, files)  # type: ignore[arg-type]

    def render_page(page: Page, config: object, files: object, settings: str) -> None:
        before(page)
        real_render_page(page, config, files, settings)

    monkeypatch.setattr(Page, "render", render)
    monkeypatch.setattr(rendercache, "render_page", render_page)
    # Conversions this process made in earlier builds (tests) would be reused: none is.
    monkeypatch.setattr(rendercache, "_ALIKE", {})


def counting(monkeypatch: pytest.MonkeyPatch, converted: list[str]) -> None:
    """Record each page this process converts."""
    converting(monkeypatch, lambda page: converted.append(page.file.src_uri))


def test_one_markdown_instance_converts_as_a_new_one_per_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Generated pages share a Markdown instance per process (site/internals.py): the
    same site, byte for byte, as a new instance per page (MkDocs' `Page.render`) gives."""
    project = make_project(
        tmp_path,
        {
            "002_bullish.txt": BULLISH,
            "003_bearish.txt": seed(label="Bearish", keywords="A, B"),
            "004_hostile.txt": HOSTILE_SEED,
        },
    )
    assert build(project) == 0
    shared = tree_hashes(project / "site")
    (project / CACHE).unlink()
    with monkeypatch.context() as patch:

        def new_instance(page: Page, config: object, files: object, _: str) -> None:
            Page.render(page, config, files)  # type: ignore[arg-type]

        patch.setattr(rendercache, "render_page", new_instance)
        patch.setattr(cores, "THRESHOLD", 10_000)  # all here
        forget_finished_pages(project)
        assert build(project) == 0
    assert tree_hashes(project / "site") == shared


def test_cached_conversions_give_the_same_site_and_stale_ones_are_pruned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path, {"002_bullish.txt": BULLISH})
    assert build(project) == 0
    first = tree_hashes(project / "site")
    entries = set(stored(project))
    assert entries  # every generated page not in the nav was stored
    converted: list[str] = []
    with monkeypatch.context() as patch:
        counting(patch, converted)
        assert build(project) == 0
    assert converted and not any(uri.startswith("briefs/") for uri in converted)
    assert tree_hashes(project / "site") == first
    (project / CACHE).unlink()
    assert build(project) == 0
    assert tree_hashes(project / "site") == first
    (project / "briefs/002_bullish.txt").rename(project / "briefs/003_renamed.txt")
    assert build(project) == 0
    now = set(stored(project))
    assert now - entries and entries - now  # the old page's entry went, the new one came


def test_pages_are_converted_ahead_on_every_core_with_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path, {"002_bullish.txt": BULLISH})
    assert build(project) == 0
    expected = tree_hashes(project / "site")
    entries = stored(project)
    (project / CACHE).unlink()
    converted: list[str] = []
    monkeypatch.setattr(cores, "THRESHOLD", 0)
    monkeypatch.setattr(cores, "core_count", lambda: 2)
    counting(monkeypatch, converted)
    assert build(project) == 0
    # The workers converted the brief pages: this process only converted the others.
    assert converted and not any(uri.startswith("briefs/") for uri in converted)
    assert tree_hashes(project / "site") == expected
    assert stored(project) == entries


def test_pages_with_the_same_markdown_are_converted_once_with_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A brief page's Markdown is its headings and placeholders, so briefs share it: one
    conversion serves them all, and the site is what converting each gives."""
    seeds = {f"00{n}_alike.txt": seed(headline=f"Brief {n}", label="Bearish") for n in (2, 3, 4)}
    project = make_project(tmp_path, seeds)
    monkeypatch.setattr(cores, "THRESHOLD", 10_000)  # every page converted here
    with monkeypatch.context() as patch:
        patch.setattr(rendercache, "_alike", lambda settings, markdown: None)
        assert build(project) == 0
    each = tree_hashes(project / "site")
    (project / CACHE).unlink()
    forget_finished_pages(project)
    converted: list[str] = []
    counting(monkeypatch, converted)  # and no conversion kept from the build before
    assert build(project) == 0
    assert tree_hashes(project / "site") == each
    briefs = [uri for uri in converted if uri.startswith("briefs/")]
    assert len(briefs) < len(seeds)  # the three new briefs: one conversion, or two at most
    assert len(stored(project)) >= len(seeds)  # yet each page has its entry for next time


def test_a_theme_override_that_reads_the_page_is_drawn_for_every_page(tmp_path: Path) -> None:
    """Only parts that read nothing of the page are shared: a footer of the project's own
    that prints the page's address is drawn per page (and one it includes, too)."""
    project = make_project(tmp_path, {"002_bullish.txt": BULLISH, "003_other.txt": seed()})
    partials = project / "templates/theme/partials"
    (partials / "footer.html").write_text(
        '<footer class="md-footer">{% include "partials/pagefoot.html" %}</footer>', "utf-8"
    )
    (partials / "pagefoot.html").write_text('<p class="pagefoot">{{ page.url }}</p>', "utf-8")
    assert build(project) == 0
    for page in (project / "site/briefs").glob("*/index.html"):
        url = f"briefs/{page.parent.name}/"
        assert f"<p class=pagefoot>{url}</p>" in page.read_text(encoding="utf-8"), url


def test_footnotes_numbered_per_document_are_converted_as_mkdocs_does(tmp_path: Path) -> None:
    """An extension that counts the documents its instance converted (footnotes with
    UNIQUE_IDS) gets a new instance per page, as in MkDocs, not the shared one."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files

    from generator.site.internals import render_page

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nmarkdown_extensions:\n  - footnotes:\n      UNIQUE_IDS: true\n",
        encoding="utf-8",
    )
    config = load_config(str(tmp_path / "mkdocs.yml"))
    markdown = "Text[^1].\n\n[^1]: A note.\n"

    def converted(render: Callable[[Page], None]) -> list[str]:
        pages = []
        for name in ("a.md", "b.md"):
            file = File(name, str(tmp_path / "docs"), str(tmp_path / "site"), True)
            page = Page(None, file, config)
            page.markdown, page.meta = markdown, {}
            render(page)
            assert page.content is not None
            pages.append(page.content)
        return pages

    files = Files([])
    theirs = converted(lambda page: page.render(config, files))
    ours = converted(lambda page: render_page(page, config, files, "footnotes"))
    assert ours == theirs and "fnref:" in ours[0]


def test_a_page_whose_conversion_warns_is_left_to_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    project = make_project(tmp_path / "project", {"002_bullish.txt": BULLISH})
    monkeypatch.setattr(cores, "THRESHOLD", 0)
    monkeypatch.setattr(cores, "core_count", lambda: 2)
    attempts = tmp_path / "attempts"  # "pid src_uri" per conversion, in every process

    def warning(page: Page) -> None:
        with attempts.open("a", encoding="utf-8") as record:
            record.write(f"{os.getpid()} {page.file.src_uri}\n")
        logging.getLogger("briefs.test").warning("odd page %s", page.file.src_uri)

    converting(monkeypatch, warning)
    assert build(project) == 0
    pids = [
        int(pid) for pid, uri in map(str.split, attempts.read_text().splitlines()) if uri == BRIEF
    ]
    here = os.getpid()
    assert pids.count(here) == 1 and len(pids) == 2  # converted ahead in a worker, then here
    shown = [
        r.getMessage()
        for r in caplog.records
        if r.name == "briefs.test" and BRIEF in r.getMessage()
    ]
    assert shown == [f"odd page {BRIEF}"]  # the build's conversion warned as MkDocs would


def test_an_unreadable_cache_is_rebuilt(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    project = make_project(tmp_path, {"002_bullish.txt": BULLISH})
    assert build(project) == 0
    expected = tree_hashes(project / "site")
    (project / CACHE).write_bytes(b"not a pickle")
    assert build(project) == 0
    assert "ignoring damaged page cache" in caplog.text
    assert tree_hashes(project / "site") == expected
    assert stored(project)


def test_pages_with_markdown_links_are_not_cached() -> None:
    assert rendercache.links_out("See [the guide](../authoring.md).")
    assert rendercache.links_out("[guide]: ../authoring.md")
    assert not rendercache.links_out("<!-- briefs:html 0 -->\n\n## TL;DR\n")


def test_hand_written_pages_are_converted_by_mkdocs(site: Path) -> None:
    entries = stored(site.parent)
    assert entries and not any("Authoring briefs" in str(entry) for entry in entries.values())


def test_the_chrome_drawn_once_per_folder_is_the_one_each_page_would_draw(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.site import plugin

    project = make_project(tmp_path, {"002_bullish.txt": BULLISH, "003_hostile.txt": HOSTILE_SEED})
    drawn: dict[str, list[str]] = {}  # per shared part: the pages it was drawn for
    real = chrome.share_chrome

    def counted(name: str, theirs: Callable[[Context], Iterator[str]]) -> Any:
        def draw(context: Context) -> Iterator[str]:
            drawn.setdefault(name, []).append(context["page"].url if context["page"] else "-")
            return theirs(context)

        return draw

    def counting(env: Environment, in_nav: set[int]) -> None:
        for name in chrome.SHARED_PARTIALS:
            template = env.get_template(name)
            template.root_render_func = counted(name, template.root_render_func)
        for name, block in chrome.SHARED_BLOCKS:
            template = env.get_template(name)
            template.blocks[block] = counted(block, template.blocks[block])
        real(env, in_nav)

    with monkeypatch.context() as patch:
        patch.setattr(plugin, "share_chrome", lambda env, in_nav: None)
        assert build(project) == 0
    expected = tree_hashes(project / "site")
    forget_finished_pages(project)  # so that every page is drawn again
    monkeypatch.setattr(cores, "core_count", lambda: 1)  # every page drawn in this process
    monkeypatch.setattr(plugin, "share_chrome", counting)
    assert build(project) == 0
    assert tree_hashes(project / "site") == expected
    parts = [name for name in chrome.SHARED_PARTIALS] + [b for _, b in chrome.SHARED_BLOCKS]
    assert sorted(drawn) == sorted(parts)
    for name in parts:
        briefs = [url for url in drawn[name] if url.startswith("briefs/")]
        assert len(briefs) == 1, name  # of 3 brief pages, in one folder
        assert "" in drawn[name] and "authoring/" in drawn[name]  # pages in the nav: their own
