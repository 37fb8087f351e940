"""Page URLs as MkDocs makes them, and relative links between pages."""

from __future__ import annotations

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


def relative(target: str, base: str) -> str:
    """A link from the page at URL `base` to the URL `target`, both site-relative."""
    base_dir = base if base.endswith("/") or not base else posixpath.dirname(base) + "/"
    link = posixpath.relpath("/" + target, "/" + base_dir)
    if (not target or target.endswith("/")) and not link.endswith("/"):
        link += "/"
    return "./" if link in (".", "./", "./.") else link
