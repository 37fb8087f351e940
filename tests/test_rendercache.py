"""Generated pages converted once per content: reused, pruned, and identical either way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.structure.pages import Page

from generator import rendercache
from tests.builders import BULLISH, build, make_project, seed
from tests.sitecheck import tree_hashes


def test_cached_conversions_give_the_same_site_and_stale_ones_are_pruned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path, {"002_bullish.txt": BULLISH})
    cache = project / ".cache/briefs/pages"
    assert build(project) == 0
    first = tree_hashes(project / "site")
    entries = set(tree_hashes(cache))
    assert entries  # every generated page not in the nav was stored
    converted: list[str] = []
    real_render = Page.render

    def counting_render(self: Page, config: object, files: object) -> None:
        converted.append(self.file.src_uri)
        real_render(self, config, files)  # type: ignore[arg-type]

    with monkeypatch.context() as patch:
        patch.setattr(Page, "render", counting_render)
        assert build(project) == 0
    assert not any(uri.startswith("briefs/") for uri in converted)  # all from the cache
    assert tree_hashes(project / "site") == first
    shutil.rmtree(cache)
    assert build(project) == 0
    assert tree_hashes(project / "site") == first
    (project / "briefs/002_bullish.txt").write_bytes(seed(headline="Another Headline"))
    assert build(project) == 0
    assert set(tree_hashes(cache)) != entries  # the old page's entry went, the new one came


def test_pages_with_markdown_links_are_not_cached() -> None:
    assert rendercache._links_out("See [the guide](../authoring.md).")
    assert rendercache._links_out("[guide]: ../authoring.md")
    assert not rendercache._links_out("<!-- briefs:html 0 -->\n\n## TL;DR\n")


def test_hand_written_pages_are_converted_by_mkdocs(site: Path) -> None:
    project = site.parent
    stored = [
        p.read_text(encoding="utf-8") for p in (project / ".cache/briefs/pages").rglob("*.json")
    ]
    assert stored and not any("Authoring briefs" in entry for entry in stored)
