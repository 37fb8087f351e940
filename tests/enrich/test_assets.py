"""Asset detection: word-bounded, case-aware, configurable, and overridable per brief."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.config import DEFAULT_SENTIMENTS, load_config
from generator.enrich.assets import AssetMatcher, brief_assets
from generator.seeds.assetlist import DEFAULT_ASSETS, Asset, parse_assets
from generator.seeds.errors import ConfigError, SeedError
from generator.seeds.model import Brief
from generator.seeds.parse import load_all, loads
from tests.builders import seed

MATCHER = AssetMatcher(DEFAULT_ASSETS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BTC rallied", ("BTC",)),
        ("$BTC and $eth on the tape", ("BTC", "ETH")),
        ("Bitcoin, bitcoin and BITCOIN", ("BTC",)),
        ("Ether and Ethereum's upgrade", ("ETH",)),
        ("ETH/BTC and BTC-USD pairs", ("BTC", "ETH")),
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
    ],
)
def test_detection(text: str, expected: tuple[str, ...]) -> None:
    assert MATCHER.find([text]) == expected


def test_found_in_configured_order_not_text_order() -> None:
    assert MATCHER.find(["Solana beat Ether", "and Bitcoin"]) == ("BTC", "ETH", "SOL")


def parsed(front: str | None) -> Brief:
    data = seed(front=front, article="Solana fees rose.", implications="Watch $ETH too.")
    return loads(data, "briefs/x.txt", "x", DEFAULT_SENTIMENTS)


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        (None, ("ETH", "SOL")),  # the article and the implications are searched
        ("assets: [DXY, BTC]", ("BTC", "ETH", "SOL", "DXY")),  # a list adds
        ("assets: {only: [BTC]}", ("BTC",)),  # `only` replaces
        ("assets: {only: []}", ()),
    ],
)
def test_front_matter_adds_or_overrides(front: str | None, expected: tuple[str, ...]) -> None:
    assert brief_assets(parsed(front), MATCHER) == expected


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
    assert AssetMatcher(config.assets).find(["Apple and Bitcoin, not ETH"]) == ("BTC", "AAPL")


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
