"""Search with facets in headless Chromium: typing, narrowing, the keyboard, deep links, 390 px."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browsing import serve

JUNYANG = "Alibaba Qwen Technical Lead Junyang Lin Departs Amid Qwen 3.5 Launch"


@pytest.fixture(scope="module")
def server(market: Path) -> Iterator[str]:
    with serve(market) as base:
        yield base


def results(page: Page) -> list[dict[str, str]]:
    """Each shown result's title, metadata line and excerpt, as the reader sees them."""
    items = page.locator(".md-search-result__item")
    return [
        {
            "title": item.locator("h1").inner_text(),
            "meta": item.locator(".briefs-result__meta").inner_text()
            if item.locator(".briefs-result__meta").count()
            else "",
            "excerpt": item.locator("p").last.inner_text(),
            "marked": str(item.locator("mark").count()),
        }
        for item in items.all()
    ]


def settle(page: Page, title: str) -> list[dict[str, str]]:
    """Wait for a result titled `title`, then for the search to stop changing the list."""
    page.locator(".md-search-result__item h1", has_text=title).first.wait_for(timeout=10_000)
    page.wait_for_timeout(300)
    return results(page)


def test_typing_then_narrowing_by_sentiment_and_asset(server: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(server)
    page.keyboard.press("/")
    page.keyboard.type("bitcoin")
    found = settle(page, "Bitcoin Opens the Week Higher")
    assert len(found) >= 5
    page.get_by_role("button", name="Bearish").click()
    assert page.get_by_role("button", name="Bearish").get_attribute("aria-pressed") == "true"
    found = settle(page, "Bitcoin Miners Sell Reserves")
    assert [r["title"] for r in found] == ["Bitcoin Miners Sell Reserves"]
    assert found[0]["meta"] == "Bearish BTC"  # undated: no date shown
    assert "Bitcoin" in found[0]["excerpt"] and found[0]["marked"] != "0"
    page.get_by_role("button", name="Bearish").click()  # off again
    page.get_by_role("combobox", name="Asset").select_option("ETH")
    found = settle(page, "Bitcoin and Ethereum Upgrades Get Dates")
    assert {r["title"] for r in found} == {
        "Bitcoin and Ethereum Upgrades Get Dates", "$BTC and ETH Trade Sideways",
    }  # fmt: skip
    sideways = next(r for r in found if r["title"].startswith("$BTC"))
    assert sideways["meta"] == "Neutral · 10 June 2025 BTC ETH"
    page.close()


def test_the_excerpt_is_what_matched_never_the_headline_or_tags(
    server: str, browser: Browser
) -> None:
    page = browser.new_page()
    page.goto(server)
    page.keyboard.press("/")
    page.keyboard.type("Junyang")
    [first, *_] = settle(page, JUNYANG)
    assert first["title"] == JUNYANG
    assert first["excerpt"].startswith("Junyang Lin, a senior technical lead")
    assert JUNYANG not in first["excerpt"] and "open-weight models" not in first["excerpt"]
    page.close()


def test_keyboard_only_narrow_and_open_a_result(server: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(server)
    page.keyboard.press("/")
    page.keyboard.type("bitcoin")
    settle(page, "Bitcoin Opens the Week Higher")
    for _ in range(6):  # from the query, Tab reaches the sentiment chips
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.value") == "Bullish":
            break
    page.keyboard.press("Tab")  # Bearish
    page.keyboard.press("Enter")
    settle(page, "Bitcoin Miners Sell Reserves")
    assert page.evaluate("document.activeElement.getAttribute('aria-pressed')") == "true"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    if page.evaluate("document.activeElement.name") != "query":
        page.locator("[data-briefs-search-query]").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/briefs/005_undated/")
    page.close()


def test_a_deep_link_opens_the_search_with_query_and_filters(server: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(server + "?q=bitcoin&sentiment=bullish&asset=btc")
    found = settle(page, "Bitcoin Opens the Week Higher")
    assert page.locator("#__search").is_checked()
    assert page.locator("[data-briefs-search-query]").input_value() == "bitcoin"
    assert page.get_by_role("button", name="Bullish").get_attribute("aria-pressed") == "true"
    assert page.get_by_role("combobox", name="Asset").input_value() == "BTC"
    assert {r["title"] for r in found} == {
        "Bitcoin Opens the Week Higher", "Bitcoin Volatility Returns", "Bitcoin Funds Add Assets",
    }  # fmt: skip
    assert all(r["meta"].startswith("Bullish · ") and r["meta"].endswith("BTC") for r in found)
    page.close()


def test_sentiment_and_asset_pages_link_to_their_filtered_search(
    server: str, browser: Browser
) -> None:
    page = browser.new_page()
    page.goto(server + "asset/eth/")
    page.get_by_role("link", name="Search these briefs").click()
    page.wait_for_url("**/?asset=eth")
    found = settle(page, "Ether Slips on Staking Outflows")  # every ETH brief, no query
    assert len(found) == 3 and page.get_by_role("combobox", name="Asset").input_value() == "ETH"
    page.goto(server + "sentiment/bearish/")
    href = page.get_by_role("link", name="Search these briefs").get_attribute("href")
    assert href == "../../?sentiment=bearish"
    page.close()


def test_the_panel_fits_390_px(server: str, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(server + "?q=bitcoin&sentiment=bearish")
    settle(page, "Bitcoin Miners Sell Reserves")
    for name in ("Bullish", "Bearish", "Neutral"):
        box = page.get_by_role("button", name=name).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
        assert box["height"] >= 24  # a target a thumb can hit
    select = page.get_by_role("combobox", name="Asset").bounding_box()
    assert select is not None and select["x"] + select["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate("window.scrollTo(500, 0), window.scrollX") == 0  # no sideways scroll
    page.close()


def test_documentation_pages_are_not_in_the_index(server: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(server)
    page.keyboard.press("/")
    page.keyboard.type("schema_version")  # only the JSON API page says it
    page.locator("[data-briefs-search-meta]", has_text="No matching").wait_for(timeout=10_000)
    page.close()
