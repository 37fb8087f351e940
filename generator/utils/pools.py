"""A pool of forked workers that never leaves the build waiting on a dead one.

`multiprocessing.Pool` waits forever for a worker killed from outside; a
`ProcessPoolExecutor` reports it as `BrokenProcessPool`, but only once it notices, and its
own bookkeeping thread can still block on a message the dead worker left half-written.
So each result is waited for in short slices, checking between them that every worker is
still there: a dead worker is reported within a fraction of a second, whatever the pool's
state, and the others are killed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import ForkContext, ForkProcess
from multiprocessing.process import BaseProcess
from types import TracebackType
from typing import Any, Generic, TypeVar

from generator.utils import interrupts
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
        self.processes: list[BaseProcess] = []  # every worker, dead or alive
        self._executor = ProcessPoolExecutor(
            workers,
            mp_context=_Recording(self.processes),
            initializer=_start,
            initargs=(name, initializer, initargs),
        )

    def map(self, items: Sequence[T], chunksize: int) -> Iterator[R]:
        """The results of `function` on every item, in order; raise ChildDied if a worker dies."""
        futures: list[Future[list[R]]] = []
        try:
            # The workers fork at the first submissions. Frozen once for all of them: each
            # freeze asks how many objects are frozen already, which walks them all (10 ms
            # a time once the build's state is frozen, as commands/site.py does).
            with frozen():
                for start in range(0, len(items), chunksize):
                    chunk = items[start : start + chunksize]
                    futures.append(self._executor.submit(_run, self._function, chunk))
        except BrokenProcessPool:  # a worker died already
            raise self._died() from None
        return self._results(futures)

    def _results(self, futures: list[Future[list[R]]]) -> Iterator[R]:
        for future in futures:
            yield from self._wait(future)

    def _wait(self, future: Future[list[R]]) -> list[R]:
        while True:
            try:
                return future.result(timeout=POLL_SECONDS)
            except FutureTimeout:
                interrupts.check()
                if any(not process.is_alive() for process in self.processes):
                    raise self._died() from None
            except BrokenProcessPool:
                raise self._died() from None

    def _died(self) -> ChildDied:
        # The pool's thread terminates the others: once all are reaped, the one that died
        # first is the one not ended by SIGTERM (unless SIGTERM ended it too).
        deadline = time.monotonic() + 1.0
        while any(p.exitcode is None for p in self.processes) and time.monotonic() < deadline:
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


class _Recording(ForkContext):
    """The fork context, noting each process the pool makes (the pool forgets dead ones)."""

    def __init__(self, started: list[BaseProcess]) -> None:
        super().__init__()
        self._started = started

    def Process(self, *args: Any, **kwargs: Any) -> ForkProcess:  # type: ignore[override]
        process = ForkProcess(*args, **kwargs)
        self._started.append(process)
        return process


def _start(name: str, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    become(name)
    if initializer is not None:
        initializer(*initargs)


def _run(function: Callable[[T], R], items: Sequence[T]) -> list[R]:
    return [function(item) for item in items]
