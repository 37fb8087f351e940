"""Where the shared evaluation corpus lives, and how to read it."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
RESULTS = ROOT / "bench" / "results"


def rows(name: str) -> Iterator[dict[str, Any]]:
    """Yield the records of one corpus file, or stop with a clear message when it is missing."""
    path = CORPUS / name
    if not path.is_file():
        sys.exit(
            f"error: {path} not found. The evaluation reads the shared corpus at "
            "../shared/corpus relative to the repository (see its README.md); "
            "it is never copied into the repository."
        )
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)
