"""Full-text search with Pagefind: the only module that talks to it.

Pagefind splits the index into fragments that the browser fetches per query, so the
first search downloads a few hundred kilobytes however many briefs there are, where
Material's own search would download the whole index (megabytes) on every page.

The index is built by Pagefind's service mode while MkDocs works: each page is sent as
soon as its content is rendered (searchdoc.py says what is sent), and the index is written
while MkDocs renders the theme, so on two cores the search costs little wall time. A shard
whose pages did not change since the last build is copied from the cache folder instead.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

from generator.site.pagefind_service import EXCLUDED, PagefindService
from generator.site.searchdoc import SearchDocument, search_document
from generator.utils.atomic import cache_folder, read_regular, versions, warn_damaged
from generator.utils.sealed import read_sealed, write_sealed

# Bump when the documents sent to Pagefind change for the same pages.
SEARCH_CACHE_VERSION = "3"
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
# A big site is indexed in shards of this many pages, one after another, because Pagefind's
# memory grows with the shard it holds (and it keeps what it grew to). Peak PSS of all the
# build's processes: at 10,000 briefs, cold, 1.45 GiB with shards of 2,500 pages (Pagefind
# ~0.65 GB of it) and 1.20 GiB with shards of 1,000 (~0.44 GB); at 50,000, 3.73 GiB (2,500,
# Pagefind ~0.98 GB) and 3.32 GiB (1,000, ~0.45 GB).
# An edit re-indexes only its shard, 1,000 pages instead of 2,500. The first search pays:
# it reads a chunk of every shard, 337 -> 515 KB at 10,000 briefs (budget: 1 MB), and
# 0.7 -> 1.2 MB at 50,000.
SHARD_PAGES = 1000


class SearchIndex:
    """The site's Pagefind index for one build, in shards of at most `SHARD_PAGES` pages.

    `add` each page in build order, `write` once every page was added, and `finish` once
    the site is built. Shard k holds pages k*SHARD_PAGES onwards and is written to its own
    bundle (`pagefind/`, then `pagefind-1/`, ...), which the browser merges. A shard whose
    pages all match the last build's is copied from the cache; the others are sent to one
    Pagefind process, which indexes and writes them one after another while MkDocs works.
    Output depends only on the pages and their order.
    """

    def __init__(self, cache_dir: Path, output_dir: Path, language: str = "en") -> None:
        self.cache_dir = cache_folder(cache_dir, "search cache")
        self.output_dir = output_dir
        self.language = language
        tools = versions(["pagefind", "pagefind-bin"])
        self._key = json.dumps([SEARCH_CACHE_VERSION, tools, EXCLUDED, SHARD_PAGES])
        self._trees: list[str] = []  # digest of each cached shard's files
        self._previous = self._load_manifest()
        self._shards: list[list[tuple[str, str]]] = []  # (url, digest) of each shard's pages
        self._held: list[SearchDocument] = []  # pages of this shard that match so far
        self._streaming = False  # this shard's pages go to Pagefind
        self._fresh: list[int] = []  # shards Pagefind writes
        self._service: PagefindService | None = None

    def _load_manifest(self) -> list[list[tuple[str, str]]]:
        path = self.cache_dir / "manifest.json"
        data = read_sealed(path, "search cache")
        if data is None:
            return []
        try:
            manifest = json.loads(data.decode("utf-8"))
            if manifest["key"] != self._key:
                return []  # another Pagefind or another generator: index afresh
            shards = [[(str(url), str(digest)) for url, digest in s] for s in manifest["shards"]]
            trees = manifest["trees"]
            if not (isinstance(trees, list) and len(trees) == len(shards)):
                raise TypeError("the shard digests do not match the shards")
        except (ValueError, KeyError, TypeError) as error:
            warn_damaged(path, "search cache", f"{type(error).__name__}: {error}")
            return []
        self._trees = [str(tree) for tree in trees]
        return shards

    def _intact(self, shard: int) -> bool:
        """Whether the cached bundle of a shard holds exactly the files stored with it."""
        folder = self.cache_dir / str(shard)
        if not folder.is_symlink() and _tree_digest(folder) == self._trees[shard]:
            return True  # a link would be copied into the site as links to where it leads
        warn_damaged(self.cache_dir / str(shard), "search cache", "files changed or missing")
        return False

    def bundle(self, shard: int) -> str:
        """The folder of a shard's bundle, relative to the site."""
        return self.output_dir.name if shard == 0 else f"{self.output_dir.name}-{shard}"

    @property
    def bundles(self) -> list[str]:
        """Every shard's bundle folder, first the one the browser loads first."""
        return [self.bundle(shard) for shard in range(len(self._shards))]

    @property
    def reused(self) -> int:
        """How many shards come from the cache."""
        return len(self._shards) - len(self._fresh)

    @property
    def summary(self) -> str:
        """What the build's log says of the index once it is finished."""
        return f"{len(self._fresh)} shard(s) written, {self.reused} copied from the cache"

    def document(
        self, url: str, title: str | None, content: str, tags: Sequence[str]
    ) -> SearchDocument:
        """What this index would hold of a page."""
        return search_document(url, title, content, tags, self.language)

    def add(self, url: str, title: str | None, content: str, tags: Sequence[str]) -> None:
        """Index one page (held back while its shard matches the last build's so far)."""
        self.add_document(self.document(url, title, content, tags))

    def add_document(self, document: SearchDocument) -> None:
        """Index one page's document, made by `document`."""
        if not self._shards or len(self._shards[-1]) == SHARD_PAGES:
            self._close_shard()
            self._shards.append([])
        shard, pages = len(self._shards) - 1, self._shards[-1]
        pages.append((document.url, document.digest))
        if self._streaming:
            self._send(document)
        elif self._matches(shard, len(pages) - 1):
            self._held.append(document)
        else:
            self._stream()
            self._send(document)

    def _matches(self, shard: int, position: int) -> bool:
        """Whether a page is the one the last build had there (the ones before it matched)."""
        before = self._previous[shard] if shard < len(self._previous) else []
        return position < len(before) and before[position] == self._shards[shard][position]

    def _stream(self) -> None:
        """Send this shard to Pagefind from now on, starting with the pages held back."""
        if self._service is None:
            self._service = PagefindService()
        self._service.new_index()
        held, self._held, self._streaming = self._held, [], True
        for document in held:
            self._send(document)

    def _send(self, document: SearchDocument) -> None:
        assert self._service is not None
        self._service.send(
            {
                "type": "AddFile",
                "index_id": self._service.index_id,
                "url": document.url,
                "file_contents": document.html,
                "file_path": None,
            }
        )

    def _close_shard(self) -> None:
        """The last shard is complete: have Pagefind write it, unless the cache has it."""
        if not self._shards:
            return
        shard = len(self._shards) - 1
        unchanged = shard < len(self._previous) and self._previous[shard] == self._shards[shard]
        if not self._streaming and unchanged and self._intact(shard):
            self._held = []
            return
        if not self._streaming:
            self._stream()
        assert self._service is not None
        output = self.output_dir.parent / self.bundle(shard)
        shutil.rmtree(output, ignore_errors=True)  # the preview's last one, say: not merged
        self._service.write(output)
        self._fresh.append(shard)
        self._streaming = False

    def write(self) -> None:
        """Every page is added: Pagefind writes the changed shards in the background."""
        if not self._shards:
            self._shards.append([])  # nothing to index: an empty index, so search still loads
        self._close_shard()
        if self._service is not None:
            self._service.flush()

    def finish(self) -> None:
        """Wait for Pagefind, copy the unchanged shards, and keep every shard in the cache."""
        if self._service is not None:
            self._service.wait()
            self._service = None
        site = self.output_dir.parent
        for shard, _ in enumerate(self._shards):
            if shard not in self._fresh:  # over the preview's last one, if any
                shutil.rmtree(site / self.bundle(shard), ignore_errors=True)
                _link_tree(self.cache_dir / str(shard), site / self.bundle(shard))
            for name in UNUSED_BUNDLES:
                (site / self.bundle(shard) / name).unlink(missing_ok=True)
            _drop_unused_engines(site / self.bundle(shard))
        if self._fresh or len(self._shards) != len(self._previous):
            self._store()

    def _store(self) -> None:
        """Replace the cache: shards written now are copied, unchanged ones moved over."""
        staging = self.cache_dir.with_name(f"{self.cache_dir.name}.new")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        for shard, _ in enumerate(self._shards):
            if shard in self._fresh:
                _link_tree(self.output_dir.parent / self.bundle(shard), staging / str(shard))
            else:
                (self.cache_dir / str(shard)).rename(staging / str(shard))
        trees = [_tree_digest(staging / str(shard)) for shard, _ in enumerate(self._shards)]
        manifest = {"key": self._key, "shards": self._shards, "trees": trees}
        write_sealed(staging / "manifest.json", json.dumps(manifest).encode("utf-8"))
        shutil.rmtree(self.cache_dir, ignore_errors=True)
        staging.rename(self.cache_dir)

    def check(self) -> None:
        """Raise ChildDied if Pagefind died: the build then fails now, not at the end."""
        if self._service is not None:
            self._service.check()

    def kill(self) -> None:
        """Kill Pagefind from another thread: a `finish` waiting for it raises ChildDied."""
        service = self._service
        if service is not None:
            service.kill()

    def bundles_for(self, pages: int) -> list[str]:
        """The bundles an index of this many pages is written to (at least one)."""
        return [self.bundle(shard) for shard in range(max(1, -(-pages // SHARD_PAGES)))]

    def abort(self) -> None:
        """The build failed or was interrupted: stop Pagefind without writing anything."""
        if self._service is not None:
            self._service.stop(kill=True)
            self._service = None


def _drop_unused_engines(bundle: Path) -> None:
    """Remove the WebAssembly engines no language of the bundle loads.

    Pagefind writes one per language it indexed and `wasm.unknown.pagefind` besides, for a
    language it has no stemmer for; pagefind.js loads the one `pagefind-entry.json` names.
    """
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        wanted = {f"wasm.{language['wasm']}.pagefind" for language in entry["languages"].values()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return  # not the entry this was written for: keep every engine
    for path in bundle.glob("wasm.*.pagefind"):
        if path.name not in wanted:
            path.unlink()


def _tree_digest(folder: Path) -> str:
    """Hash of every file's path and bytes under `folder`: '' when it is not there, or when
    it holds anything but files and folders (a link would be published as it is)."""
    if not folder.is_dir():
        return ""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not (path.is_file() or path.is_dir()):
            return ""
        if path.is_file():
            data = read_regular(path)
            digest.update(f"{path.relative_to(folder).as_posix()}\0{len(data)}\0".encode())
            digest.update(data)
    return digest.hexdigest()


def _link_tree(source: Path, target: Path) -> None:
    """Copy a bundle as hard links (files are only ever replaced whole, never edited)."""

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:  # another file system, or no hard links there
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link)
