"""Links between brief pages: related briefs, and the previous and next in publication order.

Related briefs are found by text (similarity.py) and re-ranked with what the briefs share:
each shared asset adds `ASSET_BONUS`, each shared tag `TAG_BONUS`. A brief with the same
headline (the same story filed twice) is never related. Ties go to the newer brief, then
to the lower id. A brief with fewer than `FEWEST` text neighbours is filled up with the
briefs nearest in time that share one of its assets, so every page ends with 3 to 5 links
once the site has enough briefs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from generator.seeds.model import EnrichedBrief
from generator.seeds.tagnames import tag_key

MOST, FEWEST = 5, 3
CANDIDATES = 12  # text neighbours re-ranked with the shared assets and tags
ASSET_BONUS, TAG_BONUS = 0.1, 0.05
MIN_SCORE = 0.05  # below this a text neighbour sharing nothing else is noise
NEWEST = 200  # briefs per asset `_fill` chooses from: the newest are enough


@dataclass(frozen=True)
class BriefLinks:
    """Where a brief page leads: its related briefs, and its neighbours in publication order."""

    related: tuple[EnrichedBrief, ...] = ()
    previous: EnrichedBrief | None = None
    next: EnrichedBrief | None = None


NO_LINKS = BriefLinks()


def brief_links(
    items: Sequence[EnrichedBrief],
    related: dict[str, tuple[EnrichedBrief, ...]] | None = None,
) -> dict[str, BriefLinks]:
    """Every brief's links, by id (file stem); `related`: their related briefs, if known."""
    related = related_briefs(items) if related is None else related
    order = publication_order(items)
    links = {}
    for chain in order:
        for position, item in enumerate(chain):
            previous = chain[position - 1] if position > 0 else None
            following = chain[position + 1] if position + 1 < len(chain) else None
            links[item.brief.stem] = BriefLinks(related[item.brief.stem], previous, following)
    return links


def publication_order(items: Sequence[EnrichedBrief]) -> list[list[EnrichedBrief]]:
    """Dated briefs oldest first (a day's by id), then, apart, the undated ones by id."""
    dated = sorted((i for i in items if i.brief.date), key=lambda i: (i.brief.date, i.brief.stem))
    undated = sorted((i for i in items if not i.brief.date), key=lambda i: i.brief.stem)
    return [chain for chain in (dated, undated) if chain]


def _recency(item: EnrichedBrief) -> int:
    return -item.brief.date.toordinal() if item.brief.date else 0


# A brief as `_fill` weighs it: its day (0 when undated), recency, id, headline, and itself.
Nearby = tuple[int, int, str, str, EnrichedBrief]


Near = Callable[[Any, list[str]], Iterable[list[tuple[float, int]]]]


def related_briefs(
    items: Sequence[EnrichedBrief],
    counted: Callable[[EnrichedBrief], Counter[str]] | None = None,
    near: Near | None = None,
) -> dict[str, tuple[EnrichedBrief, ...]]:
    """Up to `MOST` related briefs for each brief, most related first. The preview gives
    its memory of each brief's terms (`counted`, else similarity.terms) and of the last
    ranking (`near`: the text neighbours of each row, from the TF-IDF matrix and its
    columns' terms; else similarity.similar)."""
    if not items:
        return {}
    from generator.pages.similarity import similar, terms, tfidf  # numpy, scipy: on first use

    tags = [frozenset(tag_key(t) for t in item.brief.tags) for item in items]
    assets = [frozenset(item.assets) for item in items]
    headlines = [item.brief.headline.casefold() for item in items]
    recency = [_recency(item) for item in items]
    by_asset = _nearest_by_asset(items)
    result: dict[str, tuple[EnrichedBrief, ...]] = {}
    matrix, columns = tfidf(items, counted or terms)
    text = near(matrix, columns) if near else similar(matrix, CANDIDATES)
    for row, neighbours in enumerate(text):
        ranked = []
        for cosine, other in neighbours:
            if headlines[other] == headlines[row]:
                continue
            shared = len(assets[row] & assets[other]) * ASSET_BONUS
            shared += len(tags[row] & tags[other]) * TAG_BONUS
            if cosine < MIN_SCORE and not shared:
                continue
            score = round(cosine + shared, 9)
            ranked.append((-score, recency[other], items[other].brief.stem, other))
        chosen = [items[other] for *_, other in sorted(ranked)[:MOST]]
        if len(chosen) < FEWEST:
            chosen += _fill(items[row], chosen, headlines[row], by_asset)
        result[items[row].brief.stem] = tuple(chosen)
    return result


def _nearest_by_asset(items: Sequence[EnrichedBrief]) -> dict[str, list[Nearby]]:
    """Each asset's `NEWEST` briefs, newest first."""
    groups: dict[str, list[Nearby]] = {}
    for item in sorted(items, key=lambda i: (_recency(i), i.brief.stem)):
        brief = item.brief
        day = brief.date.toordinal() if brief.date else 0
        entry = (day, _recency(item), brief.stem, brief.headline.casefold(), item)
        for ticker in item.assets:
            group = groups.setdefault(ticker, [])
            if len(group) < NEWEST:
                group.append(entry)
    return groups


def _fill(
    item: EnrichedBrief,
    chosen: list[EnrichedBrief],
    headline: str,
    by_asset: dict[str, list[Nearby]],
) -> list[EnrichedBrief]:
    """Briefs sharing an asset with `item`, nearest in time first, to reach `FEWEST`."""
    taken = {item.brief.stem, *(c.brief.stem for c in chosen)}
    day = item.brief.date.toordinal() if item.brief.date else 0
    pool: dict[str, tuple[int, int, str, EnrichedBrief]] = {}
    for ticker in item.assets:
        for other_day, recency, stem, other_headline, other in by_asset.get(ticker, ()):
            if stem in taken or stem in pool or other_headline == headline:
                continue
            pool[stem] = (abs(day - other_day), recency, stem, other)
    return [entry[3] for entry in sorted(pool.values())[: FEWEST - len(chosen)]]
