"""The generated pages as MkDocs files: in memory, beside the hand-written ones in docs/."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TypeVar, cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.pages.deferred import LaterFile
from generator.seeds import messages
from generator.seeds.errors import Problem
from generator.seeds.model import GeneratedFile
from generator.site.preview import Preview
from generator.site.previewfile import PreviewFile
from generator.site.rendercache import CachedPage, RenderCache, settings_key

F = TypeVar("F", bound=File)


def clashes(generated: Sequence[GeneratedFile], files: Files, docs_dir: str) -> list[Problem]:
    """A problem for each generated page whose path a hand-written file already takes."""
    docs, taken = Path(docs_dir).name, files.src_uris
    return [
        Problem(f"{docs}/{page.src_uri}", 1, messages.HANDWRITTEN_CLASH())
        for page in generated
        if page.src_uri in taken
    ]


def add_generated(
    files: Files,
    generated: Sequence[GeneratedFile],
    config: MkDocsConfig,
    live: Preview | None,
    render_cache: RenderCache | None,
) -> None:
    """Add each generated page to `files`: a page outside the navigation is converted
    through the render cache, and under `serve` the preview tells whether it changed, and
    keeps the last rebuild's file when it did not (Preview.file)."""
    settings = settings_key(config)

    def made(page: GeneratedFile, kind: type[F]) -> F:
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        later = isinstance(page, LaterFile)  # rendered when MkDocs reads it (a preview's)
        content = "" if later else page.content
        file = kind.generated(config, page.src_uri, content=content, inclusion=inclusion)
        if later:
            assert isinstance(file, PreviewFile)
            file.source = page
        if file.is_documentation_page() and not page.in_nav and render_cache:
            CachedPage(file, config, render_cache, settings)  # becomes file.page
        return cast(F, file)

    for page in generated:
        files.append(
            made(page, File) if live is None else live.file(page, partial(made, page, PreviewFile))
        )
