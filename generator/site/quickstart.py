"""`serve` starts with the last build's site: its pages are served at once, while the
preview's first rebuild runs, when they are what that rebuild will show.

A build records, next to its caches, the key of what its site was made from: the
generation's inputs (memo.py: seeds, settings, templates, the generator's code and the
libraries it calls), `mkdocs.yml`, every file in docs/, and the versions of the packages
that turn Markdown into pages. It records none when it left drafts out, since a preview
shows them. The stamp lives in the cache folder a build swaps in right after its site
(publish.py), so a build that failed or was killed between the two swaps leaves a stamp that
names no site, never one that names the wrong one.

`serve` computes the same key from the project as it is. When the stamp matches, the server
starts on the built site/ (read only) and switches to the preview's own folder once the
first rebuild is done; the files it watches are watched from the start, so a save made
meanwhile is rebuilt right after. Otherwise it starts as MkDocs does, after the first
rebuild. At 10,000 briefs the first rebuild takes about ten seconds; reading the seeds for
the key, under one.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer

from generator.config import BriefsConfig
from generator.internals import serve_early, watch_natively, written_for
from generator.site.memo import inputs_key
from generator.utils.atomic import versions, write_atomically

log = logging.getLogger(__name__)

STAMP = "site.key"  # in the cache folder: the key of the site the last build published
BUILD_MARK = "sitemap.xml"  # every MkDocs build writes it (as publish.py checks)
# What turns the generated Markdown into the published pages, besides the generator.
PAGE_PACKAGES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "markdown", "minify-html")


def site_key(mkdocs_config: MkDocsConfig, inputs: str) -> str:
    """The key of a site made from these generation `inputs` and this project's pages."""
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(f"{label}\0{len(data)}\0".encode())
        digest.update(data)

    add("generation", inputs.encode())
    add("packages", repr(sorted(versions(PAGE_PACKAGES).items())).encode())
    add("settings", Path(mkdocs_config.config_file_path).read_bytes())
    docs = Path(mkdocs_config.docs_dir)
    for path in sorted(p for p in docs.rglob("*") if p.is_file()):
        add(f"docs:{path.relative_to(docs).as_posix()}", path.read_bytes())
    return digest.hexdigest()


def stamp(
    mkdocs_config: MkDocsConfig, config: BriefsConfig, inputs: str | None, drafts: int
) -> None:
    """At build time: record what the site is made from, in the cache the build publishes
    with it; or, when a preview would show more (drafts), that it may not be reused."""
    path = config.cache_dir / STAMP
    if inputs is None or drafts:
        path.unlink(missing_ok=True)
        return
    write_atomically(path, site_key(mkdocs_config, inputs).encode())


def current_site(mkdocs_config: MkDocsConfig, config: BriefsConfig) -> Path | None:
    """The built site/, when it is what the preview's first rebuild will show; else None."""
    site = Path(mkdocs_config.site_dir)
    try:
        recorded = (config.live_cache_dir / STAMP).read_text(encoding="ascii")
        if not (site / BUILD_MARK).is_file():
            return None
        arguments = (mkdocs_config.site_name, mkdocs_config.use_directory_urls)
        inputs = inputs_key(config, (*arguments, mkdocs_config.site_url))
        if inputs is None or site_key(mkdocs_config, inputs) != recorded:
            return None
    except (OSError, UnicodeError):  # no stamp, or a project that cannot be read: as MkDocs
        return None
    return site


def serve_preview(config_file: Path, dev_addr: str, early: Path | None, watched: list[str]) -> None:
    """MkDocs' `serve` in its dirty mode, as mkdocs.commands.serve runs it, but serving
    `early` (the last build's site) from the start when it is given, and watching
    `watched` (and docs/, and the settings) from then on."""
    if not written_for("mkdocs"):  # serve_early knows LiveReloadServer as 1.6.1 has it
        from mkdocs.commands.serve import serve as mkdocs_serve

        mkdocs_serve(str(config_file), dev_addr=dev_addr, build_type="dirty")
        return
    site_dir = tempfile.mkdtemp(prefix="mkdocs_")

    def get_config() -> MkDocsConfig:
        return load_config(config_file=str(config_file), site_dir=site_dir, dev_addr=dev_addr)

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=True)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path

    def builder(config: MkDocsConfig | None = None) -> None:
        log.info("Building documentation...")
        if config is None:
            config = get_config()
        config.site_url = server.url
        build(config, serve_url=server.url, dirty=True)

    server = LiveReloadServer(builder, host, port, site_dir, mount_path)

    def error_page(code: int) -> bytes | None:
        page = Path(server.root, f"{code}.html")
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    try:
        try:
            serve_built = None
            if early is not None:
                for path in (config.docs_dir, str(config_file), *watched):
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
            _stop_children(config)
            log.info("Shutting down...")
    finally:
        server.shutdown()  # whether the first rebuild finished or not
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def _stop_children(config: MkDocsConfig) -> None:
    """A rebuild cut short: its page workers and Pagefind go, and the project lock."""
    from generator.site.plugin import BriefsPlugin

    plugin = config.plugins.get("briefs")
    if isinstance(plugin, BriefsPlugin):
        plugin.stop_children()
