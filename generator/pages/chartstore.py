"""The chart store: drawn SVG charts kept between builds under a hash of their figures.

The store is part of the git-ignored cache folder and safe to delete. Each file holds a
digest of its SVG on its first line; a file whose SVG does not match it (truncated,
damaged) is drawn again, with one warning. `load_charts` imports what drawing needs
ahead of the first drawing (the preview's, after its first rebuild).
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from generator.utils.atomic import (
    cache_folder,
    code_digest,
    read_cache,
    versions,
    warn_damaged,
    write_atomically,
)

# Bump when the stored form changes; matplotlib and the drawing code are in the key already.
CHART_VERSION = "2"
_HEADER = b"sha256:"


@functools.cache
def _tools() -> str:
    """matplotlib's version and the drawing code's hash: computed once per process."""
    drawing = code_digest("generator.pages.charts", "generator.pages.chartstore")
    return json.dumps([versions(["matplotlib"]), drawing], sort_keys=True)


def stored(store: Path | None, key: object, draw: Callable[[], str]) -> str:
    """The SVG for `key` from the chart store, drawing and storing it when missing.

    Warm rebuilds then skip matplotlib altogether (importing it alone takes ~0.5 s).
    """
    if store is None:
        return draw()
    digest = hashlib.sha256(repr((CHART_VERSION, _tools(), key)).encode()).hexdigest()
    path = cache_folder(store, "chart store") / f"{digest}.svg"
    found = _read(path)
    if found is not None:
        return found
    svg = draw()
    data = svg.encode("utf-8")
    write_atomically(path, _HEADER + hashlib.sha256(data).hexdigest().encode() + b"\n" + data)
    return svg


def _read(path: Path) -> str | None:
    """A stored chart, if it is there and whole."""
    data = read_cache(path, "chart")
    if data is None:
        return None
    header, _, svg = data.partition(b"\n")
    if header != _HEADER + hashlib.sha256(svg).hexdigest().encode():
        warn_damaged(path, "chart", "its content does not match its digest")
        return None
    return svg.decode("utf-8")  # as written: the digest matched


def load_charts() -> None:
    """Import what drawing a chart needs, and read the font list: ahead of the first chart
    a preview's save draws in its own process (charts are the same either way)."""
    import matplotlib.backends.backend_svg
    import matplotlib.figure  # noqa: F401
    from matplotlib import font_manager

    font_manager.findfont(font_manager.FontProperties())
