"""The generator's one pipeline: seeds -> briefs -> enriched briefs -> pages."""

from __future__ import annotations

from generator.api import briefs_json
from generator.config import BriefsConfig
from generator.enrich import enrich_all
from generator.errors import SeedError
from generator.model import GeneratedFile
from generator.pages import PageBuilder, newest_first
from generator.parse import read_all
from generator.preview import error_pages


def generate(
    config: BriefsConfig, site_name: str, directory_urls: bool = True, preview: bool = False
) -> list[GeneratedFile]:
    """Read, check, enrich and render every seed into the files MkDocs should publish.

    A `preview` (for `serve`) also shows drafts, and shows each invalid seed's problems on
    its page instead of stopping.
    """
    briefs, problems = read_all(config)  # parse and validate all seeds
    if problems and not preview:
        raise SeedError(problems)
    shown = [brief for brief in briefs if preview or not brief.front.draft]
    enriched = newest_first(enrich_all(shown, config))
    pages = PageBuilder(config, site_name, directory_urls).build(enriched)
    broken = error_pages(problems, config, taken={page.src_uri for page in pages})
    published = [item for item in enriched if not item.brief.front.draft]
    return [*pages, *broken, briefs_json(published, directory_urls)]
