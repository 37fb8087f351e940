"""The preview renders the list pages a save shifted after the reload: on request first,
the others in the background; never a stale page, and each as a fresh preview makes it."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from generator.pages import charts
from generator.pages.render import Rendered, Renderer
from generator.site.internals import theme_template_replaced
from generator.site.later import RECENT, Later
from generator.site.quickstart import page_path
from tests.site.test_preview_files import (
    brief,
    own_plugins,
    pages,
    rebuild,
    three_briefs_previewed,
)

__all__ = ["own_plugins"]  # the fixture, used here too

Jobs = list[tuple[str, Callable[[], None]]]


def test_pages_left_for_later_are_never_stale_and_come_out_as_a_fresh_preview_makes_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, site, live = three_briefs_previewed(tmp_path)
    live.later.serving = True  # as `serve` sets it: a server renders pages on request
    held: list[Jobs] = []
    start = live.later.start
    monkeypatch.setattr(live.later, "start", lambda jobs: held.append(list(jobs)))
    open_page = "daily/2025-06-02/index.html"
    live.later.request(open_page)  # sent lately: rendered with the rebuild

    listed: list[str] = []  # list pages rendered (their Markdown, from listing.md.j2)
    render = Renderer._render

    def counted(self: Renderer, template: str, meta: Any, context: Any) -> Rendered:
        listed.extend([meta["title"]] if template == "listing.md.j2" else [])
        return render(self, template, meta, context)

    monkeypatch.setattr(Renderer, "_render", counted)
    drawn: list[str] = []  # the charts drawn, by alt text
    draw = charts.trend_svg
    monkeypatch.setattr(charts, "trend_svg", lambda data, alt: drawn.append(alt) or draw(data, alt))
    (project / "briefs" / "002_s2.txt").write_bytes(brief(2, label="Bearish"))
    with theme_template_replaced(live.deferral.theme_template):  # as `serve` rebuilds
        rebuild(project, site)
    live.stop_search()
    assert listed == []  # not even their Markdown: rendered when first read
    assert drawn and not [alt for alt in drawn if "of Bearish briefs" in alt]  # nor its chart
    later = [dest for dest, _ in held[-1]]
    assert {"sentiment/bearish/index.html", "sentiment/bullish/index.html"} <= set(later)
    assert not any(dest.startswith("briefs/") for dest in later)  # in the search index
    assert "index.html" not in later  # in the navigation
    assert not any((site / dest).exists() for dest in later)  # the old output is gone
    assert "sitemap.xml" in later and not (site / "sitemap.xml.gz").exists()
    assert open_page not in later and "Bearish" in (site / open_page).read_text("utf-8")

    # The next save comes before any was rendered: it renders them, now or later, too.
    (project / "briefs" / "004_s4.txt").write_bytes(brief(4))
    with theme_template_replaced(live.deferral.theme_template):
        rebuild(project, site)
    live.stop_search()
    assert set(later) <= {dest for dest, _ in held[-1]} | set(pages(site))
    start(held[-1])
    assert live.later.wait(60) and live.later.failed is None
    assert "Bearish briefs" in listed and [alt for alt in drawn if "of Bearish briefs" in alt]

    fresh = tmp_path / "fresh"  # last: a new preview takes over the plugin in this process
    rebuild(project, fresh, startup=True)
    shown, made = pages(site), pages(fresh)
    assert shown.keys() == made.keys()
    assert [path for path in made if shown[path] != made[path]] == []
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        assert (site / name).read_bytes() == (fresh / name).read_bytes(), name


class Recorder:
    """Jobs that record their names in `done`; the first says it `began`, then waits for
    `gate` (when one is given)."""

    def __init__(self, names: Iterable[str], gate: threading.Event | None = None) -> None:
        self.done: list[str] = []
        self.began = threading.Event()
        self.gate = gate
        self.jobs: Jobs = [(name, self._job(name)) for name in names]

    def _job(self, name: str) -> Callable[[], None]:
        def run() -> None:
            if not self.done:
                self.began.set()
                if self.gate is not None:
                    assert self.gate.wait(10)
            self.done.append(name)

        return run


def test_a_requested_page_is_rendered_next_and_the_request_waits_for_it() -> None:
    later, gate = Later(), threading.Event()
    record = Recorder([f"p{n}.html" for n in range(6)], gate)
    later.start(record.jobs)
    assert record.began.wait(10)  # p0 is being rendered
    asker = threading.Thread(target=later.request, args=("p4.html",))
    asker.start()
    while not later.recent("p4.html"):  # the request is in: p4 is wanted next
        time.sleep(0.005)
    gate.set()
    asker.join(10)
    assert not asker.is_alive() and "p4.html" in record.done
    assert later.wait(10)
    assert record.done == ["p0.html", "p4.html", "p1.html", "p2.html", "p3.html", "p5.html"]
    assert later.recent("p4.html") and not later.recent("p1.html")


def test_stop_finishes_the_page_being_rendered_drops_the_rest_and_frees_waiting_requests() -> None:
    later, gate = Later(), threading.Event()
    record = Recorder(["a.html", "b.html", "c.html"], gate)
    later.start(record.jobs)
    assert record.began.wait(10)
    asker = threading.Thread(target=later.request, args=("c.html",))
    asker.start()
    threading.Timer(0.2, gate.set).start()  # a.html ends while `stop` waits for it
    later.stop()
    asker.join(10)
    assert not asker.is_alive()
    assert record.done == ["a.html"] and later.pending == 0


def test_a_page_that_fails_is_logged_and_the_others_are_still_rendered(
    caplog: pytest.LogCaptureFixture,
) -> None:
    later = Later()
    record = Recorder(["a.html", "c.html"])
    jobs = record.jobs

    def broken() -> None:
        raise ValueError("no such template")

    later.start([jobs[0], ("b.html", broken), jobs[1]])
    with caplog.at_level(logging.ERROR):
        assert later.wait(10)
    assert record.done == ["a.html", "c.html"] and isinstance(later.failed, ValueError)
    assert "preview: b.html could not be rendered: no such template; the next save" in caplog.text


def test_only_the_pages_sent_lately_count_as_open() -> None:
    later = Later()
    for n in range(RECENT + 2):
        later.request(f"p{n}.html")
    assert not later.recent("p0.html") and not later.recent("p1.html")
    assert all(later.recent(f"p{n}.html") for n in range(2, RECENT + 2))
    later.request("p2.html")  # sent again: the newest
    later.request("new.html")
    assert later.recent("p2.html") and not later.recent("p3.html")


@pytest.mark.parametrize(
    ("path", "dest"),
    [
        ("/market-briefs/", "index.html"),
        ("/market-briefs/sentiment/bearish/", "sentiment/bearish/index.html"),
        ("/market-briefs/404.html", "404.html"),
        ("/market-briefs/sitemap.xml.gz", "sitemap.xml"),  # written with it
        ("/market-briefs/briefs/../sentiment/", "sentiment/index.html"),
        ("/market-briefs/assets/briefs.css", None),
        ("/market-briefs/sentiment/bearish", None),  # MkDocs redirects it to the folder
        ("/livereload/1/2", None),
        ("/other/", None),
        ("/market-briefs/caf\xc3\xa9/", "café/index.html"),  # WSGI's latin-1 for UTF-8
    ],
)
def test_a_request_names_the_page_file_the_server_sends(path: str, dest: str | None) -> None:
    assert page_path("/market-briefs/", path) == dest
