"""What a step may take from the last rebuild instead of making again (the preview's memory).

A step names each thing it makes by a key that holds every plain value it is made from
(titles, settings), and lists the briefs it reads: `reuse(key, briefs, make)` returns what
`make()` returned last time under that key when every brief is the same object as then (a
brief that did not change stays one object across rebuilds, see site/memory.py), and calls
`make()` otherwise. A build, which keeps nothing, makes everything (`afresh`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

T = TypeVar("T")


class Reuse(Protocol):
    """What the last rebuild made under `key` from the same `objects`, or `make()`."""

    def __call__(self, key: str, objects: Sequence[object], make: Callable[[], T]) -> T: ...


def afresh(key: str, objects: Sequence[object], make: Callable[[], T]) -> T:
    """Make everything again: a build's `Reuse`."""
    return make()
