"""The preview's rebuilds keep the last rebuild's file and page for each unchanged page, and
still write what a fresh preview build writes, even when every page must be rendered again
(a new seed adds a search bundle, which every page names)."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.config_options import Plugins
from mkdocs.config.defaults import MkDocsConfig

import generator.site.linkmemory as linkmemory
import generator.site.search as search_module
from generator.pages.related import related_briefs
from generator.site.plugin import BriefsPlugin
from generator.site.preview import Preview
from generator.site.previewfile import PreviewFile
from generator.site.rendercache import CachedPage
from tests.builders import ROOT, make_project, seed

SERVED = "http://127.0.0.1:8000/market-briefs/"


@pytest.fixture(autouse=True)
def own_plugins() -> Iterator[None]:
    """MkDocs keeps one instance of each plugin per process (the one a `serve` rebuilds
    with): these tests' instances, serving, are dropped after them, and before."""
    cache = cast(Plugins, MkDocsConfig.plugins).plugin_cache
    cache.clear()
    yield
    for plugin in cache.values():
        if isinstance(plugin, BriefsPlugin):
            plugin.on_shutdown()
    cache.clear()


def rebuild(project: Path, site: Path, startup: bool = False) -> MkDocsConfig:
    """One dirty rebuild, as `serve` runs it; `startup` for a new preview."""
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    config.site_url = SERVED
    if startup:
        config.plugins.on_startup(command="serve", dirty=True)
    build(config, serve_url=SERVED, dirty=True)
    return config


def fresh_preview(project: Path, site: Path) -> None:
    """A new preview's first rebuild, in a process of its own: MkDocs keeps one instance of
    each plugin per process, and a new preview would take over the one under test."""
    code = "import sys; from pathlib import Path; from tests.site.test_preview_files import "
    code += "rebuild; rebuild(Path(sys.argv[1]), Path(sys.argv[2]), startup=True)"
    subprocess.run([sys.executable, "-c", code, project, site], cwd=ROOT, check=True)


def pages(site: Path) -> dict[str, str]:
    return {
        str(path.relative_to(site)): path.read_text(encoding="utf-8")
        for path in sorted(site.rglob("*.html"))
    }


def brief(number: int, **changes: str) -> bytes:
    return seed(headline=f"Headline {number}", front=f"date: 2025-06-0{number}", **changes)


def three_briefs_previewed(tmp_path: Path) -> tuple[Path, Path, Preview]:
    """A project of three briefs, its preview's folder, and the preview, started."""
    project = make_project(tmp_path / "project", {f"00{n}_s{n}.txt": brief(n) for n in (1, 2, 3)})
    site = tmp_path / "preview"
    config = rebuild(project, site, startup=True)
    plugin = config.plugins["briefs"]
    assert isinstance(plugin, BriefsPlugin) and plugin.live is not None
    return project, site, plugin.live


def test_unchanged_pages_keep_their_files_and_every_page_is_written_as_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, site, live = three_briefs_previewed(tmp_path)
    indexed = sum(document is not None for document in live.documents.values())
    monkeypatch.setattr(search_module, "SHARD_PAGES", indexed)  # one more page: two bundles

    def preview_files() -> dict[str, PreviewFile]:
        return dict(live._files)

    before = preview_files()
    (project / "briefs" / "001_s1.txt").write_bytes(brief(1, article="Prices rose. Funds bought."))
    rebuild(project, site)
    live.stop_search()
    after = preview_files()
    kept = [src for src, file in after.items() if before.get(src) is file]
    assert "briefs/001_s1.md" in after and "briefs/001_s1.md" not in kept
    assert "sentiment/neutral.md" in kept  # no neutral brief was edited
    generated = [(src, f) for src, f in after.items() if isinstance(f.page, CachedPage)]
    assert {"briefs/001_s1.md", "sentiment/neutral.md"} <= {src for src, _ in generated}
    for src, file in generated:  # every page as MkDocs makes a page, its HTML let go
        page = vars(file.page)
        assert page["markdown"] is page["content"] is None and page["meta"] == {}, src
        assert not {"present_anchor_ids", "links_to_anchors"} & set(page), src

    (project / "briefs" / "009_new.txt").write_bytes(brief(9))
    rebuild(project, site)
    live.stop_search()
    kept_again = [src for src, file in preview_files().items() if after.get(src) is file]
    assert kept_again  # pages kept, though all are rendered again for the new bundle

    fresh = tmp_path / "fresh"  # in this process, with as many pages a bundle (last step)
    rebuild(project, fresh, startup=True)
    shown, made = pages(site), pages(fresh)
    assert shown.keys() == made.keys()
    assert all(shown[path] == made[path] for path in made), [
        path for path in made if shown[path] != made[path]
    ]
    assert all("pagefind-1" in html for path, html in shown.items() if path != "404.html")


def ranking_later(tmp_path: Path) -> tuple[Path, Path, Preview, threading.Event]:
    """A three-brief project previewed, whose plugin's requests for a rebuild set the event
    (`LATER_FROM` patched by the caller)."""
    project = make_project(tmp_path / "project", {f"00{n}_s{n}.txt": brief(n) for n in (1, 2, 3)})
    site = tmp_path / "preview"
    config = rebuild(project, site, startup=True)
    plugin = config.plugins["briefs"]
    assert isinstance(plugin, BriefsPlugin) and plugin.live is not None
    woken = threading.Event()
    plugin.live.wake = woken.set
    return project, site, plugin.live, woken


def test_briefs_added_or_removed_are_ranked_after_the_reload_then_shown_as_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(linkmemory, "LATER_FROM", 1)  # as at 3,000 briefs and more
    monkeypatch.setattr(linkmemory, "START_DELAY", 0.0)
    project, site, live, woken = ranking_later(tmp_path)

    def settled(step: str) -> bool:
        """The rebuild after the save did not wait for the ranking, which follows in the
        background; once it is made, the preview shows what a fresh build shows, after the
        rebuild it asks for when it changes a page (as the server would run it), or at once.
        Whether it asked."""
        job = live.memory.links.later
        assert job is not None, step
        deadline = time.monotonic() + 30
        while job.result is None:
            assert time.monotonic() < deadline and not job.failed, step
            time.sleep(0.05)
        woke = woken.is_set()
        if woke:
            woken.clear()
            rebuild(project, site)
        fresh = tmp_path / f"fresh-{step}"
        fresh_preview(project, fresh)
        shown, made = pages(site), pages(fresh)
        assert shown.keys() == made.keys(), step
        assert [path for path in made if shown[path] != made[path]] == [], step
        rebuild(project, site)  # takes the ranking, if it did not ask for a rebuild
        assert live.memory.links.later is None and not woken.is_set(), step
        assert pages(site) == shown, step
        return woke

    (project / "briefs" / "009_new.txt").write_bytes(brief(9))
    rebuild(project, site)
    new_page = (site / "briefs" / "009_new" / "index.html").read_text(encoding="utf-8")
    assert settled("added")
    assert new_page != pages(site)["briefs/009_new/index.html"]  # its related briefs came later

    (project / "briefs" / "002_s2.txt").unlink()
    rebuild(project, site)
    settled("removed")

    monkeypatch.setattr(linkmemory, "START_DELAY", 60.0)  # the ranking is still to come
    (project / "briefs" / "010_newer.txt").write_bytes(brief(8))
    rebuild(project, site)
    waiting = live.memory.links.later
    assert waiting is not None and waiting.result is None
    monkeypatch.setattr(linkmemory, "START_DELAY", 0.0)
    (project / "briefs" / "001_s1.txt").write_bytes(brief(1, label="Bearish"))  # a save comes
    rebuild(project, site)
    assert waiting.stopped and waiting.result is None  # it gave way to the save's rebuild
    assert live.memory.links.later not in (None, waiting)  # which left a new one
    settled("saved meanwhile")


def test_a_background_ranking_that_fails_has_the_next_rebuild_rank_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(linkmemory, "LATER_FROM", 1)
    monkeypatch.setattr(linkmemory, "START_DELAY", 0.0)
    real = related_briefs

    def failing(*args: Any, **kwargs: Any) -> Any:
        if threading.current_thread().name == "preview-ranking":
            raise MemoryError("no room")
        return real(*args, **kwargs)

    monkeypatch.setattr(linkmemory, "related_briefs", failing)
    project, site, live, woken = ranking_later(tmp_path)
    (project / "briefs" / "009_new.txt").write_bytes(brief(9))
    rebuild(project, site)
    job = live.memory.links.later
    assert job is not None and woken.wait(30)  # it failed, and asked for a rebuild
    assert job.failed and job.result is None
    rebuild(project, site)  # which ranks them before its reload
    fresh = tmp_path / "fresh"
    fresh_preview(project, fresh)
    assert pages(site) == pages(fresh)
