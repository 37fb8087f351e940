"""Every internal link in the built site leads to a file, and every #fragment to an id."""

from __future__ import annotations

import posixpath
import re
from functools import cache, lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.sitecheck import parse_html

LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src"}


def target_file(site: Path, url_path: str) -> Path:
    path = site / url_path.lstrip("/")
    if url_path.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path


@lru_cache(maxsize=8)
def site_path(site: Path) -> str:
    """The URL path the site is published under (from site_url, via the sitemap), e.g. /x/."""
    sitemap = site / "sitemap.xml"
    locs = re.findall(r"<loc>([^<]*)</loc>", sitemap.read_text("utf-8")) if sitemap.exists() else []
    return min((urlsplit(loc).path for loc in locs), key=len, default="/") or "/"


def internal_links(site: Path, page: Path) -> list[tuple[str, str, str]]:
    """(link as written, site-relative path it resolves to, fragment) for each internal link."""
    base = "/" + page.relative_to(site).as_posix()
    prefix = site_path(site)
    found = []
    for element in parse_html(page).elements:
        value = element.attrs.get(LINKING.get(element.tag, ""))
        if not value:
            continue
        parts = urlsplit(value)
        if parts.scheme or parts.netloc:
            continue  # another host: not ours to check, and never loaded (see test_browser)
        written = unquote(parts.path)
        if written.startswith(prefix) and prefix != "/":  # absolute, under site_url's path
            written = "/" + written.removeprefix(prefix)
        path = posixpath.normpath(posixpath.join(posixpath.dirname(base), written))
        if parts.path.endswith("/") or not parts.path:
            path = path.rstrip("/") + "/" if parts.path else base
        found.append((value, path, unquote(parts.fragment)))
    return found


@cache
def ids(page: Path) -> frozenset[str]:
    elements = parse_html(page).elements
    return frozenset(e.attrs[n] or "" for e in elements for n in ("id", "name") if n in e.attrs)


def broken_links(site: Path) -> tuple[list[str], int]:
    """Every internal link that leads nowhere, and how many links were checked."""
    broken: list[str] = []
    checked = 0
    for page in sorted(site.rglob("*.html")):
        here = "/" + page.relative_to(site).as_posix()
        for written, path, fragment in internal_links(site, page):
            checked += 1
            target = page if path == here else target_file(site, path)
            where = f"{page.relative_to(site).as_posix()}: {written}"
            if not target.is_file():
                broken.append(f"{where} -> no file {target.relative_to(site).as_posix()}")
            elif fragment and target.suffix == ".html" and fragment not in ids(target):
                broken.append(f"{where} -> no id {fragment!r}")
    return broken, checked


def test_no_internal_link_is_broken(site: Path) -> None:
    broken, checked = broken_links(site)
    assert broken == []
    assert checked >= 200


def test_the_crawler_finds_broken_links(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="b/">gone</a><a href="a/#top">anchor</a><a href="#here">'
        '</a><a href="https://example.com/">away</a><p id="here"><img src="a/x.png">',
        encoding="utf-8",
    )
    (tmp_path / "a/index.html").write_text('<h1 id="nottop"><a href="..">up</a>', encoding="utf-8")
    assert broken_links(tmp_path) == (
        [
            "index.html: b/ -> no file b/index.html",
            "index.html: a/#top -> no id 'top'",
            "index.html: a/x.png -> no file a/x.png",
        ],
        6,
    )
