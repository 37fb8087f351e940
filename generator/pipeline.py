"""The generator's one pipeline: seeds -> briefs -> enriched briefs -> pages."""

from __future__ import annotations

import time
from dataclasses import dataclass

from generator.api import asset_json, briefs_json
from generator.assets import assign_assets, group_assets
from generator.config import BriefsConfig
from generator.enrich import EnrichTimes, enrich_all
from generator.feeds import SiteAddress, feed_files, require_site_url
from generator.model import GeneratedFile
from generator.pages import PageBuilder, newest_first, tag_src
from generator.parse import load_all
from generator.sections import SectionPages, make_feeds
from generator.tags import group_tags, tag_key


@dataclass(frozen=True)
class Timings:
    """Seconds per stage of one generation, for logs and benchmarks."""

    parse: float
    enrich: EnrichTimes
    render: float
    briefs: int

    @property
    def total(self) -> float:
        """Seconds for the whole generation."""
        return self.parse + self.enrich.wall + self.render


@dataclass(frozen=True)
class Generated:
    """The files MkDocs should publish, and how long making them took."""

    files: list[GeneratedFile]
    timings: Timings
    tag_pages: dict[str, str]  # tag_key(name) -> src_uri of the tag's first page


def generate(
    config: BriefsConfig,
    site_name: str,
    directory_urls: bool = True,
    site_url: str | None = None,
) -> Generated:
    """Read, check, enrich and render every seed into the files MkDocs should publish."""
    start = time.perf_counter()
    address = SiteAddress(require_site_url(site_url), directory_urls)  # feeds need it
    briefs = load_all(config)  # parse and validate all seeds; raises with every problem
    published = [brief for brief in briefs if not brief.front.draft]
    parsed = time.perf_counter()
    enriched, enrich_times = enrich_all(published, config)  # cached, on every core
    rendering = time.perf_counter()
    ordered = newest_first(assign_assets(enriched, config.assets))  # detect assets in text
    groups = group_tags(ordered)
    assets = group_assets(ordered, config.assets)
    feeds = make_feeds(site_name, ordered, config.sentiments, assets)
    builder = PageBuilder(config, site_name, directory_urls, feeds)
    pages = [*builder.build(ordered, groups), *SectionPages(builder).build(ordered, assets)]
    files = [
        *pages,
        *feed_files(feeds.all, address, config.feed_items),
        briefs_json(ordered, directory_urls),
        *asset_json(assets, directory_urls),
    ]
    timings = Timings(parsed - start, enrich_times, time.perf_counter() - rendering, len(ordered))
    return Generated(files, timings, {tag_key(g.name): tag_src(g) for g in groups})
