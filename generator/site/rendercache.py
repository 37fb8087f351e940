"""Generated pages whose Markdown is converted once per content, not on every build.

Markdown conversion is most of MkDocs' work per page. A generated page's HTML depends only
on its Markdown, its place in the site and the Markdown settings, so `CachedPage` keeps
the result under a hash of exactly those, all pages in one file in `.cache/` (git-ignored,
safe to delete). A page that links to other pages through Markdown is never cached: MkDocs
checks such links on every build. Pages the cache lacks are converted ahead, on every core
(`cores.convert_ahead`), so MkDocs then finds them all in the cache.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from generator.site.internals import render_page
from generator.utils.atomic import code_digest, versions, warn_damaged
from generator.utils.sealed import dump_pickle, load_pickle

_MKDOCS_PAGES_LOG = logging.getLogger("mkdocs.structure.pages")

# Bump when the stored form changes.
RENDER_CACHE_VERSION = "4"
# What converts a page's Markdown, besides the settings: the libraries and our code here.
LIBRARIES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "pygments")
_TOOLS = [
    versions(LIBRARIES),
    code_digest("generator.site.rendercache", "generator.site.internals"),  # render_page
]


@dataclass(frozen=True)
class Converted:
    """What `Page.render` leaves on a page, in a form that can be stored."""

    content: str
    toc: list[dict[str, Any]]
    title: str | None
    anchors: list[str]
    own_links: dict[str, str]  # links to this page's own anchors (its ¶ permalinks)


class RenderCache:
    """Converted pages by key, kept in one file; `save` keeps only the ones a build used."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.arriving: Callable[[Page], None] | None = None  # waits for a page's conversion
        self.used: set[str] = set()
        self._stored = self._load()
        self._fresh: dict[str, Converted] = {}

    def _load(self) -> dict[str, Converted]:
        stored = load_pickle(self.path, "page cache")
        if stored is None:
            return {}
        if not (isinstance(stored, tuple) and len(stored) == 2 and isinstance(stored[1], dict)):
            warn_damaged(self.path, "page cache", "not a stored page cache")
            return {}
        stored_version, entries = stored
        if stored_version != RENDER_CACHE_VERSION:
            return {}  # an older generator's: its keys differ anyway
        pages = {key: _converted(entry) for key, entry in entries.items()}
        kept = {key: page for key, page in pages.items() if page is not None}
        if len(kept) < len(pages):
            warn_damaged(self.path, "page cache", f"{len(pages) - len(kept)} damaged entries")
        return kept

    @property
    def loaded(self) -> int:
        """How many conversions the cache held when loaded."""
        return len(self._stored)

    def __contains__(self, key: str) -> bool:
        return key in self._fresh or key in self._stored

    def get(self, key: str) -> Converted | None:
        found = self._fresh.get(key) or self._stored.get(key)
        if found is not None:
            self.used.add(key)
        return found

    def put(self, key: str, value: Converted) -> None:
        self._fresh[key] = value

    def save(self) -> None:
        """Store the entries this build used; drop the rest."""
        if not self._fresh and self.used == set(self._stored):
            return  # unchanged
        entries = {}
        for key in sorted(self.used):
            found = self._fresh.get(key) or self._stored[key]
            entries[key] = (found.content, found.toc, found.title, found.anchors, found.own_links)
        dump_pickle(self.path, (RENDER_CACHE_VERSION, entries))


def _converted(entry: object) -> Converted | None:
    """A stored entry back as a Converted page; None when it does not hold one."""
    if not (isinstance(entry, tuple) and len(entry) == 5):
        return None
    content, toc, title, anchors, own_links = entry
    if not (
        isinstance(content, str)
        and _is_toc(toc)
        and (title is None or isinstance(title, str))
        and isinstance(anchors, list)
        and isinstance(own_links, dict)
    ):
        return None
    return Converted(content, toc, title, anchors, own_links)


def _is_toc(items: object) -> bool:
    """Whether a stored table of contents has the shape `plain_link` gives it."""
    return isinstance(items, list) and all(
        isinstance(item, dict)
        and isinstance(item.get("title"), str)
        and isinstance(item.get("id"), str)
        and isinstance(item.get("level"), int)
        and _is_toc(item.get("children"))
        for item in items
    )


def settings_key(config: MkDocsConfig) -> str:
    """Everything besides the page itself that shapes Markdown conversion."""
    settings = [
        RENDER_CACHE_VERSION,
        _TOOLS,
        config.use_directory_urls,
        config.markdown_extensions,
        config.mdx_configs,
    ]
    return json.dumps(settings, sort_keys=True, default=repr)


class CachedPage(Page):
    """A generated page that reuses its last conversion when nothing it depends on changed."""

    def __init__(self, file: File, config: MkDocsConfig, cache: RenderCache, settings: str):
        super().__init__(None, file, config)
        self.cache = cache
        self._settings = settings

    def cache_key(self, markdown: str) -> str:
        """The key of this page's conversion, given its Markdown after plugins changed it."""
        material = f"{self._settings}\n{self.file.src_uri}\n{self.file.url}\n{markdown}"
        return hashlib.sha256(material.encode()).hexdigest()

    def render(self, config: MkDocsConfig, files: Files) -> None:
        assert self.markdown is not None
        if self.cache.arriving is not None:
            self.cache.arriving(self)
        key = self.cache_key(self.markdown)
        found = self.cache.get(key)
        if found is None and (found := _alike(self._settings, self.markdown)) is not None:
            self.cache.put(key, found)
            self.cache.used.add(key)
        if found is not None:
            self._take(found)
            return
        converted = self.convert(config, files)
        if converted is not None:
            self.cache.put(key, converted)
            self.cache.used.add(key)

    def convert(self, config: MkDocsConfig, files: Files) -> Converted | None:
        """Convert as MkDocs does; the result, unless the page must not be cached."""
        assert self.markdown is not None
        found = _alike(self._settings, self.markdown)
        if found is not None:
            self._take(found)
            return found
        render_page(self, config, files, self._settings)
        assert self.content is not None
        links = self.links_to_anchors or {}
        if set(links) - {self.file} or links_out(self.markdown):
            return None
        anchors = sorted(self.present_anchor_ids or ())
        toc = [plain_link(item) for item in self.toc]
        own = dict(sorted(links.get(self.file, {}).items()))
        converted = Converted(self.content, toc, self._title_from_render, anchors, own)
        _ALIKE[(self._settings, self.markdown)] = converted
        while len(_ALIKE) > ALIKE_KEPT:
            del _ALIKE[next(iter(_ALIKE))]
        return converted

    def _take(self, found: Converted) -> None:
        """Leave on the page what converting it would have."""
        self.content = found.content
        self.toc = TableOfContents([_anchor(item) for item in found.toc])
        self._title_from_render = found.title
        self.present_anchor_ids = set(found.anchors)
        if _MKDOCS_PAGES_LOG.getEffectiveLevel() > logging.DEBUG:  # as Page.render does
            self.links_to_anchors = {self.file: dict(found.own_links)} if found.own_links else {}


# Generated pages with the same Markdown convert alike: with no link in it, MkDocs'
# conversion reads nothing else of the page (the render cache's key assumes as much, with
# the page's address besides). A brief page's Markdown is its headings and the
# placeholders of its seed text (render.py), so most briefs share one: the last
# conversions, by settings and Markdown, are reused within a process.
ALIKE_KEPT = 64
_ALIKE: dict[tuple[str, str], Converted] = {}


def _alike(settings: str, markdown: str) -> Converted | None:
    found = _ALIKE.pop((settings, markdown), None)
    if found is not None:
        _ALIKE[(settings, markdown)] = found  # the most recent now
    return found


def links_out(markdown: str) -> bool:
    """Whether Markdown holds a link or image MkDocs would resolve and check."""
    return "](" in markdown or "]:" in markdown


def plain_link(link: AnchorLink) -> dict[str, Any]:
    return {
        "title": link.title,
        "id": link.id,
        "level": link.level,
        "children": [plain_link(child) for child in link.children],
    }


def _anchor(data: dict[str, Any]) -> AnchorLink:
    link = AnchorLink(data["title"], data["id"], data["level"])
    link.children = [_anchor(child) for child in data["children"]]
    return link
