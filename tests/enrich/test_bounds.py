"""Resource bounds: a huge article is summarized from a capped set of candidate sentences.

The cost figures (seconds, peak memory) for a 900 KB seed come from bench/big_article.py;
a benchmark is a script that prints figures, not a timed test.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from generator.config import BriefsConfig
from generator.enrich import enrichment as enrich
from generator.enrich import summarize as summarize_module
from generator.seeds.parse import loads
from tests.builders import ROOT, seed


def sentence(n: int) -> str:
    return f"Sentence number {n} says that prices moved on heavy volume."


def test_short_articles_are_summarized_whole() -> None:
    paragraphs = [" ".join(sentence(n) for n in range(p * 5, p * 5 + 5)) for p in range(4)]
    assert enrich.lead(paragraphs) == tuple(sentence(n) for n in range(20))


def test_long_article_candidates_are_its_lead_within_the_caps() -> None:
    paragraphs = [" ".join(sentence(n) for n in range(p * 8, p * 8 + 8)) for p in range(500)]
    candidates = enrich.lead(paragraphs)
    assert len(candidates) == enrich.MAX_CANDIDATES
    assert candidates == tuple(sentence(n) for n in range(enrich.MAX_CANDIDATES))


def test_a_sentence_cut_at_the_character_limit_is_dropped() -> None:
    one_paragraph = " ".join(sentence(n) for n in range(1000))  # ~62,000 characters
    candidates = enrich.lead([one_paragraph[: enrich.LEAD_CHARACTERS + 30]])
    assert candidates[-1] == sentence(len(candidates) - 1)  # whole sentences only
    assert sum(map(len, candidates)) <= enrich.LEAD_CHARACTERS


def test_summarizer_never_sees_more_than_the_cap(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: list[int] = []
    real = summarize_module.summarize

    def counting(sentences: Sequence[str], count: int, algorithm: str) -> tuple[str, ...]:
        seen.append(len(sentences))
        return real(sentences, count, algorithm)

    monkeypatch.setattr(summarize_module, "summarize", counting)
    article = "\n\n".join(" ".join(sentence(n) for n in range(p, p + 8)) for p in range(0, 4000, 8))
    config = BriefsConfig(root=tmp_path, summary_sentences=3)  # a cache of its own
    brief = loads(seed(article=article), "briefs/big.txt", "big", config.sentiments)
    (item,), _ = enrich.enrich_all([brief], config, workers=1)
    assert seen == [enrich.MAX_CANDIDATES]
    assert len(item.summary) == 3
    assert item.readability.word_count == 40_000  # readability still reads it all


PARSE = """
import sys
from generator.config import DEFAULT_SENTIMENTS
from generator.seeds.parse import loads
loads(sys.stdin.buffer.read(), "briefs/x.txt", "x", DEFAULT_SENTIMENTS)
"""


@pytest.mark.parametrize(
    "article",
    [
        "Prices" + " " * 900_000 + "rose.",  # a search from every blank was quadratic
        "(" * 300_000 + "Main keywords: a" * 30_000,
        "(Main keywords: " * 60_000,
    ],
    ids=["blank-run", "open-parens", "keyword-openers"],
)
def test_pathological_articles_parse_without_hanging(article: str) -> None:
    # In a child process: a regular expression stuck in C holds the GIL, so no thread could
    # time it out. The limit is generous; these take milliseconds.
    command = [sys.executable, "-c", PARSE]
    data = seed(article=article, keywords=None)
    subprocess.run(command, input=data, cwd=ROOT, check=True, timeout=30)
