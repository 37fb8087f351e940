"""Full-text search with Pagefind: the only module that talks to it.

Pagefind splits the index into fragments that the browser fetches per query, so the
first search downloads a few hundred kilobytes however many briefs there are, where
Material's own search would download the whole index (megabytes) on every page.

The index is built by Pagefind's service mode while MkDocs works: each page is sent as
soon as its content is rendered, and the index is written while MkDocs renders the theme,
so on two cores the search costs little wall time. When no indexed page changed since the
last build, the index kept in the cache folder is copied instead.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import html
import json
import logging
import shutil
import subprocess
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import IO, Any

from mkdocs.exceptions import PluginError
from pagefind.service import get_executable
from pagefind.service.types import (
    InternalAddFileRequest,
    InternalNewIndexRequest,
    InternalRequestPayload,
    InternalWriteFilesRequest,
)

# Not under "mkdocs.": a cache problem is no warning that fails a --strict build.
log = logging.getLogger(__name__)

# Bump when the documents sent to Pagefind change for the same pages.
SEARCH_CACHE_VERSION = "1"
# Pagefind's own search UIs: the site drives Pagefind from Material's search box instead.
UNUSED_BUNDLES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
# Permalink anchors (¶) are not part of a heading's text or a result's title.
EXCLUDED = [".headerlink"]


@dataclass(frozen=True)
class SearchDocument:
    """What Pagefind indexes of one page: its URL, title and content."""

    url: str
    html: str

    @property
    def digest(self) -> str:
        return hashlib.sha256(f"{self.url}\n{self.html}".encode()).hexdigest()


def search_document(
    url: str, title: str | None, content: str, tags: Sequence[str], language: str
) -> SearchDocument:
    """The indexed part of a page, as Material shows it: heading, tags and content.

    `title` and `tags` arrive as the theme prints them (already escaped once, see
    main.html), `content` is the page's rendered HTML.
    """
    heading = "" if "<h1" in content else f"<h1>{title or ''}</h1>"
    chips = "".join(f"<span>{tag}</span> " for tag in tags)
    body = f"{heading}<p>{chips}</p>{content}" if chips else f"{heading}{content}"
    return SearchDocument(
        "/" + url.lstrip("/"),
        f'<html lang="{html.escape(language)}"><body><main data-pagefind-body>'
        f"{body}</main></body></html>",
    )


class _Service:
    """One `pagefind --service` process, spoken to in its own line protocol.

    The Python package's asyncio client waits 100 ms before reading each reply, which
    costs minutes at thousands of pages; requests here are written back to back (Pagefind
    handles them in order) and one thread reads the replies.
    """

    def __init__(self) -> None:
        executable = get_executable()
        if executable is None:
            raise PluginError("search indexing needs the Pagefind binary (pip: pagefind[bin])")
        self._process = subprocess.Popen(
            [str(executable), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._sent = 0
        self._errors: list[str] = []
        self._answered = threading.Event()  # the index is written, or Pagefind stopped
        self._written = False
        assert self._process.stdout is not None
        self._reader = threading.Thread(target=self._read, args=(self._process.stdout,))
        self._reader.daemon = True
        self._reader.start()

    def send(self, payload: InternalRequestPayload) -> None:
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
        self._answered.set()  # the process ended: nothing more will come

    def _answer(self, reply: dict[str, Any]) -> None:
        payload = reply.get("payload", {})
        if payload.get("type") == "Error":
            self._errors.append(str(payload.get("message", "unknown error")))
        elif payload.get("type") == "WriteFiles":
            self._written = True
            self._answered.set()

    def wait(self) -> None:
        """Wait for the index to be written, then stop the process; raise on any error."""
        self._answered.wait()
        self.stop()
        if not self._written and not self._errors:
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


class SearchIndex:
    """The site's Pagefind index for one build.

    `add` each page in build order, `write` once every page was added, and `finish` once
    the site is built. Pages are held back while they match the last build's, and the
    service starts at the first page that differs; if none does, the cached index is
    copied instead. Output depends only on the pages and their order.
    """

    def __init__(self, cache_dir: Path, output_dir: Path) -> None:
        self.cache_dir = cache_dir
        self.output_dir = output_dir
        self._key = json.dumps([SEARCH_CACHE_VERSION, version("pagefind"), EXCLUDED])
        self._previous = self._load_manifest()
        self._pages: list[tuple[str, str]] = []
        self._held: list[SearchDocument] = []
        self._service: _Service | None = None
        self.reused = False

    def _load_manifest(self) -> list[tuple[str, str]]:
        try:
            manifest = json.loads((self.cache_dir / "manifest.json").read_text("utf-8"))
            if manifest["key"] == self._key and (self.cache_dir / "pagefind").is_dir():
                return [(url, digest) for url, digest in manifest["pages"]]
        except FileNotFoundError:
            pass
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.warning("ignoring unreadable search cache %s (%s)", self.cache_dir, error)
        return []

    def add(self, document: SearchDocument) -> None:
        """Index one page (held back while every page so far matches the last build)."""
        entry = (document.url, document.digest)
        self._pages.append(entry)
        if self._service is None and self._matches_so_far(entry):
            self._held.append(document)
            return
        service = self._start()
        service.send(_add_file(document))

    def _matches_so_far(self, entry: tuple[str, str]) -> bool:
        position = len(self._pages) - 1
        return position < len(self._previous) and self._previous[position] == entry

    def _start(self) -> _Service:
        if self._service is None:
            self._service = _Service()
            config: InternalNewIndexRequest = {
                "type": "NewIndex",
                "config": {"exclude_selectors": EXCLUDED},
            }
            self._service.send(config)
            for held in self._held:
                self._service.send(_add_file(held))
            self._held = []
        return self._service

    def write(self) -> None:
        """Every page is added: start writing the index (in the background)."""
        if self._service is None and self._pages == self._previous:
            self.reused = True
            self._held = []
            return
        service = self._start()
        request: InternalWriteFilesRequest = {
            "type": "WriteFiles",
            "index_id": 0,
            "output_path": str(self.output_dir),
        }
        service.send(request)
        service.flush()

    def finish(self) -> None:
        """Wait for the index, drop Pagefind's unused UI bundles and keep a copy in the cache."""
        if self.reused:
            shutil.copytree(self.cache_dir / "pagefind", self.output_dir)
            return
        assert self._service is not None, "write() comes before finish()"
        self._service.wait()
        for name in UNUSED_BUNDLES:
            (self.output_dir / name).unlink(missing_ok=True)
        self._store()

    def _store(self) -> None:
        staging = self.cache_dir.with_name(f"{self.cache_dir.name}.new")
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(self.output_dir, staging / "pagefind")
        manifest = {"key": self._key, "pages": self._pages}
        (staging / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        shutil.rmtree(self.cache_dir, ignore_errors=True)
        staging.rename(self.cache_dir)

    def abort(self) -> None:
        """The build failed: stop Pagefind without writing anything."""
        if self._service is not None:
            self._service.stop()
            self._service = None


def _add_file(document: SearchDocument) -> InternalAddFileRequest:
    return {
        "type": "AddFile",
        "index_id": 0,
        "url": document.url,
        "file_contents": document.html,
        "file_path": None,
    }
