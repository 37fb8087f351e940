"""The assets a brief is about, and those it only mentions, as a careful reader tells them.

An asset is *about* when the headline names it and the body backs that up, when it heads a
section of its own, or when it dominates the body's prose; every other asset named is only
*mentioned* (mentions.py judges each mention, evidence.py sums them up per asset). A story
whose subject is off the list (another coin, an exchange, a company in the headline) is not
about the one listed coin it compares itself with, unless that coin holds its own against
the subject. Front-matter `assets:` overrides what is about. Asset pages, feeds, charts and
the API list a brief under the assets it is about only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from generator.enrich.evidence import Evidence, Parsed, lookalikes, parse, weigh
from generator.seeds.assetlist import Asset
from generator.seeds.model import Brief, EnrichedBrief

RIVAL_RATIO = 4  # an asset needs a quarter of the sentences of a rival the headline names
OFFLIST_RATIO = 1  # to dominate, as many sentences as any off-list coin or subject
MIN_SENTENCES = 3  # dominance needs this many strong sentences
FLOOR = 0.2  # ... and this share of the body's prose sentences
INDUSTRY = 2  # sentences naming its own industry that make off-list rivals part of the asset


@dataclass(frozen=True)
class AssetReading:
    """The tickers a brief's text is about, and those it only mentions, in list order."""

    about: tuple[str, ...] = ()
    mentioned: tuple[str, ...] = ()


def is_about(item: Evidence, top: int, rival: int, brief: Parsed) -> bool:
    """Headline backed by the body, a section of its own, or dominance of the body's prose.

    `top` is the most strong sentences of any listed asset, `rival` the most of any other asset
    the headline names. Off-list coins and the headline's off-list subject count as rivals,
    except for an asset's own industry (a Bitcoin miner's story is a Bitcoin story).
    """
    own = item.industry >= INDUSTRY
    subject = 0 if own else brief.subject
    if item.headline:
        if item.body + item.weak == 0 and rival:
            return False  # named only in the headline, beside a listed rival the body backs
        lone = max(item.sentences, 1)
        return lone * RIVAL_RATIO >= max(rival, subject)
    if item.lookalike:
        return False
    if item.sentences * RIVAL_RATIO < subject:
        return False  # the headline's off-list subject (FTX, NEAR, Magic Eden) is the story
    if item.body >= 2 and (item.heading or item.headline_weak):
        return True  # a section of its own, or `Millions of XRP` in the headline, backed
    ahead = item.sentences * 2 >= top and item.sentences * OFFLIST_RATIO >= (
        0 if own else brief.offlist
    )
    floor = MIN_SENTENCES if item.opens >= 2 else max(MIN_SENTENCES, FLOOR * brief.prose)
    if item.sentences < floor or not ahead:
        return False
    return own or item.lead > 0 or item.opens > 0 or item.sentences >= 5


def classify(
    headline: str,
    article: str | Sequence[str],
    implications: str | Sequence[str],
    assets: Sequence[Asset],
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(about, mentioned): the tickers a brief is about, and those it only names, in list order."""
    paragraphs = article.split("\n") if isinstance(article, str) else list(article)
    tail = implications.split("\n") if isinstance(implications, str) else list(implications)
    brief = parse(headline, paragraphs, tail, assets)
    evidence = weigh(brief.mentions, lookalikes(headline, assets))
    top = max((e.sentences for e in evidence.values()), default=0)
    about = set()
    for ticker, item in evidence.items():
        rivals = [e.sentences for t, e in evidence.items() if e.headline and t != ticker]
        if is_about(item, top, max(rivals, default=0), brief):
            about.add(ticker)
    order = [a.ticker for a in assets]
    return (
        tuple(t for t in order if t in about),
        tuple(t for t in order if t in evidence and t not in about),
    )


def read_assets(brief: Brief, assets: Sequence[Asset]) -> AssetReading:
    """What the brief's headline, article and implications are about, and merely mention."""
    about, mentioned = classify(brief.headline, brief.article, brief.implications, assets)
    return AssetReading(about, mentioned)


def brief_assets(brief: Brief, reading: AssetReading, assets: Sequence[Asset]) -> AssetReading:
    """The reading with front-matter `assets:` applied: listed tickers are about the brief."""
    choice = brief.front.assets
    if not choice:
        return reading
    order = [asset.ticker for asset in assets]
    about = set(choice.tickers) if choice.only else {*reading.about, *choice.tickers}
    named = {*reading.about, *reading.mentioned} - about
    return AssetReading(
        tuple(t for t in order if t in about), tuple(t for t in order if t in named)
    )


def assign_assets(items: Sequence[EnrichedBrief], assets: Sequence[Asset]) -> list[EnrichedBrief]:
    """Each brief with the tickers it is about and those it mentions, front matter applied."""
    assigned = []
    for item in items:
        reading = brief_assets(item.brief, AssetReading(item.assets, item.mentions), assets)
        assigned.append(replace(item, assets=reading.about, mentions=reading.mentioned))
    return assigned


@dataclass(frozen=True)
class AssetGroup:
    """One asset and the briefs about it, in list order."""

    asset: Asset
    items: tuple[EnrichedBrief, ...]


def group_assets(items: Sequence[EnrichedBrief], assets: Sequence[Asset]) -> list[AssetGroup]:
    """Every configured asset that at least one brief is about, in configured order."""
    members: dict[str, list[EnrichedBrief]] = {}
    for item in items:
        for ticker in item.assets:
            members.setdefault(ticker, []).append(item)
    return [AssetGroup(a, tuple(members[a.ticker])) for a in assets if a.ticker in members]
