"""Tag groups: every tag with its briefs and the page that lists them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from generator.seeds.model import EnrichedBrief


@dataclass(frozen=True)
class TagGroup:
    """One tag, the briefs that carry it (in list order) and its page's slug."""

    name: str
    slug: str
    items: tuple[EnrichedBrief, ...]


def slugify(name: str) -> str:
    """Lowercase letters and digits joined by '-', as in a URL."""
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "tag"


def tag_key(name: str) -> str:
    """Tags that differ only in case are one tag."""
    return name.casefold()


def group_tags(items: Sequence[EnrichedBrief]) -> list[TagGroup]:
    """Group briefs by tag, ignoring case; sorted by name, with unique slugs."""
    spellings: dict[str, Counter[str]] = {}
    members: dict[str, list[EnrichedBrief]] = {}
    for item in items:
        for tag in item.brief.tags:
            key = tag_key(tag)
            spellings.setdefault(key, Counter())[tag] += 1
            members.setdefault(key, []).append(item)
    groups: list[TagGroup] = []
    taken = {"index", "page"}  # tags/index.md would clash with tags.md
    for key in sorted(members):
        # The most used spelling names the tag; ties go to the first in sort order.
        name = min(spellings[key].items(), key=lambda pair: (-pair[1], pair[0]))[0]
        slug = base = slugify(name)
        suffix = 2
        while slug in taken:
            slug, suffix = f"{base}-{suffix}", suffix + 1
        taken.add(slug)
        groups.append(TagGroup(name, slug, tuple(members[key])))
    return groups
