"""Finished pages reused by the next build (site/outputcache.py): only when nothing they are
made from changed, and the site always as a build from no cache makes it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.utils.sealed import read_sealed
from tests.builders import build, edit_template, make_project, seed
from tests.sitecheck import tree_hashes

PAGE = "briefs/002_other/index.html"  # a brief the edits below do not touch


def project(target: Path) -> Path:
    seeds = {
        "001_edited.txt": seed(headline="Gold Climbs on Rate Bets", front="date: 2025-06-02"),
        "002_other.txt": seed(headline="Oil Slides on Supply Glut", label="Bearish"),
    }
    return make_project(target, seeds)


def inode(project: Path, page: str) -> int:
    return (project / "site" / page).stat().st_ino


def reused_by_next_build(project: Path, *pages: str) -> list[bool]:
    """Build; whether each page in the new site is the file the last build wrote (a page
    is kept as a hard link to its file, and a reused one is linked in again)."""
    before = [inode(project, page) for page in pages]
    assert build(project) == 0
    return [inode(project, page) == number for page, number in zip(pages, before, strict=True)]


def clean_build(project: Path, scratch: Path) -> dict[str, str]:
    """The site a build of the same sources makes from no cache."""
    clean = scratch / "clean"
    for name in ("briefs", "docs", "templates", "mkdocs.yml"):
        copy = shutil.copytree if (project / name).is_dir() else shutil.copy
        copy(project / name, clean / name)
    assert build(clean) == 0
    return tree_hashes(clean / "site")


def test_a_warm_build_reuses_the_pages_and_makes_the_same_site(tmp_path: Path) -> None:
    site = project(tmp_path / "p")
    assert build(site) == 0
    first = tree_hashes(site / "site")
    assert reused_by_next_build(site, PAGE, "briefs/001_edited/index.html") == [True, True]
    assert reused_by_next_build(site, "index.html") == [False]  # in the nav: rendered
    assert tree_hashes(site / "site") == first
    kept = site / ".cache/briefs/html"
    index = read_sealed(kept / "index.json", "page HTML cache")
    assert index is not None and len(json.loads(index)) == len(list(kept.glob("*/*"))) > 10


def edit_seed(project: Path) -> None:
    """The implications: only that brief's own page shows them (lists and related briefs
    show headlines and TL;DRs)."""
    (project / "briefs/001_edited.txt").write_bytes(
        seed(
            headline="Gold Climbs on Rate Bets",
            front="date: 2025-06-02",
            implications="Miners may follow; watch the dollar.",
        )
    )


def edit_theme(project: Path) -> None:
    block = "{% block extrahead %}"
    edit_template(project, "theme/main.html", block, block + '<meta name="x-edited">')


def edit_settings(project: Path) -> None:
    path = project / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("site_name: Market Briefs", "site_name: Desk Notes"), "utf-8")


EDITS: dict[str, tuple[Callable[[Path], None], bool]] = {
    # what changes -> (how, whether an untouched brief's page is made again)
    "seed": (edit_seed, False),
    "theme": (edit_theme, True),
    "settings": (edit_settings, True),
}


@pytest.mark.parametrize("change", sorted(EDITS))
def test_a_change_makes_again_what_it_touches(tmp_path: Path, change: str) -> None:
    site = project(tmp_path / "p")
    assert build(site) == 0
    edit, everything = EDITS[change]
    edit(site)
    assert reused_by_next_build(site, PAGE, "briefs/001_edited/index.html") == [
        not everything,
        False,  # edited, or made again with the rest
    ]
    assert tree_hashes(site / "site") == clean_build(site, tmp_path)
    html = (site / "site" / PAGE).read_text(encoding="utf-8")
    if change == "theme":
        assert "<meta name=x-edited>" in html
    if change == "settings":
        assert "Desk Notes" in html


@pytest.mark.parametrize("edit", ["Oil", "Oi! Slides"], ids=["shorter", "same_length"])
def test_a_file_changed_in_the_cache_is_made_again(tmp_path: Path, edit: str) -> None:
    """A kept page whose bytes changed (a damaged disk; site/ edited in place, by hand or a
    deploy step) is not reused, even with its length unchanged."""
    site = project(tmp_path / "p")
    assert build(site) == 0
    page = site / "site" / PAGE
    text = page.read_text(encoding="utf-8")
    with page.open("r+", encoding="utf-8") as stream:  # in place: the cache's copy too
        stream.write(text.replace("Oil Slides", edit))
        stream.truncate()
    assert build(site) == 0
    assert "Oil Slides on Supply Glut" in (site / "site" / PAGE).read_text(encoding="utf-8")
    assert tree_hashes(site / "site") == clean_build(site, tmp_path)


def test_a_hook_edit_makes_every_page_again(tmp_path: Path) -> None:
    """A MkDocs hook (`hooks:` in mkdocs.yml) can change any page: its code is in the key.
    Each build runs in its own process, as from the command line: MkDocs imports a hook
    once a process."""
    site = project(tmp_path / "p")
    hook = site / "mark.py"
    hook.write_text(HOOK.format(mark="first"), encoding="utf-8")
    with (site / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("hooks:\n  - mark.py\n")

    def built() -> str:
        command = [sys.executable, "-m", "generator", "build"]
        assert subprocess.run(command, cwd=site, capture_output=True).returncode == 0
        return (site / "site" / PAGE).read_text(encoding="utf-8")

    assert 'x-hook">first<' in built()
    hook.write_text(HOOK.format(mark="second"), encoding="utf-8")
    assert 'x-hook">second<' in built()


HOOK = """def on_post_page(output, page, config):
    return output.replace("</body>", '<p class="x-hook">{mark}</p></body>')
"""
