"""The reader's ways in beyond sentiment and tags: assets, archive, feeds and statistics."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from itertools import groupby

from generator.enrich.assets import AssetGroup
from generator.pages.archive import Month, group_months
from generator.pages.builder import (
    HOME,
    Intro,
    PageBuilder,
    asset_src,
    page_file,
    sentiment_src,
)
from generator.pages.charts import ease_histogram, trend_chart
from generator.pages.feeds import Feed, Feeds
from generator.pages.listing import by_sentiment
from generator.pages.render import html_text
from generator.pages.reuse import Reuse, afresh
from generator.pages.urls import relative
from generator.seeds.model import EnrichedBrief, GeneratedFile, Sentiment

ASSETS, ARCHIVE, SUBSCRIBE, STATS = "asset/index.md", "archive/index.md", "subscribe.md", "stats.md"
_NOT_IN_SEARCH = {"search": {"exclude": True}}


def month_src(month: Month) -> str:
    """Where a month's first archive page lives inside docs/."""
    return f"archive/{month.key}.md"


def make_feeds(
    site_name: str,
    items: Sequence[EnrichedBrief],
    sentiments: Sequence[Sentiment],
    assets: Sequence[AssetGroup],
) -> Feeds:
    """The site's feed, one per sentiment and one per asset that has briefs."""

    def folder(src: str) -> str:
        return src.removesuffix(".md")

    split = by_sentiment(items, sentiments)
    sentiment_feeds = {
        s.slug: Feed(
            folder(sentiment_src(s)),
            f"{site_name}: {s.name} briefs",
            f"The latest {s.name} briefs.",
            sentiment_src(s),
            tuple(split[s]),
        )
        for s in sentiments
    }
    by_asset = {
        g.asset.ticker: Feed(
            folder(asset_src(g.asset)),
            f"{site_name}: {g.asset.label}",
            f"The latest briefs about {g.asset.label}.",
            asset_src(g.asset),
            g.items,
        )
        for g in assets
    }
    site = Feed("", site_name, "The latest market briefs.", HOME, tuple(items))
    return Feeds(site, sentiment_feeds, by_asset)


@dataclass(frozen=True)
class Stats:
    """Site-wide readability figures."""

    briefs: int
    median_grade: float
    median_minutes: float
    median_ease: float


def readability_stats(items: Sequence[EnrichedBrief]) -> Stats | None:
    """Medians over every published brief; None when there are none."""
    if not items:
        return None
    return Stats(
        len(items),
        round(statistics.median(i.readability.grade_level for i in items), 1),
        statistics.median(i.readability.reading_minutes for i in items),
        round(statistics.median(i.readability.flesch_reading_ease for i in items), 1),
    )


class SectionPages:
    """Asset, archive, subscribe and statistics pages, rendered through a PageBuilder."""

    def __init__(self, builder: PageBuilder, reuse: Reuse = afresh) -> None:
        """`reuse`: an asset's or a month's pages as the last rebuild made them, when its
        briefs are the same (pages/reuse.py)."""
        self.builder = builder
        self.renderer = builder.renderer
        self.reuse = reuse

    def build(
        self, items: Sequence[EnrichedBrief], assets: Sequence[AssetGroup]
    ) -> list[GeneratedFile]:
        """Every section page, in a fixed order."""
        files = self.assets(assets)
        files += self.archive(group_months(items))
        files.append(self.subscribe(assets))
        files.append(self.stats(items))
        return files

    def assets(self, groups: Sequence[AssetGroup]) -> list[GeneratedFile]:
        """The asset overview and, per asset, its paginated briefs with counts and a chart."""
        builder, here = self.builder, self.builder.url(ASSETS)
        rows = [(g, relative(builder.url(asset_src(g.asset)), here)) for g in groups]
        index = self.renderer.render(
            "assets.md.j2", {"title": "Assets", **_NOT_IN_SEARCH}, assets=rows
        )
        files = [page_file(ASSETS, index, in_nav=True)]
        for group in groups:
            make = partial(self.asset, group)
            files += self.reuse(f"asset\0{group.asset.ticker}", group.items, make)
        return files

    def asset(self, group: AssetGroup) -> list[GeneratedFile]:
        """One asset's paginated briefs, with counts and a chart."""
        builder = self.builder
        sentiments, charts = builder.config.sentiments, builder.config.charts_path
        src, what = asset_src(group.asset), f"{group.asset.ticker} briefs"
        later = builder.later is not None and builder.later(src)  # its chart too, then
        intro = Intro(
            counts=tuple(builder.counts(group.items, None)),
            chart=trend_chart(group.items, sentiments, what, charts, later),
        )
        feed = builder.feeds.assets.get(group.asset.ticker)
        heading, search = f"{group.asset.label} briefs", f"asset={group.asset.slug}"
        return builder.paged(src, heading, group.items, None, intro, feed, True, search)

    def archive(self, months: Sequence[Month]) -> list[GeneratedFile]:
        """The archive index by year and month, and each month's paginated briefs."""
        here = self.builder.url(ARCHIVE)
        rows = [(m, relative(self.builder.url(month_src(m)), here)) for m in months]
        years = [(year, list(group)) for year, group in groupby(rows, key=lambda r: r[0].year)]
        index = self.renderer.render(
            "archive.md.j2", {"title": "Archive", **_NOT_IN_SEARCH}, years=years
        )
        files = [page_file(ARCHIVE, index, in_nav=True)]
        for month in months:
            heading = "Undated briefs" if not month.year else f"Briefs of {month.label}"
            src, items = month_src(month), month.items
            make = partial(self.builder.paged, src, heading, items, None, compact=True)
            files += self.reuse(f"month\0{month.key}\0{heading}", month.items, make)
        return files

    def subscribe(self, assets: Sequence[AssetGroup]) -> GeneratedFile:
        """Every feed, with links to its RSS and JSON files."""
        builder = self.builder
        feeds = builder.feeds

        def row(name: str, feed: Feed) -> tuple[str, str, tuple[str, str] | None]:
            page = relative(builder.url(feed.page_src), builder.url(SUBSCRIBE))
            return name, page, builder.feed_links(feed, SUBSCRIBE)

        sentiments = [row(s.name, feeds.sentiments[s.slug]) for s in builder.config.sentiments]
        per_asset = [  # an asset with drafts only (in a preview) has no feed
            row(g.asset.label, feeds.assets[g.asset.ticker])
            for g in assets
            if g.asset.ticker in feeds.assets
        ]
        content = self.renderer.render(
            "subscribe.md.j2",
            {"title": "Subscribe", "feeds": feeds.site.links(), **_NOT_IN_SEARCH},
            site=row(builder.site_name, feeds.site),
            sentiments=sentiments,
            assets=per_asset,
            limit=builder.config.feed_items,
        )
        return page_file(SUBSCRIBE, content, in_nav=True)

    def stats(self, items: Sequence[EnrichedBrief]) -> GeneratedFile:
        """Site-wide readability: medians and a histogram of reading ease."""
        content = self.renderer.render(
            "stats.md.j2",
            {"title": html_text("Readability"), **_NOT_IN_SEARCH},
            stats=readability_stats(items),
            histogram=ease_histogram(items, self.builder.config.charts_path),
        )
        return page_file(STATS, content, in_nav=True)
