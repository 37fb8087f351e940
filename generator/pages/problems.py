"""What `serve` shows instead of stopping: each invalid seed's problems, on its own page.

These pages never use the templates in `templates/`, so a broken template is reported too.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable, Sequence
from itertools import groupby
from pathlib import Path, PurePosixPath

from markupsafe import escape

from generator.config import BriefsConfig
from generator.pages.render import html_text, raw_page
from generator.seeds import frontmatter
from generator.seeds.errors import Problem, SeedError
from generator.seeds.files import read_seed
from generator.seeds.model import GeneratedFile
from generator.seeds.parse import decode

log = logging.getLogger(__name__)
FAILURE_SRC = "index.md"


def error_pages(
    problems: Sequence[Problem], config: BriefsConfig, taken: Collection[str]
) -> list[GeneratedFile]:
    """Log every problem, and make a page listing them at each invalid seed's address."""
    report(problems)
    pages = []
    for path, group in groupby(sorted(problems), key=lambda problem: problem.path):
        src_uri = f"briefs/{_slug(config.root / path, path, config)}.md"
        if src_uri not in taken:  # a duplicate slug: its errors are in the terminal only
            pages.append(_page(src_uri, f"Errors in {path}", list(group)))
    return pages


def failure_page(problems: Sequence[Problem]) -> GeneratedFile:
    """Log every problem, and make a home page listing them, for when no page can be built."""
    report(problems)
    return _page(FAILURE_SRC, "The preview could not be built", problems)


def report(problems: Iterable[Problem]) -> None:
    """Show each problem in the terminal, as `path:line: message`."""
    for problem in problems:
        log.error("%s", problem)


def _page(src_uri: str, title: str, problems: Iterable[Problem]) -> GeneratedFile:
    items = "\n".join(
        f"<li><code>{escape(' '.join(str(problem).split()))}</code></li>" for problem in problems
    )
    meta = {"title": html_text(title), "search": {"exclude": True}}
    body = (
        '<div class="brief-errors" role="alert">\n'
        f"<h1>{escape(title)}</h1>\n"
        "<p>The preview shows these problems in place of the page. "
        "Fix them and save: the page reloads by itself.</p>\n"
        f"<ul>\n{items}\n</ul>\n"
        "</div>\n"
    )
    page = raw_page(meta, body)
    return GeneratedFile(src_uri, page.markdown, fragments=page.packed)


def _slug(path: Path, display: str, config: BriefsConfig) -> str:
    """The page address the seed asks for with `slug:`, when its front matter is readable."""
    stem = PurePosixPath(display).stem
    try:  # refuses FIFOs, devices and links out of briefs/ as the build does, unopened
        lines = decode(read_seed(path, display, config), display).split("\n")
    except SeedError:
        return stem
    block, _, _ = frontmatter.split(lines)
    front, _ = frontmatter.parse(block, display) if block is not None else (None, [])
    return front.slug if front and front.slug else stem
