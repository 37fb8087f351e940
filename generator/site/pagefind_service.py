"""Pagefind's service mode, spoken to directly: the one place that runs Pagefind."""

from __future__ import annotations

import base64
import contextlib
import json
import subprocess
import threading
from pathlib import Path
from typing import IO, Any

from mkdocs.exceptions import PluginError

from generator.internals import PagefindRequest, PagefindWriteFiles, pagefind_executable

# Permalink anchors (¶) are not part of a heading's text or a result's title.
EXCLUDED = [".headerlink"]


class PagefindService:
    """One `pagefind --service` process, spoken to in its own line protocol.

    The Python package's asyncio client waits 100 ms before reading each reply, which
    costs minutes at thousands of pages; requests here are written back to back (Pagefind
    handles them in order) and one thread reads the replies.
    """

    _ended = False

    def __init__(self) -> None:
        self._process = subprocess.Popen(
            [pagefind_executable(), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._sent = 0  # requests
        self._answered = 0  # and replies
        self._writes = 0  # WriteFiles requests
        self._written = 0  # that succeeded
        self._errors: list[str] = []
        self._settled = threading.Condition()
        self.index_id = -1  # the index being built: Pagefind numbers them from 0
        assert self._process.stdout is not None
        self._reader = threading.Thread(target=self._read, args=(self._process.stdout,))
        self._reader.daemon = True
        self._reader.start()

    def send(self, payload: PagefindRequest) -> None:
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
        while chunk := stream.read1(1 << 16):  # type: ignore[attr-defined]
            buffer += chunk
            *replies, buffer = buffer.split(b",")
            for reply in replies:
                self._answer(json.loads(base64.b64decode(reply)))
        with self._settled:
            self._ended = True  # the process ended: nothing more will come
            self._settled.notify_all()

    def _answer(self, reply: dict[str, Any]) -> None:
        payload = reply.get("payload", {})
        with self._settled:
            self._answered += 1
            if payload.get("type") == "Error":
                self._errors.append(str(payload.get("message", "unknown error")))
            elif payload.get("type") == "WriteFiles":
                self._written += 1
            self._settled.notify_all()

    def write(self, output: Path) -> None:
        """Write the current index into `output`, then free it (Pagefind does both in order)."""
        request: PagefindWriteFiles = {
            "type": "WriteFiles",
            "index_id": self.index_id,
            "output_path": str(output),
        }
        self.send(request)
        self.send({"type": "DeleteIndex", "index_id": self.index_id})
        self._writes += 1

    def new_index(self) -> None:
        """Start the next index (`index_id`); pages are then added to it."""
        self.send({"type": "NewIndex", "config": {"exclude_selectors": EXCLUDED}})
        self.index_id += 1

    def wait(self) -> None:
        """Wait until every index is written, then stop the process; raise on any error."""
        self.flush()
        with self._settled:
            self._settled.wait_for(lambda: self._ended or self._answered >= self._sent)
        self.stop()
        if self._written < self._writes and not self._errors:
            self._errors.append(f"Pagefind exited with status {self._process.returncode}")
        if self._errors:
            raise PluginError(f"search indexing with Pagefind failed: {self._errors[0]}")

    def stop(self) -> None:
        if self._process.stdin is not None and not self._process.stdin.closed:
            with contextlib.suppress(BrokenPipeError):
                self._process.stdin.close()  # Pagefind exits at the end of its input
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
