"""newsrank against Lead-3 and TextRank on splits it was not tuned on, with paired intervals.

    python bench/rouge_folds.py [--folds 5] [--jobs 2]

Scored as bench/rouge.py scores (rouge-score, stemming on, F1 x 100, rougeLsum). cnn-975 is
cut into folds by position (article i in fold i % K): newsrank's constants were chosen on
the other folds each time, and every fold chose the same ones, so each fold's row is out of
fold. cnndm-dev was never tuned on. Of BBC only the even-numbered articles (0, 2, ...) were
looked at, to choose TextRank's graph without self-loops: the odd half is held out. The
paired bootstrap (10,000 resamples) gives the 95% interval of the mean difference
(newsrank - baseline) on cnn-975.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Sequence
from multiprocessing import Pool

import numpy
from corpus import rows
from rouge import KEYS, Article, bbc, cnndm, score_article

from generator.enrich.clean import story_sentences
from generator.enrich.summarize import summarize, summary_length

SYSTEMS = ("newsrank", "lead", "lead-pysbd", "textrank")
RESAMPLES = 10_000


def cnn975() -> list[Article]:
    """The 975 CNN articles with their highlights, scored at 3 sentences like cnndm-dev."""
    return [((r["article"],), tuple(r["reference_lines"]), "cnndm") for r in rows("cnn-975.jsonl")]


def scores(articles: list[Article], jobs: int) -> numpy.ndarray:
    """Articles x systems x (R1, R2, RLsum)."""
    with Pool(jobs) as pool:
        jobs_list = [(article, SYSTEMS) for article in articles]
        return numpy.array(pool.map(score_article, jobs_list, chunksize=8))


def bootstrap(differences: numpy.ndarray) -> numpy.ndarray:
    """The 2.5% and 97.5% points of the mean paired difference, per metric."""
    rng = numpy.random.default_rng(0)
    picks = rng.integers(0, len(differences), size=(RESAMPLES, len(differences)))
    return numpy.percentile(differences[picks].mean(axis=1), [2.5, 97.5], axis=0)


def row(name: str, table: numpy.ndarray, against: str) -> str:
    """One split: each system's means, and newsrank's lead over `against`."""
    cells = [name, str(len(table))]
    cells += [" / ".join(f"{v:.2f}" for v in table[:, i].mean(axis=0)) for i in range(4)]
    delta = (table[:, 0] - table[:, SYSTEMS.index(against)]).mean(axis=0)
    return "| " + " | ".join([*cells, " / ".join(f"{v:+.2f}" for v in delta)]) + " |"


def speed(articles: Sequence[tuple[str, ...]], count: int | None) -> float:
    """Median ms an article to clean, split and summarize, in one process."""

    def one_pass() -> float:
        start = time.perf_counter()
        for paragraphs in articles:
            sentences = story_sentences(paragraphs)
            summarize(sentences, summary_length(len(sentences), count))
        return (time.perf_counter() - start) * 1000 / len(articles)

    one_pass()  # imports, the sentence model, caches
    return statistics.median(one_pass() for _ in range(3))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    args = parser.parse_args(argv)
    cnn, dev, news = (scores(load(), args.jobs) for load in (cnn975, cnndm, bbc))
    header = " | ".join(f"{s} R1 / R2 / RLsum" for s in SYSTEMS)
    print(f"| split | n | {header} | newsrank − baseline |")
    print("|---|---:|" + "---|" * (len(SYSTEMS) + 1))
    for fold in range(args.folds):
        print(
            row(f"cnn-975 fold {fold + 1}/{args.folds} (− lead)", cnn[fold :: args.folds], "lead")
        )
    print(row("cnn-975 all (− lead)", cnn, "lead"))
    print(row("cnndm-dev (− lead)", dev, "lead"))
    print(row("bbc 40% (− textrank)", news, "textrank"))
    print(row("bbc 40% even half, looked at (− textrank)", news[0::2], "textrank"))
    print(row("bbc 40% odd half, held out (− textrank)", news[1::2], "textrank"))
    for baseline in ("lead", "lead-pysbd", "textrank"):
        low, high = bootstrap(cnn[:, 0] - cnn[:, SYSTEMS.index(baseline)])
        spans = ", ".join(
            f"{k} [{a:+.2f}, {b:+.2f}]" for k, a, b in zip(KEYS, low, high, strict=True)
        )
        print(f"cnn-975 newsrank − {baseline}, paired bootstrap 95%: {spans}")
    crypto = [
        tuple(p for p in r["content"].split("\n") if p.strip())
        for r in rows("crypto-news-2023.jsonl")
    ]
    print(f"speed, crypto-news-2023 (auto length): {speed(crypto, None):.2f} ms/article")
    return 0


if __name__ == "__main__":
    sys.exit(main())
