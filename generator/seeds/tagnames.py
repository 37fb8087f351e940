"""Tag names and the addresses of their pages, which never move.

A tag's page lives at `tags/<slug>/`, where the slug comes from the tag alone: its letters
and digits in any script (`比特币`, `énergie`), lowercased, other runs joined by '-'.
No tag's address depends on which other tags exist, so adding a tag never moves another.
Two different tags that would share an address are an error that names both.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Sequence

from generator.seeds import messages
from generator.seeds.errors import Problem
from generator.seeds.model import Brief

# tags/index.md would clash with tags.md, and tags/page/ with the tag index's pages.
RESERVED = frozenset({"index", "page"})
# Room for a slug in a file name (255 bytes), with "/page/N" and ".md" to spare.
MAX_SLUG_BYTES = 120


def tag_key(name: str) -> str:
    """Tags that differ only in case or Unicode form are one tag."""
    return unicodedata.normalize("NFKC", name).casefold()


def tag_slug(name: str) -> str:
    """The tag's page address: its letters and digits, lowercased, joined by '-'."""
    key = tag_key(name)
    words = "".join(c if c.isalnum() or unicodedata.category(c)[0] == "M" else " " for c in key)
    slug = "-".join(words.split())
    if slug in RESERVED or not slug or len(slug.encode()) > MAX_SLUG_BYTES:
        # A reserved, empty (emoji, punctuation) or overlong slug gets a part made from the
        # tag itself: still the same whatever other tags there are.
        stem = slug.encode()[: MAX_SLUG_BYTES - 9].decode(errors="ignore").rstrip("-")
        digest = hashlib.sha256(key.encode()).hexdigest()[:8]
        slug = f"{stem}-{digest}" if stem else f"tag-{digest}"
    return slug


def tag_lines(brief: Brief) -> dict[str, int]:
    """Each tag of a brief (by key) and the line it is written on."""
    front_line = dict(brief.front.lines).get("tags", 1)
    lines: dict[str, int] = {}
    for tag in brief.front.tags:
        lines.setdefault(tag_key(tag), front_line)
    for tag in brief.keywords:  # keywords come first in `Brief.tags`
        lines[tag_key(tag)] = brief.lines.keywords or brief.lines.article
    return lines


def slug_clashes(briefs: Sequence[Brief]) -> list[Problem]:
    """A problem at each tag whose address an earlier, different tag already has."""
    first: dict[str, tuple[str, str, int]] = {}  # slug -> (tag, path, line)
    problems = []
    for brief in briefs:
        lines = tag_lines(brief)
        for tag in brief.tags:
            slug, line = tag_slug(tag), lines[tag_key(tag)]
            other = first.setdefault(slug, (tag, brief.path, line))
            if tag_key(other[0]) != tag_key(tag):
                where = f"{other[1]}:{other[2]}"
                message = messages.TAG_SLUG_CLASH(tag=tag, slug=slug, other=other[0], where=where)
                problems.append(Problem(brief.path, line, message))
    return problems
