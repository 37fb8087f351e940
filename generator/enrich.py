"""Brief -> EnrichedBrief: summary and readability."""

from __future__ import annotations

from collections.abc import Sequence

from generator.clean import story_sentences
from generator.config import BriefsConfig
from generator.errors import Problem, SeedError
from generator.model import Brief, EnrichedBrief, Enrichment
from generator.readability import score
from generator.sentences import split_sentences
from generator.summarize import SummaryError, summarize, summary_length


def enrichment(brief: Brief, config: BriefsConfig) -> Enrichment:
    """Summarize and score one brief's article."""
    if brief.front.summary:
        summary = split_sentences([brief.front.summary])
    else:
        sentences = story_sentences(brief.article)
        count = summary_length(len(sentences), config.summary_sentences)
        summary = summarize(sentences, count, config.summarizer)
    return Enrichment(summary=summary, readability=score("\n\n".join(brief.article)))


def enrich_all(briefs: Sequence[Brief], config: BriefsConfig) -> list[EnrichedBrief]:
    """Enrich every brief; raise one SeedError for every summary that could not be made."""
    enriched: list[EnrichedBrief] = []
    problems: list[Problem] = []
    for brief in briefs:
        try:
            result = enrichment(brief, config)
        except SummaryError as error:
            line = dict(brief.front.lines).get("summary", 1)
            problems.append(Problem(brief.path, line, f"summary could not be made: {error}"))
            continue
        enriched.append(EnrichedBrief(brief, result.summary, result.readability))
    if problems:
        raise SeedError(problems)
    return enriched
