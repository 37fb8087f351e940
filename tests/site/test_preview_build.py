"""What the preview shows after an edit is what a fresh `build` publishes."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.builders import make_project, seed
from tests.site.test_serve import CHANGE, STARTUP, Preview, fetch

PUBLISHED = "https://example.github.io/market-briefs/"  # site_url in mkdocs.yml
# What serve adds to every page it sends: its reload script.
LIVERELOAD = re.compile(
    r"<script>\s*var livereload = function\(.*?livereload\(\d+, \d+\);\s*</script>", re.S
)


def rebuilds(server: Preview) -> int:
    return server.log.read_text(encoding="utf-8").count("INFO    -  preview: ")


def wait_rebuilt(server: Preview, before: int) -> None:
    deadline = time.monotonic() + CHANGE
    while rebuilds(server) <= before:
        assert time.monotonic() < deadline, server.log.read_text(encoding="utf-8")
        time.sleep(0.1)
    time.sleep(0.2)  # the reload follows the log line


def published(project: Path) -> None:
    command = [sys.executable, "-m", "generator", "-f", str(project / "mkdocs.yml"), "build"]
    subprocess.run(command, check=True, capture_output=True)


def assert_same(server: Preview, project: Path, pages: list[str]) -> None:
    """The preview's HTML of each page, livereload aside, is the built one's."""
    published(project)
    for path in pages:
        shown = LIVERELOAD.sub("", fetch(server.base + path)).replace(server.base, PUBLISHED)
        built = (project / "site" / path / "index.html").read_text(encoding="utf-8")
        assert shown == built, path


@pytest.fixture
def project(tmp_path: Path) -> Iterator[tuple[Preview, Path]]:
    folder = make_project(
        tmp_path,
        {
            "001_alpha.txt": seed(headline="Alpha Headline", front="date: 2025-06-02"),
            "002_beta.txt": seed(headline="Beta Headline", front="date: 2025-06-01"),
        },
    )
    server = Preview(folder)
    try:
        yield server, folder
    finally:
        server.stop()


def test_preview_shows_what_build_publishes_after_each_kind_of_edit(
    project: tuple[Preview, Path],
) -> None:
    server, folder = project
    briefs = folder / "briefs"
    server.wait_for("briefs/001_alpha/", "Alpha Headline", STARTUP)

    before = rebuilds(server)  # an article
    (briefs / "001_alpha.txt").write_bytes(
        seed(
            headline="Alpha Headline",
            front="date: 2025-06-02",
            article="Prices rose. Funds bought.",
        )
    )
    wait_rebuilt(server, before)
    assert "Funds bought." in fetch(server.base + "briefs/001_alpha/")
    # the list pages it changed are rendered after the reload (later.py): on request here
    assert re.search(
        r"preview: \d+ generated file\(s\) made again, \d+ after the reload",
        server.log.read_text("utf-8"),
    )
    assert_same(server, folder, ["briefs/001_alpha/", "sentiment/bullish/", "tags/bitcoin/", ""])

    before = rebuilds(server)  # a label: the brief moves between sentiment pages
    (briefs / "001_alpha.txt").write_bytes(
        seed(headline="Alpha Headline", front="date: 2025-06-02", label="Bearish")
    )
    wait_rebuilt(server, before)
    assert "Alpha Headline" in fetch(server.base + "sentiment/bearish/")
    assert_same(
        server, folder, ["briefs/001_alpha/", "sentiment/bearish/", "sentiment/bullish/", ""]
    )

    before = rebuilds(server)  # a new seed: the home page and the lists change
    (briefs / "003_gamma.txt").write_bytes(
        seed(headline="Gamma Headline", front="date: 2025-06-03", label="Neutral")
    )
    wait_rebuilt(server, before)
    assert "Gamma Headline" in fetch(server.base)
    assert_same(server, folder, ["briefs/003_gamma/", "sentiment/neutral/", ""])
    built = (folder / "site/sitemap.xml").read_text(encoding="utf-8")  # written after the reload
    assert "003_gamma" in built and fetch(server.base + "sitemap.xml") == built
    assert server.process.poll() is None


def test_the_preview_starts_from_the_pages_the_last_build_made(tmp_path: Path) -> None:
    """After `build`, the preview's first rebuild links the pages the build made instead of
    rendering them; a save writes a new file, and the build's copy stays as it was."""
    folder = make_project(
        tmp_path,
        {
            "001_alpha.txt": seed(headline="Alpha Headline", front="date: 2025-06-02"),
            "002_beta.txt": seed(headline="Beta Headline", front="date: 2025-06-01"),
        },
    )
    published(folder)
    kept = {p: p.read_bytes() for p in (folder / ".cache/briefs/html").rglob("*") if p.is_file()}
    assert len(kept) > 2
    server = Preview(folder)
    try:
        server.wait_for("briefs/001_alpha/", "Alpha Headline", STARTUP)
        server.wait_for_log("INFO    -  preview: ", STARTUP)  # the build's site served till then
        log = server.log.read_text(encoding="utf-8")
        assert "the last build's generation taken whole" in log
        assert re.search(r"preview: \d+ generated file\(s\) made again, \d+ taken", log)
        built = (folder / "site/briefs/001_alpha/index.html").read_text(encoding="utf-8")
        assert LIVERELOAD.sub("", fetch(server.base + "briefs/001_alpha/")) == built
        before = rebuilds(server)
        (folder / "briefs/001_alpha.txt").write_bytes(
            seed(headline="Alpha Headline", front="date: 2025-06-02", article="Funds sold.")
        )
        wait_rebuilt(server, before)
        assert "Funds sold." in fetch(server.base + "briefs/001_alpha/")
        assert {p: p.read_bytes() for p in kept} == kept
        assert_same(server, folder, ["briefs/001_alpha/", "briefs/002_beta/", ""])
    finally:
        server.stop()


def test_a_draft_the_build_left_out_is_in_the_preview_from_the_start(tmp_path: Path) -> None:
    """The last build's generation is the preview's only when no seed is a draft."""
    folder = make_project(
        tmp_path,
        {
            "001_alpha.txt": seed(headline="Alpha Headline", front="date: 2025-06-02"),
            "002_draft.txt": seed(headline="Draft Headline", front="date: 2025-06-03\ndraft: true"),
        },
    )
    published(folder)
    assert "Draft Headline" not in (folder / "site/index.html").read_text(encoding="utf-8")
    server = Preview(folder)
    try:
        server.wait_for("", "Draft Headline", STARTUP)
        assert "generation taken whole" not in server.log.read_text(encoding="utf-8")
    finally:
        server.stop()
