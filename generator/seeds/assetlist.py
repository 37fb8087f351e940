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
    """A ticker, the names and other tickers that also mean it, and look-alikes that don't."""

    ticker: str
    names: tuple[str, ...] = ()  # matched in any case, as whole words
    aliases: tuple[str, ...] = ()  # other tickers, e.g. POL for MATIC
    not_names: tuple[str, ...] = ()  # phrases that contain a name but mean something else

    @property
    def tickers(self) -> tuple[str, ...]:
        """The main ticker, then its aliases."""
        return (self.ticker, *self.aliases)

    @property
    def slug(self) -> str:
        """Lowercase, '.' turned into '-': BRK.B -> brk-b."""
        return self.ticker.lower().replace(".", "-")

    @property
    def label(self) -> str:
        """The ticker with its first name, as headings show it: `BTC · Bitcoin`."""
        return f"{self.ticker} · {self.names[0]}" if self.names else self.ticker


# The top crypto assets by market capitalization that crypto news names most, and the
# indices it compares them with. Company and exchange names that are not the coin (Binance,
# FTX, Circle, "Nasdaq-listed") are deliberately absent or listed as look-alikes; Ripple and
# Tether, the companies behind XRP and USDT, count as naming them. Chosen by counting the
# names in the 1,063 articles of late 2022 in ../shared/corpus/crypto-news-2023.jsonl.
DEFAULT_ASSETS: tuple[Asset, ...] = (
    Asset(
        "BTC",
        ("Bitcoin", "Bitcoins"),
        ("XBT", "GBTC"),  # GBTC: the Grayscale Bitcoin Trust, a Bitcoin story
        ("Bitcoin Cash", "Bitcoin SV", "Bitcoin Gold", "Wrapped Bitcoin"),
    ),
    Asset(
        "ETH",
        ("Ethereum", "Ether"),
        (),
        ("Ethereum Classic", "Ethereum PoW", "EthereumPoW", "Ethereum Name Service"),
    ),
    Asset("SOL", ("Solana",)),
    Asset("XRP", ("Ripple", "XRP Ledger", "XRPL")),
    Asset("BNB", ("Binance Coin", "BNB Chain", "BNB Smart Chain", "Binance Smart Chain")),
    Asset("ADA", ("Cardano",)),
    Asset("DOGE", ("Dogecoin",)),
    Asset("AVAX", ("Avalanche",)),
    Asset("DOT", ("Polkadot",)),
    Asset("LINK", ("Chainlink",)),
    Asset("LTC", ("Litecoin",)),
    Asset("TRX", ("Tron",)),
    Asset("USDT", ("Tether",)),
    Asset("USDC", ("USD Coin",)),
    Asset("MATIC", ("Polygon",), ("POL",)),
    Asset("SHIB", ("Shiba Inu",)),
    Asset("UNI", ("Uniswap",)),
    Asset("ATOM", ("Cosmos",)),
    Asset("ETC", ("Ethereum Classic",)),
    Asset("DAI", ()),
    Asset("BUSD", ("Binance USD",)),
    Asset("FTT", ("FTX Token",)),
    Asset("SPX", ("S&P 500", "S&P500", "S&P")),
    Asset(
        "NDX",
        ("Nasdaq 100", "Nasdaq-100", "Nasdaq Composite", "Nasdaq"),
        (),
        ("Nasdaq-listed", "Nasdaq listed", "listed on Nasdaq", "listed on the Nasdaq"),
    ),
    Asset("DJI", ("Dow Jones", "Dow Jones Industrial Average", "the Dow")),
    Asset("DXY", ("US Dollar Index", "U.S. Dollar Index", "dollar index")),
)

# An asset's long form in mkdocs.yml: {names: [...], tickers: [...], not: [...]}.
_LONG_FORM = ("names", "tickers", "not")


def parse_assets(value: Any) -> tuple[Any, str | None]:
    """The `extra.briefs.assets` converter: a mapping of ticker to names, or to the long form."""
    if not isinstance(value, Mapping) or not value:
        return None, messages.ASSETS_MAPPING(value=value)
    assets: list[Asset] = []
    owner: dict[str, str] = {}
    for ticker, entry in value.items():
        if not _is_ticker(ticker):
            return None, messages.ASSETS_TICKER(ticker=ticker)
        parts = entry if isinstance(entry, Mapping) else {"names": entry}
        unknown = [key for key in parts if key not in _LONG_FORM]
        if unknown:
            return None, messages.ASSETS_KEY(ticker=ticker, key=unknown[0], expected=_LONG_FORM)
        names, aliases, not_names = (_texts(parts.get(key)) for key in _LONG_FORM)
        if names is None or not_names is None:
            return None, messages.ASSETS_NAMES(ticker=ticker, names=entry)
        if aliases is None or not all(_is_ticker(alias) for alias in aliases):
            return None, messages.ASSETS_TICKER(ticker=parts.get("tickers"))
        for name in (ticker, *aliases, *names):
            key = " ".join(name.split()).casefold()
            if key in owner:
                return None, messages.ASSETS_NAME_TAKEN(ticker=ticker, name=name, owner=owner[key])
            owner[key] = ticker
        assets.append(Asset(ticker, names, aliases, not_names))
    return tuple(assets), None


def _is_ticker(value: object) -> bool:
    return isinstance(value, str) and bool(TICKER.fullmatch(value)) and value != "INDEX"


def _texts(value: object) -> tuple[str, ...] | None:
    """A list of non-empty strings, single-spaced; None if it is anything else."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(n, str) and n.strip() for n in value):
        return None
    return tuple(" ".join(n.split()) for n in value)


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
