"""Related briefs on the crypto corpus: how relevant they are, and how long finding them takes.

    python bench/related.py [--size 10000]

Relevance: of every related brief shown, the share that shares an asset the brief is about
or a named entity with it (a capitalized word, not a sentence's first, in both headlines
and articles), next to the same share for random pairs of briefs. Timing: related briefs
for `--size` seeds made as bench/corpus.py makes them (above 1,063 the articles repeat under
new ids, as in `make bench-large`), cold, in this process.
"""

from __future__ import annotations

import argparse
import random
import re
import time

from corpus import articles, seed_text

from generator.config import DEFAULT_SENTIMENTS
from generator.enrich.assets import read_assets
from generator.pages.related import related_briefs
from generator.seeds.assetlist import DEFAULT_ASSETS
from generator.seeds.model import EnrichedBrief, Readability
from generator.seeds.parse import loads

_CAPITAL = re.compile(r"(?<![.!?:]\s)(?<!^)\b[A-Z][A-Za-z]{2,}\b")
_COMMON_WORDS = (
    "The This That These Those Monday Tuesday Wednesday Thursday Friday Saturday Sunday "
    "January February March April May June July August September October November December "
    "However According While After Before Also"
)
_COMMON = frozenset(_COMMON_WORDS.split())


def make(count: int) -> list[EnrichedBrief]:
    """`count` briefs from the corpus, with the assets the site finds they are about."""
    corpus = articles()
    items = []
    readability = Readability(50.0, 10.0, 60, 200)
    for index in range(count):
        brief = loads(
            seed_text(corpus[index % len(corpus)]).encode(),
            f"briefs/{index:05d}.txt",
            f"{index + 1:05d}",
            DEFAULT_SENTIMENTS,
        )
        assets = tuple(read_assets(brief, DEFAULT_ASSETS).about)
        items.append(EnrichedBrief(brief, ("",), readability, assets))
    return items


def entities(item: EnrichedBrief) -> frozenset[str]:
    """Capitalized words that do not open a sentence, in the headline and article."""
    found: set[str] = set()
    for text in (item.brief.headline, *item.brief.article):
        found.update(_CAPITAL.findall(text))
    return frozenset(found - _COMMON)


def shares(item: EnrichedBrief, other: EnrichedBrief, names: dict[str, frozenset[str]]) -> bool:
    """Whether two briefs share an asset they are about or a named entity."""
    if set(item.assets) & set(other.assets):
        return True
    return bool(names[item.brief.stem] & names[other.brief.stem])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    args = parser.parse_args()
    unique = make(len(articles()))
    names = {item.brief.stem: entities(item) for item in unique}
    related = related_briefs(unique)
    shown = [(item, other) for item in unique for other in related[item.brief.stem]]
    assets = sum(bool(set(i.assets) & set(o.assets)) for i, o in shown)
    either = sum(shares(i, o, names) for i, o in shown)
    counts = [len(related[item.brief.stem]) for item in unique]
    chance = random.Random(14)
    pairs = [tuple(chance.sample(unique, 2)) for _ in range(len(shown))]
    random_either = sum(shares(i, o, names) for i, o in pairs)
    random_assets = sum(bool(set(i.assets) & set(o.assets)) for i, o in pairs)
    print(f"briefs: {len(unique)}, related shown: {len(shown)} ({min(counts)}-{max(counts)} each)")
    print(f"share with an asset or named entity in common: {either / len(shown):.3f}")
    print(f"  random pairs:                               {random_either / len(pairs):.3f}")
    print(f"share with an asset in common:                {assets / len(shown):.3f}")
    print(f"  random pairs:                               {random_assets / len(pairs):.3f}")
    many = make(args.size)
    start = time.perf_counter()
    related_briefs(many)
    print(f"related briefs for {args.size} briefs, cold: {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
