"""The chart store: drawn SVG charts kept between builds under a hash of their figures.

The store is part of the git-ignored cache folder and safe to delete.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

# Bump when the drawing code changes, so stored charts are drawn again.
CHART_VERSION = "1"


def stored(store: Path | None, key: object, draw: Callable[[], str]) -> str:
    """The SVG for `key` from the chart store, drawing and storing it when missing.

    Warm rebuilds then skip matplotlib altogether (importing it alone takes ~0.5 s). The
    store is part of the git-ignored cache folder and safe to delete.
    """
    if store is None:
        return draw()
    digest = hashlib.sha256(repr((CHART_VERSION, key)).encode()).hexdigest()
    path = store / f"{digest}.svg"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    svg = draw()
    store.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_text(svg, encoding="utf-8")
    temporary.replace(path)
    return svg
