"""Generated pages rendered through the theme on two cores: a forked helper takes half.

A page whose rendering fails or logs a warning in the helper is rendered again here, so
errors and warnings are reported exactly as MkDocs reports them, and the site is the same
either way (see cores.py).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from multiprocessing.process import BaseProcess
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from generator.site import cores
from generator.site.fragments import Fragments
from generator.site.internals import BuildPage, build_page_replaced
from generator.site.outputcache import OutputCache
from generator.site.rendercache import CachedPage
from generator.utils.children import become, exit_reason, stop
from generator.utils.forks import frozen

log = logging.getLogger(__name__)

# Pagefind indexes on its own core meanwhile and is the last to finish: the helper yields
# to it (and to this process), and takes up whatever core time they leave.
HELPER_NICENESS = 19
# Once this process has rendered its own pages it takes the helper's that the helper has
# not reached, from the last back; then it waits this long for the page the helper is on.
HELPER_GRACE = 30.0
# Who has taken each of the helper's pages (see _Split), and how often this process looks
# whether a helper it waits on for their lock is still alive.
_FREE, _HELPERS, _OURS = 0, 1, 2
LOCK_WAIT = 0.5


@contextmanager
def pages_on_every_core() -> Iterator[None]:
    """For the MkDocs build run in this block, render generated pages on every core."""
    with build_page_replaced(Split) as split:
        try:
            yield
        finally:
            if isinstance(split, Split):
                split.stop()


class Split:
    """MkDocs' `_build_page`, sharing the generated pages with one forked helper.

    At the first page the helper forks and is given every other generated page; this
    process skips those. The helper takes its pages one by one from the first; at the last
    page this process takes the ones it has not reached yet, from the last back, so a
    helper that a busy machine starves (it yields to everything) cannot keep the build
    waiting. A shared array records who took each page. Then this process waits for the
    page the helper is on; if the helper failed or logged a warning, it renders the pages
    the helper took itself.
    """

    def __init__(self, build_page: BuildPage) -> None:
        self.build_page = build_page
        self.started = False
        self.helper: BaseProcess | None = None
        self.delegated: list[File] = []
        self.taken: Any = None  # a shared array: who took each delegated page
        self.skipped: set[int] = set()  # id() of the pages the helper renders
        self.last: Page | None = None
        self.output: OutputCache | None = None  # the finished pages of the last build

    def __call__(
        self, page: Page, config: MkDocsConfig, doc_files: Sequence[File], *args: Any, **kwargs: Any
    ) -> None:
        if not self.started:
            self.start(config, doc_files, *args)
        if id(page) not in self.skipped:
            self._render(page, config, doc_files, *args, **kwargs)
        if self.helper is not None and self.helper.pid is None:  # after the first page: the
            with frozen():  # theme's templates are compiled, and the helper inherits them
                self.helper.start()
        if page is self.last:
            self.finish(config, doc_files, *args)

    def _render(
        self, page: Page, config: MkDocsConfig, doc_files: Sequence[File], *args: Any, **kwargs: Any
    ) -> None:
        """MkDocs' `_build_page`, unless the page as the last build made it can be reused."""
        output = None if kwargs.get("excluded") else self.output
        if output is not None and output.restore(page):
            return
        self.build_page(page, config, doc_files, *args, **kwargs)
        if output is not None:
            output.keep(page)

    def start(self, config: MkDocsConfig, doc_files: Sequence[File], *args: Any) -> None:
        self.started = True
        self.last = doc_files[-1].page if doc_files else None
        generated = [file for file in doc_files if isinstance(file.page, CachedPage)]
        plugin = config.plugins.get("briefs")
        output = getattr(plugin, "output", None)
        if isinstance(output, OutputCache):  # keyed here, so a helper knows the keys too
            in_nav: set[int] = getattr(plugin, "nav_pages", set())
            fragments: Fragments | None = getattr(plugin, "fragments", None)
            output.prepare(
                (f.page for f in generated if f.page and id(f.page) not in in_nav),
                fragments.packed if fragments else {},
            )
            self.output = output
        # The helper is worth its fork only for enough pages to render: not for the pages
        # the output cache holds (a warm build, or one seed edited, renders a dozen).
        output = self.output
        pending = sum(1 for f in generated if output is None or not output.holds(f.page))
        if cores.core_count() < 2 or pending < cores.THRESHOLD or len(generated) > cores.MOST:
            return
        self.delegated = generated[1::2]
        self.skipped = {id(file.page) for file in self.delegated}
        context = multiprocessing.get_context("fork")
        self.taken = context.Array("b", len(self.delegated))  # all _FREE, with a lock
        self.helper = context.Process(
            target=self.render, args=(config, doc_files, *args), daemon=True
        )  # started once this process has rendered the first page, which it never delegates

    def render(self, config: MkDocsConfig, doc_files: Sequence[File], *args: Any) -> None:
        """In the helper: render the delegated pages; exit 1 on any error or warning."""
        become("briefs-render")
        os.nice(HELPER_NICENESS)
        cores.Warned.install()
        try:
            for index in range(len(self.delegated)):
                if not self._take(index, _HELPERS):
                    return  # this process took the rest
                self._build(index, config, doc_files, *args)
                if cores.Warned.seen:
                    raise SystemExit(1)
        except Exception:  # this process renders them again and reports the problem
            raise SystemExit(1) from None

    def finish(self, config: MkDocsConfig, doc_files: Sequence[File], *args: Any) -> None:
        """At the last page: render what the helper has not reached, wait for the rest.
        The helper stays known to `stop` until it is gone, so a build that fails in here
        (Pagefind died) does not leave it writing into the folder the build removes."""
        helper = self.helper
        if helper is None:
            return
        try:
            self._finish(helper, config, doc_files, *args)
        finally:
            stop([helper])
            self.helper = None

    def _finish(
        self, helper: BaseProcess, config: MkDocsConfig, doc_files: Sequence[File], *args: Any
    ) -> None:
        for index in reversed(range(len(self.delegated))):
            if not self._take(index, _OURS, helper):
                break  # the helper has taken this one, and every one before it
            self._build(index, config, doc_files, *args)
        if _HELPERS not in self.taken.get_obj():  # it never took one: nothing to wait for
            stop([helper])
            return
        helper.join(HELPER_GRACE)
        late = helper.exitcode is None
        stop([helper])  # if it is still at work, its time is up
        if helper.exitcode == 0:
            return
        if late or (helper.exitcode or 0) < 0:  # killed, by us or from outside
            reason = "took too long" if late else f"died ({exit_reason(helper.exitcode)})"
            log.warning("the page renderer %s; rendering its pages here", reason)
        else:  # it met an error or a warning: MkDocs reports it here
            log.debug("rendering %d pages here: their helper failed", len(self.delegated))
        for index in range(len(self.delegated)):
            if self.taken.get_obj()[index] == _HELPERS:
                self._build(index, config, doc_files, *args)

    def _take(self, index: int, who: int, helper: BaseProcess | None = None) -> bool:
        """Take delegated page `index` for `who`, unless it is taken already.

        A helper killed while it holds the lock never lets it go: this process (which
        passes the `helper`) then takes the page without it, as nobody else writes now.
        """
        lock, taken = self.taken.get_lock(), self.taken.get_obj()
        locked = False
        while helper is None or helper.is_alive():
            locked = lock.acquire(timeout=None if helper is None else LOCK_WAIT)
            if locked:
                break
        try:
            if taken[index] != _FREE:
                return False
            taken[index] = who
            return True
        finally:
            if locked:
                lock.release()

    def _build(
        self, index: int, config: MkDocsConfig, doc_files: Sequence[File], *args: Any
    ) -> None:
        file = self.delegated[index]
        excluded = file.inclusion.is_excluded()  # type: ignore[no-untyped-call]
        assert file.page is not None
        self._render(file.page, config, doc_files, *args, excluded=excluded)

    def stop(self) -> None:
        """The build ended, perhaps early: the helper has nothing left to do."""
        if self.helper is not None:
            stop([self.helper])
            self.helper = None
