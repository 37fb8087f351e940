"""What each brief page was made from, so that a later generation can take it, not render it.

A brief's page is a function of the brief (its seed, enrichment and assets) and of the
briefs it links to (previous, next, related), given the settings, the templates and the
generator's code. Its *origin* is a digest of those briefs, whole (`repr` of each frozen
dataclass, seed text included), by role. A generation records every brief page's origin
(`Generated.origins`); the next one, when the settings, templates and code are the same
(memo.py's base key), takes the last page of every brief whose origin is unchanged. So a
push that edits one seed renders that brief's page and the pages that link to it, not the
archive's, and its output is the same as a fresh generation's.

The other pages (lists, digests, tags) are taken the same way, through the Renderer: a
template is a function of its front matter and arguments alone (render.py), so a page is
stored by a digest of its template, its front matter and its arguments, the briefs among
them by their digest; one whose arguments hold anything else than plain values, dates,
frozen dataclasses and containers of them is rendered, never taken.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from generator.pages.builder import brief_src
from generator.pages.related import BriefLinks
from generator.pages.render import Rendered
from generator.seeds.model import EnrichedBrief, GeneratedFile

if TYPE_CHECKING:  # numpy and scipy load on first use
    from generator.pages.rerank import Ranked

MakePage = Callable[[EnrichedBrief, BriefLinks], GeneratedFile]


class Origins:
    """One generation's brief pages' origins, and the last generation's pages to take."""

    def __init__(
        self,
        pages: Sequence[GeneratedFile] = (),
        origins: Mapping[str, str] | None = None,
        rendered: Mapping[bytes, tuple[str, bytes]] | None = None,
        ranking: Ranked | None = None,
    ) -> None:
        self.ranking = ranking  # its related ranking (rerank.py)
        last = origins or {}
        self._pages = {file.src_uri: file for file in pages if file.src_uri in last}
        self._last = last
        self._last_rendered = rendered or {}
        self._digests: dict[int, tuple[EnrichedBrief, bytes]] = {}  # id -> (item, digest)
        self._objects: dict[int, tuple[object, bytes | None]] = {}  # other frozen dataclasses
        self.made: dict[str, str] = {}  # src_uri -> origin, this generation's
        # digest of template, front matter and arguments -> Markdown and packed fragments
        self.rendered: dict[bytes, tuple[str, bytes]] = {}
        self.taken = 0
        self._paging = False  # within `page`: a brief page is kept by origin, not here
        self._last_arguments: tuple[object, tuple[str, str], bytes | None] | None = None

    def page(self, item: EnrichedBrief, links: BriefLinks, make: MakePage) -> GeneratedFile:
        """The last generation's page for `item` when made from the same, else `make`'s;
        its origin is recorded for the next generation either way."""
        src, origin = brief_src(item), self.origin(item, links)
        self.made[src] = origin
        found = self._taken(src, origin)
        if found is not None:
            return found
        self._paging = True
        try:
            return make(item, links)
        finally:
            self._paging = False

    def taken_page(self, item: EnrichedBrief, links: BriefLinks) -> GeneratedFile | None:
        """The last generation's page for `item` when made from the same; None otherwise."""
        src = brief_src(item)
        return self._taken(src, self.origin(item, links)) if src in self._pages else None

    def _taken(self, src: str, origin: str) -> GeneratedFile | None:
        found = self._pages.get(src) if self._last.get(src) == origin else None
        if found is not None:
            self.taken += 1
        return found

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

    def find(self, key: tuple[str, str], arguments: object) -> Rendered | None:
        """The last generation's rendering of this template, front matter and arguments
        (render.Remembered)."""
        digest = None if self._paging else self._arguments(key, arguments)
        found = self._last_rendered.get(digest) if digest is not None else None
        if found is None:
            return None
        assert digest is not None
        self.rendered[digest] = found
        self.taken += 1
        return Rendered.stored(*found)

    def keep(self, key: tuple[str, str], arguments: object, rendered: object) -> None:
        """Store a page rendered in this generation for the next (render.Remembered), unless
        its arguments hold anything the digest does not know."""
        digest = None if self._paging else self._arguments(key, arguments)
        if digest is not None and isinstance(rendered, Rendered):
            self.rendered[digest] = (rendered.markdown, rendered.packed)

    def _arguments(self, key: tuple[str, str], arguments: object) -> bytes | None:
        last = self._last_arguments  # `keep` follows `find` with the same arguments
        if last is not None and last[0] is arguments and last[1] == key:
            return last[2]
        digest = hashlib.blake2b(digest_size=20)
        for part in key:
            digest.update(f"{len(part)}\0{part}".encode())
        made = digest.digest() if self._encode(arguments, digest) else None
        self._last_arguments = (arguments, key, made)
        return made

    def _encode(self, value: object, digest: hashlib.blake2b) -> bool:
        """Feed `value` to `digest`, typed; False when it holds anything unknown."""
        kind = type(value)
        digest.update(f"\0{kind.__module__}.{kind.__qualname__}\0".encode())
        if isinstance(value, EnrichedBrief):
            digest.update(self._digest(value))
        elif isinstance(value, str):  # Markup among them: its type is fed above
            digest.update(f"{len(value)}\0{value}".encode())
        elif value is None or isinstance(value, bool | int | float | dt.date):
            digest.update(repr(value).encode())
        elif isinstance(value, tuple | list):
            digest.update(f"{len(value)}".encode())
            return all(self._encode(item, digest) for item in value)
        elif isinstance(value, dict):
            digest.update(f"{len(value)}".encode())
            return all(
                self._encode(name, digest) and self._encode(item, digest)
                for name, item in sorted(value.items(), key=lambda pair: repr(pair[0]))
            )
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            found = self._objects.get(id(value))
            if found is None or found[0] is not value:  # digested once, however often met
                found = (value, self._frozen(value))
                self._objects[id(value)] = found
            if found[1] is None:
                return False
            digest.update(found[1])
        else:
            return False
        return True

    def _frozen(self, value: object) -> bytes | None:
        """Digest of a frozen dataclass instance's fields; None for a mutable one, or one
        holding anything unknown."""
        if not type(value).__dataclass_params__.frozen:  # type: ignore[attr-defined]
            return None
        digest = hashlib.blake2b(digest_size=16)
        fields = dataclasses.fields(value)  # type: ignore[arg-type]
        if not all(self._encode(getattr(value, field.name), digest) for field in fields):
            return None
        return digest.digest()
