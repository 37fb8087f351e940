"""Precision and recall of the assets a brief is *about*, against hand-judged articles.

    python bench/assets_eval.py [--errors SET]

bench/assets_gold.tsv holds 380 articles of ../shared/corpus/crypto-news-2023.jsonl judged
by reading (line numbers, the tickers each is about and mentions, and a one-line reason;
never the text). Sets:

- `tune-a` and `tune-b`: 160 articles the rules were written against.
- `held-out`: 110 articles judged blind later. Their errors have since been read for a round
  of rule changes (issue #13) that was not kept, so they no longer count as blind.
- `held-out-2`: 110 articles judged blind, by reading only, with the classifier never run on
  them while judging; no rule has changed since. Lines are
  `sorted(random.Random(13).sample(sorted(set(range(1063)) - earlier_lines), 110))`, the
  earlier lines being the 270 above. Only their totals are read; `--errors held-out-2`
  spends the set: once its disagreements are read it is tuning data like `held-out`.

Each article becomes a seed as bench/corpus.py makes them and goes through the site's own
parser and reader. Counts are micro-averaged over (article, ticker) pairs.
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from corpus import articles, seed_text

from generator.config import DEFAULT_SENTIMENTS
from generator.enrich.assets import read_assets
from generator.seeds.assetlist import DEFAULT_ASSETS
from generator.seeds.model import Brief
from generator.seeds.parse import loads

GOLD = Path(__file__).resolve().parent / "assets_gold.tsv"
SETS = ("tune-a", "tune-b", "held-out", "held-out-2")


@dataclass(frozen=True)
class Judged:
    """One judged article: its line, its set, and the tickers it is about."""

    line: int
    set: str
    about: frozenset[str]
    reason: str


def judged() -> list[Judged]:
    """The gold rows."""
    with GOLD.open(encoding="utf-8", newline="") as lines:
        return [
            Judged(int(row["line"]), row["set"], frozenset(row["about"].split()) - {"-"},
                   row["reason"])
            for row in csv.DictReader(lines, delimiter="\t")
        ]  # fmt: skip


def about_now(brief: Brief) -> frozenset[str]:
    """What the site says the brief is about."""
    return frozenset(read_assets(brief, DEFAULT_ASSETS).about)


def every_name(brief: Brief) -> frozenset[str]:
    """The old rule: every asset named anywhere is what the brief is about."""
    reading = read_assets(brief, DEFAULT_ASSETS)
    return frozenset(reading.about) | frozenset(reading.mentioned)


def score(
    rule: Callable[[Brief], frozenset[str]], rows: list[Judged], briefs: dict[int, Brief]
) -> tuple[float, float, int, int, int]:
    """Precision, recall, and the true, false and missed pairs."""
    tp = fp = fn = 0
    for row in rows:
        found = rule(briefs[row.line])
        tp, fp, fn = (
            tp + len(found & row.about),
            fp + len(found - row.about),
            fn + len(row.about - found),
        )
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp, fp, fn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", choices=SETS, help="list the disagreements in this set")
    args = parser.parse_args()
    corpus = articles()
    rows = judged()
    briefs = {
        row.line: loads(
            seed_text(corpus[row.line]).encode(), f"line {row.line}", "x", DEFAULT_SENTIMENTS
        )
        for row in rows
    }
    print("| rule | set | articles | about pairs | precision | recall |")
    print("|---|---|---|---|---|---|")
    for name, rule in (("every asset named (before)", every_name), ("about (now)", about_now)):
        for chosen in (*SETS, "all"):
            part = [row for row in rows if chosen in (row.set, "all")]
            precision, recall, *_ = score(rule, part, briefs)
            pairs = sum(len(row.about) for row in part)
            print(f"| {name} | {chosen} | {len(part)} | {pairs} | {precision:.2f} | {recall:.2f} |")
    if args.errors:
        for row in rows:
            found = about_now(briefs[row.line])
            if row.set == args.errors and found != row.about:
                print(f"line {row.line}: said {sorted(found)}, judged {sorted(row.about)}: "
                      f"{row.reason}")  # fmt: skip


if __name__ == "__main__":
    main()
