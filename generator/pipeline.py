"""The generator's one pipeline: seeds -> briefs -> enriched briefs -> pages."""

from __future__ import annotations

import time
from dataclasses import dataclass

from generator.api import briefs_json
from generator.config import BriefsConfig
from generator.enrich import EnrichTimes, enrich_all
from generator.errors import SeedError
from generator.model import GeneratedFile
from generator.pages import PageBuilder, newest_first, tag_src
from generator.parse import read_all
from generator.preview import error_pages
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
    config: BriefsConfig, site_name: str, directory_urls: bool = True, preview: bool = False
) -> Generated:
    """Read, check, enrich and render every seed into the files MkDocs should publish.

    A `preview` (for `serve`) also shows drafts, and shows each invalid seed's problems on
    its page instead of stopping.
    """
    start = time.perf_counter()
    briefs, problems = read_all(config)  # parse and validate all seeds
    if problems and not preview:
        raise SeedError(problems)
    shown = [brief for brief in briefs if preview or not brief.front.draft]
    parsed = time.perf_counter()
    enriched, enrich_times = enrich_all(shown, config)  # cached, on every core
    ordered = newest_first(enriched)
    rendering = time.perf_counter()
    groups = group_tags(ordered)
    pages = PageBuilder(config, site_name, directory_urls).build(ordered, groups)
    broken = error_pages(problems, config, taken={page.src_uri for page in pages})
    published = [item for item in ordered if not item.brief.front.draft]
    files = [*pages, *broken, briefs_json(published, directory_urls)]
    timings = Timings(parsed - start, enrich_times, time.perf_counter() - rendering, len(published))
    return Generated(files, timings, {tag_key(g.name): tag_src(g) for g in groups})
