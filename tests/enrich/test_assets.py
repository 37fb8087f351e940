"""Assets: found word-bounded and case-aware, read as about or mentioned, configurable and
overridable per brief."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.config import DEFAULT_SENTIMENTS, load_config
from generator.enrich.assets import AssetReading, brief_assets, read_assets
from generator.enrich.mentions import find_mentions, matcher_for
from generator.seeds.assetlist import DEFAULT_ASSETS, Asset, parse_assets
from generator.seeds.errors import ConfigError, SeedError
from generator.seeds.model import Brief
from generator.seeds.parse import load_all, loads
from tests.builders import ROOT, seed

MATCHER = matcher_for(DEFAULT_ASSETS)


def found(text: str, assets: tuple[Asset, ...] = DEFAULT_ASSETS) -> tuple[str, ...]:
    tickers = {ticker for _, _, ticker in find_mentions(text, matcher_for(assets))}
    return tuple(a.ticker for a in assets if a.ticker in tickers)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BTC rallied", ("BTC",)),
        ("$BTC and $eth on the tape", ("BTC", "ETH")),
        ("Bitcoin, bitcoin and BITCOIN", ("BTC",)),
        ("Ether and Ethereum's upgrade", ("ETH",)),
        ("ETH/BTC pairs", ("BTC", "ETH")),
        ("BTC-USD pairs", ("BTC",)),
        ("Solana's validators", ("SOL",)),
        ("S&P 500 and the Nasdaq-100 fell", ("SPX", "NDX")),
        ("the S&P  500\nindex", ("SPX",)),
        ("İstanbul desks bought Bitcoin and SOL", ("BTC", "SOL")),  # İ lengthens when lowered
        # False friends: inside another word, or a ticker not in upper case.
        ("a solution for stETH, wETH and ETHUSD holders", ()),
        ("Ethernet, ethics and Bitcoiners", ()),
        ("btc and eth in lower case, sol in Spanish", ()),
        ("US$BTC is not a cashtag", ()),
        ("Dogecoin2 and ADA3", ()),
        # Look-alikes: another coin, or a company that is not the index.
        ("Bitcoin Cash and Bitcoin SV forked", ()),
        ("the Nasdaq-listed miner", ()),
        ("Ethereum Classic rose", ("ETC",)),
        # Other names and tickers of the widened list.
        ("Ripple and Polygon, then POL and Shiba Inu", ("XRP", "MATIC", "SHIB")),
    ],
)
def test_detection(text: str, expected: tuple[str, ...]) -> None:
    assert found(text) == expected


def brief(headline: str, article: str, implications: str = "Traders watch it.") -> Brief:
    data = seed(headline=headline, article=article, implications=implications)
    return loads(data, "briefs/x.txt", "x", DEFAULT_SENTIMENTS)


def reading(headline: str, article: str, implications: str = "Traders watch it.") -> AssetReading:
    return read_assets(brief(headline, article, implications), DEFAULT_ASSETS)


@pytest.mark.parametrize(
    ("headline", "article", "implications", "about", "mentioned"),
    [
        # The headline names it and the article backs it up.
        ("Bitcoin Tops $100,000", "Bitcoin rose 5% on Monday. Buyers returned in Asia.",
         "Momentum favours buyers.", ("BTC",), ()),
        # The subject of the article throughout, though the headline is generic.
        ("A Record Week for One Coin", "Solana rose 9% this week. Solana's fees hit a high. "
         "Developers moved to Solana as Solana's network held up. Solana ended the week up.",
         "Momentum favours buyers.", ("SOL",), ()),
        # One side of a comparison, and the market backdrop, are only mentions.
        ("Cardano Rallies After Its Upgrade", "Cardano rose 12% after the upgrade went live. "
         "Cardano's developers said fees fell. ETH rose 2% and DOGE 3% this week.",
         "Cardano's momentum may last while Bitcoin holds steady.", ("ADA",),
         ("BTC", "ETH", "DOGE")),
        # A unit and a platform are only mentions.
        ("Rare Ape NFT Sells at Auction", "The Ethereum-based NFT sold for 80 ETH on Sunday. "
         "Collectors bid for an hour.", "Demand for rare items is steady.", (), ("ETH",)),
        # Named only in the implications: a mention.
        ("Alibaba Lead Departs", "A senior lead left the company on Tuesday.",
         "Broader crypto market drivers (BTC, ETH macro trends) matter more.", (),
         ("BTC", "ETH")),
    ],
)  # fmt: skip
def test_about_or_mentioned(
    headline: str, article: str, implications: str, about: tuple[str, ...],
    mentioned: tuple[str, ...],
) -> None:  # fmt: skip
    assert reading(headline, article, implications) == AssetReading(about, mentioned)


def test_the_example_brief_is_about_no_asset() -> None:
    data = (ROOT / "briefs/000_9a8fa79c9f871b61.txt").read_bytes()
    example = loads(data, "briefs/000.txt", "000", DEFAULT_SENTIMENTS)
    assert read_assets(example, DEFAULT_ASSETS) == AssetReading((), ("BTC", "ETH"))


def with_front(front: str | None) -> Brief:
    data = seed(
        front=front,
        headline="Solana Fees Rise",
        article="Solana fees rose. Solana's validators earned more.",
        implications="Watch $ETH too.",
    )
    return loads(data, "briefs/x.txt", "x", DEFAULT_SENTIMENTS)


@pytest.mark.parametrize(
    ("front", "about", "mentioned"),
    [
        (None, ("SOL",), ("ETH",)),  # read from the text
        ("assets: [DXY, ETH]", ("ETH", "SOL", "DXY"), ()),  # a list adds to what it is about
        ("assets: {only: [BTC]}", ("BTC",), ("ETH", "SOL")),  # `only` replaces
        ("assets: {only: []}", (), ("ETH", "SOL")),
    ],
)
def test_front_matter_adds_or_overrides(
    front: str | None, about: tuple[str, ...], mentioned: tuple[str, ...]
) -> None:
    item = with_front(front)
    detected = read_assets(item, DEFAULT_ASSETS)
    assert brief_assets(item, detected, DEFAULT_ASSETS) == AssetReading(about, mentioned)


def test_front_matter_assets_errors(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: T\n", encoding="utf-8")
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    (briefs / "001_a.txt").write_bytes(seed(front="date: 2025-01-02\nassets: [BTCC, ETH]"))
    (briefs / "002_b.txt").write_bytes(seed(front="assets: Bitcoin"))
    (briefs / "003_c.txt").write_bytes(seed(front="assets: {except: [BTC]}"))
    config = load_config({}, tmp_path / "mkdocs.yml")
    with pytest.raises(SeedError) as caught:
        load_all(config)
    tickers = ", ".join(asset.ticker for asset in DEFAULT_ASSETS)
    expected = (
        "expected a list of tickers such as [BTC, ETH] (added to the detected ones) "
        "or {only: [BTC]} (replacing them), got "
    )
    assert [str(p) for p in caught.value.problems] == [
        f"briefs/001_a.txt:3: front matter 'assets': unknown asset 'BTCC'; expected one of "
        f"{tickers} (did you mean BTC?)",
        f"briefs/002_b.txt:2: front matter 'assets': {expected}'Bitcoin'",
        f"briefs/003_c.txt:2: front matter 'assets': {expected}{{'except': ['BTC']}}",
    ]


def test_configured_assets_replace_the_defaults(tmp_path: Path) -> None:
    text = "extra:\n  briefs:\n    assets:\n      BTC: [Bitcoin]\n      AAPL: [Apple]\n      GLD:\n"
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    config = load_config(yaml.safe_load(text)["extra"], path)
    assert config.assets == (Asset("BTC", ("Bitcoin",)), Asset("AAPL", ("Apple",)), Asset("GLD"))
    assert found("Apple and Bitcoin, not ETH", config.assets) == ("BTC", "AAPL")


def test_the_long_form_gives_other_tickers_and_look_alikes() -> None:
    value = {"MATIC": {"names": ["Polygon"], "tickers": ["POL"], "not": ["Polygon Labs"]}}
    assets, error = parse_assets(value)
    assert error is None
    assert assets == (Asset("MATIC", ("Polygon",), ("POL",), ("Polygon Labs",)),)
    assert found("POL and Polygon Labs", assets) == ("MATIC",)
    assert found("Polygon Labs hired", assets) == ()


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ([1, 2], "expected a mapping of tickers to lists of names, such as {BTC: [Bitcoin], "
         "ETH: [Ether, Ethereum]}, got [1, 2]"),
        ({"btc": ["Bitcoin"]}, "ticker 'btc' must be upper-case letters, digits or '.' "
         "(at most 10)"),
        ({"BTC": "Bitcoin"}, "BTC: expected a list of names, such as [Bitcoin], got 'Bitcoin'"),
        ({"ETH": ["Ether"], "ETC": ["ether"]}, "ETC: 'ether' is already used by ETH"),
        ({"INDEX": []}, "ticker 'INDEX' must be upper-case letters, digits or '.' (at most 10)"),
        ({"MATIC": {"ticker": ["POL"]}}, "MATIC: unknown key 'ticker'; expected one of "
         "('names', 'tickers', 'not')"),
        ({"MATIC": {"tickers": ["pol"]}}, "ticker ['pol'] must be upper-case letters, digits "
         "or '.' (at most 10)"),
    ],
)  # fmt: skip
def test_asset_setting_errors(value: object, error: str) -> None:
    assert parse_assets(value) == (None, error)


def test_asset_setting_error_has_its_line(tmp_path: Path) -> None:
    text = "site_name: T\nextra:\n  briefs:\n    assets:\n      btc: [Bitcoin]\n"
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(yaml.safe_load(text)["extra"], path)
    assert str(caught.value) == (
        "mkdocs.yml:4: extra.briefs.assets: ticker 'btc' must be upper-case letters, digits "
        "or '.' (at most 10)"
    )


def test_slugs_and_labels() -> None:
    assert Asset("BRK.B", ("Berkshire",)).slug == "brk-b"
    assert Asset("BTC", ("Bitcoin",)).label == "BTC · Bitcoin"
    assert Asset("XRP").label == "XRP"
