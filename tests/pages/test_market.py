"""What readers of market briefs expect: asset pages, archive, metadata, API and statistics."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from tests.pages.test_feeds import ORDER, SITE_URL, UNDATED
from tests.sitecheck import Element, parse_html

BRIEFS = [*ORDER, *UNDATED]


def cards(path: Path) -> list[str]:
    """The brief stems a list page links to, in order."""
    page = parse_html(path)
    links = [e.attrs.get("href") or "" for e in page.content_elements if e.tag == "a"]
    return [m.group(1) for link in links if (m := re.search(r"briefs/([^/]+)/$", link))]


def meta(elements: list[Element], key: str) -> str | None:
    for element in elements:
        if element.tag == "meta" and key in (
            element.attrs.get("property"),
            element.attrs.get("name"),
        ):
            return element.attrs.get("content")
    return None


def test_asset_pages_list_their_briefs_newest_first_with_counts(market: Path) -> None:
    btc = market / "asset/btc/index.html"
    assert cards(btc) == ["003_both", "001_btc", "007_btc", "006_btc", "010_undated"]
    # The example brief names BTC and ETH only in its implications: mentioned, not about.
    assert cards(market / "asset/btc/page/2/index.html") == ["005_undated"]
    text = parse_html(btc).content_text
    assert text.startswith(
        "BTC · Bitcoin briefs 6 briefs · page 1 of 2 ▲ Bullish 3 ▼ Bearish 1 ◆ Neutral 2"
    )
    assert cards(market / "asset/eth/index.html") == [
        "003_both", "002_eth", "010_undated",
    ]  # fmt: skip
    assert cards(market / "asset/sol/index.html") == ["004_solution"]  # from front matter
    overview = parse_html(market / "asset/index.html")
    rows = [e.attrs.get("href") for e in overview.content_elements if e.tag == "a"]
    assert rows[-3:] == ["btc/", "eth/", "sol/"]
    assert "BTC Bitcoin, Bitcoins 6 ETH Ethereum, Ether 3 SOL Solana 1" in overview.content_text
    example = parse_html(market / "briefs/000_9a8fa79c9f871b61/index.html").content_text
    assert "Also mentioned: BTC, ETH" in example and "About:" not in example


def test_brief_page_links_to_its_asset_pages(market: Path) -> None:
    page = parse_html(market / "briefs/003_both/index.html")
    chips = [
        e.attrs["href"] for e in page.content_elements if e.attrs.get("class") == "brief-asset"
    ]
    assert chips == ["../../asset/btc/", "../../asset/eth/"]
    solution = parse_html(market / "briefs/004_solution/index.html")
    assert [
        e.attrs["href"] for e in solution.content_elements if e.attrs.get("class") == "brief-asset"
    ] == ["../../asset/sol/"]


def test_archive_by_month_newest_first_undated_last(market: Path) -> None:
    index = parse_html(market / "archive/index.html")
    links = [e.attrs.get("href") for e in index.content_elements if e.tag == "a"]
    assert links[-4:] == ["2025-07/", "2025-06/", "2025-05/", "undated/"]
    assert (
        "2025 July 2025 1 brief June 2025 3 briefs May 2025 2 briefs Undated Undated 3 briefs"
        in index.content_text
    )
    assert cards(market / "archive/2025-06/index.html") == ["003_both", "002_eth", "001_btc"]
    assert cards(market / "archive/undated/index.html") == UNDATED


def test_home_and_lists_show_dates_only_when_set_and_reading_time(market: Path) -> None:
    home = parse_html(market / "index.html")
    assert cards(market / "index.html") == BRIEFS
    times = [e.attrs.get("datetime") for e in home.content_elements if e.tag == "time"]
    assert times == [
        "2025-07-01",
        "2025-06-10",
        "2025-06-04",
        "2025-06-02",
        "2025-05-27",
        "2025-05-20",
    ]
    assert home.content_text.count("min read") == len(BRIEFS)


def test_every_brief_has_opengraph_twitter_canonical_and_a_sitemap_entry(market: Path) -> None:
    sitemap = (market / "sitemap.xml").read_text(encoding="utf-8")
    api = json.loads((market / "api/briefs.json").read_text(encoding="utf-8"))
    for record in api["briefs"]:
        address = f"{SITE_URL}{record['url']}"
        page = parse_html(market / record["url"] / "index.html")
        head = page.elements
        summary = " ".join(record["summary"])
        assert meta(head, "og:type") == "article"
        assert meta(head, "og:title") == record["headline"]
        assert meta(head, "og:description") == summary
        assert meta(head, "og:url") == address
        assert meta(head, "og:site_name") == "Market Briefs"
        assert meta(head, "article:published_time") == record["date"]
        assert meta(head, "twitter:card") == "summary"  # the card reads the og: tags
        canonical = [
            e.attrs["href"] for e in head if e.tag == "link" and e.attrs.get("rel") == "canonical"
        ]
        assert canonical == [address]
        assert f"<loc>{address}</loc>" in sitemap


def test_opengraph_of_a_hostile_headline_is_escaped_once(site: Path) -> None:
    raw = (site / "briefs/001_hostile/index.html").read_text(encoding="utf-8")
    assert "&amp;lt;" not in raw and "&amp;amp;" not in raw  # escaped once, never twice
    page = parse_html(site / "briefs/001_hostile/index.html")
    assert (
        meta(page.elements, "og:title") == "<b onmouseover=alert(1)>Hostile</b> {{ 7*7 }} & *stars*"
    )


def test_list_pages_link_their_feeds(market: Path) -> None:
    pages = [
        ("index.html", ""),
        ("sentiment/bearish/index.html", "sentiment/bearish/"),
        ("asset/eth/index.html", "asset/eth/"),
        ("subscribe/index.html", ""),
    ]
    for page, folder in pages:
        parsed = parse_html(market / page)
        alternates = [
            (e.attrs["type"], e.attrs["href"])
            for e in parsed.elements
            if e.tag == "link" and e.attrs.get("rel") == "alternate"
        ]
        assert [kind for kind, _ in alternates] == ["application/rss+xml", "application/feed+json"]
        for _, href in alternates:
            target = (market / page).parent / href
            assert target.resolve() == (market / folder / Path(href).name).resolve()
            assert target.is_file()
    subscribe = parse_html(market / "subscribe/index.html")
    hrefs = {
        href
        for e in subscribe.content_elements
        if (href := e.attrs.get("href") or "").endswith(("/feed.xml", "/feed.json"))
    }
    assert len(hrefs) == 14  # site, 3 sentiments, 3 assets; RSS and JSON each
    assert all((market / "subscribe" / href).resolve().is_file() for href in hrefs)


def test_api_has_assets_and_dates_and_a_file_per_asset(market: Path) -> None:
    api = json.loads((market / "api/briefs.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in api["briefs"]] == BRIEFS
    both = next(r for r in api["briefs"] if r["id"] == "003_both")
    assert (both["assets"], both["date"]) == (["BTC", "ETH"], "2025-06-10")
    index = json.loads((market / "api/assets.json").read_text(encoding="utf-8"))
    assert [(a["ticker"], a["count"], a["api"]) for a in index["assets"]] == [
        ("BTC", 6, "api/assets/btc.json"), ("ETH", 3, "api/assets/eth.json"),
        ("SOL", 1, "api/assets/sol.json"),
    ]  # fmt: skip
    btc = json.loads((market / "api/assets/btc.json").read_text(encoding="utf-8"))
    assert btc["sentiments"] == {"Neutral": 2, "Bullish": 3, "Bearish": 1}
    assert [r["id"] for r in btc["briefs"]] == [
        "003_both",
        "001_btc",
        "007_btc",
        "006_btc",
        "010_undated",
        "005_undated",
    ]
    assert btc["briefs"][0] == {
        "id": "003_both",
        "url": "briefs/003_both/",
        "headline": "$BTC and ETH Trade Sideways",
        "date": "2025-06-10",
        "sentiment": "Neutral",
    }


def test_charts_on_home_sentiment_and_asset_pages(market: Path) -> None:
    for page, alt in [
        ("index.html", "Stacked chart of briefs per week by sentiment, 7 weeks from the week of "
         "19 May 2025 to the week of 30 Jun 2025: 4 Bullish, 1 Bearish, 1 Neutral. Busiest week: "
         "2 Jun 2025, 2 briefs. 3 undated briefs not shown."),
        ("asset/btc/index.html", "Stacked chart of BTC briefs per week by sentiment, 4 weeks from "
         "the week of 19 May 2025 to the week of 9 Jun 2025: 3 Bullish, 1 Neutral. Busiest week: "
         "9 Jun 2025, 1 brief. 2 undated briefs not shown."),
        ("sentiment/bullish/index.html", "Stacked chart of Bullish briefs per week by sentiment, "
         "7 weeks from the week of 19 May 2025 to the week of 30 Jun 2025: 4 Bullish. Busiest "
         "week: 30 Jun 2025, 1 brief."),
    ]:  # fmt: skip
        svgs = [e for e in parse_html(market / page).content_elements if e.tag == "svg"]
        assert [(s.attrs["role"], s.attrs["aria-label"]) for s in svgs] == [("img", alt)]
    assert not [
        e
        for e in parse_html(market / "asset/btc/page/2/index.html").content_elements
        if e.tag == "svg"
    ]


def test_readability_page(market: Path) -> None:
    page = parse_html(market / "stats/index.html")
    text = page.content_text
    assert re.search(
        r"Flesch–Kincaid grade level \d+\.\d Reading time 1 min "
        r"Flesch reading ease -?\d+\.\d Briefs 9",
        text,
    ), text
    svgs = [e for e in page.content_elements if e.tag == "svg"]
    assert len(svgs) == 1
    assert html.unescape(svgs[0].attrs["aria-label"] or "").startswith(
        "Histogram of Flesch reading ease for 9 briefs"
    )
