"""Warnings about valid seeds whose content looks wrong, and the report `check` prints.

The warnings that need a seed's enrichment (its summary, its tone) take it from the
enrichment cache that builds fill, and compute it only for a seed the cache lacks. When
every seed is checked, one whose bytes a build or an earlier `check` saw is neither parsed
nor linted again: its
Brief and warnings come from the seed cache (seeds/seedcache.py), the one file `check`
writes, and only when no build or rebuild holds the project lock (else it skips the
write). It never writes the site or the enrichment cache.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.config import BriefsConfig
from generator.enrich.cache import EnrichmentCache, cache_key
from generator.seeds import messages
from generator.seeds.errors import Problem
from generator.seeds.files import seed_paths
from generator.seeds.model import Brief, EnrichedBrief, Enrichment, Tone
from generator.seeds.parse import read_all
from generator.seeds.seedcache import SeedCache
from generator.site.lock import lock_if_free

# The summarizer and the sentence splitter take about a second to import (sumy pulls in
# NLTK, which pulls in SciPy): they are imported where needed, so that a build whose
# enrichments come from the cache, which imports this module for `label_check`, never pays.
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
    if paths is None:  # every seed: the unchanged ones as the seed cache holds them
        briefs, errors, warnings = _checked_with_cache(config, chosen)
    else:  # a few files, as an editor checks one: not worth reading the whole cache
        briefs, errors = read_all(config, chosen)
        found = enrichments(briefs, config)
        warnings = sorted(p for brief in briefs for p in lint(brief, config, found[brief.path]))
    if strict:
        errors, warnings = sorted(errors + warnings), []
    drafts = tuple(brief.path for brief in briefs if brief.front.draft)
    return Report(len(chosen), tuple(errors), tuple(warnings), drafts)


def _checked_with_cache(
    config: BriefsConfig, chosen: Sequence[Path]
) -> tuple[list[Brief], list[Problem], list[Problem]]:
    """The briefs, errors and warnings of every seed, parsing and linting only those the
    seed cache lacks; the cache kept for next time, unless a build holds the lock (it
    swaps the cache in whole)."""
    cache = SeedCache(config)
    briefs, errors = read_all(config, chosen, memory=cache)
    unlinted = [brief for brief in briefs if cache.warnings(brief) is None]
    found = enrichments(unlinted, config)
    for brief in unlinted:
        cache.linted(brief, tuple(lint(brief, config, found[brief.path])))
    with lock_if_free(config.root) as free:
        if free:
            cache.save()
    return briefs, errors, sorted(p for brief in briefs for p in cache.warnings(brief) or ())


def enrichments(briefs: Sequence[Brief], config: BriefsConfig) -> dict[str, Enrichment | str]:
    """Each brief's enrichment from the cache, or computed (not stored); a failure's reason."""
    from generator.enrich.enrichment import enrichment
    from generator.seeds.errors import SummaryError

    found: dict[str, Enrichment | str] = {}
    if not briefs:
        return found
    cache = EnrichmentCache.load(config.cache_path)
    for brief in briefs:
        result: Enrichment | str | None = cache.get(cache_key(brief, config))
        if result is None:
            try:
                result = enrichment(brief, config)  # exactly as the build makes it
            except SummaryError as error:
                result = str(error)
        found[brief.path] = result
    return found


def lint_unlinted(cache: SeedCache, items: Sequence[EnrichedBrief], config: BriefsConfig) -> None:
    """In a build: lint each brief the seed cache has no warnings for, with the enrichment
    the build made, and keep the warnings there for `check`."""
    for item in items:
        if cache.warnings(item.brief) is None:
            enriched = Enrichment(item.summary, item.readability, tone=item.tone)
            cache.linted(item.brief, tuple(lint(item.brief, config, enriched)))


def lint(brief: Brief, config: BriefsConfig, enriched: Enrichment | str) -> list[Problem]:
    """Every warning about one valid brief, each at the line it is about.

    `enriched` is the brief's enrichment, or why its summary could not be made.
    """
    return sorted(_warnings(brief, config, enriched))


def label_check(brief: Brief, tone: Tone, config: BriefsConfig) -> Problem | None:
    """A warning when the tone of the text contradicts the brief's sentiment label."""
    from generator.enrich.tone import contradicts

    label = brief.sentiment.name
    if not contradicts(label, tone, config.label_check, config.label_check_neutral):
        return None
    bearish = tone.score < 0
    positions = tone.most_negative if bearish else tone.most_positive
    starts = brief.lines.paragraphs
    lines = sorted({starts[i] for i in positions if i < len(starts)})
    listed = " and ".join(", ".join(str(n) for n in lines).rsplit(", ", 1))
    message = messages.SENTIMENT_MISMATCH(
        label=label,
        reads="Bearish" if bearish else "Bullish",
        score=f"{tone.score:+.2f}".replace("-", "\N{MINUS SIGN}"),
        side="negative" if bearish else "positive",
        where=f"line is {listed}" if len(lines) == 1 else f"lines are {listed}",
    )
    return Problem(brief.path, brief.lines.label, message)


def _warnings(brief: Brief, config: BriefsConfig, enriched: Enrichment | str) -> Iterator[Problem]:
    from generator.enrich.sentences import split_sentences

    at = brief.lines
    if len(brief.headline) > HEADLINE_LIMIT:
        message = messages.LONG_HEADLINE(length=len(brief.headline), limit=HEADLINE_LIMIT)
        yield Problem(brief.path, at.headline, message)
    # Splitting the article is most of check's time: skip it when its outcome is known. Two
    # paragraphs hold two sentences; a sentence can only repeat one of the article's if it
    # is found in the article's whole text, compared the same way.
    implications = split_sentences(brief.implications)
    maybe = _found_in(implications, " ".join(brief.article))
    one_paragraph = len(brief.article) < 2
    article = split_sentences(brief.article) if maybe or one_paragraph else ()
    if one_paragraph and len(article) < 2:
        yield Problem(brief.path, at.article, messages.SHORT_ARTICLE())
    for line in at.labels[1:]:
        yield Problem(brief.path, line, messages.LABEL_TWICE(line=at.label))
    seen = {_comparable(sentence) for sentence in article}
    repeated = sum(1 for sentence in maybe if _comparable(sentence) in seen)
    if repeated:
        message = messages.IMPLICATIONS_REPEAT(repeated=repeated, total=len(implications))
        yield Problem(brief.path, at.implications, message)
    for part, paragraphs, line in (
        ("article", brief.article, at.article),
        ("implications", brief.implications, at.implications),
    ):
        if any(paragraph.startswith(PLACEHOLDER) for paragraph in paragraphs):
            yield Problem(brief.path, line, messages.PLACEHOLDER(part=part))
    if isinstance(enriched, str):
        yield Problem(brief.path, at.article, messages.SUMMARY_FAILED(reason=enriched))
        return
    if not brief.front.summary and not enriched.summary:
        reason = "no sentence was chosen"
        yield Problem(brief.path, at.article, messages.SUMMARY_FAILED(reason=reason))
    mismatch = label_check(brief, enriched.tone, config)
    if mismatch:
        yield mismatch


def _found_in(sentences: Sequence[str], text: str) -> list[str]:
    """The sentences whose comparable form is in the text's (see `_comparable`).

    Normalizing a whole article's spacing is the costly part of `check`, so a sentence is
    first tested by its longest word alone: a part of the text's comparable form without a
    space lies within one word of the casefolded text (`lower` is `casefold` in ASCII).
    """
    folded = text.lower() if text.isascii() else text.casefold()
    comparable = [(s, _comparable(s)) for s in sentences]
    near = [(s, c) for s, c in comparable if max(c.split(" "), key=len) in folded]
    if not near:
        return []
    whole = _tidied(folded)  # _comparable(text), casefolded once
    return [s for s, c in near if c in whole]


def _comparable(sentence: str) -> str:
    """A sentence as compared for repeats: case, spacing and end punctuation ignored."""
    return _tidied(sentence.casefold())


def _tidied(folded: str) -> str:
    """A casefolded text with its spacing made single and its end punctuation dropped."""
    return " ".join(folded.split()).rstrip(".!?…")
