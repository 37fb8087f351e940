"""Cache files sealed with the SHA-256 of their bytes, and read back only when it matches.

A cache whose content is read back as data (pickles, JSON) ends with `SEAL` and the digest
of the bytes before it. A file whose bytes do not match (cut short, a flipped bit on disk,
an edit in place) is a damaged cache: one warning, treated as missing, so it is never
published. Files are written whole or not at all, as every cache file is (atomic.py).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import pickletools
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, Protocol

from generator.utils.atomic import PICKLE_ERRORS, read_cache, warn_damaged, write_atomically_with

log = logging.getLogger(__name__)

# The end of every sealed cache file: this mark and the SHA-256 (hex) of the bytes before it.
# A file cut short, a flipped bit, an edit in place: each is a damaged cache, not data.
SEAL = b"\n\x00sha256:"
DIGEST_SIZE = 64
CHANGED = "its bytes are not those it was written with"


def write_sealed(path: Path, data: bytes) -> None:
    """`write_atomically`, with the data's digest after it (`read_sealed` checks it)."""
    seal = _seal(hashlib.sha256(data))
    write_atomically_with(path, lambda stream: (stream.write(data), stream.write(seal)))


def write_sealed_with(path: Path, write: Callable[[Writer], object]) -> None:
    """`write_atomically_with`, sealed as `write_sealed` seals: hashed as it is written."""

    def sealed(stream: BinaryIO) -> None:
        hashing = HashingWriter(stream)
        write(hashing)
        stream.write(_seal(hashing.digest))

    write_atomically_with(path, sealed)


def dump_pickle(path: Path, value: object) -> None:
    """Store `value` for `load_pickle`, sealed."""
    write_sealed(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def read_sealed(path: Path, what: str) -> bytes | None:
    """The data `write_sealed` stored in a cache file; None when missing, or damaged (one
    warning): unreadable, not a regular file, or its bytes not those it was sealed with."""
    body = _unsealed(path, what)
    return bytes(body) if body is not None else None


def _unsealed(path: Path, what: str) -> memoryview | None:
    """`read_sealed`'s data, as a view of the bytes read (a pickle needs no copy)."""
    data = read_cache(path, what)
    if data is None:
        return None
    end = len(data) - len(SEAL) - DIGEST_SIZE
    if end < 0 or data[end : end + len(SEAL)] != SEAL:
        if _whole(data):  # an older generator's, unsealed: stale anyway, as upgrades are
            log.debug("%s %s has no seal: an older generator's; it will be rebuilt", what, path)
        else:
            warn_damaged(path, what, "no digest at its end: cut short, or bytes added after it")
        return None
    body = memoryview(data)[:end]
    if hashlib.sha256(body).hexdigest().encode() != data[-DIGEST_SIZE:]:
        warn_damaged(path, what, CHANGED)
        return None
    return body


def _whole(data: bytes) -> bool:
    """Whether unsealed cache data is whole JSON or a whole pickle, as older generators
    wrote them. The pickle's opcodes are read, never run: nothing unsealed is unpickled."""
    try:
        if data[:1] == b"{":
            json.loads(data)
            return True
        for opcode, _, end in pickletools.genops(data):
            if opcode.name == "STOP":
                return end is not None and end + 1 == len(data)
    except Exception:  # anything a damaged file can raise: it is not whole
        return False
    return False


def check_seal(stream: BinaryIO, hashing: HashingReader) -> bool:
    """Whether the rest of `stream` (which `hashing` wraps and has read part of) up to its
    seal, and that seal, match: read in chunks, never held whole. The stream is left where
    it was, so what follows can be unpickled once it is known to be sound."""
    start = stream.tell()
    size = os.fstat(stream.fileno()).st_size - len(SEAL) - DIGEST_SIZE
    digest = hashing.digest.copy()
    while (left := size - stream.tell()) > 0:
        chunk = stream.read(min(left, 1 << 20))
        if not chunk:
            return False
        digest.update(chunk)
    sound = stream.tell() == size and stream.read() == _seal(digest)
    stream.seek(start)
    return sound


def _seal(digest: hashlib._Hash) -> bytes:
    return SEAL + digest.hexdigest().encode()


class Writer(Protocol):
    def write(self, data: bytes, /) -> object: ...


class HashingWriter:
    """A stream that hashes what is written through it."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.digest = hashlib.sha256()

    def write(self, data: bytes, /) -> int:
        self.digest.update(data)
        return self.stream.write(data)


class HashingReader:
    """A stream that hashes what is read through it (no `peek`: a pickle read through it
    takes exactly its own bytes)."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.digest = hashlib.sha256()

    def read(self, size: int = -1, /) -> bytes:
        data = self.stream.read(size)
        self.digest.update(data)
        return data

    def readline(self, size: int = -1, /) -> bytes:
        data = self.stream.readline(size)
        self.digest.update(data)
        return data


def load_pickle(path: Path, what: str) -> object:
    """The object `dump_pickle` stored in `path`, or None when it is missing or damaged
    (one warning), or names a class an older generator had."""
    data = _unsealed(path, what)
    if data is None:
        return None
    try:
        return pickle.loads(data)
    except PICKLE_ERRORS as error:
        warn_damaged(path, what, f"{type(error).__name__}: {error}")
        return None
