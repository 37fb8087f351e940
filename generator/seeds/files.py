"""Seed files on disk: which ones there are, and their bytes, read only when that is safe.

Every path that reads a seed (build, check, serve, stats and the generation memo) reads it
here. A FIFO, socket, device or folder is refused from its `stat` alone, before anything
opens it: opening a FIFO waits for a writer for ever, and a device may never end. A
symbolic link is followed only to a file inside the briefs folder.
"""

from __future__ import annotations

import errno
import functools
import os
import stat
from collections.abc import Callable
from pathlib import Path

from generator.config import BriefsConfig
from generator.seeds import messages
from generator.seeds.errors import Problem, SeedError

# What a seed path may turn out to be, besides a regular file, as the messages name it.
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)
# O_NONBLOCK: should a FIFO take the file's place after the check, opening it returns at
# once (and the check on the open file refuses it) instead of waiting for a writer.
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0)


# A file changed this long ago is changed again only at a later time: its times tell.
SETTLED_NS = 2_000_000_000
Signature = tuple[int, int, int, int, int]  # device, inode, size, modified, changed (ns)


def seed_paths(config: BriefsConfig) -> list[Path]:
    """Every seed file, in file-name order (hidden names left out; nothing is opened)."""
    folder = config.briefs_path
    if not folder.is_dir():
        return []
    with os.scandir(folder) as entries:  # names sort as their paths do, and faster
        names = [e.name for e in entries if e.name.lower().endswith(".txt")]
    return [_child(folder, name) for name in sorted(names) if not name.startswith(".")]


# A preview lists the folder on every save: 10,000 seeds' paths made again took a tenth of
# a second; the same ones are kept instead (and each keeps its string, for `os.lstat`).
@functools.lru_cache(maxsize=1 << 17)
def _child(folder: Path, name: str) -> Path:
    return folder / name


def settled(path: Path, now_ns: int) -> Signature | None:
    """A regular file's identity, size and times, when it last changed long enough ago that
    any later change shows in them (a write within the clock's grain of the last would
    not); None for a file that just changed, a link or anything else: read it."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or now_ns - info.st_ctime_ns < SETTLED_NS:
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def read_seed(path: Path, display: str, config: BriefsConfig) -> bytes:
    """A seed's bytes; SeedError for anything but a readable regular file within the limit."""
    try:
        return _read(path, display, config)
    except OSError as error:
        reason = error.strerror or str(error)
        raise SeedError([Problem(display, 1, messages.UNREADABLE(reason=reason))]) from None


def kind(mode: int) -> str:
    """What a file that is not a regular file is, as the messages say it."""
    return next((name for test, name in _KINDS if test(mode)), "not a file")


def irregular(path: Path | str) -> str | None:
    """What `path` is, through links, when something is there but not a regular file:
    `kind`'s name, or a broken link and where it points; None for a regular file, or for
    nothing at all (or nothing that can be looked at: the reader says why)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        try:
            return f"a broken link, to {os.readlink(path)!r}"
        except OSError:
            return None
    return None if stat.S_ISREG(mode) else kind(mode)


def _read(path: Path, display: str, config: BriefsConfig) -> bytes:
    target = path
    if stat.S_ISLNK(os.lstat(path).st_mode):
        target = Path(os.path.realpath(path))
        if not target.is_relative_to(os.path.realpath(config.briefs_path)):
            raise SeedError([Problem(display, 1, messages.SYMLINK_OUTSIDE())])
        try:
            os.stat(target)
        except OSError as error:
            if error.errno not in (errno.ENOENT, errno.ELOOP, errno.ENOTDIR):
                raise
            link = os.readlink(path)
            raise SeedError([Problem(display, 1, messages.DANGLING_SYMLINK(target=link))]) from None
    _check(os.stat(target), display, config)
    descriptor = os.open(target, _OPEN_FLAGS)
    try:
        _check(os.fstat(descriptor), display, config)  # the file opened is the one checked
        chunks, room = [], config.max_seed_bytes + 1
        while room > 0:
            chunk = os.read(descriptor, min(room, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            room -= len(chunk)
    finally:
        os.close(descriptor)
    data = b"".join(chunks)
    if len(data) > config.max_seed_bytes:  # grew since its size was checked
        message = messages.TOO_LARGE(size=len(data), limit=config.max_seed_bytes)
        raise SeedError([Problem(display, 1, message)])
    return data


def _check(info: os.stat_result, display: str, config: BriefsConfig) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise SeedError([Problem(display, 1, messages.NOT_REGULAR(kind=kind(info.st_mode)))])
    if info.st_size > config.max_seed_bytes:
        message = messages.TOO_LARGE(size=info.st_size, limit=config.max_seed_bytes)
        raise SeedError([Problem(display, 1, message)])


def displayer(config: BriefsConfig) -> Callable[[Path], str]:
    """How a seed's path is shown in messages: relative to the project when it is in it.
    Seeds share their folder, so it is worked out once."""
    made = _made_displayer(config.briefs_path, config.root)
    if not config.root.is_absolute():
        return made
    kept = _kept_displayer(config.briefs_path, config.root)  # absolute paths: whatever the cwd
    return lambda path: kept(path) if path.is_absolute() else made(path)


def _made_displayer(folder: Path, root: Path) -> Callable[[Path], str]:
    base = _display(folder, root)
    if base == str(folder):  # outside the project
        return lambda path: _display(path, root)
    prefix = "" if base == "." else f"{base}/"
    return lambda path: f"{prefix}{path.name}" if path.parent == folder else _display(path, root)


@functools.lru_cache(maxsize=8)
def _kept_displayer(folder: Path, root: Path) -> Callable[[Path], str]:
    """`_made_displayer`, kept with what it showed: a preview shows the same seeds per save."""
    return functools.lru_cache(maxsize=1 << 17)(_made_displayer(folder, root))


def _display(path: Path, root: Path) -> str:
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return str(path)
