"""Generated pages rendered through the theme by a forked helper and this process at once."""

from __future__ import annotations

import logging
import os
import signal
import time
from pathlib import Path

import mkdocs.commands.build as mkdocs_build
import pytest

from generator.site import cores, renderhelper
from tests.builders import BULLISH, HOSTILE_SEED, build, forget_finished_pages, make_project
from tests.sitecheck import tree_hashes


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path, {"002_bullish.txt": BULLISH, "003_hostile.txt": HOSTILE_SEED})


def single_core_site(project: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    with monkeypatch.context() as patch:
        patch.setattr(cores, "core_count", lambda: 1)
        assert build(project) == 0
    forget_finished_pages(project)  # the next build renders them all again
    return tree_hashes(project / "site")


def split(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Split even the smallest site; the pages this process renders, by source path."""
    monkeypatch.setattr(cores, "THRESHOLD", 0)
    monkeypatch.setattr(cores, "core_count", lambda: 2)
    rendered: list[str] = []
    real = mkdocs_build._build_page

    def counting(page: mkdocs_build.Page, *args: object, **kwargs: object) -> None:
        rendered.append(page.file.src_uri)
        real(page, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(mkdocs_build, "_build_page", counting)
    return rendered


def helper_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process reaches its last page only once the helper has taken all of its own."""
    real_finish = renderhelper.Split.finish

    def finish(self: renderhelper.Split, *args: object) -> None:
        deadline = time.monotonic() + 30
        while renderhelper._FREE in self.taken.get_obj() and time.monotonic() < deadline:
            if self.helper is None or not self.helper.is_alive():
                break  # it stopped taking pages: failed, or warned
            time.sleep(0.01)
        real_finish(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(renderhelper.Split, "finish", finish)


def test_the_helper_renders_half_the_generated_pages_and_the_site_is_the_same(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = single_core_site(project, monkeypatch)
    rendered = split(monkeypatch)
    helper_first(monkeypatch)
    assert build(project) == 0
    assert tree_hashes(project / "site") == expected
    briefs = [uri for uri in rendered if uri.startswith("briefs/")]
    assert len(briefs) == 2  # of 3: the helper wrote one of them
    assert "index.md" in rendered and "authoring.md" in rendered  # hand-written stay here
    assert not isinstance(mkdocs_build._build_page, renderhelper.Split)  # put back after the build


def failing(self: renderhelper.Split, *args: object) -> None:
    raise SystemExit(1)


def stalled(self: renderhelper.Split, *args: object) -> None:
    """Never gets a core (it yields to everything on a busy machine)."""
    time.sleep(600)


def killed_holding_the_lock(self: renderhelper.Split, *args: object) -> None:
    self.taken.get_lock().acquire()
    os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.parametrize("helper", [failing, stalled, killed_holding_the_lock])
def test_a_helper_that_renders_nothing_leaves_its_pages_here_at_once(
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    helper: object,
) -> None:
    """This process renders the pages the helper has not taken, at once: it neither waits
    for the helper (HELPER_GRACE is 600 s here) nor hangs on the lock it died holding."""
    expected = single_core_site(project, monkeypatch)
    rendered = split(monkeypatch)
    monkeypatch.setattr(renderhelper, "HELPER_GRACE", 600.0)
    monkeypatch.setattr(renderhelper.Split, "render", helper)
    assert build(project) == 0
    assert tree_hashes(project / "site") == expected
    assert len([uri for uri in rendered if uri.startswith("briefs/")]) == 3
    if helper is stalled:
        assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_a_warning_in_the_helper_is_logged_by_this_process(
    project: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    rendered = split(monkeypatch)
    helper_first(monkeypatch)
    real = mkdocs_build._build_page  # the counting one

    def warning(page: mkdocs_build.Page, *args: object, **kwargs: object) -> None:
        if page.file.src_uri.startswith("briefs/"):
            logging.getLogger("briefs.test").warning("odd page %s", page.file.src_uri)
        real(page, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(mkdocs_build, "_build_page", warning)
    assert build(project) == 0
    briefs = [uri for uri in rendered if uri.startswith("briefs/")]
    assert len(briefs) == 3  # two here, then the helper's one again, here
    assert sorted(caplog.messages).count("odd page briefs/002_bullish.md") == 1


def test_a_failed_build_stops_the_helper(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    split(monkeypatch)
    real = mkdocs_build._build_page
    helpers: list[renderhelper.Split] = []

    def failing(page: mkdocs_build.Page, *args: object, **kwargs: object) -> None:
        if page.file.src_uri == "authoring.md":
            raise RuntimeError("template broke")
        real(page, *args, **kwargs)  # type: ignore[arg-type]

    real_start = renderhelper.Split.start

    def recording(self: renderhelper.Split, *args: object) -> None:
        helpers.append(self)
        real_start(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(mkdocs_build, "_build_page", failing)
    monkeypatch.setattr(renderhelper.Split, "start", recording)
    with pytest.raises(RuntimeError, match="template broke"):
        build(project)
    assert helpers and helpers[0].helper is None  # stopped and reaped
    assert mkdocs_build._build_page is failing  # and MkDocs' own step put back


def test_a_build_failing_while_it_waits_for_the_helper_stops_the_helper(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The failure comes in `finish`, as Pagefind dying there does: the helper, still at
    work, must not outlive the build and write into the folder the build removes."""
    split(monkeypatch)
    monkeypatch.setattr(renderhelper.Split, "render", stalled)
    splits: list[renderhelper.Split] = []
    processes = []
    real_start, real = renderhelper.Split.start, mkdocs_build._build_page

    def recording(self: renderhelper.Split, *args: object) -> None:
        splits.append(self)
        real_start(self, *args)  # type: ignore[arg-type]
        processes.append(self.helper)

    def failing(page: mkdocs_build.Page, *args: object, **kwargs: object) -> None:
        if splits and page.file in splits[0].delegated:  # the helper's page, taken back
            raise RuntimeError("Pagefind died")
        real(page, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(renderhelper.Split, "start", recording)
    monkeypatch.setattr(mkdocs_build, "_build_page", failing)
    with pytest.raises(RuntimeError, match="Pagefind died"):
        build(project)
    [helper] = processes
    assert helper is not None and not helper.is_alive()
    assert splits[0].helper is None


def test_a_big_site_is_rendered_in_one_process(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rendered = split(monkeypatch)
    monkeypatch.setattr(cores, "MOST", 2)  # fewer generated pages than this site has
    assert build(project) == 0
    assert len([uri for uri in rendered if uri.startswith("briefs/")]) == 3


def test_no_helper_is_forked_for_pages_the_output_cache_holds(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cold build forks the helper; a warm one, whose pages all come from the output
    cache, does not (a fork costs more than linking a few files)."""
    monkeypatch.setattr(cores, "THRESHOLD", 1)
    monkeypatch.setattr(cores, "core_count", lambda: 2)
    forked: list[bool] = []
    real_start = renderhelper.Split.start

    def recording(self: renderhelper.Split, *args: object) -> None:
        real_start(self, *args)  # type: ignore[arg-type]
        forked.append(self.helper is not None)

    monkeypatch.setattr(renderhelper.Split, "start", recording)
    assert build(project) == 0
    assert build(project) == 0
    assert forked == [True, False]


def test_no_pages_are_converted_ahead_when_the_generation_took_them_from_the_last(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cold build converts its pages on every core; one after a seed edit, whose other
    pages are taken from the last generation (converted by the build that made it), lets
    MkDocs convert the few new ones itself instead of forking workers."""
    from generator.site import plugin

    monkeypatch.setattr(cores, "core_count", lambda: 2)
    monkeypatch.setattr(cores, "THRESHOLD", 8)
    pools: list[tuple[int, int, bool]] = []
    real = plugin.convert_ahead

    def recording(pages: list[object], *args: object) -> object:
        ahead = real(pages, *args)  # type: ignore[arg-type]
        pools.append((len(pages), int(args[-1]), ahead is not None))  # type: ignore[call-overload]
        return ahead

    monkeypatch.setattr(plugin, "convert_ahead", recording)
    assert build(project) == 0
    seed = project / "briefs/002_bullish.txt"
    seed.write_bytes(seed.read_bytes().replace(b"\n", b" Edited\n", 1))  # its headline
    assert build(project) == 0
    (cold, cold_known, cold_forked), (edited, known, edited_forked) = pools[:2]
    assert cold >= 8 and cold_known == 0 and cold_forked
    assert edited - known < 8 < edited and not edited_forked
    (project / ".cache/briefs/pages.pickle").unlink()  # the conversions lost: on every core
    seed.write_bytes(seed.read_bytes().replace(b" Edited\n", b" Edited Again\n", 1))
    assert build(project) == 0
    assert pools[-1][1:] == (0, True)
