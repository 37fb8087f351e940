"""`stats`: how many briefs there are, by sentiment, undated and draft."""

from __future__ import annotations

from generator.commands import EXIT_OK, EXIT_SEEDS
from generator.config import BriefsConfig
from generator.seeds.parse import read_all


def run(config: BriefsConfig) -> int:
    """Print the counts; seeds with errors are counted, and make the exit status 1."""
    briefs, problems = read_all(config)
    published = [brief for brief in briefs if not brief.front.draft]
    rows = [("Published briefs", len(published))]
    rows += [
        (f"  {s.name}", sum(1 for b in published if b.sentiment == s)) for s in config.sentiments
    ]
    rows += [
        ("Undated", sum(1 for brief in published if brief.date is None)),
        ("Drafts", len(briefs) - len(published)),
    ]
    invalid = len({problem.path for problem in problems})
    if invalid:
        rows.append(("With errors (run check)", invalid))
    width = max(len(label) for label, _ in rows)
    for label, count in rows:
        print(f"{label:<{width}}  {count:>4}")
    return EXIT_SEEDS if invalid else EXIT_OK
