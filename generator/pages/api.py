"""The static JSON API: site/api/briefs.json, documented in docs/api.md."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import partial
from typing import Any

from generator.enrich.assets import AssetGroup
from generator.pages.reuse import Reuse, afresh
from generator.pages.urls import page_url
from generator.seeds.model import EnrichedBrief, GeneratedFile, Sentiment

SCHEMA_VERSION = 1
API_SRC = "api/briefs.json"


def brief_record(item: EnrichedBrief, directory_urls: bool) -> dict[str, Any]:
    """One brief as the API describes it; seed text is plain, unescaped JSON strings."""
    brief, readability = item.brief, item.readability
    return {
        "id": brief.stem,
        "url": page_url(f"briefs/{brief.slug}.md", directory_urls),
        "headline": brief.headline,
        "date": brief.date.isoformat() if brief.date else None,
        "sentiment": brief.sentiment.name,
        "summary": list(item.summary),
        "tags": list(brief.tags),
        "assets": list(item.assets),
        "mentions": list(item.mentions),
        "source": brief.front.source,
        "readability": {
            "flesch_reading_ease": readability.flesch_reading_ease,
            "grade_level": readability.grade_level,
            "reading_time_seconds": readability.reading_time_seconds,
            "word_count": readability.word_count,
        },
    }


def briefs_json(
    items: Sequence[EnrichedBrief], directory_urls: bool, reuse: Reuse = afresh
) -> GeneratedFile:
    """The list of every published brief, newest first. Compact JSON is the same whole or
    in parts: each brief's record is dumped on its own (and kept while it is unchanged)."""
    head = _dump({"schema_version": SCHEMA_VERSION, "count": len(items)})[:-2]  # no "}\n"
    records = ",".join(
        reuse(
            f"record\0{item.brief.stem}\0{directory_urls}",
            (item,),
            partial(_record_json, item, directory_urls),
        )
        for item in items
    )
    return GeneratedFile(API_SRC, f'{head},"briefs":[{records}]}}\n')


def _record_json(item: EnrichedBrief, directory_urls: bool) -> str:
    return _dump(brief_record(item, directory_urls))[:-1]  # no newline


def asset_json(
    groups: Sequence[AssetGroup], directory_urls: bool, reuse: Reuse = afresh
) -> list[GeneratedFile]:
    """api/assets.json listing the assets, and one api/assets/<slug>.json per asset, whose
    list of briefs is dumped a brief at a time, as in `briefs_json`."""
    files = []
    index = []
    for group in groups:
        asset = group.asset
        path = f"api/assets/{asset.slug}.json"
        summary = {
            "ticker": asset.ticker,
            "names": list(asset.names),
            "url": page_url(f"asset/{asset.slug}.md", directory_urls),
            "api": path,
            "count": len(group.items),
        }
        index.append(summary)
        sentiments: dict[str, int] = {}
        for item in group.items:
            name = item.brief.sentiment.name
            sentiments[name] = sentiments.get(name, 0) + 1
        head = _dump({"schema_version": SCHEMA_VERSION, **summary, "sentiments": sentiments})
        links = ",".join(
            reuse(
                f"link\0{item.brief.stem}\0{directory_urls}",
                (item,),
                partial(_link_json, item, directory_urls),
            )
            for item in group.items
        )
        files.append(GeneratedFile(path, f'{head[:-2]},"briefs":[{links}]}}\n'))
    listing = {"schema_version": SCHEMA_VERSION, "count": len(index), "assets": index}
    return [GeneratedFile("api/assets.json", _dump(listing)), *files]


def _link_json(item: EnrichedBrief, directory_urls: bool) -> str:
    """A brief in an asset's file: enough to list it; briefs.json has the rest."""
    full = brief_record(item, directory_urls)
    link = {key: full[key] for key in ("id", "url", "headline", "date", "sentiment")}
    return _dump(link)[:-1]  # no newline


def _dump(document: dict[str, Any]) -> str:
    """Compact JSON: programs read it, and indenting would add an eighth to each file."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


FACETS_SRC = "search-facets.json"


def facets_json(sentiments: Sequence[Sentiment], groups: Sequence[AssetGroup]) -> GeneratedFile:
    """What the search panel offers to narrow by: every sentiment, and each asset with briefs.

    Values are those of the brief pages' Pagefind filters (brief.md.j2); the search script
    fetches this small file instead of every filter's index.
    """
    document = {
        "sentiment": [
            {"value": s.name, "slug": s.slug, "icon": s.icon, "tone": s.tone} for s in sentiments
        ],
        "asset": [
            {"value": g.asset.ticker, "slug": g.asset.slug, "label": g.asset.label} for g in groups
        ],
    }
    return GeneratedFile(FACETS_SRC, json.dumps(document, ensure_ascii=False) + "\n")
