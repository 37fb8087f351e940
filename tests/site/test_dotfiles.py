"""Dotfiles at the top of site/ (.git, .nojekyll) survive builds, as MkDocs' clean keeps them."""

from __future__ import annotations

import os
from pathlib import Path

from tests.builders import build, make_project, seed
from tests.site.test_atomic import leftovers, start_build
from tests.sitecheck import tree_hashes


def dotfiles(site: Path) -> dict[str, str]:
    """Hashes of every file under the top-level dotfiles of `site`."""
    return {k: v for k, v in tree_hashes(site).items() if k.startswith(".")}


def add_dotfiles(site: Path) -> None:
    (site / ".git/objects/ab").mkdir(parents=True)
    (site / ".git/HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    (site / ".git/objects/ab/cdef").write_bytes(b"\x78\x01blob")
    (site / ".nojekyll").write_bytes(b"")
    (site / ".well-known").mkdir()
    (site / ".well-known/security.txt").write_text("Contact: me\n", encoding="utf-8")
    (site / ".link").symlink_to(".nojekyll")


def test_dotfiles_survive_rebuilds(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"001_a.txt": seed()})
    assert build(project) == 0
    add_dotfiles(project / "site")
    kept = dotfiles(project / "site")
    assert len(kept) == 5  # .link counts as the file it links to
    (project / "briefs/002_b.txt").write_bytes(seed(headline="Another Brief"))
    assert build(project) == 0  # a changed site
    assert (project / "site/briefs/002_b/index.html").is_file()
    assert build(project) == 0  # and an unchanged one
    assert dotfiles(project / "site") == kept
    assert os.readlink(project / "site/.link") == ".nojekyll"
    assert not (project / "site/briefs/.git").exists()  # only the top level is carried
    assert leftovers(project) == []


def test_a_site_dir_of_dotfiles_only_is_built_into(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"001_a.txt": seed()})
    (project / "site").mkdir()
    add_dotfiles(project / "site")
    kept = dotfiles(project / "site")
    assert build(project) == 0
    assert (project / "site/sitemap.xml").is_file()
    assert dotfiles(project / "site") == kept


def test_a_site_dir_with_other_files_is_still_refused(tmp_path: Path) -> None:
    project = make_project(tmp_path, {})
    (project / "site").mkdir()
    add_dotfiles(project / "site")
    (project / "site/notes.txt").write_text("mine\n", encoding="utf-8")
    process = start_build(project)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 2
    assert "site_dir 'site' holds files that no build made" in stderr.decode()
    assert (project / "site/notes.txt").read_text(encoding="utf-8") == "mine\n"


def test_a_failed_build_leaves_the_dotfiles_alone(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"001_a.txt": seed()})
    assert build(project) == 0
    add_dotfiles(project / "site")
    before = tree_hashes(project / "site")
    (project / "briefs/002_bad.txt").write_bytes(seed(label="Bulish"))
    assert build(project) == 1
    assert tree_hashes(project / "site") == before
