"""A content-addressed cache of enrichments, so unchanged seeds are never re-summarized.

One JSON file under `.cache/` (git-ignored, safe to delete) maps a hash of everything an
enrichment depends on to its result. Each save keeps only the entries the build used.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

from generator.config import BriefsConfig
from generator.seeds.model import Brief, Enrichment, Readability, Tone

log = logging.getLogger(__name__)

# Bump when summaries or readability figures would change for the same input.
CACHE_VERSION = "3"


def cache_key(brief: Brief, config: BriefsConfig) -> str:
    """Hash of the text, summary override and settings that shape the enrichment."""
    material = [
        CACHE_VERSION,
        config.summarizer,
        config.summary_sentences,
        repr(config.assets),
        brief.front.summary,
        brief.headline,
        brief.article,
        brief.implications,
    ]
    return hashlib.sha256(json.dumps(material, ensure_ascii=False).encode()).hexdigest()


class EnrichmentCache:
    """Enrichments by cache key, loaded from and saved to one JSON file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._entries: dict[str, Enrichment] = {}
        self._used: set[str] = set()
        self.dirty = False

    @classmethod
    def load(cls, path: Path) -> EnrichmentCache:
        """Read the cache file; a missing or unreadable one gives an empty cache."""
        cache = cls(path)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            cache._entries = {key: _from_json(value) for key, value in raw["entries"].items()}
        except FileNotFoundError:
            pass
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.warning("ignoring unreadable cache %s (%s); it will be rebuilt", path, error)
        return cache

    def get(self, key: str) -> Enrichment | None:
        """The cached enrichment for `key`, if any."""
        found = self._entries.get(key)
        if found is not None:
            self._used.add(key)
        return found

    def put(self, key: str, value: Enrichment) -> None:
        """Remember an enrichment."""
        self._entries[key] = value
        self._used.add(key)
        self.dirty = True

    def save(self) -> None:
        """Write the used entries atomically, sorted so the file is reproducible."""
        if not self.dirty and self._used == set(self._entries):
            return
        entries = {key: asdict(self._entries[key]) for key in sorted(self._used)}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        temporary.write_text(json.dumps({"version": CACHE_VERSION, "entries": entries}))
        temporary.replace(self.path)


def _from_json(value: dict[str, Any]) -> Enrichment:
    return Enrichment(
        summary=tuple(value["summary"]),
        readability=Readability(**value["readability"]),
        about=tuple(value["about"]),
        mentioned=tuple(value["mentioned"]),
        tone=Tone(
            float(value["tone"]["score"]),
            tuple(value["tone"]["most_negative"]),
            tuple(value["tone"]["most_positive"]),
        ),
    )
