"""Which of a rebuild's changed pages wait until after the reload, and their rendering then.

A page may wait when it is one of ours outside the navigation and the search index, and
the server did not send it lately (later.py renders it on request, or in the background);
in practice the list pages a save shifts. So may the sitemap, which lists every page and
which no reader has open. The page's old output is removed once the rebuild succeeded,
so the preview never sends a stale page; the rebuild marks the page unchanged for MkDocs,
which skips it, and records it as not made, so the next rebuild makes it if it is still
not rendered by then.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.utils.meta import get_data

from generator.pages.deferred import Deferred, LaterFile
from generator.pages.urls import page_url
from generator.seeds.model import GeneratedFile
from generator.site.internals import build_page, populate_page
from generator.site.later import Later
from generator.site.previewfile import PreviewFile
from generator.site.rendercache import CachedPage
from generator.site.themeerror import told

# A generated file's content and packed fragments, or the page that renders them when
# first read (pages/deferred.py), which is the same only if it is the same object.
Made = tuple[str, bytes] | Deferred
Scene = tuple[MkDocsConfig, Files, Navigation, Environment]  # what a rebuild renders with
SITEMAP = "sitemap.xml"  # and its .gz, written with it


class Deferral:
    """One rebuild's pages left for after the reload, given to `later` once it succeeded."""

    def __init__(self, later: Later) -> None:
        self.later = later
        self.active = False  # this rebuild may leave pages: a server renders them, not first
        self.scene: Scene | None = None  # set once the rebuild has its theme (on_env)
        self._leaving: dict[str, tuple[PreviewFile, Made]] = {}
        self._left: list[tuple[PreviewFile, Made]] = []
        self._sitemap: Callable[[], None] | None = None

    def begin(self, active: bool) -> None:
        """A rebuild starts (the last one's pages were rendered, or are dropped)."""
        self.active = active
        self._leaving, self._left, self.scene, self._sitemap = {}, [], None, None

    def may_wait(self, directory_urls: bool) -> Callable[[str], bool]:
        """Whether a list page, by its src_uri, may be rendered when first read: the
        server did not send it lately."""

        def may_wait(src_uri: str) -> bool:
            url = page_url(src_uri, directory_urls)
            return not self.later.recent(url + "index.html" if directory_urls else url)

        return may_wait

    def leaves(self, page: GeneratedFile, file: PreviewFile, made: Made) -> bool:
        """Leave this changed page for after the reload, if it may wait."""
        if not self.active or page.in_nav or not isinstance(file.page, CachedPage):
            return False
        if self.later.recent(file.dest_uri):
            return False
        meta = page.source.meta if isinstance(page, LaterFile) else get_data(page.content)[1]
        search = meta.get("search")  # as the plugin reads it
        if not (isinstance(search, dict) and search.get("exclude")):
            return False
        self._leaving[page.src_uri] = (file, made)
        return True

    def settle(self, making: MutableMapping[str, Made | None]) -> int:
        """The rebuild succeeded: remove the old output of each page left, and count those
        read after all (the search bundles changed: `populate_skipped`), now made."""
        read = 0
        for src, (file, made) in self._leaving.items():
            if file.page is not None and file.page.markdown is not None:
                making[src] = made
                read += 1
            else:
                Path(file.abs_dest_path).unlink(missing_ok=True)
                self._left.append((file, made))
        self._leaving = {}
        if self._sitemap is not None and self.scene is not None:
            for name in (SITEMAP, f"{SITEMAP}.gz"):
                Path(self.scene[0].site_dir, name).unlink(missing_ok=True)
        return read

    @property
    def left(self) -> int:
        """How many pages the rebuild left for after the reload."""
        return len(self._left)

    def render(self, made: MutableMapping[str, Made | None]) -> None:
        """The rebuild is over: have `later` render what it left, each page recorded in
        `made` (what its output is made from) once written."""
        left, self._left = self._left, []
        sitemap, self._sitemap = self._sitemap, None
        if not (left or sitemap) or self.scene is None:
            return
        config, files, nav, env = self.scene
        pages = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)

        def job(file: PreviewFile, source: Made) -> Callable[[], None]:
            def render() -> None:
                file.unchanged = False
                try:
                    populate_page(file.page, config, files)
                    build_page(file.page, config, pages, nav, env)
                finally:
                    file.unread()
                made[file.src_uri] = source

            return render

        jobs = [(file.dest_uri, job(file, source)) for file, source in left]
        jobs += [(SITEMAP, sitemap)] if sitemap else []
        theme, root = config.theme.dirs, Path(config.config_file_path).parent
        said: set[tuple[str, str]] = set()  # a theme failure is told once, not per page
        self.later.start([(dest, told(run, dest, theme, root, said)) for dest, run in jobs])

    def theme_template(self, original: Callable[..., None]) -> Callable[..., None]:
        """MkDocs' `_build_theme_template`, the sitemap left for after the reload too."""

        def build(
            name: str, env: Environment, files: Files, config: MkDocsConfig, nav: Any
        ) -> None:
            if name == SITEMAP and self.active:
                self._sitemap = partial(original, name, env, files, config, nav)
                return
            original(name, env, files, config, nav)

        return build

    def drop(self) -> None:
        """The rebuild failed: nothing is left for later (the next one renders all)."""
        self._leaving, self._left, self._sitemap = {}, [], None
