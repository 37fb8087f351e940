"""The theme's chrome drawn once per folder for the generated pages outside the nav."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from typing import Any

from jinja2 import Environment, Template, TemplateNotFound
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
        if template is None:
            continue  # a theme folder of the project's own, without it: drawn per page
        # The theme's own function, also when this environment was given to us before.
        own = getattr(template, "briefs_render", template.root_render_func)
        template.briefs_render = own  # type: ignore[attr-defined]
        template.root_render_func = _shared(own, in_nav)
    for name, block in SHARED_BLOCKS:
        template = _template(env, name)
        owns: dict[str, Any] = template.__dict__.setdefault("briefs_blocks", {}) if template else {}
        own = owns.setdefault(block, template.blocks.get(block)) if template else None
        if template is not None and own is not None:
            template.blocks[block] = _shared(own, in_nav)


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
