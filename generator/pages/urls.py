"""Page URLs as MkDocs makes them, and relative links between pages."""

from __future__ import annotations

import functools
import posixpath


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The site-relative URL MkDocs gives the page built from `src_uri`."""
    stem = src_uri.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


# Each brief page links to its neighbours, related briefs and assets: tens of thousands of
# links per generation, which a preview makes on every save, mostly the same ones.
@functools.lru_cache(maxsize=1 << 17)
def relative(target: str, base: str) -> str:
    """A link from the page at URL `base` to the URL `target`, both site-relative."""
    base_dir = base if base.endswith("/") or not base else posixpath.dirname(base) + "/"
    link = posixpath.relpath("/" + target, "/" + base_dir)
    if (not target or target.endswith("/")) and not link.endswith("/"):
        link += "/"
    return "./" if link in (".", "./", "./.") else link
