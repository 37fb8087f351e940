"""The last generation, kept whole: a rebuild with the same inputs skips the generator.

Generation is a pure function of the seed files, the settings (the build time among
them), the templates and the generator's own code. Their hash keys one pickle under
`.cache/` (git-ignored, safe to delete); any change to any of them misses it, and the
generation runs as usual (enrichments are still cached per seed, so only changed seeds
are summarized again).
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from generator.config import BriefsConfig
from generator.seeds.parse import seed_paths

log = logging.getLogger(__name__)

MEMO_VERSION = "1"
_CODE = Path(__file__).resolve().parents[1]  # the whole generator package
T = TypeVar("T")


def inputs_key(config: BriefsConfig, arguments: Sequence[object]) -> str:
    """Hash of everything a generation reads."""
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(f"{label}\0{len(data)}\0".encode())
        digest.update(data)

    add("version", MEMO_VERSION.encode())
    add("settings", repr(config).encode())
    add("arguments", repr(tuple(arguments)).encode())
    for folder, label in ((_CODE, "code"), (config.templates_path, "template")):
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix != ".pyc"):
            add(f"{label}:{path.relative_to(folder).as_posix()}", path.read_bytes())
    for path in seed_paths(config):
        add(f"seed:{path.name}", path.read_bytes())
    return digest.hexdigest()


def memoized(
    config: BriefsConfig, arguments: Sequence[object], compute: Callable[[], T]
) -> tuple[T, bool]:
    """The stored result for these inputs and True, or `compute()` (stored) and False."""
    path = config.memo_path
    key = inputs_key(config, arguments)
    try:
        with path.open("rb") as stream:
            stored_key, result = pickle.load(stream)
        if stored_key == key:
            return result, True
    except FileNotFoundError:
        pass
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
        log.warning("ignoring unreadable cache %s; it will be rebuilt", path)
    result = compute()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    with temporary.open("wb") as stream:
        pickle.dump((key, result), stream, protocol=pickle.HIGHEST_PROTOCOL)
    temporary.replace(path)
    return result, False
