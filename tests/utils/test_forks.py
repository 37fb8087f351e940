"""Forks happen with the parent's objects frozen, and the parent gets them back after."""

from __future__ import annotations

import gc

from generator.utils.forks import frozen


def collected(thing: object) -> bool:
    """Whether the collector walks `thing`: frozen objects are left out of its generations."""
    return any(found is thing for found in gc.get_objects())


def test_objects_are_frozen_for_the_fork_and_given_back_after() -> None:
    gc.unfreeze()
    parents = [object()]  # made before the fork, as the build's state is
    assert collected(parents)
    with frozen():
        assert gc.get_freeze_count() > 0
        assert not collected(parents)  # a child forked here leaves it alone
    assert gc.get_freeze_count() == 0
    assert collected(parents)


def test_objects_frozen_before_stay_frozen() -> None:
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        with frozen():
            pass
        assert gc.get_freeze_count() >= before > 0
    finally:
        gc.unfreeze()
