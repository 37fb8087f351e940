"""A pool of forked workers that never leaves the build waiting on a dead one.

`multiprocessing.Pool` waits forever for a worker killed from outside; a
`ProcessPoolExecutor` reports it as `BrokenProcessPool`, but only once it notices, and its
own bookkeeping thread can still block on a message the dead worker left half-written.
So each result is waited for in short slices, checking between them that every worker is
still there: a dead worker is reported within a fraction of a second, whatever the pool's
state, and the others are killed.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.process import BaseProcess
from types import TracebackType
from typing import Any, Generic, TypeVar

from generator.utils.children import ChildDied, become, died, stop
from generator.utils.forks import frozen

T = TypeVar("T")
R = TypeVar("R")

# Seconds between two checks that every worker is alive.
POLL_SECONDS = 0.2


class WorkerPool(Generic[T, R]):
    """`workers` forked processes named `name` (see children.KINDS) running `function`.

    Fork, so `initializer(*initargs)` runs in each worker with arguments that are inherited,
    never pickled. Use it as a context manager: leaving the block early kills the workers.
    """

    def __init__(
        self,
        name: str,
        function: Callable[[T], R],
        workers: int,
        initializer: Callable[..., None] | None = None,
        initargs: tuple[Any, ...] = (),
    ) -> None:
        self.name = name
        self._function = function
        self._executor = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_start,
            initargs=(name, initializer, initargs),
        )
        self.processes: list[BaseProcess] = []

    def map(self, items: Sequence[T], chunksize: int) -> Iterator[R]:
        """The results of `function` on every item, in order; raise ChildDied if a worker dies."""
        before = set(multiprocessing.active_children())
        with frozen():  # the workers fork at the first submission
            futures = [
                self._executor.submit(_run, self._function, items[start : start + chunksize])
                for start in range(0, len(items), chunksize)
            ]
        self.processes = [p for p in multiprocessing.active_children() if p not in before]
        return self._results(futures)

    def _results(self, futures: list[Future[list[R]]]) -> Iterator[R]:
        for future in futures:
            yield from self._wait(future)

    def _wait(self, future: Future[list[R]]) -> list[R]:
        while True:
            try:
                return future.result(timeout=POLL_SECONDS)
            except FutureTimeout:
                if any(not process.is_alive() for process in self.processes):
                    raise self._died() from None
            except BrokenProcessPool:
                raise self._died() from None

    def _died(self) -> ChildDied:
        deadline = time.monotonic() + 1.0  # let the pool's thread reap the dead one first
        while not any(p.exitcode for p in self.processes) and time.monotonic() < deadline:
            time.sleep(0.01)
        error = died(self.name, self.processes)
        self.abort()
        return error

    def close(self) -> None:
        """Every result was taken: let the workers go."""
        self._executor.shutdown(wait=True)

    def abort(self) -> None:
        """Stop now: cancel what is queued and kill the workers."""
        self._executor.shutdown(wait=False, cancel_futures=True)
        stop(self.processes)

    def __enter__(self) -> WorkerPool[T, R]:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()


def _start(name: str, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    become(name)
    if initializer is not None:
        initializer(*initargs)


def _run(function: Callable[[T], R], items: Sequence[T]) -> list[R]:
    return [function(item) for item in items]
