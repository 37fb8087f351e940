"""The theme's environment: its files listed without walking the hidden folders MkDocs
then skips, its templates compiled once, and the filters our templates add.

Every build, MkDocs lists each file of the theme to copy its static ones, and then drops
any path with a hidden part (`.*`, `*/.*`). Material keeps about 14,000 icons under
`.icons`, so that listing took 0.15 s: a third of a small warm build. The theme's
environment here lists the same files without entering hidden folders.
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable, Iterable, Mapping

import jinja2
from markupsafe import Markup, escape
from mkdocs.structure.files import File, Files
from mkdocs.theme import Theme

from generator.pages.render import COMPILED
from generator.seeds.tagnames import tag_key


class ThemeLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader whose `list_templates` leaves hidden folders out."""

    def list_templates(self) -> list[str]:
        found = set()
        for searchpath in self.searchpath:
            for folder, subfolders, names in os.walk(searchpath, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                for name in names:
                    template = (
                        os.path.join(folder, name)[len(searchpath) :]
                        .strip(os.path.sep)
                        .replace(os.path.sep, "/")
                    )
                    found.add(template.removeprefix("./"))
        return sorted(found)


def list_without_hidden(theme: Theme) -> None:
    """Make `theme` give environments whose loader is a ThemeLoader over the same folders."""
    if getattr(theme.get_env, "lists_without_hidden", False):
        return
    make_env: Callable[[], jinja2.Environment] = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make_env()
        loader = env.loader
        if type(loader) is jinja2.FileSystemLoader:  # as MkDocs makes it; else left alone
            env.loader = ThemeLoader(loader.searchpath, loader.encoding, loader.followlinks)
        return env

    get_env.lists_without_hidden = True  # type: ignore[attr-defined]
    theme.get_env = get_env  # type: ignore[method-assign]


def dress(env: jinja2.Environment, files: Files, tag_pages: Mapping[str, str]) -> None:
    """Let the theme link a tag chip to that tag's page (`{{ tag.name | brief_tag_url }}`),
    print Material's inline config JSON without spaces, and compile each template once per
    process (a preview rebuilds, and a process may build more than one site)."""
    pages = dict(tag_pages)

    def brief_tag_url(name: str) -> str | None:
        src = pages.get(tag_key(html.unescape(name)))
        found = files.get_file_from_path(src) if src else None
        return found.url if found else None

    env.filters["brief_tag_url"] = brief_tag_url
    env.filters["sitemap_entries"] = sitemap_entries
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}
    env.bytecode_cache = COMPILED


def sitemap_entries(files: Iterable[File]) -> Markup:
    """The sitemap's `<url>` line of each page, each after a line break: the loop is here,
    not in the template, because a preview writes the sitemap of 10,000 pages per save."""
    lines = []
    for file in files:
        page = file.page
        url = None if page is None or page.is_link else page.canonical_url or page.abs_url
        if url:
            lines.append(f"\n<url><loc>{escape(url)}</loc></url>")
    return Markup("".join(lines))
