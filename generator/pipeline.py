"""The generator's one pipeline: seeds -> briefs -> enriched briefs -> pages."""

from __future__ import annotations

from generator.api import briefs_json
from generator.config import BriefsConfig
from generator.enrich import enrich_all
from generator.model import GeneratedFile
from generator.pages import PageBuilder, newest_first
from generator.parse import load_all


def generate(
    config: BriefsConfig, site_name: str, directory_urls: bool = True
) -> list[GeneratedFile]:
    """Read, check, enrich and render every seed into the files MkDocs should publish."""
    briefs = load_all(config)  # parse and validate all seeds; raises with every problem
    published = [brief for brief in briefs if not brief.front.draft]
    enriched = newest_first(enrich_all(published, config))
    pages = PageBuilder(config, site_name, directory_urls).build(enriched)
    return [*pages, briefs_json(enriched, directory_urls)]
