"""The Pagefind index: built while MkDocs renders, reused when no page changed."""

from __future__ import annotations

import gzip
import json
import logging
import shutil
from pathlib import Path

import pytest

from generator.site import search
from generator.utils.sealed import read_sealed
from tests.browsing import chromium, serve
from tests.builders import BULLISH, build, make_project, seed
from tests.sitecheck import tree_hashes


def indexed_text(site: Path) -> str:
    return " ".join(
        gzip.decompress(path.read_bytes()).decode()
        for path in sorted((site / "pagefind/fragment").glob("*.pf_fragment"))
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path, {"002_bullish.txt": BULLISH})


def test_unchanged_pages_reuse_the_cached_index(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    assert build(project) == 0
    first = tree_hashes(project / "site/pagefind")
    assert "search index: 1 shard(s) written, 0 copied" in caplog.text
    caplog.clear()
    assert build(project) == 0
    assert "search index: 0 shard(s) written, 1 copied" in caplog.text
    assert tree_hashes(project / "site/pagefind") == first
    shutil.rmtree(project / ".cache/briefs/search")  # safe to delete: the same index again
    assert build(project) == 0
    assert tree_hashes(project / "site/pagefind") == first


def test_an_edited_seed_is_indexed_again(project: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    assert build(project) == 0
    assert "Zanzibar" not in indexed_text(project / "site")
    (project / "briefs/002_bullish.txt").write_bytes(seed(headline="Zanzibar Token Rallies"))
    caplog.clear()
    assert build(project) == 0
    assert "search index: 1 shard(s) written, 0 copied" in caplog.text
    assert "Zanzibar Token Rallies" in indexed_text(project / "site")


def test_unreadable_search_cache_is_rebuilt(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    assert build(project) == 0
    first = tree_hashes(project / "site/pagefind")
    (project / ".cache/briefs/search/manifest.json").write_text("{oops", encoding="utf-8")
    assert build(project) == 0
    assert "ignoring damaged search cache" in caplog.text
    assert tree_hashes(project / "site/pagefind") == first
    assert json.loads(read_sealed(project / ".cache/briefs/search/manifest.json", "search") or b"")


def test_failing_pagefind_is_a_clear_error_and_keeps_the_site(
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert build(project) == 0
    before = tree_hashes(project / "site")
    shutil.rmtree(project / ".cache/briefs/search")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")
    assert build(project) == 1
    assert capsys.readouterr().err == "Pagefind died (exited with status 1); site/ is unchanged\n"
    assert tree_hashes(project / "site") == before


def shard_sizes(site: Path) -> dict[str, int]:
    """Pages in each Pagefind bundle of the site."""
    sizes = {}
    for entry in sorted(site.glob("pagefind*/pagefind-entry.json")):
        languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
        sizes[entry.parent.name] = sum(language["page_count"] for language in languages.values())
    return sizes


def test_a_big_index_comes_in_shards_and_one_edit_rewrites_one_shard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(search, "SHARD_PAGES", 2)
    seeds = {f"00{n}_b.txt": seed(headline=f"Brief Number {n} Moves") for n in range(1, 6)}
    project = make_project(tmp_path, seeds)  # 6 briefs: 6 pages (the guides are not indexed)
    caplog.set_level(logging.INFO)
    assert build(project) == 0
    site = project / "site"
    assert shard_sizes(site) == {"pagefind": 2, "pagefind-1": 2, "pagefind-2": 2}
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'data-bundles="pagefind pagefind-1 pagefind-2"' in home
    assert "search index: 3 shard(s) written, 0 copied" in caplog.text
    first = tree_hashes(site)
    (project / "briefs/003_b.txt").write_bytes(seed(headline="Brief Number 3 Reverses"))
    caplog.clear()
    assert build(project) == 0
    assert "search index: 1 shard(s) written, 2 copied" in caplog.text
    changed = {path for path, digest in tree_hashes(site).items() if first.get(path) != digest}
    [shard] = {path.split("/")[0] for path in changed if path.startswith("pagefind")}
    assert "Brief Number 3 Reverses" in " ".join(
        gzip.decompress(path.read_bytes()).decode()
        for path in (site / shard / "fragment").glob("*.pf_fragment")
    )


def test_the_browser_searches_every_shard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "SHARD_PAGES", 2)
    seeds = {f"00{n}_b.txt": seed(headline=f"Walrus Report Number {n}") for n in range(1, 6)}
    project = make_project(tmp_path, seeds)
    assert build(project) == 0
    assert len(shard_sizes(project / "site")) == 3
    with serve(project / "site") as base, chromium() as browser:
        page = browser.new_page()
        page.goto(base)
        page.keyboard.press("/")
        page.keyboard.type("walrus")
        results = page.locator(".md-search-result__item")
        results.nth(4).wait_for(timeout=10_000)
        titles = sorted(results.all_inner_texts())
        assert [title.splitlines()[0] for title in titles] == [
            f"Walrus Report Number {n}" for n in range(1, 6)
        ]
        page.close()


def test_a_site_with_nothing_to_index_gets_an_empty_index(tmp_path: Path) -> None:
    index = search.SearchIndex(tmp_path / "cache", tmp_path / "site" / "pagefind")
    (tmp_path / "site").mkdir()
    index.write()
    index.finish()
    assert shard_sizes(tmp_path / "site") == {"pagefind": 0}
    assert index.bundles == ["pagefind"]


def test_what_every_brief_repeats_is_left_out_of_the_index(site: Path) -> None:
    page = (site / "briefs/000_9a8fa79c9f871b61/index.html").read_text(encoding="utf-8")
    assert "financial advice" in page and "Flesch reading ease" in page  # shown to readers
    fragments = [
        json.loads(gzip.decompress(path.read_bytes()).decode().removeprefix("pagefind_dcd"))
        for path in (site / "pagefind/fragment").glob("*.pf_fragment")
    ]
    [text] = [f["content"] for f in fragments if f["url"] == "/briefs/000_9a8fa79c9f871b61/"]
    assert "Junyang Lin" in text and "organizational risk" in text  # article, implications
    assert text.count("Junyang Lin, a senior technical lead") == 1  # in the TL;DR too, once
    assert "financial advice" not in text  # the disclaimer
    assert "Flesch reading ease" not in text and "Grade level" not in text  # the table


def test_a_written_summary_is_indexed(tmp_path: Path) -> None:
    front = "date: 2025-06-10\nsummary: Flows turned after a record quarter of inflows."
    project = make_project(tmp_path, {"002_summary.txt": seed(front=front)}, with_example=False)
    assert build(project) == 0
    assert "Flows turned after a record quarter" in indexed_text(project / "site")


def test_an_index_written_over_the_last_one_copies_its_unchanged_shards(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview writes each rebuild's index into the same folder."""
    monkeypatch.setattr(search, "SHARD_PAGES", 2)
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    for first in ("Alpha", "Omega"):
        index = search.SearchIndex(cache, site / "pagefind")
        for n, word in enumerate([first, "Beta", "Gamma", "Delta"]):
            index.add(f"briefs/{n}/", word, f"<p>{word} prices moved</p>", ())
        index.write()
        index.finish()
        assert index.reused == (1 if first == "Omega" else 0)
    assert tree_hashes(site / "pagefind-1") == tree_hashes(cache / "1")
    assert "Omega prices" in indexed_text(site) and "Alpha" not in indexed_text(site)
