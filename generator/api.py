"""The static JSON API: site/api/briefs.json, documented in docs/api.md."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from generator.model import EnrichedBrief, GeneratedFile
from generator.urls import page_url

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
        "source": brief.front.source,
        "readability": {
            "flesch_reading_ease": readability.flesch_reading_ease,
            "grade_level": readability.grade_level,
            "reading_time_seconds": readability.reading_time_seconds,
            "word_count": readability.word_count,
        },
    }


def briefs_json(items: Sequence[EnrichedBrief], directory_urls: bool) -> GeneratedFile:
    """The list of every published brief, newest first."""
    document = {
        "schema_version": SCHEMA_VERSION,
        "count": len(items),
        "briefs": [brief_record(item, directory_urls) for item in items],
    }
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return GeneratedFile(API_SRC, text)
