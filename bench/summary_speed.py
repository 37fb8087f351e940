"""Milliseconds per article to summarize the crypto corpus, sentence splitting included."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Sequence

from corpus import RESULTS, rows

from generator.config import SUMMARIZERS
from generator.enrich.clean import story_sentences
from generator.enrich.summarize import summarize, summary_length


def run(articles: list[tuple[str, ...]], algorithm: str, count: int | None) -> float:
    """One pass over every article, as enrich.py does it: mean milliseconds per article."""
    start = time.perf_counter()
    for paragraphs in articles:
        sentences = story_sentences(paragraphs)
        summarize(sentences, summary_length(len(sentences), count), algorithm)
    return (time.perf_counter() - start) * 1000 / len(articles)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="timed passes (the median is shown)")
    parser.add_argument("--sentences", type=int, default=None, help="summary length (auto)")
    parser.add_argument("algorithms", nargs="*", help=f"any of {', '.join(SUMMARIZERS)}")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.algorithms) - set(SUMMARIZERS))
    if unknown:
        parser.error(f"unknown algorithm {unknown[0]!r}; expected one of {', '.join(SUMMARIZERS)}")
    articles = [
        tuple(p for p in row["content"].split("\n") if p.strip())
        for row in rows("crypto-news-2023.jsonl")
    ]
    lines = [f"crypto-news-2023: {len(articles)} articles, median of {args.runs} runs"]
    for algorithm in args.algorithms or [SUMMARIZERS[0]]:
        run(articles[:50], algorithm, args.sentences)  # warm up: imports, model, caches
        times = [run(articles, algorithm, args.sentences) for _ in range(args.runs)]
        spread = ", ".join(f"{t:.2f}" for t in times)
        lines.append(f"{algorithm}: {statistics.median(times):.2f} ms/article (runs: {spread})")
        print(lines[-1], flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "summary-speed.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
