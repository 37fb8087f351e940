"""The preview's search index: written once the author pauses, given up when they save again.

Pagefind indexes a whole shard (up to 1,000 pages) again when one of its pages changed,
which takes seconds of both cores. So a preview rebuild neither feeds Pagefind while it
renders nor waits for it afterwards: the index is written in the background once
`SEARCH_DELAY` seconds passed without a save, and a save that arrives meanwhile stops it
(Pagefind is killed, the cache is left as it was). The next rebuild's index then compares
its shards with the cache as it was, and writes every one that differs.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from generator.site.search import SearchIndex
from generator.site.searchdoc import SearchDocument

SEARCH_DELAY = 2.0  # seconds without a save before the index is written


class LaterSearch:
    """One rebuild's search index, written in the background unless `stop` comes first."""

    def __init__(
        self, index: SearchIndex, documents: Sequence[SearchDocument], delay: float = SEARCH_DELAY
    ) -> None:
        self._index = index
        self._documents = documents
        self._delay = delay
        self._stopped = threading.Event()
        self._error: BaseException | None = None
        self.written = False
        self._thread = threading.Thread(target=self._run, name="preview-search", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        if self._stopped.wait(self._delay):
            return
        try:
            for document in self._documents:
                if self._stopped.is_set():
                    self._index.abort()
                    return
                self._index.add_document(document)
            self._index.write()
            self._index.finish()
            self.written = True
        except BaseException as error:  # Pagefind killed by `stop`, or failed on its own
            self._index.abort()
            if not self._stopped.is_set():
                self._error = error

    def stop(self) -> BaseException | None:
        """Give up the index unless it is written already; why it failed, if it did."""
        self._stopped.set()
        self._index.kill()  # ends the wait for Pagefind, if the index was being written
        self._thread.join()
        return self._error
