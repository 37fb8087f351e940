"""Dates come from front matter only: ordering, archive months, and no clock or mtime."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from generator.config import DEFAULT_SENTIMENTS, BriefsConfig
from generator.pages.archive import group_months
from generator.pages.builder import newest_first
from generator.seeds.model import Brief, EnrichedBrief, FrontMatter, Readability
from tests.builders import build, make_project, seed
from tests.sitecheck import tree_hashes


def item(stem: str, day: str | None = None) -> EnrichedBrief:
    front = FrontMatter(date=dt.date.fromisoformat(day) if day else None)
    brief = Brief(
        path=f"briefs/{stem}.txt", stem=stem, slug=stem, headline=stem, article=("A.",),
        keywords=(), sentiment=DEFAULT_SENTIMENTS[0], implications=("I.",), front=front,
    )  # fmt: skip
    return EnrichedBrief(brief, ("S.",), Readability(50.0, 10.0, 60, 200))


ITEMS = [
    item("2_b"),
    item("10_c"),
    item("003_old", "2023-01-31"),
    item("notanumber"),
    item("001_new", "2023-02-01"),
    item("9_a"),
    item("004_same_day", "2023-01-31"),
]


def test_dated_newest_first_then_undated_by_number_highest_first() -> None:
    assert [i.brief.stem for i in newest_first(ITEMS)] == [
        "001_new", "003_old", "004_same_day", "10_c", "9_a", "2_b", "notanumber",
    ]  # fmt: skip


def test_months_newest_first_and_undated_last() -> None:
    months = group_months(newest_first(ITEMS))
    assert [(m.key, m.label, [i.brief.stem for i in m.items]) for m in months] == [
        ("2023-02", "February 2023", ["001_new"]),
        ("2023-01", "January 2023", ["003_old", "004_same_day"]),
        ("undated", "Undated", ["10_c", "9_a", "2_b", "notanumber"]),
    ]


def test_file_times_never_change_the_site(tmp_path: Path) -> None:
    seeds = {"001_a.txt": seed(front="date: 2025-01-02"), "002_b.txt": seed(headline="Undated")}
    project = make_project(tmp_path, seeds)
    assert build(project) == 0
    first = tree_hashes(project / "site")
    for number, path in enumerate(sorted((project / "briefs").iterdir())):
        os.utime(path, (1_000_000 * number, 2_000_000_000 - 1_000_000 * number))
    # The last generation is reused when the seeds' contents are the same: generate again.
    # The other caches are keyed by what the generation made, so they follow it.
    BriefsConfig(root=project).memo_path.unlink()
    assert build(project) == 0
    assert tree_hashes(project / "site") == first
    page = (project / "site/briefs/002_b/index.html").read_text(encoding="utf-8")
    undated, related, _ = re.split(r"(<section[^>]*\bbrief-related\b)", page, maxsplit=1)
    assert related  # the related brief is dated: only what comes before it is this brief's
    assert "<time" not in undated and "published_time" not in undated
