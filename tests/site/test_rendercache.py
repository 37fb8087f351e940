"""Generated pages converted once per content, ahead on every core: reused, pruned, and
identical either way."""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest
from jinja2 import Environment
from jinja2.runtime import Context
from mkdocs.structure.pages import Page

from generator.site import cores, rendercache
from tests.builders import BULLISH, build, forget_finished_pages, make_project
from tests.sitecheck import tree_hashes

CACHE = ".cache/briefs/pages.pickle"
BRIEF = "briefs/002_bullish.md"  # the page of BULLISH


def stored(project: Path) -> dict[str, tuple[object, ...]]:
    """The render cache's entries: key -> the stored conversion."""
    with (project / CACHE).open("rb") as stream:
        version, entries = pickle.load(stream)
    assert version == rendercache.RENDER_CACHE_VERSION
    return dict(entries)


def counting(monkeypatch: pytest.MonkeyPatch, converted: list[str]) -> None:
    """Record each page this process converts with MkDocs' own `Page.render`."""
    real_render = Page.render

    def counting_render(self: Page, config: object, files: object) -> None:
        converted.append(self.file.src_uri)
        real_render(self, config, files)  # type: ignore[arg-type]

    monkeypatch.setattr(Page, "render", counting_render)


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


def test_a_page_whose_conversion_warns_is_left_to_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    project = make_project(tmp_path / "project", {"002_bullish.txt": BULLISH})
    monkeypatch.setattr(cores, "THRESHOLD", 0)
    monkeypatch.setattr(cores, "core_count", lambda: 2)
    real_render = Page.render
    attempts = tmp_path / "attempts"  # "pid src_uri" per conversion, in every process

    def warning_render(self: Page, config: object, files: object) -> None:
        with attempts.open("a", encoding="utf-8") as record:
            record.write(f"{os.getpid()} {self.file.src_uri}\n")
        logging.getLogger("briefs.test").warning("odd page %s", self.file.src_uri)
        real_render(self, config, files)  # type: ignore[arg-type]

    monkeypatch.setattr(Page, "render", warning_render)
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


def test_the_navigation_drawn_once_per_folder_is_the_one_each_page_would_draw(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.site import plugin

    project = make_project(tmp_path, {"002_bullish.txt": BULLISH})
    drawn: list[str] = []  # the pages the theme's navigation was drawn for
    real = rendercache.share_nav

    def counting(env: Environment, in_nav: set[int]) -> None:
        template = env.get_template("partials/nav.html")
        theirs = template.root_render_func

        def draw(context: Context) -> Iterator[str]:
            drawn.append(context["page"].url if context["page"] else "-")
            return theirs(context)

        template.root_render_func = draw
        real(env, in_nav)

    with monkeypatch.context() as patch:
        patch.setattr(plugin, "share_nav", lambda env, in_nav: None)
        assert build(project) == 0
    expected = tree_hashes(project / "site")
    forget_finished_pages(project)  # so that every page is drawn again
    monkeypatch.setattr(cores, "core_count", lambda: 1)  # every page drawn in this process
    monkeypatch.setattr(plugin, "share_nav", counting)
    assert build(project) == 0
    assert tree_hashes(project / "site") == expected
    assert len([url for url in drawn if url.startswith("briefs/")]) == 1  # of 2 pages
    assert "" in drawn and "authoring/" in drawn  # pages in the nav draw their own
