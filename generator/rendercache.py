"""Generated pages whose Markdown is converted once per content, not on every build.

Markdown conversion is most of MkDocs' work per page. A generated page's HTML depends only
on its Markdown, its place in the site and the Markdown settings, so `CachedPage` keeps
the result under a hash of exactly those, one small JSON file per page in `.cache/`
(git-ignored, safe to delete). A page that links to other pages through Markdown is
never cached: MkDocs checks such links on every build.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

log = logging.getLogger(__name__)
_MKDOCS_PAGES_LOG = logging.getLogger("mkdocs.structure.pages")

# Bump when the stored form changes.
RENDER_CACHE_VERSION = "2"
_TOOLS = [version(name) for name in ("mkdocs", "markdown", "pymdown-extensions")]


@dataclass(frozen=True)
class Converted:
    """What `Page.render` leaves on a page, in a form that can be stored."""

    content: str
    toc: list[dict[str, Any]]
    title: str | None
    anchors: list[str]
    own_links: dict[str, str]  # links to this page's own anchors (its ¶ permalinks)


class RenderCache:
    """Converted pages by key, one file each; entries no build used are pruned."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.used: set[str] = set()
        self._folders: set[Path] = set()  # made already: one mkdir each, not one per page

    def _file(self, key: str) -> Path:
        return self.path / key[:2] / f"{key}.json"

    def get(self, key: str) -> Converted | None:
        try:
            data = json.loads(self._file(key).read_text(encoding="utf-8"))
            found = Converted(
                data["content"], data["toc"], data["title"], data["anchors"], data["own_links"]
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.warning("ignoring unreadable page cache entry %s (%s)", self._file(key), error)
            return None
        self.used.add(key)
        return found

    def put(self, key: str, value: Converted) -> None:
        target = self._file(key)
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        temporary = target.with_name(f".{target.name}.{os.getpid()}")
        data = {
            "content": value.content,
            "toc": value.toc,
            "title": value.title,
            "anchors": value.anchors,
            "own_links": value.own_links,
        }
        temporary.write_text(json.dumps(data), encoding="utf-8")
        temporary.replace(target)
        self.used.add(key)

    def prune(self) -> None:
        """Delete the entries this build did not use."""
        if not self.path.is_dir():
            return
        for entry in self.path.glob("*/*.json"):
            if entry.stem not in self.used:
                entry.unlink(missing_ok=True)


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
        self._cache = cache
        self._settings = settings

    def render(self, config: MkDocsConfig, files: Files) -> None:
        assert self.markdown is not None
        material = f"{self._settings}\n{self.file.src_uri}\n{self.file.url}\n{self.markdown}"
        key = hashlib.sha256(material.encode()).hexdigest()
        found = self._cache.get(key)
        if found is not None:
            self.content = found.content
            self.toc = TableOfContents([_anchor(item) for item in found.toc])
            self._title_from_render = found.title
            self.present_anchor_ids = set(found.anchors)
            if _MKDOCS_PAGES_LOG.getEffectiveLevel() > logging.DEBUG:  # as Page.render does
                self.links_to_anchors = (
                    {self.file: dict(found.own_links)} if found.own_links else {}
                )
            return
        super().render(config, files)
        assert self.content is not None
        links = self.links_to_anchors or {}
        if set(links) - {self.file} or _links_out(self.markdown):
            return
        anchors = sorted(self.present_anchor_ids or ())
        toc = [_plain(item) for item in self.toc]
        own = dict(sorted(links.get(self.file, {}).items()))
        self._cache.put(key, Converted(self.content, toc, self._title_from_render, anchors, own))


def _links_out(markdown: str) -> bool:
    """Whether Markdown holds a link or image MkDocs would resolve and check."""
    return "](" in markdown or "]:" in markdown


def _plain(link: AnchorLink) -> dict[str, Any]:
    return {
        "title": link.title,
        "id": link.id,
        "level": link.level,
        "children": [_plain(child) for child in link.children],
    }


def _anchor(data: dict[str, Any]) -> AnchorLink:
    link = AnchorLink(data["title"], data["id"], data["level"])
    link.children = [_anchor(child) for child in data["children"]]
    return link
