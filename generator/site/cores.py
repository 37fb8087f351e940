"""MkDocs' per-page work on every core, for the generated pages.

MkDocs converts and renders pages one after another on one core. Two steps spread the
generated pages (`CachedPage`s: made by the generator, outside the nav) over forked
processes:

- `convert_ahead` converts the pages the render cache lacks, before MkDocs reads them;
- `pages_on_every_core` (in renderhelper.py) has a forked helper render and write every
  other generated page through the theme while this process does the rest.

Both are only a head start. The helpers inherit the build's state and run the same MkDocs
code; a page whose work fails or logs a warning in a helper is done again here, so errors
and warnings are reported exactly as MkDocs reports them, and the site is the same either
way. Fork is used for both: helpers need the whole build's state, which cannot be pickled.

A helper that dies (killed from outside: the kernel's out-of-memory killer is the usual
one) or outlasts its bound is treated the same way: its pages are done here. That costs
at most the time the build takes without helpers, and gives the same site, byte for byte;
failing the build instead would turn a slower build into no build.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from generator.site.rendercache import CachedPage, Converted, RenderCache, links_out
from generator.utils import atomic
from generator.utils.children import ChildDied
from generator.utils.pools import WorkerPool

log = logging.getLogger(__name__)

# Below this many pages, starting another process costs more than it saves.
THRESHOLD = 64
# Above this many, one process: a forked helper soon holds copies of much of the build's
# memory, which grows with the site. At 10,000 briefs (cold, 2026-12-02) the helpers made
# the build 17 % faster and its peak (PSS, all processes) 0.96 GiB instead of 0.69 GiB:
# about 27 KiB a page, so 50,000 briefs would peak near 3.2 GiB instead of 1.9.
MOST = 5000
# Conversions travel from the workers in batches of this many pages.
AHEAD_CHUNK = 16


def core_count() -> int:
    return os.cpu_count() or 1


class Warned:
    """In a helper: logs go nowhere, but a warning or worse is noted (the build does the
    helper's pages again, so that MkDocs tells and counts it). A damaged cache is said by
    the helper that found it, and is no reason to: the helper rebuilds it, and the build
    would find it sound again and say nothing.

    Class state on purpose: it is set only in forked helpers, each of which has its own.
    """

    seen = False

    @classmethod
    def install(cls) -> None:
        said = logging.Logger.callHandlers

        def call_handlers(logger: logging.Logger, record: logging.LogRecord) -> None:
            if record.name == atomic.log.name:
                said(logger, record)
                return
            cls.seen = cls.seen or record.levelno >= logging.WARNING

        logging.Logger.callHandlers = call_handlers  # type: ignore[method-assign,assignment]


# In a worker of `convert_ahead` only, set by the pool's initializer: tasks name pages by
# index, since pickling each page for its worker would cost more than converting it.
_AHEAD: tuple[Sequence[CachedPage], MkDocsConfig, Files] | None = None


def _receive(pages: Sequence[CachedPage], config: MkDocsConfig, files: Files) -> None:
    """In a new worker: keep what the workers convert (inherited through fork, not pickled)."""
    global _AHEAD
    _AHEAD = (pages, config, files)


def convert_ahead(
    pages: Sequence[CachedPage],
    config: MkDocsConfig,
    files: Files,
    cache: RenderCache,
    known: int = 0,
) -> Ahead | None:
    """Start converting the pages the cache lacks on every core; None if not worth it: when
    all but a few of them are `known` to be in it (taken from the last generation, whose
    build converted them), MkDocs converts those few itself, without forking.

    This only fills the cache: MkDocs still reads every page, runs the plugins' events and
    looks each page up by its key, so a page converted here that the build would convert
    differently is simply converted again. Call it once the files and the nav are final;
    MkDocs then reads each page as soon as the workers have reached it (see `Ahead`).
    """
    workers = core_count()
    if workers < 2 or len(pages) - known < THRESHOLD or len(pages) > MOST:
        return None
    pool = WorkerPool("briefs-convert", _convert_one, workers, _receive, (pages, config, files))
    try:
        results = pool.map(range(len(pages)), chunksize=AHEAD_CHUNK)
    except ChildDied as error:  # already: MkDocs converts every page itself
        log.warning("%s; converting its pages here", error)
        return None
    ahead = Ahead(pool, results, pages, cache)
    cache.arriving = ahead.reach
    return ahead


class Ahead:
    """Conversions on their way from the workers, put in the cache as they arrive.

    They arrive in page order, the order in which MkDocs reads the pages, so a page waits
    only until the workers have reached it; MkDocs meanwhile goes on with the pages before
    it (and sends them to the search index).
    """

    def __init__(
        self,
        pool: WorkerPool[int, tuple[str, Converted] | None],
        results: Iterator[tuple[str, Converted] | None],
        pages: Sequence[CachedPage],
        cache: RenderCache,
    ) -> None:
        self._pool: WorkerPool[int, tuple[str, Converted] | None] | None = pool
        self._results = results
        self._positions = {id(page): position for position, page in enumerate(pages)}
        self._total = len(pages)
        self._received = 0
        self._cache = cache

    def reach(self, page: Page) -> None:
        """Wait until this page's conversion (if it has one coming) is in the cache."""
        position = self._positions.get(id(page), -1)
        try:
            while self._received <= position:
                result = next(self._results)
                self._received += 1
                if result is not None and result[0] not in self._cache:
                    self._cache.put(*result)
        except ChildDied as error:  # the pool is stopped: MkDocs converts the rest itself
            log.warning("%s; converting its pages here", error)
            self._pool = None
            self._received = self._total
        if self._received == self._total:
            self.close()

    def close(self) -> None:
        """Every conversion arrived (or none is wanted any more): let the workers go."""
        if self._pool is not None:
            self._pool.close()
        self._pool = None
        self._cache.arriving = None

    def stop(self) -> None:
        """The build failed or was interrupted: kill the workers."""
        if self._pool is not None:
            self._pool.abort()
        self._pool = None
        self._cache.arriving = None


def _convert_one(index: int) -> tuple[str, Converted] | None:
    """In a worker: read, pass through the plugins and convert one page, as a build would."""
    assert _AHEAD is not None
    pages, config, files = _AHEAD
    page = pages[index]
    Warned.install()
    Warned.seen = False
    try:
        page.read_source(config)
        assert page.markdown is not None
        page.markdown = config.plugins.on_page_markdown(
            page.markdown, page=page, config=config, files=files
        )
        if links_out(page.markdown):
            return None
        key = page.cache_key(page.markdown)
        if key in page.cache:
            return None
        converted = page.convert(config, files)
    except Exception:  # the build converts it again and reports any problem
        return None
    return None if converted is None or Warned.seen else (key, converted)
