"""Forks happen with the parent's objects frozen, and the parent gets them back after."""

from __future__ import annotations

import gc

from generator.utils.forks import frozen


def test_objects_are_frozen_for_the_fork_and_given_back_after() -> None:
    gc.unfreeze()
    marker = [object()]
    with frozen():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
    assert gc.is_tracked(marker)


def test_objects_frozen_before_stay_frozen() -> None:
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        with frozen():
            pass
        assert gc.get_freeze_count() >= before > 0
    finally:
        gc.unfreeze()
