"""Test-wide guards: no network except loopback, and no NLTK downloads."""

from __future__ import annotations

import io
import ipaddress
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from tests.browsing import chromium
from tests.builders import BULLISH, HOSTILE_SEED, build, make_project, seed

_real_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address: Any) -> None:
    if self.family in (socket.AF_INET, socket.AF_INET6):
        host = address[0]
        if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
            raise AssertionError(f"test tried to reach another host: {address!r}")
    _real_connect(self, address)


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail any test whose code reaches beyond this machine or asks NLTK to download."""
    import nltk

    def no_download(*args: object, **kwargs: object) -> None:
        raise AssertionError("NLTK download attempted")

    monkeypatch.setattr(socket.socket, "connect", _loopback_only)
    monkeypatch.setattr(nltk, "download", no_download)
    yield


@pytest.fixture(scope="session", autouse=True)
def loaded_once() -> None:
    """Load matplotlib's SVG drawing once per test process, as a long-lived process (serve)
    has after its first build: each build's forked chart drawer then starts with it, instead
    of importing it again in every build of the suite. What a build makes does not change."""
    from matplotlib.backends import backend_svg  # noqa: F401  (savefig's SVG backend)
    from matplotlib.figure import Figure

    Figure().savefig(io.BytesIO(), format="svg")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(
        tmp_path_factory.mktemp("project"),
        {
            "001_hostile.txt": HOSTILE_SEED,
            "002_bullish.txt": BULLISH,
            "003_draft.txt": seed(headline="Secret Draft Headline", front="draft: true"),
        },
    )
    assert build(project) == 0
    return project / "site"


MARKET_SEEDS = {
    "001_btc.txt": seed(
        headline="Bitcoin Opens the Week Higher",
        article="Bitcoin rose 3% as funds bought. Traders cheered. Volumes grew.",
        front="date: 2025-06-02",
    ),
    "002_eth.txt": seed(
        headline="Ether Slips on Staking Outflows",
        article="Ether fell 4% as stakers withdrew. Fees dropped. Activity slowed.",
        label="Bearish",
        front="date: 2025-06-04",
        keywords="Ethereum, Staking",
    ),
    "003_both.txt": seed(
        headline="$BTC and ETH Trade Sideways",
        article="$BTC held its range while ETH drifted. Funding was flat. Nothing moved.",
        label="Neutral",
        front="date: 2025-06-10",
    ),
    "004_solution.txt": seed(
        headline="A Scaling Solution Ships",
        article="A new solution for rollups shipped. Developers liked it. Fees fell.",
        front="date: 2025-07-01\nassets: [SOL]",
    ),
    "006_btc.txt": seed(
        headline="Bitcoin Funds Add Assets",
        article="Bitcoin funds added assets for a second week. Inflows rose. Demand held.",
        front="date: 2025-05-20",
    ),
    "007_btc.txt": seed(
        headline="Bitcoin Volatility Returns",
        article="Bitcoin swung 6% in a day. Options traders hedged. Liquidity thinned.",
        front="date: 2025-05-27",
    ),
    "005_undated.txt": seed(
        headline="Bitcoin Miners Sell Reserves",
        article="Bitcoin miners sold reserves. Hash rate rose. Margins shrank.",
        label="Bearish",
    ),
    "010_undated.txt": seed(
        headline="Bitcoin and Ethereum Upgrades Get Dates",
        article="Bitcoin and Ethereum both set dates for their upgrades. Bitcoin's soft fork "
        "comes first. Ethereum's fork follows in March. Users wait.",
        label="Neutral",
    ),
}


@pytest.fixture(scope="session")
def market(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small market: dated and undated briefs about BTC, ETH and SOL, short pages and feeds."""
    project = make_project(tmp_path_factory.mktemp("market"), MARKET_SEEDS)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        config.replace("feed_items: 20", "feed_items: 4\n    page_size: 5"), encoding="utf-8"
    )
    assert build(project) == 0
    return project / "site"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Chromium for the tests of one module."""
    with chromium() as launched:
        yield launched


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the modules that build real sites (tests/site) first, so that with `-n 2` the many
    short modules fill the end evenly instead of one worker running a long module alone.
    A stable sort: each module's tests stay together and in order, for its fixtures."""
    items.sort(key=lambda item: "tests/site/" not in item.nodeid)
