"""The preview's search index is written once the author pauses, and given up on a save."""

from __future__ import annotations

import time
from pathlib import Path

from generator.site.livesearch import LaterSearch
from generator.site.search import SearchIndex


def documents(index: SearchIndex) -> list:  # type: ignore[type-arg]
    return [
        index.document(f"briefs/{n}/", f"Brief {n}", f"<p>Prices {n}</p>", ()) for n in range(3)
    ]


def test_the_index_is_written_after_the_pause(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "cache", tmp_path / "site" / "pagefind")
    later = LaterSearch(index, documents(index), delay=0.0)
    deadline = time.monotonic() + 60
    while not later.written:
        assert time.monotonic() < deadline, "the index was never written"
        time.sleep(0.05)
    assert later.stop() is None
    assert (tmp_path / "site/pagefind/pagefind-entry.json").is_file()


def test_a_save_during_the_pause_gives_the_index_up_at_once(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "cache", tmp_path / "site" / "pagefind")
    later = LaterSearch(index, documents(index), delay=30.0)
    start = time.monotonic()
    assert later.stop() is None
    assert time.monotonic() - start < 5
    assert not later.written and not (tmp_path / "site").exists()
