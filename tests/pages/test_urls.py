"""Relative links between pages: the fast path gives what posixpath.relpath gives."""

from __future__ import annotations

import itertools
import posixpath

import pytest

from generator.pages.urls import _relpath, relative

PARTS = ("", "a", "b", "briefs", "index.html", ".", "..", "é x")


def urls(most: int) -> list[str]:
    found = {""}
    for size in range(1, most + 1):
        found.update("/".join(p) for p in itertools.product(PARTS, repeat=size))
    return sorted(found)


def test_every_pair_of_short_urls_gives_what_relpath_gives() -> None:
    targets, bases = urls(3), urls(2)
    for target, base in itertools.product(targets, [*bases, *(b + "/" for b in bases)]):
        assert _relpath(target, base) == posixpath.relpath("/" + target, "/" + base), (
            target,
            base,
        )


@pytest.mark.parametrize(
    ("target", "base", "link"),
    [
        ("briefs/001_a/", "briefs/002_b/", "../001_a/"),
        ("briefs/001_a/", "", "briefs/001_a/"),
        ("", "briefs/001_a/", "../../"),
        ("briefs/", "briefs/", "./"),
        ("asset/btc/", "briefs/001_a.html", "../asset/btc/"),
        ("briefs/001_a.html", "briefs/002_b.html", "001_a.html"),
        ("feed.xml", "sentiment/bullish/page/2/", "../../../../feed.xml"),
    ],
)
def test_links_between_pages(target: str, base: str, link: str) -> None:
    assert relative(target, base) == link
