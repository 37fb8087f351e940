"""The generated pages as MkDocs files: in memory, beside the hand-written ones in docs/."""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TypeVar, cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.pages.deferred import LaterFile
from generator.seeds import messages
from generator.seeds.errors import Problem
from generator.seeds.files import irregular
from generator.seeds.files import kind as file_kind
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


def special_files(files: Files, config: MkDocsConfig) -> list[Problem]:
    """The docs files and theme overrides that are not regular files (see below)."""
    return _special_docs(files, config.docs_dir) + _special_overrides(config)


def _special_docs(files: Files, docs_dir: str) -> list[Problem]:
    """A problem for each file of the docs folder that is not a regular file (a FIFO, a
    device, a socket, or a link to one), or a broken link, taken out of `files`: MkDocs
    would wait on it for ever, or read it without end, or fail on it with a line that names
    no file. A file that cannot be looked at is MkDocs' to report."""
    docs, problems = Path(docs_dir).name, []
    for file in list(files):
        if file.generated_by or file.abs_src_path is None:
            continue
        try:
            mode = os.stat(file.abs_src_path).st_mode
        except FileNotFoundError:  # a broken link: `files` found it, so it is there
            try:
                target = os.readlink(file.abs_src_path)
            except OSError:
                continue
            message = messages.DOCS_BROKEN_LINK(target=target)
        except OSError:
            continue
        else:
            if stat.S_ISREG(mode):
                reason = _unreadable(file.abs_src_path)
                if reason is None:
                    continue
                message = messages.UNREADABLE(reason=reason)
            else:
                message = messages.DOCS_SPECIAL(kind=file_kind(mode))
        files.remove(file)
        problems.append(Problem(f"{docs}/{file.src_uri}", 1, message))
    return problems


def _unreadable(path: str) -> str | None:
    """Why a regular file cannot be opened for reading (MkDocs would fail on it with three
    lines that name it as "not found"); None when it can."""
    try:
        os.close(os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC))
    except OSError as error:
        return error.strerror or str(error)
    return None


def _special_overrides(config: MkDocsConfig) -> list[Problem]:
    """A problem for each theme override that is not a regular file, or a broken link:
    Jinja would pass over it for Material's own template without a word."""
    overrides, problems = config.theme.custom_dir, list[Problem]()
    if not overrides or not os.path.isdir(overrides):
        return problems
    root = Path(config.config_file_path).parent
    for folder, _, names in sorted(os.walk(overrides)):
        for path in (Path(folder, name) for name in sorted(names)):
            found = irregular(path)
            if found:
                shown = os.path.relpath(path, root)
                problems.append(Problem(shown, 1, messages.THEME_SPECIAL(kind=found)))
    return problems


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
