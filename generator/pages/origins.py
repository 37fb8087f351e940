"""What each brief page was made from, so that a later generation can take it, not render it.

A brief's page is a function of the brief (its seed, enrichment and assets) and of the
briefs it links to (previous, next, related), given the settings, the templates and the
generator's code. Its *origin* is a digest of those briefs, whole (`repr` of each frozen
dataclass, seed text included), by role. A generation records every brief page's origin
(`Generated.origins`); the next one, when the settings, templates and code are the same
(memo.py's base key), takes the last page of every brief whose origin is unchanged. So a
push that edits one seed renders that brief's page and the pages that link to it, not the
archive's, and its output is the same as a fresh generation's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence

from generator.pages.builder import brief_src
from generator.pages.related import BriefLinks
from generator.seeds.model import EnrichedBrief, GeneratedFile

MakePage = Callable[[EnrichedBrief, BriefLinks], GeneratedFile]


class Origins:
    """One generation's brief pages' origins, and the last generation's pages to take."""

    def __init__(
        self, pages: Sequence[GeneratedFile] = (), origins: Mapping[str, str] | None = None
    ) -> None:
        last = origins or {}
        self._pages = {file.src_uri: file for file in pages if file.src_uri in last}
        self._last = last
        self._digests: dict[int, tuple[EnrichedBrief, bytes]] = {}  # id -> (item, digest)
        self.made: dict[str, str] = {}  # src_uri -> origin, this generation's
        self.taken = 0

    def page(self, item: EnrichedBrief, links: BriefLinks, make: MakePage) -> GeneratedFile:
        """The last generation's page for `item` when made from the same, else `make`'s."""
        src = brief_src(item)
        origin = self.origin(item, links)
        self.made[src] = origin
        found = self._pages.get(src) if self._last.get(src) == origin else None
        if found is not None:
            self.taken += 1
            return found
        return make(item, links)

    def taken_page(self, item: EnrichedBrief, links: BriefLinks) -> GeneratedFile | None:
        """The last generation's page for `item` when made from the same; None otherwise."""
        src = brief_src(item)
        if src not in self._pages or self._last.get(src) != self.origin(item, links):
            return None
        self.taken += 1
        return self._pages[src]

    def origin(self, item: EnrichedBrief, links: BriefLinks) -> str:
        """Digest of the briefs `item`'s page is made from, each in its role."""
        digest = hashlib.blake2b(self._digest(item), digest_size=20)
        for role, linked in (("previous", links.previous), ("next", links.next)):
            digest.update(f"\0{role}\0".encode())
            digest.update(self._digest(linked) if linked is not None else b"-")
        digest.update(b"\0related\0")
        for related in links.related:
            digest.update(self._digest(related))
        return digest.hexdigest()

    def _digest(self, item: EnrichedBrief) -> bytes:
        found = self._digests.get(id(item))
        if found is not None and found[0] is item:
            return found[1]
        made = hashlib.blake2b(repr(item).encode(), digest_size=16).digest()
        self._digests[id(item)] = (item, made)  # the item is kept: its id stays its own
        return made
