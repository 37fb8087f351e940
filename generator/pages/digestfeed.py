"""The daily digest as RSS 2.0 (feedgen) and JSON Feed 1.1: one item per publication day.

An item's content is the day's digest: its sentiment balance, then each brief's headline
(linked), sentiment, assets and TL;DR. Seed text is HTML-escaped once, as in feeds.py.
The feed's date is its newest day's, never the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial
from typing import Any

from feedgen.feed import FeedGenerator

from generator.pages.daily import Day, day_src
from generator.pages.feeds import RSS_TYPE, Feed, SiteAddress, json_feed_document, xml_text
from generator.pages.render import html_text
from generator.pages.reuse import Reuse, afresh
from generator.seeds.model import GeneratedFile


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _title(day: Day) -> str:
    count = len(day.items)
    return f"Digest of {day.label}: {count} brief{'' if count == 1 else 's'}"


def _balance(day: Day) -> str:
    """Briefs per sentiment, most first (then by name)."""
    counts: dict[str, int] = {}
    for item in day.items:
        counts[item.brief.sentiment.name] = counts.get(item.brief.sentiment.name, 0) + 1
    ordered = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    return ", ".join(f"{n} {name}" for name, n in ordered)


def digest_html(day: Day, address: SiteAddress, clean: bool = False) -> str:
    """The day's digest as HTML; `clean` drops the characters XML cannot hold (for RSS)."""
    text = xml_text if clean else html_text
    rows = []
    for item in day.items:
        url = html_text(address.absolute(f"briefs/{item.brief.slug}.md"))
        assets = f" · {', '.join(item.assets)}" if item.assets else ""
        rows.append(
            f'<li><a href="{url}">{text(item.brief.headline)}</a> '
            f"({text(item.brief.sentiment.name)}{assets}): {text(' '.join(item.summary))}</li>"
        )
    return f"<p>{text(_balance(day))}.</p><ul>{''.join(rows)}</ul>"


def digest_rss(
    feed: Feed,
    days: Sequence[Day],
    address: SiteAddress,
    limit: int,
    build_time: dt.datetime,
    reuse: Reuse = afresh,
) -> str:
    """The digest feed as RSS 2.0; with no day yet, dated by the build time (feedgen would
    put the wall clock there)."""
    generator = FeedGenerator()
    generator.title(xml_text(feed.title))
    generator.description(feed.description)
    generator.link(href=address.file(feed.rss_src), rel="self", type=RSS_TYPE)
    generator.link(href=address.absolute(feed.page_src), rel="alternate")
    generator.generator("Market Briefs")
    generator.lastBuildDate(_moment(days[0].date) if days else build_time)
    for day in days[:limit]:
        url = address.absolute(day_src(day))
        entry = generator.add_entry(order="append")
        entry.title(_title(day))
        entry.link(href=url)
        entry.guid(url, permalink=True)
        entry.description(_day_html(day, address, True, reuse))
        entry.pubDate(_moment(day.date))
    xml: bytes = generator.rss_str(pretty=True)
    return xml.decode("utf-8")


def digest_json(
    feed: Feed, days: Sequence[Day], address: SiteAddress, limit: int, reuse: Reuse = afresh
) -> str:
    """The digest feed as JSON Feed 1.1."""
    items: list[dict[str, Any]] = []
    for day in days[:limit]:
        url = address.absolute(day_src(day))
        items.append(
            {
                "id": url,
                "url": url,
                "title": _title(day),
                "content_html": _day_html(day, address, False, reuse),
                "summary": _balance(day),
                "date_published": _moment(day.date).isoformat(),
            }
        )
    return json_feed_document(feed, address, items)


def digest_feed_files(
    feed: Feed,
    days: Sequence[Day],
    address: SiteAddress,
    limit: int,
    build_time: dt.datetime,
    reuse: Reuse = afresh,
) -> list[GeneratedFile]:
    """Both files of the digest feed (made again only when a brief of its days changed)."""
    key = f"digest feed\0{feed.rss_src}\0{feed.title}\0{feed.description}\0{feed.page_src}"
    briefs = [item for day in days[:limit] for item in day.items]

    def files() -> list[GeneratedFile]:  # each day's digest made again only when it changed
        return [
            GeneratedFile(feed.rss_src, digest_rss(feed, days, address, limit, build_time, reuse)),
            GeneratedFile(feed.json_src, digest_json(feed, days, address, limit, reuse)),
        ]

    return reuse(key, briefs, files)


def _day_html(day: Day, address: SiteAddress, clean: bool, reuse: Reuse) -> str:
    key = f"digest\0{day.date.isoformat()}\0{clean}"
    return reuse(key, day.items, partial(digest_html, day, address, clean))
