"""The trend charts a site shows, drawn ahead in a background process.

Drawing with matplotlib takes a second or more at first (importing it alone ~0.5 s). While
the articles are summarized, a forked process draws every trend chart into the chart store,
so the pages find them there. It is only a head start: a chart it did not draw is drawn
when its page is rendered, and what the site shows never depends on it.
"""

from __future__ import annotations

import functools
import multiprocessing
from collections.abc import Sequence
from multiprocessing.process import BaseProcess

from generator.assets import AssetMatcher, brief_assets
from generator.charts import stored, trend_alt, trend_svg, weekly_briefs
from generator.config import BriefsConfig
from generator.model import Brief


def draw_ahead(briefs: Sequence[Brief], config: BriefsConfig) -> BaseProcess:
    """Draw the trend charts the pages will show into the chart store, in a background
    process: it runs on a free core while the articles are summarized, and the pages then
    read the drawings from the store. What the site shows never depends on it."""
    context = multiprocessing.get_context("fork")
    process = context.Process(target=_draw_all, args=(briefs, config), daemon=True)
    process.start()
    return process


def _draw_all(briefs: Sequence[Brief], config: BriefsConfig) -> None:
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
