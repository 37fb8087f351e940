"""Paginated lists of briefs: no list page holds more than one page's worth."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from generator.pages.urls import page_url, relative
from generator.seeds.model import EnrichedBrief, Sentiment

T = TypeVar("T")


@dataclass(frozen=True)
class PageLink:
    """One entry of a pager: a page number and the link to it from the current page."""

    number: int
    href: str
    current: bool


@dataclass(frozen=True)
class Pager:
    """Where one page of a list sits among its siblings."""

    number: int
    count: int
    pages: tuple[PageLink, ...]
    newer: str | None
    older: str | None


def page_src(first_src: str, number: int) -> str:
    """Page `number` of the list whose first page is `first_src` (e.g. sentiment/x.md)."""
    if number == 1:
        return first_src
    return f"{first_src.removesuffix('.md')}/page/{number}.md"


def chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """Split `items` into pages of at most `size`; an empty list still has one empty page."""
    return [items[start : start + size] for start in range(0, len(items), size)] or [items[:0]]


def pager(first_src: str, number: int, count: int, directory_urls: bool) -> Pager:
    """The pager for page `number` of `count`, showing at most 7 page numbers around it."""
    here = page_url(page_src(first_src, number), directory_urls)

    def href(target: int) -> str:
        return relative(page_url(page_src(first_src, target), directory_urls), here)

    shown = sorted({1, count, *range(max(1, number - 2), min(count, number + 2) + 1)})
    return Pager(
        number=number,
        count=count,
        pages=tuple(PageLink(n, href(n), n == number) for n in shown),
        newer=href(number - 1) if number > 1 else None,
        older=href(number + 1) if number < count else None,
    )


def by_sentiment(
    items: Sequence[EnrichedBrief], sentiments: Sequence[Sentiment]
) -> dict[Sentiment, list[EnrichedBrief]]:
    """The briefs of each sentiment, in their order: one pass, not one per sentiment."""
    split: dict[Sentiment, list[EnrichedBrief]] = {s: [] for s in sentiments}
    for item in items:
        split.setdefault(item.brief.sentiment, []).append(item)
    return split
