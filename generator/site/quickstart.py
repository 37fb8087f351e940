"""`serve` starts with the last build's site: its pages are served at once, while the
preview's first rebuild runs, when they are what that rebuild will show.

Once MkDocs has written a site, the build records next to its caches the key of what the
site was made from: the generation's inputs (memo.py: seeds, settings, templates, the
generator's code and the libraries it calls), the bytes of `mkdocs.yml` it was loaded from,
every file in docs/ and in the theme folder, and the versions of the packages that turn
Markdown into pages; and which site it is (its sitemap's device, inode, size and times,
which the swap into place keeps). It records none when it left drafts out, since a preview
shows them. So a stamp matches only the site its build made: after a build killed between
its two swaps (publish.py), or a site written by another tool, it names no site in place.

`serve` computes the same key from the project as it is. When the stamp matches, the server
starts on the built site/ (read only, hidden files refused) and switches to the preview's
own folder once the first rebuild is done, reloading open pages once; the files it watches
are watched from the start, so a save made meanwhile is rebuilt right after. Otherwise it
starts as MkDocs does, after the first rebuild. At 10,000 briefs the first rebuild takes
about ten seconds; reading the seeds for the key, under one.
"""

from __future__ import annotations

import hashlib
import logging
import posixpath
import shutil
import tempfile
from contextlib import nullcontext
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer

from generator.config import BriefsConfig
from generator.internals import written_for
from generator.seeds import messages
from generator.seeds.files import irregular
from generator.site.internals import (
    serve_early,
    theme_template_replaced,
    wait_built,
    watch_natively,
)
from generator.site.later import Later
from generator.site.memo import inputs_key
from generator.site.themeerror import said_as, theme_failures
from generator.utils.atomic import versions, write_atomically

if TYPE_CHECKING:
    from generator.pipeline import Generated

log = logging.getLogger(__name__)

STAMP = "site.key"  # in the cache folder: the key of the site the last build published
BUILD_MARK = "sitemap.xml"  # every MkDocs build writes it (as publish.py checks)
# What turns the generated Markdown into the published pages, besides the generator.
PAGE_PACKAGES = (
    "mkdocs",
    "mkdocs-material",
    "pymdown-extensions",
    "markdown",
    "pygments",
    "minify-html",
    "pagefind",
)


def site_key(mkdocs_config: MkDocsConfig, config: BriefsConfig, inputs: str) -> str:
    """The key of a site made from these generation `inputs` and this project's pages."""
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(f"{label}\0{len(data)}\0".encode())
        digest.update(data)

    add("generation", inputs.encode())
    add("packages", repr(sorted(versions(PAGE_PACKAGES).items())).encode())
    add("settings", config.settings_digest.encode())  # the bytes they were loaded from
    folders = [("docs", mkdocs_config.docs_dir), ("theme", mkdocs_config.theme.custom_dir)]
    for label, name in folders:
        if not name:
            continue
        folder = Path(name)
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            add(f"{label}:{path.relative_to(folder).as_posix()}", path.read_bytes())
    hooks: dict[str, ModuleType] = mkdocs_config.hooks  # type: ignore[assignment]  # typed a list
    for name, hook in sorted(hooks.items()):  # a `hooks:` script can change any page
        if hook.__file__:
            add(f"hook:{name}", Path(hook.__file__).read_bytes())
    return digest.hexdigest()


def stamp(
    mkdocs_config: MkDocsConfig, config: BriefsConfig, generated: Generated, site: Path
) -> None:
    """At build time, once MkDocs wrote `site` (not yet in place): record what it was made
    from, and which site it is (its sitemap's identity, which moving the folder keeps), in
    the cache the build publishes with it. No stamp when a preview would show more (drafts)."""
    path = config.cache_dir / STAMP
    if generated.inputs is None or generated.drafts or not config.settings_digest:
        path.unlink(missing_ok=True)
        return
    key = site_key(mkdocs_config, config, generated.inputs)
    write_atomically(path, f"{key} {_identity(site)}".encode())


def current_site(mkdocs_config: MkDocsConfig, config: BriefsConfig) -> Path | None:
    """The built site/, when it is what the preview's first rebuild will show; else None."""
    site = Path(mkdocs_config.site_dir)
    try:
        recorded = (config.live_cache_dir / STAMP).read_text(encoding="ascii")
        key, _, identity = recorded.partition(" ")
        if identity != _identity(site) or not config.settings_digest:  # another site now
            return None
        arguments = (mkdocs_config.site_name, mkdocs_config.use_directory_urls)
        inputs = inputs_key(config, (*arguments, mkdocs_config.site_url))
        if inputs is None or site_key(mkdocs_config, config, inputs) != key:
            return None
    except (OSError, UnicodeError):  # no stamp, or a project that cannot be read: as MkDocs
        return None
    return site


def _identity(site: Path) -> str:
    """Which build made `site`: its sitemap's device, inode, size and time of change."""
    info = (site / BUILD_MARK).stat()
    return f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"


def serve_preview(config_file: Path, dev_addr: str, early: Path | None, watched: list[str]) -> None:
    """MkDocs' `serve` in its dirty mode, as mkdocs.commands.serve runs it, but serving
    `early` (the last build's site) from the start when it is given, and watching
    `watched` (and docs/, and the settings) from then on. Ctrl-C stops it quietly."""
    if not written_for("mkdocs"):  # serve_early knows LiveReloadServer as 1.6.1 has it
        from mkdocs.commands.serve import serve as mkdocs_serve

        mkdocs_serve(str(config_file), dev_addr=dev_addr, build_type="dirty")
        return
    site_dir = tempfile.mkdtemp(prefix="mkdocs_")
    config: MkDocsConfig | None = None
    server: LiveReloadServer | None = None
    later: Later | None = None
    live: object = None  # the plugin's Preview

    def get_config() -> MkDocsConfig:
        found = irregular(config_file)  # a FIFO saved over it would be waited on for ever
        if found:
            message = messages.CONFIG_SPECIAL(kind=found)
            raise Abort(f"{config_file}: {message}; the preview waits for the next save")
        return load_config(config_file=str(config_file), site_dir=site_dir, dev_addr=dev_addr)

    def builder(config: MkDocsConfig | None = None) -> None:
        assert server is not None
        if later is not None:
            later.stop()  # before the new settings reach the plugins it renders with
        log.info("Building documentation...")
        first = config is not None  # serve_preview's own build, before the server runs
        if config is None:
            config = get_config()
        config.site_url = server.url
        deferral = getattr(live, "deferral", None)  # the sitemap, after the reload
        with theme_template_replaced(deferral.theme_template) if deferral else nullcontext():
            root = Path(config.config_file_path).parent
            ending = messages.THEME_FAILED if first else messages.REBUILD_THEME_FAILED
            with theme_failures(config.theme.dirs, root, said_as(ending)):  # one line
                build(config, serve_url=server.url, dirty=True)

    try:
        config = get_config()
        config.plugins.on_startup(command="serve", dirty=True)
        host, port = config.dev_addr
        mount_path = urlsplit(config.site_url or "/").path
        server = LiveReloadServer(builder, host, port, site_dir, mount_path)
        live = getattr(config.plugins.get("briefs"), "live", None)
        later = getattr(live, "later", None)
        _serve_app(server, later)
        serve_built = None
        if early is not None:
            for path in (config.docs_dir, str(config_file), *watched, *config.watch):
                server.watch(path)
            watch_natively(server)
            serve_built = serve_early(server, str(early.absolute()))
            log.info(
                "Serving on %s: the last build's pages, until the preview is built", server.url
            )
        builder(config)  # the first rebuild
        server.watch(config.docs_dir)
        server.watch(str(config_file))
        config.plugins.on_serve(server, config=config, builder=builder)  # ours returns it
        for item in config.watch:
            server.watch(item)
        if serve_built is None:
            server.serve()  # type: ignore[no-untyped-call]
        else:
            log.info("briefs: the preview is built, and served from now on")
            serve_built()
    except KeyboardInterrupt:  # in a rebuild too (MkDocs lets it through): no traceback
        if config is not None:
            _stop_children(config)
        log.info("Shutting down...")
    finally:
        if server is not None:
            server.shutdown()  # whether the first rebuild finished or not
        if config is not None:
            config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def _serve_app(server: LiveReloadServer, later: Later | None) -> None:
    """Answer 404 for a hidden path (`.git/config`): the last build's site/ may hold the
    dotfiles a build carries over (publish.py), and the preview serves no hidden file.
    A page the last rebuild left for later (later.py) is rendered before it is sent. An
    address with no page gets the theme's 404 page."""
    serve = server.serve_request
    if later is not None:
        later.serving = True

    def guarded(environ: dict[str, Any], start_response: Any) -> Any:
        path = str(environ.get("PATH_INFO", ""))
        if any(part.startswith(".") for part in path.split("/")):
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"Not found"]
        dest = page_path(server.mount_path, path)
        if later is not None and dest is not None:
            wait_built(server)
            later.request(dest)
        return serve(environ, start_response)

    server.set_app(guarded)

    def error_page(code: int) -> bytes | None:  # the theme's 404.html, as MkDocs' serve has it
        page = Path(server.root, f"{code}.html")
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page


def page_path(mount_path: str, path: str) -> str | None:
    """The file a request for `path` (WSGI's PATH_INFO) reads, relative to the site, when
    it is a page; as MkDocs' live-reload server finds it."""
    path = path.encode("latin-1").decode("utf-8", "ignore")
    if not (path + "/").startswith(mount_path) or path.startswith("/livereload/"):
        return None
    relative = path[len(mount_path) :] + ("index.html" if path.endswith("/") else "")
    relative = posixpath.normpath("/" + relative).lstrip("/")
    if relative in ("sitemap.xml", "sitemap.xml.gz"):  # written together (Preview.theme_template)
        return "sitemap.xml"
    return relative if relative.endswith(".html") else None


def _stop_children(config: MkDocsConfig) -> None:
    """A rebuild cut short: its page workers and Pagefind go, and the project lock."""
    from generator.site.plugin import BriefsPlugin

    plugin = config.plugins.get("briefs")
    if isinstance(plugin, BriefsPlugin):
        plugin.stop_children()
