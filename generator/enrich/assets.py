"""Assets a brief is about: configured tickers and names, found by word-bounded matching.

A ticker counts when it is written in upper case (`BTC`) or as a cashtag in any case
(`$BTC`, `$btc`); a name counts in any case (`Bitcoin`, `bitcoin`). Both must stand as
whole words: `ETH` in `stETH` and `Sol` in `solution` do not count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from generator.seeds.assetlist import Asset
from generator.seeds.model import Brief, EnrichedBrief


class AssetMatcher:
    """Finds the configured assets in text.

    Each ticker and one-word name is located with `str.find` on the lowercased text and
    its boundaries checked by hand: much faster than a regular expression tried at every
    position. Names of several words, which may be spaced in any way, use a pattern.
    """

    def __init__(self, assets: Sequence[Asset]) -> None:
        self.assets = tuple(assets)
        self._order = {asset.ticker: index for index, asset in enumerate(assets)}
        self._words = [
            (a.ticker, tuple(n.lower() for n in a.names if " " not in n), _phrases(a))
            for a in assets
        ]

    def find(self, texts: Iterable[str]) -> tuple[str, ...]:
        """The tickers of the assets mentioned in `texts`, in configured order."""
        text = "\n".join(texts)
        lowered = text.lower()
        if len(lowered) != len(text):  # a few characters lengthen when lowercased
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        return tuple(
            ticker
            for ticker, names, phrases in self._words
            if _has_ticker(text, lowered, ticker)
            or any(_has_name(text, lowered, name) for name in names)
            or (phrases is not None and phrases.search(text, lowered))
        )

    def order(self, tickers: Iterable[str]) -> tuple[str, ...]:
        """Known tickers in configured order, without repeats."""
        return tuple(sorted(set(tickers) & self._order.keys(), key=self._order.__getitem__))


def _word(text: str, index: int) -> bool:
    """Whether text[index] exists and is a word character (like \\w)."""
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] == "_")


def _starts_word(text: str, index: int) -> bool:
    """Whether a word may start at `index`: no word character or '$' just before it."""
    return index == 0 or not (_word(text, index - 1) or text[index - 1] == "$")


def _has_ticker(text: str, lowered: str, ticker: str) -> bool:
    """`BTC` in upper case, or `$BTC` in any case, as a whole word."""
    needle = ticker.lower()
    start = lowered.find(needle)
    while start >= 0:
        end = start + len(needle)
        if not _word(text, end):
            if start >= 1 and text[start - 1] == "$" and _starts_word(text, start - 1):
                return True
            if _starts_word(text, start) and text[start:end] == ticker:
                return True
        start = lowered.find(needle, start + 1)
    return False


def _has_name(text: str, lowered: str, name: str) -> bool:
    """A one-word name in any case, as a whole word."""
    start = lowered.find(name)
    while start >= 0:
        if _starts_word(text, start) and not _word(text, start + len(name)):
            return True
        start = lowered.find(name, start + 1)
    return False


@dataclass(frozen=True)
class _Phrases:
    """Names of several words, in any case and any spacing, as whole words."""

    words: tuple[tuple[str, ...], ...]  # each name's lowercase words: a cheap test first
    pattern: re.Pattern[str]

    def search(self, text: str, lowered: str) -> bool:
        """Whether one of the names is in `text`."""
        if not any(all(word in lowered for word in name) for name in self.words):
            return False
        return self.pattern.search(text) is not None


def _phrases(asset: Asset) -> _Phrases | None:
    phrases = [name for name in asset.names if " " in name]
    if not phrases:
        return None
    pattern = re.compile(rf"(?<![\w$])(?i:{_alternation(phrases)})(?!\w)")
    return _Phrases(tuple(tuple(p.lower().split()) for p in phrases), pattern)


def _alternation(words: Iterable[str]) -> str:
    """Longest first, so that a longer name is tried before its prefix; spaces match any."""
    ordered = sorted(set(words), key=lambda word: (-len(word), word))
    return "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in ordered)


def brief_assets(brief: Brief, matcher: AssetMatcher) -> tuple[str, ...]:
    """Assets detected in the article and implications, changed by front-matter `assets:`."""
    choice = brief.front.assets
    if choice and choice.only:
        return matcher.order(choice.tickers)
    detected = matcher.find((*brief.article, *brief.implications))
    return matcher.order((*detected, *choice.tickers)) if choice else detected


def assign_assets(items: Sequence[EnrichedBrief], assets: Sequence[Asset]) -> list[EnrichedBrief]:
    """Each brief with the tickers of the assets it mentions."""
    matcher = AssetMatcher(assets)
    return [replace(item, assets=brief_assets(item.brief, matcher)) for item in items]


@dataclass(frozen=True)
class AssetGroup:
    """One asset and its briefs, in list order."""

    asset: Asset
    items: tuple[EnrichedBrief, ...]


def group_assets(items: Sequence[EnrichedBrief], assets: Sequence[Asset]) -> list[AssetGroup]:
    """Every configured asset that at least one brief mentions, in configured order."""
    members: dict[str, list[EnrichedBrief]] = {}
    for item in items:
        for ticker in item.assets:
            members.setdefault(ticker, []).append(item)
    return [AssetGroup(a, tuple(members[a.ticker])) for a in assets if a.ticker in members]
