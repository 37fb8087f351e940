"""The MkDocs plugin `briefs`: adds the generated pages to the site as virtual files."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar, Literal

from jinja2 import Environment
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from generator.config import BriefsConfig, load_config
from generator.internals import check_versions
from generator.pages.problems import FAILURE_SRC, failure_page
from generator.pages.render import COMPILED
from generator.pipeline import Generated, generate
from generator.seeds.errors import BriefsError
from generator.seeds.model import GeneratedFile
from generator.site.chrome import share_chrome
from generator.site.cores import Ahead, convert_ahead
from generator.site.fragments import Fragments
from generator.site.icons import IconSprite
from generator.site.internals import rebuilder, watch_natively
from generator.site.lock import HeldLock
from generator.site.minify import minified
from generator.site.outputcache import OutputCache
from generator.site.preview import Preview
from generator.site.rendercache import CachedPage, RenderCache
from generator.site.search import SearchIndex
from generator.site.specialfiles import special_files
from generator.site.themelist import dress, list_without_hidden
from generator.site.virtualfiles import add_generated, clashes
from generator.utils import interrupts
from generator.utils.children import ChildDied

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


class BriefsPluginConfig(Config):  # type: ignore[no-untyped-call]
    """The plugin takes no options: its settings live in `extra.briefs`."""


class BriefsPlugin(BasePlugin[BriefsPluginConfig]):  # type: ignore[no-untyped-call]
    """Generate brief pages from `briefs/` on every build and rebuild."""

    # Set by `serve`: the site's own address, which preview pages keep (canonical links,
    # feeds), so they are what `build` publishes, and can be taken from it (preview.py).
    published_url: ClassVar[str | None] = None

    def __init__(self) -> None:
        super().__init__()
        self.settings: BriefsConfig | None = None
        self.preview = False  # under `serve`: show drafts, and show problems instead of stopping
        self.prepared: Generated | None = None  # set by `python -m generator build`
        self.taken = 0  # generated pages the generation took from the last one
        self.staged_cache: Path | None = None  # and the cache it works on (see publish.py)
        self.lock: HeldLock | None = None  # under `serve`, held during each rebuild
        self.tag_pages: dict[str, str] = {}
        self.fragments = Fragments()  # the seed text of this build's generated pages
        self.search: SearchIndex | None = None  # one per build
        self.render_cache: RenderCache | None = None  # one per build
        self.ahead: Ahead | None = None  # the pages on their way from the workers, this build
        self.nav_pages: set[int] = set()  # id() of the pages in the nav
        self.live: Preview | None = None  # under `serve`: what the last rebuild was made from
        self.icons: IconSprite | None = None  # the theme's icons, shared by every page
        self.nav: Navigation | None = None
        self.output: OutputCache | None = None  # the last build's finished pages (build only)

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Remember whether this is a live preview; the plugin then lives across rebuilds."""
        self.preview = command == "serve"
        self.live = Preview() if self.preview and dirty else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Validate `extra.briefs` before anything is built."""
        try:
            check_versions()
            settings = load_config(config.extra, Path(config.config_file_path))
        except BriefsError as error:
            raise PluginError(str(error)) from None
        self.settings = replace(settings, staged_cache=self.staged_cache)
        if self.preview and self.published_url:
            config.site_url = self.published_url
        self.icons = IconSprite.for_site(config)
        list_without_hidden(config.theme)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Open this build's page cache and search index (under `serve`, once the project
        lock is ours: a build may be writing the cache)."""
        assert self.settings is not None
        if self.preview:
            self.lock = self.lock or HeldLock(self.settings.root)
            self.lock.acquire()
        if self.live is not None:
            self.live.begin(config)
        if self.live is None or self.render_cache is None:  # the preview keeps its own
            self.render_cache = RenderCache(self.settings.render_cache_path)
        search_cache = self.settings.search_cache_path
        if self.preview:  # its index holds drafts: kept apart from the published one's
            search_cache = search_cache.with_name(f"{search_cache.name}-preview")
        self.search = SearchIndex(
            search_cache,
            Path(config.site_dir, "pagefind"),
            str(config.theme.get("language") or "en"),
        )

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Generate every page and add it; a hand-written file with the same path is an error."""
        try:
            generated = self._generate(files, config)
        except BriefsError as error:
            if not self.preview:
                raise PluginError(str(error)) from None
            taken = files.get_file_from_path(FAILURE_SRC)
            generated = [] if taken else [failure_page(error.problems)]
        self.fragments = Fragments(generated, deferred=self.live is None)
        add_generated(files, generated, config, self.live, self.render_cache)
        return files

    @event_priority(-100)  # after every other plugin: the files and the nav are final
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Convert the generated pages the render cache lacks, on every core."""
        self.nav_pages = {id(page) for page in nav.pages}
        self.nav = nav
        if self.render_cache is not None:
            pages = [file.page for file in files.documentation_pages()]
            cached = [p for p in pages if isinstance(p, CachedPage) and p.file.is_modified()]
            # made as the last generation made them: converted then, if the cache kept them
            taken = min(self.taken, self.render_cache.loaded)
            self.ahead = convert_ahead(cached, config, files, self.render_cache, taken)
        return nav

    def _generate(self, files: Files, config: MkDocsConfig) -> list[GeneratedFile]:
        assert self.settings is not None
        special = special_files(files, config)  # out of `files` before MkDocs opens them
        arguments = (config.site_name, config.use_directory_urls, config.site_url)
        memory = self.live.memory if self.live else None
        with self._reported():
            first = self.live.from_build(self.settings, arguments) if self.live else None
            result = (
                self.prepared or first or generate(self.settings, *arguments, self.preview, memory)
            )
        self.prepared = None  # a later rebuild (serve) generates afresh
        self.tag_pages = result.tag_pages
        self.taken = result.timings.taken
        log.info("%s", result.timings.summary())
        taken = special + clashes(result.files, files, config.docs_dir)
        if taken:
            raise BriefsError(taken)
        return result.files

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Swap the stashed HTML, which holds the seed text, back into generated pages.

        Then send the page to the search index, unless it opts out (list pages do), and
        publish it without what only the index reads.
        """
        content = self.fragments.filled(page, html)
        if self.live is not None:
            self.live.converted(page, self.fragments, html)
        search = page.meta.get("search")
        if self.search is not None and not (isinstance(search, dict) and search.get("exclude")):
            tags = tuple(str(tag) for tag in page.meta.get("tags") or ())
            if self.live is not None:  # added in page order once every page is read
                document = self.search.document(page.url, page.title, content, tags)
                self.live.documents[page.file.src_uri] = document
            else:
                with self._reported():
                    self.search.add(page.url, page.title, content, tags)
        elif self.live is not None:
            self.live.documents[page.file.src_uri] = None
        return self.fragments.kept(page, html, content)

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """A build fills in a generated page's seed text only now (see fragments.py)."""
        self.fragments.rendering(page)
        return context

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """Dress the theme's environment (see themelist.py), and give it the search bundles."""
        dress(env, files, self.tag_pages)
        share_chrome(env, self.nav_pages)
        if self.search is not None and self.live is not None:  # indexed after the reload
            env.globals["search_bundles"] = self.live.search_bundles(self.search, files, config)
            self.live.deferral.scene = (config, files, self.nav, env) if self.nav else None
        elif self.search is not None:
            self.search.write()  # every page's content is known: Pagefind writes meanwhile
            env.globals["search_bundles"] = self.search.bundles
        if self.nav is not None and self.settings is not None:
            shared = (self.tag_pages, env.globals.get("search_bundles"), self.settings.epoch)
            if self.staged_cache is not None:
                self.output = OutputCache.for_build(self.settings, config, self.nav, *shared)
            elif self.live is not None and self.live.first:  # start from the last build's
                cache = OutputCache.for_build(self.settings, config, self.nav, *shared)
                self.live.restore(cache, files, self.nav_pages)
        return env

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Draw the theme's icons from the shared sprite and minify the page; but first fail
        now, not at the end, if Pagefind died or an interrupt went astray."""
        interrupts.check()
        if self.search is not None:
            with self._reported():
                self.search.check()
        self.fragments.written(page)
        if self.live is not None:
            self.live.written(page)
        if self.icons is not None:
            output = self.icons.shared(output, page.url)
        return minified(output, page.file.src_uri)

    def on_post_template(self, output: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        """Minify the theme's own HTML pages (404.html) as every other page; not the sitemap."""
        return minified(output, template_name) if template_name.endswith(".html") else output

    @contextmanager
    def _reported(self) -> Iterator[None]:
        """A child's death ends a build; in a preview, it is one failed rebuild."""
        try:
            yield
        except ChildDied as error:
            if not self.preview:
                raise
            raise PluginError(str(error)) from None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Keep the converted pages, then wait for the search index (or copy the unchanged one
        from the cache)."""
        if self.ahead is not None:
            self.ahead.close()
            self.ahead = None
        if self.icons is not None:
            self.icons.write(config.site_dir)
        if self.output is not None:
            self.output.finish()
            self.output = None
        if self.render_cache is not None and self.live is None:  # while Pagefind finishes
            self.render_cache.save()
            self.render_cache = None
        if self.settings is not None:
            COMPILED.save(self.settings.template_cache_path)
        if self.live is not None:
            self.live.rebuilt(self.render_cache, self.search)
            self.search = None  # written by the preview, once the author pauses
        if self.search is not None:
            with self._reported():
                self.search.finish()
            log.info("search index: %s", self.search.summary)
            self.search = None
        if self.lock is not None:
            self.lock.release()
        if self.live is not None:
            self.live.render_later()

    def on_build_error(self, *, error: Exception) -> None:
        """Stop Pagefind and the page workers when the build fails."""
        if self.live is not None:
            self.live.fail()
        self.output = None
        self.stop_children()

    def stop_children(self) -> None:
        """Kill Pagefind and the page workers, and let the lock go: the build is over."""
        if self.ahead is not None:
            self.ahead.stop()
            self.ahead = None
        if self.search is not None:
            self.search.abort()
            self.search = None
        if self.lock is not None:
            self.lock.release()

    def on_shutdown(self) -> None:
        """The preview ends: give up a search index not written yet (and its Pagefind)."""
        if self.live is not None:
            self.live.stop_search()

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        """Rebuild when a seed or a template changes."""
        assert self.settings is not None
        server.watch(str(self.settings.briefs_path))
        server.watch(str(self.settings.templates_path))
        watch_natively(server)  # a save is seen at once, and 10,000 seeds are not polled
        if self.live is not None:  # for what a rebuild left for later (linkmemory.py)
            self.live.wake = rebuilder(server)
        return server
