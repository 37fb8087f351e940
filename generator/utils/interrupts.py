"""Ctrl-C and SIGTERM during a build: one clean stop, whatever arrives after it.

Inside `interruptible()`, SIGINT and SIGTERM raise `Interrupted` (a BaseException, so no
`except Exception` on the way swallows it); each block it leaves stops its children and
removes its staging folders. From the first signal on, both are ignored: a second Ctrl-C
cannot cut that clean-up short or print a traceback. Inside `deferred()` (the swap of the
new site and cache into place) a signal waits for the block to end, so that a build is
either not published at all or published whole. A signal that arrives there comes too late
to stop anything: the build is done, and ends as if it had come a moment later.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(BaseException):
    """The build was asked to stop by a signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        """128 + the signal's number, as a shell reports it: 130 for SIGINT, 143 for SIGTERM."""
        return 128 + self.signum


class _State:
    deferring = False
    pending: int | None = None
    received: int | None = None  # the signal that stopped the build, once raised


def _ignore_from_now() -> None:
    for number in SIGNALS:
        signal.signal(number, signal.SIG_IGN)


def _handle(signum: int, frame: FrameType | None) -> None:
    if _State.deferring:
        _State.pending = _State.pending or signum
        return
    _ignore_from_now()
    _State.received = signum
    raise Interrupted(signum)


def check() -> None:
    """Raise Interrupted again if a signal came and its exception was swallowed: a handler
    runs between any two bytecodes, in a `__del__` or a weakref callback too, where Python
    prints an exception and drops it."""
    if _State.received is not None:
        raise Interrupted(_State.received)


@contextmanager
def interruptible() -> Iterator[None]:
    """In this block, SIGINT and SIGTERM raise Interrupted (once)."""
    previous = {number: signal.getsignal(number) for number in SIGNALS}
    for number in SIGNALS:
        signal.signal(number, _handle)
    interrupted = False
    try:
        yield
    except Interrupted:
        interrupted = True
        raise
    finally:
        _State.deferring, _State.pending, _State.received = False, None, None
        if not interrupted:  # after a signal, both stay ignored until the process ends
            for number, handler in previous.items():
                signal.signal(number, handler)


@contextmanager
def deferred() -> Iterator[None]:
    """A signal arriving in this block does not cut it short (nor, being late, stop the build)."""
    _State.deferring = True
    try:
        yield
    finally:
        _State.deferring = False
        if _State.pending is not None:
            _ignore_from_now()  # a second one must not stop what is left either
