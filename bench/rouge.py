"""ROUGE of the default summarizer, every sumy algorithm and Lead on the shared sets.

Google's rouge-score, stemming on, F1 x 100; ROUGE-L is rougeLsum with one sentence a line.
CNN/DM: 3 sentences. BBC: 40% of the article's sentences. Run `make eval`.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from functools import lru_cache
from multiprocessing import Pool
from typing import Any

from corpus import RESULTS, rows
from rouge_score import rouge_scorer, tokenizers

from generator.config import SUMMARIZERS
from generator.enrich.clean import story_sentences
from generator.enrich.sentences import split_sentences
from generator.enrich.summarize import summarize

KEYS = ("rouge1", "rouge2", "rougeLsum")
BBC_SHARE = 0.4
CNNDM_SENTENCES = 3
_BBC_SUMMARY_SPLIT = re.compile(r"(?<=[.!?])(?=[A-Z\"])")
Article = tuple[tuple[str, ...], tuple[str, ...], str]  # paragraphs, reference lines, set


class CachedTokenizer:
    """rouge-score's default tokenizer (stemming on), remembering texts it has seen."""

    def __init__(self) -> None:
        self._tokenizer = tokenizers.DefaultTokenizer(use_stemmer=True)
        self._tokenize = lru_cache(maxsize=200_000)(self._tokenizer.tokenize)

    def tokenize(self, text: str) -> list[str]:
        return list(self._tokenize(text))


_SCORER = rouge_scorer.RougeScorer(list(KEYS), use_stemmer=True, tokenizer=CachedTokenizer())


def cnndm() -> list[Article]:
    return [
        (
            (r["article"],),
            tuple(s.strip() for s in r["reference"].split(" . ") if s.strip()),
            "cnndm",
        )
        for r in rows("cnndm-dev.jsonl")
    ]


def bbc() -> list[Article]:
    articles: list[Article] = []
    for r in rows("bbc-news-summary.jsonl"):
        paragraphs = tuple(p for p in r["article"].split("\n") if p.strip())
        reference = tuple(s.strip() for s in _BBC_SUMMARY_SPLIT.split(r["summary"]) if s.strip())
        articles.append((paragraphs, reference, "bbc"))
    return articles


def systems(with_pysbd: bool) -> tuple[str, ...]:
    return (*(("lead-pysbd",) if with_pysbd else ()), "lead", *SUMMARIZERS)


def score_article(job: tuple[Article, tuple[str, ...]]) -> list[tuple[float, float, float]]:
    """F1 of every system's summary of one article."""
    (paragraphs, reference, kind), names = job
    raw = split_sentences(paragraphs)
    count = _length(kind, len(raw))
    story = story_sentences(paragraphs)
    target = "\n".join(reference)
    figures = []
    seen: dict[tuple[str, ...], tuple[float, float, float]] = {}  # systems often agree
    for name in names:
        if name == "lead":
            summary: Sequence[str] = raw[:count]
        elif name == "lead-pysbd":  # the baseline: pysbd sentences throughout
            sentences = _pysbd_sentences(paragraphs)
            summary = sentences[: _length(kind, len(sentences))]
        else:
            summary = summarize(story, count, name)
        key = tuple(summary)
        if key not in seen:
            result = _SCORER.score(target, "\n".join(summary))
            seen[key] = (
                100 * result[KEYS[0]].fmeasure,
                100 * result[KEYS[1]].fmeasure,
                100 * result[KEYS[2]].fmeasure,
            )
        figures.append(seen[key])
    return figures


def _length(kind: str, sentences: int) -> int:
    return CNNDM_SENTENCES if kind == "cnndm" else max(1, round(BBC_SHARE * sentences))


def _pysbd_sentences(paragraphs: Sequence[str]) -> list[str]:
    import pysbd  # the splitter the reference figures were made with

    segmenter = pysbd.Segmenter(language="en", clean=False)
    return [s.strip() for p in paragraphs for s in segmenter.segment(p) if s.strip()]


def table(articles: list[Article], names: tuple[str, ...], jobs: int) -> list[tuple[Any, ...]]:
    with Pool(jobs) as pool:
        per_article = pool.map(score_article, [(a, names) for a in articles], chunksize=8)
    means = []
    for column, name in enumerate(names):
        sums = [sum(figures[column][k] for figures in per_article) for k in range(len(KEYS))]
        means.append((name, *(s / len(articles) for s in sums)))
    return means


def render(title: str, means: list[tuple[Any, ...]]) -> str:
    lines = [f"### {title}", "", "| system | R1 | R2 | RLsum |", "| --- | ---: | ---: | ---: |"]
    lines += [f"| {n} | {r1:.2f} | {r2:.2f} | {rl:.2f} |" for n, r1, r2, rl in means]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", choices=("cnndm", "bbc"), default=["cnndm", "bbc"])
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--limit", type=int, default=0, help="first N articles of each set")
    parser.add_argument("--no-pysbd", action="store_true", help="skip the pysbd Lead row")
    args = parser.parse_args(argv)
    names = systems(not args.no_pysbd)
    RESULTS.mkdir(parents=True, exist_ok=True)
    for name in args.sets:
        articles = cnndm() if name == "cnndm" else bbc()
        articles = articles[: args.limit] if args.limit else articles
        what = f"{CNNDM_SENTENCES} sentences" if name == "cnndm" else f"{BBC_SHARE:.0%} length"
        text = render(
            f"{name}: {len(articles)} articles, {what}", table(articles, names, args.jobs)
        )
        print(text, flush=True)
        (RESULTS / f"rouge-{name}.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
