"""The theme's chrome drawn once per folder for the generated pages outside the nav."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import material  # type: ignore[import-untyped]
import mkdocs
from jinja2 import Environment, Template, TemplateNotFound, meta, nodes
from jinja2.runtime import Context

from generator.site.rendercache import CachedPage

# What the theme draws alike for every generated page outside the nav in one folder:
# partial templates, and blocks of the templates that define them. The header is split
# around the page's title (templates/theme/partials/header.html) so that the rest of it
# can be shared. Together about half of the theme's work per page.
SHARED_PARTIALS = (
    "partials/nav.html",
    "partials/header-before-title.html",
    "partials/header-after-title.html",
    "partials/footer.html",
)
# Pages are rendered folder by folder (the briefs in one, most list pages one a folder):
# what was drawn is kept for this many folders, not for each of a big site's thousands.
FOLDERS_KEPT = 16
# A block that calls super() cannot be wrapped (Jinja finds its parent by the function).
SHARED_BLOCKS = (("base.html", "styles"), ("base.html", "config"), ("base.html", "scripts"))


def share_chrome(env: Environment, in_nav: set[int]) -> None:
    """Render the theme's navigation, header, footer, styles and scripts once per folder
    for the generated pages outside the nav.

    For a page outside the nav no entry is active, so these differ only in their links,
    which are relative to the page's folder. `in_nav` holds the id() of every page the nav
    does list.
    """
    for name in SHARED_PARTIALS:
        template = _template(env, name)
        if template is None or not _page_free(env, [name]):
            continue  # a theme folder of the project's own, without it: drawn per page
        # The theme's own function, also when this environment was given to us before.
        own = getattr(template, "briefs_render", template.root_render_func)
        template.briefs_render = own  # type: ignore[attr-defined]
        template.root_render_func = _shared(own, in_nav)
    for name, block in SHARED_BLOCKS:
        template = _template(env, name)
        owns: dict[str, Any] = template.__dict__.setdefault("briefs_blocks", {}) if template else {}
        own = owns.setdefault(block, template.blocks.get(block)) if template else None
        if (
            template is not None
            and own is not None
            and _page_free(env, _included(env, name, block))
        ):
            template.blocks[block] = _shared(own, in_nav)


# Material's and MkDocs' own templates read nothing of a page outside the nav that differs
# within a folder (checked for these parts). A template of the project's own theme folder
# that names `page`, in a shared part or anything it includes, is drawn for every page.
_PACKAGES = tuple(
    str(Path(str(module.__file__)).resolve().parent) + os.sep for module in (material, mkdocs)
)


def _page_free(env: Environment, names: Iterable[str], seen: set[str] | None = None) -> bool:
    """Whether these templates, and those they include or import, read nothing of the
    page but what Material's own do (dynamic names, such as icons', are not followed)."""
    seen = set() if seen is None else seen
    for name in names:
        if name in seen:
            continue
        seen.add(name)
        try:
            source, filename, _ = (
                env.loader.get_source(env, name) if env.loader else ("", None, None)
            )
        except TemplateNotFound:
            continue  # it fails as it would without sharing
        names_page, referenced, _ = _read(env, source)
        ours = filename is None or not str(Path(filename).resolve()).startswith(_PACKAGES)
        if (ours and names_page) or not _page_free(env, referenced, seen):
            return False
    return True


def _included(env: Environment, name: str, block: str) -> tuple[str, ...]:
    """The templates one block of a template includes or imports by name."""
    source = env.loader.get_source(env, name)[0] if env.loader else ""
    return _read(env, source)[2].get(block, ())


# What a template's source says, read once per process: every build (and each rebuild of
# the preview) asks again, and parsing the theme's templates each time took 0.1 s.
_READ: dict[str, tuple[bool, tuple[str, ...], dict[str, tuple[str, ...]]]] = {}


def _read(
    env: Environment, source: str
) -> tuple[bool, tuple[str, ...], dict[str, tuple[str, ...]]]:
    """Whether a template names `page`, the templates it includes, imports or extends by
    name, and those each of its blocks includes or imports."""
    found = _READ.get(source)
    if found is None:
        tree = env.parse(source)
        blocks: dict[str, tuple[str, ...]] = {}
        for node in tree.find_all(nodes.Block):
            uses = node.find_all((nodes.Include, nodes.Import, nodes.FromImport))
            named = [getattr(use, "template", None) for use in uses]
            blocks[node.name] = tuple(
                n.value for n in named if isinstance(n, nodes.Const) and isinstance(n.value, str)
            )
        referenced = tuple(name for name in meta.find_referenced_templates(tree) if name)
        found = _READ[source] = ("page" in meta.find_undeclared_variables(tree), referenced, blocks)
    return found


def _template(env: Environment, name: str) -> Template | None:
    try:
        return env.get_template(name)
    except TemplateNotFound:
        return None


def _shared(
    render: Callable[[Context], Iterator[str]], in_nav: set[int]
) -> Callable[[Context], Iterator[str]]:
    drawn: dict[str, str] = {}  # this build's, per folder: the last FOLDERS_KEPT folders

    def shared(context: Context) -> Iterator[str]:
        page = context.get("page")
        if not isinstance(page, CachedPage) or id(page) in in_nav:
            yield from render(context)
            return
        folder = posixpath.dirname(page.url.rstrip("/"))
        if folder not in drawn:
            if len(drawn) >= FOLDERS_KEPT:  # most list pages have a folder of their own
                del drawn[next(iter(drawn))]
            drawn[folder] = "".join(render(context))
        yield drawn[folder]

    return shared
