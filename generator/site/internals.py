"""The site side's uses of another package's private API (see generator/internals.py, which
lists the versions each was read for and checks them):

- MkDocs: `mkdocs.commands.build._build_page` is wrapped to render pages on every core,
  `_populate_page` reads a page the preview's dirty rebuild skipped, and with
  `_build_page` renders one after the reload, as `_build_theme_template` does the
  sitemap; a generated page is converted as `Page.render` does, with its private
  processors, by one Markdown instance per process instead of one per page; the
  live-reload server's polling observer is swapped for the native one, it may serve
  before its build loop, a request waits for its rebuild as it does, and the preview asks
  it for a rebuild; the build time reaches MkDocs
  only through `SOURCE_DATE_EPOCH`;
- Pagefind: its service's line protocol and request types (`pagefind.service.types`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from mkdocs.exceptions import PluginError
from pagefind.service.types import InternalRequestPayload as PagefindRequest
from pagefind.service.types import InternalWriteFilesRequest as PagefindWriteFiles

from generator.internals import _mismatch, _warn_once, written_for

__all__ = ["PagefindRequest", "PagefindWriteFiles"]


# MkDocs -----------------------------------------------------------------------------


BuildPage = Callable[..., None]


@contextmanager
def build_page_replaced(wrap: Callable[[BuildPage], BuildPage]) -> Iterator[BuildPage | None]:
    """Within the block MkDocs renders each page through `wrap(original)`, which is yielded.

    On an MkDocs version this was not written for, nothing is replaced and None is yielded.
    """
    if not written_for("mkdocs"):
        _warn_once("mkdocs")
        yield None
        return
    import mkdocs.commands.build as mkdocs_build

    original: BuildPage = mkdocs_build._build_page
    wrapper = wrap(original)
    mkdocs_build._build_page = wrapper
    try:
        yield wrapper
    finally:
        mkdocs_build._build_page = original


@contextmanager
def theme_template_replaced(wrap: Callable[[BuildPage], BuildPage]) -> Iterator[None]:
    """Within the block MkDocs writes each theme template (404.html, sitemap.xml) through
    `wrap(original)`; on an MkDocs version this was not written for, as it does."""
    if not written_for("mkdocs"):
        yield
        return
    import mkdocs.commands.build as mkdocs_build

    original: BuildPage = mkdocs_build._build_theme_template
    mkdocs_build._build_theme_template = wrap(original)
    try:
        yield
    finally:
        mkdocs_build._build_theme_template = original


def serve_early(server: Any, folder: str) -> Callable[[], None]:
    """Have MkDocs' live-reload `server` serve `folder` and watch its paths now, before the
    first build; call what is returned, instead of `server.serve()` (which would bind and
    start all again), to serve its own folder and rebuild on changes. MkDocs 1.6.1 only:
    the caller checks `written_for("mkdocs")`."""
    from mkdocs.livereload import _timestamp

    root, server.root = server.root, folder
    server.server_bind()
    server.server_activate()
    server.observer.start()
    server.serve_thread.start()

    def serve_built() -> None:
        server.root = root
        with server._epoch_cond:  # pages open since reload once, from the preview's folder
            server._visible_epoch = server._wanted_epoch = _timestamp()  # pages wait for ==
            server._epoch_cond.notify_all()
        server._build_loop()

    return serve_built


def rebuilder(server: Any) -> Callable[[], None] | None:
    """What has MkDocs' live-reload `server` rebuild, as a change to a watched file does
    (MkDocs 1.6.1); None on a version this was not written for."""
    if not written_for("mkdocs"):
        return None

    def rebuild() -> None:
        with server._rebuild_cond:
            server._want_rebuild = True
            server._rebuild_cond.notify_all()

    return rebuild


def populate_page(page: Any, config: Any, files: Any) -> None:
    """Read, convert and run the page events for a page, as MkDocs' build does for each.

    Only the preview calls it, for the pages its dirty rebuild skipped; on an MkDocs
    version this was not written for, it stops with a message that says which to install.
    """
    if not written_for("mkdocs"):
        raise PluginError(_mismatch("mkdocs"))
    import mkdocs.commands.build as mkdocs_build

    mkdocs_build._populate_page(page, config, files, False)


def build_page(page: Any, config: Any, pages: Any, nav: Any, env: Any) -> None:
    """Render a read page through the theme and write it, as MkDocs' build does for each.

    Only the preview calls it, for the pages it renders after the reload (later.py).
    """
    if not written_for("mkdocs"):
        raise PluginError(_mismatch("mkdocs"))
    import mkdocs.commands.build as mkdocs_build

    excluded = page.file.inclusion.is_excluded()
    mkdocs_build._build_page(page, config, pages, nav, env, False, excluded)


# One Markdown instance per process and Markdown settings (see render_page).
_MARKDOWN: dict[str, Any] = {}


def render_page(page: Any, config: Any, files: Any, settings: str) -> None:
    """MkDocs' `Page.render`, by a Markdown instance kept for these `settings` (the
    extensions and their options) and reset between pages, as Python-Markdown allows,
    instead of a new one per page: loading the extensions is about a third of the work.
    MkDocs' own per-page processors are registered anew for each page, under the names
    that replace the last page's. On another MkDocs version: `Page.render` itself."""
    from mkdocs.structure.pages import Page

    if not written_for("mkdocs") or _numbers_documents(config):
        Page.render(page, config, files)
        return
    import markdown  # type: ignore[import-untyped]
    from mkdocs.structure import pages
    from mkdocs.structure.toc import get_toc

    if page.markdown is None:
        raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
    md = _MARKDOWN.pop(settings, None)
    if md is None:
        md = markdown.Markdown(
            extensions=config["markdown_extensions"],
            extension_configs=config["mdx_configs"] or {},
        )
    else:
        md.reset()
    raw_html = pages._RawHTMLPreprocessor()
    raw_html._register(md)
    anchors = pages._ExtractAnchorsTreeprocessor(page.file, files, config)
    anchors._register(md)
    relative = pages._RelativePathTreeprocessor(page.file, files, config)
    relative._register(md)
    title = pages._ExtractTitleTreeprocessor()
    title._register(md)
    page.content = md.convert(page.markdown)  # on an error the instance is dropped
    page.toc = get_toc(getattr(md, "toc_tokens", []))
    page._title_from_render = title.title
    page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
    if pages.log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = relative.links_to_anchors
    _MARKDOWN.clear()  # the instance of the last settings only
    _MARKDOWN[settings] = md


def _numbers_documents(config: Any) -> bool:
    """Whether an extension counts the documents one instance converted: footnotes with
    UNIQUE_IDS numbers its ids by the conversion, which a reused instance would carry on
    from page to page (and from however many pages a process converted before)."""
    names = {str(name) for name in config["markdown_extensions"] or ()}
    settings = config["mdx_configs"] or {}
    return any(
        name.rsplit(".", 1)[-1] == "footnotes" and settings.get(name, {}).get("UNIQUE_IDS")
        for name in names
    )


def wait_built(server: Any) -> None:
    """Wait, as MkDocs' live-reload `server` does before it sends a file, until no rebuild
    is running (MkDocs 1.6.1; on another version, at once)."""
    if not written_for("mkdocs"):
        return
    with server._epoch_cond:
        server._epoch_cond.wait_for(lambda: server._visible_epoch == server._wanted_epoch)


def watch_natively(server: Any) -> None:
    """Have MkDocs' live-reload server learn of changes from the system (inotify) at once,
    instead of polling every watched file twice a second.

    Polling finds a save 0.25 s after it on average, and at 10,000 seeds each poll stats
    every one of them, which costs a share of a core the rebuild needs. The paths watched
    so far are watched again through the native observer; on an MkDocs version this was
    not written for, or where watchdog has only polling, nothing changes.
    """
    from watchdog import events
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    if not written_for("mkdocs"):
        _warn_once("mkdocs")
        return
    if Observer is PollingObserver or server.observer.is_alive():
        return
    # Changes only: inotify also reports a file opened or read, and every rebuild reads
    # every seed, which would start the next rebuild, and so on for ever.
    changes = [
        events.FileCreatedEvent,
        events.FileDeletedEvent,
        events.FileModifiedEvent,
        events.FileMovedEvent,
        events.FileClosedEvent,  # after a write
        events.FileAttribEvent,  # `touch`, which polling sees as a change of time
    ]
    observer: Any = Observer()
    schedule = observer.schedule
    observer.schedule = lambda handler, path, **options: schedule(
        handler, path, event_filter=changes, **options
    )
    # Stopped while a change is being read (Ctrl-C in a rebuild), watchdog's inotify thread
    # logs an error about itself: noise after "Shutting down...", never a problem.
    logging.getLogger("watchdog.observers.inotify").addFilter(_not_stopping)
    paths = dict(server._watched_paths)
    server.observer = observer
    server._watched_paths, server._watch_refs = {}, {}
    for path, count in paths.items():
        for _ in range(count):
            server.watch(path)


def _not_stopping(record: logging.LogRecord) -> bool:
    return "called when the thread is inactive" not in record.getMessage()


@contextmanager
def mkdocs_build_time(epoch: int) -> Iterator[None]:
    """MkDocs reads the build time (sitemap dates, `build_date_utc`) only from the
    environment: set SOURCE_DATE_EPOCH for the block, then put it back."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


# Pagefind ---------------------------------------------------------------------------


def pagefind_executable() -> str:
    """The Pagefind binary, whose service protocol `PagefindRequest` describes."""
    from pagefind.service import get_executable

    executable = get_executable()
    if executable is None:
        raise PluginError("search indexing needs the Pagefind binary (pip: pagefind[bin])")
    return str(executable)
