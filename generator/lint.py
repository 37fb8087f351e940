"""Warnings about valid seeds whose content looks wrong, and the report `check` prints."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.config import BriefsConfig
from generator.enrich.enrichment import make_summary
from generator.enrich.sentences import split_sentences
from generator.enrich.summarize import SummaryError
from generator.seeds import messages
from generator.seeds.errors import Problem
from generator.seeds.files import seed_paths
from generator.seeds.model import Brief
from generator.seeds.parse import read_all

HEADLINE_LIMIT = 120
# `new` starts each placeholder paragraph with this; a paragraph that still does is unfinished.
PLACEHOLDER = "TODO:"


@dataclass(frozen=True)
class Report:
    """What `check` found in a set of seeds."""

    seeds: int
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    drafts: tuple[str, ...]  # paths of the valid seeds marked `draft: true`

    @property
    def ok(self) -> bool:
        """True when no seed has an error."""
        return not self.errors


def check(
    config: BriefsConfig, paths: Sequence[Path] | None = None, strict: bool = False
) -> Report:
    """Validate seeds and lint the valid ones; with `strict`, warnings count as errors."""
    chosen = seed_paths(config) if paths is None else list(paths)
    briefs, errors = read_all(config, chosen)
    warnings = sorted(problem for brief in briefs for problem in lint(brief, config))
    if strict:
        errors, warnings = sorted(errors + warnings), []
    drafts = tuple(brief.path for brief in briefs if brief.front.draft)
    return Report(len(chosen), tuple(errors), tuple(warnings), drafts)


def lint(brief: Brief, config: BriefsConfig) -> list[Problem]:
    """Every warning about one valid brief, each at the line it is about."""
    return sorted(_warnings(brief, config))


def _warnings(brief: Brief, config: BriefsConfig) -> Iterator[Problem]:
    at = brief.lines
    if len(brief.headline) > HEADLINE_LIMIT:
        message = messages.LONG_HEADLINE(length=len(brief.headline), limit=HEADLINE_LIMIT)
        yield Problem(brief.path, at.headline, message)
    article = split_sentences(brief.article)
    if len(article) < 2:
        yield Problem(brief.path, at.article, messages.SHORT_ARTICLE())
    for line in at.labels[1:]:
        yield Problem(brief.path, line, messages.LABEL_TWICE(line=at.label))
    implications = split_sentences(brief.implications)
    seen = {_comparable(sentence) for sentence in article}
    repeated = sum(1 for sentence in implications if _comparable(sentence) in seen)
    if repeated:
        message = messages.IMPLICATIONS_REPEAT(repeated=repeated, total=len(implications))
        yield Problem(brief.path, at.implications, message)
    for part, paragraphs, line in (
        ("article", brief.article, at.article),
        ("implications", brief.implications, at.implications),
    ):
        if any(paragraph.startswith(PLACEHOLDER) for paragraph in paragraphs):
            yield Problem(brief.path, line, messages.PLACEHOLDER(part=part))
    if not brief.front.summary:
        try:
            summary = make_summary(brief, config)  # exactly as the build makes it
        except SummaryError as error:
            yield Problem(brief.path, at.article, messages.SUMMARY_FAILED(reason=error))
        else:
            if not summary:
                reason = "no sentence was chosen"
                yield Problem(brief.path, at.article, messages.SUMMARY_FAILED(reason=reason))


def _comparable(sentence: str) -> str:
    """A sentence as compared for repeats: case, spacing and end punctuation ignored."""
    return " ".join(sentence.casefold().split()).rstrip(".!?…")
