"""`serve` starts on the last build's site when it is what the preview will show."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import _load_configs
from generator.site.quickstart import current_site
from tests.builders import build, make_project, seed
from tests.site.test_preview_build import LIVERELOAD
from tests.site.test_serve import STARTUP, Preview, free_port

EARLY = "the last build's pages, until the preview is built"
# A MkDocs hook that holds `serve`'s first rebuild (not `build`) for a minute, so that a
# Ctrl-C sent once it starts lands in it however fast the machine is.
STALL = """import time

serving = False


def on_startup(command, dirty):
    global serving
    serving = command == "serve"


def on_pre_build(config):
    if serving:
        time.sleep(60)
"""


def project_built(tmp_path: Path, seeds: dict[str, bytes] | None = None) -> Path:
    project = make_project(tmp_path, seeds or {"001_one.txt": seed(headline="One Headline")})
    assert build(project) == 0
    return project


def reusable(project: Path) -> Path | None:
    mkdocs_config, config = _load_configs(project / "mkdocs.yml")
    return current_site(mkdocs_config, config)


def test_the_built_site_is_reused_until_anything_it_was_made_from_changes(
    tmp_path: Path,
) -> None:
    project = project_built(tmp_path)
    assert reusable(project) == project / "site"
    assert reusable(project) == project / "site"  # checking changes nothing

    def edited(path: Path, change: Callable[[str], str]) -> Path | None:
        before = path.read_text(encoding="utf-8")
        path.write_text(change(before), encoding="utf-8")
        try:
            return reusable(project)
        finally:
            path.write_text(before, encoding="utf-8")

    seed_file = project / "briefs/001_one.txt"
    assert edited(seed_file, lambda text: text.replace("One Headline", "Two Headline")) is None
    assert edited(project / "docs/authoring.md", lambda text: text + "\nMore.\n") is None
    assert edited(project / "templates/brief.md.j2", lambda text: text + "\n") is None
    assert (
        edited(project / "mkdocs.yml", lambda text: text.replace("feed_items: 20", "feed_items: 9"))
        is None
    )
    assert reusable(project) == project / "site"  # all put back: reusable again

    (project / "briefs/002_new.txt").write_bytes(seed(headline="New Headline"))
    assert reusable(project) is None
    (project / "briefs/002_new.txt").unlink()
    (project / "site/sitemap.xml").unlink()  # not a site a build finished
    assert reusable(project) is None


def test_a_hook_edit_makes_the_built_site_stale(tmp_path: Path) -> None:
    """A MkDocs hook can change every page, so its code is part of what a site is made from."""
    project = make_project(tmp_path, {"001_one.txt": seed(headline="One Headline")})
    hook = project / "mark.py"
    hook.write_text("def on_page_content(html, page, config, files):\n    return html\n")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("hooks:\n  - mark.py\n")
    assert build(project) == 0
    assert reusable(project) == project / "site"
    hook.write_text("def on_page_content(html, page, config, files):\n    return html + 'x'\n")
    assert reusable(project) is None


def test_a_stamp_never_names_a_site_another_build_made(tmp_path: Path) -> None:
    """A build killed between swapping in its site and its cache leaves the new site with
    the last build's stamp: put the inputs back as they were, and that stamp still does
    not match the site in place."""
    project = project_built(tmp_path)
    stamp = project / ".cache/briefs/site.key"
    first = stamp.read_bytes()
    seed_file = project / "briefs/001_one.txt"
    before = seed_file.read_bytes()
    seed_file.write_bytes(seed(headline="Two Headline"))
    assert build(project) == 0
    seed_file.write_bytes(before)  # the inputs of the first build again
    stamp.write_bytes(first)  # as if the second build's cache never replaced the first's
    assert reusable(project) is None
    assert build(project) == 0  # a build of these inputs: reusable again
    assert reusable(project) == project / "site"


def test_a_site_built_without_its_drafts_is_not_reused(tmp_path: Path) -> None:
    draft = seed(headline="Draft Headline", front="draft: true")
    project = project_built(tmp_path, {"001_one.txt": seed(), "002_draft.txt": draft})
    assert not (project / ".cache/briefs/site.key").exists()
    assert reusable(project) is None
    (project / "briefs/002_draft.txt").unlink()
    assert build(project) == 0
    assert reusable(project) == project / "site"


@pytest.mark.parametrize("built", [True, False])
def test_serve_starts_on_the_built_site_then_on_its_own(tmp_path: Path, built: bool) -> None:
    project = make_project(tmp_path, {"001_one.txt": seed(headline="One Headline")})
    if built:
        assert build(project) == 0
    server = Preview(project)
    try:
        html = server.wait_for("briefs/001_one/", "One Headline", STARTUP)
        built_page = project / "site/briefs/001_one/index.html"
        if built:  # the build's own page, with the reload script added
            assert LIVERELOAD.sub("", html) == built_page.read_text(encoding="utf-8")
        server.wait_for_log("INFO    -  preview: ", STARTUP)
        if built:  # the preview's own page, once it serves its folder: the same
            server.wait_for_log("served from now on", STARTUP)
            html = server.wait_for("briefs/001_one/", "One Headline", STARTUP)
            assert LIVERELOAD.sub("", html) == built_page.read_text(encoding="utf-8")
        (project / "briefs/001_one.txt").write_bytes(seed(headline="Two Headline"))
        server.wait_for("briefs/001_one/", "Two Headline", STARTUP)
        log = server.log.read_text(encoding="utf-8")
    finally:
        server.stop()
    assert (EARLY in log) is built
    if built:  # served first, built after
        assert log.index(EARLY) < log.index("Building documentation")
        assert "the preview is built, and served from now on" in log
    else:
        assert "Building documentation" in log and EARLY not in log


def test_ctrl_c_while_the_first_rebuild_runs_stops_in_one_line(tmp_path: Path) -> None:
    """Ctrl-C while the last build's pages are served and the preview builds: no
    traceback, the server and the page workers stop, and the project lock is let go."""
    project = make_project(tmp_path, {"001_one.txt": seed(headline="One Headline")})
    (project / "stall.py").write_text(STALL, encoding="utf-8")  # the rebuild outlasts the test
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("hooks:\n  - stall.py\n")
    assert build(project) == 0
    log = project / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "-a", f"127.0.0.1:{free_port()}"],
            cwd=project,
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as in a terminal
        )
    try:
        deadline = time.monotonic() + STARTUP
        while "Building documentation" not in log.read_text(encoding="utf-8"):
            assert process.poll() is None and time.monotonic() < deadline, log.read_text("utf-8")
            time.sleep(0.01)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
    finally:
        process.kill()
        process.wait()
    text = log.read_text(encoding="utf-8")
    assert EARLY in text and "Traceback" not in text, text
    assert "served from now on" not in text, text  # stopped before the preview was built
    assert text.rstrip().endswith("INFO    -  Shutting down..."), text
    assert build(project) == 0  # the lock was let go: a build runs at once


def test_hidden_files_of_the_built_site_are_not_served(tmp_path: Path) -> None:
    """A build carries dotfiles such as `.git` into site/; served early, site/ shows none."""
    project = project_built(tmp_path)
    (project / "site/.git").mkdir()
    (project / "site/.git/config").write_text("[remote]\n  url = secret\n", encoding="utf-8")
    server = Preview(project)
    try:
        server.wait_for("briefs/001_one/", "One Headline", STARTUP)
        for path in (".git/config", "briefs/../.git/config", "assets/.hidden"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(server.base + path, timeout=5)
            assert refused.value.code == 404, path
        log = server.log.read_text(encoding="utf-8")
    finally:
        server.stop()
    assert EARLY in log
