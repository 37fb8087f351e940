"""The live preview's rebuilds: only the pages whose inputs changed are rendered again.

`serve` runs MkDocs in its dirty mode, which keeps the output folder between rebuilds and
skips every file whose `is_modified()` is false. A generated page is the product of its
Markdown and its fragments (the seed text), its address, and what every page shares: the
settings, the theme and the search bundles. `Preview` remembers what each generated file
was made from at the last rebuild; a file made from the same is not read, converted,
rendered or written again. When anything every page shares changes (`mkdocs.yml`, a theme
template, the number of search bundles), or a rebuild failed, the next one starts from an
empty folder and renders everything. Hand-written pages in docs/ follow MkDocs' own dirty
rule: a page whose file is newer than its output is built again. The first rebuild starts
from the last `build`, whose pages it equals (the site's own `site_url` kept): the pages
it made from the same inputs are linked from its output cache, and when no seed changed
since and none is a draft, its stored generation is taken whole while the memory below
fills in the background. What the generation itself reuses from the last rebuild is in
memory.py, and the search index is written after the reload, once the author pauses
(livesearch.py). So is Python's cyclic garbage collector (`IdleCollector`): a rebuild at
10,000 briefs makes millions of objects while the last rebuild's are still alive, and each
of the collector's full passes walks them all. So are the changed pages outside the
navigation and the search index that the server did not send lately (a label change
shifts some 150 list pages at 10,000 briefs): they are rendered on request first, the
others in the background (later.py).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory

from generator.config import BriefsConfig
from generator.pages.chartstore import load_charts
from generator.pages.deferred import LaterFile
from generator.pipeline import Generated, as_built, remember
from generator.seeds import messages
from generator.seeds.model import GeneratedFile
from generator.site.deferral import Deferral, Made
from generator.site.fragments import Fragments
from generator.site.idle import IdleCollector
from generator.site.later import Later
from generator.site.livesearch import LaterSearch
from generator.site.memory import Memory
from generator.site.outputcache import OutputCache, page_digest
from generator.site.previewfile import PreviewFile, QuietDirty, populate_skipped, shared_digest
from generator.site.rendercache import RenderCache
from generator.site.search import SearchIndex
from generator.site.searchdoc import SearchDocument

log = logging.getLogger(__name__)

Arguments = tuple[str, bool, str | None]  # site name, directory URLs, site URL


class Preview:
    """What the last rebuild of the preview was made from, page by page."""

    def __init__(self) -> None:
        self._shared: str | None = None  # digest of what every page depends on
        self.bundles = 1  # search bundles named in every page
        self.first = True  # the preview's first build, until it succeeds
        self._made: dict[str, Made | None] = {}  # src_uri -> what its output was made from
        self._files: dict[str, PreviewFile] = {}  # src_uri -> its file, which knows its output
        self._making: dict[str, Made | None] = {}  # this rebuild's, kept once it succeeds
        self._making_files: dict[str, PreviewFile] = {}
        self.later = Later()  # changed pages rendered after the reload (later.py)
        self.deferral = Deferral(self.later)  # which, this rebuild (deferral.py)
        # src_uri -> what search indexes of it: made once per content, not on every rebuild
        self.documents: dict[str, SearchDocument | None] = {}
        self._indexed: list[SearchDocument] = []  # this rebuild's, in page order
        self.rendered = 0  # generated files made this rebuild
        self.restored = 0  # of them, taken from the build's output cache
        self.digests: dict[str, str] = {}  # src_uri -> page_digest, in the first build only
        self.memory = Memory()  # what the generation can reuse from the last rebuild
        self._search: LaterSearch | None = None
        self.collector = IdleCollector()
        self._remembering: threading.Thread | None = None  # fills the memory (from_build)
        self._to_remember: tuple[BriefsConfig, Arguments, Generated] | None = None
        self.wake: Callable[[], None] | None = None  # has the server rebuild (on_serve)
        logging.getLogger("mkdocs.commands.build").addFilter(QuietDirty())

    def from_build(self, settings: BriefsConfig, arguments: Arguments) -> Generated | None:
        """The first rebuild's generation, when it is the last build's (pipeline.as_built):
        the preview is up in seconds, and the memory a save needs is filled once it is."""
        if not self.first:
            return None
        result = as_built(settings, *arguments, self.memory)
        self._to_remember = (settings, arguments, result) if result is not None else None
        if result is not None:
            log.info("briefs: the last build's generation taken whole; the memory fills after")
        return result

    def _remember(self, first: bool) -> None:
        """After the first rebuild: fill the memory in the background, and load matplotlib,
        which a save that changes a chart needs (0.5 s to import); the next rebuild waits
        for both (`begin`)."""
        if self._to_remember is None:
            if first:
                self._remembering = threading.Thread(target=load_charts, daemon=True)
                self._remembering.start()
            return
        settings, arguments, built = self._to_remember
        self._to_remember = None

        def fill() -> None:
            try:
                remember(settings, *arguments, self.memory, built)
                load_charts()
            except Exception as error:  # the next rebuild generates afresh
                log.debug("preview: memory not filled: %s", error)
                self.memory = Memory()
            finally:
                self.collector.resume()

        self.collector.pause()  # as in a rebuild: it makes as many objects
        self._remembering = threading.Thread(target=fill, name="briefs-remember", daemon=True)
        self._remembering.start()

    def begin(self, config: MkDocsConfig) -> None:
        """Start a rebuild: from an empty folder when what every page shares changed."""
        if self._remembering is not None:
            self._remembering.join()
            self._remembering = None
        self.later.stop()
        self.stop_search()
        self.memory.links.stop_later()
        self.collector.pause()
        self.memory.wake = self.wake
        shared = shared_digest(config)
        if shared != self._shared:
            clean_directory(config.site_dir)
            self._made, self._files, self.documents = {}, {}, {}
            self._shared = shared
        self._making, self._making_files, self.rendered, self.restored = {}, {}, 0, 0
        active = self.later.serving and not self.first
        self.deferral.begin(active)
        self.memory.later = self.deferral.may_wait(config.use_directory_urls) if active else None

    def file(self, page: GeneratedFile, make: Callable[[], PreviewFile]) -> PreviewFile:
        """The file for `page`, marked unchanged when it is made from what its output was
        made from: then the last rebuild's file when it can stand for it (`again`: 10,000
        files and pages not made again per save), else `make()`."""
        made = page.source if isinstance(page, LaterFile) else (page.content, page.fragments)
        last = self._files.get(page.src_uri)
        unchanged = last is not None and self._made.get(page.src_uri) == made
        file = last if last is not None and unchanged and last.again(page.in_nav) else make()
        file.unchanged = unchanged
        self._making_files[page.src_uri] = file
        if not unchanged and self.deferral.leaves(page, file, made):
            file.unchanged = True  # MkDocs skips it: it is rendered after the reload
            self._making[page.src_uri] = None  # made only once it is rendered
            return file
        self.rendered += not unchanged
        self._making[page.src_uri] = made
        return file

    def search_bundles(self, index: SearchIndex, files: Files, config: MkDocsConfig) -> list[str]:
        """The search bundles every page names; the documents to index are kept for
        `finish_search`: this rebuild's pages, and the last one's for the pages not read
        again. When the number of bundles changes, the pages skipped are rendered too."""
        shown = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        self.documents = {f.src_uri: self.documents.get(f.src_uri) for f in shown}
        self._indexed = [doc for doc in self.documents.values() if doc is not None]
        bundles = index.bundles_for(len(self._indexed))
        if len(bundles) != self.bundles:
            self.bundles = len(bundles)
            populate_skipped(shown, config, files)
        return bundles

    def converted(self, page: Page, fragments: Fragments, html: str) -> None:
        """In the first build: note what a build would key this converted page by."""
        if self.first and isinstance(page.file, PreviewFile):
            self.digests[page.file.src_uri] = page_digest(page, *fragments.as_built(page, html))

    def restore(self, cache: OutputCache, files: Files, nav_pages: set[int]) -> None:
        """In the first build: take every page the last `build` made from the same as it
        is, instead of rendering it (its output cache, linked; `written` unlinks a page
        before MkDocs writes it again, so the cache's copy never changes)."""
        digests, self.digests = self.digests, {}
        for file in files.documentation_pages():
            page, digest = file.page, digests.get(file.src_uri)
            if not isinstance(file, PreviewFile) or page is None or digest is None:
                continue
            if file.unchanged or id(page) in nav_pages:
                continue
            cache.adopt(page, digest)
            if cache.restore(page):
                file.unchanged = True
                self.rendered -= 1
                self.restored += 1

    @staticmethod
    def written(page: Page) -> None:
        """MkDocs writes `page` next: a new file, not one linked to the build's cache."""
        Path(page.file.abs_dest_path).unlink(missing_ok=True)

    def commit(self) -> None:
        """The rebuild succeeded: remove the outputs of the files that are gone, and of
        the pages left for later, and keep what this one was made from."""
        for src, file in self._files.items():
            if src not in self._making:
                Path(file.abs_dest_path).unlink(missing_ok=True)
        self.rendered += self.deferral.settle(self._making)
        self._made, self._files = self._making, self._making_files
        for file in self._files.values():
            if file.page is not None and file.page.markdown is not None:  # read this rebuild
                file.unread()
        self.first = False
        self.collector.resume()

    def rebuilt(self, render_cache: RenderCache | None, search: SearchIndex | None) -> None:
        """The rebuild succeeded: reload the pages now, and write the search index meanwhile
        (its cache is the preview's own: no lock needed)."""
        first = self.first
        if render_cache is not None and first:
            render_cache.save()  # warm for the next `build`; later ones keep their own
        self.commit()
        self._remember(first)
        self.memory.links.start_later()
        taken = f", {self.restored} taken as the last build made them" if self.restored else ""
        left = self.deferral.left
        later = f", {left} after the reload" if left else ""
        log.info("preview: %d generated file(s) made again%s%s", self.rendered, taken, later)
        if search is not None:
            self.finish_search(search)

    def render_later(self) -> None:
        """The rebuild is over: render the pages it left, on request or in order."""
        self.deferral.render(self._made)

    def fail(self) -> None:
        """The rebuild failed, perhaps half written: the next one renders everything."""
        self._shared = None
        self.deferral.drop()
        self._to_remember = None
        self.collector.resume()

    def finish_search(self, index: SearchIndex) -> None:
        """Have the search index written once the author pauses (livesearch.py): the
        pages do not wait for it, and the next save does not either."""
        self._search = LaterSearch(index, self._indexed)
        self._indexed = []

    def stop_search(self) -> None:
        """Give up the last rebuild's search index if it is not written yet; log why it
        failed, if it did on its own."""
        if self._search is not None:
            error = self._search.stop()
            self._search = None
            if error is not None:
                log.error(messages.PREVIEW_SEARCH_FAILED(reason=error))
                self._shared = None  # and the next rebuild writes it whole
