"""The preview's generated files, and what its rebuilds read again or start afresh from."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from generator.seeds.model import GeneratedFile
from generator.site.internals import populate_page
from generator.site.rendercache import CachedPage


class PreviewFile(File):
    """A generated file that tells MkDocs' dirty mode whether it changed since the last
    rebuild (a plain generated file always has)."""

    unchanged = False
    source: GeneratedFile | None = None  # whose Markdown is rendered when first read

    _page_or_not: bool | None = None

    def is_modified(self) -> bool:
        return not self.unchanged and super().is_modified()

    def is_documentation_page(self) -> bool:
        """Whether it is a Markdown page, found once: MkDocs asks of every file several
        times per rebuild (10,000 files, nine times)."""
        if self._page_or_not is None:
            self._page_or_not = super().is_documentation_page()
        return self._page_or_not

    @property
    def content_string(self) -> str:
        return self.source.content if self.source is not None else super().content_string

    @content_string.setter
    def content_string(self, value: str) -> None:
        self.source = None
        File.content_string.fset(self, value)  # type: ignore[attr-defined]

    @property
    def content_bytes(self) -> bytes:
        source = self.source
        return source.content.encode() if source is not None else super().content_bytes

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self.source = None
        File.content_bytes.fset(self, value)  # type: ignore[attr-defined]

    def again(self, in_nav: bool) -> bool:
        """Whether this file, made for the last rebuild, can stand for an unchanged page in
        the next: when its page is one of ours, outside the navigation (whose pages MkDocs
        links to each other). `unread` left it as MkDocs makes a page."""
        return not in_nav and isinstance(self.page, CachedPage)

    def unread(self) -> None:
        """The rebuild is over: forget what reading and rendering the page gave (its HTML
        and Markdown are not kept between saves), as if MkDocs had just made it."""
        page = self.page
        if isinstance(page, CachedPage):
            page.markdown = page.content = page._title_from_render = None
            page.toc, page.meta = [], {}  # type: ignore[assignment]  # as Page.__init__
            for rendered in ("present_anchor_ids", "links_to_anchors"):
                vars(page).pop(rendered, None)


class QuietDirty(logging.Filter):
    """Drop MkDocs' warning that a dirty build may be inaccurate: the preview's is exact."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def populate_skipped(pages: Sequence[File], config: MkDocsConfig, files: Files) -> None:
    """Read the pages this rebuild skipped, and have them rendered too."""
    for file in pages:
        page = file.page
        if page is None or page.markdown is not None:
            continue
        if isinstance(file, PreviewFile):
            file.unchanged = False
        else:  # a hand-written page: MkDocs builds it when its output is missing
            Path(file.abs_dest_path).unlink(missing_ok=True)
        populate_page(page, config, files)


def shared_digest(config: MkDocsConfig) -> str:
    """Digest of what every page depends on, search bundles aside: the settings file and
    the theme's own templates."""
    digest = hashlib.sha256()
    paths = [Path(config.config_file_path)] if config.config_file_path else []
    custom = config.theme.custom_dir
    if custom:
        paths += sorted(p for p in Path(custom).rglob("*") if p.is_file())
    for path in paths:
        digest.update(f"\0{path}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
