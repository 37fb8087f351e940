"""Brief -> EnrichedBrief: summary and readability."""

from __future__ import annotations

from collections.abc import Sequence

from generator.config import BriefsConfig
from generator.errors import Problem, SeedError
from generator.model import Brief, EnrichedBrief, Enrichment
from generator.readability import score
from generator.sentences import split_sentences
from generator.summarize import SummaryError, summarize

# sumy's graph rankers (LexRank, TextRank) compare every pair of sentences, and pysbd's cost
# grows with the text, so a long article is summarized from its lead: the sentences of its
# first LEAD_CHARACTERS characters, at most MAX_CANDIDATES of them. Short articles are whole.
LEAD_CHARACTERS = 20_000
MAX_CANDIDATES = 150


def lead(paragraphs: Sequence[str]) -> tuple[str, ...]:
    """The article's candidate sentences for its summary, from its opening paragraphs."""
    kept: list[str] = []
    room, cut = LEAD_CHARACTERS, False
    for paragraph in paragraphs:
        if len(paragraph) > room:
            kept.append(paragraph[:room])
            cut = room > 0
            break
        kept.append(paragraph)
        room -= len(paragraph)
    sentences = split_sentences(kept)
    if cut and len(sentences) > 1:
        sentences = sentences[:-1]  # the sentence cut at the limit
    return sentences[:MAX_CANDIDATES]


def enrichment(brief: Brief, config: BriefsConfig) -> Enrichment:
    """Summarize and score one brief's article."""
    if brief.front.summary:
        summary = split_sentences([brief.front.summary])
    else:
        sentences = lead(brief.article)
        summary = summarize(sentences, config.summary_sentences, config.summarizer)
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
