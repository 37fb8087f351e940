"""Each generated page's finished HTML, reused when nothing it is made from changed.

A warm build used to render every page through the theme again: at 10,000 briefs most of
its time. A generated page outside the navigation is a function of its own content (title,
meta, converted HTML, table of contents, URL) and of what every page shares (the settings,
the theme and its templates, the navigation, the tag pages, the search bundles, the
libraries and the generator's code). `site_key` hashes the shared part once a build;
`key` adds the page. The finished file (theme, shared icons, minified) is kept under
`.cache/briefs/html/` by that key, as a hard link to the file the build wrote, so keeping
it costs no copy, and a later build with the same key links it into its site instead of
rendering it.

Only `python -m generator build` keeps pages: it writes every site afresh into a staging
folder, so a page file is never rewritten in place (which would change the kept copy). The
preview's first build only links them into its own folder (see preview.py), and unlinks a
page before writing it again. An index records each kept file's SHA-256: a kept file is the
same inode as a page of the last site, so a page edited in place there (by a deploy step,
say) edits the kept copy too. A kept file whose bytes changed is rebuilt, with one warning,
as every damaged cache is, and never published.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.config import BriefsConfig
from generator.site.rendercache import plain_link
from generator.utils.atomic import (
    cache_folder,
    package_digest,
    read_regular,
    remove,
    versions,
    warn_damaged,
)
from generator.utils.sealed import read_sealed, write_sealed

OUTPUT_VERSION = 3
LIBRARIES = ("mkdocs", "mkdocs-material", "jinja2", "markdown", "markupsafe", "minify-html")
WHAT = "page HTML cache"
INDEX = "index.json"


def site_key(config: MkDocsConfig, nav: Navigation, shared: Mapping[str, Any]) -> str:
    """Everything besides the page that shapes a generated page's HTML.

    `shared` holds what the plugin gives every page (tag pages, search bundles, the build's
    date). Paths are left out, so a checkout elsewhere (CI) finds the same keys.
    """
    theme = dict(config.theme)
    custom = config.theme.custom_dir
    material = [
        OUTPUT_VERSION,
        versions(LIBRARIES),
        package_digest(),  # the generator's code: any change renders every page again
        config.theme.name,
        theme,
        _folder_digest(Path(custom)) if custom else None,
        {name: config.get(name) for name in _SETTINGS},
        [(name, _plugin_settings(plugin)) for name, plugin in config.plugins.items()],
        _nav(nav.items),
        dict(shared),
    ]
    return _digest(material)


# The settings a theme reads, besides the theme itself.
_SETTINGS = (
    "site_name",
    "site_url",
    "site_description",
    "site_author",
    "copyright",
    "repo_url",
    "repo_name",
    "edit_uri",
    "extra",
    "extra_css",
    "extra_javascript",
    "use_directory_urls",
    "markdown_extensions",
    "mdx_configs",
    "nav",
)


def _nav(items: Iterable[Any]) -> list[Any]:
    return [
        (
            type(item).__name__,
            getattr(item, "title", None),
            getattr(item, "url", None),
            _nav(getattr(item, "children", None) or ()),
        )
        for item in items
    ]


def _plugin_settings(plugin: object) -> object:
    """A plugin's settings; for a hook (a module named by `hooks:`, which has none), the
    digest of its source, since what it does to a page is in its code."""
    if not isinstance(plugin, ModuleType):
        return dict(getattr(plugin, "config", {}))
    source = plugin.__file__
    return hashlib.sha256(Path(source).read_bytes()).hexdigest() if source else None


def _folder_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = read_regular(path)
        name = path.relative_to(folder).as_posix()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def _digest(material: object) -> str:
    text = json.dumps(material, sort_keys=True, default=_plain_value, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _plain_value(value: object) -> str:
    """A value JSON lacks, as text that is the same in every process: a function's
    address (a plugin's sort key, say) is left out."""
    return _ADDRESS.sub("", str(value))


_ADDRESS = re.compile(r" at 0x[0-9A-Fa-f]+")


def page_digest(page: Page, content: str, fragments: bytes | None) -> str:
    """What is a generated page's own: its address, title, meta, content as converted (its
    packed `fragments` not filled in) and table of contents."""
    toc = [plain_link(item) for item in page.toc] if page.toc else []
    material = [
        page.file.src_uri,
        page.url,
        page.canonical_url,
        page.edit_url,
        page.title,
        page.meta,
        content,
        hashlib.sha256(fragments or b"").hexdigest(),
        toc,
    ]
    return _digest(material)


class OutputCache:
    """The finished pages of the last build, by key, in `folder` (a staged cache's)."""

    def __init__(self, folder: Path, site: str) -> None:
        self.folder = cache_folder(folder, WHAT)
        self.site = site
        self.keys: dict[int, str] = {}  # id() of each page that may be cached -> its key
        self._hashes = self._load()  # key -> SHA-256 of the kept file, as the index records
        self._checked: dict[str, str] = {}  # key -> SHA-256 of the file this process kept

    @classmethod
    def for_build(
        cls,
        settings: BriefsConfig,
        config: MkDocsConfig,
        nav: Navigation,
        tag_pages: Mapping[str, str],
        search_bundles: object,
        epoch: int,
    ) -> OutputCache:
        """The cache of a build, keyed by what the plugin gives every page."""
        shared = {"tags": sorted(tag_pages.items()), "search": search_bundles, "epoch": epoch}
        return cls(settings.output_cache_dir, site_key(config, nav, shared))

    def _load(self) -> dict[str, str]:
        data = read_sealed(self.folder / INDEX, WHAT)
        if data is None:
            return {}
        try:
            hashes = json.loads(data)
            if isinstance(hashes, dict) and all(
                isinstance(k, str) and isinstance(v, str) for k, v in hashes.items()
            ):
                return hashes
            if isinstance(hashes, dict) and all(type(v) is int for v in hashes.values()):
                return {}  # an older generator's index, of sizes: its keys are all stale
            reason = "not an index of pages"
        except ValueError as error:
            reason = f"{type(error).__name__}: {error}"
        warn_damaged(self.folder / INDEX, WHAT, reason)
        return {}

    def prepare(self, pages: Iterable[Page], fragments: Mapping[str, bytes]) -> None:
        """Key these pages (converted already, their `fragments` not filled in yet); only
        they are looked up and kept."""
        for page in pages:
            assert page.content is not None
            self.adopt(page, page_digest(page, page.content, fragments.get(page.file.src_uri)))

    def adopt(self, page: Page, digest: str) -> None:
        """Key a page by its own `page_digest` (the preview makes it as it converts pages)."""
        self.keys[id(page)] = _digest([self.site, digest])

    def holds(self, page: Page | None) -> bool:
        """Whether the index lists a kept file for `page` (`restore` checks the file)."""
        key = self.keys.get(id(page)) if page is not None else None
        return key is not None and key in self._hashes

    def restore(self, page: Page) -> bool:
        """Put the kept HTML of `page` in the site, if there is a sound copy of it: one
        whose bytes are those the index records."""
        key = self.keys.get(id(page))
        recorded = self._hashes.get(key) if key else None
        if key is None or recorded is None:
            return False
        kept = self.folder / key[:2] / key
        try:
            found = _sha256(kept)
        except FileNotFoundError:  # let go, by hand or by a preview that found it damaged
            del self._hashes[key]
            return False
        except OSError as error:  # not a regular file
            reason = error.strerror or str(error)
        else:
            if found == recorded:
                _link(kept, Path(page.file.abs_dest_path))
                self._checked[key] = found
                return True
            reason = (
                f"its bytes changed since it was kept; it is the file of {page.file.dest_uri} "
                "in the last site too, so an edit of that page in place changes it"
            )
        warn_damaged(kept, WHAT, reason)
        del self._hashes[key]
        with contextlib.suppress(OSError):
            remove(kept)
        return False

    def keep(self, page: Page) -> None:
        """Keep the page MkDocs just wrote (in this process or a helper)."""
        key = self.keys.get(id(page))
        written = Path(page.file.abs_dest_path)
        if key is None or not written.is_file():
            return
        kept = cache_folder(self.folder / key[:2], WHAT) / key  # never a link elsewhere
        _link(written, kept)
        with contextlib.suppress(OSError):
            self._checked[key] = _sha256(kept)

    def finish(self) -> None:
        """Record the pages of this build, and let go of the others. A page a helper kept
        or restored is hashed here, as this process has not seen its bytes; a kept file
        whose bytes are not those recorded is let go."""
        hashes: dict[str, str] = {}
        for key in sorted(set(self.keys.values())):
            with contextlib.suppress(OSError):
                found = self._checked.get(key) or _sha256(self.folder / key[:2] / key)
                if self._hashes.get(key, found) == found:
                    hashes[key] = found
        if self.folder.is_dir():  # let go of all else: other pages, and what is no page
            for sub in sorted(self.folder.iterdir()):
                if sub.name == INDEX:
                    continue  # replaced next, whatever it is now
                if len(sub.name) != 2 or sub.is_symlink() or not sub.is_dir():
                    remove(sub)
                    continue
                for path in sub.iterdir():
                    if path.name not in hashes:
                        remove(path)
        write_sealed(self.folder / INDEX, json.dumps(hashes, sort_keys=True).encode())


def _sha256(path: Path) -> str:
    """The digest of a kept file's bytes (OSError if it is gone, or not a regular file: a
    link would be linked into the site as a link, to wherever it leads)."""
    if path.is_symlink():
        raise OSError(errno.EINVAL, "a link, not a kept page", str(path))
    return hashlib.sha256(read_regular(path)).hexdigest()


def _link(source: Path, target: Path) -> None:
    """A hard link, or a copy where the two folders are on different file systems."""
    target.parent.mkdir(parents=True, exist_ok=True)
    remove(target)  # a page a killed helper wrote, made again here; or damage
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
