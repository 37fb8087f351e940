"""RSS 2.0 (feedgen) and JSON Feed 1.1 for the whole site, each sentiment and each asset.

Each feed sits next to the list page it follows (`feed.xml`, `sentiment/bullish/feed.json`,
`asset/btc/feed.xml`) and holds that list's latest `feed_items` briefs. Item links, which
are also the GUIDs, are absolute, so feeds need `site_url`. Dates come from front matter
only: an undated brief's item has no date, and a feed's own date is its newest brief's
(or the build time, SOURCE_DATE_EPOCH), never the clock.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator

from generator.pages.render import html_text
from generator.pages.reuse import Reuse, afresh
from generator.pages.urls import page_url
from generator.seeds import messages
from generator.seeds.errors import ConfigError, Problem
from generator.seeds.model import EnrichedBrief, GeneratedFile

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
RSS_TYPE, JSON_TYPE = "application/rss+xml", "application/feed+json"


@dataclass(frozen=True)
class Feed:
    """One subscribable list of briefs, published as RSS and as JSON Feed."""

    folder: str  # "" for the whole site, else the list page's folder, e.g. asset/btc
    title: str
    description: str
    page_src: str  # the list page the feed follows
    items: tuple[EnrichedBrief, ...]

    @property
    def rss_src(self) -> str:
        """Where the RSS file goes in the site."""
        return f"{self.folder}/feed.xml" if self.folder else "feed.xml"

    @property
    def json_src(self) -> str:
        """Where the JSON Feed file goes in the site."""
        return f"{self.folder}/feed.json" if self.folder else "feed.json"

    def links(self) -> list[dict[str, str]]:
        """`<link rel="alternate">` values for page metadata; titles are HTML-escaped."""
        return [
            {"type": RSS_TYPE, "title": html_text(f"{self.title} (RSS)"), "href": self.rss_src},
            {"type": JSON_TYPE, "title": html_text(f"{self.title} (JSON)"), "href": self.json_src},
        ]


@dataclass(frozen=True)
class Feeds:
    """Every feed of the site: the whole site's, each sentiment's and each asset's."""

    site: Feed
    sentiments: Mapping[str, Feed]  # by sentiment slug
    assets: Mapping[str, Feed]  # by ticker

    @property
    def all(self) -> list[Feed]:
        """The site's feed, then the sentiments', then the assets'."""
        return [self.site, *self.sentiments.values(), *self.assets.values()]


@dataclass(frozen=True)
class SiteAddress:
    """The published site's absolute address and URL style, which feeds link with."""

    site_url: str
    directory_urls: bool = True

    def absolute(self, src_uri: str) -> str:
        """The absolute URL of a page from its path inside docs/."""
        return urljoin(self.site_url.rstrip("/") + "/", page_url(src_uri, self.directory_urls))

    def file(self, path: str) -> str:
        """The absolute URL of a non-page file such as feed.xml."""
        return urljoin(self.site_url.rstrip("/") + "/", path)


def require_site_url(site_url: str | None, config_file: str = "mkdocs.yml") -> str:
    """The site's address; a clear error when mkdocs.yml does not set it."""
    if not site_url:
        raise ConfigError([Problem(config_file, 1, messages.SITE_URL_UNSET())])
    return site_url


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _updated(items: Sequence[EnrichedBrief], build_time: dt.datetime) -> dt.datetime:
    days = [item.brief.date for item in items if item.brief.date]
    return _moment(max(days)) if days else build_time


# Characters XML 1.0 cannot hold at all (C0 controls but tab and newlines, lone surrogates,
# U+FFFE/U+FFFF): a seed may contain them, so RSS drops them; the JSON Feed keeps them.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: str) -> str:
    """Seed text for RSS: HTML-escaped once, without characters XML forbids."""
    return html_text(_NOT_XML.sub("", value))


def rss(feed: Feed, address: SiteAddress, limit: int, build_time: dt.datetime) -> str:
    """The feed as RSS 2.0. Readers take titles and descriptions as HTML: text is escaped once."""
    items = feed.items[:limit]
    generator = FeedGenerator()
    generator.title(xml_text(feed.title))
    generator.description(feed.description)
    generator.link(href=address.file(feed.rss_src), rel="self", type=RSS_TYPE)
    generator.link(href=address.absolute(feed.page_src), rel="alternate")  # last is <link>
    generator.generator("Market Briefs")
    generator.lastBuildDate(_updated(items, build_time))
    for item in items:
        url = address.absolute(f"briefs/{item.brief.slug}.md")
        entry = generator.add_entry(order="append")
        entry.title(xml_text(item.brief.headline))
        entry.link(href=url)
        entry.guid(url, permalink=True)
        entry.description(xml_text(" ".join(item.summary)))
        if item.brief.date:
            entry.pubDate(_moment(item.brief.date))
        terms = (item.brief.sentiment.name, *item.brief.tags)
        entry.category([{"term": _NOT_XML.sub("", t)} for t in terms])
    xml: bytes = generator.rss_str(pretty=True)
    return xml.decode("utf-8")


def json_feed(feed: Feed, address: SiteAddress, limit: int) -> str:
    """The feed as JSON Feed 1.1; strings are plain text."""
    items: list[dict[str, Any]] = []
    for item in feed.items[:limit]:
        url = address.absolute(f"briefs/{item.brief.slug}.md")
        summary = " ".join(item.summary)
        entry: dict[str, Any] = {"id": url, "url": url, "title": item.brief.headline}
        entry |= {"content_text": summary, "summary": summary}
        if item.brief.date:
            entry["date_published"] = _moment(item.brief.date).isoformat()
        entry["tags"] = [item.brief.sentiment.name, *item.brief.tags]
        items.append(entry)
    return json_feed_document(feed, address, items)


def json_feed_document(feed: Feed, address: SiteAddress, items: list[dict[str, Any]]) -> str:
    """A JSON Feed 1.1 document around these items."""
    document = {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "home_page_url": address.absolute(feed.page_src),
        "feed_url": address.file(feed.json_src),
        "description": feed.description,
        "items": items,
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"  # compact


def feed_files(
    feeds: Sequence[Feed],
    address: SiteAddress,
    limit: int,
    build_time: dt.datetime,
    reuse: Reuse = afresh,
) -> list[GeneratedFile]:
    """Both files of every feed (each made again only when the briefs it lists changed)."""
    files = []
    for feed in feeds:
        key = f"feed\0{feed.rss_src}\0{feed.title}\0{feed.description}\0{feed.page_src}"
        files += reuse(key, feed.items[:limit], partial(_files, feed, address, limit, build_time))
    return files


def _files(
    feed: Feed, address: SiteAddress, limit: int, build_time: dt.datetime
) -> list[GeneratedFile]:
    return [
        GeneratedFile(feed.rss_src, rss(feed, address, limit, build_time)),
        GeneratedFile(feed.json_src, json_feed(feed, address, limit)),
    ]
