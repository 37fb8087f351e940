"""Cache and store files written whole or not at all, and read back without trusting them.

Every file under `.cache/` goes through `write_atomically`: a temporary file in the same
folder, flushed to disk, then renamed over the old one, so a crash or a full disk leaves
the previous file or the new one, never half of one. A cache read back as data is also
sealed with a digest of its bytes (sealed.py); anything in the cache that is not what it
should be (a file where a folder goes, a link, a FIFO) is damage, warned about once and
made again (`cache_folder`, `read_cache`, `warn_damaged`).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import logging
import os
import pickle
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import BinaryIO

log = logging.getLogger(__name__)


# What unpickling a damaged or foreign file can raise: a pickle runs constructors and
# imports modules, so a file written by an older generator may name a module or class
# that moved (ImportError, AttributeError) or build objects that no longer fit (TypeError).
PICKLE_ERRORS = (
    OSError,
    OverflowError,
    EOFError,
    pickle.UnpicklingError,
    ImportError,
    AttributeError,
    ValueError,
    TypeError,
    IndexError,
    KeyError,
    MemoryError,
    RecursionError,
    UnicodeDecodeError,
)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data`: a temporary file, fsync, os.replace, then fsync the folder."""
    write_atomically_with(path, lambda stream: stream.write(data))


def write_atomically_with(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Replace `path` with what `write` writes to the stream it is given, as
    `write_atomically` does: for data too big to hold whole in memory first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        try:
            os.replace(temporary, path)
        except IsADirectoryError:  # a folder where a cache file goes: damage, made way for
            remove(path)
            os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    sync_folder(path.parent)


def remove(path: Path) -> None:
    """Whatever is at `path` in a cache: a folder and all it holds, a file, a link."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def cache_folder(path: Path, what: str) -> Path:
    """`path`, a folder of a cache: anything else found there (a file, a link, a FIFO) is
    damage, removed with one warning."""
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        warn_damaged(path, what, "not a folder")
        remove(path)
    return path


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename in it) to disk, where the system allows it."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:  # some file systems cannot sync a folder
        pass
    finally:
        os.close(descriptor)


def open_regular(path: Path) -> BinaryIO:
    """`path` opened for reading, if it is a regular file (a link to one too); OSError if it
    is a FIFO, a device or a socket, raised before a read could wait or never end."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def read_regular(path: Path) -> bytes:
    """A regular file's bytes (see `open_regular`)."""
    with open_regular(path) as stream:
        return stream.read()


def read_cache(path: Path, what: str) -> bytes | None:
    """A cache file's bytes; None when missing, or unreadable or not a regular file (with
    one warning)."""
    try:
        return read_regular(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        warn_damaged(path, what, error.strerror or str(error))
        return None


def warn_damaged(path: Path, what: str, reason: str) -> None:
    """The one line a damaged cache file is worth: what it is, why, and that it is rebuilt."""
    reason = " ".join(reason.split())[:200]
    log.warning("ignoring damaged %s %s (%s); it will be rebuilt", what, live_path(path), reason)


def live_path(path: Path) -> Path:
    """A path through a build's staging folder (`.site.building-<pid>`, the cache's
    `briefs.building-<pid>`) as the path it will replace (`site`, `briefs`)."""
    parts = [
        part.split(".building-")[0].lstrip(".") if ".building-" in part else part
        for part in path.parts
    ]
    return Path(*parts)


def versions(packages: Iterable[str]) -> dict[str, str]:
    """Installed version of each package ('-' when missing), for cache keys."""
    found = {}
    for name in packages:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "-"
    return found


def code_digest(*modules: str) -> str:
    """Hash of the source of these generator modules (dotted names), for cache keys."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for name in modules:
        relative = Path(*name.split(".")[1:]).with_suffix(".py")
        data = (root / relative).read_bytes()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


@functools.cache
def package_digest() -> str:
    """Hash of the whole generator package's source: for caches that any of it may shape."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*.py") if p.is_file()):
        data = path.read_bytes()
        digest.update(f"{path.relative_to(root).as_posix()}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()
