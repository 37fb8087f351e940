"""Daily digests: a page per publication day, their index, the home page's lead, the feed."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from generator.pages.daily import group_days
from tests.builders import build, make_project, seed, set_briefs_setting
from tests.pages.test_dates import ITEMS
from tests.pages.test_feeds import SITE_URL
from tests.pages.test_market import cards
from tests.sitecheck import parse_html


def test_days_newest_first_in_publication_order_undated_left_out() -> None:
    days = group_days(ITEMS)
    assert [(d.key, [i.brief.stem for i in d.items]) for d in days] == [
        ("2023-02-01", ["001_new"]), ("2023-01-31", ["003_old", "004_same_day"]),
    ]  # fmt: skip
    assert days[1].label == "31 January 2023"


def test_a_digest_shows_the_day_balance_assets_and_briefs(market: Path) -> None:
    page = parse_html(market / "daily/2025-06-10/index.html")
    assert page.content_text.startswith(
        "Digest of 10 June 2025 1 brief All days "
        "▲ Bullish 0 ▼ Bearish 0 ◆ Neutral 1 BTC 1 ETH 1 $BTC and ETH Trade Sideways ◆ Neutral"
    )
    assert cards(market / "daily/2025-06-10/index.html") == ["003_both"]
    bar = [e for e in page.content_elements if e.attrs.get("role") == "img"]
    assert bar[0].attrs["aria-label"] == "Sentiment balance: 0 Bullish, 0 Bearish, 1 Neutral"
    steps = [(e.attrs["rel"], e.attrs["href"]) for e in page.content_elements if "rel" in e.attrs]
    assert steps == [("prev", "../2025-06-04/"), ("next", "../2025-07-01/")]
    assert not (market / "daily/undated").exists()


def test_the_index_lists_days_by_month_and_home_leads_with_the_latest(market: Path) -> None:
    index = parse_html(market / "daily/index.html").content_text
    assert "July 2025 1 July 2025 1 brief June 2025 10 June 2025 1 brief 4 June 2025" in index
    home = parse_html(market / "index.html")
    assert "Latest day: 1 July 2025 1 brief published that day" in home.content_text
    hrefs = [e.attrs.get("href") for e in home.content_elements if e.tag == "a"]
    assert "daily/2025-07-01/" in hrefs


def test_the_digest_feed_has_one_item_per_day_newest_first(market: Path) -> None:
    rss = ET.parse(market / "daily/feed.xml").getroot()
    titles = [t.text for t in rss.iterfind("channel/item/title")]
    assert titles == [  # feed_items is 4 in the fixture: four days
        "Digest of 1 July 2025: 1 brief", "Digest of 10 June 2025: 1 brief",
        "Digest of 4 June 2025: 1 brief", "Digest of 2 June 2025: 1 brief",
    ]  # fmt: skip
    feed = json.loads((market / "daily/feed.json").read_text(encoding="utf-8"))
    first = feed["items"][0]
    assert first["url"] == f"{SITE_URL}daily/2025-07-01/"
    assert first["summary"] == "1 Bullish"
    assert (
        f'<a href="{SITE_URL}briefs/004_solution/">A Scaling Solution Ships</a>'
        in (first["content_html"])
    )


def test_a_busy_day_paginates_and_seed_text_stays_text(tmp_path: Path) -> None:
    seeds = {
        f"{n:03d}_day.txt": seed(headline=f"<b>Story</b> {n}", front="date: 2025-06-01")
        for n in range(7)
    }
    project = make_project(tmp_path, seeds, with_example=False)
    set_briefs_setting(project, "feed_items", "20\n    page_size: 5")
    assert build(project) == 0
    first = cards(project / "site/daily/2025-06-01/index.html")
    assert first == [f"{n:03d}_day" for n in range(5)]
    second = cards(project / "site/daily/2025-06-01/page/2/index.html")
    assert second == ["005_day", "006_day"]
    text = parse_html(project / "site/daily/2025-06-01/index.html").content_text
    assert "<b>Story</b> 0" in text and "page 1 of 2" in text


def test_a_digest_feed_without_days_is_dated_by_the_build_not_the_clock(tmp_path: Path) -> None:
    """With no dated brief, the digest feed has no item; its date is the build time
    (SOURCE_DATE_EPOCH, here unset: 1970), never the moment of the build."""
    project = make_project(tmp_path, {"001_undated.txt": seed()}, with_example=False)
    assert build(project) == 0
    channel = ET.parse(project / "site/daily/feed.xml").getroot().find("channel")
    assert channel is not None and channel.find("item") is None
    assert channel.findtext("lastBuildDate") == "Thu, 01 Jan 1970 00:00:00 +0000"
