"""Tag groups: every tag with its briefs and the page that lists them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from generator.seeds.model import EnrichedBrief
from generator.seeds.tagnames import tag_key, tag_slug

__all__ = ["TagGroup", "group_tags", "tag_key"]


@dataclass(frozen=True)
class TagGroup:
    """One tag, the briefs that carry it (in list order) and its page's slug."""

    name: str
    slug: str
    items: tuple[EnrichedBrief, ...]


def group_tags(items: Sequence[EnrichedBrief]) -> list[TagGroup]:
    """Group briefs by tag, ignoring case; sorted by name. Slugs never depend on other tags."""
    spellings: dict[str, Counter[str]] = {}
    members: dict[str, list[EnrichedBrief]] = {}
    for item in items:
        for tag in item.brief.tags:
            key = tag_key(tag)
            spellings.setdefault(key, Counter())[tag] += 1
            members.setdefault(key, []).append(item)
    groups: list[TagGroup] = []
    for key in sorted(members):
        # The most used spelling names the tag; ties go to the first in sort order.
        name = min(spellings[key].items(), key=lambda pair: (-pair[1], pair[0]))[0]
        groups.append(TagGroup(name, tag_slug(name), tuple(members[key])))
    return groups
