"""One build at a time: the project lock around everything that writes .cache or site/.

`build` holds it from its first read of the cache to the swap of site/; `serve` holds it
for each rebuild. A second command waits for the first (a preview's rebuild takes a second
or two, and a build waits as long as the one before it takes: every wait in a build is
bounded), saying once what it waits for. The lock is the operating system's (flock), so
it goes with its holder however that ends; the holder's pid and command are in a file
beside it, only for that message.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from generator.seeds import messages

log = logging.getLogger(__name__)

LOCK_NAME = "build.lock"


def lock_path(root: Path) -> Path:
    """The project's lock file: in .cache, beside (not in) the caches a build replaces."""
    return root / ".cache" / LOCK_NAME


@contextmanager
def project_lock(root: Path) -> Iterator[None]:
    """Hold the project lock in this block, waiting for another holder first."""
    path = lock_path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(path, thread_local=False)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        log.info(messages.WAITING_FOR_LOCK(holder=_holder(path), lock=_shown(path, root)))
        lock.acquire()
    with _holding(lock, path):
        yield


@contextmanager
def lock_if_free(root: Path) -> Iterator[bool]:
    """Hold the project lock in this block if no other command holds it, without waiting;
    whether it is held. For a write that may be skipped (`check` keeping its results)."""
    path = lock_path(root)
    lock = FileLock(path, thread_local=False)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock.acquire(timeout=0)
    except (Timeout, OSError):
        yield False
        return
    with _holding(lock, path):
        yield True


@contextmanager
def _holding(lock: FileLock, path: Path) -> Iterator[None]:
    """An acquired lock, with who holds it written beside it, until the block ends."""
    try:
        _write_holder(path)
        yield
    finally:
        with contextlib.suppress(OSError):
            _holder_path(path).unlink()
        lock.release()


class HeldLock:
    """The project lock taken and released by events (a preview's rebuilds)."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._held: contextlib.ExitStack | None = None

    def acquire(self) -> None:
        """Take the lock, unless this object already holds it."""
        if self._held is None:
            stack = contextlib.ExitStack()
            stack.enter_context(project_lock(self._root))
            self._held = stack

    def release(self) -> None:
        """Let the lock go, if held."""
        held, self._held = self._held, None
        if held is not None:
            held.close()


def _holder_path(path: Path) -> Path:
    return path.with_name(f"{path.name}.holder")


def _write_holder(path: Path) -> None:
    """Say who holds the lock (written whole, so a waiter never reads half of it)."""
    command = " ".join(["python -m generator", *sys.argv[1:]]) if sys.argv else "python"
    holder = _holder_path(path)
    temporary = holder.with_name(f".{holder.name}.{os.getpid()}")
    with contextlib.suppress(OSError):  # only the waiting message needs it
        temporary.write_text(f"{os.getpid()}\n{command}\n", encoding="utf-8")
        temporary.replace(holder)


def _holder(path: Path) -> str:
    """'process 1234 (python -m generator build)', or what is known of it."""
    try:
        pid, command = _holder_path(path).read_text(encoding="utf-8").splitlines()[:2]
        return f"process {int(pid)} ({command})"
    except (OSError, ValueError):
        return "another process"


def _shown(path: Path, root: Path) -> str:
    with contextlib.suppress(ValueError):
        return str(path.relative_to(Path.cwd()))
    with contextlib.suppress(ValueError):
        return str(path.relative_to(root))
    return str(path)
