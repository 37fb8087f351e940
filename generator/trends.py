"""Charts drawn ahead, in a background process, while the build does other work.

Drawing with matplotlib takes a second or more at first (importing it alone ~0.5 s). While
the articles are summarized, a forked process draws every trend chart into the chart store,
and while the pages are rendered another draws the reading-ease histogram, so the pages
find them there. It is only a head start: a chart missing from the store is drawn when its
page is rendered, and what the site shows never depends on it.
"""

from __future__ import annotations

import functools
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from generator.assets import AssetMatcher, brief_assets
from generator.charts import trend_alt, trend_svg, weekly_briefs
from generator.chartstore import stored
from generator.config import BriefsConfig
from generator.model import Brief


@contextmanager
def drawn_ahead(draw: Callable[..., object], *args: Any) -> Iterator[None]:
    """Run `draw(*args)` in a forked process for the length of the block, then wait for it.

    Meant for drawing charts into the chart store on a free core while the block does
    other work; the pages then read them from the store. What the site shows never depends
    on it: a chart missing from the store is drawn when its page is rendered.
    """
    process = multiprocessing.get_context("fork").Process(target=draw, args=args, daemon=True)
    process.start()
    try:
        yield
    finally:
        process.join()


def trend_charts(briefs: Sequence[Brief], config: BriefsConfig) -> None:
    """Draw every trend chart the pages will show into the chart store."""
    for chosen, what in trend_groups(briefs, config):
        data = weekly_briefs(chosen, config.sentiments)
        if data.weeks:
            alt = trend_alt(data, what)
            draw = functools.partial(trend_svg, data, alt)
            stored(config.charts_path, ("trend", data, alt), draw)


def trend_groups(briefs: Sequence[Brief], config: BriefsConfig) -> list[tuple[list[Brief], str]]:
    """The briefs of every trend chart the pages show, and what the chart counts."""
    groups = [(list(briefs), "briefs")]
    for sentiment in config.sentiments:
        chosen = [brief for brief in briefs if brief.sentiment == sentiment]
        groups.append((chosen, f"{sentiment.name} briefs"))
    matcher = AssetMatcher(config.assets)
    members: dict[str, list[Brief]] = {}
    for brief in briefs:
        for ticker in brief_assets(brief, matcher):
            members.setdefault(ticker, []).append(brief)
    groups += [
        (members[a.ticker], f"{a.ticker} briefs") for a in config.assets if a.ticker in members
    ]
    return groups
