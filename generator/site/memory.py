"""What the live preview keeps in memory between rebuilds, so that a save costs what it touches.

`serve` is one long process, and a fresh generation reads, parses, enriches and renders
every seed although most of it came out the same at the last rebuild. `Memory` keeps, for
the settings and templates it was filled with:

- each seed's bytes and what parsing them gave (a Brief, or its problems);
- each brief's enrichment, by the Brief it was made from (no JSON cache read per save);
- each rendered page, with the exact template arguments it was rendered from;
- the ranking of related briefs, with the texts it was computed from (linkmemory.py).

Each is reused only when its inputs equal the last ones, so the result is the same as a
fresh generation's. A change to the settings or to any template empties it all; what the
last rebuild did not use is dropped, so it holds one generation's worth at most, besides
what a stored generation offers to the next one (`take`: the preview's first rebuild, and
the background fill after it), which is dropped too when a setting or a template changed
since the offer.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TypeVar, cast

from generator.config import BriefsConfig
from generator.enrich.assets import assign_assets
from generator.enrich.cache import EnrichmentCache
from generator.enrich.enrichment import EnrichTimes, enrich_all
from generator.pages.origins import Origins
from generator.pages.related import BriefLinks
from generator.pages.render import Remembered
from generator.seeds.assetlist import Asset
from generator.seeds.errors import Problem, SeedError
from generator.seeds.files import Signature
from generator.seeds.model import Brief, EnrichedBrief, GeneratedFile
from generator.seeds.seedcache import SeedCache
from generator.site.linkmemory import LinkMemory
from generator.site.recent import Pages, Recent

T = TypeVar("T")


Parsed = Brief | tuple[Problem, ...]  # a seed's Brief, or the problems that stopped it


class Memory:
    """The preview's parsed seeds, enrichments, rendered pages and related briefs."""

    def __init__(self) -> None:
        self._key: str | None = None
        self._warned: frozenset[Problem] = frozenset()  # shown to the author already
        # A stored generation's brief pages, offered to the next generation (`take`), and
        # to this one.
        self._offered: Origins | None = None
        self._taking: Origins | None = None
        # Rebuild the preview: after a ranking left for later (linkmemory.py); None: no later
        self.wake: Callable[[], None] | None = None
        # Whether a list page may be rendered when first read (Preview.begin, later.py)
        self.later: Callable[[str], bool] | None = None
        self.stored: SeedCache | None = None  # see `begin`
        self._forget()

    def unseen(self, warnings: Sequence[Problem]) -> tuple[tuple[Problem, ...], int]:
        """The warnings the last rebuild did not show, and how many others it showed: a save
        logs what it changed, not the 500 warnings of an archive again."""
        new = tuple(w for w in warnings if w not in self._warned)
        self._warned = frozenset(warnings)
        return new, len(warnings) - len(new)

    def _forget(self) -> None:
        self.seeds: Recent[Path, tuple[Signature | None, bytes, Parsed]] = Recent()
        self.enriched: Recent[str, tuple[Brief, EnrichedBrief]] = Recent()  # by stem
        self.pages = Pages()
        self.links = LinkMemory()  # the related ranking's
        self.enrichments: EnrichmentCache | None = None
        self.made: Recent[str, tuple[tuple[object, ...], object, tuple[str, ...]]] = Recent()
        self._reusing: list[list[str]] = []  # keys reused within each `reuse` making

    def begin(self, config: BriefsConfig, arguments: tuple[object, ...]) -> None:
        """Start a generation; forget everything when a setting or a template changed."""
        key = _settings_key(config, arguments)
        if key != self._key:
            self._forget()
            self._key = key
            self._offered = None  # made with other settings or templates
        self._taking, self._offered = self._offered, None
        # A first generation asks the seeds a build or `check` kept before parsing any.
        self.stored = None if self.seeds.current() else SeedCache(config)
        self.seeds.next_generation()
        self.enriched.next_generation()
        self.pages.next_generation()
        self.links.terms.next_generation()
        self.made.next_generation()

    @property
    def draws_ahead(self) -> bool:
        """Whether this generation should draw the charts in a process of its own: only one
        that enriches for the first time since the memory was filled (after `as_built`, the
        fill behind it). After it, a save changes a few charts at most; forking a drawer
        (which imported matplotlib again each time) cost more than drawing those here."""
        return self.enrichments is None

    def known(self, path: Path, signature: Signature) -> Brief | None:
        """What the seed gave last time, when its file is the one it was read from then
        (files.settled); None when it must be read. SeedError as it raised."""
        found = self.seeds.get(path)
        if found is None or found[0] != signature:
            return None
        return _parsed(found[2])

    def parse(
        self, path: Path, data: bytes, parse: Callable[[], Brief], signature: Signature | None
    ) -> Brief:
        """The Brief these bytes gave last time, or `parse()`; SeedError as it raised."""
        found = self.seeds.get(path)
        if found is not None and found[1] == data:
            parsed = found[2]
        else:
            try:
                parsed = self.stored.parse(path, data, parse, signature) if self.stored else parse()
            except SeedError as error:
                parsed = tuple(error.problems)
        self.seeds.put(path, (signature, data, parsed))
        return _parsed(parsed)

    def enrich(
        self, briefs: Sequence[Brief], config: BriefsConfig
    ) -> tuple[list[EnrichedBrief], EnrichTimes]:
        """Enrich the briefs, reusing each one's from the last rebuild when its Brief is the
        same object (parsed from the same bytes). The enrichment cache is read once, and
        written only by the first rebuild: `build` summarizes again what was edited since."""
        first = self.enrichments is None
        if self.enrichments is None:
            self.enrichments = EnrichmentCache.load(config.cache_path)
        kept: dict[str, EnrichedBrief] = {}
        for brief in briefs:
            found = self.enriched.get(brief.stem)
            if found is not None and found[0] is brief:
                kept[brief.stem] = found[1]
        missing = [brief for brief in briefs if brief.stem not in kept]
        made, times = enrich_all(missing, config, cache=self.enrichments, save=first)
        for brief, item in zip(missing, made, strict=True):
            self.enriched.put(brief.stem, (brief, item))
            kept[brief.stem] = item
        for brief in briefs:
            self.enriched.put(brief.stem, (brief, kept[brief.stem]))
        return [kept[brief.stem] for brief in briefs], replace(
            times, cached=times.cached + len(briefs) - len(missing)
        )

    def assign(
        self, items: Sequence[EnrichedBrief], assets: Sequence[Asset]
    ) -> list[EnrichedBrief]:
        """`assign_assets`, each brief's result kept while its enrichment is the same object:
        a brief that did not change stays the same object, and what is made from it can be
        found again by identity (`brief_page`), or compared at the speed of identity."""
        one = partial(_assigned, assets=assets)
        return [self.reuse(f"assets\0{i.brief.stem}", (i,), partial(one, i)) for i in items]

    def brief_page(
        self, item: EnrichedBrief, links: BriefLinks, make: Callable[..., GeneratedFile]
    ) -> GeneratedFile:
        """`make(item, links)`, or the last rebuild's page when the brief and every brief it
        links to are the same objects (so their pages read the same), or else the offered
        generation's page when made from equal briefs (pages/origins.py)."""
        linked = (item, links.previous, links.next, *links.related)

        def made() -> GeneratedFile:
            taking = self._taking
            return (taking and taking.taken_page(item, links)) or make(item, links)

        return self.reuse(f"brief\0{item.brief.stem}", linked, made)

    def remembered(self) -> Remembered:
        """The pages the renderer may reuse: the last rebuild's, then a stored generation's
        offered to this one (`take`), found by what they were made from."""
        taking = self._taking
        return self.pages if taking is None else _Either(self.pages, taking)

    @property
    def taken(self) -> int:
        """How many pages this generation took from the generation offered to it."""
        return self._taking.taken if self._taking is not None else 0

    def take(self, stored: Origins) -> None:
        """Offer a stored generation (a build's, memo.py) to the next generation, unless a
        setting or a template changes before it: each page that would be made from the same
        (pages/origins.py) is taken instead of rendered again, and the related ranking is
        made again from its ranking where edits reach."""
        self._offered = stored

    def reuse(self, key: str, objects: Sequence[object], make: Callable[[], T]) -> T:
        """What the last rebuild made under `key` from the same objects, or `make()`: brief
        pages and assets here; feeds, the digest feed and its days, the JSON API's records
        (pages/reuse.py). What `make`
        reused itself is kept along, so a hit keeps it too for the next miss."""
        found = self.made.get(key)
        if found is not None and _same(found[0], objects):
            for inner in found[2]:
                self.made.get(inner)  # kept for this generation as well
            if self._reusing:  # inside another's making: kept with it
                self._reusing[-1] += [key, *found[2]]
            return cast(T, found[1])
        self._reusing.append([])
        try:
            made = make()
        finally:
            inner_keys = tuple(self._reusing.pop())
        if self._reusing:
            self._reusing[-1] += [key, *inner_keys]
        self.made.put(key, (tuple(objects), made, inner_keys))
        return made

    def brief_links(self, items: Sequence[EnrichedBrief]) -> dict[str, BriefLinks]:
        """Every brief's links, the related ranking reused or remade (linkmemory.py)."""
        return self.links.brief_links(items, self._taking, self.wake)


class _Either:
    """The last rebuild's pages, then a stored generation's; what is found is kept in the
    first, where the next rebuild looks."""

    def __init__(self, pages: Pages, stored: Origins) -> None:
        self._pages, self._stored = pages, stored

    def find(self, key: tuple[str, str], arguments: object) -> object | None:
        found = self._pages.find(key, arguments)
        if found is None:
            found = self._stored.find(key, arguments)
            if found is not None:
                self._pages.keep(key, arguments, found)
        return found

    def keep(self, key: tuple[str, str], arguments: object, rendered: object) -> None:
        self._pages.keep(key, arguments, rendered)


def _same(last: Sequence[object], now: Sequence[object]) -> bool:
    """Whether the two hold the very same objects, in order."""
    return len(last) == len(now) and all(a is b for a, b in zip(last, now, strict=True))


def _assigned(item: EnrichedBrief, assets: Sequence[Asset]) -> EnrichedBrief:
    return assign_assets([item], assets)[0]


def _parsed(parsed: Parsed) -> Brief:
    if isinstance(parsed, tuple):
        raise SeedError(list(parsed))
    return parsed


def _settings_key(config: BriefsConfig, arguments: tuple[object, ...]) -> str:
    """Digest of the settings and of every template: what all memories depend on."""
    digest = hashlib.sha256(repr((config, arguments)).encode())
    folder = config.templates_path
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(f"\0{path.relative_to(folder).as_posix()}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
