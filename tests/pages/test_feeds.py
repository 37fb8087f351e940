"""Every feed, read back by a real feed client (feedparser) and checked item by item."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import feedparser
import pytest

from tests.builders import build, make_project

SITE_URL = "https://example.github.io/market-briefs/"
# The market fixture's briefs, newest first: dated ones, then undated by file number.
ORDER = ["004_solution", "003_both", "002_eth", "001_btc", "007_btc", "006_btc"]
UNDATED = ["010_undated", "005_undated", "000_9a8fa79c9f871b61"]
DATES = {
    "004_solution": "2025-07-01",
    "003_both": "2025-06-10",
    "002_eth": "2025-06-04",
    "001_btc": "2025-06-02",
    "007_btc": "2025-05-27",
    "006_btc": "2025-05-20",
}
FEEDS = {  # folder -> the briefs its feed lists (feed_items is 4 in the fixture)
    "": ORDER[:4],
    "sentiment/bullish": ["004_solution", "001_btc", "007_btc", "006_btc"],
    "sentiment/bearish": ["002_eth", "005_undated"],
    "sentiment/neutral": ["003_both", "010_undated", "000_9a8fa79c9f871b61"],
    "asset/btc": ["003_both", "001_btc", "007_btc", "006_btc"],
    "asset/eth": ["003_both", "002_eth", "010_undated"],
    "asset/sol": ["004_solution"],
}


def url(stem: str) -> str:
    return f"{SITE_URL}briefs/{stem}/"


def test_every_feed_is_published_and_no_other(market: Path) -> None:
    found = {p.relative_to(market).as_posix() for p in market.rglob("feed.*")}
    expected = {f"{folder}/feed.{ext}".lstrip("/") for folder in FEEDS for ext in ("xml", "json")}
    assert found == expected | {"daily/feed.xml", "daily/feed.json"}  # days, not briefs


def test_the_api_list_made_in_parts_is_compact_json_whole(market: Path) -> None:
    """Each brief's record is dumped on its own and joined: the file is what one dump of
    the whole document gives, byte for byte."""
    text = (market / "api/briefs.json").read_text(encoding="utf-8")
    document = json.loads(text)
    assert list(document) == ["schema_version", "count", "briefs"]
    assert document["count"] == len(document["briefs"]) > 1
    assert text == json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def records(market: Path) -> dict[str, dict[str, Any]]:
    api = json.loads((market / "api/briefs.json").read_text(encoding="utf-8"))
    return {record["id"]: record for record in api["briefs"]}


@pytest.mark.parametrize("folder", list(FEEDS))
def test_rss_items_through_feedparser(market: Path, folder: str) -> None:
    parsed = feedparser.parse((market / folder / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert parsed.feed.link == SITE_URL + (f"{folder}/" if folder else "")
    stems = FEEDS[folder]
    assert [entry.link for entry in parsed.entries] == [url(stem) for stem in stems]
    assert [entry.id for entry in parsed.entries] == [url(stem) for stem in stems]
    for entry, stem in zip(parsed.entries, stems, strict=True):
        record = records(market)[stem]
        # RSS readers take titles and descriptions as HTML: the text arrives escaped once.
        assert html.unescape(entry.title) == record["headline"]
        assert html.unescape(entry.summary) == " ".join(record["summary"])
        assert [tag.term for tag in entry.tags] == [record["sentiment"], *record["tags"]]
        if stem in DATES:
            assert entry.published_parsed[:3] == tuple(map(int, DATES[stem].split("-")))
        else:
            assert "published" not in entry  # no invented date for an undated brief


@pytest.mark.parametrize("folder", list(FEEDS))
def test_json_feed_items_and_the_specs_required_fields(market: Path, folder: str) -> None:
    document = json.loads((market / folder / "feed.json").read_text(encoding="utf-8"))
    # Required by JSON Feed 1.1: version, title, items; per item: id, content_html or _text.
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(document["title"], str) and document["title"]
    assert isinstance(document["items"], list)
    for item in document["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert isinstance(item.get("content_text") or item.get("content_html"), str)
    assert document["home_page_url"] == SITE_URL + (f"{folder}/" if folder else "")
    assert document["feed_url"] == SITE_URL + f"{folder}/feed.json".lstrip("/")
    stems = FEEDS[folder]
    assert [item["url"] for item in document["items"]] == [url(stem) for stem in stems]
    assert [item["id"] for item in document["items"]] == [url(stem) for stem in stems]
    for item, stem in zip(document["items"], stems, strict=True):
        record = records(market)[stem]
        assert item["title"] == record["headline"]  # JSON strings are plain text
        assert item["summary"] == item["content_text"] == " ".join(record["summary"])
        assert item["tags"] == [record["sentiment"], *record["tags"]]
        if stem in DATES:
            assert item["date_published"] == f"{DATES[stem]}T00:00:00+00:00"  # RFC 3339
        else:
            assert "date_published" not in item


def test_rss_guid_is_the_permalink_and_dates_are_the_briefs(market: Path) -> None:
    text = (market / "feed.xml").read_text(encoding="utf-8")
    assert f'<guid isPermaLink="true">{url("004_solution")}</guid>' in text
    assert "<lastBuildDate>Tue, 01 Jul 2025 00:00:00 +0000</lastBuildDate>" in text
    assert "<pubDate>Tue, 01 Jul 2025 00:00:00 +0000</pubDate>" in text
    neutral = (market / "sentiment/neutral/feed.xml").read_text(encoding="utf-8")
    assert "<lastBuildDate>Tue, 10 Jun 2025 00:00:00 +0000</lastBuildDate>" in neutral
    assert neutral.count("<pubDate>") == 1


def test_hostile_text_stays_text_in_feeds(site: Path) -> None:
    rss = feedparser.parse((site / "feed.xml").read_bytes())
    assert not rss.bozo
    hostile = next(e for e in rss.entries if e.link.endswith("/briefs/001_hostile/"))
    assert hostile.title == (
        "&lt;b onmouseover=alert(1)&gt;Hostile&lt;/b&gt; {{ 7*7 }} &amp; *stars*"
    )  # HTML that shows the headline as written
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile.summary
    document = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    titles = [item["title"] for item in document["items"]]
    assert "<b onmouseover=alert(1)>Hostile</b> {{ 7*7 }} & *stars*" in titles


def test_feeds_without_site_url_stop_the_build_with_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path, {})
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        config.replace("site_url: https://example.github.io/market-briefs/\n", ""),
        encoding="utf-8",
    )
    assert build(project) == 2
    assert capsys.readouterr().err.splitlines() == [
        "mkdocs.yml:1: site_url is not set; feeds and canonical links need the site's full "
        "address, e.g. site_url: https://example.github.io/market-briefs/",
        "1 problem in 1 file",
    ]
    assert not (project / "site").exists()
