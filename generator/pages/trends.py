"""Charts drawn ahead, in a background process, while the build does other work.

Drawing with matplotlib takes a second or more at first (importing it alone ~0.5 s). While
the articles are summarized, a forked process draws the site's and each sentiment's trend
chart into the chart store; once the articles are read, the same process (matplotlib
already loaded) draws each asset's chart and the reading-ease histogram, while the feeds and
pages are made. The pages then find them in the store. It is only a head start: a chart
missing from the store is drawn when its page is rendered, and what the site shows never
depends on it. So a drawer that dies (or fails to write, or outlasts DRAWER_SECONDS) only
costs time: it is stopped and the pages draw what it lacks.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from generator.config import BriefsConfig
from generator.enrich.assets import AssetGroup
from generator.pages.charts import Weekly, trend_alt, trend_svg, weekly_briefs
from generator.pages.chartstore import stored
from generator.seeds.model import Brief, Sentiment
from generator.utils.children import become, exit_reason, stop
from generator.utils.forks import frozen

log = logging.getLogger(__name__)

# Beside summarizing workers, the drawer yields to them: it draws on whatever core time they
# leave (while the summarizer loads, while the pages render), not at their expense. Without
# them it draws at the build's own priority: the build soon waits for it, and a drawer that
# yields to everything else on a busy machine would keep it waiting.
DRAWER_NICENESS = 19
# The longest the build waits for the drawer once it needs the charts; then it draws them.
DRAWER_SECONDS = 60.0


class Drawer:
    """A forked process drawing charts into the store: `draw` queues more."""

    def __init__(self, yielding: bool, draw: Callable[..., object], *args: Any) -> None:
        context = multiprocessing.get_context("fork")
        receiver, self._sender = context.Pipe(duplex=False)
        niceness = DRAWER_NICENESS if yielding else 0
        self._process = context.Process(
            target=_draw_all, args=(receiver, self._sender, niceness, draw, args), daemon=True
        )
        with frozen():
            self._process.start()
        receiver.close()

    def draw(self, draw: Callable[..., object], *args: Any) -> None:
        """Draw this too, after what was queued before (its arguments are pickled)."""
        with contextlib.suppress(OSError):  # the drawer is gone: the pages draw it
            self._sender.send((draw, args))

    def close(self) -> None:
        """Wait (bounded) until everything queued is drawn."""
        self._sender.close()
        self._process.join(DRAWER_SECONDS)
        code = self._process.exitcode
        if code is None or code < 0:
            reason = "took too long" if code is None else f"died ({exit_reason(code)})"
            log.warning("the chart drawer %s; the pages draw its charts", reason)
        stop([self._process])

    def stop(self) -> None:
        """The build failed or was interrupted: stop drawing now."""
        self._sender.close()
        stop([self._process])


def _draw_all(
    jobs: Connection,
    ours: Connection,
    niceness: int,
    draw: Callable[..., object],
    args: tuple[Any, ...],
) -> None:
    become("briefs-charts")
    ours.close()  # the parent's end: with it closed here, the parent's close() ends the loop
    os.nice(niceness)
    try:
        draw(*args)
        while True:
            try:
                draw, args = jobs.recv()
            except EOFError:
                return
            draw(*args)
    except OSError:  # a full disk, say: the pages draw the rest, and report it if it lasts
        return


class NoDrawer:
    """A drawer that draws nothing ahead: the pages draw what the store lacks."""

    def draw(self, draw: Callable[..., object], *args: Any) -> None:
        pass


@contextmanager
def drawn_ahead(
    yielding: bool, draw: Callable[..., object], *args: Any, ahead: bool = True
) -> Iterator[Drawer | NoDrawer]:
    """Run `draw(*args)` in a forked process, and what `Drawer.draw` adds, until the block
    ends; then wait for it. A `yielding` drawer runs at the lowest priority. Without
    `ahead`, nothing is drawn ahead.

    Meant for drawing charts into the chart store on a free core while the block does
    other work; the pages then read them from the store. What the site shows never depends
    on it: a chart missing from the store is drawn when its page is rendered.
    """
    if not ahead:
        yield NoDrawer()
        return
    drawer = Drawer(yielding, draw, *args)
    try:
        yield drawer
    except BaseException:
        drawer.stop()
        raise
    drawer.close()


def trend_charts(briefs: Sequence[Brief], config: BriefsConfig) -> None:
    """Draw the site's and each sentiment's trend chart into the chart store."""
    groups = [(list(briefs), "briefs")]
    for sentiment in config.sentiments:
        chosen = [brief for brief in briefs if brief.sentiment == sentiment]
        groups.append((chosen, f"{sentiment.name} briefs"))
    draw_trends(
        [(weekly_briefs(chosen, config.sentiments), what) for chosen, what in groups],
        config.charts_path,
    )


def asset_trends(
    groups: Sequence[AssetGroup], sentiments: Sequence[Sentiment]
) -> list[tuple[Weekly, str]]:
    """The figures of each asset page's chart: the briefs about that asset, per week."""
    return [
        (
            weekly_briefs([item.brief for item in group.items], sentiments),
            f"{group.asset.ticker} briefs",
        )
        for group in groups
    ]


def draw_trends(charts: Sequence[tuple[Weekly, str]], store: Path) -> None:
    """Draw these trend charts into the chart store, as their pages will ask for them."""
    for data, what in charts:
        if data.weeks:
            alt = trend_alt(data, what)
            stored(store, ("trend", data, alt), functools.partial(trend_svg, data, alt))
