"""The preview's collector: off while a rebuild runs, one full pass once the author pauses."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator

import pytest

from generator.site.idle import IdleCollector


@pytest.fixture
def full_passes() -> Iterator[list[float]]:
    """When each full collection started, while the test runs. Automatic passes are off
    (threshold 0), so a pass seen is one `IdleCollector` ran, or one it failed to hold off."""
    started: list[float] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 2:
            started.append(time.monotonic())

    thresholds = gc.get_threshold()
    gc.set_threshold(0)  # no automatic pass, even while enabled: only the collector's count
    gc.callbacks.append(seen)
    yield started
    gc.callbacks.remove(seen)
    gc.set_threshold(*thresholds)
    gc.enable()


def garbage(count: int) -> None:
    """Make `count` reference cycles, which only the collector frees."""
    for _ in range(count):
        cycle: list[object] = []
        cycle.append(cycle)


def test_no_pass_while_a_rebuild_runs_and_one_once_the_author_pauses(
    full_passes: list[float],
) -> None:
    collector = IdleCollector(idle=0.2)
    collector.pause()
    assert not gc.isenabled()
    garbage(300_000)  # what the pass after the pause frees
    assert full_passes == []
    resumed = time.monotonic()  # before the timer starts, so the pause is measured in full
    collector.resume()
    assert gc.isenabled()
    deadline = resumed + 5
    while not full_passes and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(full_passes) == 1 and full_passes[0] - resumed >= 0.2


def test_a_save_before_the_pause_ends_puts_the_pass_off(full_passes: list[float]) -> None:
    collector = IdleCollector(idle=0.3)
    collector.pause()
    collector.resume()
    time.sleep(0.1)
    collector.pause()  # the author saved again
    time.sleep(0.4)
    assert full_passes == []
    collector.resume()
    time.sleep(0.6)
    assert len(full_passes) == 1
