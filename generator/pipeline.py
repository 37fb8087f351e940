"""The generator's one pipeline: seeds -> briefs -> enriched briefs -> pages."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING

from generator.config import BriefsConfig
from generator.enrich.assets import assign_assets, group_assets
from generator.enrich.enrichment import POOL_THRESHOLD, EnrichTimes, enrich_all
from generator.lint import label_check, lint_unlinted
from generator.pages.api import asset_json, briefs_json, facets_json
from generator.pages.builder import HOME, PageBuilder, newest_first, tag_src
from generator.pages.charts import ease_chart
from generator.pages.daily import DailyPages, digest_feed, group_days
from generator.pages.digestfeed import digest_feed_files
from generator.pages.feeds import SiteAddress, feed_files, require_site_url
from generator.pages.origins import Origins
from generator.pages.problems import error_pages
from generator.pages.related import CANDIDATES, NO_LINKS, BriefLinks, brief_links, related_briefs
from generator.pages.render import COMPILED
from generator.pages.reuse import afresh
from generator.pages.sections import SectionPages, make_feeds
from generator.pages.tags import group_tags, tag_key
from generator.pages.trends import asset_trends, draw_trends, drawn_ahead, trend_charts
from generator.seeds import messages
from generator.seeds.errors import Problem, SeedError
from generator.seeds.model import EnrichedBrief, GeneratedFile
from generator.seeds.parse import read_all
from generator.seeds.seedcache import SeedCache
from generator.site.memo import memoized, stored
from generator.site.memory import Memory

if TYPE_CHECKING:  # numpy and scipy load on first use
    from generator.pages.rerank import Ranked

# Not under "mkdocs.": a warning about a seed must not fail a --strict MkDocs build.
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Timings:
    """Seconds per stage of one generation, for logs and benchmarks."""

    parse: float
    enrich: EnrichTimes
    render: float
    briefs: int
    taken: int = 0  # generated pages taken from a stored generation (pages/origins.py)

    @property
    def total(self) -> float:
        """Seconds for the whole generation."""
        return self.parse + self.enrich.wall + self.render

    def summary(self) -> str:
        """The line a build logs about its generation."""
        return (
            f"briefs: {messages.count(self.briefs, 'brief')} published "
            f"({self.enrich.computed} summarized, {self.enrich.cached} from cache); "
            f"parse {self.parse:.2f} s, enrich {self.enrich.wall:.2f} s, render {self.render:.2f} s"
            + (f"; {self.taken} pages taken from the last generation" if self.taken else "")
        )


@dataclass(frozen=True)
class Generated:
    """The files MkDocs should publish, and how long making them took."""

    files: list[GeneratedFile]
    timings: Timings
    tag_pages: dict[str, str]  # tag_key(name) -> src_uri of the tag's first page
    warnings: tuple[Problem, ...] = ()  # about valid seeds: logged, never fatal
    drafts: int = 0  # valid seeds left out as drafts (a preview shows them)
    inputs: str | None = None  # build only: the key of its inputs (memo.py), when known
    # src_uri -> what each brief page was made from (pages/origins.py); a build's only
    origins: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    # the other pages, by a digest of their template and arguments (pages/origins.py)
    rendered: dict[bytes, tuple[str, bytes]] = field(
        default_factory=dict, repr=False, compare=False
    )
    ranking: Ranked | None = field(default=None, repr=False, compare=False)  # rerank.py

    def offered(self) -> Origins:
        """Its pages and ranking, for a later generation to take (pages/origins.py)."""
        return Origins(self.files, self.origins, self.rendered, self.ranking)


def generate(
    config: BriefsConfig,
    site_name: str,
    directory_urls: bool = True,
    site_url: str | None = None,
    preview: bool = False,
    memory: Memory | None = None,
) -> Generated:
    """Read, check, enrich and render every seed into the files MkDocs should publish.

    A `preview` (for `serve`) also shows drafts, and shows each invalid seed's problems on
    its page instead of stopping. Drafts never reach the feeds or the JSON API. Unless
    previewing, the result is reused whole when no input changed (see memo.py); a preview
    reuses, from its `memory`, what the last rebuild made from the same inputs.
    """
    COMPILED.load(config.template_cache_path)  # the templates, as the last build compiled them
    if preview:
        if memory is not None:
            memory.begin(config, (site_name, directory_urls, site_url))
        result = _generate(config, site_name, directory_urls, site_url, preview, memory)
        if memory is None:
            return _warned(result)
        new, still = memory.unseen(result.warnings)
        _log_warnings(new)
        if still:
            log.info(messages.WARNINGS_STILL_APPLY(count=messages.count(still, "warning")))
        return result
    start = time.perf_counter()
    arguments = (site_name, directory_urls, site_url)
    result, reused, key = memoized(
        config, arguments, lambda offered: _generate(config, *arguments, offered=offered), _offer
    )
    if not reused:
        return _warned(replace(result, inputs=key))
    briefs = result.timings.briefs
    timings = Timings(time.perf_counter() - start, EnrichTimes(cached=briefs), 0.0, briefs)
    return _warned(replace(result, timings=timings, inputs=key))


def as_built(
    config: BriefsConfig, site_name: str, directory_urls: bool, site_url: str | None, memory: Memory
) -> Generated | None:
    """The preview's first generation, when it is the last build's: every seed is valid
    and none is a draft (parsed into `memory`, for the rebuilds after), and the build
    stored its generation from these very inputs (memo.py). None otherwise; then, if the
    build's generation had the same settings, templates and code, the generation that
    follows takes its brief pages that would come out the same (Memory.take)."""
    start = time.perf_counter()
    arguments = (site_name, directory_urls, site_url)
    COMPILED.load(config.template_cache_path)
    memory.begin(config, arguments)
    briefs, problems = read_all(config, memory=memory)
    memory.stored = None  # read: the parsed seeds the build kept need not stay
    found = stored(config, arguments)
    result = found[1] if found is not None else None
    if not isinstance(result, Generated):
        return None
    if not (found and found[0]) or problems or any(brief.front.draft for brief in briefs):
        memory.take(result.offered())
        return None
    _log_warnings(memory.unseen(result.warnings)[0])
    count = result.timings.briefs
    timings = Timings(time.perf_counter() - start, EnrichTimes(cached=count), 0.0, count)
    return replace(result, timings=timings)


def remember(
    config: BriefsConfig,
    site_name: str,
    directory_urls: bool,
    site_url: str | None,
    memory: Memory,
    built: Generated,
) -> None:
    """Fill the preview's `memory` with a whole generation, as a rebuild would, without a
    word (its warnings were shown): after a first rebuild `as_built` made, from `built`,
    whose brief pages are taken instead of rendered again (Memory.take)."""
    memory.take(built.offered())
    memory.begin(config, (site_name, directory_urls, site_url))
    result = _generate(config, site_name, directory_urls, site_url, True, memory)
    memory.unseen(result.warnings)


def _links(
    items: Sequence[EnrichedBrief], last: Ranked | None
) -> tuple[dict[str, BriefLinks], Ranked | None]:
    """Every brief's links, and the related ranking, made again from `last` (a stored
    generation's) only where edits reach."""
    if not items:
        return {}, None
    from generator.pages.rerank import Ranker  # numpy and scipy: on first use

    ranker, order = Ranker(last), tuple(item.brief.stem for item in items)
    related = related_briefs(items, near=ranker.near(order, CANDIDATES))
    return brief_links(items, related), ranker.last


def _offer(stored: object) -> Origins | None:
    """What a stored generation offers the next (pages/origins.py)."""
    return stored.offered() if isinstance(stored, Generated) else None


def _warned(result: Generated) -> Generated:
    _log_warnings(result.warnings)
    return result


def _log_warnings(warnings: Sequence[Problem]) -> None:
    """Log warnings about valid seeds, as `check` shows them; they never stop a build."""
    for problem in warnings:
        log.warning("%s:%d: warning: %s", problem.path, problem.line, problem.message)


def _generate(
    config: BriefsConfig,
    site_name: str,
    directory_urls: bool,
    site_url: str | None,
    preview: bool = False,
    memory: Memory | None = None,
    offered: Origins | None = None,
) -> Generated:
    """A whole generation; `offered`: a stored one's pages and ranking, made with the same
    settings, templates and code (pages/origins.py), as `memory` offers a preview's."""
    start = time.perf_counter()
    origins = offered or Origins()
    address = SiteAddress(require_site_url(site_url), directory_urls)  # feeds need it
    seeds = None if memory else SeedCache(config)  # a build's: the seeds it parsed last
    briefs, problems = read_all(config, memory=memory or seeds)  # parse and validate all seeds
    if memory is not None:
        memory.stored = None  # read: the parsed seeds the build kept need not stay
    if problems and not preview:
        raise SeedError(problems)
    shown = [brief for brief in briefs if preview or not brief.front.draft]
    parsed = time.perf_counter()
    pooled = len(shown) >= POOL_THRESHOLD  # summarized on every core: the drawer yields
    ahead = memory.draws_ahead if memory else True  # else a preview's pages draw the few
    with drawn_ahead(pooled, trend_charts, shown, config, ahead=ahead) as drawer:  # free core
        enriched, enrich_times = (  # cached, on every core
            memory.enrich(shown, config) if memory else enrich_all(shown, config)
        )
        if seeds is not None:  # the warnings `check` shows, so that it need not lint them
            lint_unlinted(seeds, enriched, config)
            seeds.save()
        rendering = time.perf_counter()
        scores = [item.readability.flesch_reading_ease for item in enriched]
        drawer.draw(ease_chart, scores, config.charts_path)  # for the stats page
        assigned = memory.assign if memory else assign_assets  # front matter applied
        ordered = newest_first(assigned(enriched, config.assets))
        warnings = [w for item in ordered if (w := label_check(item.brief, item.tone, config))]
        assets = group_assets(ordered, config.assets)
        if ahead:  # the asset pages' figures, counted for the drawer only
            drawer.draw(draw_trends, asset_trends(assets, config.sentiments), config.charts_path)
        groups = group_tags(ordered)
        published = [item for item in ordered if not item.brief.front.draft]
        published_assets = group_assets(published, config.assets)
        feeds = make_feeds(site_name, published, config.sentiments, published_assets)
        digests = digest_feed(site_name)
        reuse = memory.reuse if memory else afresh  # what the last rebuild made, if kept
        published_days = group_days(published)
        data = [
            *feed_files(feeds.all, address, config.feed_items, config.build_time, reuse),
            *digest_feed_files(
                digests, published_days, address, config.feed_items, config.build_time, reuse
            ),
            briefs_json(published, directory_urls, reuse),
            *asset_json(published_assets, directory_urls, reuse),
            facets_json(config.sentiments, published_assets),
        ]
        remembered = memory.remembered() if memory else origins
        later = memory.later if memory else None  # a preview's list pages, when first read
        builder = PageBuilder(config, site_name, directory_urls, feeds, remembered, later)
        if memory is not None:
            links, ranking = memory.brief_links(ordered), None
        else:  # related briefs ranked again only where the edits since the stored ones reach
            links, ranking = _links(ordered, origins.ranking)
        make = (
            partial(memory.brief_page, make=builder.brief)
            if memory
            else partial(origins.page, make=builder.brief)
        )
        brief_pages = [make(item, links.get(item.brief.stem, NO_LINKS)) for item in ordered]
    days, daily = group_days(ordered), DailyPages(builder)
    pages = builder.build(ordered, groups, brief_pages, daily.lead(days, HOME))
    pages += daily.build(days, digests, reuse)
    pages += SectionPages(builder, reuse).build(ordered, assets)
    files = [*pages, *error_pages(problems, config, taken={page.src_uri for page in pages}), *data]
    taken = memory.taken if memory else origins.taken
    rendered = time.perf_counter() - rendering
    timings = Timings(parsed - start, enrich_times, rendered, len(published), taken)
    tag_pages = {tag_key(g.name): tag_src(g) for g in groups}
    drafts = len(briefs) - len(shown) if not preview else 0
    stored = memory is None  # a preview's generation is never stored
    return Generated(
        files,
        timings,
        tag_pages,
        tuple(sorted(warnings)),
        drafts,
        origins=origins.made if stored else {},
        rendered=origins.rendered if stored else {},
        ranking=ranking,
    )
