"""The theme's icons in one file that every page shares, instead of inline in each page.

Material writes the SVG of each of its icons into every page (logo, menu, search box,
palette toggle, back to top): about 2.7 KB a page, the same bytes on every page.
`IconSprite` puts them in `assets/briefs-icons.svg` as symbols, and each page draws them
with `<use>`, which looks the same: the path keeps its view box, and its fill is inherited
from the page (Material colours icons with `fill: currentcolor`). The sprite is one file
the browser caches. An icon the table below does not name stays inline.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import get_relative_url

SPRITE = "assets/briefs-icons.svg"
# The theme's icons, by their setting under `theme.icon` and Material's default for it.
THEME_ICONS = {
    "logo": "material/library",
    "menu": "material/menu",
    "search": "material/magnify",
    "previous": "material/arrow-left",
    "close": "material/close",
    "top": "material/arrow-up",
}
_ICON = re.compile(r'<svg xmlns="http://www\.w3\.org/2000/svg" viewBox="([^"<>]+)">(.*)</svg>')


@dataclass(frozen=True)
class Icon:
    """One of the theme's icons: its SVG as pages include it, and its parts."""

    name: str  # as the theme names it: material/menu
    inline: str
    view_box: str
    body: str

    @property
    def symbol_id(self) -> str:
        return "icon-" + re.sub(r"[^a-z0-9]+", "-", self.name.lower())


class IconSprite:
    """The theme's icons for one site: swapped out of its pages, and written as one file."""

    def __init__(self, icons: tuple[Icon, ...]) -> None:
        self.icons = icons

    @classmethod
    def for_site(cls, config: MkDocsConfig) -> IconSprite:
        """The icons this site's theme settings use, read from the theme's folders."""
        theme = config.theme
        settings = theme.get("icon") or {}
        names = {str(settings.get(key) or default) for key, default in THEME_ICONS.items()}
        palette = theme.get("palette") or []
        for option in [palette] if isinstance(palette, Mapping) else palette:
            toggle = option.get("toggle") if isinstance(option, Mapping) else None
            if isinstance(toggle, Mapping) and toggle.get("icon"):
                names.add(str(toggle["icon"]))
        icons = (_read(name, theme.dirs) for name in sorted(names))
        return cls(tuple(icon for icon in icons if icon is not None))

    def shared(self, html: str, page_url: str) -> str:
        """A page's HTML with each inline icon drawn from the sprite instead."""
        sprite = get_relative_url(SPRITE, page_url)
        for icon in self.icons:
            if icon.inline in html:
                use = f'<use href="{sprite}#{icon.symbol_id}"/>'
                html = html.replace(icon.inline, f'<svg viewBox="{icon.view_box}">{use}</svg>')
        return html

    def document(self) -> str:
        """The sprite file: one symbol per icon, in name order."""
        symbols = "".join(
            f'<symbol id="{icon.symbol_id}" viewBox="{icon.view_box}">{icon.body}</symbol>'
            for icon in self.icons
        )
        return f'<svg xmlns="http://www.w3.org/2000/svg">{symbols}</svg>\n'

    def write(self, site_dir: str) -> None:
        """Write the sprite into the built site."""
        path = Path(site_dir, *posixpath.split(SPRITE))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.document(), encoding="utf-8")


def _read(name: str, folders: list[str]) -> Icon | None:
    """An icon from the first theme folder that has it; None when none has it in the one
    shape this module knows (a single element in a view box)."""
    for folder in folders:
        path = Path(folder, ".icons", f"{name}.svg")
        if path.is_file():
            inline = path.read_text(encoding="utf-8").rstrip("\n")
            found = _ICON.fullmatch(inline)
            return Icon(name, inline, found[1], found[2]) if found else None
    return None
