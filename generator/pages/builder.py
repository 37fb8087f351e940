"""The generated pages: home, sentiment pages, tags index and one page per brief."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from generator.config import BriefsConfig
from generator.pages.charts import Chart, trend_chart
from generator.pages.deferred import Deferred, LaterFile
from generator.pages.facets import search_facets, search_lead
from generator.pages.feeds import Feed, Feeds
from generator.pages.listing import by_sentiment, chunks, page_src, pager
from generator.pages.related import NO_LINKS, BriefLinks, brief_links
from generator.pages.render import Remembered, Rendered, Renderer, html_text
from generator.pages.tags import TagGroup
from generator.pages.urls import page_url, relative
from generator.seeds.assetlist import Asset
from generator.seeds.model import EnrichedBrief, GeneratedFile, Sentiment

HOME, SENTIMENTS, TAGS = "index.md", "sentiment/index.md", "tags.md"
_NUMBER = re.compile(r"\d+")
_NOT_IN_SEARCH = {"search": {"exclude": True}}


@dataclass(frozen=True)
class Count:
    """How many briefs carry one sentiment, and where their page is."""

    sentiment: Sentiment
    n: int
    href: str | None  # None where the count is not of the sentiment's own page


@dataclass(frozen=True)
class Intro:
    """What the first page of a list shows above its briefs."""

    counts: tuple[Count, ...] = ()
    chart: Chart | None = None


def newest_first(items: Sequence[EnrichedBrief]) -> list[EnrichedBrief]:
    """Dated briefs newest first, then undated ones by numeric file-name prefix, highest first."""

    def key(item: EnrichedBrief) -> tuple[int, int, int, str]:
        brief = item.brief
        number = _NUMBER.match(brief.stem)
        if brief.date:
            return (0, -brief.date.toordinal(), 0, brief.stem)
        return (1, 0, -int(number.group()) if number else 1, brief.stem)

    return sorted(items, key=key)


def ease_label(score: float) -> str:
    """Flesch's own words for a reading-ease score."""
    bands = (
        (90, "very easy"),
        (80, "easy"),
        (70, "fairly easy"),
        (60, "plain English"),
        (50, "fairly difficult"),
        (30, "difficult"),
    )
    return next((label for low, label in bands if score >= low), "very difficult")


def page_file(src_uri: str, rendered: object, in_nav: bool = False) -> GeneratedFile:
    """A generated page from its rendered template (or one rendered when first read)."""
    if isinstance(rendered, Deferred):
        return LaterFile(src_uri, rendered, in_nav)
    assert isinstance(rendered, Rendered)
    return GeneratedFile(src_uri, rendered.markdown, in_nav, rendered.packed)


def brief_src(item: EnrichedBrief) -> str:
    """Where a brief's page lives inside docs/."""
    return f"briefs/{item.brief.slug}.md"


def tag_src(group: TagGroup) -> str:
    """Where a tag's first page lives inside docs/."""
    return f"tags/{group.slug}.md"


def sentiment_src(sentiment: Sentiment) -> str:
    """Where a sentiment's page lives inside docs/."""
    return f"sentiment/{sentiment.slug}.md"


def asset_src(asset: Asset) -> str:
    """Where an asset's first page lives inside docs/."""
    return f"asset/{asset.slug}.md"


class PageBuilder:
    """Renders every generated page for one set of published briefs."""

    def __init__(
        self,
        config: BriefsConfig,
        site_name: str,
        directory_urls: bool,
        feeds: Feeds,
        remembered: Remembered | None = None,
        later: Callable[[str], bool] | None = None,
    ) -> None:
        """`later(src_uri)`: whether a list page may be rendered when first read (a
        preview's, after the reload: site/later.py)."""
        self.later = later
        self.config = config
        self.site_name = site_name
        self.directory_urls = directory_urls
        self.feeds = feeds
        self.renderer = Renderer(config.templates_path, remembered)
        self.assets = {asset.ticker: asset for asset in config.assets}

    def build(
        self,
        items: Sequence[EnrichedBrief],
        groups: Sequence[TagGroup],
        briefs: Sequence[GeneratedFile] | None = None,
        digest: Mapping[str, object] | None = None,
    ) -> list[GeneratedFile]:
        """All generated pages, in a fixed order; `briefs`: the brief pages, if made already;
        `digest`: the latest day's digest the home page leads with (see daily.py)."""
        files = [self.home(items, digest), self.sentiments(items)]
        split = by_sentiment(items, self.config.sentiments)
        for sentiment in self.config.sentiments:
            files += self.sentiment(sentiment, split[sentiment])
        files += self.tags(groups)
        if briefs is None:
            links = brief_links(items)
            briefs = [self.brief(item, links[item.brief.stem]) for item in items]
        files += briefs
        return files

    def url(self, src_uri: str) -> str:
        """The site-relative URL of a generated page."""
        return page_url(src_uri, self.directory_urls)

    def links(self, items: Sequence[EnrichedBrief], base: str) -> list[tuple[EnrichedBrief, str]]:
        """Pair each brief with a link to its page from the page `base`."""
        here = self.url(base)
        return [(item, relative(self.url(brief_src(item)), here)) for item in items]

    def counts(self, items: Sequence[EnrichedBrief], base: str | None) -> list[Count]:
        """Briefs per sentiment, in configured order, linked from the page `base` if given."""
        here = self.url(base) if base else None
        found = Counter(i.brief.sentiment for i in items)  # one pass, not one per sentiment
        return [
            Count(
                s,
                found[s],
                relative(self.url(sentiment_src(s)), here) if here is not None else None,
            )
            for s in self.config.sentiments
        ]

    def feed_links(self, feed: Feed | None, base: str) -> tuple[str, str] | None:
        """Links to a feed's RSS and JSON files from the page `base`."""
        if feed is None:
            return None
        here = self.url(base)
        return relative(feed.rss_src, here), relative(feed.json_src, here)

    def home(
        self, items: Sequence[EnrichedBrief], digest: Mapping[str, object] | None = None
    ) -> GeneratedFile:
        """The home page: the latest day's digest, counts per sentiment and the latest briefs."""
        latest = self.links(items[: self.config.home_briefs], HOME)
        content = self.renderer.render(
            "home.md.j2",
            {
                "title": html_text(self.site_name),
                "feeds": self.feeds.site.links(),
                **_NOT_IN_SEARCH,
            },
            site_name=self.site_name,
            digest=digest,
            counts=self.counts(items, HOME),
            chart=trend_chart(items, self.config.sentiments, "briefs", self.config.charts_path),
            feeds=self.feed_links(self.feeds.site, HOME),
            latest=latest,
            more=len(items) > len(latest),
            total=len(items),
            sentiment_href=relative(self.url(SENTIMENTS), self.url(HOME)),
        )
        return page_file(HOME, content, in_nav=True)

    def sentiments(self, items: Sequence[EnrichedBrief]) -> GeneratedFile:
        """The overview of sentiments with their counts."""
        content = self.renderer.render(
            "sentiments.md.j2",
            {"title": "Sentiment", **_NOT_IN_SEARCH},
            counts=self.counts(items, SENTIMENTS),
        )
        return page_file(SENTIMENTS, content, in_nav=True)

    def sentiment(
        self, sentiment: Sentiment, chosen: Sequence[EnrichedBrief]
    ) -> list[GeneratedFile]:
        """One sentiment's pages, listing its briefs (`chosen`, those of that sentiment)."""
        heading, src = f"{sentiment.name} briefs", sentiment_src(sentiment)
        later = self.later is not None and self.later(src)  # its chart too, then
        charts = self.config.charts_path
        intro = Intro(chart=trend_chart(chosen, self.config.sentiments, heading, charts, later))
        feed = self.feeds.sentiments.get(sentiment.slug)
        search = f"sentiment={sentiment.slug}"
        return self.paged(src, heading, chosen, sentiment, intro, feed, search=search)

    def tags(self, groups: Sequence[TagGroup]) -> list[GeneratedFile]:
        """The tags index, and one paginated page per tag."""
        here = self.url(TAGS)
        links = [(group, relative(self.url(tag_src(group)), here)) for group in groups]
        index = self.renderer.render("tags.md.j2", {"title": "Tags", **_NOT_IN_SEARCH}, tags=links)
        files = [page_file(TAGS, index, in_nav=True)]
        for group in groups:
            heading = f"Briefs tagged “{group.name}”"
            files += self.paged(tag_src(group), heading, group.items, sentiment=None)
        return files

    def paged(
        self,
        first: str,
        heading: str,
        chosen: Sequence[EnrichedBrief],
        sentiment: Sentiment | None,
        intro: Intro | None = None,
        feed: Feed | None = None,
        compact: bool = False,
        search: str | None = None,
    ) -> list[GeneratedFile]:
        """A list of briefs split into pages of `page_size`, each with a pager.

        The first page shows `intro` above the briefs; every page links to `feed`. Compact
        lists show one line per brief (headline, badge, date, reading time), no TL;DR.
        `search` (e.g. `sentiment=bearish`) links to the search narrowed to the list's briefs.
        """
        pages = chunks(chosen, self.config.page_size)
        files = []
        for number, page in enumerate(pages, start=1):
            src = page_src(first, number)
            title = heading + (f" (page {number})" if number > 1 else "")
            meta = {"title": html_text(title), **_NOT_IN_SEARCH}
            later = self.later is not None and self.later(src)
            content = (self.renderer.render_later if later else self.renderer.render)(
                "listing.md.j2",
                {**meta, "feeds": feed.links()} if feed else meta,
                heading=title,
                sentiment=sentiment,
                intro=intro if number == 1 else None,
                compact=compact,
                feeds=self.feed_links(feed, src),
                search=f"{relative(self.url(HOME), self.url(src))}?{search}" if search else None,
                total=len(chosen),
                items=self.links(page, src),
                pager=pager(first, number, len(pages), self.directory_urls),
            )
            files.append(page_file(src, content))
        return files

    def brief(self, item: EnrichedBrief, links: BriefLinks = NO_LINKS) -> GeneratedFile:
        """One brief's page, ending with its related briefs, previous and next."""
        meta: dict[str, object] = {
            "title": html_text(item.brief.headline),
            "description": html_text(" ".join(item.summary)),
            "tags": [html_text(tag) for tag in item.brief.tags],
            "og_type": "article",  # the theme's extrahead adds OpenGraph and Twitter tags
        }
        if item.brief.date:
            meta["published"] = item.brief.date.isoformat()
        here = self.url(brief_src(item))
        assets = [
            (self.assets[t], relative(self.url(asset_src(self.assets[t])), here))
            for t in item.assets
        ]
        mentions = [self.assets[t] for t in item.mentions]
        near = [links.previous, links.next]
        previous, following = [self.links([i], brief_src(item))[0] if i else None for i in near]
        content = self.renderer.render(
            "brief.md.j2",
            meta,
            item=item,
            assets=assets,
            mentions=mentions,
            related=self.links(links.related, brief_src(item)),
            previous=previous,
            next=following,
            ease_label=ease_label(item.readability.flesch_reading_ease),
            lead=search_lead(item),
            facets=search_facets(item, self.assets),
        )
        return page_file(brief_src(item), content)
