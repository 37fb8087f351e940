"""The assets to detect: tickers and their names, the default list, and their checks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.seeds import messages
from generator.seeds.errors import Problem, did_you_mean, one_of
from generator.seeds.frontmatter import TICKER
from generator.seeds.model import Brief


@dataclass(frozen=True)
class Asset:
    """A ticker, the names that also mean it, and the slug of its page."""

    ticker: str
    names: tuple[str, ...] = ()

    @property
    def slug(self) -> str:
        """Lowercase, '.' turned into '-': BRK.B -> brk-b."""
        return self.ticker.lower().replace(".", "-")

    @property
    def label(self) -> str:
        """The ticker with its first name, as headings show it: `BTC · Bitcoin`."""
        return f"{self.ticker} · {self.names[0]}" if self.names else self.ticker


# The major crypto assets and the indices crypto news compares them with. Names that are
# everyday words (Ripple, Avalanche, Near, Polygon) are left out: they would match prose.
DEFAULT_ASSETS = tuple(
    Asset(ticker, names)
    for ticker, names in (
        ("BTC", ("Bitcoin",)),
        ("ETH", ("Ether", "Ethereum")),
        ("SOL", ("Solana",)),
        ("XRP", ()),
        ("BNB", ("Binance Coin",)),
        ("ADA", ("Cardano",)),
        ("DOGE", ("Dogecoin",)),
        ("AVAX", ()),
        ("DOT", ("Polkadot",)),
        ("LINK", ("Chainlink",)),
        ("LTC", ("Litecoin",)),
        ("TRX", ("Tron",)),
        ("USDT", ("Tether",)),
        ("USDC", ("USD Coin",)),
        ("SPX", ("S&P 500", "S&P500")),
        ("NDX", ("Nasdaq 100", "Nasdaq-100", "Nasdaq Composite")),
        ("DJI", ("Dow Jones",)),
        ("DXY", ("US Dollar Index", "dollar index")),
    )
)


def parse_assets(value: Any) -> tuple[Any, str | None]:
    """The `extra.briefs.assets` converter: a mapping of ticker to names."""
    if not isinstance(value, Mapping) or not value:
        return None, messages.ASSETS_MAPPING(value=value)
    assets: list[Asset] = []
    owner: dict[str, str] = {}
    for ticker, names in value.items():
        if not isinstance(ticker, str) or not TICKER.fullmatch(ticker) or ticker == "INDEX":
            return None, messages.ASSETS_TICKER(ticker=ticker)
        names = [] if names is None else names
        if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
            return None, messages.ASSETS_NAMES(ticker=ticker, names=names)
        for name in (ticker, *names):
            key = " ".join(name.split()).casefold()
            if key in owner:
                return None, messages.ASSETS_NAME_TAKEN(ticker=ticker, name=name, owner=owner[key])
            owner[key] = ticker
        assets.append(Asset(ticker, tuple(" ".join(n.split()) for n in names)))
    return tuple(assets), None


def unknown_assets(briefs: Sequence[Brief], assets: Sequence[Asset]) -> list[Problem]:
    """Front-matter tickers that are not in `extra.briefs.assets`."""
    known = [asset.ticker for asset in assets]
    problems = []
    for brief in briefs:
        choice = brief.front.assets
        for ticker in choice.tickers if choice else ():
            if ticker not in known:
                line = dict(brief.front.lines).get("assets", 1)
                hint = did_you_mean(ticker, known)
                reason = messages.UNKNOWN_ASSET(ticker=ticker, expected=one_of(known), hint=hint)
                message = messages.FRONT_VALUE(key="assets", reason=reason)
                problems.append(Problem(brief.path, line, message))
    return problems
