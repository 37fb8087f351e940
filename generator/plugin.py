"""The MkDocs plugin `briefs`: adds the generated pages to the site as virtual files."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from generator import messages
from generator.config import BriefsConfig, load_config
from generator.errors import BriefsError, Problem
from generator.model import GeneratedFile
from generator.pipeline import generate
from generator.preview import FAILURE_SRC, failure_page


class BriefsPluginConfig(Config):  # type: ignore[no-untyped-call]
    """The plugin takes no options: its settings live in `extra.briefs`."""


class BriefsPlugin(BasePlugin[BriefsPluginConfig]):  # type: ignore[no-untyped-call]
    """Generate brief pages from `briefs/` on every build and rebuild."""

    settings: BriefsConfig | None = None
    preview = False  # under `serve`: show drafts, and show problems instead of stopping

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Remember whether this is a live preview; the plugin then lives across rebuilds."""
        self.preview = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Validate `extra.briefs` before anything is built."""
        try:
            self.settings = load_config(config.extra, Path(config.config_file_path))
        except BriefsError as error:
            raise PluginError(str(error)) from None
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Generate every page and add it; a hand-written file with the same path is an error."""
        try:
            generated = self._generate(files, config)
        except BriefsError as error:
            if not self.preview:
                raise PluginError(str(error)) from None
            taken = files.get_file_from_path(FAILURE_SRC)
            generated = [] if taken else [failure_page(error.problems)]
        for page in generated:
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(
                File.generated(config, page.src_uri, content=page.content, inclusion=inclusion)
            )
        return files

    def _generate(self, files: Files, config: MkDocsConfig) -> list[GeneratedFile]:
        assert self.settings is not None
        generated = generate(
            self.settings, config.site_name, config.use_directory_urls, preview=self.preview
        )
        docs = Path(config.docs_dir).name
        clashes = [
            Problem(f"{docs}/{page.src_uri}", 1, messages.HANDWRITTEN_CLASH())
            for page in generated
            if files.get_file_from_path(page.src_uri)
        ]
        if clashes:
            raise BriefsError(clashes)
        return generated

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        """Rebuild when a seed or a template changes."""
        assert self.settings is not None
        server.watch(str(self.settings.briefs_path))
        server.watch(str(self.settings.templates_path))
        return server
