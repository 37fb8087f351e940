"""Forking the build: the helpers share the parent's memory instead of copying it."""

from __future__ import annotations

import gc
import signal
from collections.abc import Iterator
from contextlib import contextmanager

INTERRUPTS = {signal.SIGINT, signal.SIGTERM}


@contextmanager
def frozen() -> Iterator[None]:
    """Fork inside this block: the child's collector then leaves the parent's objects alone.

    A collection writes to every object it walks, and after a fork each written page of
    memory is copied; frozen objects are never walked (see `gc.freeze`). This process gets
    its own objects back to the collector afterwards, unless they were frozen before.
    """
    already = gc.get_freeze_count()
    gc.freeze()
    # Nor may a Ctrl-C reach a child before it has set its own handlers (children.become):
    # it would run the parent's. Held here, a signal reaches the parent once this block ends.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, INTERRUPTS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        if not already:
            gc.unfreeze()
