"""Each generated page's stashed HTML (its seed text), put back when the page needs it.

Generated pages reach MkDocs as Markdown with placeholders, their HTML fragments packed
(`pack_fragments`). MkDocs converts every page first, renders them through the theme after,
and holds each page's content from its conversion to the end of the build: filled in, that
was about 16 KB a brief, 0.8 GB at 50,000. So a build sends the filled page to the search
index but keeps it as converted, fills it again when the theme renders it, and goes back to
the converted HTML once the page is written. The incremental preview (`deferred` off),
which keeps pages across rebuilds, fills it once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from mkdocs.structure.pages import Page

from generator.pages.render import fill
from generator.seeds.model import GeneratedFile, unpack_fragments
from generator.site.searchdoc import published


class Fragments:
    """The packed fragments of one build's generated pages, by src_uri."""

    def __init__(self, generated: Iterable[GeneratedFile] = (), deferred: bool = True) -> None:
        self.deferred = deferred
        self._pages = {page.src_uri: page for page in generated}
        self.packed = _Packed(self._pages)
        self._converted: dict[str, str] = {}  # pages being rendered, as converted

    def filled(self, page: Page, html: str) -> str:
        """`html`, the page's converted content, with its fragments in place."""
        packed = self.packed.get(page.file.src_uri)
        return fill(html, unpack_fragments(packed)) if packed else html

    def kept(self, page: Page, html: str, filled: str) -> str:
        """What MkDocs keeps of the page until the theme renders it: as converted (`html`)
        when the fragments go in later, else as published."""
        if self.deferred and page.file.src_uri in self.packed:
            return html
        return published(filled)

    def as_built(self, page: Page, html: str) -> tuple[str, bytes | None]:
        """What a build keeps of the converted page (`kept` with `deferred` on), and its
        packed fragments: what the page cache keys it by (outputcache.page_digest)."""
        packed = self.packed.get(page.file.src_uri)
        return (html if packed else published(html)), packed

    def rendering(self, page: Page) -> None:
        """The theme renders the page next: fill in what `kept` left out."""
        if self.deferred and page.file.src_uri in self.packed and page.content is not None:
            self._converted[page.file.src_uri] = page.content
            page.content = published(self.filled(page, page.content))

    def written(self, page: Page) -> None:
        """The page is rendered: back to its converted content (filled again if MkDocs
        renders it again, as after a helper failed)."""
        converted = self._converted.pop(page.file.src_uri, None)
        if converted is not None:
            page.content = converted


class _Packed(Mapping[str, bytes]):
    """The packed fragments of the pages that have some, by src_uri, read from each page
    when asked for: a preview renders some pages only when they are read (deferred.py)."""

    def __init__(self, pages: Mapping[str, GeneratedFile]) -> None:
        self._pages = pages

    def __getitem__(self, src_uri: str) -> bytes:
        packed = self._pages[src_uri].fragments
        if not packed:
            raise KeyError(src_uri)
        return packed

    def __contains__(self, src_uri: object) -> bool:
        page = self._pages.get(src_uri) if isinstance(src_uri, str) else None
        return page is not None and bool(page.fragments)

    def __iter__(self) -> Iterator[str]:
        return (src for src, page in self._pages.items() if page.fragments)

    def __len__(self) -> int:
        return sum(1 for _ in self)
