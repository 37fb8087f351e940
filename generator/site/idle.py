"""Python's cyclic garbage collector, held off while the preview rebuilds."""

from __future__ import annotations

import gc
import threading

IDLE_COLLECT = 3.0  # seconds after a rebuild before the garbage is collected, unless saved again


class IdleCollector:
    """The cyclic garbage collector, off while a rebuild runs and run once the author pauses.

    Left on, it walks the whole heap several times per rebuild: about a sixth of a save's
    time at 10,000 briefs. Off, a rebuild's garbage (the changed pages' last files and
    pages, which refer to each other, and what their rendering made) waits for the one full
    collection `IDLE_COLLECT` seconds later, so the preview holds at most two rebuilds'
    worth."""

    def __init__(self, idle: float = IDLE_COLLECT) -> None:
        self._idle = idle
        self._timer: threading.Timer | None = None

    def pause(self) -> None:
        if self._timer is not None:
            self._timer.cancel()  # a collection already running finishes first
            self._timer = None
        gc.disable()

    def resume(self) -> None:
        gc.enable()
        if self._timer is None:
            self._timer = threading.Timer(self._idle, gc.collect)
            self._timer.daemon = True
            self._timer.start()
