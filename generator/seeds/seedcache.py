"""Parsed seeds, and `check`'s warnings about them, by content, kept between runs.

Parsing 10,000 seeds takes two seconds, their front matter most of it, and linting them one
more. Both depend only on a seed's bytes, where it is shown from, the settings and the
code, so `SeedCache` keeps each result under a hash of exactly those, in one file in
`.cache/briefs/` (git-ignored, safe to delete). A build fills it as it parses (`read_all`
with the cache as its memory) and lints what it lacks; `check` reads it, and stores what
it had to work out itself; `serve`'s first generation reads it (site/memory.py). A
damaged file is ignored with one warning, and a run that cannot write the file works as
without it.
"""

from __future__ import annotations

import hashlib
import logging
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import cast

from generator.config import EPOCH_ZERO, BriefsConfig
from generator.enrich.cache import LIBRARIES as ENRICHMENT_LIBRARIES
from generator.seeds.errors import Problem, SeedError
from generator.seeds.files import Signature, displayer
from generator.seeds.model import Brief
from generator.utils.atomic import package_digest, versions, warn_damaged
from generator.utils.sealed import dump_pickle, load_pickle

log = logging.getLogger(__name__)

# Bump when the stored form changes; code, settings and library changes are in the key.
VERSION = 1
# What parses seeds, and what the enrichment behind the warnings is made with.
LIBRARIES = ("pyyaml", *ENRICHMENT_LIBRARIES)
WHAT = "seed cache"
FILE = "seeds.pickle"

Parsed = Brief | tuple[Problem, ...]  # a valid seed's Brief, or its problems
Entry = tuple[Parsed, tuple[Problem, ...] | None]  # and its warnings, once linted


class SeedCache:
    """What each seed gave last time, by content. As `read_all`'s memory (parse.Remembers)
    it hands back the Brief a seed's bytes gave, or parses them."""

    def __init__(self, config: BriefsConfig) -> None:
        self.path = config.cache_dir / FILE
        self.key = _settings_key(config)
        self._shown = displayer(config)
        self._entries = self._load()
        self._used: dict[str, Entry] = {}
        self._keys: dict[str, str] = {}  # a parsed brief's path (as shown) -> its entry's key
        self.changed = False

    def _load(self) -> dict[str, Entry]:
        stored = load_pickle(self.path, WHAT)
        if not (isinstance(stored, tuple) and len(stored) == 2 and isinstance(stored[1], dict)):
            return {}
        key, entries = stored
        if key != self.key:  # other settings or code: all stale
            return {}
        if not all(_is_entry(entry) for entry in entries.values()):
            warn_damaged(self.path, WHAT, "an entry is not a parsed seed")
            return {}
        return cast(dict[str, Entry], entries)

    def known(self, path: Path, signature: Signature) -> Brief | None:
        """Never by the file's times alone: its bytes are read and compared."""
        return None

    def parse(
        self, path: Path, data: bytes, parse: Callable[[], Brief], signature: Signature | None
    ) -> Brief:
        """The Brief these bytes gave last time, or `parse()`; SeedError as it raised."""
        shown = self._shown(path)
        key = hashlib.sha256(f"{shown}\0{path.stem}\0".encode() + data).hexdigest()
        entry = self._entries.get(key)
        if entry is None:
            try:
                parsed: Parsed = parse()
            except SeedError as error:
                parsed = tuple(error.problems)
            entry = (parsed, None)
            self.changed = True
        self._used[key] = entry
        if isinstance(parsed := entry[0], tuple):
            raise SeedError(list(parsed))
        self._keys[parsed.path] = key
        return parsed

    def warnings(self, brief: Brief) -> tuple[Problem, ...] | None:
        """The brief's warnings, when it was linted before."""
        key = self._keys.get(brief.path)
        return self._used[key][1] if key is not None else None

    def linted(self, brief: Brief, warnings: tuple[Problem, ...]) -> None:
        """Keep the warnings lint found for a brief this cache parsed."""
        key = self._keys.get(brief.path)
        if key is not None:
            self._used[key] = (self._used[key][0], warnings)
            self.changed = True

    def save(self) -> None:
        """Write the entries this run used (it read every seed); nothing when nothing
        changed. A file that cannot be written is left as it was: the cache only saves
        time."""
        if not self.changed and len(self._used) == len(self._entries):
            return
        kept = dict(sorted(self._used.items()))
        try:
            dump_pickle(self.path, (self.key, kept))
        except OSError as error:
            log.debug("seed cache not written: %s", error)


def _is_entry(entry: object) -> bool:
    if not (isinstance(entry, tuple) and len(entry) == 2):
        return False
    parsed, warnings = entry
    return (isinstance(parsed, Brief) or (isinstance(parsed, tuple) and _problems(parsed))) and (
        warnings is None or (isinstance(warnings, tuple) and _problems(warnings))
    )


def _problems(items: tuple[object, ...]) -> bool:
    return all(isinstance(item, Problem) for item in items)


def _settings_key(config: BriefsConfig) -> str:
    """The settings, code and libraries. Neither where the project is nor the build's time
    is part of it (the settings' repr leaves paths out), so a checkout elsewhere (CI) with
    the cache restored finds the same entries."""
    settings = repr(replace(config, build_time=EPOCH_ZERO))
    libraries = sorted(versions(LIBRARIES).items())
    material = (VERSION, settings, package_digest(), libraries, sys.version)
    return hashlib.sha256(repr(material).encode()).hexdigest()
