"""The summarizers: newsrank's signals, automatic length, algorithm choice and stability."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor

import pytest

from generator.config import SUMMARIZERS, BriefsConfig
from generator.enrich.summarize import ALGORITHMS, MAX_CANDIDATES, summarize, summary_length

TOPICS = ("bitcoin", "ether", "solana", "gold", "oil", "bonds", "stocks", "yen", "euro", "copper")
TEMPLATES = (
    "Traders said {topic} moved {n} percent on day {n}.",
    "Analysts expect {topic} to stay volatile until the central bank meets in week {n}.",
    "Funds bought {n} million dollars of {topic} while retail investors sold.",
    "The price of {topic} hit its highest level in {n} months on heavy volume.",
    "Regulators in {n} countries are reviewing rules that could affect {topic} markets.",
)


def article(count: int) -> tuple[str, ...]:
    """`count` distinct news-like sentences that share a few words, as real articles do."""
    return tuple(
        TEMPLATES[i % len(TEMPLATES)].format(topic=TOPICS[i % len(TOPICS)], n=i + 1)
        for i in range(count)
    )


def test_the_default_is_newsrank_and_every_algorithm_can_be_chosen() -> None:
    assert BriefsConfig(root=None).summarizer == "newsrank"  # type: ignore[arg-type]
    assert SUMMARIZERS == ALGORITHMS
    assert SUMMARIZERS == ("newsrank", "lexrank", "textrank", "lsa", "luhn", "sumbasic", "kl")


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [(1, 1), (3, 1), (4, 2), (12, 2), (13, 3), (40, 3), (41, 4), (100, 4), (101, 5), (900, 5)],
)
def test_automatic_length_follows_the_article(sentences: int, expected: int) -> None:
    assert summary_length(sentences) == expected


def test_a_requested_length_wins() -> None:
    assert summary_length(100, 1) == 1
    assert summary_length(2, 7) == 7


def test_newsrank_leads_with_the_lede() -> None:
    summary = summarize(article(20), 3)
    assert summary[0] == article(20)[0]
    assert len(summary) == 3


def test_newsrank_skips_a_repeat_of_a_chosen_sentence() -> None:
    lede = "Bitcoin rose 5% on Monday as spot ETF inflows hit a record high."
    repeat = "Bitcoin rose 5% on Monday as spot ETF inflows hit a record."
    summary = summarize((lede, repeat, *article(12)), 3)
    assert lede in summary
    assert repeat not in summary


def test_newsrank_prefers_reporting_to_an_opening_quote() -> None:
    plain = "Demand has never been this strong, one trader said of the spot ETF inflows."
    quoted = "'Demand has never been this strong,' one trader said of the spot ETF inflows."
    assert plain in summarize((*article(1), plain, *article(12)[1:]), 3)
    assert quoted not in summarize((*article(1), quoted, *article(12)[1:]), 3)


def test_a_long_summary_ranks_by_centrality_not_position() -> None:
    text = (
        "The weather in the capital was mild and dry for the season.",
        *(f"Oil prices rose as supply fell and oil demand grew in week {i}." for i in range(5)),
    )
    summary = summarize(text, 4)  # two thirds of the article: an abridgement, not a TL;DR
    assert text[0] not in summary


def test_three_sentences_of_a_short_article_are_still_a_tldr() -> None:
    text = (
        "The weather in the capital was mild and dry for the season.",
        *(f"Oil prices rose as supply fell and oil demand grew in week {i}." for i in range(5)),
    )
    assert summarize(text, 3)[0] == text[0]  # half the article, but only three sentences


def test_a_tldr_skips_questions_and_fragments() -> None:
    question = "Will bitcoin keep rising after the spot ETF approval this week?"
    fragment = "Prices jumped again."
    summary = summarize((*article(1), question, fragment, *article(12)[1:]), 3)
    assert question not in summary
    assert fragment not in summary


def test_a_tldr_of_nothing_but_fragments_still_has_its_length() -> None:
    text = ("Prices rose.", "Funds bought.", "Traders cheered.", "Gold fell.", "Oil held.")
    assert len(summarize(text, 2)) == 2


def test_very_long_articles_are_ranked_on_their_opening() -> None:
    text = article(MAX_CANDIDATES * 4)
    for algorithm in ("newsrank", "textrank", "lexrank"):
        summary = summarize(text, 3, algorithm)
        assert len(summary) == 3
        assert {text.index(s) for s in summary} <= set(range(MAX_CANDIDATES))


@pytest.mark.parametrize("algorithm", SUMMARIZERS)
def test_summaries_keep_article_order_and_repeated_sentences(algorithm: str) -> None:
    text = (*article(8), article(8)[0])
    summary = summarize(text, 4, algorithm)
    remaining = iter(text)
    assert len(summary) == 4
    assert all(any(s == t for t in remaining) for s in summary)  # a subsequence of the article


def _summaries(algorithm: str) -> list[tuple[str, ...]]:
    return [summarize(article(n), summary_length(n), algorithm) for n in (5, 14, 60)]


def test_summaries_do_not_depend_on_runs_or_worker_processes() -> None:
    here = [_summaries(a) for a in SUMMARIZERS]
    assert [_summaries(a) for a in SUMMARIZERS] == here
    for workers in (1, 2):
        with ProcessPoolExecutor(max_workers=workers) as pool:
            assert list(pool.map(_summaries, SUMMARIZERS)) == here


def test_summaries_do_not_depend_on_the_hash_seed() -> None:
    # sumy walks sets of words; a new process may order them differently.
    script = (
        "from tests.enrich.test_summarize import _summaries;"
        "from generator.config import SUMMARIZERS;"
        "print(repr([_summaries(a) for a in SUMMARIZERS]))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1
