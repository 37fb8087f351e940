"""Builds that lose nothing: killed, interrupted or failed builds keep the previous site, and
no build touches a file it did not make."""

from __future__ import annotations

import hashlib
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.builders import ROOT, build, make_project, seed
from tests.sitecheck import tree_hashes


def start_build(project: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "generator", "-f", str(project / "mkdocs.yml"), "build"]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def leftovers(project: Path) -> list[str]:
    """Hidden folders a build left; old sites are deleted in the background, so wait a bit."""
    deadline = time.monotonic() + 20
    while True:
        names = sorted(p.name for p in project.iterdir() if p.name.startswith(".site"))
        if not names or time.monotonic() > deadline:
            return names
        time.sleep(0.05)


def project_files(project: Path, settle: bool = True) -> dict[str, str]:
    """Hashes of every file the author owns: all but the built site."""
    if settle:
        leftovers(project)  # let a build's background deletions finish before the walk
    files = {}
    for entry in sorted(project.iterdir()):  # not into .cache/, which a build may still clear
        if entry.name in ("site", ".cache") or entry.name.startswith(".site."):
            continue
        if entry.is_dir():
            files.update({f"{entry.name}/{k}": v for k, v in tree_hashes(entry).items()})
        else:
            files.update({entry.name: hashlib.sha256(entry.read_bytes()).hexdigest()})
    return files


def test_build_killed_while_mkdocs_writes_keeps_the_site(tmp_path: Path) -> None:
    project = make_project(tmp_path, {})
    assert build(project) == 0
    before = tree_hashes(project / "site")
    (project / "briefs/001_new.txt").write_bytes(seed())
    process = start_build(project)
    staging = project / f".site.building-{process.pid}"  # named by its build: never shared
    deadline = time.monotonic() + 60
    while not (staging / "assets").is_dir():  # MkDocs has started writing the new site
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()
    # Killed half-way: while MkDocs writes (on a busy machine the signal may land a little
    # later, after its sitemap, but always before the new site is swapped in).
    assert any(path.is_file() for path in staging.rglob("*"))
    assert tree_hashes(project / "site") == before
    assert build(project) == 0  # the leftover staging folder does not get in the way
    assert (project / "site/briefs/001_new/index.html").is_file()
    assert leftovers(project) == []


def test_failed_or_cut_short_builds_keep_the_site_and_sources(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = make_project(tmp_path, {"001_a.txt": seed()})
    assert build(project) == 0
    before = tree_hashes(project / "site")
    (project / "site").rename(project / ".site.old-1")  # as if killed between the two renames
    (project / "docs/briefs").mkdir()
    (project / "docs/briefs/001_a.md").write_text("# Mine\n", encoding="utf-8")
    sources = project_files(project, settle=False)  # no build ran: .site.old-1 is ours
    assert build(project) == 1  # fails inside MkDocs, after the seeds were checked
    assert (
        "docs/briefs/001_a.md:1: hand-written file has the path of a generated page; "
        "rename or move it (the generator never overwrites it)"
    ) in caplog.messages
    assert tree_hashes(project / "site") == before
    assert project_files(project) == sources
    assert not (project / ".site.old-1").exists()
    (project / "docs/briefs/001_a.md").unlink()
    (project / "site").rename(project / ".site.old-1")
    (project / "briefs/002_new.txt").write_bytes(seed())
    assert build(project) == 0
    assert (project / "site/briefs/002_new/index.html").is_file()
    assert leftovers(project) == []
    del sources["docs/briefs/001_a.md"]
    after = project_files(project)
    assert {k: after[k] for k in sources} == sources  # nothing the author owns was touched
    assert set(after) - set(sources) == {"briefs/002_new.txt"}


def test_site_dir_with_files_no_build_made_is_not_replaced(tmp_path: Path) -> None:
    project = make_project(tmp_path, {})
    (project / "site").mkdir()
    (project / "site/notes.txt").write_text("mine\n", encoding="utf-8")
    process = start_build(project)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 2
    assert stderr.decode().splitlines()[-2:] == [
        "mkdocs.yml:1: site_dir 'site' holds files that no build made (no sitemap.xml); "
        "the generator only replaces a folder it built: move them or set another site_dir",
        "1 problem in 1 file",
    ]
    assert (project / "site/notes.txt").read_text(encoding="utf-8") == "mine\n"
    assert [p.name for p in (project / "site").iterdir()] == ["notes.txt"]
