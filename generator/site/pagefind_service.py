"""Pagefind's service mode, spoken to directly: the one place that runs Pagefind."""

from __future__ import annotations

import base64
import binascii
import contextlib
import errno
import json
import os
import subprocess
import threading
import time
from pathlib import Path
from typing import IO, Any

from mkdocs.exceptions import PluginError

from generator.site.internals import PagefindRequest, PagefindWriteFiles, pagefind_executable
from generator.utils.children import ChildDied, exit_reason

# Permalink anchors (¶) are not part of a heading's text or a result's title.
EXCLUDED = [".headerlink"]
# The longest Pagefind may go without answering while requests wait for a reply (writing a
# shard of 1,000 pages takes a second or two); then it is taken for stuck, and stopped.
REPLY_SECONDS = 120.0
# How long Pagefind may take to exit once its input is closed.
EXIT_SECONDS = 10.0
# What Rust puts in an error from a full disk.
_NO_SPACE = "(os error 28)"


class PagefindService:
    """One `pagefind --service` process, spoken to in its own line protocol.

    The Python package's asyncio client waits 100 ms before reading each reply, which
    costs minutes at thousands of pages; requests here are written back to back (Pagefind
    handles them in order) and one thread reads the replies.
    """

    _ended = False
    _stopping = False  # we closed its input: its end is expected

    def __init__(self) -> None:
        self._process = subprocess.Popen(
            [pagefind_executable(), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._owner = os.getpid()
        self._sent = 0  # requests
        self._answered = 0  # and replies
        self._writes = 0  # WriteFiles requests
        self._written = 0  # that succeeded
        self._errors: list[str] = []
        self._outputs: dict[int, Path] = {}  # message id of each WriteFiles -> its folder
        self._last_reply = time.monotonic()
        self._settled = threading.Condition()
        self.index_id = -1  # the index being built: Pagefind numbers them from 0
        assert self._process.stdout is not None
        self._reader = threading.Thread(target=self._read, args=(self._process.stdout,))
        self._reader.daemon = True
        self._reader.start()

    def send(self, payload: PagefindRequest) -> None:
        self.check()
        self._sent += 1
        message = json.dumps({"message_id": self._sent, "payload": payload}).encode()
        assert self._process.stdin is not None
        with contextlib.suppress(BrokenPipeError):  # Pagefind stopped: `wait` says so
            self._process.stdin.write(base64.b64encode(message) + b",")

    def flush(self) -> None:
        assert self._process.stdin is not None
        with contextlib.suppress(BrokenPipeError):
            self._process.stdin.flush()

    def _read(self, stream: IO[bytes]) -> None:
        buffer = b""
        try:
            while chunk := stream.read1(1 << 16):  # type: ignore[attr-defined]
                buffer += chunk
                *replies, buffer = buffer.split(b",")
                for reply in replies:
                    self._answer(json.loads(base64.b64decode(reply, validate=True)))
        except (ValueError, binascii.Error, AttributeError, OSError) as error:
            with self._settled:
                self._errors.append(f"unreadable reply from Pagefind ({error})")
        with self._settled:
            self._ended = True  # the process ended (or cannot be understood): nothing more
            self._settled.notify_all()

    def _answer(self, reply: dict[str, Any]) -> None:
        payload = reply.get("payload")
        if not isinstance(payload, dict) or not isinstance(reply.get("message_id"), int):
            raise ValueError(f"no payload or message id in {str(reply)[:80]!r}")
        with self._settled:
            self._answered += 1
            self._last_reply = time.monotonic()
            if payload.get("type") == "Error":
                self._errors.append(str(payload.get("message", "unknown error")))
                self._failed_output = self._outputs.get(reply["message_id"])
            elif payload.get("type") == "WriteFiles":
                self._written += 1
            self._settled.notify_all()

    _failed_output: Path | None = None

    def check(self) -> None:
        """Raise ChildDied if Pagefind ended before it was asked to."""
        if os.getpid() != self._owner:  # in a forked helper: Pagefind is not its child
            return
        if self._ended and not self._stopping and self._process.poll() is not None:
            raise ChildDied("Pagefind", exit_reason(self._process.returncode))

    def write(self, output: Path) -> None:
        """Write the current index into `output`, then free it (Pagefind does both in order)."""
        request: PagefindWriteFiles = {
            "type": "WriteFiles",
            "index_id": self.index_id,
            "output_path": str(output),
        }
        self.send(request)
        self._outputs[self._sent] = output
        self.send({"type": "DeleteIndex", "index_id": self.index_id})
        self._writes += 1

    def new_index(self) -> None:
        """Start the next index (`index_id`); pages are then added to it."""
        self.send({"type": "NewIndex", "config": {"exclude_selectors": EXCLUDED}})
        self.index_id += 1

    def wait(self) -> None:
        """Wait until every index is written, then stop the process; raise on any error.

        The wait ends when Pagefind has answered everything, has ended, or has said nothing
        for REPLY_SECONDS.
        """
        self.flush()
        with self._settled:
            while not (self._ended or self._answered >= self._sent):
                silent = time.monotonic() - self._last_reply
                if silent > REPLY_SECONDS:
                    self._errors.append(f"no reply from Pagefind for {REPLY_SECONDS:.0f} s")
                    break
                self._settled.wait(min(1.0, REPLY_SECONDS - silent + 0.01))
        if self._answered < self._sent and not self._errors:
            self.stop(kill=True)
            raise ChildDied("Pagefind", exit_reason(self._process.returncode))
        self.stop(kill=bool(self._errors))
        if self._written < self._writes and not self._errors:
            self._errors.append(f"Pagefind exited with status {self._process.returncode}")
        if self._errors:
            if _NO_SPACE in self._errors[0]:
                where = str(self._failed_output or "the search index")
                raise OSError(errno.ENOSPC, self._errors[0], where)
            raise PluginError(f"search indexing with Pagefind failed: {self._errors[0]}")

    def kill(self) -> None:
        """Kill Pagefind now (from any thread); `wait` then ends, raising ChildDied."""
        self._process.kill()

    def stop(self, kill: bool = False) -> None:
        """End Pagefind: at the end of its input, or now; wait (bounded) until it has."""
        self._stopping = True
        if kill:
            self._process.kill()
        if self._process.stdin is not None and not self._process.stdin.closed:
            with contextlib.suppress(BrokenPipeError):
                self._process.stdin.close()  # Pagefind exits at the end of its input
        try:
            self._process.wait(timeout=EXIT_SECONDS)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(timeout=EXIT_SECONDS)
