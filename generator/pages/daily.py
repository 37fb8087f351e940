"""Daily digests: a page per publication day, an index of the days, and the home page's lead.

A day is a front-matter date that has briefs; undated briefs have no digest. The latest
day is the newest date among the seeds, never the clock. A digest shows the day's
sentiment balance, its briefs per asset and each brief with its TL;DR, paginated like
every list, with links to the previous and next day that has briefs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from itertools import groupby

from generator.pages.builder import Count, PageBuilder, asset_src, page_file
from generator.pages.feeds import Feed
from generator.pages.listing import chunks, page_src, pager
from generator.pages.render import html_text
from generator.pages.reuse import Reuse, afresh
from generator.pages.urls import relative
from generator.seeds.model import EnrichedBrief, GeneratedFile

DAILY = "daily/index.md"
_NOT_IN_SEARCH = {"search": {"exclude": True}}  # a digest repeats its briefs' text


@dataclass(frozen=True)
class Day:
    """The briefs of one publication day, in publication order."""

    date: dt.date
    items: tuple[EnrichedBrief, ...]

    @property
    def key(self) -> str:
        """The day as YYYY-MM-DD: its address."""
        return self.date.isoformat()

    @property
    def label(self) -> str:
        """The day as readers read it: 5 January 2023."""
        return f"{self.date.day} {self.date:%B %Y}"


@dataclass(frozen=True)
class Balance:
    """A day's briefs per sentiment (with the bar's shares) and per asset."""

    counts: tuple[Count, ...]
    shares: tuple[tuple[str, int], ...]  # (tone, percent) for the bar, zero counts left out
    assets: tuple[tuple[str, str, int, str], ...]  # (ticker, label, briefs, href)

    @property
    def text(self) -> str:
        """The balance in words, for the bar's label and the feeds."""
        return ", ".join(f"{c.n} {c.sentiment.name}" for c in self.counts)


def group_days(items: Sequence[EnrichedBrief]) -> list[Day]:
    """Days with briefs, newest first; each keeps its briefs in publication order (by id)."""
    days: dict[dt.date, list[EnrichedBrief]] = {}
    for item in items:
        if item.brief.date:
            days.setdefault(item.brief.date, []).append(item)
    return [
        Day(date, tuple(sorted(days[date], key=lambda i: i.brief.stem)))
        for date in sorted(days, reverse=True)
    ]


def day_src(day: Day) -> str:
    """Where a day's first digest page lives inside docs/."""
    return f"daily/{day.key}.md"


def digest_feed(site_name: str) -> Feed:
    """Where the digest feed lives; its items are days, not briefs (see digestfeed.py)."""
    description = "One item per publication day: the day's digest."
    return Feed("daily", f"{site_name}: daily digest", description, DAILY, ())


class DailyPages:
    """The digest index, each day's digest and the home page's lead, through a PageBuilder."""

    def __init__(self, builder: PageBuilder) -> None:
        self.builder = builder
        self.renderer = builder.renderer

    def balance(self, day: Day, base: str) -> Balance:
        """A day's counts per sentiment and per asset, linked from the page `base`."""
        builder = self.builder
        counts = tuple(builder.counts(day.items, None))  # the day's, not the pages' totals
        total = max(1, len(day.items))
        shares = tuple((c.sentiment.tone, round(100 * c.n / total)) for c in counts if c.n)
        here = builder.url(base)
        per_asset: dict[str, int] = {}
        for item in day.items:
            for ticker in item.assets:
                per_asset[ticker] = per_asset.get(ticker, 0) + 1
        assets = tuple(
            (a.ticker, a.label, per_asset[a.ticker], relative(builder.url(asset_src(a)), here))
            for a in builder.config.assets
            if a.ticker in per_asset
        )
        return Balance(counts, shares, assets)

    def lead(self, days: Sequence[Day], base: str) -> dict[str, object] | None:
        """What the page `base` shows of the latest day's digest; None with no dated brief."""
        if not days:
            return None
        day = days[0]
        href = relative(self.builder.url(day_src(day)), self.builder.url(base))
        return {"day": day, "href": href, "balance": self.balance(day, base)}

    def build(self, days: Sequence[Day], feed: Feed, reuse: Reuse = afresh) -> list[GeneratedFile]:
        """The index of days by month, then each day's paginated digest (the last rebuild's,
        by `reuse`, when the day's briefs and its neighbours' dates are the same)."""
        builder = self.builder
        here = builder.url(DAILY)
        rows = [(day, relative(builder.url(day_src(day)), here)) for day in days]
        months = [
            (f"{key:%B %Y}", list(group))
            for key, group in groupby(rows, key=lambda row: row[0].date.replace(day=1))
        ]
        index = self.renderer.render(
            "daily_index.md.j2",
            {"title": "Daily digests", "feeds": feed.links(), **_NOT_IN_SEARCH},
            months=months,
            feeds=builder.feed_links(feed, DAILY),
        )
        files = [page_file(DAILY, index, in_nav=True)]
        for position, day in enumerate(days):
            newer = days[position - 1] if position > 0 else None
            older = days[position + 1] if position + 1 < len(days) else None
            around = f"{newer.key if newer else ''}\0{older.key if older else ''}"
            make = partial(self.digest, day, newer, older)
            files += reuse(f"digest\0{day.key}\0{around}", day.items, make)
        return files

    def digest(self, day: Day, newer: Day | None, older: Day | None) -> list[GeneratedFile]:
        """One day's digest, in pages of `page_size` briefs."""
        builder = self.builder
        first = day_src(day)
        pages = chunks(day.items, builder.config.page_size)
        files = []
        for number, page in enumerate(pages, start=1):
            src = page_src(first, number)
            here = builder.url(src)
            title = f"Digest of {day.label}" + (f" (page {number})" if number > 1 else "")
            content = self.renderer.render(
                "daily.md.j2",
                {"title": html_text(title), **_NOT_IN_SEARCH},
                heading=title,
                day=day,
                balance=self.balance(day, src) if number == 1 else None,
                items=self.assets_of(builder.links(page, src), src),
                older=(older, relative(builder.url(day_src(older)), here)) if older else None,
                newer=(newer, relative(builder.url(day_src(newer)), here)) if newer else None,
                index=relative(builder.url(DAILY), here),
                pager=pager(first, number, len(pages), builder.directory_urls),
            )
            files.append(page_file(src, content))
        return files

    def assets_of(
        self, links: Sequence[tuple[EnrichedBrief, str]], base: str
    ) -> list[tuple[EnrichedBrief, str, list[tuple[str, str]]]]:
        """Each brief with its link and its assets' tickers, each linked to its page."""
        builder = self.builder
        here = builder.url(base)
        return [
            (
                item,
                href,
                [
                    (t, relative(builder.url(asset_src(builder.assets[t])), here))
                    for t in item.assets
                ],
            )
            for item, href in links
        ]
