"""The build's child processes: named, stopped with their parent, and reported when they die.

Every forked helper calls `become` first. It gets a name that `ps` and /proc show (the
kinds below), dies with the build (a build killed outright leaves no helper behind), and
leaves interrupts to the build: Ctrl-C reaches every process of the terminal's group, and
only the build decides what to stop and in what order.
"""

from __future__ import annotations

import ctypes
import signal
import time
from collections.abc import Iterable
from multiprocessing.process import BaseProcess

# What each kind is called in messages, by the name its processes carry (at most 15 bytes).
KINDS = {
    "briefs-summary": "a summarizing worker",
    "briefs-convert": "a page converter",
    "briefs-render": "the page renderer",
    "briefs-charts": "the chart drawer",
}
# How long a stopped child may take to go.
STOP_SECONDS = 5.0

_PR_SET_NAME = 15
_PR_SET_PDEATHSIG = 1


class ChildDied(BaseException):
    """A child process the build needs ended before its work was done.

    Like an interrupt, it ends the build, and nothing on the way (MkDocs' `except Exception`
    around each page among them) should catch it or report it: the command reports it once.
    """

    def __init__(self, what: str, reason: str) -> None:
        self.what = what
        self.reason = reason
        super().__init__(f"{what} died ({reason})")


def exit_reason(exitcode: int | None) -> str:
    """'killed by signal 9' or 'exited with status 1', from a process's exit code."""
    if exitcode is None:
        return "still running"
    if exitcode < 0:
        return f"killed by signal {-exitcode}"
    return f"exited with status {exitcode}"


def become(name: str) -> None:
    """In a new child: take this name, die with the parent and ignore interrupts."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})  # see forks.py
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_NAME, name.encode()[:15], 0, 0, 0)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the names and the tie are a nicety
        pass


def stop(processes: Iterable[BaseProcess]) -> None:
    """Kill these processes and wait (bounded) until they are gone."""
    chosen = [process for process in processes if process.pid is not None]
    for process in chosen:
        if process.exitcode is None:
            process.kill()
    deadline = time.monotonic() + STOP_SECONDS
    for process in chosen:
        process.join(max(0.0, deadline - time.monotonic()))


def died(name: str, processes: Iterable[BaseProcess]) -> ChildDied:
    """The error for a pool of `name` processes one of which died: the first that was
    killed from outside, as the pool terminates the others itself."""
    codes = [process.exitcode for process in processes if process.exitcode]
    outside = [code for code in codes if code != -signal.SIGTERM]
    chosen = outside or codes
    return ChildDied(KINDS[name], exit_reason(chosen[0]) if chosen else "reason unknown")
