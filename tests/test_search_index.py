"""The Pagefind index: built while MkDocs renders, reused when no page changed."""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import shutil
from pathlib import Path

import pytest

from tests.builders import BULLISH, build, make_project, seed


def tree(path: Path) -> dict[str, str]:
    """Hash of every file under `path`, by relative path."""
    return {
        p.relative_to(path).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(path.rglob("*"))
        if p.is_file()
    }


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
    first = tree(project / "site/pagefind")
    assert "search index written" in caplog.text
    caplog.clear()
    assert build(project) == 0
    assert "search index copied from the cache" in caplog.text
    assert tree(project / "site/pagefind") == first
    shutil.rmtree(project / ".cache/briefs/search")  # safe to delete: the same index again
    assert build(project) == 0
    assert tree(project / "site/pagefind") == first


def test_an_edited_seed_is_indexed_again(project: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    assert build(project) == 0
    assert "Zanzibar" not in indexed_text(project / "site")
    (project / "briefs/002_bullish.txt").write_bytes(seed(headline="Zanzibar Token Rallies"))
    caplog.clear()
    assert build(project) == 0
    assert "search index written" in caplog.text
    assert "Zanzibar Token Rallies" in indexed_text(project / "site")


def test_unreadable_search_cache_is_rebuilt(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    assert build(project) == 0
    first = tree(project / "site/pagefind")
    (project / ".cache/briefs/search/manifest.json").write_text("{oops", encoding="utf-8")
    assert build(project) == 0
    assert "ignoring unreadable search cache" in caplog.text
    assert tree(project / "site/pagefind") == first
    assert json.loads((project / ".cache/briefs/search/manifest.json").read_text("utf-8"))


def test_failing_pagefind_is_a_clear_error_and_keeps_the_site(
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert build(project) == 0
    before = tree(project / "site")
    shutil.rmtree(project / ".cache/briefs/search")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")
    assert build(project) == 1
    assert "search indexing with Pagefind failed: Pagefind exited with status 1" in caplog.text
    assert "Traceback" not in capsys.readouterr().err
    assert tree(project / "site") == before
