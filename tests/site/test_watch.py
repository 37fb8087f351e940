"""The live preview learns of a save from the system at once, not by polling every seed."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

from generator.site.internals import watch_natively


def test_a_save_is_seen_through_the_native_observer_and_a_read_is_not(
    tmp_path: Path,
) -> None:
    briefs, templates = tmp_path / "briefs", tmp_path / "templates"
    briefs.mkdir()
    templates.mkdir()
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(briefs))
    server.watch(str(templates))
    watch_natively(server)
    assert not isinstance(server.observer, PollingObserver)
    server.observer.start()
    try:
        assert set(server._watched_paths) == {str(briefs), str(templates)}
        (briefs / "000_read.txt").write_text("kept", encoding="utf-8")
        time.sleep(0.5)  # the watches are in place, and that write is seen
        server._want_rebuild = False
        assert (briefs / "000_read.txt").read_text(encoding="utf-8") == "kept"
        time.sleep(0.5)
        assert not server._want_rebuild, "reading a seed started a rebuild"
        (briefs / "001_x.txt").write_text("saved", encoding="utf-8")
        deadline = time.monotonic() + 5
        while not server._want_rebuild:
            assert time.monotonic() < deadline, "the save was not seen"
            time.sleep(0.01)
    finally:
        server.observer.stop()
        server.observer.join()
        server.server_close()


def test_stopping_while_changes_arrive_logs_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Ctrl-C stops the observer while saves come in: watchdog's inotify thread, stopped
    mid-read, logs an error about itself, which must not follow "Shutting down..."."""
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    for _ in range(ROUNDS):
        server = LiveReloadServer(
            builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path)
        )
        server.watch(str(briefs))
        watch_natively(server)
        server.observer.start()
        done = threading.Event()

        def write(done: threading.Event) -> None:
            number = 0
            while not done.is_set():
                (briefs / f"{number % 50:03d}_x.txt").write_text(str(number), encoding="utf-8")
                number += 1

        writer = threading.Thread(target=write, args=(done,))
        writer.start()
        time.sleep(0.02)
        with caplog.at_level(logging.DEBUG, logger="watchdog"):
            server.observer.stop()
            server.observer.join()
        done.set()
        writer.join()
        server.server_close()
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [], f"{len(errors)} of {ROUNDS} stops: {errors[0]}"


ROUNDS = 40
