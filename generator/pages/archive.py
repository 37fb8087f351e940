"""The archive: briefs grouped by the month of their front-matter date."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.seeds.model import EnrichedBrief

UNDATED = "undated"


@dataclass(frozen=True)
class Month:
    """The briefs of one month (key `2023-01`), or the undated ones (key `undated`)."""

    key: str
    label: str
    items: tuple[EnrichedBrief, ...]

    @property
    def year(self) -> str:
        """The year as text, or '' for the undated group."""
        return "" if self.key == UNDATED else self.key[:4]


def group_months(items: Sequence[EnrichedBrief]) -> list[Month]:
    """Months newest first, each keeping the list order of its briefs; undated briefs last."""
    members: dict[str, list[EnrichedBrief]] = {}
    labels: dict[str, str] = {}
    undated: list[EnrichedBrief] = []
    for item in items:
        day = item.brief.date
        if day is None:
            undated.append(item)
            continue
        key = f"{day.year:04d}-{day.month:02d}"
        if key not in members:  # the label once per month: strftime is slow
            members[key], labels[key] = [], f"{day:%B} {day.year}"
        members[key].append(item)
    months = [Month(key, labels[key], tuple(members[key])) for key in sorted(members, reverse=True)]
    if undated:
        months.append(Month(UNDATED, "Undated", tuple(undated)))
    return months
