"""What Pagefind indexes of one page (its URL, and its heading, tags and content as HTML),
and the page as published, without what only the index reads."""

from __future__ import annotations

import functools
import hashlib
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

# A brief page's links to other briefs (brief.md.j2), which Pagefind ignores anyway: left out
# of what is sent, so that editing one headline does not re-index every shard that holds a
# brief listing it as related, previous or next.
_LINKS_OUT = re.compile(r'<(section|nav) class="brief-(?:related|sequence)".*?</\1>', re.DOTALL)
# What brief.md.j2 writes for the index alone: the hidden span of result fields and facet
# words, and the attribute that keeps a block out of the index, always last in its tag.
# Seed text in them is escaped, so no `"`, `<` or `>` of its own ends them early, and
# text outside a tag never holds a raw `>`.
_INDEX_ONLY = re.compile(
    r'<span hidden data-pagefind-meta="[^"]*"[^>]*>[^<]*</span>\n?| data-pagefind-ignore(?=>)'
)


@dataclass(frozen=True)
class SearchDocument:
    """What Pagefind indexes of one page: its URL, title and content."""

    url: str
    html: str

    @functools.cached_property  # a preview indexes each unchanged page's document again
    def digest(self) -> str:
        return hashlib.sha256(f"{self.url}\n{self.html}".encode()).hexdigest()


def search_document(
    url: str, title: str | None, content: str, tags: Sequence[str], language: str
) -> SearchDocument:
    """The indexed part of a page, as Material shows it: heading, tags and content.

    `title` and `tags` arrive as the theme prints them (already escaped once, see
    main.html), `content` is the page's rendered HTML.
    """
    content = _LINKS_OUT.sub("", content)
    heading = "" if "<h1" in content else f"<h1>{title or ''}</h1>"
    chips = "".join(f"<span>{tag}</span> " for tag in tags)
    body = f"{heading}<p>{chips}</p>{content}" if chips else f"{heading}{content}"
    return SearchDocument(
        "/" + url.lstrip("/"),
        f'<html lang="{html.escape(language)}"><body><main data-pagefind-body>'
        f"{body}</main></body></html>",
    )


def published(content: str) -> str:
    """A page's content as readers get it: what only the search index reads is left out
    (it is hidden or invisible anyway), once the index has the page."""
    return _INDEX_ONLY.sub("", content)
