"""The preview's pages rendered after the reload: on request, or in the background.

A label change or a new seed shifts every list page behind the brief by one entry: at
10,000 briefs some 150 pages, over a second of theme rendering and minifying before the
reload. A rebuild therefore renders at once the pages a reader may have open (the pages
the server sent lately, and every page in the navigation or in the search index), and
leaves the other changed pages for later (preview.py says which). Their old output is
removed when the rebuild is done, so a stale page is never served; then one thread renders
them, the one a browser asks for first (the server waits for it), the others in order.

Rendering later is rendering the same: MkDocs' own functions, with the page objects,
navigation, theme environment and plugin state of that rebuild. The next rebuild stops
the thread before it changes any of them (`stop`); the pages left are rendered by it.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable

from generator.seeds import messages
from generator.site.themeerror import PageFailed

log = logging.getLogger(__name__)

RECENT = 16  # pages sent lately, rendered with the rebuild rather than after it
REQUEST_WAIT = 60.0  # the longest a request waits for its page


class Later:
    """Render jobs by the page (site-relative output path) they write, run on one thread."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._pending: dict[str, Callable[[], None]] = {}  # in the order to render them
        self._wanted: list[str] = []  # asked for by a request: rendered first
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._recent: OrderedDict[str, None] = OrderedDict()
        self.serving = False  # a server renders pending pages on request: only then defer
        self.rendered = 0  # jobs done since the last `start`
        self.failed: BaseException | None = None  # the first job that failed, since `start`

    def recent(self, dest: str) -> bool:
        """Whether the server sent the page at `dest` lately."""
        with self._cond:
            return dest in self._recent

    def start(self, jobs: Iterable[tuple[str, Callable[[], None]]]) -> None:
        """Render these pages from now on (after a rebuild, once it is done)."""
        self.stop()
        with self._cond:
            self._pending = dict(jobs)
            self._stopping, self.rendered, self.failed = False, 0, None
            if not self._pending:
                return
            self._thread = threading.Thread(target=self._run, name="briefs-later", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """Finish the page being rendered and drop the rest (a rebuild is about to start)."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
            thread, self._thread = self._thread, None
        if thread is not None:
            thread.join()
        with self._cond:
            self._pending.clear()
            self._wanted.clear()
            self._cond.notify_all()  # requests waiting for a page give up

    def request(self, dest: str) -> None:
        """A request for the page at `dest`: note it, and if it is pending, render it next
        and wait until it is written."""
        with self._cond:
            self._recent[dest] = None
            self._recent.move_to_end(dest)
            while len(self._recent) > RECENT:
                self._recent.popitem(last=False)
            if dest not in self._pending:
                return
            self._wanted.append(dest)
            self._cond.notify_all()
            self._cond.wait_for(lambda: dest not in self._pending, timeout=REQUEST_WAIT)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until no page is pending; whether none is."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._pending, timeout=timeout)

    @property
    def pending(self) -> int:
        with self._cond:
            return len(self._pending)

    def _run(self) -> None:
        while True:
            with self._cond:
                if self._stopping or not self._pending:
                    return
                while self._wanted and self._wanted[0] not in self._pending:
                    self._wanted.pop(0)
                dest = self._wanted[0] if self._wanted else next(iter(self._pending))
                job = self._pending[dest]
            try:
                job()
            except PageFailed as error:  # a theme template: where and why, in one line
                if str(error):  # once for the pages that fail alike
                    log.error("%s", error)
                self.failed = self.failed or error
            except Exception as error:  # logged; the next rebuild renders the page again
                log.error(messages.PREVIEW_PAGE_FAILED(page=dest, reason=error))
                self.failed = self.failed or error
            with self._cond:
                self._pending.pop(dest, None)
                self.rendered += 1
                self._cond.notify_all()
