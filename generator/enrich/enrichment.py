"""Brief -> EnrichedBrief: summary, readability and assets, cached by content, on every core."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass

from tqdm import tqdm

from generator.config import BriefsConfig
from generator.enrich.assets import read_assets
from generator.enrich.cache import EnrichmentCache, cache_key
from generator.seeds import messages
from generator.seeds.errors import Problem, SeedError
from generator.seeds.model import Brief, EnrichedBrief, Enrichment, Readability
from generator.utils.pools import WorkerPool

# Below this many uncached briefs a process pool costs more than it saves.
POOL_THRESHOLD = 64
# Above this many, show a progress bar (on a terminal only).
PROGRESS_THRESHOLD = 200


@dataclass(frozen=True)
class EnrichTimes:
    """Seconds spent: wall time, and busy time per step summed over all workers."""

    wall: float = 0.0
    summarize: float = 0.0
    readability: float = 0.0
    reading: float = 0.0  # assets and tone
    computed: int = 0
    cached: int = 0


@dataclass(frozen=True)
class _Outcome:
    enrichment: Enrichment | None
    error: str | None
    summarize_seconds: float
    readability_seconds: float
    reading_seconds: float = 0.0  # assets and tone


# sumy, NLTK, numpy and textstat take about half a second to import, which a rebuild whose
# enrichments all come from the cache never needs; so they are imported on first use.

# sumy's graph rankers (LexRank, TextRank) compare every pair of sentences, and sentence
# splitting grows with the text, so a long article is summarized from its lead: the
# sentences of its first LEAD_CHARACTERS characters, at most MAX_CANDIDATES of them.
LEAD_CHARACTERS = 20_000
MAX_CANDIDATES = 150


def lead(paragraphs: Sequence[str]) -> tuple[str, ...]:
    """The article's candidate sentences for its summary: the story, without boilerplate."""
    from generator.enrich.clean import story_sentences

    kept: list[str] = []
    room, cut = LEAD_CHARACTERS, False
    for paragraph in paragraphs:
        if len(paragraph) > room:
            kept.append(paragraph[:room])
            cut = room > 0
            break
        kept.append(paragraph)
        room -= len(paragraph)
    sentences = story_sentences(kept)
    if cut and len(sentences) > 1:
        sentences = sentences[:-1]  # the sentence cut at the limit
    return sentences[:MAX_CANDIDATES]


def make_summary(brief: Brief, config: BriefsConfig) -> tuple[str, ...]:
    """The TL;DR: the front-matter summary if set, else sumy's pick from the article."""
    from generator.enrich.sentences import split_sentences
    from generator.enrich.summarize import summarize, summary_length

    if brief.front.summary:
        return split_sentences([brief.front.summary])
    sentences = lead(brief.article)
    count = summary_length(len(sentences), config.summary_sentences)
    return summarize(sentences, count, config.summarizer)


def enrichment(brief: Brief, config: BriefsConfig) -> Enrichment:
    """Summarize and score one brief's article, and read its assets and its tone."""
    from generator.enrich.readability import score

    summary, readability = make_summary(brief, config), score("\n\n".join(brief.article))
    return _with_reading(brief, config, summary, readability)


def _with_reading(
    brief: Brief, config: BriefsConfig, summary: tuple[str, ...], readability: Readability
) -> Enrichment:
    """The enrichment, with the assets the brief is about and the tone of its text."""
    from generator.enrich.tone import brief_tone

    reading = read_assets(brief, config.assets)
    tone = brief_tone(brief.article, brief.implications)
    return Enrichment(summary, readability, reading.about, reading.mentioned, tone)


def _enrich_one(job: tuple[Brief, BriefsConfig]) -> _Outcome:
    from generator.enrich.readability import score
    from generator.seeds.errors import SummaryError

    brief, config = job
    start = time.perf_counter()
    try:
        summary = make_summary(brief, config)
    except SummaryError as error:
        return _Outcome(None, str(error), time.perf_counter() - start, 0.0)
    middle = time.perf_counter()
    readability = score("\n\n".join(brief.article))
    scored = time.perf_counter()
    result = _with_reading(brief, config, summary, readability)
    end = time.perf_counter()
    return _Outcome(result, None, middle - start, scored - middle, end - scored)


def _compute(jobs: list[tuple[Brief, BriefsConfig]], workers: int) -> list[_Outcome]:
    """Run the jobs in order, on a process pool when there are enough of them."""
    bar = tqdm(
        total=len(jobs),
        desc="summarizing",
        unit="brief",
        leave=False,
        disable=None if len(jobs) >= PROGRESS_THRESHOLD else True,
    )
    try:
        if workers < 2 or len(jobs) < POOL_THRESHOLD:
            outcomes = []
            for job in jobs:
                outcomes.append(_enrich_one(job))
                bar.update()
            return outcomes
        _warm_up()  # once, before forking: the workers share it instead of each paying it
        chunk = max(1, len(jobs) // (workers * 8))
        with WorkerPool("briefs-summary", _enrich_one, workers) as pool:
            outcomes = []
            for outcome in pool.map(jobs, chunksize=chunk):
                outcomes.append(outcome)
                bar.update()
            return outcomes
    finally:
        bar.close()


def _warm_up() -> None:
    """Import the summarizer and load the sentence model and the CMU dictionary."""
    from generator.enrich.clean import story_sentences
    from generator.enrich.readability import prepare, score
    from generator.enrich.summarize import summarize

    prepare()
    sentences = story_sentences(["Markets rose today. Traders bought more. Prices held."])
    summarize(sentences, 1)
    score(" ".join(sentences))
    from generator.enrich.tone import brief_tone

    brief_tone(sentences, ())  # builds VADER with the finance words once


def enrich_all(
    briefs: Sequence[Brief],
    config: BriefsConfig,
    workers: int | None = None,
    cache: EnrichmentCache | None = None,
    save: bool = True,
) -> tuple[list[EnrichedBrief], EnrichTimes]:
    """Enrich every brief, reusing cached results; raise one SeedError for failed summaries.

    `cache`: one already loaded (the preview keeps its own); `save`: write it back."""
    start = time.perf_counter()
    cache = cache if cache is not None else EnrichmentCache.load(config.cache_path)
    keys = [cache_key(brief, config) for brief in briefs]
    found = {key: cache.get(key) for key in keys}
    missing = [(brief, key) for brief, key in zip(briefs, keys, strict=True) if not found[key]]
    outcomes = _compute([(brief, config) for brief, _ in missing], workers or os.cpu_count() or 1)
    problems: list[Problem] = []
    for (brief, key), outcome in zip(missing, outcomes, strict=True):
        if outcome.enrichment is None:
            line = dict(brief.front.lines).get("summary") or brief.lines.article
            problems.append(
                Problem(brief.path, line, messages.SUMMARY_FAILED(reason=outcome.error))
            )
        else:
            cache.put(key, outcome.enrichment)
            found[key] = outcome.enrichment
    if save:
        cache.save()  # before reporting failures: what was made is kept for the next run
    if problems:
        raise SeedError(problems)
    enriched = []
    for brief, key in zip(briefs, keys, strict=True):
        result = found[key]
        assert result is not None
        enriched.append(
            EnrichedBrief(
                brief,
                result.summary,
                result.readability,
                result.about,
                result.mentioned,
                tone=result.tone,
            )
        )
    times = EnrichTimes(
        wall=time.perf_counter() - start,
        summarize=sum(o.summarize_seconds for o in outcomes),
        readability=sum(o.readability_seconds for o in outcomes),
        reading=sum(o.reading_seconds for o in outcomes),
        computed=len(missing),
        cached=len(briefs) - len(missing),
    )
    return enriched, times
